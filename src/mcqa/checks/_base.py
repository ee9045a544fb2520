"""What every automated check is: an id, an options schema, and a function that yields problems.

A check looks at one descriptor and yields :class:`Problem` values, each with
a JSON Pointer and a message. It never decides severity for the standard,
never knows the file or line: the engine stamps the standard id, file, line
and column on each problem and turns it into a :class:`~mcqa.models.Finding`.

A standard whose check yields no problem of severity ``error`` is met. A check
that does not apply to a descriptor raises :class:`NotApplicable`; one that
cannot judge it (a language it does not know) raises :class:`NeedsReview`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Severity

__all__ = ["Check", "CheckContext", "NeedsReview", "NotApplicable", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing a check found wrong, at one place in the descriptor."""

    pointer: str
    """JSON Pointer to the value concerned; ``""`` is the whole descriptor."""
    message: str
    """What is wrong, in plain words, without a line number."""
    severity: Severity = "error"
    """``error`` fails the standard; ``warning`` and ``info`` only inform."""
    key: bool = False
    """Locate the problem at the key of ``pointer`` rather than at its value."""


class NotApplicable(Exception):
    """Raised by a check when the standard does not apply to this descriptor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NeedsReview(Exception):
    """Raised by a check that cannot judge this descriptor, so that a person must.

    The standard awaits review instead of being met or not applicable: for
    example outcomes written in a language whose verbs the check does not know.
    Problems the check yielded before raising are kept as advice.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may look at."""

    descriptor: Descriptor
    """The typed descriptor (validated against the descriptor schema)."""
    data: Mapping[str, Any]
    """The same descriptor as plain data, exactly as loaded (for pointers into it)."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """The check's options from the rubric, already validated against its schema."""
    today: dt.date = field(default_factory=dt.date.today)
    """The date the run is for; checks never read the clock themselves."""


@runtime_checkable
class Check(Protocol):
    """The shape of a check module's class (see ``mcqa.checks.CHECKS``)."""

    ID: ClassVar[str]
    """Stable id used in rubrics (``check: {name: ID}``) and in reports."""
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]]
    """JSON Schema (2020-12) of the options; defaults are filled in from it."""

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield every problem; raise :class:`NotApplicable` if the check does not apply."""
        ...
