"""Plain renderings of mcqa objects for people: findings as lines, rubrics as documents."""

from mcqa.render.agreement import describe_agreement
from mcqa.render.checks import render_checks
from mcqa.render.findings import format_finding, format_findings, summarize
from mcqa.render.rubric import RUBRIC_FORMATS, render_rubric

__all__ = [
    "RUBRIC_FORMATS",
    "describe_agreement",
    "format_finding",
    "format_findings",
    "render_checks",
    "render_rubric",
    "summarize",
]
