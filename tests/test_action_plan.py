"""Action plans: what to fix first, by impact, with what to change and the rubric's effort."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

import mcqa
from mcqa.action_plan import plan_actions, plan_totals
from mcqa.diff import diff_rubrics
from mcqa.models.finding import Finding
from mcqa.models.report import ReviewerAnswer, StandardResult
from mcqa.rubrics import RubricError, RubricRegistry
from tests.test_check_cli import EXAMPLE_ARGS, invoke

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def core() -> mcqa.Rubric:
    return RubricRegistry(entry_points=False).load("mcqa-core@2.0.0")


def standard(
    id: str,
    status: str,
    *,
    essential: bool = False,
    possible: float = 2,
    findings: tuple[Finding, ...] = (),
    reviews: tuple[ReviewerAnswer, ...] = (),
) -> StandardResult:
    return StandardResult(
        id=id,
        title=f"Standard {id}",
        status=status,  # type: ignore[arg-type]
        essential=essential,
        points_earned=0 if status != "met" else possible,
        points_possible=possible,
        source="automated",
        findings=findings,
        reviews=reviews,
    )


def finding(message: str, *, rule: str = "schema", severity: str = "error") -> Finding:
    return Finding(rule=rule, severity=severity, message=message)  # type: ignore[arg-type]


def test_every_mcqa_core_standard_states_its_effort(core: mcqa.Rubric) -> None:
    efforts = {s.id: s.effort for _, s in core.iter_standards()}
    assert None not in efforts.values()
    # editing the descriptor is small; redesigning the credential is large
    assert efforts["9.5"] == "small" and efforts["3.5"] == "large"


def test_steps_go_essentials_first_then_points_then_not_met_before_pending(
    core: mcqa.Rubric,
) -> None:
    results = [
        standard("9.6", "not_met", possible=1),
        standard("8.6", "pending_review", possible=2),
        standard("5.3", "not_met", possible=2),
        standard("3.2", "not_met", essential=True, possible=3),
        standard("1.1", "pending_review", essential=True, possible=3),
        standard("1.5", "met", possible=1),
        standard("4.4", "not_applicable", possible=2),
    ]
    steps = plan_actions(core, results)
    assert [s.standard for s in steps] == ["3.2", "1.1", "5.3", "8.6", "9.6"]
    assert steps[0].effort == "medium" and steps[0].essential and steps[0].points == 3
    totals = plan_totals(steps)
    assert (totals.steps, totals.essential, totals.points, totals.awaiting) == (5, 2, 11.0, 2)


def test_what_to_change_prefers_findings_then_recommendations_then_the_standard(
    core: mcqa.Rubric,
) -> None:
    answer = ReviewerAnswer(
        reviewer="Dr A", round=1, verdict="not_met", recommendation="Name the assessor."
    )
    results = [
        standard(
            "9.5",
            "not_met",
            findings=(
                finding("'TBD' looks like placeholder text"),
                finding("not met for now", rule="review-provisional"),
                finding("just a note", severity="info"),
            ),
        ),
        standard("3.5", "not_met", reviews=(answer,)),
        standard("9.7", "not_met"),
        standard("2.3", "pending_review", essential=True),
    ]
    changes = {s.standard: s.change for s in plan_actions(core, results)}
    assert changes["9.5"] == ("'TBD' looks like placeholder text",)
    assert changes["3.5"] == ("Name the assessor.",)
    assert changes["9.7"][0].startswith("Meet the standard: ")
    assert changes["2.3"] == ("Have the reviewers judge this standard.",)


def test_the_json_report_carries_each_descriptor_s_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = invoke([*EXAMPLE_ARGS, "-f", "json"])
    report = json.loads(result.stdout)
    by_path = {r["path"]: r for r in report["results"]}
    plan = by_path["examples/catalog/project-management-basics.yaml"]["actions"]
    assert plan[0]["standard"] == "2.2" and plan[0]["status"] == "not_met"
    assert plan[0]["effort"] == "small" and "understand" in plan[0]["change"][0]
    assert by_path["examples/catalog/data-analytics-foundations.yaml"]["actions"] == []


def test_the_text_report_says_what_to_do_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = invoke(EXAMPLE_ARGS).stdout
    assert (
        "  do first: 8.1 (essential, 3 points, small effort); 8.2 (1 point, small effort)\n" in text
    )


def test_an_unknown_effort_is_a_located_rubric_error(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "rubrics/mcqa-core/2.0.0.yaml").read_text(encoding="utf-8"))
    data["categories"][0]["standards"][0]["effort"] = "enormous"
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        RubricRegistry(entry_points=False).load(str(path))
    messages = [f.message for f in caught.value.findings]
    assert any("enormous" in m or "small" in m for m in messages), messages
    assert all(f.line for f in caught.value.findings)


def test_rubric_diff_reports_a_changed_effort(core: mcqa.Rubric) -> None:
    changed = core.model_copy(deep=True)
    first = changed.categories[0].standards[0]
    object.__setattr__(first, "effort", "large")
    diff = diff_rubrics(core, changed)
    kinds = {(c.standard, c.kind) for c in diff.changes}
    assert ("1.1", "effort") in kinds
