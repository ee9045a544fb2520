"""What a reporter is: a name and a function from one report to text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

from mcqa.models.report import Report

__all__ = ["RenderOptions", "Reporter"]


@dataclass(frozen=True)
class RenderOptions:
    """How to render; decided by the caller, never by the reporter."""

    color: bool = False
    """Use ANSI colours (the CLI turns this on for a terminal, off with NO_COLOR)."""
    verbose: bool = False
    """Also show informational findings (such as automated suggestions)."""


@runtime_checkable
class Reporter(Protocol):
    """Renders a :class:`~mcqa.models.Report`; decides nothing about it."""

    NAME: ClassVar[str]
    DESCRIPTION: ClassVar[str]

    def render(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...
