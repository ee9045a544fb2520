"""Rubric schema fragments compiled to plain Python predicates, for speed.

Most automated standards are small JSON Schema fragments (``required``,
``properties``, ``minItems`` ...) applied to every descriptor. Asking
``jsonschema`` whether a descriptor is valid walks its general machinery for
each of them; most descriptors pass most fragments, so :func:`compile_schema`
turns a fragment into a predicate that answers the same question directly.
The engine asks ``jsonschema`` only when the predicate says "invalid", to
explain why, or when a fragment uses a keyword this module does not know
(:func:`compile_schema` then returns ``None``).

The predicate must agree with Draft 2020-12 validation (without format
assertion, as the engine validates) on every instance; a differential test
checks this against ``jsonschema`` on generated schemas and data. Both run
``pattern`` on RE2 (:func:`mcqa._regex.compile_pattern`), so a pattern from a
rubric takes time linear in the text; one RE2 refuses is left to ``jsonschema``,
which raises :class:`mcqa._regex.PatternError` for it.

mcqa's own published schemas (a descriptor's, a review form's) compile too
(:func:`mcqa.schema.predicate_for`): a file that is valid, as most are, is then
never walked by ``jsonschema``, which runs only to word what is wrong.

>>> is_valid = compile_schema({"required": ["title"], "properties": {"title": {"minLength": 1}}})
>>> is_valid({"title": "Data literacy"}), is_valid({"title": ""}), is_valid([])
(True, False, True)
>>> compile_schema({"$ref": "https://example.org/other.json"}) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mcqa._regex import PatternError, compile_pattern

__all__ = ["Predicate", "compile_schema"]

Predicate = Callable[[Any], bool]

#: Keywords that never change the outcome of validation.
_ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "examples", "default", "format", "deprecated",
     "readOnly", "writeOnly"}
)  # fmt: skip


class _Unsupported(Exception):
    """The fragment uses a keyword (or a form of one) this compiler does not handle."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if name == "number":
        return _is_number(value)
    if name == "integer":
        return _is_number(value) and (isinstance(value, int) or float(value).is_integer())
    raise _Unsupported(f"type {name!r}")


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return bool(a == b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def _all(tests: list[Predicate]) -> Predicate:
    if not tests:
        return lambda value: True
    if len(tests) == 1:
        return tests[0]
    return lambda value: all(test(value) for test in tests)


class _Compiler:
    """Compiles one schema; ``$ref`` resolves within it (``#``, ``#/$defs/...``), each
    target compiled once (a schema that refers to itself included)."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Predicate] = {}

    def ref(self, target: Any) -> Predicate:
        if not isinstance(target, str) or not (target == "#" or target.startswith("#/")):
            raise _Unsupported("a $ref outside the schema")
        known = self.refs.get(target)
        if known is not None:
            return known
        node = self.root
        for token in target[2:].split("/") if target != "#" else ():
            if "%" in token:
                raise _Unsupported("a percent-encoded $ref")
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, Mapping) or token not in node:
                raise _Unsupported("a $ref to nothing")
            node = node[token]
        compiled: list[Predicate] = []
        self.refs[target] = lambda value: compiled[0](value)  # the target may refer to itself
        compiled.append(self.compile(node))
        return self.refs[target]

    def compile(self, schema: Any) -> Predicate:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, Mapping):
            raise _Unsupported("a schema must be an object or a boolean")
        if "$id" in schema and schema is not self.root:
            raise _Unsupported("$id inside a schema")
        tests: list[Predicate] = []
        for keyword, argument in schema.items():
            if keyword in _ANNOTATIONS or keyword in _SKIPPED:
                continue
            tests.append(self.keyword(keyword, argument, schema))
        return _all(tests)

    def keyword(self, keyword: str, argument: Any, schema: Mapping[str, Any]) -> Predicate:
        if keyword == "$ref":
            return self.ref(argument)
        if keyword == "additionalProperties":
            if "patternProperties" in schema:
                raise _Unsupported("patternProperties")
            known = schema.get("properties", {})
            if argument is True:
                return lambda value: True
            if argument is False:
                return lambda value: not isinstance(value, dict) or all(k in known for k in value)
            extra = self.compile(argument)
            return lambda value: (
                not isinstance(value, dict) or all(extra(value[k]) for k in value if k not in known)
            )
        if keyword == "type":
            names = [argument] if isinstance(argument, str) else list(argument)
            for name in names:
                _is_type(None, name)  # reject unknown type names now
            return lambda value: any(_is_type(value, name) for name in names)
        if keyword == "required":
            needed = list(argument)
            return lambda value: not isinstance(value, dict) or all(k in value for k in needed)
        if keyword == "properties":
            inner = {name: self.compile(sub) for name, sub in argument.items()}
            return lambda value: (
                not isinstance(value, dict)
                or all(test(value[name]) for name, test in inner.items() if name in value)
            )
        if keyword == "items":
            item = self.compile(argument)
            return lambda value: not isinstance(value, list) or all(item(x) for x in value)
        if keyword == "contains":
            if "minContains" in schema or "maxContains" in schema:
                raise _Unsupported("minContains / maxContains")
            wanted = self.compile(argument)
            return lambda value: not isinstance(value, list) or any(wanted(x) for x in value)
        if keyword in ("minItems", "maxItems", "minLength", "maxLength", "minProperties",
                       "maxProperties"):  # fmt: skip
            return _size(keyword, argument)
        if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            return _bound(keyword, argument)
        if keyword == "const":
            return lambda value: _equal(value, argument)
        if keyword == "enum":
            options = list(argument)
            return lambda value: any(_equal(value, option) for option in options)
        if keyword == "pattern":
            try:
                compiled = compile_pattern(argument)
            except PatternError as error:
                raise _Unsupported(str(error)) from None
            return lambda value: not isinstance(value, str) or compiled.search(value) is not None
        if keyword in ("allOf", "anyOf", "oneOf"):
            parts = [self.compile(sub) for sub in argument]
            if keyword == "allOf":
                return lambda value: all(part(value) for part in parts)
            if keyword == "anyOf":
                return lambda value: any(part(value) for part in parts)
            return lambda value: sum(1 for part in parts if part(value)) == 1
        if keyword == "not":
            negated = self.compile(argument)
            return lambda value: not negated(value)
        if keyword == "if":
            condition = self.compile(argument)
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            return lambda value: then(value) if condition(value) else otherwise(value)
        raise _Unsupported(keyword)


#: Keywords read where they are needed (``then`` and ``else`` by ``if``), or that hold
#: definitions rather than assertions (``$defs``), or name the dialect (``$schema``,
#: and the root's ``$id``, against which ``#`` references resolve).
_SKIPPED = frozenset({"then", "else", "$defs", "$schema", "$id"})


def _size(keyword: str, limit: int) -> Predicate:
    kind = {"Items": list, "Length": str, "Properties": dict}[keyword[3:]]
    if keyword.startswith("min"):
        return lambda value: not isinstance(value, kind) or len(value) >= limit
    return lambda value: not isinstance(value, kind) or len(value) <= limit


def _bound(keyword: str, limit: float) -> Predicate:
    # Written as jsonschema writes them, so NaN (which compares false) passes as it does there.
    compare: dict[str, Callable[[Any], bool]] = {
        "minimum": lambda v: not v < limit,
        "maximum": lambda v: not v > limit,
        "exclusiveMinimum": lambda v: not v <= limit,
        "exclusiveMaximum": lambda v: not v >= limit,
    }
    test = compare[keyword]
    return lambda value: not _is_number(value) or test(value)


def compile_schema(schema: Any) -> Predicate | None:
    """A predicate that tells whether an instance is valid against ``schema``.

    ``$ref`` is followed within the schema (``#`` and ``#/$defs/...``). ``None``
    when the schema uses something this compiler does not handle (a ``$ref`` to
    another schema, ``patternProperties``, ``unevaluatedProperties``, ...): ask
    ``jsonschema`` then.
    """
    try:
        return _Compiler(schema).compile(schema)
    except (_Unsupported, TypeError, AttributeError, KeyError):
        return None
