"""``-f json``: the report as JSON, exactly as ``schemas/report.schema.json`` describes it."""

from __future__ import annotations

import re
from typing import ClassVar

from mcqa.models.report import Report
from mcqa.reporters._base import RenderOptions

__all__ = ["JsonReporter"]

# Characters JSON allows raw inside strings but that change how a terminal or an
# editor shows the text around them: line separators and bidirectional controls.
_INVISIBLE = re.compile("[\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


class JsonReporter:
    """The machine-readable report: stable key order, sorted results, no timestamps."""

    NAME: ClassVar[str] = "json"
    DESCRIPTION: ClassVar[str] = "the full report as JSON (schemas/report.schema.json)"

    def render(self, report: Report, options: RenderOptions) -> str:
        # Control characters are escaped by JSON itself; escape the invisible ones too,
        # so that text from a descriptor cannot hide or reorder what a reader sees.
        return _INVISIBLE.sub(_escaped, report.model_dump_json(indent=2)) + "\n"
