"""``-f json``: the report as JSON, exactly as ``schemas/report.schema.json`` describes it."""

from __future__ import annotations

from typing import ClassVar

from mcqa.models.report import Report
from mcqa.reporters._base import RenderOptions

__all__ = ["JsonReporter"]


class JsonReporter:
    """The machine-readable report: stable key order, sorted results, no timestamps."""

    NAME: ClassVar[str] = "json"
    DESCRIPTION: ClassVar[str] = "the full report as JSON (schemas/report.schema.json)"

    def render(self, report: Report, options: RenderOptions) -> str:
        return report.model_dump_json(indent=2) + "\n"
