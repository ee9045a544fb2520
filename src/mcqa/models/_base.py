"""Shared base classes and field types for mcqa's data contracts."""

from __future__ import annotations

import calendar
import math
import re
import sys
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "DATE_PATTERN",
    "IS_NUMBER",
    "IS_WHOLE_NUMBER",
    "NOT_A_BOOLEAN",
    "SEMVER_PATTERN",
    "Contract",
    "DateString",
    "Flag",
    "FrozenContract",
    "JsonPointer",
    "NonNegativeNumber",
    "Percentage",
    "SemVer",
    "Url",
    "WholeNumber",
    "date_problem",
    "number_problem",
]


class Contract(BaseModel):
    """Base of every mcqa data contract.

    Unknown fields are refused (each becomes a located finding when a file is
    validated), and values keep the types the schema promises. Attribute
    docstrings become field descriptions in the published JSON Schemas: they are
    read from the source by :mod:`mcqa.schema` when the schemas are exported, not
    each time a model is built, so starting mcqa never re-reads the models' source.
    """

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        validate_default=False,
    )


class FrozenContract(Contract):
    """A contract whose instances are immutable values."""

    model_config = ConfigDict(frozen=True)


#: Semantic Versioning 2.0.0, the official regular expression from semver.org.
SEMVER_PATTERN = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
SEMVER_RE = re.compile(SEMVER_PATTERN)

SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
"""A semantic version such as ``1.2.0``."""

JsonPointer = Annotated[str, StringConstraints(pattern=r"^(/([^~/]|~[01])*)*$")]
"""An RFC 6901 JSON Pointer such as ``/learning_outcomes/0/statement``."""

# -- numbers ---------------------------------------------------------------------------
#
# Numbers in mcqa's files are JSON numbers: ``true`` is not one (Python counts it
# as 1), nor are NaN and infinity (YAML's ``.nan`` and ``.inf``), and an integer
# too large for a float cannot be weighed against anything. The loader reports
# such values where they stand; the models refuse them too, so a model never
# holds what the published schema would not accept.


def number_problem(value: Any) -> str | None:
    """Why a loaded number cannot be used, in plain words; ``None`` when it can.

    >>> number_problem(float("nan")), number_problem(10**400), number_problem(2.5)
    ('NaN is not a number; write a figure', 'this number is too large', None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN is not a number; write a figure"
        if math.isinf(value):
            return "infinity is not a number; write a figure"
    elif isinstance(value, int) and abs(value) > sys.float_info.max:
        return "this number is too large"
    return None


def _number(value: Any) -> Any:
    """Let only real, finite JSON numbers through to the field's own validation."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_type", "expected a number")
    problem = number_problem(value)
    if problem is not None:
        raise PydanticCustomError("number_unusable", problem)
    return value


def _whole_number(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("whole_number_type", "expected a whole number")
    return _number(value)


IS_NUMBER = BeforeValidator(_number)
"""Put last in ``Annotated[float, <constraints>, IS_NUMBER]``: booleans, text, NaN,
infinity and integers beyond the float range are refused before the constraints run
(placed first, the constraints would no longer appear in the JSON Schema)."""

IS_WHOLE_NUMBER = BeforeValidator(_whole_number)
"""The same for ``Annotated[int, <constraints>, IS_WHOLE_NUMBER]``; ``3.0`` counts as 3,
as JSON Schema's ``integer`` has it."""

NonNegativeNumber = Annotated[float, Field(ge=0, allow_inf_nan=False), IS_NUMBER]
"""A finite number of at least 0; an integer is accepted, ``true`` is not."""

Percentage = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), IS_NUMBER]
"""A finite number from 0 to 100."""

WholeNumber = Annotated[int, IS_WHOLE_NUMBER]
"""A whole number within the float range; ``true`` is not one."""

Flag = Annotated[bool, Strict()]
"""``true`` or ``false``, never ``1``, ``0`` or ``"yes"``."""


def _not_a_boolean(value: Any) -> Any:
    """For ``Literal[1]`` format versions: ``true`` equals 1 in Python, not in JSON."""
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": "1"})
    return value


NOT_A_BOOLEAN = BeforeValidator(_not_a_boolean)
"""For ``Annotated[Literal[1], NOT_A_BOOLEAN]``: ``true`` is not the format version 1."""


# -- dates -----------------------------------------------------------------------------

_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"
    r"|(?:0[48]|[2468][048]|[13579][26])00)"
)

DATE_PATTERN = rf"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
"""A real calendar date written ``YYYY-MM-DD`` (Gregorian, years 0001 to 9999),
as a regular expression that JSON Schema validators and editors understand."""

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DATE_FORM = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date_problem(text: str) -> str | None:
    """Why a date written ``YYYY-MM-DD`` is not a real one; ``None`` when it is real.

    Text of another form is not judged here (``None``): the pattern says what form
    a date takes.

    >>> date_problem("2026-02-30"), date_problem("2028-02-29"), date_problem("30/06/2027")
    ('there is no 30 February 2026', None, None)
    """
    match = _DATE_FORM.fullmatch(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year == 0:
        return "there is no year 0; the years run from 0001"
    if not 1 <= month <= 12:
        return f"there is no month {month}; months run from 01 to 12"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"there is no {day} {_MONTHS[month - 1]} {year}"
    return None


DateString = Annotated[
    str, StringConstraints(pattern=DATE_PATTERN), Field(json_schema_extra={"format": "date"})
]
"""A real calendar date written ``YYYY-MM-DD`` (kept as text): ``2026-02-30`` is refused."""

Url = Annotated[str, StringConstraints(min_length=1)]
"""A web address. Kept as text so a malformed one is a finding, not a load failure."""
