"""Which answers count: amendment rounds, team rules, forms made under older rubric versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from mcqa.cli import cli
from mcqa.evaluate import evaluate_document
from mcqa.load import load_text
from mcqa.models import DescriptorResult, Review, Rubric, StandardResult

TODAY = dt.date(2026, 11, 28)
DESCRIPTOR = {"id": "d1", "title": "Data literacy"}


def std(sid: str, **fields: Any) -> dict[str, Any]:
    return {"id": sid, "title": f"Title {sid}", "text": f"Text of {sid}.", **fields}


def demo(
    version: str = "1.0.0", standards: list[dict[str, Any]] | None = None, **aggregation: Any
) -> Rubric:
    return Rubric.model_validate(
        {
            "id": "demo",
            "version": version,
            "title": "Demo",
            "conformance": {"type": "threshold", "threshold_percent": 80},
            "aggregation": {
                "policy": "majority",
                "min_reviewers": 3,
                "required_roles": ["chair", "sme"],
                "amendment_role": "chair",
                **aggregation,
            },
            "categories": [
                {
                    "id": "1",
                    "title": "Basics",
                    "standards": standards
                    or [std("1.1", essential=True, points=3), std("1.2"), std("1.3")],
                }
            ],
        }
    )


def form(
    name: str, role: str, answers: dict[str, str], *, round_: int = 1, rubric: str = "demo@1.0.0"
) -> Review:
    return Review.model_validate(
        {
            "rubric": rubric,
            "descriptor": {"path": "d1.yaml", "id": "d1"},
            "reviewer": {"name": name, "role": role},
            "round": round_,
            "standards": {
                sid: {"verdict": v, "recommendation": "Say more." if v == "not_met" else None}
                for sid, v in answers.items()
            },
        }
    )


def check(
    rubric: Rubric, reviews: list[Review], earlier: dict[str, Rubric] | None = None
) -> DescriptorResult:
    document = load_text(yaml.safe_dump(DESCRIPTOR), format="yaml", path="d1.yaml")
    return evaluate_document(document, rubric, reviews, today=TODAY, earlier=earlier)


def standard(result: DescriptorResult, sid: str) -> StandardResult:
    return next(s for s in result.standards if s.id == sid)


ALL_MET = {"1.1": "met", "1.2": "met", "1.3": "met"}
TEAM = [
    form("Ana", "chair", {"1.1": "not_met", "1.2": "met", "1.3": "met"}),
    form("Liam", "sme", {"1.1": "not_met", "1.2": "met", "1.3": "met"}),
    form("Sofia", "peer", ALL_MET),
]


def test_round_one_majority_then_the_chair_amends_the_unmet_standard() -> None:
    rubric = demo()
    first = check(rubric, TEAM)
    assert first.decision == "not_conformant"
    assert [(r.round, r.status, r.decided_by) for r in standard(first, "1.1").rounds] == [
        (1, "not_met", "2 of 3 reviewers")
    ]
    amended = check(rubric, [*TEAM, form("Ana", "chair", {"1.1": "met"}, round_=2)])
    assert amended.decision == "conformant"
    history = standard(amended, "1.1").rounds
    assert [(r.round, r.status) for r in history] == [(1, "not_met"), (2, "met")]
    assert history[1].decided_by == "the chair, amendment round 2"
    # Every answer stays in the report, by round.
    assert [(a.reviewer, a.round, a.verdict) for a in standard(amended, "1.1").reviews] == [
        ("Ana", 1, "not_met"),
        ("Liam", 1, "not_met"),
        ("Sofia", 1, "met"),
        ("Ana", 2, "met"),
    ]


def test_amendment_rounds_count_only_the_named_role_and_only_unmet_standards() -> None:
    rubric = demo()
    round_two = [
        form("Sofia", "peer", {"1.1": "met"}, round_=2),  # not the chair: does not count
        form("Ana", "chair", {"1.2": "not_met"}, round_=2),  # 1.2 was met: not re-judged
    ]
    result = check(rubric, [*TEAM, *round_two])
    assert standard(result, "1.1").status == "not_met"
    assert standard(result, "1.2").status == "met"
    notes = {
        (a.reviewer, sid): (a.counted, a.note)
        for sid in ("1.1", "1.2")
        for a in standard(result, sid).reviews
        if a.round == 2
    }
    assert notes[("Sofia", "1.1")] == (False, "amendment rounds are judged by the chair alone")
    assert notes[("Ana", "1.2")] == (False, "already met; not re-judged")
    assert result.decision == "not_conformant"


def test_a_team_that_breaks_the_rubric_rules_cannot_make_a_descriptor_conformant() -> None:
    rubric = demo()
    two = [form("Ana", "chair", ALL_MET), form("Sofia", "peer", ALL_MET)]
    result = check(
        rubric.model_copy(
            update={"aggregation": rubric.aggregation.model_copy(update={"min_reviewers": 2})}
        ),
        two,
    )
    assert result.decision == "pending_review"
    team = [f.message for f in result.findings if f.rule == "review-team"]
    assert team == [
        "the review team needs a subject-matter expert (sme); no round-1 form has that role"
    ]
    three = [*two, form("Liam", "sme", ALL_MET)]
    assert check(rubric, three).decision == "conformant"
    short = check(rubric, two)
    assert any(
        "at least 3 reviewers in round 1; there are 2 (Ana, Sofia)" in f.message
        for f in short.findings
    )


def test_agreement_is_measured_on_round_one_only() -> None:
    rubric = demo()
    result = check(rubric, [*TEAM, form("Ana", "chair", {"1.1": "met"}, round_=2)])
    overall = next(a for a in result.agreement if a.scope == "all")
    assert overall.raters == 3 and overall.units == 3


# -- forms made under another version ----------------------------------------------------

OLD = demo("1.0.0", [std("1.1", essential=True, points=3), std("1.2"), std("1.3"), std("1.4")])
NEW = demo(
    "1.1.0",
    [
        std("1.1", essential=True, points=2),  # re-weighted: the verdict still holds
        std("1.2", text="Text of 1.2, reworded."),  # reworded: needs a new look
        std("1.5", title="Title 1.3", text="Text of 1.3."),  # renumbered
        std("1.6"),  # added; 1.4 removed
    ],
)


def test_a_form_for_an_older_version_counts_for_the_unchanged_standards() -> None:
    old_forms = [
        form(name, role, {"1.1": "met", "1.2": "met", "1.3": "met", "1.4": "not_met"})
        for name, role in (("Ana", "chair"), ("Liam", "sme"), ("Sofia", "peer"))
    ]
    result = check(NEW, old_forms, earlier={"demo@1.0.0": OLD})
    assert standard(result, "1.1").status == "met"
    assert standard(result, "1.5").status == "met"
    assert standard(result, "1.2").status == "pending_review"
    assert standard(result, "1.6").status == "pending_review"
    carried = standard(result, "1.5").reviews[0]
    assert (carried.counted, carried.given_under, carried.standard_then) == (
        True,
        "demo@1.0.0",
        "1.3",
    )
    set_aside = standard(result, "1.2").reviews[0]
    assert not set_aside.counted and "has changed since" in (set_aside.note or "")
    (note, *_) = [f.message for f in result.findings if f.rule == "review-carried"]
    assert note == (
        "Ana's form was made for demo@1.0.0; 2 answers carried forward to demo@1.1.0; "
        "standards changed since and need a new review: 1.2; "
        "answers on removed standards not used: 1.4"
    )
    assert result.decision == "pending_review"


def test_without_the_old_version_no_answer_counts() -> None:
    result = check(NEW, [form("Ana", "chair", ALL_MET)])
    assert all(s.status == "pending_review" for s in result.standards)
    (warning,) = [f for f in result.findings if f.rule == "review-version"]
    assert "cannot compare" in warning.message


def test_an_answer_kept_under_an_older_version_counts_once_confirmed() -> None:
    kept = form("Ana", "chair", ALL_MET, rubric="demo@1.1.0")
    flagged = kept.model_copy(deep=True)
    flagged.standards["1.1"].given_under = "demo@1.0.0"
    result = check(
        NEW.model_copy(
            update={
                "aggregation": NEW.aggregation.model_copy(
                    update={"min_reviewers": 1, "required_roles": []}
                )
            }
        ),
        [flagged],
    )
    assert standard(result, "1.1").status == "pending_review"
    assert standard(result, "1.1").reviews[0].counted is False


def test_check_carries_forward_forms_made_for_an_earlier_file_rubric(tmp_path: Path) -> None:
    """End to end: rubric files kept as <id>/<version>.yaml outside mcqa."""
    folder = tmp_path / "rubrics" / "demo"
    folder.mkdir(parents=True)
    for rubric in (OLD, NEW):
        data = rubric.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        (folder / f"{rubric.version}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "d1.yaml").write_text(yaml.safe_dump(DESCRIPTOR), encoding="utf-8")
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for name, role in (("Ana", "chair"), ("Liam", "sme"), ("Sofia", "peer")):
        data = form(name, role, {"1.1": "met", "1.2": "met", "1.3": "met"}).model_dump(
            mode="json", exclude_defaults=True
        )
        (reviews / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "check", str(tmp_path / "d1.yaml"), "--no-config", "--today", "2026-11-28",
            "--rubric", str(folder / "1.1.0.yaml"), "--reviews", str(reviews), "-f", "json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = yaml.safe_load(result.stdout)
    statuses = {s["id"]: s["status"] for s in report["results"][0]["standards"]}
    assert statuses == {
        "1.1": "met",
        "1.2": "pending_review",
        "1.5": "met",
        "1.6": "pending_review",
    }
    assert "answers on standards unchanged since then are carried forward" in result.stderr


def test_a_tie_stays_undecided_and_says_so() -> None:
    split = [
        form("Ana", "chair", {"1.2": "met"}),
        form("Liam", "sme", {"1.2": "met"}),
        form("Sofia", "peer", {"1.2": "not_met"}),
        form("Noor", "peer", {"1.2": "not_met"}),
    ]
    outcome = standard(check(demo(), split), "1.2")
    assert outcome.status == "pending_review"
    assert outcome.rounds[0].decided_by == "no decision yet (a tie: 2 met, 2 not met)"


def test_an_amendment_form_lists_only_the_unmet_standards_with_their_history() -> None:
    from mcqa.review import amendment_notes, render_form

    rubric = demo()
    first = check(rubric, TEAM)
    notes = amendment_notes(first)
    assert notes == {
        "1.1": [
            "Round 1: not met (2 of 3 reviewers).",
            "Ana (chair), round 1, recommended: Say more.",
            "Liam (sme), round 1, recommended: Say more.",
        ]
    }
    document = load_text(yaml.safe_dump(DESCRIPTOR), format="yaml", path="d1.yaml")
    text = render_form(
        document, rubric, reviewer="Ana", role="chair", descriptor_path="d1.yaml",
        form_round=2, today=TODAY, amend=notes,
    )  # fmt: skip
    assert "# Amendment round 2: judge only the standards below" in text
    assert '"1.1":' in text and '"1.2":' not in text
    assert "  #     Liam (sme), round 1, recommended: Say more." in text
    filled = yaml.safe_load(text.replace("    verdict:         #", "    verdict: met  #"))
    second = check(rubric, [*TEAM, Review.model_validate(filled)])
    assert second.decision == "conformant"
    assert [r.status for r in standard(second, "1.1").rounds] == ["not_met", "met"]


def test_forms_for_a_superseded_rubric_are_carried_forward(tmp_path: Path) -> None:
    from mcqa.review import load_reviews
    from mcqa.rubrics import RubricRegistry

    folder = tmp_path / "rubrics" / "demo"
    folder.mkdir(parents=True)
    data = OLD.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    (folder / "1.0.0.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    successor = NEW.model_copy(
        update={"id": "demo-next", "version": "1.0.0", "supersedes": ["demo"]}
    )
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for name, role in (("Ana", "chair"), ("Liam", "sme"), ("Sofia", "peer")):
        review = form(name, role, {"1.1": "met", "1.2": "met", "1.3": "met"})
        (reviews / f"{name}.yaml").write_text(
            yaml.safe_dump(review.model_dump(mode="json", exclude_defaults=True)), "utf-8"
        )
    found = load_reviews(reviews, successor, RubricRegistry(directories=[tmp_path / "rubrics"]))
    assert len(found.forms) == 3 and set(found.rubrics) == {"demo@1.0.0"}
    result = check(successor, found.reviews, earlier=found.rubrics)
    statuses = {s.id: s.status for s in result.standards}
    assert statuses == {
        "1.1": "met",
        "1.2": "pending_review",
        "1.5": "met",
        "1.6": "pending_review",
    }


def test_a_rubric_may_ask_for_two_reviewers_in_one_role() -> None:
    rubric = demo(required_roles=["chair", "peer", "peer"])
    result = check(
        rubric,
        [
            form("Ana", "chair", ALL_MET),
            form("Sofia", "peer", ALL_MET),
            form("Liam", "sme", ALL_MET),
        ],
    )
    team = [f.message for f in result.findings if f.rule == "review-team"]
    assert team == ["the review team needs 2 reviewers in the role peer; round 1 has 1"]


def test_under_unanimity_one_dissent_decides_and_says_so() -> None:
    rubric = demo(policy="unanimous")
    outcome = standard(check(rubric, [*TEAM[1:], form("Ana", "chair", ALL_MET)]), "1.1")
    assert (outcome.status, outcome.rounds[0].decided_by) == (
        "not_met",
        "not unanimous: 2 of 3 said met",
    )


def test_the_text_report_shows_a_standards_history(tmp_path: Path) -> None:
    from mcqa.evaluate import build_report
    from mcqa.reporters import RenderOptions, all_reporters

    result = check(demo(), [*TEAM, form("Ana", "chair", {"1.1": "met"}, round_=2)])
    text = all_reporters()["text"].render(build_report(demo(), [result]), RenderOptions())
    assert (
        "  1.1 history: round 1 not met (2 of 3 reviewers); "
        "round 2 met (the chair, amendment round 2)"
    ) in text
    assert "  agreement: 3 reviewers on 3 standards, " in text  # round 1 only


def test_each_standard_reports_how_far_its_reviewers_agreed() -> None:
    result = check(demo(), TEAM)
    assert standard(result, "1.1").agreement == pytest.approx(1 / 3)  # not_met, not_met, met
    assert standard(result, "1.2").agreement == 1.0
    assert check(demo(), TEAM[:1]).standards[0].agreement is None
