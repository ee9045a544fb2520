"""The ``workload-consistency`` check."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import CheckContext, NotApplicable, Problem, default_options
from mcqa.checks.workload import WorkloadConsistency
from mcqa.models.descriptor import Descriptor, Workload

from ._support import TODAY, places, run_check, run_unchecked

CHECK = WorkloadConsistency()


def run_any(workload: dict[str, Any], **options: Any) -> list[Problem]:
    """The check on figures the descriptor contract would refuse (its own guards)."""
    return run_unchecked(CHECK, {"workload": workload}, **options)


def run(workload: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, {"workload": workload}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "workload-consistency"
    assert default_options(CHECK, {}) == {
        "hours_per_ects": [25, 30],
        "hours_per_credit_hour": [30, 50],
        "hours_per_ceu": [10, 15],
        "tolerance": 0.1,
        "max_hours_per_week": 60,
        "min_hours": 1,
    }


@pytest.mark.parametrize(
    "workload",
    [
        {"hours": 80, "ects": 3, "duration_weeks": 6},
        {"hours": 75, "ects": 3},
        {"hours": 90, "ects": 3},
        {"hours": 135, "credit_hours": 3},
        {"ects": 6, "credit_hours": 3},
        {"hours": 12},
        {"ects": 0.5, "pace": "self-paced"},
        {"credit_hours": 3},
        {"credit_hours": 3, "duration_weeks": 15, "pace": "cohort"},
        {"ceus": 2.4},
        {"ceus": 1.5, "duration_weeks": 1},
        {"hours": 24, "ceus": 2.4},
        {"hours": 30, "ceus": 2},
        {"hours": 45, "credit_hours": 1, "ceus": 4},
        {"ects": 1, "ceus": 2},
        {"credit_hours": 1, "ceus": 4},
    ],
)
def test_consistent_workloads_pass(workload: dict[str, Any]) -> None:
    assert run(workload) == []


def test_ten_hours_is_not_three_ects() -> None:
    problems = run({"hours": 10, "ects": 3})
    assert places(problems) == [("/workload/ects", "error")]
    message = problems[0].message
    assert "10 hours is 0.33\u20130.4 ECTS at 25\u201330 hours per ECTS, not 3" in message
    assert "3 ECTS is 75\u201390 hours" in message


def test_tolerance_widens_the_range() -> None:
    assert run({"hours": 70, "ects": 3}) == []  # 75 less 10 %
    assert places(run({"hours": 70, "ects": 3}, tolerance=0)) == [("/workload/ects", "error")]
    assert places(run({"hours": 100, "ects": 3})) == [("/workload/ects", "error")]  # > 99


def test_hours_per_ects_can_be_changed() -> None:
    assert run({"hours": 84, "ects": 3}, hours_per_ects=[28, 28], tolerance=0) == []
    (problem,) = run({"hours": 90, "ects": 3}, hours_per_ects=[28, 28], tolerance=0)
    assert "at 28 hours per ECTS" in problem.message


def test_hours_and_credit_hours_must_agree() -> None:
    problems = run({"hours": 20, "credit_hours": 3})
    assert places(problems) == [("/workload/credit_hours", "error")]
    assert "20 hours is 0.4\u20130.67 credit hours" in problems[0].message
    assert "not 3" in problems[0].message
    assert run({"hours": 20, "credit_hours": 3}, hours_per_credit_hour=[5, 10]) == []


def test_ects_and_credit_hours_are_compared_through_hours() -> None:
    problems = run({"ects": 30, "credit_hours": 1})
    assert places(problems) == [("/workload/credit_hours", "error")]
    assert "30 ECTS is 750\u2013900 hours" in problems[0].message
    assert "1 credit hour is 30\u201350 hours" in problems[0].message


def test_with_hours_each_credit_is_compared_to_the_hours() -> None:
    problems = run({"hours": 10, "ects": 3, "credit_hours": 3})
    assert places(problems) == [
        ("/workload/ects", "error"),
        ("/workload/credit_hours", "error"),
    ]


@pytest.mark.parametrize("field", ["hours", "ects", "credit_hours", "ceus", "duration_weeks"])
def test_zero_is_an_error_at_the_field(field: str) -> None:
    problems = run({field: 0})
    assert places(problems) == [(f"/workload/{field}", "error")]
    assert "0" in problems[0].message


def test_hours_and_ceus_must_agree() -> None:
    problems = run({"hours": 100, "ceus": 3})
    assert places(problems) == [("/workload/ceus", "error")]
    message = problems[0].message
    assert "100 hours is 6.67\u201310 CEUs at 10\u201315 hours per CEU, not 3" in message
    assert "correct the CEUs or the hours (3 CEUs is 30\u201345 hours)" in message
    assert places(run({"hours": 25, "ceus": 3})) == [("/workload/ceus", "error")]  # < 27
    assert run({"hours": 27, "ceus": 3}) == []  # 30 less 10 %


def test_hours_per_ceu_can_be_changed() -> None:
    assert places(run({"hours": 40, "ceus": 2})) == [("/workload/ceus", "error")]
    assert run({"hours": 40, "ceus": 2}, hours_per_ceu=[10, 20]) == []
    (problem,) = run({"hours": 40, "ceus": 2}, hours_per_ceu=[12, 12], tolerance=0)
    assert "at 12 hours per CEU" in problem.message


def test_without_hours_ceus_are_compared_with_each_credit() -> None:
    problems = run({"ects": 5, "ceus": 1})
    assert places(problems) == [("/workload/ceus", "error")]
    assert "5 ECTS is 125\u2013150 hours of learning, but 1 CEU is 10\u201315 hours" in (
        problems[0].message
    )
    problems = run({"ects": 5, "credit_hours": 3, "ceus": 1})
    assert places(problems) == [("/workload/ceus", "error"), ("/workload/ceus", "error")]
    assert "3 credit hours is 90\u2013150 hours" in problems[1].message


def test_hours_below_the_minimum_are_an_error() -> None:
    (problem,) = run({"hours": 0.5})
    assert (problem.pointer, problem.severity) == ("/workload/hours", "error")
    assert "0.5 hours is below the minimum of 1 hour" in problem.message
    assert run({"hours": 0.5}, min_hours=0.25) == []
    assert places(run({"ects": 0.01})) == [("/workload/ects", "error")]
    (problem,) = run({"ceus": 0.05})
    assert problem.pointer == "/workload/ceus"
    assert "0.05 CEUs is less than 1 hour of learning, the minimum" in problem.message
    assert run({"ceus": 0.05}, min_hours=0.5) == []


@pytest.mark.parametrize(
    ("workload", "pointer", "words"),
    [
        (Workload.model_construct(ceus=-2.0), "/workload/ceus", "the number of CEUs is -2, below"),
        (Workload.model_construct(ects=math.nan), "/workload/ects", "not a finite number"),
    ],
)
def test_negative_and_nan_figures_are_errors_not_exceptions(
    workload: Workload, pointer: str, words: str
) -> None:
    descriptor = Descriptor.model_validate({"id": "data-101", "title": "Data literacy"})
    context = CheckContext(
        descriptor.model_copy(update={"workload": workload}),
        {"workload": workload.model_dump()},
        default_options(CHECK, {}),
        TODAY,
    )
    (problem,) = CHECK.run(context)
    assert (problem.pointer, problem.severity) == (pointer, "error")
    assert words in problem.message
    assert "nan" not in problem.message


def test_unusable_options_fall_back_to_the_defaults() -> None:
    odd = {
        "hours_per_ects": [math.nan, 30],
        "hours_per_credit_hour": [math.inf, 50],
        "hours_per_ceu": [0, 10],
        "tolerance": math.nan,
        "max_hours_per_week": math.nan,
        "min_hours": math.inf,
    }
    assert run({"hours": 80, "ects": 3, "credit_hours": 2, "ceus": 8}, **odd) == []
    problems = run({"hours": 10, "ects": 3, "duration_weeks": 0.1}, **odd)
    assert places(problems) == [("/workload/ects", "error"), ("/workload/duration_weeks", "error")]
    assert all("nan" not in p.message for p in problems)
    assert run({"hours": 200, "duration_weeks": 1}, max_hours_per_week=math.inf) == []


def test_infinite_figures_are_errors() -> None:
    problems = run_unchecked(CHECK, {"workload": {"hours": math.inf}})
    assert places(problems) == [("/workload/hours", "error")]


def test_too_many_hours_a_week_is_an_error_at_the_duration() -> None:
    problems = run({"hours": 200, "duration_weeks": 2})
    assert places(problems) == [("/workload/duration_weeks", "error")]
    assert "200 hours over 2 weeks is 100 hours a week" in problems[0].message
    assert "more than the 60" in problems[0].message
    assert run({"hours": 200, "duration_weeks": 2}, max_hours_per_week=120) == []


def test_the_weekly_load_uses_the_least_hours_the_credits_stand_for() -> None:
    (problem,) = run({"ects": 30, "duration_weeks": 1})
    assert problem.pointer == "/workload/duration_weeks"
    assert "30 ECTS (at least 750 hours) over 1 week" in problem.message
    assert run({"ects": 5, "duration_weeks": 4}) == []
    (problem,) = run({"ceus": 20, "duration_weeks": 2})
    assert "20 CEUs (at least 200 hours) over 2 weeks is 100 hours a week" in problem.message


def test_no_workload_is_not_applicable() -> None:
    with pytest.raises(NotApplicable):
        run_check(CHECK, {})
    with pytest.raises(NotApplicable):
        run({"pace": "self-paced"})


def test_stackability_credit_in_ects_must_match_the_workload() -> None:
    fields = {
        "workload": {"hours": 80, "ects": 3},
        "stackability": {"credit": {"value": 5, "unit": "ects"}},
    }
    problems = run_check(CHECK, fields)
    assert places(problems) == [("/stackability/credit/value", "warning")]
    assert "5 ECTS" in problems[0].message
    assert "3 ECTS" in problems[0].message

    fields["stackability"] = {"credit": {"value": 3, "unit": "ECTS"}}
    assert run_check(CHECK, fields) == []
    fields["stackability"] = {"credit": {"value": 5, "unit": "credit-hours"}}
    assert run_check(CHECK, fields) == []


@pytest.mark.parametrize(
    ("unit", "field", "words"),
    [
        ("credit-hours", "credit_hours", "4 credit hours"),
        ("US semester credit hours", "credit_hours", "4 credit hours"),
        ("CEUs", "ceus", "4 CEUs"),
        ("Continuing Education Units", "ceus", "4 CEUs"),
    ],
)
def test_stackability_credit_in_us_units_must_match_the_workload(
    unit: str, field: str, words: str
) -> None:
    workload = {"credit_hours": 3} if field == "credit_hours" else {"ceus": 3}
    fields = {"workload": workload, "stackability": {"credit": {"value": 4, "unit": unit}}}
    problems = run_check(CHECK, fields)
    assert places(problems) == [("/stackability/credit/value", "warning")]
    assert f"is {words}, but the workload says 3 " in problems[0].message
    fields["stackability"] = {"credit": {"value": 3, "unit": unit}}
    assert run_check(CHECK, fields) == []


def test_stackability_credit_in_another_unit_is_not_compared() -> None:
    for unit in ("quarter credit hours", "NZ-credits", "credits", ""):
        fields = {
            "workload": {"credit_hours": 3, "ects": 6},
            "stackability": {"credit": {"value": 40, "unit": unit}},
        }
        assert run_check(CHECK, fields) == [], unit


def test_problems_follow_the_order_of_the_document() -> None:
    fields = {
        "stackability": {"credit": {"value": 1, "unit": "ECTS"}},
        "workload": {"duration_weeks": 0, "ects": 3, "hours": 0},
    }
    problems = run_check(CHECK, fields)
    assert places(problems) == [
        ("/stackability/credit/value", "warning"),
        ("/workload/duration_weeks", "error"),
        ("/workload/hours", "error"),
    ]


_figures = st.one_of(
    st.none(),
    st.integers(0, 10_000),
    st.floats(min_value=0, allow_nan=False, allow_infinity=True),
)


@given(
    hours=_figures,
    ects=_figures,
    credit_hours=_figures,
    ceus=_figures,
    duration_weeks=_figures,
    credit=st.one_of(st.none(), st.floats(0, 100)),
    credit_unit=st.sampled_from(["ECTS", "credit hours", "CEUs"]),
    tolerance=st.floats(0, 0.99),
)
def test_any_workload_gives_well_formed_problems(
    hours: float | None,
    ects: float | None,
    credit_hours: float | None,
    ceus: float | None,
    duration_weeks: float | None,
    credit: float | None,
    credit_unit: str,
    tolerance: float,
) -> None:
    workload = {
        name: value
        for name, value in {
            "hours": hours,
            "ects": ects,
            "credit_hours": credit_hours,
            "ceus": ceus,
            "duration_weeks": duration_weeks,
        }.items()
        if value is not None
    }
    fields: dict[str, Any] = {"workload": workload}
    if credit is not None:
        fields["stackability"] = {"credit": {"value": credit, "unit": credit_unit}}
    try:
        problems = run_unchecked(CHECK, fields, tolerance=tolerance)
    except NotApplicable:
        assert not workload
        return
    for problem in problems:
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer.startswith(("/workload/", "/stackability/"))
        assert "nan" not in problem.message


@given(ects=st.floats(0.1, 200), share=st.floats(0, 1))
def test_hours_within_the_range_never_disagree_with_ects(ects: float, share: float) -> None:
    hours = ects * (25 + 5 * share)
    assert run({"hours": hours, "ects": ects}, min_hours=0) == []


@given(
    amount=st.floats(0.1, 200),
    share=st.floats(0, 1),
    unit=st.sampled_from([("credit_hours", 30, 50), ("ceus", 10, 15)]),
)
def test_hours_within_the_range_never_disagree_with_us_units(
    amount: float, share: float, unit: tuple[str, float, float]
) -> None:
    field, low, high = unit
    hours = amount * (low + (high - low) * share)
    assert run({"hours": hours, field: amount}, min_hours=0) == []
