"""Validate loaded data against a JSON Schema; every error becomes a located finding.

Messages are written for the people who edit these files (reviewers,
catalog maintainers), not for schema authors: "expected text, found a
number; put the value in quotes" rather than "2.3 is not of type 'string'".
Unknown fields get a "did you mean" from the fields allowed at that place.

>>> from mcqa.load import load_text
>>> doc = load_text("id: x\\ntitel: Data literacy\\n", path="d.yaml")
>>> [(f.line, f.message) for f in validate_document(doc, "descriptor")]
[(1, "the required field 'title' is missing"), (2, "unknown field 'titel'; did you mean 'title'?")]
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from pydantic import BaseModel
from pydantic import ValidationError as ModelValidationError

from mcqa.load import Document, join_pointer, load_path
from mcqa.models._base import DATE_PATTERN, date_problem, number_problem
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding, Severity
from mcqa.schema import validator_for

__all__ = [
    "build_model",
    "iter_schema_findings",
    "model_findings",
    "read_descriptor",
    "suggest",
    "validate_document",
    "validate_model",
    "without",
]

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "nothing",
}

_PATTERN_NAMES = {
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD, e.g. 2027-06-30",
    DATE_PATTERN: "a date written YYYY-MM-DD, e.g. 2027-06-30",
    r"^[0-9a-f]{64}$": "a SHA-256 hash (64 hexadecimal digits)",
    r"^[a-z0-9][a-z0-9._-]*$": "an id of lowercase letters, digits, '.', '_' and '-'",
    r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$": "an id such as '2.3'",
    r"^(/([^~/]|~[01])*)*$": "a JSON Pointer such as '/learning_outcomes/0'",
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and number_problem(value) is not None:
        return "a whole number too large to write out"
    kind = _json_type(value)
    if kind in ("string", "integer", "number", "boolean"):
        text = repr(value) if isinstance(value, str) else str(value).lower()
        if len(text) > 40:
            text = text[:37] + "..."
        return f"{_TYPE_NAMES[kind]} {text}"
    return _TYPE_NAMES[kind]


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a mistyped ``word``, if any is close.

    >>> suggest("titel", ["title", "type"])
    'title'
    """
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(word.lower().replace("-", "_").replace(" ", "_"))


def _pointer(path: Iterable[str | int]) -> str:
    pointer = ""
    for token in path:
        pointer = join_pointer(pointer, token)
    return pointer


def _types_of(schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    if "$ref" in schema or "properties" in schema:
        return ["object"]
    if "const" in schema:
        return [_json_type(schema["const"])]
    if schema.get("enum"):
        return sorted({_json_type(v) for v in schema["enum"]})
    return []


def _expected(types: list[str], found: Any) -> str:
    names = [_TYPE_NAMES.get(t, t) for t in dict.fromkeys(types) if t != "null"]
    if not names:
        names = ["nothing"]
    text = " or ".join(names)
    message = f"expected {text}, found {_describe(found)}"
    if "string" in types and isinstance(found, (int, float, bool)):
        message += "; put the value in quotes"
    elif found is None and "null" not in types:
        message += "; fill in a value or remove the field"
    return message


class _Translator:
    def __init__(self, schema_validator: Draft202012Validator) -> None:
        self.validator = schema_validator

    def _properties_at(self, error: ValidationError) -> list[str]:
        schema = error.schema
        if not isinstance(schema, dict):
            return []
        properties = schema.get("properties", {})
        return list(properties) if isinstance(properties, dict) else []

    def translate(self, error: ValidationError) -> Iterator[tuple[str, str, bool]]:
        """Yield ``(pointer, message, at_key)`` for one schema error."""
        pointer = _pointer(error.absolute_path)
        keyword = error.validator
        value: Any = error.validator_value
        instance = error.instance

        if keyword == "additionalProperties" and isinstance(instance, dict):
            allowed = self._properties_at(error)
            for extra in sorted(key for key in instance if key not in allowed):
                message = f"unknown field {extra!r}"
                hint = suggest(extra, allowed)
                if hint:
                    message += f"; did you mean {hint!r}?"
                elif allowed:
                    message += "; allowed here: " + ", ".join(sorted(allowed))
                yield join_pointer(pointer, extra), message, True
            return
        if keyword == "required" and isinstance(instance, dict):
            for name in value:
                if name not in instance:
                    yield pointer, f"the required field {name!r} is missing", False
            return
        if keyword == "type":
            types = [value] if isinstance(value, str) else list(value)
            unusable = number_problem(instance) if {"number", "integer"} & set(types) else None
            yield pointer, unusable or _expected(types, instance), False
            return
        if keyword in ("anyOf", "oneOf"):
            yield from self._alternatives(error, pointer)
            return
        if keyword == "enum":
            choices = [str(v) for v in value if v is not None]
            message = f"{_describe(instance)} is not allowed; use one of: " + ", ".join(choices)
            hint = suggest(str(instance), choices) if isinstance(instance, str) else None
            if hint:
                message += f" (did you mean {hint!r}?)"
            yield pointer, message, False
            return
        if keyword == "const":
            yield pointer, f"must be {json.dumps(value)}, found {_describe(instance)}", False
            return
        if keyword == "pattern":
            impossible = (
                date_problem(instance)
                if value == DATE_PATTERN and isinstance(instance, str)
                else None
            )
            if impossible is not None:
                yield pointer, impossible, False
                return
            wanted = _PATTERN_NAMES.get(str(value), "the expected form")
            if "(0|[1-9]\\d*)\\." in str(value):
                wanted = "a semantic version such as 1.2.0"
            yield pointer, f"{_describe(instance)} is not {wanted}", False
            return
        if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
            unusable = number_problem(instance)
            if unusable is not None:
                yield pointer, unusable, False
                return
            words = {
                "minimum": "at least",
                "exclusiveMinimum": "more than",
                "maximum": "at most",
                "exclusiveMaximum": "less than",
            }[keyword]
            yield pointer, f"must be {words} {value}, found {instance}", False
            return
        if keyword == "minLength":
            text = "must not be empty" if value == 1 else f"needs at least {value} characters"
            yield pointer, text, False
            return
        if keyword == "format":
            names = {"regex": "regular expression", "date": "date written YYYY-MM-DD"}
            yield pointer, f"{_describe(instance)} is not a valid {names.get(value, value)}", False
            return
        if keyword == "maxLength":
            yield pointer, f"is longer than {value} characters", False
            return
        if keyword == "minItems":
            text = "must not be empty" if value == 1 else f"needs at least {value} items"
            yield pointer, text, False
            return
        if keyword == "maxItems":
            yield pointer, f"has more than {value} items", False
            return
        yield pointer, error.message, False

    def _alternatives(
        self, error: ValidationError, pointer: str
    ) -> Iterator[tuple[str, str, bool]]:
        options = error.validator_value if isinstance(error.validator_value, list) else []
        instance = error.instance
        context = list(error.context or [])
        # A tagged union (``type: binary`` or ``type: levels``): judge by the tag.
        discriminator = (
            error.schema.get("discriminator") if isinstance(error.schema, dict) else None
        )
        if isinstance(discriminator, dict) and isinstance(instance, dict):
            tag_name = discriminator.get("propertyName", "type")
            mapping = discriminator.get("mapping", {})
            tag = instance.get(tag_name)
            if not isinstance(tag, str) or tag not in mapping:  # a list or mapping is no tag
                where = join_pointer(pointer, tag_name) if tag_name in instance else pointer
                shown = (
                    f"the required field {tag_name!r} is missing"
                    if tag is None
                    else f"{_describe(tag)} is not allowed"
                )
                yield where, f"{shown}; use {tag_name}: " + " or ".join(mapping), False
                return
            branch = next((i for i, o in enumerate(options) if o.get("$ref") == mapping[tag]), None)
            for sub in context:
                if sub.relative_schema_path and sub.relative_schema_path[0] == branch:
                    yield from self.translate(sub)
            return
        # The value's type fits none of the alternatives: say which types would.
        types = [t for option in options for t in _types_of(self._resolve(option))]
        instance_type = _json_type(instance)
        fits = instance_type in types or (instance_type == "integer" and "number" in types)
        if types and not fits:
            yield pointer, _expected(types, instance), False
            return
        # Otherwise explain every problem in the alternative that came closest.
        depth = len(error.absolute_path)
        closer = [
            e
            for e in context
            if not (e.validator in ("type", "const") and len(e.absolute_path) == depth)
        ]
        candidates = closer or context
        chosen = best_match(candidates)
        # best_match may descend into a nested union: climb back to this union's own error.
        while chosen is not None and not any(chosen is c for c in candidates):
            chosen = chosen.parent
        if chosen is None:
            yield pointer, error.message, False
            return
        branch_index = chosen.relative_schema_path[0] if chosen.relative_schema_path else None
        for sub in candidates:
            if sub.relative_schema_path and sub.relative_schema_path[0] == branch_index:
                yield from self.translate(sub)

    def _resolve(self, schema: Any) -> Any:
        """Follow a local ``#/$defs/...`` reference; other schemas are returned as they are."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return schema
        target: Any = self.validator.schema
        for token in ref[2:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or token not in target:
                return schema
            target = target[token]
        return target


def iter_schema_findings(
    document: Document,
    schema_validator: Draft202012Validator,
    *,
    rule: str = "schema",
    severity: Severity = "error",
    standard: str | None = None,
    instance: Any = None,
    base: str = "",
) -> Iterator[Finding]:
    """Every way ``document.data`` breaks the schema, as located findings.

    With ``instance`` and ``base``, validate that part of the document instead
    (``instance`` is the value at the JSON Pointer ``base``).
    """
    translator = _Translator(schema_validator)
    seen: set[tuple[str, str]] = set()
    target = document.data if instance is None else instance
    for error in schema_validator.iter_errors(target):
        for relative, message, at_key in translator.translate(error):
            pointer = base + relative
            if (pointer, message) in seen:
                continue
            seen.add((pointer, message))
            finding_rule = "unknown-field" if message.startswith("unknown field") else rule
            yield document.finding(
                finding_rule, message, pointer, key=at_key, severity=severity, standard=standard
            )


# -- findings that do not quote the file -------------------------------------------
#
# A file reached through another file (a form's descriptor, a configured rubric, a
# file in a forms folder) may be anything, secrets included: with
# ``quote_content=False`` its findings keep their rule and location but say nothing
# of its keys, values or lines.

#: Loader rules whose messages never quote the file.
_CONTENT_FREE = {
    "empty",
    "encoding",
    "io",
    "limit-depth",
    "limit-size",
    "yaml-complex-key",
    "yaml-recursive-alias",
}
_GENERAL = {
    "yaml-syntax": "this is not valid YAML",
    "json-syntax": "this is not valid JSON",
    "duplicate-key": "a key appears more than once in this mapping",
    "yaml-tag": "a tag that is not allowed here; only plain YAML values are",
    "unknown-field": "a field that does not belong here",
}


def _unquoted(finding: Finding) -> Finding:
    """``finding`` with a message that quotes nothing of the file it is about."""
    if finding.rule in _CONTENT_FREE or finding.message.startswith("the required field"):
        return finding
    message = _GENERAL.get(finding.rule, "a value that does not fit here")
    related = tuple(r.model_copy(update={"message": "the other place"}) for r in finding.related)
    return finding.model_copy(update={"message": message, "related": related})


def validate_document(
    document: Document, schema_name: str, *, quote_content: bool = True
) -> list[Finding]:
    """Check a loaded document against one of mcqa's published schemas.

    Returns the loader's findings plus every schema error, sorted. A document
    that could not be loaded returns only the loader's findings. A number the
    loader refused (NaN, infinity, too large) is reported once, by the loader.
    With ``quote_content=False`` (for a file reached through another file) the
    messages name no key, value or line of the document, only where the
    problems are.
    """
    findings = list(document.findings)
    if document.data is not None:
        refused = {f.pointer for f in document.findings if f.rule == "number"}
        findings.extend(
            f
            for f in iter_schema_findings(document, validator_for(schema_name))
            if f.pointer not in refused
        )
    if not quote_content:
        findings = [_unquoted(f) for f in findings]
    return sorted(findings, key=Finding.sort_key)


def without(data: Any, pointers: Iterable[str]) -> Any:
    """A deep copy of ``data`` with the mapping entries at ``pointers`` left out.

    >>> without({"a": {"b": 1, "c": 2}}, ["/a/b"])
    {'a': {'c': 2}}
    """
    result = copy.deepcopy(data)
    for pointer in pointers:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
        if not tokens:
            continue
        target: Any = result
        for token in tokens[:-1]:
            if isinstance(target, list) and token.isdigit() and int(token) < len(target):
                target = target[int(token)]
            elif isinstance(target, dict):
                target = target.get(token)
            else:
                target = None
            if target is None:
                break
        if isinstance(target, dict):
            target.pop(tokens[-1], None)
    return result


M = TypeVar("M", bound=BaseModel)


# -- a model's errors as findings ------------------------------------------------------
#
# The schema pass explains errors; the model is built afterwards. Should the two
# ever disagree, the model's errors become findings here, located and worded as
# the schema pass words them, rather than an exception.

_MODEL_TYPES = {
    "string_type": "string",
    "int_type": "integer",
    "int_from_float": "integer",
    "int_parsing": "integer",
    "whole_number_type": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "number_type": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "list_type": "array",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "none_required": "null",
}

_MODEL_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def _holds(container: Any, token: int | str) -> bool:
    """Whether ``container`` (a mapping or a list) has an entry named ``token``."""
    if isinstance(container, dict):
        return isinstance(token, str) and token in container
    return isinstance(container, list) and isinstance(token, int) and 0 <= token < len(container)


def _model_location(data: Any, loc: tuple[int | str, ...], missing: bool) -> tuple[str, str | None]:
    """The JSON Pointer a pydantic ``loc`` names in ``data``, and where a union was entered.

    A ``loc`` mixes the path through the data with the labels of union members
    (``str``, ``list[str]``, ``NamedCheck``, a tag); walking the data tells them apart.
    """
    pointer, union = "", None
    current: Any = data
    for index, token in enumerate(loc):
        if _holds(current, token):
            current = current[token]
        elif missing and index == len(loc) - 1:
            current = None  # the field that is missing: name it
        else:
            union = pointer if union is None else union
            continue
        pointer = join_pointer(pointer, token)
    return pointer, union


def _value_at(data: Any, pointer: str) -> Any:
    current = data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(current, dict):
            current = current.get(token)
        elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
            current = current[int(token)]
        else:
            return None
    return current


def _model_message(detail: Any, pointer: str) -> tuple[str, str, bool]:
    """``(pointer, message, at_key)`` for one pydantic error, in the schema pass's words."""
    kind = str(detail.get("type", ""))
    found = detail.get("input")
    context = detail.get("ctx") or {}
    loc = detail.get("loc") or ()
    if kind == "missing":
        parent, _, name = pointer.rpartition("/")
        name = name.replace("~1", "/").replace("~0", "~")
        return parent, f"the required field {name!r} is missing", False
    if kind == "extra_forbidden":
        return pointer, f"unknown field {str(loc[-1]) if loc else ''!r}", True
    if kind in ("number_unusable", "finite_number"):
        return pointer, number_problem(found) or str(detail.get("msg", "")), False
    if kind in _MODEL_TYPES:
        expected = _MODEL_TYPES[kind]
        return pointer, number_problem(found) or _expected([expected], found), False
    if kind in _MODEL_BOUNDS:
        key, words = _MODEL_BOUNDS[kind]
        bound = context.get(key)
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # as the schema writes it: 0, not 0.0
        return pointer, f"must be {words} {bound}, found {found}", False
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        impossible = (
            date_problem(found) if pattern == DATE_PATTERN and isinstance(found, str) else None
        )
        wanted = _PATTERN_NAMES.get(pattern, "the expected form")
        return pointer, impossible or f"{_describe(found)} is not {wanted}", False
    if kind in ("string_too_short", "too_short"):
        least = context.get("min_length", 1)
        unit = "characters" if kind == "string_too_short" else "items"
        text = "must not be empty" if least == 1 else f"needs at least {least} {unit}"
        return pointer, text, False
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind == "string_too_long" else "items"
        return pointer, f"has more than {context.get('max_length')} {unit}", False
    if kind == "literal_error":
        return pointer, f"{_describe(found)} is not allowed; use {context.get('expected')}", False
    if kind == "union_tag_invalid":
        tag = str(context.get("discriminator", "type")).strip("'")
        where = join_pointer(pointer, tag)
        allowed = str(context.get("expected_tags", "")).replace("'", "")
        return where, f"{_describe(context.get('tag'))} is not allowed; use {tag}: {allowed}", False
    if kind == "union_tag_not_found":
        tag = str(context.get("discriminator", "type")).strip("'")
        return pointer, f"the required field {tag!r} is missing", False
    message = str(detail.get("msg", "")).removeprefix("Value error, ")
    return pointer, message, False


def model_findings(document: Document, error: ModelValidationError, data: Any) -> list[Finding]:
    """A pydantic model's errors about ``data`` (the document's data, or part of it
    with some fields left out) as findings located in ``document``, worded as the
    schema pass words its own. Errors inside one alternative of a union are kept
    for the alternative that came closest.
    """
    groups: dict[str | None, list[tuple[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        pointer, union = _model_location(data, tuple(detail["loc"]), detail["type"] == "missing")
        groups.setdefault(union, []).append((pointer, detail))
    results: list[tuple[str, str, bool]] = []
    for union, members in groups.items():
        if union is None:
            results.extend(_model_message(detail, pointer) for pointer, detail in members)
            continue
        inside = [(p, d) for p, d in members if p != union or d["type"] == "missing"]
        if inside:
            # The value had the shape of some alternatives: explain the closest one.
            by_label: dict[str, list[tuple[str, Any]]] = {}
            for pointer, detail in inside:
                by_label.setdefault(_label(detail, union, data), []).append((pointer, detail))
            closest = min(by_label.values(), key=len)
            results.extend(_model_message(detail, pointer) for pointer, detail in closest)
            continue
        kinds = [_MODEL_TYPES.get(str(d["type"])) for _, d in members]
        found = _value_at(data, union)
        if all(kinds):
            unusable = number_problem(found)
            message = unusable or _expected([k for k in kinds if k], found)
            results.append((union, message, False))
        else:
            results.append(_model_message(members[0][1], members[0][0]))
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for pointer, message, at_key in results:
        if (pointer, message) in seen:
            continue
        seen.add((pointer, message))
        rule = "unknown-field" if message.startswith("unknown field") else "schema"
        findings.append(document.finding(rule, message, pointer, key=at_key))
    return sorted(findings, key=Finding.sort_key)


def _label(detail: Any, union: str, data: Any) -> str:
    """The union member an error came from: the first ``loc`` token the data does not hold."""
    current: Any = data
    for token in detail["loc"]:
        if not _holds(current, token):
            return str(token)
        current = current[token]
    return union


def build_model(
    document: Document, model: type[M], data: Any = None
) -> tuple[M | None, list[Finding]]:
    """``model`` built from ``data`` (default: the document's data), or ``None`` and findings.

    Never raises for what the data holds: the model's errors become located
    findings (:func:`model_findings`).
    """
    target = document.data if data is None else data
    try:
        return model.model_validate(target), []
    except ModelValidationError as exc:
        return None, model_findings(document, exc, target)
    except RecursionError:
        return None, [document.finding("limit-depth", "values are nested too deeply to read", "")]
    except (OverflowError, ValueError, TypeError) as exc:
        return None, [document.finding("schema", f"the values cannot be read: {exc}", "")]


def validate_model(
    document: Document, schema_name: str, model: type[M], *, quote_content: bool = True
) -> tuple[M | None, list[Finding]]:
    """Raw -> validated -> typed: the model built from a document, and every finding.

    The model is ``None`` when the document has errors; findings list them all.

    >>> from mcqa.load import load_text
    >>> from mcqa.models import Descriptor
    >>> doc = load_text("id: d1\\ntitle: Data literacy\\n", path="d.yaml")
    >>> descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    >>> descriptor.title, findings
    ('Data literacy', [])
    """
    findings = validate_document(document, schema_name, quote_content=quote_content)
    if document.data is None or any(f.severity == "error" for f in findings):
        return None, findings
    typed, problems = build_model(document, model)
    if not quote_content:
        problems = [_unquoted(f) for f in problems]
    if typed is None:
        return None, sorted([*findings, *problems], key=Finding.sort_key)
    return typed, findings


def read_descriptor(
    path: str | Path, *, display: str | None = None
) -> tuple[Descriptor | None, Document, list[Finding]]:
    """Load, validate and type one descriptor file.

    Returns the descriptor (``None`` if it has errors), the loaded document
    (for locating later findings) and every finding so far.
    """
    document = load_path(path, display=display)
    descriptor, findings = validate_model(document, "descriptor", Descriptor)
    return descriptor, document, findings
