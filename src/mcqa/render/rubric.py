"""A rubric as YAML, JSON or a Markdown document for people."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import yaml

from mcqa.load._yaml import CORE_RESOLVERS
from mcqa.models.rubric import BandsRule, NamedCheck, Rubric, SchemaCheck, Standard, ThresholdRule

__all__ = ["RUBRIC_FORMATS", "render_rubric", "rubric_data"]


def rubric_data(rubric: Rubric) -> dict[str, Any]:
    """The rubric as plain data, the way a rubric file writes it (no empty fields)."""
    data: dict[str, Any] = rubric.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as ``|`` blocks so annotations stay readable."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    # Quote text that mcqa's YAML 1.2 reader would take for a number, bool or null
    # (PyYAML's dumper only knows YAML 1.1 and leaves e.g. 1e3 or 0o17 bare).
    if style is None and any(pattern.match(value) for _, pattern, _ in CORE_RESOLVERS):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _yaml(rubric: Rubric) -> str:
    text: str = yaml.dump(
        rubric_data(rubric), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return text


def _json(rubric: Rubric) -> str:
    return json.dumps(rubric_data(rubric), indent=2, ensure_ascii=False) + "\n"


def _percent(value: float) -> str:
    return f"{value:g} %"


def _conformance_text(rubric: Rubric) -> list[str]:
    rule = rubric.conformance
    lines: list[str] = []
    if isinstance(rule, ThresholdRule):
        parts = []
        if rule.essentials == "all":
            parts.append("every essential standard is met")
        if rule.threshold_percent > 0:
            parts.append(
                f"it earns at least {_percent(rule.threshold_percent)} of the points "
                "of the standards that apply"
            )
        lines.append("A microcredential conforms when " + " and ".join(parts) + ".")
    elif isinstance(rule, BandsRule):
        lines.append("The share of points earned places a result in a band:")
        lines.append("")
        for band in sorted(rule.bands, key=lambda b: -b.min_percent):
            verdict = "conforms" if band.conformant else "does not conform"
            lines.append(f"- **{band.label}**: {_percent(band.min_percent)} and above ({verdict})")
        if rule.essentials == "all":
            lines.extend(["", "Every essential standard must also be met."])
    rounding = {
        "none": "The percentage is compared exactly, without rounding.",
        "floor": f"The percentage is rounded down to {rule.decimals} decimals before it is compared.",
        "half-up": f"The percentage is rounded half up to {rule.decimals} decimals before it is compared.",
    }[rule.rounding]
    lines.extend(["", rounding, "Standards that do not apply leave the total."])
    return lines


def _scale_text(rubric: Rubric) -> list[str]:
    scale = rubric.scale
    if scale.type == "binary":
        return ["Each standard is met (all its points) or not met (none)."]
    lines = ["Each standard is rated on these levels:", ""]
    for level in sorted(scale.levels, key=lambda lv: lv.value):
        text = f"- **{level.value}** {level.label}"
        if level.description:
            text += f": {level.description}"
        lines.append(text)
    return lines


def _standard_lines(standard: Standard) -> list[str]:
    weight = f"{standard.points} point{'s' if standard.points != 1 else ''}"
    if standard.essential:
        weight += ", essential"
    effort = f"; {standard.effort} effort" if standard.effort else ""
    lines = [f"### {standard.id} {standard.title}", "", f"*{weight}; {standard.mode}{effort}*", ""]
    lines.extend([standard.text.strip(), ""])
    if standard.annotation:
        lines.extend(["**For reviewers.** " + standard.annotation.strip(), ""])
    if standard.evidence:
        lines.append("Evidence: " + ", ".join(f"`{p}`" for p in standard.evidence))
        lines.append("")
    if isinstance(standard.check, NamedCheck):
        options = (
            json.dumps(standard.check.options, sort_keys=True) if standard.check.options else ""
        )
        lines.extend([f"Check: `{standard.check.name}` {options}".rstrip(), ""])
    elif isinstance(standard.check, SchemaCheck):
        lines.extend(["Check: a JSON Schema on the descriptor", ""])
    if standard.scope != "descriptor":
        lines.extend([f"Applies to: {standard.scope} only (not applicable to a catalog entry)", ""])
    if standard.applies_if is not None:
        condition = json.dumps(standard.applies_if, sort_keys=True)
        lines.extend([f"Applies only to descriptors matching `{condition}`", ""])
    if standard.crosswalk:
        pairs = [f"{name}: {', '.join(ids)}" for name, ids in sorted(standard.crosswalk.items())]
        lines.extend(["Crosswalk: " + "; ".join(pairs), ""])
    return lines


def _markdown(rubric: Rubric) -> str:
    lines = [f"# {rubric.title}", ""]
    facts = [f"`{rubric.ref}`", f"status: {rubric.status}"]
    if rubric.license:
        facts.append(f"licence: {rubric.license}")
    facts.append(f"applies to: {rubric.applies_to}")
    lines.extend([" · ".join(facts), ""])
    if rubric.status == "draft":
        lines.extend(["> **Draft.** Not for claims of conformance.", ""])
    if rubric.based_on:
        lines.extend(["Based on " + ", ".join(f"`{r}`" for r in rubric.based_on) + ".", ""])
    if rubric.description:
        lines.extend([rubric.description.strip(), ""])
    standards = [s for _, s in rubric.iter_standards()]
    essentials = sum(1 for s in standards if s.essential)
    total = sum(s.points for s in standards)
    lines.extend(
        [
            "## How it is scored",
            "",
            f"{len(rubric.categories)} general standards, {len(standards)} specific standards "
            f"({essentials} essential), {total} points in all.",
            "",
            *_scale_text(rubric),
            "",
            *_conformance_text(rubric),
            "",
        ]
    )
    for category in rubric.categories:
        lines.extend([f"## {category.id} {category.title}", ""])
        if category.description:
            lines.extend([category.description.strip(), ""])
        for standard in category.standards:
            lines.extend(_standard_lines(standard))
    return "\n".join(lines).rstrip("\n") + "\n"


#: Output formats of ``mcqa rubric show``.
RUBRIC_FORMATS: dict[str, Callable[[Rubric], str]] = {
    "yaml": _yaml,
    "json": _json,
    "markdown": _markdown,
}


def render_rubric(rubric: Rubric, format: str = "yaml") -> str:
    """The rubric in ``format`` (``yaml``, ``json`` or ``markdown``)."""
    return RUBRIC_FORMATS[format](rubric)
