"""Findings: every problem mcqa sees in a user's file, as a frozen, located value."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mcqa.models._base import FrozenContract

__all__ = ["SEVERITIES", "Finding", "RelatedLocation", "Severity", "Waiver"]

Severity = Literal["error", "warning", "info"]
"""How serious a finding is. ``error`` fails a file; ``warning`` and ``info`` inform."""

#: Severities from most to least serious.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class Waiver(FrozenContract):
    """Why a finding is accepted for now, and until when."""

    reason: str
    """Why the finding is accepted, in the words of whoever waived it."""
    expires: str | None = None
    """Last day (``YYYY-MM-DD``) on which the waiver applies; none means no expiry."""
    source: str | None = None
    """Where the waiver was declared: a config file, or the descriptor itself."""


class RelatedLocation(FrozenContract):
    """Another place a finding refers to, such as the first of two duplicate keys."""

    message: str
    """What is at this place, e.g. ``first definition``."""
    file: str | None = None
    line: int | None = Field(default=None, ge=1)
    column: int | None = Field(default=None, ge=1)
    pointer: str | None = None


class Finding(FrozenContract):
    """One problem in one place.

    Messages say *what* is wrong; the location fields say *where*. Reporters
    combine the two, so a message never repeats a line number.

    >>> f = Finding(rule="duplicate-key", message="key 'points' appears twice",
    ...             file="rubric.yaml", line=7, column=5, pointer="/categories/0")
    >>> f.location_text()
    'rubric.yaml:7:5'
    """

    rule: str
    """Id of the rule or check that found the problem, e.g. ``duplicate-key``."""
    message: str
    """What is wrong, in plain words."""
    severity: Severity = "error"
    standard: str | None = None
    """Id of the rubric standard the finding belongs to, if any."""
    file: str | None = None
    """The file the finding is about, as the user named it."""
    line: int | None = Field(default=None, ge=1)
    """1-based line in ``file``."""
    column: int | None = Field(default=None, ge=1)
    """1-based column in ``file``."""
    pointer: str | None = None
    """RFC 6901 JSON Pointer to the value concerned (``""`` is the whole document)."""
    related: tuple[RelatedLocation, ...] = ()
    """Other places the finding refers to."""
    waiver: Waiver | None = None
    """Set when the finding is waived: it stays in reports, marked as waived."""

    def location_text(self) -> str:
        """``file:line:col`` with whatever parts are known (``<input>`` without a file)."""
        text = self.file or "<input>"
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def sort_key(self) -> tuple[str, int, int, int, str, str, str]:
        """Order by file, then position, then severity, rule and message."""
        return (
            self.file or "",
            self.line or 0,
            self.column or 0,
            SEVERITIES.index(self.severity),
            self.rule,
            self.pointer or "",
            self.message,
        )
