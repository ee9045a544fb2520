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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from pydantic import BaseModel
from pydantic import ValidationError as ModelValidationError

from mcqa._normalise import Normalised, normalise
from mcqa.load import Document, join_pointer, load_path
from mcqa.models._base import DATE_PATTERN, date_problem, number_problem
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding, RelatedLocation, Severity
from mcqa.schema import predicate_for, validator_for

__all__ = [
    "BadValue",
    "Cleaned",
    "CleanedDocument",
    "build_model",
    "clean_subject",
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


class _Said(NamedTuple):
    """One problem a schema or model error states, in the words of the people who edit files."""

    pointer: str
    """Where to show it: the value concerned, or the mapping that lacks a required field."""
    message: str
    at_key: bool
    """Show it at the key of :attr:`pointer` (an unknown field) rather than its value."""
    field: str | None = None
    """The value concerned when it is not :attr:`pointer`: the field that is missing."""


_YES = frozenset({"yes", "y", "on", "true", "ok", "pass", "passed", "met."})
_NO = frozenset({"no", "n", "off", "false", "fail", "failed", "not met", "not-met", "notmet"})


def _verdict_meant(value: Any) -> str | None:
    """The verdict a reviewer meant by ``yes``, ``no``, ``true`` ... (``None``: no guess).

    >>> _verdict_meant("Yes"), _verdict_meant(False), _verdict_meant("maybe")
    ('met', 'not_met', None)
    """
    if isinstance(value, bool):
        return "met" if value else "not_met"
    if not isinstance(value, str):
        return None
    word = " ".join(value.lower().split())
    if word in _YES:
        return "met"
    if word in _NO:
        return "not_met"
    return None


class _Translator:
    def __init__(self, schema_validator: Draft202012Validator) -> None:
        self.validator = schema_validator

    def _properties_at(self, error: ValidationError) -> list[str]:
        schema = error.schema
        if not isinstance(schema, dict):
            return []
        properties = schema.get("properties", {})
        return list(properties) if isinstance(properties, dict) else []

    def translate(self, error: ValidationError) -> Iterator[_Said]:
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
                yield _Said(join_pointer(pointer, extra), message, True)
            return
        if keyword == "required" and isinstance(instance, dict):
            for name in value:
                if name not in instance:
                    yield _Said(
                        pointer,
                        f"the required field {name!r} is missing",
                        False,
                        join_pointer(pointer, name),
                    )
            return
        if keyword == "type":
            enum = error.schema.get("enum") if isinstance(error.schema, dict) else None
            if isinstance(enum, list) and instance not in enum:
                return  # the enum's message says what to write instead
            types = [value] if isinstance(value, str) else list(value)
            unusable = number_problem(instance) if {"number", "integer"} & set(types) else None
            yield _Said(pointer, unusable or _expected(types, instance), False)
            return
        if keyword in ("anyOf", "oneOf"):
            yield from self._alternatives(error, pointer)
            return
        if keyword == "enum":
            choices = [str(v) for v in value if v is not None]
            verdict = _verdict_meant(instance) if "met" in choices else None
            if verdict is not None:
                yield _Said(
                    pointer,
                    f"{_describe(instance)} is not a verdict; write {verdict} "
                    "(the verdicts are met, not_met and not_applicable)",
                    False,
                )
                return
            message = f"{_describe(instance)} is not allowed; use one of: " + ", ".join(choices)
            hint = suggest(str(instance), choices) if isinstance(instance, str) else None
            if hint:
                message += f" (did you mean {hint!r}?)"
            yield _Said(pointer, message, False)
            return
        if keyword == "const":
            yield _Said(pointer, f"must be {json.dumps(value)}, found {_describe(instance)}", False)
            return
        if keyword == "pattern":
            impossible = (
                date_problem(instance)
                if value == DATE_PATTERN and isinstance(instance, str)
                else None
            )
            if impossible is not None:
                yield _Said(pointer, impossible, False)
                return
            wanted = _PATTERN_NAMES.get(str(value), "the expected form")
            if "(0|[1-9]\\d*)\\." in str(value):
                wanted = "a semantic version such as 1.2.0"
            yield _Said(pointer, f"{_describe(instance)} is not {wanted}", False)
            return
        if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
            unusable = number_problem(instance)
            if unusable is not None:
                yield _Said(pointer, unusable, False)
                return
            words = {
                "minimum": "at least",
                "exclusiveMinimum": "more than",
                "maximum": "at most",
                "exclusiveMaximum": "less than",
            }[keyword]
            yield _Said(pointer, f"must be {words} {value}, found {instance}", False)
            return
        if keyword == "minLength":
            text = "must not be empty" if value == 1 else f"needs at least {value} characters"
            yield _Said(pointer, text, False)
            return
        if keyword == "format":
            names = {"regex": "regular expression", "date": "date written YYYY-MM-DD"}
            yield _Said(
                pointer, f"{_describe(instance)} is not a valid {names.get(value, value)}", False
            )
            return
        if keyword == "maxLength":
            yield _Said(pointer, f"is longer than {value} characters", False)
            return
        if keyword == "minItems":
            text = "must not be empty" if value == 1 else f"needs at least {value} items"
            yield _Said(pointer, text, False)
            return
        if keyword == "maxItems":
            yield _Said(pointer, f"has more than {value} items", False)
            return
        yield _Said(pointer, error.message, False)

    def _alternatives(self, error: ValidationError, pointer: str) -> Iterator[_Said]:
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
                message = f"{shown}; use {tag_name}: " + " or ".join(mapping)
                yield _Said(where, message, False, join_pointer(pointer, tag_name))
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
            yield _Said(pointer, _expected(types, instance), False)
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
            yield _Said(pointer, error.message, False)
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
    target = document.data if instance is None else instance
    for said in _schema_problems(schema_validator, target):
        finding_rule = "unknown-field" if said.message.startswith("unknown field") else rule
        yield document.finding(
            finding_rule,
            said.message,
            base + said.pointer,
            key=said.at_key,
            severity=severity,
            standard=standard,
        )


def _schema_problems(schema_validator: Draft202012Validator, instance: Any) -> Iterator[_Said]:
    """Every way ``instance`` breaks the schema, each problem once, in the validator's order."""
    translator = _Translator(schema_validator)
    seen: set[tuple[str, str]] = set()
    for error in schema_validator.iter_errors(instance):
        for said in translator.translate(error):
            if (said.pointer, said.message) in seen:
                continue
            seen.add((said.pointer, said.message))
            yield said


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
    valid = predicate_for(schema_name)
    if document.data is not None and not (valid is not None and valid(document.data)):
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


def _model_message(detail: Any, pointer: str) -> _Said:
    """One pydantic error, in the schema pass's words."""
    kind = str(detail.get("type", ""))
    found = detail.get("input")
    context = detail.get("ctx") or {}
    loc = detail.get("loc") or ()
    if kind == "missing":
        parent, _, name = pointer.rpartition("/")
        name = name.replace("~1", "/").replace("~0", "~")
        return _Said(parent, f"the required field {name!r} is missing", False, pointer)
    if kind == "extra_forbidden":
        return _Said(pointer, f"unknown field {str(loc[-1]) if loc else ''!r}", True)
    if kind in ("number_unusable", "finite_number"):
        return _Said(pointer, number_problem(found) or str(detail.get("msg", "")), False)
    if kind in _MODEL_TYPES:
        expected = _MODEL_TYPES[kind]
        return _Said(pointer, number_problem(found) or _expected([expected], found), False)
    if kind in _MODEL_BOUNDS:
        key, words = _MODEL_BOUNDS[kind]
        bound = context.get(key)
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)  # as the schema writes it: 0, not 0.0
        return _Said(pointer, f"must be {words} {bound}, found {found}", False)
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        impossible = (
            date_problem(found) if pattern == DATE_PATTERN and isinstance(found, str) else None
        )
        wanted = _PATTERN_NAMES.get(pattern, "the expected form")
        return _Said(pointer, impossible or f"{_describe(found)} is not {wanted}", False)
    if kind in ("string_too_short", "too_short"):
        least = context.get("min_length", 1)
        unit = "characters" if kind == "string_too_short" else "items"
        text = "must not be empty" if least == 1 else f"needs at least {least} {unit}"
        return _Said(pointer, text, False)
    if kind in ("string_too_long", "too_long"):
        unit = "characters" if kind == "string_too_long" else "items"
        return _Said(pointer, f"has more than {context.get('max_length')} {unit}", False)
    if kind == "literal_error":
        return _Said(
            pointer, f"{_describe(found)} is not allowed; use {context.get('expected')}", False
        )
    if kind == "union_tag_invalid":
        tag = str(context.get("discriminator", "type")).strip("'")
        where = join_pointer(pointer, tag)
        allowed = str(context.get("expected_tags", "")).replace("'", "")
        return _Said(
            where, f"{_describe(context.get('tag'))} is not allowed; use {tag}: {allowed}", False
        )
    if kind == "union_tag_not_found":
        tag = str(context.get("discriminator", "type")).strip("'")
        return _Said(
            pointer, f"the required field {tag!r} is missing", False, join_pointer(pointer, tag)
        )
    message = str(detail.get("msg", "")).removeprefix("Value error, ")
    return _Said(pointer, message, False)


def model_findings(document: Document, error: ModelValidationError, data: Any) -> list[Finding]:
    """A pydantic model's errors about ``data`` (the document's data, or part of it
    with some fields left out) as findings located in ``document``, worded as the
    schema pass words its own. Errors inside one alternative of a union are kept
    for the alternative that came closest.
    """
    findings: list[Finding] = []
    for said in _model_problems(error, data):
        rule = "unknown-field" if said.message.startswith("unknown field") else "schema"
        findings.append(document.finding(rule, said.message, said.pointer, key=said.at_key))
    return sorted(findings, key=Finding.sort_key)


def _model_problems(error: ModelValidationError, data: Any) -> list[_Said]:
    """A pydantic model's errors about ``data``, each once, as the schema pass words them."""
    groups: dict[str | None, list[tuple[str, Any]]] = {}
    for detail in error.errors(include_url=False):
        pointer, union = _model_location(data, tuple(detail["loc"]), detail["type"] == "missing")
        groups.setdefault(union, []).append((pointer, detail))
    results: list[_Said] = []
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
            results.append(_Said(union, message, False))
        else:
            results.append(_model_message(members[0][1], members[0][0]))
    unique: list[_Said] = []
    seen: set[tuple[str, str]] = set()
    for said in results:
        if (said.pointer, said.message) not in seen:
            seen.add((said.pointer, said.message))
            unique.append(said)
    return unique


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


# -- scoring what can be read ----------------------------------------------------------
#
# A descriptor (or programme) is scored whatever shape one of its fields has: a
# value of the wrong shape is a located finding, is left out of what the checks
# see, and counts against the standards that rest on it (see mcqa._fields and
# mcqa.evaluate). Only the smallest bad part is left out: an item of a list, one
# field of a mapping. Short forms that can mean one thing only are read first
# (mcqa._normalise).

#: Loader findings whose value cannot be used as it stands (NaN, a tag mcqa refuses).
_UNUSABLE = frozenset({"number", "yaml-tag"})
_MAX_PASSES = 200


def _split(pointer: str) -> list[str]:
    return (
        [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]] if pointer else []
    )


def _under(pointer: str, parent: str) -> bool:
    return pointer.startswith(parent + "/") if parent else bool(pointer)


@dataclass(frozen=True)
class _Origins:
    """Where a value of the cleaned data stands in the data as normalised, and as written."""

    kept: Mapping[str, Sequence[int]]
    """For each list some items were left out of (by its pointer in the normalised
    data): the indexes of the items kept."""
    normalised: Normalised

    def canonical(self, pointer: str) -> str:
        """``pointer`` (into the cleaned data) as a pointer into the normalised data."""
        if not self.kept or not pointer:
            return pointer
        result = ""
        for token in _split(pointer):
            kept = self.kept.get(result)
            if kept is not None and token.isdigit() and int(token) < len(kept):
                token = str(kept[int(token)])
            result = join_pointer(result, token)
        return result

    def written(self, pointer: str) -> str:
        """``pointer`` (into the cleaned data) as a pointer into the data as written."""
        return self.normalised.origin(self.canonical(pointer))


@dataclass(frozen=True)
class CleanedDocument(Document):
    """A document as the checks see it.

    ``data`` holds what could be read, in canonical form (short forms rewritten,
    bad values left out); :meth:`finding` takes pointers into that data and
    locates them in the file as written, so a finding about the third item of a
    list whose second item was left out still names the right line and pointer.
    """

    origins: _Origins | None = None

    def written(self, pointer: str) -> str:
        """Where the value at ``pointer`` (into :attr:`data`) stands in the file."""
        return self.origins.written(pointer) if self.origins is not None else pointer

    def finding(
        self,
        rule: str,
        message: str,
        pointer: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        standard: str | None = None,
        related: tuple[RelatedLocation, ...] = (),
    ) -> Finding:
        return super().finding(
            rule,
            message,
            self.written(pointer),
            key=key,
            severity=severity,
            standard=standard,
            related=related,
        )


@dataclass(frozen=True)
class BadValue:
    """A value that cannot be used: the finding that says why, and what it leaves out."""

    finding: Finding
    """Located at the value as written; severity ``error``, no standard."""
    fields: tuple[str, ...]
    """JSON Pointers, into the canonical data, of the values left out (or, for a
    required field that is missing, of that field)."""
    inside: tuple[str, ...] = ()
    """Pointers of everything the value the finding is about held (its items and
    fields), so that a bad item counts only against a standard that reads a field
    such items hold."""


@dataclass(frozen=True)
class Cleaned(Generic[M]):
    """A document typed as far as it can be (:func:`clean_subject`)."""

    document: Document
    """The document as the checks see it (a :class:`CleanedDocument` when anything
    was rewritten or left out): its ``data`` is the cleaned plain data."""
    model: M | None
    """The model built from the cleaned data; ``None`` only when the file holds no mapping."""
    findings: tuple[Finding, ...]
    """Every finding, sorted: the loader's, ``normalised`` notes, unknown fields
    (warnings) and the bad values' errors."""
    bad: tuple[BadValue, ...]
    """The values left out, each with its finding."""

    @property
    def data(self) -> Any:
        """The cleaned plain data."""
        return self.document.data


@dataclass
class _Bad:
    finding: Finding
    fields: list[str]
    """The value the finding is about first, then what was left out with it."""


def _prune(data: Any, dropped: Mapping[str, int]) -> tuple[Any, dict[str, list[int]]]:
    """A copy of ``data`` without the values at ``dropped``; and the items kept of each list."""
    kept: dict[str, list[int]] = {}

    def walk(value: Any, pointer: str) -> Any:
        if isinstance(value, dict):
            result: dict[str, Any] = {}
            for name, item in value.items():
                here = join_pointer(pointer, name)
                if here not in dropped:
                    result[name] = walk(item, here)
            return result
        if isinstance(value, list):
            items: list[Any] = []
            indexes: list[int] = []
            for index, item in enumerate(value):
                here = join_pointer(pointer, index)
                if here not in dropped:
                    indexes.append(index)
                    items.append(walk(item, here))
            if len(indexes) != len(value):
                kept[pointer] = indexes
            return items
        return value

    return walk(data, ""), kept


def _with_required(
    model: type[BaseModel], data: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``data`` with a stand-in for each required text field that is missing, and their names."""
    filled: list[str] = []
    result = data
    for name, info in model.model_fields.items():
        key = info.alias or name
        if info.is_required() and key not in data and info.annotation is str:
            result = {**result, key: "-"}
            filled.append(name)
    return result, filled


def clean_subject(document: Document, schema_name: str, model: type[M]) -> Cleaned[M]:
    """Type ``document`` as ``model`` (published schema ``schema_name``) as far as it can be.

    Short forms are read first (:func:`mcqa._normalise.normalise`, each with an
    ``info`` finding). Then every value of the wrong shape (text where a number
    belongs, a list where text belongs, an impossible date, NaN, an unknown
    choice, an item of the wrong type) is a located ``error`` finding and is left
    out, the smallest part that holds it: the item of a list, the field of a
    mapping, or the mapping that lacks a required field. Unknown fields are
    warnings and are left out. What is left is typed; a required text field that
    is missing at the top (``id``, ``title``) is an error and is typed as ``""``.

    Only a document that holds no mapping (unreadable, empty, a list or a
    scalar at the top) has no model. Never raises for what the document holds.

    >>> from mcqa.load import load_text
    >>> from mcqa.models import Descriptor
    >>> doc = load_text("id: d\\ntitle: T\\nworkload:\\n  hours: forty\\n  ects: 2\\n")
    >>> cleaned = clean_subject(doc, "descriptor", Descriptor)
    >>> cleaned.model.workload
    Workload(hours=None, ects=2.0, credit_hours=None, ceus=None, duration_weeks=None, pace=None)
    >>> [(b.finding.line, b.fields) for b in cleaned.bad]
    [(4, ('/workload/hours',))]
    """
    if not isinstance(document.data, dict):
        findings = validate_document(document, schema_name)
        if not any(f.severity == "error" for f in findings):  # a Document made by hand
            findings.append(document.finding("empty", "the file holds no data", ""))
        return Cleaned(document, None, tuple(sorted(findings, key=Finding.sort_key)), ())
    try:
        return _clean(document, schema_name, model)
    except RecursionError:
        deep = document.finding("limit-depth", "values are nested too deeply to read", "")
        findings = sorted([*document.findings, deep], key=Finding.sort_key)
        return Cleaned(document, None, tuple(findings), ())


def _clean(document: Document, schema_name: str, model: type[M]) -> Cleaned[M]:
    normalised = normalise(document.data, schema_name)
    notes = [
        document.finding("normalised", message, normalised.origin(pointer), severity="info")
        for pointer, message in normalised.notes
    ]
    if document.ok and not normalised.problems:
        # Fast path: the model and the schema agree, so data the model accepts
        # needs no schema pass (which is only there to explain errors well).
        try:
            quick = model.model_validate(normalised.data)
        except (ModelValidationError, OverflowError, RecursionError, ValueError, TypeError):
            pass
        else:
            view = document
            if normalised.data is not document.data:
                view = _view(document, normalised.data, _Origins({}, normalised))
            findings = sorted([*document.findings, *notes], key=Finding.sort_key)
            return Cleaned(view, quick, tuple(findings), ())

    kept: list[Finding] = []
    bad: list[_Bad] = []
    dropped: dict[str, int] = {}
    """Pointer (into the normalised data) of each value left out -> the index of its
    entry in ``bad``; -1 for an unknown field."""
    for finding in document.findings:
        if finding.severity != "error" or finding.rule == "yaml-complex-key":
            kept.append(finding if finding.severity != "error" else _warning(finding))
        elif finding.pointer:
            field = normalised.canonical(finding.pointer)
            bad.append(_Bad(finding, [field]))
            if finding.rule in _UNUSABLE:
                dropped[field] = len(bad) - 1
        else:  # about the file as a whole (a tag on the top mapping): the data is still read
            kept.append(_warning(finding))
    for pointer, message in normalised.problems:
        bad.append(_Bad(document.finding("schema", message, normalised.origin(pointer)), [pointer]))
        dropped[pointer] = len(bad) - 1
    warnings: list[Finding] = []
    seen: set[tuple[str, str]] = set()

    def take(said: _Said, origins: _Origins) -> bool:
        """Record one problem; True when it leaves out a value not left out before."""
        pointer = origins.canonical(said.pointer)
        field = origins.canonical(said.field) if said.field is not None else pointer
        if said.message.startswith("unknown field"):
            if pointer in dropped:
                return False
            dropped[pointer] = -1
            where = normalised.origin(pointer)
            warnings.append(
                document.finding(
                    "unknown-field", said.message, where, key=said.at_key, severity="warning"
                )
            )
            return True
        target = pointer or None  # the top mapping itself is never left out
        cause = dropped.get(field, -1)
        if cause < 0 and target is not None:
            # A consequence of a value already left out (a list now empty, an
            # item now without its required field): it goes with that value.
            cause = next((i for d, i in dropped.items() if i >= 0 and _under(d, target)), -1)
        if cause >= 0:
            if target is None or target in dropped:
                return False
            bad[cause].fields.append(target)
            dropped[target] = cause
            return True
        if (pointer, said.message) in seen:
            return False
        seen.add((pointer, said.message))
        where = normalised.origin(pointer)
        finding = document.finding("schema", said.message, where, key=said.at_key)
        bad.append(_Bad(finding, [target if target is not None else field]))
        if target is None or target in dropped:
            return False
        dropped[target] = len(bad) - 1
        return True

    validator = validator_for(schema_name)
    valid = predicate_for(schema_name)
    origins = _Origins({}, normalised)
    data: Any = normalised.data
    for _ in range(_MAX_PASSES):
        data, indexes = _prune(normalised.data, dropped)
        origins = _Origins(indexes, normalised)
        progress = False
        if valid is not None and valid(data):
            break  # nothing for jsonschema to say
        for said in _schema_problems(validator, data):
            progress = take(said, origins) or progress
        if not progress:
            break
    typed: M | None = None
    for _ in range(_MAX_PASSES):
        candidate, filled = _with_required(model, data)
        try:
            typed = model.model_validate(candidate)
        except ModelValidationError as exc:
            progress = False
            for said in _model_problems(exc, candidate):
                progress = take(said, origins) or progress
            if not progress:
                break
            data, indexes = _prune(normalised.data, dropped)
            origins = _Origins(indexes, normalised)
            continue
        except (OverflowError, ValueError, TypeError):
            break
        if filled:
            typed = typed.model_copy(update=dict.fromkeys(filled, ""))
        break
    findings = sorted([*kept, *notes, *warnings, *(b.finding for b in bad)], key=Finding.sort_key)
    values = tuple(
        BadValue(
            b.finding,
            tuple(dict.fromkeys(b.fields)),
            tuple(_inside(normalised.data, b.fields[0])),
        )
        for b in bad
    )
    return Cleaned(_view(document, data, origins), typed, tuple(findings), values)


def _inside(data: Any, pointer: str, limit: int = 10_000) -> list[str]:
    """Pointers of the items and fields held by the value at ``pointer`` in ``data``."""
    value: Any = data
    for token in _split(pointer):
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return []
    found: list[str] = []
    stack: list[tuple[str, Any]] = [(pointer, value)]
    while stack and len(found) < limit:
        here, node = stack.pop()
        children: list[tuple[str, Any]] = []
        if isinstance(node, dict):
            children = [(join_pointer(here, k), v) for k, v in node.items()]
        elif isinstance(node, list):
            children = [(join_pointer(here, i), v) for i, v in enumerate(node)]
        found.extend(p for p, _ in children)
        stack.extend(children)
    return found[:limit]


def _warning(finding: Finding) -> Finding:
    return finding.model_copy(update={"severity": "warning"})


def _view(document: Document, data: Any, origins: _Origins) -> CleanedDocument:
    return CleanedDocument(
        path=document.path,
        data=data,
        source_map=document.source_map,
        findings=document.findings,
        sha256=document.sha256,
        format=document.format,
        text=document.text,
        origins=origins,
    )


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
