"""The reference page of the automated checks, generated from their docstrings and option schemas."""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping

from mcqa.checks import Check

__all__ = ["render_checks"]


def render_checks(checks: Mapping[str, Check]) -> str:
    """Markdown documenting every check: what it does, its options, a PASS and a FAIL example."""
    lines = [
        "# Automated checks",
        "",
        "Rubrics name these checks in a standard's `check: {name: ID, options: {...}}`.",
        "This page is generated from the checks themselves by `mcqa checks --format markdown`;",
        "do not edit it by hand.",
        "",
    ]
    for check_id in sorted(checks):
        check = checks[check_id]
        lines.extend([f"## `{check_id}`", ""])
        doc = inspect.getdoc(type(check)) or ""
        lines.extend([doc.replace("``", "`"), ""])
        properties = check.OPTIONS_SCHEMA.get("properties", {})
        if properties:
            lines.extend(["| option | default | meaning |", "|---|---|---|"])
            for name, spec in sorted(properties.items()):
                default = json.dumps(spec.get("default"))
                meaning = str(spec.get("description", "")).replace("|", "\\|")
                lines.append(f"| `{name}` | `{default}` | {meaning} |")
            lines.append("")
        else:
            lines.extend(["No options.", ""])
    return "\n".join(lines).rstrip("\n") + "\n"
