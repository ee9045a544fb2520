"""What a reporter is: a name, and a report rendered as a stream of text.

Reports stream: ``mcqa check`` never holds a catalog's results. A reporter
says what comes before the results (:meth:`StreamingReporter.begin`), renders
one result at a time (:meth:`StreamingReporter.result`, a pure function that
the worker processes call, so the main process only writes text), and closes
with what needs the whole run (:meth:`StreamingReporter.end`: the summary
counts, and any small digest it kept of each result). Rendering a whole
:class:`~mcqa.models.Report` at once is the same three steps
(:func:`render_report`), so both give the same bytes.

A plug-in format that has only ``render`` still works: mcqa then keeps the
results and renders them at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, runtime_checkable

from mcqa.models.report import DescriptorResult, Report, RubricRef, Summary, ToolInfo
from mcqa.models.rubric import Rubric

__all__ = [
    "RenderOptions",
    "Reporter",
    "RunInfo",
    "StreamingReporter",
    "keeps_digests",
    "render_report",
    "summary_of",
]


@dataclass(frozen=True)
class RenderOptions:
    """How to render; decided by the caller, never by the reporter."""

    color: bool = False
    """Use ANSI colours (the CLI turns this on for a terminal, off with NO_COLOR)."""
    verbose: bool = False
    """Also show informational findings (such as automated suggestions)."""
    quiet: bool = False
    """Show only what fails: descriptors that are not conformant or cannot be read, with
    their errors (the text format; machine formats are complete whatever this says)."""


@dataclass(frozen=True)
class RunInfo:
    """What is known of a run before its first result."""

    tool: ToolInfo
    rubric: RubricRef
    standard: Rubric | None = None
    """The rubric itself, for formats that describe its standards (rules, help)."""
    config: str | None = None
    """The configuration file used, as reports name it; ``None`` when none was."""


@runtime_checkable
class Reporter(Protocol):
    """Renders a :class:`~mcqa.models.Report`; decides nothing about it."""

    NAME: ClassVar[str]
    DESCRIPTION: ClassVar[str]

    def render(self, report: Report, options: RenderOptions) -> str:
        """The whole output, ending with a newline."""
        ...


@runtime_checkable
class StreamingReporter(Reporter, Protocol):
    """A reporter that renders one result at a time."""

    SEPARATOR: ClassVar[str]
    """Written between two results' texts (``","`` in a JSON array)."""

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        """What comes before the first result."""
        ...

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        """One result's text. Pure: worker processes call it."""
        ...

    def digest(self, result: DescriptorResult) -> Any:
        """A small, picklable summary of the result kept for :meth:`end` (or ``None``).

        A reporter whose :meth:`end` needs no digest says so with a class attribute
        ``KEEPS_DIGESTS = False`` (see :func:`keeps_digests`): its digests are then not
        computed or kept, and :meth:`end` is given an empty list.
        """
        ...

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        """What comes after the last result; ``digests`` holds each result's digest, in order."""
        ...


def keeps_digests(reporter: StreamingReporter) -> bool:
    """Whether ``reporter``'s :meth:`~StreamingReporter.end` reads the results' digests.

    ``False`` when its class sets ``KEEPS_DIGESTS = False``: a run then keeps nothing
    per result for it (the JSON, JUnit and text formats, whose end is the summary).
    """
    return bool(getattr(reporter, "KEEPS_DIGESTS", True))


def summary_of(results: Iterable[DescriptorResult]) -> Summary:
    """The counts a report's summary holds."""
    counts = {"conformant": 0, "not_conformant": 0, "pending_review": 0, "error": 0}
    total = failed = 0
    for result in results:
        total += 1
        counts[result.decision] += 1
        failed += result.checks_passed is False
    return Summary(total=total, checks_failed=failed, **counts)


def render_report(
    reporter: StreamingReporter,
    report: Report,
    options: RenderOptions,
    standard: Rubric | None = None,
) -> str:
    """A whole report rendered by a streaming reporter: the same bytes as a streamed run."""
    run = RunInfo(tool=report.tool, rubric=report.rubric, standard=standard, config=report.config)
    parts = [reporter.begin(run, options)]
    for index, result in enumerate(report.results):
        if index:
            parts.append(reporter.SEPARATOR)
        parts.append(reporter.result(result, options))
    digests = (
        [reporter.digest(result) for result in report.results] if keeps_digests(reporter) else []
    )
    parts.append(reporter.end(run, report.summary, digests, options))
    return "".join(parts)
