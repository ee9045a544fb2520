"""``-f json``: the report as JSON, exactly as ``schemas/report.schema.json`` describes it."""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from mcqa.models.report import REPORT_FORMAT, DescriptorResult, Report, Summary
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = ["JsonReporter", "escape_invisible"]

# Characters JSON allows raw inside strings but that change how a terminal or an
# editor shows the text around them: line separators and bidirectional controls.
_INVISIBLE = re.compile("[\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def escape_invisible(text: str) -> str:
    """JSON text with line separators and bidirectional controls escaped as ``\\uXXXX``.

    Control characters are escaped by JSON itself; escape the invisible ones too,
    so that text from a descriptor cannot hide or reorder what a reader sees.
    """
    return _INVISIBLE.sub(_escaped, text)


_json = escape_invisible


def _nested(text: str, depth: int) -> str:
    """JSON written with ``indent=2``, moved ``depth`` levels in (its first line not)."""
    return text.replace("\n", "\n" + "  " * depth)


class JsonReporter:
    """The machine-readable report: stable key order, sorted results, no timestamps.

    Written as the results come, one at a time: the same bytes as the whole
    report dumped at once (``Report.model_dump_json(indent=2)``), which a test holds.
    """

    NAME: ClassVar[str] = "json"
    DESCRIPTION: ClassVar[str] = "the full report as JSON (schemas/report.schema.json)"
    SEPARATOR: ClassVar[str] = ","
    KEEPS_DIGESTS: ClassVar[bool] = False  # its end is the summary: no digest is kept

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        tool = _nested(run.tool.model_dump_json(indent=2), 1)
        rubric = _nested(run.rubric.model_dump_json(indent=2), 1)
        return _json(
            f'{{\n  "format_version": {json.dumps(REPORT_FORMAT)},\n  "tool": {tool},\n'
            f'  "rubric": {rubric},\n  "config": {json.dumps(run.config, ensure_ascii=False)},\n'
            '  "results": ['
        )

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        return _json("\n    " + _nested(result.model_dump_json(indent=2), 2))

    def digest(self, result: DescriptorResult) -> Any:
        return None

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        close = "\n  ]" if summary.total else "]"
        return f'{close},\n  "summary": {_nested(summary.model_dump_json(indent=2), 1)}\n}}\n'
