"""Automated checks: one module each, registered explicitly.

``CHECKS`` maps each check's id to an instance. Rubrics name a check with
``check: {name: ID, options: {...}}``; a rubric may instead give a JSON Schema
fragment (``check: {schema: {...}}``), which the engine applies itself.

Other packages add checks through the entry-point group ``mcqa.checks``: the
entry point's value is a class with ``ID``, ``OPTIONS_SCHEMA`` and ``run``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mcqa._plugins import iter_plugins
from mcqa.checks._base import Check, CheckContext, NeedsReview, NotApplicable, Problem
from mcqa.checks.alignment import OutcomeAssessmentAlignment
from mcqa.checks.assessment_type import AssessmentType
from mcqa.checks.awarding_body import AwardingBody
from mcqa.checks.cost import CostDisclosure
from mcqa.checks.dates import ReviewDates
from mcqa.checks.language_code import LanguageCode
from mcqa.checks.measurable_outcomes import MeasurableOutcomes
from mcqa.checks.notional_workload import NotionalWorkload
from mcqa.checks.occupation_codes import OccupationCodes
from mcqa.checks.placeholders import PlaceholderText
from mcqa.checks.readability import Readability
from mcqa.checks.skill_alignments import SkillAlignments
from mcqa.checks.urls import WellFormedUrls
from mcqa.checks.workload import WorkloadConsistency

__all__ = [
    "BUILTIN_CHECKS",
    "ENTRY_POINT_GROUP",
    "Check",
    "CheckContext",
    "NeedsReview",
    "NotApplicable",
    "Problem",
    "all_checks",
    "default_options",
]

#: Entry-point group through which other packages contribute checks.
ENTRY_POINT_GROUP = "mcqa.checks"

#: The checks that ship with mcqa, by id.
BUILTIN_CHECKS: dict[str, Check] = {
    check.ID: check
    for check in (
        AwardingBody(),
        LanguageCode(),
        MeasurableOutcomes(),
        SkillAlignments(),
        AssessmentType(),
        OutcomeAssessmentAlignment(),
        NotionalWorkload(),
        WorkloadConsistency(),
        OccupationCodes(),
        CostDisclosure(),
        ReviewDates(),
        WellFormedUrls(),
        Readability(),
        PlaceholderText(),
    )
}


@cache
def all_checks() -> dict[str, Check]:
    """Built-in checks plus those of installed plug-ins (built-ins win a clash of ids)."""
    found: dict[str, Check] = {}
    for _, _, check, _ in iter_plugins(ENTRY_POINT_GROUP):
        if isinstance(check, Check) and check.ID not in BUILTIN_CHECKS:
            found[check.ID] = check
    return {**found, **BUILTIN_CHECKS}


def default_options(check: Check, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with the defaults from the check's options schema filled in."""
    properties = check.OPTIONS_SCHEMA.get("properties", {})
    merged = {
        name: spec["default"]
        for name, spec in properties.items()
        if isinstance(spec, dict) and "default" in spec
    }
    merged.update(options)
    return merged
