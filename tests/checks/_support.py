"""What every check test needs: a context for a descriptor, a run, and the documented examples.

The descriptors are minimal: ``id`` and ``title`` plus the fields a test gives.
Every run is for the same fixed day, :data:`TODAY`, so that date checks are
repeatable.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import Any

from mcqa.checks import Check, CheckContext, Problem, default_options
from mcqa.load import load_text
from mcqa.models.descriptor import Descriptor

__all__ = [
    "TODAY",
    "documented_example",
    "errors",
    "make_context",
    "places",
    "run_check",
]

#: The day every test run is for.
TODAY = dt.date(2026, 11, 28)


def make_context(check: Check, fields: dict[str, Any], **options: Any) -> CheckContext:
    """A context for a minimal descriptor with ``fields``, and ``options`` over the defaults."""
    data = {"id": "data-101", "title": "Data literacy", **fields}
    return CheckContext(
        descriptor=Descriptor.model_validate(data),
        data=data,
        options=default_options(check, options),
        today=TODAY,
    )


def run_check(check: Check, fields: dict[str, Any], **options: Any) -> list[Problem]:
    """Every problem ``check`` finds in a minimal descriptor with ``fields``."""
    return list(check.run(make_context(check, fields, **options)))


def places(problems: list[Problem]) -> list[tuple[str, str]]:
    """Where each problem is, and how bad: ``(pointer, severity)``."""
    return [(p.pointer, p.severity) for p in problems]


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that fail the standard."""
    return [p for p in problems if p.severity == "error"]


def documented_example(check: Check, label: str) -> dict[str, Any]:
    """The YAML example under **PASS** or **FAIL** in the check's docstring."""
    doc = inspect.getdoc(type(check)) or ""
    match = re.search(rf"\*\*{label}\*\*[^\n]*\n+```yaml\n(.*?)```", doc, re.DOTALL)
    assert match is not None, f"{check.ID}: no **{label}** YAML example in the docstring"
    loaded = load_text(match.group(1), path="example.yaml")
    assert loaded.ok, loaded.findings
    return dict(loaded.data)
