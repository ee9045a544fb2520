"""What every check test needs: a context for a descriptor, a run, and the documented examples.

The descriptors are minimal: ``id`` and ``title`` plus the fields a test gives.
Every run is for the same fixed day, :data:`TODAY`, so that date checks are
repeatable.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import typing
from typing import Any, TypeVar

from pydantic import BaseModel

from mcqa.checks import Check, CheckContext, Problem, default_options
from mcqa.load import load_text
from mcqa.models.descriptor import Descriptor

__all__ = [
    "TODAY",
    "construct",
    "documented_example",
    "errors",
    "make_context",
    "places",
    "run_check",
    "run_unchecked",
]

_M = TypeVar("_M", bound=BaseModel)

#: The day every test run is for.
TODAY = dt.date(2026, 11, 28)


def make_context(
    check: Check, fields: dict[str, Any], *, unchecked: bool = False, **options: Any
) -> CheckContext:
    """A context for a minimal descriptor with ``fields``, and ``options`` over the defaults.

    With ``unchecked``, the descriptor is built without validation, so a test can
    give a check values the contract refuses (an impossible date, an infinite
    figure) and prove the check's own guards.
    """
    data = {"id": "data-101", "title": "Data literacy", **fields}
    descriptor = construct(Descriptor, data) if unchecked else Descriptor.model_validate(data)
    return CheckContext(
        descriptor=descriptor,
        data=data,
        options=default_options(check, options),
        today=TODAY,
    )


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (through Optional, list and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def construct(model: type[_M], data: dict[str, Any]) -> _M:
    """``model`` built from ``data`` without validation, nested models included."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        value = data[key]
        inner = _model_in(info.annotation)
        if inner is not None and isinstance(value, dict):
            value = construct(inner, value)
        elif inner is not None and isinstance(value, list):
            value = [construct(inner, v) if isinstance(v, dict) else v for v in value]
        values[name] = value
    return model.model_construct(**values)


def run_check(check: Check, fields: dict[str, Any], **options: Any) -> list[Problem]:
    """Every problem ``check`` finds in a minimal descriptor with ``fields``."""
    return list(check.run(make_context(check, fields, **options)))


def run_unchecked(check: Check, fields: dict[str, Any], **options: Any) -> list[Problem]:
    """:func:`run_check` on a descriptor built without validation (see :func:`make_context`)."""
    return list(check.run(make_context(check, fields, unchecked=True, **options)))


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
