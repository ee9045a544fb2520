"""The ``assessment-type`` check."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.assessment_type import AssessmentType

from ._support import errors, places, run_check

CHECK = AssessmentType()


def run(assessments: Any, **options: Any) -> list[Problem]:
    return run_check(CHECK, {"assessments": assessments}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "assessment-type"
    assert default_options(CHECK, {}) == {"assessed_words": [], "taking_part_words": []}


@pytest.mark.parametrize(
    "assessments",
    [
        [{"type": "project"}],
        [{"type": "exam", "description": "30-minute supervised online quiz"}],
        [{"type": "portfolio"}, {"type": "presentation"}],
        [{"type": "project and participation"}],
        [{"type": "practical demonstration"}],
        [{"type": "Quizzes"}],
        [{"type": "other", "description": "A written case study of a local employer."}],
        [{"type": "capstone", "description": "Complete a capstone project."}],
        [{"type": "participation", "description": "Graded contributions and a final essay"}],
        [{"type": "peer-review"}],
    ],
)
def test_real_assessments_pass(assessments: list[dict[str, Any]]) -> None:
    assert run(assessments) == []


def test_no_assessments_is_an_error() -> None:
    (problem,) = run_check(CHECK, {})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert places(run([])) == [("/assessments", "error")]
    assert places(run(None)) == [("/assessments", "error")]


@pytest.mark.parametrize(
    ("assessment", "pointer"),
    [
        ({"type": "attendance"}, "/assessments/0/type"),
        ({"type": "Attendance"}, "/assessments/0/type"),
        ({"type": "participation"}, "/assessments/0/type"),
        ({"type": "participation in the discussions"}, "/assessments/0/type"),
        ({"type": "completion"}, "/assessments/0/type"),
        ({"type": "watching videos"}, "/assessments/0/type"),
        ({"type": "viewing the lectures"}, "/assessments/0/type"),
        ({"type": "none"}, "/assessments/0/type"),
        ({"type": "n/a"}, "/assessments/0/type"),
        (
            {"type": "other", "description": "attendance at all sessions"},
            "/assessments/0/description",
        ),
        ({"type": "other", "description": "None."}, "/assessments/0/description"),
        ({"type": "seminar", "description": "Attend every seminar."}, "/assessments/0/description"),
        (
            {"type": "completion", "description": "No exam: complete all modules."},
            "/assessments/0/type",
        ),
    ],
)
def test_taking_part_alone_is_an_error(assessment: dict[str, Any], pointer: str) -> None:
    problems = run([assessment])
    assert places(problems) == [(pointer, "error")]
    assert "say how learners are assessed" in problems[0].message


def test_the_message_quotes_the_text_and_says_what_to_do() -> None:
    (problem,) = run([{"type": "other", "description": "attendance at all sessions"}])
    assert problem.message == (
        "assessment 1 ('attendance at all sessions') assesses nothing: attendance shows that "
        "a learner took part, not what they can do; say how learners are assessed, e.g. a "
        "project, an exam, a portfolio or a practical demonstration"
    )
    (problem,) = run([{"id": "A1", "type": "None"}])
    assert problem.message.startswith("the assessment 'A1' says there is no assessment ('None')")


def test_taking_part_beside_a_real_assessment_is_a_warning() -> None:
    problems = run([{"type": "project"}, {"type": "participation"}])
    assert places(problems) == [("/assessments/1/type", "warning")]
    assert "the other assessments assess the learners" in problems[0].message


def test_every_assessment_that_is_only_taking_part_fails_together() -> None:
    problems = run([{"type": "attendance"}, {"type": "watching videos"}])
    assert places(problems) == [("/assessments/0/type", "error"), ("/assessments/1/type", "error")]


def test_a_negated_assessment_names_nothing_assessed() -> None:
    problems = run([{"type": "other", "description": "No exam; certificate of completion."}])
    assert errors(problems)


@pytest.mark.parametrize("assessment", [{}, {"type": "x"}, {"type": "  "}, {"description": "exam"}])
def test_an_assessment_without_a_type_is_an_error(assessment: dict[str, Any]) -> None:
    problems = errors(run([assessment]))
    assert len(problems) == 1
    assert "has no type" in problems[0].message


def test_a_vague_type_needs_a_description() -> None:
    problems = run([{"type": "other"}])
    assert places(problems) == [("/assessments/0/type", "error")]
    assert "does not say how learners are assessed" in problems[0].message
    problems = run([{"type": "other", "description": "Learners do the weekly activities."}])
    assert places(problems) == [("/assessments/0/type", "warning")]


def test_an_unknown_specific_type_is_left_to_reviewers() -> None:
    assert run([{"type": "hackathon"}]) == []
    assert places(run([{"type": "hackathon"}, {"type": "attendance"}])) == [
        ("/assessments/1/type", "warning")
    ]


def test_options_add_words() -> None:
    assert places(
        run([{"type": "other", "description": "seat time"}], taking_part_words=["seat time"])
    ) == [("/assessments/0/description", "error")]
    assert run([{"type": "other", "description": "a coding kata"}], assessed_words=["kata"]) == []


def test_long_text_is_read_in_linear_time() -> None:
    started = time.perf_counter()
    run([{"type": "other", "description": "attend " * 100_000}])
    run([{"type": "other", "description": "no " * 100_000}])
    assert time.perf_counter() - started < 5


@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "id": st.text(max_size=4),
                "type": st.text(max_size=30),
                "description": st.text(max_size=60),
            },
        ),
        max_size=4,
    )
)
def test_any_assessments_give_well_formed_problems(assessments: list[dict[str, Any]]) -> None:
    for problem in run(assessments):
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer.startswith("/assessments")
