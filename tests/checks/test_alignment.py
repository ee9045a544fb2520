"""The ``outcome-assessment-alignment`` check."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.alignment import OutcomeAssessmentAlignment

from ._support import places, run_check

CHECK = OutcomeAssessmentAlignment()


def run(fields: dict[str, Any]) -> list[Problem]:
    return run_check(CHECK, fields)


def lo(identifier: str, statement: str = "Explain a thing") -> dict[str, str]:
    return {"id": identifier, "statement": statement}


def test_id_and_no_options() -> None:
    assert CHECK.ID == "outcome-assessment-alignment"
    assert CHECK.OPTIONS_SCHEMA["properties"] == {}
    assert default_options(CHECK, {}) == {}


def test_aligned_outcomes_and_assessments_pass() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1"), lo("LO2"), lo("LO3")],
            "assessments": [
                {"type": "project", "outcomes": ["LO1", "LO2"]},
                {"type": "exam", "outcomes": ["LO3", "LO1"]},
            ],
        }
    )
    assert problems == []


def test_an_unassessed_outcome_is_an_error_at_that_outcome() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1"), lo("LO2"), lo("LO3")],
            "assessments": [{"type": "project", "outcomes": ["LO1", "LO2"]}],
        }
    )
    assert places(problems) == [("/learning_outcomes/2", "error")]
    assert "'LO3' is not assessed by any assessment" in problems[0].message


def test_an_outcome_without_an_id_is_an_error() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1"), "Present the results", {"statement": "Clean data"}],
            "assessments": [{"type": "project", "outcomes": ["LO1"]}],
        }
    )
    assert places(problems) == [
        ("/learning_outcomes/1", "error"),
        ("/learning_outcomes/2", "error"),
    ]
    assert "give it an id such as LO2" in problems[0].message
    assert "'Present the results'" in problems[0].message
    assert "LO3" in problems[1].message


def test_a_duplicate_id_is_an_error_at_the_second_outcome() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1"), lo("LO1", "Chart data")],
            "assessments": [{"type": "project", "outcomes": ["LO1"]}],
        }
    )
    assert places(problems) == [("/learning_outcomes/1/id", "error")]
    assert "'LO1' is already used" in problems[0].message


def test_an_assessment_without_outcomes_is_an_error() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1")],
            "assessments": [
                {"type": "project", "outcomes": ["LO1"]},
                {"type": "exam"},
                {"id": "A3", "outcomes": []},
            ],
        }
    )
    assert places(problems) == [
        ("/assessments/1", "error"),
        ("/assessments/2/outcomes", "error"),
    ]
    assert "assessment 2 (exam)" in problems[0].message
    assert "'A3'" in problems[1].message


def test_a_reference_to_no_outcome_is_an_error_with_a_suggestion() -> None:
    problems = run(
        {
            "learning_outcomes": [lo("LO1"), lo("LO2"), lo("LO3")],
            "assessments": [{"type": "project", "outcomes": ["LO1", "LO2", "L03", "Z"]}],
        }
    )
    assert places(problems) == [
        ("/learning_outcomes/2", "error"),
        ("/assessments/0/outcomes/2", "error"),
        ("/assessments/0/outcomes/3", "error"),
    ]
    assert "'L03'" in problems[1].message
    assert "did you mean 'LO3'?" in problems[1].message
    assert "the outcome ids are 'LO1', 'LO2', 'LO3'" in problems[2].message


def test_missing_outcomes_or_assessments_are_errors_at_the_missing_field() -> None:
    assert places(run({"assessments": [{"type": "exam", "outcomes": ["LO1"]}]})) == [("", "error")]
    assert places(run({"learning_outcomes": [lo("LO1")]})) == [("", "error")]
    problems = run({"learning_outcomes": [], "assessments": []})
    assert places(problems) == [("/learning_outcomes", "error"), ("/assessments", "error")]
    assert "no learning outcomes" in problems[0].message
    assert "no assessments" in problems[1].message


def test_problems_follow_the_order_of_the_document() -> None:
    fields = {
        "assessments": [{"type": "exam", "outcomes": ["LO9"]}],
        "learning_outcomes": [lo("LO1")],
    }
    assert [p.pointer for p in run(fields)] == [
        "/assessments/0/outcomes/0",
        "/learning_outcomes/0",
    ]


_ids = st.lists(st.sampled_from(["LO1", "LO2", "LO3", "LO4", "LO5"]), unique=True, min_size=1)


@given(outcome_ids=_ids, data=st.data())
def test_exactly_the_unreferenced_outcomes_are_reported(
    outcome_ids: list[str], data: st.DataObject
) -> None:
    assessed = data.draw(st.lists(st.lists(st.sampled_from(outcome_ids), min_size=1), min_size=1))
    problems = run(
        {
            "learning_outcomes": [lo(i) for i in outcome_ids],
            "assessments": [{"type": "task", "outcomes": refs} for refs in assessed],
        }
    )
    referenced = {ref for refs in assessed for ref in refs}
    expected = [
        f"/learning_outcomes/{index}"
        for index, identifier in enumerate(outcome_ids)
        if identifier not in referenced
    ]
    assert [p.pointer for p in problems] == expected


@given(
    items=st.lists(
        st.one_of(
            st.text(max_size=10),
            st.fixed_dictionaries({"statement": st.text(max_size=10)}, optional={"id": st.text()}),
        ),
        max_size=5,
    ),
    assessments=st.lists(
        st.fixed_dictionaries({}, optional={"outcomes": st.lists(st.text(max_size=4))}),
        max_size=4,
    ),
)
def test_any_descriptor_gives_well_formed_problems(
    items: list[Any], assessments: list[dict[str, Any]]
) -> None:
    for problem in run({"learning_outcomes": items, "assessments": assessments}):
        assert problem.severity == "error"
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer.startswith(("/learning_outcomes", "/assessments"))


def test_many_outcomes_stay_linear_and_messages_short() -> None:
    """A descriptor with thousands of outcomes and unknown references is checked fast."""
    count = 5000
    outcomes = [{"id": f"LO{i}", "statement": f"Explain item {i}"} for i in range(count)]
    assessments = [{"id": "A1", "type": "exam", "outcomes": [f"X{i}" for i in range(count)]}]
    problems = run_check(
        OutcomeAssessmentAlignment(),
        {"learning_outcomes": outcomes, "assessments": assessments},
    )
    unknown = [p for p in problems if "does not exist" in p.message]
    assert len(unknown) == count
    assert all(len(p.message) < 400 for p in unknown)
    assert "and 4980 more" in unknown[0].message
