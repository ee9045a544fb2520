"""Which fields of a descriptor (or programme) each standard rests on.

A field mcqa cannot read (text where a number belongs, a list where text
belongs, an impossible date) is left out of what the checks see, and its
finding counts against the standards that rest on it, and no others. A standard
rests on:

- the fields its ``evidence`` points at, and everything under them;
- the fields its check judges: for a named check, :data:`CHECK_FIELDS` says
  which (a check installed by another package may declare them itself with a
  ``JUDGES`` class attribute, a tuple of JSON Pointers; otherwise its
  standard's evidence stands for it); for a schema check, the fields the
  fragment names (:func:`schema_reads`).

What a standard *reads* is wider (:func:`standard_reads`): its check may look
at other fields for context (the descriptor's language, the audience's level),
``applies_if`` decides whether it applies, and an essential standard's
evidence is searched for placeholder text in the descriptor's language. A
change to any other field leaves the standard's status as it was.

Pointers are JSON Pointers into the canonical form of the data (after
:mod:`mcqa._normalise`); ``*`` stands for any item of a list, and ``""`` for
the whole document.

>>> touches("/workload/hours", standard_fields_of(["/workload"], None))
True
>>> touches("/cost/includes/0", schema_reads({"properties": {"cost": {"type": "object"}}}))
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mcqa.checks import all_checks
from mcqa.load import join_pointer
from mcqa.models.rubric import NamedCheck, SchemaCheck, Standard

__all__ = [
    "CHECK_FIELDS",
    "CheckFields",
    "Read",
    "check_fields",
    "schema_reads",
    "standard_fields",
    "standard_fields_of",
    "standard_reads",
    "touches",
]


@dataclass(frozen=True)
class Read:
    """A field a standard rests on or reads."""

    pointer: str
    """JSON Pointer; ``*`` stands for any item of a list."""
    deep: bool = True
    """Whether what lies under the field matters too (``False``: only whether the field
    is there and what type of value it holds, as for ``required`` and ``type``)."""


@dataclass(frozen=True)
class CheckFields:
    """The fields a named check judges, and the further fields it reads."""

    judges: tuple[str, ...]
    """A bad value here fails the standard the check decides."""
    reads: tuple[str, ...] = ()
    """Further fields that can change the check's outcome (context such as the language);
    ``""`` when the check reads every value of the document."""


_URL_FIELDS = (
    "/url",
    "/issuer/url",
    "/co_issuers/*/url",
    "/learning_outcomes/*/alignments/*/url",
    "/cost/refund_policy_url",
    "/credential/verification_url",
    "/quality_assurance/policy_url",
    "/contact/url",
)

#: The fields each built-in check judges and reads (kept beside the checks' code:
#: a check that starts reading another field must be listed here too).
CHECK_FIELDS: dict[str, CheckFields] = {
    "awarding-body": CheckFields(("/issuer", "/co_issuers")),
    "language-code": CheckFields(("/language", "/url", "/contact")),
    "measurable-outcomes": CheckFields(("/learning_outcomes",), ("/language",)),
    "skill-alignments": CheckFields(("/learning_outcomes",)),
    "assessment-type": CheckFields(("/assessments",)),
    "outcome-assessment-alignment": CheckFields(("/learning_outcomes", "/assessments")),
    "notional-workload": CheckFields(("/workload",)),
    "workload-consistency": CheckFields(("/workload", "/stackability/credit")),
    "occupation-codes": CheckFields(("/relevance/occupations",), ("/relevance",)),
    "cost-disclosure": CheckFields(("/cost/amount", "/cost/currency"), ("/cost",)),
    "review-dates": CheckFields(
        ("/quality_assurance/last_review", "/quality_assurance/next_review"),
        ("/quality_assurance",),
    ),
    "well-formed-urls": CheckFields(_URL_FIELDS),
    # ``field`` (default /description) is added from the options by check_fields().
    "readability": CheckFields((), ("/audience/level", "/level", "/language")),
    # Template text may stand anywhere: it judges no field in particular.
    "placeholder-text": CheckFields((), ("",)),
}


def check_fields(name: str, options: Mapping[str, Any], check: object = None) -> CheckFields:
    """What the named check judges and reads with these options.

    A check mcqa does not list may declare what it judges (``JUDGES``); what it
    reads is then taken to be the whole document.
    """
    known = CHECK_FIELDS.get(name)
    if name == "readability" and known is not None:
        field = options.get("field", "/description")
        field = field if isinstance(field, str) else "/description"
        return CheckFields((field,), known.reads)
    if known is not None:
        return known
    declared = getattr(check, "JUDGES", None)
    judges = (
        tuple(p for p in declared if isinstance(p, str))
        if isinstance(declared, (tuple, list))
        else ()
    )
    return CheckFields(judges, ("",))


# -- schema fragments ----------------------------------------------------------------------

#: Keywords that only annotate a schema.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$anchor",
        "$comment",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "discriminator",
    }
)
_SAME_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_SAME_PLACE = ("not", "if", "then", "else")


def schema_reads(schema: Any, base: str = "") -> tuple[Read, ...]:
    """The fields a JSON Schema fragment (a check, ``applies_if``) looks at.

    ``required`` and ``type`` look only at whether a value is there and its
    type; ``properties`` descend; anything else (a length, a pattern, a list's
    items, ``$ref``) looks at the whole value where it stands.

    >>> [(r.pointer, r.deep) for r in schema_reads({"required": ["cost"],
    ...     "properties": {"cost": {"type": "object", "required": ["amount"]}}})]
    [('/cost', False), ('/cost/amount', False)]
    """
    found: dict[Read, None] = {}
    _walk(schema, base, found, 0)
    return tuple(found)


def _walk(schema: Any, base: str, found: dict[Read, None], depth: int) -> None:
    if not isinstance(schema, dict):
        return
    if depth > 32:
        found[Read(base)] = None
        return
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                here = join_pointer(base, str(name))
                found[Read(here, deep=False)] = None
                _walk(sub, here, found, depth + 1)
        elif keyword == "required" and isinstance(value, list):
            for name in value:
                found[Read(join_pointer(base, str(name)), deep=False)] = None
        elif keyword == "dependentRequired" and isinstance(value, dict):
            for name, names in value.items():
                for other in [name, *(names if isinstance(names, list) else [])]:
                    found[Read(join_pointer(base, str(other)), deep=False)] = None
        elif keyword in _SAME_PLACE_LISTS and isinstance(value, list):
            for sub in value:
                _walk(sub, base, found, depth + 1)
        elif keyword in _SAME_PLACE:
            _walk(value, base, found, depth + 1)
        elif keyword == "dependentSchemas" and isinstance(value, dict):
            for name, sub in value.items():
                found[Read(join_pointer(base, str(name)), deep=False)] = None
                _walk(sub, base, found, depth + 1)
        elif keyword == "type":
            if base:
                found[Read(base, deep=False)] = None
        else:  # items, contains, enum, const, minLength, pattern, $ref, additionalProperties...
            found[Read(base)] = None


# -- standards -----------------------------------------------------------------------------


def standard_fields_of(evidence: Sequence[str], check: object) -> tuple[Read, ...]:
    """What a standard with this ``evidence`` and ``check`` rests on."""
    found: dict[Read, None] = {Read(pointer): None for pointer in evidence}
    if isinstance(check, SchemaCheck):
        found.update(dict.fromkeys(schema_reads(check.schema_)))
    elif isinstance(check, NamedCheck):
        fields = check_fields(check.name, check.options, all_checks().get(check.name))
        found.update(dict.fromkeys(Read(pointer) for pointer in fields.judges))
    return tuple(found)


def standard_fields(standard: Standard) -> tuple[Read, ...]:
    """The fields ``standard`` rests on: a bad value in one of them fails it."""
    return standard_fields_of(standard.evidence, standard.check)


def standard_reads(standard: Standard, *, descriptor: bool = True) -> tuple[Read, ...]:
    """Every field whose value can change the status of ``standard``.

    ``descriptor``: the standard scores microcredential descriptors (where an
    essential standard's evidence is searched for placeholder text in the
    descriptor's language).
    """
    found: dict[Read, None] = dict.fromkeys(standard_fields(standard))
    check = standard.check
    if isinstance(check, NamedCheck):
        fields = check_fields(check.name, check.options, all_checks().get(check.name))
        found.update(dict.fromkeys(Read(pointer) for pointer in fields.reads))
    if standard.applies_if is not None:
        found.update(dict.fromkeys(schema_reads(standard.applies_if)))
    if descriptor and standard.essential and standard.evidence:
        found[Read("/language")] = None
    return tuple(found)


def _split(pointer: str) -> list[str]:
    return (
        [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]] if pointer else []
    )


def _same(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether two paths agree as far as the shorter one goes (``*`` matches any token)."""
    return all(a == b or a == "*" or b == "*" for a, b in zip(left, right, strict=False))


def touches(field: str, reads: Iterable[Read], inside: Iterable[str] = ()) -> bool:
    """Whether a change to the value at ``field`` can change what ``reads`` look at.

    True when ``field`` is one of them or holds one (leaving it out removes that
    one too), or lies under a field read whole (``deep``). A read of a field in
    every item of a list (``/co_issuers/*/url``) is touched by a bad item only if
    the item held that field: ``inside`` lists the pointers the bad value held.
    """
    tokens = _split(field)
    held: list[list[str]] | None = None
    for read in reads:
        other = _split(read.pointer)
        if len(tokens) <= len(other) and _same(tokens, other[: len(tokens)]):
            if "*" not in other[: len(tokens)] or len(tokens) == len(other):
                return True
            if held is None:
                held = [_split(p) for p in inside]
            if any(_same(p, other) and len(p) >= len(other) for p in held):
                return True
        elif read.deep and len(tokens) > len(other) and _same(other, tokens[: len(other)]):
            return True
    return False
