"""A conformance verdict that means quality: the ways a weak descriptor used to earn "conformant".

Each test takes the example catalog's conformant descriptor (or programme),
makes it weak the way a careless or gaming author would, and checks that the
current standard never calls it conformant:

* with no reviews at all (a catalog's CI before review);
* with the example's review team, whose forms judged the descriptor *before*
  the change (answers on changed fields stop counting);
* where the point is that no judgement can outweigh the fault (placeholder
  text, a waived essential), with a team that approves everything afresh.

Under ``mcqa-core`` 1.0.0 each of these descriptors was conformant.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcqa.evaluate import evaluate_document
from mcqa.load import Document, load_path, load_text
from mcqa.models.report import DescriptorResult, StandardResult
from mcqa.models.review import Review
from mcqa.models.rubric import Rubric
from mcqa.review import field_hashes
from mcqa.rubrics import RubricRegistry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
FORMS = sorted((ROOT / "examples" / "reviews").glob("data-analytics-foundations-*.yaml"))
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def registry() -> RubricRegistry:
    return RubricRegistry(entry_points=False)


@pytest.fixture(scope="module")
def core(registry: RubricRegistry) -> Rubric:
    return registry.load("mcqa-core@2.0.0")


@pytest.fixture(scope="module")
def team() -> list[Review]:
    """The example's three reviewers, who found the original descriptor conformant."""
    return [Review.model_validate(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in FORMS]


def original() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def as_document(data: dict[str, Any], extra: str = "") -> Document:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + extra
    return load_text(text, path="catalog/weak.yaml")


def approving_team(document: Document, rubric: Rubric) -> list[Review]:
    """Three reviewers who pin this very descriptor and say "met" to every standard they judge."""
    answers = {
        s.id: {"verdict": "met", "comment": "Looks fine."}
        for _, s in rubric.iter_standards()
        if s.mode != "automated"
    }
    return [
        Review.model_validate(
            {
                "rubric": rubric.ref,
                "descriptor": {
                    "path": "weak.yaml",
                    "id": document.data["id"],
                    "sha256": document.sha256,
                    "fields": field_hashes(document.data),
                },
                "reviewer": {"name": name, "role": role},
                "standards": answers,
            }
        )
        for name, role in (("C", "chair"), ("S", "sme"), ("P", "peer"))
    ]


def score(
    document: Document,
    rubric: Rubric,
    reviews: list[Review] | tuple[Review, ...] = (),
    *,
    inline_waivers: bool = False,
) -> DescriptorResult:
    return evaluate_document(document, rubric, reviews, today=TODAY, inline_waivers=inline_waivers)


def standard(result: DescriptorResult, sid: str) -> StandardResult:
    return next(s for s in result.standards if s.id == sid)


def test_the_original_is_conformant_with_its_reviews_and_only_with_them(
    core: Rubric, team: list[Review]
) -> None:
    document = load_path(EXAMPLE)
    assert score(document, core, team).decision == "conformant"
    alone = score(document, core)
    assert alone.decision == "pending_review"
    assert alone.checks_passed is True


def test_the_rubric_s_own_weak_examples_do_not_pass(core: Rubric, team: list[Review]) -> None:
    data = original()
    data["issuer"]["country"] = "ZZ"
    for assessment in data["assessments"]:
        assessment["type"] = "attendance"
        assessment["description"] = "Attendance at every live seminar."
    data["quality_assurance"].update(
        type="self-assessment", body="Quality guaranteed by the issuer itself."
    )
    document = as_document(data)
    for reviews in ((), team):
        result = score(document, core, reviews)
        assert result.decision == "not_conformant"
        assert standard(result, "1.2").status == "not_met"
        assert standard(result, "3.1").status == "not_met"
        # the QA statement is for people to judge now, and nobody has judged the new one
        assert standard(result, "9.1").status == "pending_review"
    # reviewers can now reject what a check cannot see through
    fresh = approving_team(document, core)
    fresh[0].standards["9.1"].verdict = "not_met"
    fresh[1].standards["9.1"].verdict = "not_met"
    assert standard(score(document, core, fresh), "9.1").status == "not_met"


@pytest.mark.parametrize(
    "outcome",
    [
        "Knowledge of data cleaning techniques.",
        "Proficiency in SQL for analysis.",
        "Ability to understand a dashboard.",
        "Example of a business analysis.",
        "Demonstrate an understanding of descriptive statistics.",
        "Data cleaning and preparation.",
    ],
)
def test_vague_outcomes_fail_the_essential_standard(
    core: Rubric, team: list[Review], outcome: str
) -> None:
    data = original()
    data["learning_outcomes"][0]["statement"] = outcome
    document = as_document(data)
    for reviews in ((), team):
        result = score(document, core, reviews)
        assert result.decision == "not_conformant", outcome
        measurable = standard(result, "2.2")
        assert (measurable.status, measurable.check) == ("not_met", "fail")
        [error] = [f for f in measurable.findings if f.severity == "error"]
        assert error.pointer == "/learning_outcomes/0/statement"


def test_an_authors_waiver_cannot_remove_an_essential(core: Rubric, team: list[Review]) -> None:
    data = original()
    del data["accessibility"]
    waiver = '# mcqa: waive 7.1 reason="accessibility is handled centrally" until=2027-12-31\n'
    document = as_document(data, waiver)
    for allowed in (False, True):
        for reviews in ((), team):
            result = score(document, core, reviews, inline_waivers=allowed)
            assert result.decision == "not_conformant"
            assert standard(result, "7.1").status == "not_met"
            assert standard(result, "7.1").source == "automated"
            rules = {f.rule for f in result.findings}
            assert ("waiver-refused" if allowed else "waiver-ignored") in rules
            assert result.essentials is not None
            assert result.essentials.total == 13  # the essential never left the total


def test_template_text_fails_the_essentials_it_sits_in_whoever_approves(core: Rubric) -> None:
    data = original()
    data["issuer"]["name"] = "[Issuing University Name]"
    data["title"] = "Title of the Qualification"
    document = as_document(data)
    for reviews in ((), approving_team(document, core)):
        result = score(document, core, reviews)
        assert result.decision == "not_conformant"
        for sid, pointer in (("1.1", "/title"), ("1.2", "/issuer/name")):
            vetoed = standard(result, sid)
            assert (vetoed.status, vetoed.source) == ("not_met", "automated")
            assert any(
                f.rule == "placeholder-text" and f.pointer == pointer and f.severity == "error"
                for f in vetoed.findings
            ), sid


def test_outcomes_in_another_language_go_to_reviewers(core: Rubric, team: list[Review]) -> None:
    data = original()
    data["language"] = "nl"
    data["learning_outcomes"] = [
        {**data["learning_outcomes"][0], "statement": "Understand data cleaning."}
    ]
    for assessment in data["assessments"]:
        assessment["outcomes"] = ["LO1"]
    document = as_document(data)
    for reviews in ((), team):
        result = score(document, core, reviews)
        assert result.decision in ("pending_review", "not_conformant")
        measurable = standard(result, "2.2")
        assert measurable.status == "pending_review"  # never "not applicable"
        assert measurable.check == "undecided"


# -- the programme scorecard -----------------------------------------------------------


PROGRAM = ROOT / "examples" / "program" / "riverbend-college.yaml"


def top_marks(document: Document, rubric: Rubric, low: dict[str, int]) -> list[Review]:
    """A self-assessment and two verifiers who give every indicator 3, except ``low``."""
    answers = {
        s.id: {"level": low.get(s.id, 3), "comment": "Seen."}
        for _, s in rubric.iter_standards()
        if s.mode != "automated"
    }
    return [
        Review.model_validate(
            {
                "rubric": rubric.ref,
                "descriptor": {"path": "p.yaml", "id": document.data["id"]},
                "reviewer": {"name": name, "role": role},
                "standards": copy.deepcopy(answers),
            }
        )
        for name, role in (("Self", "self"), ("Chair", "chair"), ("Peer", "peer"))
    ]


@pytest.mark.parametrize(
    ("version", "decision", "band"),
    [("1.0.0", "conformant", "Exemplary"), ("2.0.0", "not_conformant", None)],
)
def test_no_policy_and_no_governance_earn_no_band(
    registry: RubricRegistry, version: str, decision: str, band: str | None
) -> None:
    rubric = registry.load(f"mcqa-program@{version}")
    data = yaml.safe_load(PROGRAM.read_text(encoding="utf-8"))
    del data["policy"]
    del data["governance"]
    document = as_document(data)
    reviews = top_marks(document, rubric, {"1.1": 0, "1.2": 0, "1.4": 0})
    result = score(document, rubric, reviews)
    assert (result.decision, result.band) == (decision, band)
    # the points alone would earn a conforming band under either version
    assert result.score is not None and result.score.percent >= 80


def test_an_essential_indicator_in_place_is_enough(registry: RubricRegistry) -> None:
    rubric = registry.load("mcqa-program@2.0.0")
    document = load_path(PROGRAM)
    result = score(document, rubric, top_marks(document, rubric, {"1.1": 2, "1.2": 2, "1.4": 2}))
    assert result.decision == "conformant"
    assert result.essentials is not None
    assert (result.essentials.met, result.essentials.total) == (3, 3)
    one_short = top_marks(document, rubric, {"1.1": 2, "1.2": 1, "1.4": 2})
    assert score(document, rubric, one_short).decision == "not_conformant"


# -- forms made under 1.0.0 -------------------------------------------------------------


def test_forms_made_under_1_0_0_carry_forward_as_the_diff_says(
    registry: RubricRegistry, core: Rubric
) -> None:
    from mcqa.diff import diff_rubrics

    old = registry.load("mcqa-core@1.0.0")
    changed = diff_rubrics(old, core).changed_standards()
    # the judgement standards 2.0 hands to reviewers, and those whose wording or check changed
    assert {"1.1", "1.2", "2.2", "2.5", "9.1", "9.2"} <= set(changed)
    assert "1.3" not in changed and "5.5" not in changed
    document = load_path(EXAMPLE)
    answers = {sid: {"verdict": "met"} for sid in ("1.3", "5.5", "2.5", "9.2")}
    forms = [
        Review.model_validate(
            {
                "rubric": "mcqa-core@1.0.0",
                "descriptor": {"path": "x.yaml", "id": "nbu-data-analytics-foundations"},
                "reviewer": {"name": name, "role": role},
                "standards": answers,
            }
        )
        for name, role in (("C", "chair"), ("S", "sme"), ("P", "peer"))
    ]
    result = evaluate_document(document, core, forms, today=TODAY, earlier={old.ref: old})
    for sid in ("1.3", "5.5"):
        assert standard(result, sid).status == "met"
        assert all(
            a.counted and a.given_under == "mcqa-core@1.0.0" for a in standard(result, sid).reviews
        )
    for sid in ("2.5", "9.2"):
        assert standard(result, sid).status == "pending_review"
        assert not any(a.counted for a in standard(result, sid).reviews)
    carried = [f for f in result.findings if f.rule == "review-carried"]
    assert len(carried) == 3
    assert all("2.5, 9.2" in f.message for f in carried)
