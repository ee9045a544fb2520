"""The engine: statuses, points, the decision rule, reviews, waivers, and properties."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcqa
from mcqa.evaluate import build_report, evaluate, evaluate_document, type_descriptor
from mcqa.load import Document, load_text
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, StandardResult
from mcqa.models.review import Review
from mcqa.models.rubric import Rubric
from mcqa.waivers import WaiverRule

ROOT = Path(__file__).resolve().parents[1]
COMPLETE_EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
TODAY = dt.date(2026, 11, 28)

# -- helpers -------------------------------------------------------------------------


def standard(
    sid: str,
    points: int = 1,
    *,
    mode: str = "automated",
    check: dict[str, Any] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": sid,
        "title": f"Standard {sid}",
        "text": f"What standard {sid} asks for.",
        "points": points,
        "mode": mode,
        **fields,
    }
    if check is not None:
        data["check"] = check
    return data


def requires(*fields: str) -> dict[str, Any]:
    """A schema-fragment check: the descriptor has these top-level fields."""
    return {"schema": {"required": list(fields)}}


def make_rubric(*standards: dict[str, Any], **top: Any) -> Rubric:
    return Rubric.model_validate(
        {
            "rubric_format": 1,
            "id": "test-rubric",
            "version": "1.0.0",
            "title": "A rubric for tests",
            "categories": [{"id": "1", "title": "Everything", "standards": list(standards)}],
            **top,
        }
    )


def threshold(percent: float = 85, **rule: Any) -> dict[str, Any]:
    return {"conformance": {"type": "threshold", "threshold_percent": percent, **rule}}


BASE_YAML = "id: d1\ntitle: Data literacy\n"


def doc(text: str = BASE_YAML, path: str = "d.yaml") -> Document:
    return load_text(text, path=path)


def run(
    rubric: Rubric,
    text: str = BASE_YAML,
    reviews: list[Review] | tuple[Review, ...] = (),
    waivers: list[WaiverRule] | tuple[WaiverRule, ...] = (),
    inline_waivers: bool = False,
) -> DescriptorResult:
    return evaluate_document(
        doc(text), rubric, reviews, today=TODAY, waivers=waivers, inline_waivers=inline_waivers
    )


def by_id(result: DescriptorResult) -> dict[str, StandardResult]:
    return {s.id: s for s in result.standards}


def review(
    answers: dict[str, dict[str, Any]], role: str = "peer", rubric: str = "test-rubric@1.0.0"
) -> Review:
    return Review.model_validate(
        {
            "rubric": rubric,
            "descriptor": {"path": "d.yaml", "id": "d1"},
            "reviewer": {"name": f"a {role}", "role": role},
            "standards": answers,
        }
    )


def verdicts(sid: str, *values: str) -> list[Review]:
    roles = ["chair", "peer", "sme", "external", "self"]
    return [review({sid: {"verdict": v}}, role=roles[i]) for i, v in enumerate(values)]


def levels(sid: str, *values: int) -> list[Review]:
    return [review({sid: {"level": v}}) for v in values]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# -- automated, manual and hybrid standards ------------------------------------------


def test_automated_schema_standard_met_and_not_met() -> None:
    rubric = make_rubric(
        standard("1.1", 2, check=requires("title")),
        standard("1.2", 3, check=requires("cost")),
    )
    result = run(rubric)
    s = by_id(result)
    assert (s["1.1"].status, s["1.1"].source, s["1.1"].points_earned) == ("met", "automated", 2.0)
    assert s["1.1"].findings == ()
    assert (s["1.2"].status, s["1.2"].source, s["1.2"].points_earned) == (
        "not_met",
        "automated",
        0.0,
    )
    [finding] = s["1.2"].findings
    assert finding.rule == "schema"
    assert finding.standard == "1.2"
    assert finding.severity == "error"
    assert "'cost'" in finding.message
    assert (finding.file, finding.line, finding.column) == ("d.yaml", 1, 1)
    assert result.score is not None
    assert (result.score.earned, result.score.possible, result.score.percent) == (2.0, 5.0, 40.0)
    assert result.decision == "not_conformant"


def test_named_check_findings_are_located_and_fail_the_standard() -> None:
    rubric = make_rubric(
        standard("1.1", check={"name": "measurable-outcomes"}),
        standard("1.2", check={"name": "placeholder-text"}),
    )
    text = (
        "id: d1\n"
        "title: Data literacy\n"
        "description: Dates TBD\n"
        "learning_outcomes:\n"
        "  - Explain how missing values bias an average.\n"
        "  - Understand data quality.\n"
    )
    s = by_id(run(rubric, text))
    assert s["1.1"].status == "not_met"
    [outcome] = s["1.1"].findings
    assert (outcome.rule, outcome.line, outcome.column) == ("measurable-outcomes", 6, 5)
    assert outcome.pointer == "/learning_outcomes/1"
    assert s["1.2"].status == "not_met"
    [placeholder] = s["1.2"].findings
    assert (placeholder.rule, placeholder.line, placeholder.column) == ("placeholder-text", 3, 14)
    assert "'TBD'" in placeholder.message


def test_manual_standard_without_reviews_is_pending_with_no_source() -> None:
    rubric = make_rubric(
        standard("1.1", 2, check=requires("title")), standard("1.2", 3, mode="manual")
    )
    result = run(rubric)
    manual = by_id(result)["1.2"]
    assert (manual.status, manual.source, manual.points_earned, manual.points_possible) == (
        "pending_review",
        "none",
        0.0,
        3.0,
    )
    assert manual.findings == ()
    assert result.decision == "pending_review"


def test_hybrid_without_reviews_a_failed_check_vetoes_and_a_passing_one_only_suggests() -> None:
    rubric = make_rubric(
        standard("1.1", 2, mode="hybrid", check=requires("cost"), evidence=["/title"]),
        standard("1.2", 2, mode="hybrid", check=requires("title"), evidence=["/title"]),
    )
    result = run(rubric)
    failing, passing = by_id(result)["1.1"], by_id(result)["1.2"]
    # A failed check: not met for now, so CI fails; the errors stay errors.
    assert (failing.status, failing.source, failing.points_earned, failing.check) == (
        "not_met",
        "automated",
        0.0,
        "fail",
    )
    rules = sorted((f.rule, f.severity) for f in failing.findings)
    assert rules == [("review-provisional", "info"), ("schema", "error")]
    note = next(f for f in failing.findings if f.rule == "review-provisional")
    assert note.standard == "1.1"
    # located at the standard's first evidence pointer
    assert (note.pointer, note.line, note.column) == ("/title", 2, 8)
    # A passing check: only a suggestion; people still decide.
    assert (passing.status, passing.check) == ("pending_review", "pass")
    [suggestion] = passing.findings
    assert suggestion.rule == "review-suggestion"
    assert suggestion.message.endswith("suggests: met")
    assert result.decision == "not_conformant"
    assert result.checks_passed is False


def test_a_passing_hybrid_check_never_makes_a_descriptor_conformant_without_reviews() -> None:
    rubric = make_rubric(standard("1.1", 2, mode="hybrid", check=requires("title")))
    result = run(rubric)
    assert result.decision == "pending_review"
    assert result.checks_passed is True


def test_hybrid_with_reviews_is_decided_by_reviewers_and_keeps_the_check_findings() -> None:
    rubric = make_rubric(standard("1.1", 2, mode="hybrid", check=requires("cost")))
    result = run(rubric, reviews=verdicts("1.1", "met", "met", "not_met"))
    s = by_id(result)["1.1"]
    assert (s.status, s.source, s.points_earned, s.check) == ("met", "reviewers", 2.0, "fail")
    assert sorted((f.rule, f.severity) for f in s.findings) == [
        ("review-overruled", "info"),
        ("schema", "warning"),
    ]
    assert result.decision == "conformant"
    # The reviewers decided, but the report still says a check failed.
    assert result.checks_passed is False


def test_reviewers_can_fail_a_hybrid_standard_whose_check_passes() -> None:
    rubric = make_rubric(standard("1.1", 2, mode="hybrid", check=requires("title")))
    result = run(rubric, reviews=verdicts("1.1", "not_met", "not_met", "met"))
    s = by_id(result)["1.1"]
    assert (s.status, s.source, s.check) == ("not_met", "reviewers", "pass")
    assert result.decision == "not_conformant"


# -- not applicable ------------------------------------------------------------------


def test_scope_and_applies_if_make_standards_not_applicable_and_leave_the_total() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("1.2", 5, check=requires("learner"), scope="issued-credential"),
        standard(
            "1.3",
            7,
            check=requires("cost"),
            applies_if={
                "required": ["workload"],
                "properties": {"workload": {"required": ["ects"]}},
            },
        ),
        standard("1.4", 2, mode="manual", scope="issued-credential"),
    )
    result = run(rubric)
    s = by_id(result)
    for sid in ("1.2", "1.3", "1.4"):
        assert (s[sid].status, s[sid].source, s[sid].points_earned) == (
            "not_applicable",
            "none",
            0.0,
        ), sid
    assert result.score is not None
    assert (result.score.earned, result.score.possible, result.score.percent) == (3.0, 3.0, 100.0)
    assert result.decision == "conformant"
    # the same standard applies once the condition holds, and then counts
    applied = run(rubric, BASE_YAML + "workload:\n  ects: 3\n")
    assert by_id(applied)["1.3"].status == "not_met"
    assert applied.score is not None
    assert (applied.score.earned, applied.score.possible) == (3.0, 10.0)
    assert applied.decision == "not_conformant"


# -- the decision rule ---------------------------------------------------------------


def test_essential_not_met_is_not_conformant_even_with_pending_standards() -> None:
    rubric = make_rubric(
        standard("1.1", 1, check=requires("cost"), essential=True),
        standard("1.2", 50, mode="manual"),
        standard("1.3", 50, check=requires("title")),
    )
    result = run(rubric)
    assert by_id(result)["1.2"].status == "pending_review"
    assert result.essentials is not None
    assert (result.essentials.met, result.essentials.total) == (0, 1)
    assert result.decision == "not_conformant"


def test_essentials_none_ignores_an_unmet_essential() -> None:
    rubric = make_rubric(
        standard("1.1", 1, check=requires("cost"), essential=True),
        standard("1.2", 9, check=requires("title")),
        **threshold(85, essentials="none"),
    )
    assert run(rubric).decision == "conformant"


def test_threshold_out_of_reach_even_if_every_pending_standard_were_met() -> None:
    rubric = make_rubric(
        standard("1.1", 2, check=requires("title")),
        standard("1.2", 10, check=requires("cost")),
        standard("1.3", 3, mode="manual"),
    )
    result = run(rubric)
    # best case (2 + 3) / 15 = 33 %: no review can save it
    assert by_id(result)["1.3"].status == "pending_review"
    assert result.decision == "not_conformant"


def test_pending_when_the_threshold_is_still_reachable() -> None:
    rubric = make_rubric(
        standard("1.1", 10, check=requires("title")),
        standard("1.2", 1, check=requires("cost")),
        standard("1.3", 3, mode="manual"),
    )
    # 10/14 now (71 %), 13/14 (93 %) if the manual standard is met
    assert run(rubric).decision == "pending_review"
    assert run(rubric, reviews=verdicts("1.3", "met")).decision == "conformant"
    assert run(rubric, reviews=verdicts("1.3", "not_met")).decision == "not_conformant"


def test_all_decided_and_at_least_the_threshold_is_conformant() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title"), essential=True),
        standard("1.2", 2, mode="manual"),
    )
    result = run(rubric, reviews=verdicts("1.2", "met"))
    assert [s.status for s in result.standards] == ["met", "met"]
    assert [s.source for s in result.standards] == ["automated", "reviewers"]
    assert result.essentials is not None
    assert (result.essentials.met, result.essentials.total) == (1, 1)
    assert result.decision == "conformant"


def _split(met: int, not_met: int) -> list[dict[str, Any]]:
    """Standards worth ``met`` points (met) and ``not_met`` points (not met), 100 at most each."""
    standards = []
    for label, total, check in (("a", met, requires("title")), ("b", not_met, requires("cost"))):
        index = 0
        while total > 0:
            points = min(100, total)
            standards.append(standard(f"{label}{index}", points, check=check))
            total -= points
            index += 1
    return standards


@pytest.mark.parametrize(
    ("met", "not_met", "rule", "decision", "percent"),
    [
        # rounding none compares the exact ratio
        (17, 3, {}, "conformant", 85.0),
        (85, 15, {}, "conformant", 85.0),
        (169, 31, {}, "not_conformant", 84.5),
        (1699, 301, {}, "not_conformant", 84.95),
        # 57 % is a ratio floating point gets wrong (57/100*100 = 56.99999...)
        (57, 43, {"threshold_percent": 57}, "conformant", 57.0),
        # half-up to whole percents: 84.5 becomes 85
        (169, 31, {"rounding": "half-up", "decimals": 0}, "conformant", 84.5),
        (1689, 311, {"rounding": "half-up", "decimals": 0}, "not_conformant", 84.45),
        (1689, 311, {"threshold_percent": 84.5}, "not_conformant", 84.45),
        (
            1689,
            311,
            {"threshold_percent": 84.5, "rounding": "half-up", "decimals": 1},
            "conformant",
            84.45,
        ),
        # floor never rounds up
        (169, 31, {"rounding": "floor", "decimals": 0}, "not_conformant", 84.5),
        (1699, 301, {"rounding": "floor", "decimals": 1}, "not_conformant", 84.95),
    ],
)
def test_threshold_edges_and_rounding(
    met: int, not_met: int, rule: dict[str, Any], decision: str, percent: float
) -> None:
    rule = {"threshold_percent": 85, **rule}
    rubric = make_rubric(*_split(met, not_met), **threshold(**rule))
    result = run(rubric)
    assert result.score is not None
    assert (result.score.earned, result.score.possible) == (float(met), float(met + not_met))
    assert result.score.percent == percent
    assert result.decision == decision


def test_exactly_at_threshold_passes_and_just_under_fails_with_rounding_none() -> None:
    at = make_rubric(
        standard("1.1", 17, check=requires("title")), standard("1.2", 3, check=requires("cost"))
    )
    under = make_rubric(
        standard("1.1", 17, check=requires("title")),
        standard("1.2", 3, check=requires("cost")),
        **threshold(85.01),
    )
    assert run(at).decision == "conformant"
    assert run(under).decision == "not_conformant"


# -- levels and bands -----------------------------------------------------------------

LEVELS = {
    "type": "levels",
    "levels": [
        {"value": 0, "label": "absent"},
        {"value": 1, "label": "weak"},
        {"value": 2, "label": "moderate"},
        {"value": 3, "label": "strong"},
    ],
}


@pytest.mark.parametrize(
    ("policy", "given", "earned", "status"),
    [
        ("mean", (1, 2), 3.0, "not_met"),  # mean 1.5 of 3 -> half of 6 points
        ("mean", (3, 3, 2), 16 / 3, "not_met"),  # mean 2.667 of 3
        ("mean", (3, 3), 6.0, "met"),
        ("mean", (0, 0, 0), 0.0, "not_met"),
        ("median", (1, 2, 3), 4.0, "not_met"),  # median 2 -> 4 of 6
        ("median", (0, 3), 3.0, "not_met"),  # median 1.5
        ("median", (3, 3, 0), 6.0, "met"),
    ],
)
def test_levels_scale_earns_in_proportion(
    policy: str, given: tuple[int, ...], earned: float, status: str
) -> None:
    rubric = make_rubric(
        standard("1.1", 6, mode="manual"),
        scale=LEVELS,
        aggregation={"policy": policy},
        **threshold(50, essentials="none"),
    )
    result = run(rubric, reviews=levels("1.1", *given))
    s = by_id(result)["1.1"]
    assert s.source == "reviewers"
    assert s.status == status
    assert s.points_earned == pytest.approx(earned, abs=1e-4)
    assert result.score is not None
    assert result.score.percent == pytest.approx(100 * earned / 6, abs=0.01)


def test_levels_with_their_own_points() -> None:
    scale = {
        "type": "levels",
        "levels": [
            {"value": 0, "label": "absent", "points": 0},
            {"value": 1, "label": "weak", "points": 1},
            {"value": 2, "label": "good", "points": 4},
        ],
    }
    rubric = make_rubric(
        standard("1.1", 8, mode="manual"), scale=scale, aggregation={"policy": "mean"}
    )
    # level 1 earns 1/4 of the standard's points, level 1.5 half way between 1/4 and 4/4
    assert by_id(run(rubric, reviews=levels("1.1", 1)))["1.1"].points_earned == 2.0
    assert by_id(run(rubric, reviews=levels("1.1", 1, 2)))["1.1"].points_earned == 5.0


BANDS = {
    "conformance": {
        "type": "bands",
        "bands": [
            {"min_percent": 90, "label": "Exemplary"},
            {"min_percent": 70, "label": "Accomplished"},
            {"min_percent": 40, "label": "Developing", "conformant": False},
        ],
    }
}


@pytest.mark.parametrize(
    ("met", "not_met", "band", "decision"),
    [
        (9, 1, "Exemplary", "conformant"),
        (10, 0, "Exemplary", "conformant"),
        (8, 2, "Accomplished", "conformant"),
        (7, 3, "Accomplished", "conformant"),
        (69, 31, "Developing", "not_conformant"),
        (4, 6, "Developing", "not_conformant"),
        (3, 7, None, "not_conformant"),
    ],
)
def test_bands_give_the_band_and_the_decision(
    met: int, not_met: int, band: str | None, decision: str
) -> None:
    rubric = make_rubric(*_split(met, not_met), **BANDS)
    result = run(rubric)
    assert (result.band, result.decision) == (band, decision)


# -- reviewers' consensus ------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "given", "status", "source"),
    [
        ("majority", ("met", "met", "not_met"), "met", "reviewers"),
        ("majority", ("not_met", "met", "not_met"), "not_met", "reviewers"),
        ("majority", ("met", "not_met"), "pending_review", "none"),
        (
            "majority",
            ("met", "not_met", "not_applicable", "not_applicable"),
            "pending_review",
            "none",
        ),
        ("majority", ("not_applicable", "not_applicable", "met"), "not_applicable", "reviewers"),
        ("unanimous", ("met", "met", "met"), "met", "reviewers"),
        ("unanimous", ("met", "met", "not_met"), "not_met", "reviewers"),
        # the chair is the first reviewer (see ``verdicts``)
        ("chair", ("not_met", "met", "met"), "not_met", "reviewers"),
        ("chair", ("met", "not_met", "not_met"), "met", "reviewers"),
    ],
)
def test_review_policies(policy: str, given: tuple[str, ...], status: str, source: str) -> None:
    rubric = make_rubric(standard("1.1", 2, mode="manual"), aggregation={"policy": policy})
    s = by_id(run(rubric, reviews=verdicts("1.1", *given)))["1.1"]
    assert (s.status, s.source) == (status, source)
    assert s.points_earned == (2.0 if status == "met" else 0.0)


def test_chair_policy_without_a_chair_answer_stays_pending() -> None:
    rubric = make_rubric(standard("1.1", mode="manual"), aggregation={"policy": "chair"})
    peers = [review({"1.1": {"verdict": "met"}}, role="peer") for _ in range(3)]
    assert by_id(run(rubric, reviews=peers))["1.1"].status == "pending_review"


def test_min_reviewers_not_reached_leaves_the_standard_pending() -> None:
    rubric = make_rubric(
        standard("1.1", 2, mode="manual"), aggregation={"policy": "majority", "min_reviewers": 3}
    )
    two = run(rubric, reviews=verdicts("1.1", "met", "met"))
    assert (by_id(two)["1.1"].status, by_id(two)["1.1"].source) == ("pending_review", "none")
    assert two.decision == "pending_review"
    # a reviewer who left the standard blank does not count
    blank = [*verdicts("1.1", "met", "met"), review({"1.1": {"comment": "later"}}, role="sme")]
    assert by_id(run(rubric, reviews=blank))["1.1"].status == "pending_review"
    three = run(rubric, reviews=verdicts("1.1", "met", "met", "not_met"))
    assert by_id(three)["1.1"].status == "met"
    assert three.decision == "conformant"


def test_reviews_do_not_decide_automated_standards() -> None:
    rubric = make_rubric(standard("1.1", check=requires("cost")))
    s = by_id(run(rubric, reviews=verdicts("1.1", "met", "met", "met")))["1.1"]
    assert (s.status, s.source) == ("not_met", "automated")


# -- waivers --------------------------------------------------------------------------


def waiver(target: str, reason: str = "accepted for now", expires: str | None = None) -> WaiverRule:
    return WaiverRule(target, reason, expires, ".mcqa.yaml", 9, 5)


def test_config_waiver_makes_a_not_met_standard_not_applicable() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("1.2", 3, check=requires("cost")),
        **threshold(100),
    )
    assert run(rubric).decision == "not_conformant"
    result = run(rubric, waivers=[waiver("1.2", "Price list due in March", "2027-06-30")])
    s = by_id(result)["1.2"]
    assert (s.status, s.source, s.points_earned) == ("not_applicable", "waiver", 0.0)
    [finding] = s.findings
    assert finding.rule == "schema"
    assert finding.waiver is not None
    assert finding.waiver.reason == "Price list due in March"
    assert finding.waiver.expires == "2027-06-30"
    assert finding.waiver.source == ".mcqa.yaml"
    assert result.score is not None
    assert (result.score.earned, result.score.possible) == (3.0, 3.0)
    assert result.decision == "conformant"


def test_waiver_of_a_pending_standard_takes_it_out_of_the_total() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")), standard("1.2", 5, mode="manual")
    )
    result = run(rubric, waivers=[waiver("1.2")])
    s = by_id(result)["1.2"]
    assert (s.status, s.source) == ("not_applicable", "waiver")
    assert result.score is not None and result.score.possible == 3.0
    assert result.decision == "conformant"


def test_waiver_of_a_met_standard_keeps_it_met() -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    s = by_id(run(rubric, waivers=[waiver("1.1")]))["1.1"]
    assert (s.status, s.source, s.points_earned) == ("met", "automated", 3.0)


def test_expired_waiver_does_not_apply_and_is_reported() -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("cost")))
    result = run(rubric, waivers=[waiver("1.1", "old excuse", "2026-11-27")])
    s = by_id(result)["1.1"]
    assert (s.status, s.source) == ("not_met", "automated")
    assert all(f.waiver is None for f in s.findings)
    [expired] = [f for f in result.findings if f.rule == "waiver-expired"]
    assert expired.severity == "warning"
    assert "2026-11-27" in expired.message
    assert "1.1" in expired.message
    assert (expired.file, expired.line, expired.column) == (".mcqa.yaml", 9, 5)
    assert result.decision == "not_conformant"
    # the last day still counts
    last_day = run(rubric, waivers=[waiver("1.1", "old excuse", "2026-11-28")])
    assert by_id(last_day)["1.1"].status == "not_applicable"
    assert not [f for f in last_day.findings if f.rule == "waiver-expired"]


def test_essential_standards_are_never_waived() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("7.1", 3, check=requires("accessibility"), essential=True),
    )
    result = run(rubric, waivers=[waiver("7.1", "accessibility statement next year")])
    s = by_id(result)["7.1"]
    assert (s.status, s.source) == ("not_met", "automated")
    assert all(f.waiver is None for f in s.findings)
    [refused] = [f for f in result.findings if f.rule == "waiver-refused"]
    assert "essential" in refused.message
    assert (refused.file, refused.line, refused.severity) == (".mcqa.yaml", 9, "warning")
    assert result.decision == "not_conformant"


def test_inline_waiver_counts_only_where_the_configuration_allows_it() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("4.2", 2, check=requires("cost")),
    )
    text = BASE_YAML + '# mcqa: waive 4.2 reason="ECTS pending senate approval" until=2027-06-30\n'
    result = run(rubric, text)
    assert (by_id(result)["4.2"].status, by_id(result)["4.2"].source) == ("not_met", "automated")
    [ignored] = [f for f in result.findings if f.rule == "waiver-ignored"]
    assert (ignored.file, ignored.line, ignored.severity) == ("d.yaml", 3, "warning")
    assert "inline_waivers" in ignored.message
    assert result.decision == "not_conformant"


def test_an_inline_waiver_never_waives_an_essential_even_where_allowed() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("7.1", 3, check=requires("accessibility"), essential=True),
    )
    text = BASE_YAML + '# mcqa: waive 7.1 reason="we are accessible" until=2027-06-30\n'
    result = run(rubric, text, inline_waivers=True)
    assert by_id(result)["7.1"].status == "not_met"
    assert [f.rule for f in result.findings if f.rule.startswith("waiver")] == ["waiver-refused"]
    assert result.decision == "not_conformant"


def test_inline_waiver_comment_in_a_yaml_descriptor() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("4.2", 2, check=requires("cost")),
    )
    text = BASE_YAML + '# mcqa: waive 4.2 reason="ECTS pending senate approval" until=2027-06-30\n'
    result = run(rubric, text, inline_waivers=True)
    s = by_id(result)["4.2"]
    assert (s.status, s.source) == ("not_applicable", "waiver")
    [finding] = s.findings
    assert finding.waiver is not None
    assert finding.waiver.reason == "ECTS pending senate approval"
    assert finding.waiver.expires == "2027-06-30"
    assert finding.waiver.source == "d.yaml"
    assert result.decision == "conformant"
    assert not [f for f in result.findings if f.severity == "error"]


def test_expired_inline_waiver_is_reported_at_its_comment() -> None:
    rubric = make_rubric(standard("4.2", 2, check=requires("cost")))
    text = BASE_YAML + "workload:\n  hours: 3  # mcqa: waive 4.2 reason=legacy until=2025-01-01\n"
    result = run(rubric, text, inline_waivers=True)
    assert by_id(result)["4.2"].status == "not_met"
    [expired] = [f for f in result.findings if f.rule == "waiver-expired"]
    assert (expired.file, expired.line, expired.column) == ("d.yaml", 4, 13)


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ("# mcqa: waive 4.2", "gives no reason"),
        ('# mcqa: waive 4.2 reason=""', "gives no reason"),
        ('# mcqa: waive 4.2 reason="late" until=2027-13-01', "is not a real date"),
        ('# mcqa: waive 4.2 reason="late" until=2026-02-30', "there is no 30 February 2026"),
        ('# mcqa: waive 4.2 reason="late" until=30/06/2027', "is not a date"),
        ('# mcqa: waive 4.2 reason="late" expires=2027-01-01', "unknown waiver field"),
        ('# mcqa: waive reason="late"', "names no standard"),
        ('# mcqa: waive 4.2 reason="unterminated', "cannot be read"),
    ],
)
def test_malformed_inline_waiver_is_an_error_at_its_comment(comment: str, words: str) -> None:
    rubric = make_rubric(standard("4.2", 2, check=requires("cost")))
    text = BASE_YAML + "workload:\n  hours: 3\n" + "language: en  " + comment + "\n"
    result = run(rubric, text)
    [problem] = [f for f in result.findings if f.rule == "waiver"]
    assert problem.severity == "error"
    assert words in problem.message
    assert (problem.file, problem.line, problem.column) == ("d.yaml", 5, 15)
    # a malformed waiver waives nothing
    assert by_id(result)["4.2"].status == "not_met"


def test_inline_waivers_are_only_read_from_yaml() -> None:
    rubric = make_rubric(standard("4.2", 2, check=requires("cost")))
    document = load_text(
        '{"id": "d1", "title": "# mcqa: waive 4.2 reason=x"}', path="d.json", format="json"
    )
    result = evaluate_document(document, rubric, today=TODAY)
    assert by_id(result)["4.2"].status == "not_met"


def test_waiver_naming_a_rule_marks_those_findings() -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    text = BASE_YAML + "titel: typo\n"
    plain = run(rubric, text)
    [unknown] = [f for f in plain.findings if f.rule == "unknown-field"]
    assert unknown.waiver is None
    result = run(rubric, text, waivers=[waiver("unknown-field", "legacy field kept for the LMS")])
    [unknown] = [f for f in result.findings if f.rule == "unknown-field"]
    assert unknown.waiver is not None
    assert unknown.waiver.reason == "legacy field kept for the LMS"
    assert (unknown.severity, unknown.line) == ("warning", 3)
    # an expired one does not
    stale = run(rubric, text, waivers=[waiver("unknown-field", "x", "2020-01-01")])
    assert [f.waiver for f in stale.findings if f.rule == "unknown-field"] == [None]


def test_waiver_naming_a_check_rule_marks_the_standards_findings() -> None:
    """waivers.py: a waiver names "a standard id (4.2) or a rule id (placeholder-text)"."""
    rubric = make_rubric(standard("9.5", 2, check={"name": "placeholder-text"}))
    text = BASE_YAML + "description: Dates TBD\n"
    result = run(rubric, text, waivers=[waiver("placeholder-text", "template kept on purpose")])
    [placeholder] = [f for s in result.standards for f in s.findings]
    assert placeholder.rule == "placeholder-text"
    assert placeholder.waiver is not None
    assert placeholder.waiver.reason == "template kept on purpose"


# -- unknown fields, type errors, syntax errors ---------------------------------------


def test_unknown_fields_are_warnings_and_the_rest_is_scored() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("1.2", 2, check=requires("description")),
    )
    text = (
        "id: d1\n"
        "title: Data literacy\n"
        "descripton: misspelt\n"
        "issuer:\n"
        "  nmae: Uni\n"
        "learning_outcomes:\n"
        "  - statement: Explain how missing values bias an average.\n"
        "    idd: LO1\n"
    )
    result = run(rubric, text)
    assert result.decision == "not_conformant"  # 1.2 is not met: 'description' was misspelt
    unknown = sorted(
        (
            (f.line, f.column, f.pointer, f.severity)
            for f in result.findings
            if f.rule == "unknown-field"
        ),
    )
    assert unknown == [
        (3, 1, "/descripton", "warning"),
        (5, 3, "/issuer/nmae", "warning"),
        (8, 5, "/learning_outcomes/0/idd", "warning"),
    ]
    messages = {f.pointer: f.message for f in result.findings if f.rule == "unknown-field"}
    assert "did you mean 'description'?" in messages["/descripton"]
    assert "did you mean 'name'?" in messages["/issuer/nmae"]
    assert "did you mean 'id'?" in messages["/learning_outcomes/0/idd"]
    s = by_id(result)
    assert (s["1.1"].status, s["1.2"].status) == ("met", "not_met")
    assert result.descriptor_id == "d1"
    assert result.score is not None


def test_type_descriptor_drops_unknown_fields_and_keeps_the_rest() -> None:
    descriptor, findings = type_descriptor(doc("id: d1\ntitle: T\ntitel: x\nlanguage: en\n"))
    assert isinstance(descriptor, Descriptor)
    assert (descriptor.title, descriptor.language) == ("T", "en")
    assert [(f.rule, f.severity, f.line) for f in findings] == [("unknown-field", "warning", 3)]


def test_a_type_error_costs_only_the_standards_resting_on_the_field() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("1.2", 1, check=requires("workload"), evidence=["/workload"]),
    )
    text = "id: d1\ntitle: Data literacy\nworkload:\n  hours: many\n"
    result = run(rubric, text)
    assert result.decision == "not_conformant"
    assert result.score is not None and result.descriptor_id == "d1"
    s = by_id(result)
    assert (s["1.1"].status, s["1.2"].status) == ("met", "not_met")
    assert s["1.1"].findings == ()
    [error] = s["1.2"].findings
    assert (error.file, error.line, error.column, error.pointer) == (
        "d.yaml",
        4,
        10,
        "/workload/hours",
    )
    assert (error.severity, error.standard, error.rule) == ("error", "1.2", "schema")
    assert "number" in error.message
    assert result.findings == ()  # counted against 1.2, so not repeated on the descriptor
    assert result.checks_passed is False


def test_a_type_error_no_standard_rests_on_is_a_warning_on_the_descriptor() -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    result = run(rubric, "id: d1\ntitle: Data literacy\nworkload:\n  hours: many\n")
    assert result.decision == "conformant"
    assert [(f.severity, f.line, f.column, f.pointer) for f in result.findings] == [
        ("warning", 4, 10, "/workload/hours")
    ]


def test_a_missing_required_field_counts_against_the_standards_that_need_it() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")), standard("1.2", check=requires("id"))
    )
    result = run(rubric, "id: d1\ndescription: no title\n")
    assert result.decision == "not_conformant"
    s = by_id(result)
    assert (s["1.1"].status, s["1.2"].status) == ("not_met", "met")
    assert [(f.rule, f.severity, f.line, f.column, f.message) for f in s["1.1"].findings] == [
        ("schema", "error", 1, 1, "the required field 'title' is missing")
    ]


@pytest.mark.parametrize(
    ("text", "rule", "line", "column"),
    [
        ("id: d1\ntitle: [unclosed\n", "yaml-syntax", 3, 1),
        ("id: d1\ntitle: T\n  bad: indent\n", "yaml-syntax", 3, 6),
        ("- just\n- a list\n", "schema", 1, 1),
        ("", "empty", 1, 1),
    ],
)
def test_unparseable_or_non_mapping_yaml_is_decision_error(
    text: str, rule: str, line: int, column: int
) -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    result = run(rubric, text)
    assert result.decision == "error"
    assert (result.score, result.standards, result.descriptor_id) == (None, (), None)
    [finding] = result.findings
    assert (finding.rule, finding.severity, finding.file) == (rule, "error", "d.yaml")
    assert (finding.line, finding.column) == (line, column)


def test_evaluate_document_records_the_sha256_of_the_bytes() -> None:
    rubric = make_rubric(standard("1.1", check=requires("title")))
    result = run(rubric)
    assert result.sha256 == hashlib.sha256(BASE_YAML.encode()).hexdigest()


# -- the public evaluate() ------------------------------------------------------------


def test_evaluate_a_dict_against_a_registry_rubric() -> None:
    report = mcqa.evaluate({"id": "d1", "title": "Data literacy"}, "mcqa-core@^1", today=TODAY)
    assert isinstance(report, Report)
    assert (report.rubric.id, report.rubric.version) == ("mcqa-core", "1.0.0")
    [result] = report.results
    assert result.path == "<input>"
    assert result.descriptor_id == "d1"
    assert result.decision == "not_conformant"
    assert len(result.standards) == 50
    assert report.summary.total == 1
    assert report.summary.not_conformant == 1


def test_evaluate_accepts_a_path_a_string_a_descriptor_and_a_document(tmp_path: Path) -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")), standard("1.2", check=requires("cost"))
    )
    path = tmp_path / "d.yaml"
    path.write_text(BASE_YAML, encoding="utf-8")
    reports = [
        evaluate(path, rubric, today=TODAY),
        evaluate(str(path), rubric, today=TODAY),
        evaluate(Descriptor(id="d1", title="Data literacy"), rubric, today=TODAY),
        evaluate(doc(), rubric, today=TODAY),
        evaluate({"id": "d1", "title": "Data literacy"}, rubric, today=TODAY),
    ]
    for report in reports:
        [result] = report.results
        assert [s.status for s in result.standards] == ["met", "not_met"]
        assert result.decision == "not_conformant"
    assert reports[0].results[0].path == str(path)
    assert reports[2].results[0].path == "<input>"
    with pytest.raises(TypeError):
        evaluate(42, rubric)  # type: ignore[arg-type]


def test_evaluate_with_an_unknown_rubric_raises_rubric_error() -> None:
    with pytest.raises(mcqa.RubricError):
        mcqa.evaluate({"id": "d1", "title": "T"}, "no-such-rubric@^9")


def test_build_report_sorts_results_and_counts_decisions() -> None:
    rubric = make_rubric(standard("1.1", check=requires("cost")), standard("1.2", mode="manual"))
    results = [
        evaluate_document(
            doc("id: c\ntitle: C\ncost: {}\n", "c.yaml"),
            rubric,
            verdicts("1.2", "met"),
            today=TODAY,
        ),
        evaluate_document(doc("id: a\ntitle: A\n", "a.yaml"), rubric, today=TODAY),
        evaluate_document(doc("id: [", "b.yaml"), rubric, today=TODAY),
        evaluate_document(doc("id: d\ntitle: D\ncost: {}\n", "d.yaml"), rubric, today=TODAY),
    ]
    report = build_report(rubric, results)
    assert [r.path for r in report.results] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    assert [r.decision for r in report.results] == [
        "not_conformant",
        "error",
        "conformant",
        "pending_review",
    ]
    s = report.summary
    assert (s.total, s.conformant, s.not_conformant, s.pending_review, s.error) == (4, 1, 1, 1, 1)


# -- properties -----------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "Data",
        "analysis",
        "clean",
        "Explain",
        "the",
        "learners",
        "workplace",
        "Analyze",
        "Build",
        "report",
        "safety",
        "project",
        "TBD",
        "[Name]",
        "https://www.example.org",
        "é",
        "2026",
        "",
    ]
)
TEXT = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=12).map(" ".join),
    st.text(max_size=60),
)
SHORT = st.text(min_size=1, max_size=20)
NUMBER = st.one_of(
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=10_000, allow_nan=False, allow_infinity=False),
)
RATE = st.floats(min_value=0, max_value=100, allow_nan=False)
URL = st.one_of(
    st.sampled_from(
        [
            "https://www.university.edu/course",
            "http://plain.example.ac.uk/page",
            "www.no-scheme.edu",
            "https://example.com/x",
            "not a url",
        ]
    ),
    SHORT,
)
DATE = st.dates().map(dt.date.isoformat)  # a date that does not exist is a schema error
TEXT_OR_LIST = st.one_of(TEXT, st.lists(TEXT, max_size=3))


def section(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping whose every field is optional."""
    return st.fixed_dictionaries({}, optional=fields)


OUTCOME = st.one_of(
    TEXT,
    st.fixed_dictionaries(
        {"statement": TEXT},
        optional={
            "id": st.sampled_from(["LO1", "LO2", "LO3", "LO4", "X"]),
            "bloom_level": st.sampled_from(
                ["remember", "understand", "apply", "analyze", "evaluate", "create"]
            ),
            "alignments": st.lists(
                section(framework=SHORT, code=SHORT, name=TEXT, url=URL), max_size=2
            ),
        },
    ),
)

SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "descriptor_format": st.just(1),
    "type": SHORT,
    "status": st.sampled_from(["draft", "active", "retired"]),
    "version": SHORT,
    "language": st.sampled_from(["en", "fr-CA", "nl-BE", "english", "x"]),
    "url": URL,
    "issuer": section(
        name=TEXT,
        url=URL,
        country=st.sampled_from(["NL", "IE", "US", "nl", "Netherlands"]),
        region=SHORT,
        parent=TEXT,
    ),
    "description": TEXT,
    "audience": section(description=TEXT, level=SHORT, prior_knowledge=TEXT),
    "relevance": section(
        skills_gap=TEXT,
        labor_market_evidence=TEXT,
        industry_partners=st.lists(TEXT, max_size=3),
        occupations=st.lists(section(framework=SHORT, code=SHORT, title=TEXT), max_size=2),
    ),
    "learning_outcomes": st.lists(OUTCOME, max_size=5),
    "workload": section(
        hours=NUMBER, ects=NUMBER, credit_hours=NUMBER, duration_weeks=NUMBER, pace=SHORT
    ),
    "level": section(framework=SHORT, value=st.one_of(SHORT, st.integers(0, 10))),
    "delivery": section(mode=st.sampled_from(["online", "on-site", "blended"]), schedule=TEXT),
    "assessments": st.lists(
        section(
            id=st.sampled_from(["A1", "A2", "A3"]),
            type=SHORT,
            description=TEXT,
            outcomes=st.lists(st.sampled_from(["LO1", "LO2", "LO3", "LO4", "LO9"]), max_size=4),
            passing_standard=TEXT,
        ),
        max_size=3,
    ),
    "identity_verification": st.sampled_from(["none", "supervised", "supervised-id-check"]),
    "prerequisites": TEXT_OR_LIST,
    "cost": section(
        amount=NUMBER,
        currency=st.sampled_from(["EUR", "USD", "eur", "€", "XXX", "ABC"]),
        includes=TEXT_OR_LIST,
        additional_fees=TEXT_OR_LIST,
        financial_aid=section(eligible=st.booleans(), programs=st.lists(TEXT, max_size=2)),
        scholarships=TEXT_OR_LIST,
        refund_policy_url=URL,
    ),
    "stackability": section(
        stacks_into=st.lists(section(id=SHORT, title=TEXT, type=SHORT), max_size=2),
        credit=section(value=NUMBER, unit=SHORT, recommended_by=TEXT),
        transcripted=st.booleans(),
    ),
    "credential": section(format=SHORT, platform=SHORT, verification_url=URL, expires=SHORT),
    "accessibility": section(statement=TEXT, conformance=SHORT, accommodations_contact=SHORT),
    "equity": section(statement=TEXT, supports=st.lists(TEXT, max_size=3)),
    "quality_assurance": section(
        type=SHORT,
        body=TEXT,
        approved_through=TEXT,
        policy_url=URL,
        last_review=DATE,
        next_review=DATE,
    ),
    "outcomes_data": section(
        enrollments=st.integers(min_value=0, max_value=100_000),
        completion_rate=RATE,
        employment_rate=RATE,
        progression_rate=RATE,
        period=SHORT,
    ),
    "contact": section(name=TEXT, email=SHORT, url=URL, phone=SHORT),
    "extensions": st.dictionaries(SHORT, st.one_of(SHORT, st.integers()), max_size=2),
}

RANDOM_DESCRIPTORS = st.fixed_dictionaries(
    {"id": SHORT, "title": st.one_of(SHORT, TEXT.filter(bool))}, optional=SECTIONS
)


def _complete() -> dict[str, Any]:
    data = yaml.safe_load(COMPLETE_EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


COMPLETE = _complete()
OPTIONAL_KEYS = sorted(set(COMPLETE) - {"id", "title"})


@st.composite
def example_variants(draw: st.DrawFn) -> dict[str, Any]:
    """The complete example with some sections left out and outcomes with or without ids."""
    data = copy.deepcopy(COMPLETE)
    for key in draw(st.lists(st.sampled_from(OPTIONAL_KEYS), unique=True, max_size=5)):
        del data[key]
    if "learning_outcomes" in data and draw(st.booleans()):
        data["learning_outcomes"] = [o["statement"] for o in data["learning_outcomes"]]
    if "workload" in data:
        data["workload"]["hours"] = draw(st.one_of(st.just(75), NUMBER))
    return data


DESCRIPTORS = st.one_of(RANDOM_DESCRIPTORS, example_variants())

CORE = mcqa.load_rubric("mcqa-core@1.0.0")
JUDGED = [s.id for _, s in CORE.iter_standards() if s.mode != "automated"]
ALL_MET = [
    Review.model_validate(
        {
            "rubric": "mcqa-core@1.0.0",
            "descriptor": {"path": "d.yaml"},
            "reviewer": {"role": role},
            "standards": {sid: {"verdict": "met"} for sid in JUDGED},
        }
    )
    for role in ("chair", "sme", "peer")
]
ADDABLE = ["cost", "quality_assurance", "accessibility", "equity", "outcomes_data", "credential"]

PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _single(
    data: dict[str, Any], reviews: list[Review] | tuple[Review, ...] = ()
) -> DescriptorResult:
    report = evaluate(data, CORE, reviews, today=TODAY)
    [result] = report.results
    return result


def test_the_strategy_makes_valid_descriptors() -> None:
    Descriptor.model_validate(COMPLETE)
    assert _single(COMPLETE, ALL_MET).decision == "conformant"


@PROPERTY
@given(DESCRIPTORS)
def test_random_valid_descriptors_never_break_the_engine(data: dict[str, Any]) -> None:
    Descriptor.model_validate(data)  # the strategy only makes valid descriptors
    for reviews in ((), ALL_MET):
        result = _single(data, reviews)
        assert result.decision in ("conformant", "not_conformant", "pending_review")
        assert result.score is not None
        assert 0 <= result.score.percent <= 100
        assert 0 <= result.score.earned <= result.score.possible + 1e-9
        assert len(result.standards) == 50
        for s in result.standards:
            assert 0 <= s.points_earned <= s.points_possible
        applicable = [s for s in result.standards if s.status != "not_applicable"]
        assert result.score.possible == pytest.approx(sum(s.points_possible for s in applicable))
        for finding in [*result.findings, *(f for s in result.standards for f in s.findings)]:
            assert finding.line is not None and finding.line >= 1
        if not reviews:
            # without reviews, manual standards are always pending
            assert result.decision != "conformant"


@PROPERTY
@given(DESCRIPTORS, st.sampled_from(ADDABLE))
def test_adding_a_complete_section_never_lowers_the_score(data: dict[str, Any], key: str) -> None:
    data = copy.deepcopy(data)
    data.pop(key, None)
    before = _single(data, ALL_MET)
    after = _single({**data, key: copy.deepcopy(COMPLETE[key])}, ALL_MET)
    assert before.score is not None and after.score is not None
    assert after.score.earned >= before.score.earned
    if before.decision == "conformant":
        assert after.decision == "conformant"
    # only standards looking at the new section may change
    changed = {
        b.id
        for b, a in zip(before.standards, after.standards, strict=True)
        if (b.status, b.points_earned) != (a.status, a.points_earned)
    }
    for sid in changed:
        s = CORE.standard(sid)
        assert s is not None and (s.mode == "automated" or s.applies_if is not None), sid
        assert by_id(after)[sid].status == "met", sid


def _key(finding: Finding) -> tuple[Any, ...]:
    return (finding.rule, finding.severity, finding.standard, finding.pointer, finding.message)


@PROPERTY
@given(DESCRIPTORS, st.randoms(use_true_random=False))
def test_the_order_of_sections_changes_nothing(data: dict[str, Any], rnd: random.Random) -> None:
    keys = list(data)
    rnd.shuffle(keys)
    shuffled = {k: data[k] for k in keys}
    first, second = _single(data), _single(shuffled)
    assert first.decision == second.decision
    assert first.score == second.score
    assert [(s.id, s.status, s.points_earned, s.source) for s in first.standards] == [
        (s.id, s.status, s.points_earned, s.source) for s in second.standards
    ]
    for a, b in zip(first.standards, second.standards, strict=True):
        assert sorted(map(_key, a.findings)) == sorted(map(_key, b.findings))
    assert sorted(map(_key, first.findings)) == sorted(map(_key, second.findings))


@PROPERTY
@given(DESCRIPTORS)
def test_evaluation_is_deterministic(data: dict[str, Any]) -> None:
    first = evaluate(data, CORE, ALL_MET, today=TODAY)
    assert evaluate(copy.deepcopy(data), CORE, ALL_MET, today=TODAY) == first


def test_waiver_text_inside_a_quoted_value_is_not_a_waiver() -> None:
    from mcqa.waivers import inline_waivers

    text = (
        'description: "Say # mcqa: waive 1.1 reason=x in class"\n'
        "title: T  # mcqa: waive 4.2 reason=ok\n"
        '# mcqa: waive 5.1 reason="on its own line"\n'
    )
    rules, problems = inline_waivers(doc(text))
    assert [(r.target, r.line, r.column) for r in rules] == [("4.2", 2, 11), ("5.1", 3, 1)]
    assert problems == []


# -- essentials: reaching a level, accepted by the chair ---------------------------------


@pytest.mark.parametrize(
    ("given", "decision", "band"), [(2, "conformant", "Top"), (1, "not_conformant", None)]
)
def test_an_essential_on_a_scale_of_levels_must_reach_the_essential_level(
    given: int, decision: str, band: str | None
) -> None:
    rubric = make_rubric(
        standard("1.1", 3, mode="manual", essential=True),
        standard("1.2", 30, mode="manual"),
        scale=LEVELS,
        aggregation={"policy": "median"},
        conformance={
            "type": "bands",
            "essentials": "all",
            "essential_level": 2,
            "bands": [
                {"min_percent": 80, "label": "Top"},
                {"min_percent": 0, "label": "Low", "conformant": False},
            ],
        },
    )
    reviews = [review({"1.1": {"level": given}, "1.2": {"level": 3}})]
    result = run(rubric, reviews=reviews)
    # level 2 of 3 is "below the top level", yet it meets the essential level
    assert by_id(result)["1.1"].status == "not_met"
    assert result.essentials is not None
    assert result.essentials.met == (1 if given >= 2 else 0)
    assert (result.decision, result.band) == (decision, band)


def test_the_chair_alone_accepts_an_essential_as_not_applicable_with_a_reason() -> None:
    rubric = make_rubric(
        standard("1.1", 3, check=requires("title")),
        standard("2.4", 3, mode="manual", essential=True),
    )
    chair = review(
        {"2.4": {"verdict": "not_applicable", "comment": "Non-formal training; no framework."}},
        role="chair",
    )
    others = [review({"2.4": {"verdict": "met"}}, role=r) for r in ("peer", "sme")]
    result = run(rubric, reviews=[chair, *others])
    s = by_id(result)["2.4"]
    assert (s.status, s.source) == ("not_applicable", "reviewers")
    assert s.accepted is not None
    assert (s.accepted.reviewer, s.accepted.role, s.accepted.round) == ("a chair", "chair", 1)
    assert s.accepted.reason == "Non-formal training; no framework."
    assert "accepted it" in s.rounds[-1].decided_by
    assert result.decision == "conformant"


@pytest.mark.parametrize(
    ("role", "comment", "why"),
    [
        ("peer", "Does not apply.", "only the chair"),
        ("chair", None, "the reason in the comment"),
        ("chair", "   ", "the reason in the comment"),
    ],
)
def test_no_one_else_sets_an_essential_aside(role: str, comment: str | None, why: str) -> None:
    rubric = make_rubric(standard("2.4", 3, mode="manual", essential=True))
    answer: dict[str, Any] = {"verdict": "not_applicable"}
    if comment is not None:
        answer["comment"] = comment
    forms = [review({"2.4": answer}, role=role)]
    forms += [review({"2.4": {"verdict": "not_applicable"}}, role=r) for r in ("external", "sme")]
    result = run(rubric, reviews=forms)
    s = by_id(result)["2.4"]
    assert s.status == "pending_review"
    assert s.accepted is None
    assert all(not a.counted for a in s.reviews)
    assert any(why in (a.note or "") for a in s.reviews)
    assert result.decision != "conformant"


def test_a_non_essential_standard_is_set_aside_by_the_majority_as_before() -> None:
    rubric = make_rubric(standard("2.4", 3, mode="manual"))
    result = run(rubric, reviews=verdicts("2.4", "not_applicable", "not_applicable", "met"))
    assert by_id(result)["2.4"].status == "not_applicable"
    assert by_id(result)["2.4"].accepted is None


def test_placeholder_text_in_an_essential_s_evidence_fails_it_whatever_the_reviewers_say() -> None:
    rubric = make_rubric(
        standard(
            "1.1", 3, mode="hybrid", essential=True, check=requires("title"), evidence=["/title"]
        ),
        standard("1.2", 3, mode="hybrid", check=requires("title"), evidence=["/title"]),
    )
    text = "id: d1\ntitle: Title of the Qualification\n"
    result = run(rubric, text, reviews=verdicts("1.1", "met", "met", "met"))
    essential, other = by_id(result)["1.1"], by_id(result)["1.2"]
    assert (essential.status, essential.source, essential.check) == ("not_met", "automated", "fail")
    [veto] = [f for f in essential.findings if f.rule == "placeholder-text"]
    assert (veto.severity, veto.line, veto.pointer) == ("error", 2, "/title")
    # only essentials are vetoed; the placeholder check itself judges the rest
    assert not [f for f in other.findings if f.rule == "placeholder-text"]
    assert result.decision == "not_conformant"


# -- a review counts for the descriptor it reviewed --------------------------------------


def _pinned(text: str, answers: dict[str, dict[str, Any]], role: str) -> Review:
    from mcqa.review import field_hashes

    document = doc(text)
    assert document.sha256 is not None
    return Review.model_validate(
        {
            "rubric": "test-rubric@1.0.0",
            "descriptor": {
                "path": "d.yaml",
                "id": "d1",
                "sha256": document.sha256,
                "fields": field_hashes(document.data),
            },
            "reviewer": {"name": f"a {role}", "role": role},
            "standards": answers,
        }
    )


def test_answers_stop_counting_when_the_fields_they_judged_change() -> None:
    rubric = make_rubric(
        standard("1.1", 3, mode="manual", evidence=["/learning_outcomes"]),
        standard("1.2", 3, mode="manual", evidence=["/title"]),
    )
    before = BASE_YAML + "learning_outcomes: [Clean a data set]\n"
    after = BASE_YAML + "learning_outcomes: [Knowledge of data]\n"
    answers = {"1.1": {"verdict": "met"}, "1.2": {"verdict": "met"}}
    forms = [_pinned(before, answers, role) for role in ("chair", "sme", "peer")]
    assert run(rubric, before, reviews=forms).decision == "conformant"
    # the same bytes with a new layout change nothing
    relaid = "title:   Data literacy\nid: d1\nlearning_outcomes:\n  - Clean a data set\n"
    assert run(rubric, relaid, reviews=forms).decision == "conformant"
    result = run(rubric, after, reviews=forms)
    assert by_id(result)["1.2"].status == "met"  # the title did not change
    outcomes = by_id(result)["1.1"]
    assert outcomes.status == "pending_review"
    assert all(not a.counted and "learning_outcomes" in (a.note or "") for a in outcomes.reviews)
    stale = [f for f in result.findings if f.rule == "review-stale"]
    assert len(stale) == 3
    assert all("1.1" in f.message and "1.2" not in f.message for f in stale)
    assert result.decision == "pending_review"


# -- bad content is a finding, never an exception ----------------------------------------


@pytest.mark.parametrize(
    ("text", "pointer", "message"),
    [
        ("workload:\n  hours: .nan\n", "/workload/hours", "NaN is not a number; write a figure"),
        (
            "workload:\n  hours: .inf\n",
            "/workload/hours",
            "infinity is not a number; write a figure",
        ),
        ("workload:\n  hours: " + "9" * 400 + "\n", "/workload/hours", "this number is too large"),
        ("workload:\n  hours: true\n", "/workload/hours", "expected a number, found true"),
        ("cost:\n  amount: true\n", "/cost/amount", "expected a number, found true"),
        (
            "cost:\n  includes: [1, {a: b}]\n",
            "/cost/includes/0",
            "expected text, found a whole number 1; put the value in quotes",
        ),
        (
            "quality_assurance:\n  last_review: '2026-02-30'\n",
            "/quality_assurance/last_review",
            "there is no 30 February 2026",
        ),
    ],
)
def test_the_audits_hostile_values_are_located_findings_and_the_rest_is_scored(
    text: str, pointer: str, message: str
) -> None:
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    result = run(rubric, BASE_YAML + text)
    assert result.decision == "conformant"  # no standard rests on the field: a warning
    first = next(f for f in result.findings if f.severity == "warning")
    assert (first.file, first.line, first.pointer, first.message) == ("d.yaml", 4, pointer, message)
    # a standard that rests on the field is not met, with the error
    resting = make_rubric(standard("1.1", 3, check=requires("title"), evidence=[pointer]))
    failed = run(resting, BASE_YAML + text)
    assert failed.decision == "not_conformant"
    error = by_id(failed)["1.1"].findings[0]
    assert (error.severity, error.line, error.pointer, error.message) == (
        "error",
        4,
        pointer,
        message,
    )


def test_hours_true_no_longer_counts_as_an_hour() -> None:
    hours = {
        "schema": {"required": ["workload"], "properties": {"workload": {"required": ["hours"]}}}
    }
    rubric = make_rubric(standard("1.1", 3, check=hours))
    assert run(rubric, BASE_YAML + "workload:\n  hours: 1\n").decision == "conformant"
    result = run(rubric, BASE_YAML + "workload:\n  hours: true\n")
    assert result.decision == "not_conformant"
    assert by_id(result)["1.1"].status == "not_met"


def test_type_descriptor_reports_what_only_the_model_refuses() -> None:
    import dataclasses

    loaded = doc(BASE_YAML + "workload:\n  ects: 1\n")
    by_hand = dataclasses.replace(
        loaded, data={"id": "d1", "title": "Data literacy", "workload": {"ects": float("inf")}}
    )
    descriptor, findings = type_descriptor(by_hand)
    assert descriptor is not None and descriptor.workload is not None
    assert descriptor.workload.ects is None  # left out; the rest is typed
    assert [(f.line, f.pointer, f.message) for f in findings] == [
        (4, "/workload/ects", "infinity is not a number; write a figure")
    ]
    rubric = make_rubric(standard("1.1", 3, check=requires("title")))
    result = evaluate_document(by_hand, rubric, today=TODAY)
    assert result.decision == "conformant"
    assert [(f.rule, f.severity) for f in result.findings] == [("schema", "warning")]


def test_type_descriptor_keeps_unknown_fields_as_warnings_when_the_model_refuses() -> None:
    import dataclasses

    loaded = doc(BASE_YAML + "colour: red\nworkload:\n  ects: 1\n")
    data = {
        "id": "d1",
        "title": "Data literacy",
        "colour": "red",
        "workload": {"ects": float("nan")},
    }
    descriptor, findings = type_descriptor(dataclasses.replace(loaded, data=data))
    assert descriptor is not None and descriptor.workload is not None
    assert descriptor.workload.ects is None
    assert [(f.severity, f.rule) for f in findings] == [
        ("warning", "unknown-field"),
        ("error", "schema"),
    ]


def test_a_document_made_by_hand_without_data_says_why() -> None:
    empty = Document(
        path="d.yaml",
        data=None,
        source_map=doc().source_map,
        findings=(),
        sha256="0",
        format="yaml",
    )
    descriptor, findings = type_descriptor(empty)
    assert descriptor is None
    assert [(f.rule, f.file) for f in findings] == [("empty", "d.yaml")]


def test_an_impossible_waiver_date_is_refused_when_the_rule_is_made() -> None:
    with pytest.raises(ValueError, match="there is no 30 February 2026"):
        waiver("1.1", "late", "2026-02-30")
    with pytest.raises(ValueError, match="not a date written YYYY-MM-DD"):
        waiver("1.1", "late", "20260228")


def test_is_expired_stays_on_the_safe_side_for_a_date_it_cannot_read() -> None:
    from mcqa.waivers import expiry_problem, is_expired

    assert is_expired("2026-02-30", TODAY)
    assert is_expired("soon", TODAY)
    assert not is_expired("2026-11-28", TODAY)
    assert is_expired("2026-11-27", TODAY)
    assert not is_expired(None, TODAY)
    assert expiry_problem("2026-02-30") == "there is no 30 February 2026"
    assert expiry_problem("2026-02-28") is None


def test_inline_until_must_be_written_yyyy_mm_dd() -> None:
    # Python 3.11 reads 20270630 as a date; the configuration's schema does not, nor does this.
    rubric = make_rubric(standard("4.2", 2, check=requires("cost")))
    text = BASE_YAML + 'language: en  # mcqa: waive 4.2 reason="late" until=20270630\n'
    [problem] = [f for f in run(rubric, text).findings if f.rule == "waiver"]
    assert "is not a date written YYYY-MM-DD" in problem.message
