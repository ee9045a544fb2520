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
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding, Severity
from mcqa.schema import validator_for

__all__ = [
    "iter_schema_findings",
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
            yield pointer, _expected(types, instance), False
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
            wanted = _PATTERN_NAMES.get(str(value), "the expected form")
            if "(0|[1-9]\\d*)\\." in str(value):
                wanted = "a semantic version such as 1.2.0"
            yield pointer, f"{_describe(instance)} is not {wanted}", False
            return
        if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
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
            if tag not in mapping:
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
        chosen = best_match(closer or context)
        if chosen is None:
            yield pointer, error.message, False
            return
        branch_index = chosen.relative_schema_path[0] if chosen.relative_schema_path else None
        for sub in closer or context:
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


def validate_document(document: Document, schema_name: str) -> list[Finding]:
    """Check a loaded document against one of mcqa's published schemas.

    Returns the loader's findings plus every schema error, sorted. A document
    that could not be loaded returns only the loader's findings.
    """
    findings = list(document.findings)
    if document.data is not None:
        findings.extend(iter_schema_findings(document, validator_for(schema_name)))
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


def validate_model(
    document: Document, schema_name: str, model: type[M]
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
    findings = validate_document(document, schema_name)
    if document.data is None or any(f.severity == "error" for f in findings):
        return None, findings
    try:
        return model.model_validate(document.data), findings
    except ModelValidationError as exc:
        for error in exc.errors():
            pointer = ""
            for token in error["loc"]:
                if isinstance(token, (str, int)) and not str(token).startswith("function-"):
                    pointer = join_pointer(pointer, token)
            findings.append(document.finding("schema", error["msg"], pointer))
        return None, sorted(findings, key=Finding.sort_key)


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
