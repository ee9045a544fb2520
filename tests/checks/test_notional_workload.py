"""The ``notional-workload`` check."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mcqa.checks import BUILTIN_CHECKS, CheckContext, Problem, default_options
from mcqa.checks.notional_workload import NotionalWorkload
from mcqa.models.descriptor import Descriptor, Workload

from ._support import TODAY, places, run_check
from ._support import run_unchecked as _unchecked

CHECK = NotionalWorkload()


def run(workload: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, {"workload": workload}, **options)


def run_any(workload: dict[str, Any], **options: Any) -> list[Problem]:
    """The check on figures the descriptor contract would refuse (its own guards)."""
    return _unchecked(CHECK, {"workload": workload}, **options)


def run_unchecked(workload: Workload, **options: Any) -> list[Problem]:
    """Run on a workload the descriptor model would refuse (negative, NaN)."""
    descriptor = Descriptor.model_validate({"id": "data-101", "title": "Data literacy"})
    descriptor = descriptor.model_copy(update={"workload": workload})
    data = {"id": "data-101", "title": "Data literacy", "workload": workload.model_dump()}
    context = CheckContext(descriptor, data, default_options(CHECK, options), TODAY)
    return list(CHECK.run(context))


def test_id_registration_and_default_options() -> None:
    assert CHECK.ID == "notional-workload"
    assert isinstance(BUILTIN_CHECKS["notional-workload"], NotionalWorkload)
    assert default_options(CHECK, {}) == {
        "units": ["hours", "ects", "credit_hours", "ceus"],
        "hours_per_ects": 27.5,
        "hours_per_credit_hour": 45,
        "hours_per_ceu": 10,
        "min_hours": 1,
        "max_hours": 675,
    }


@pytest.mark.parametrize(
    "workload",
    [
        {"hours": 12},
        {"ects": 5},
        {"credit_hours": 3},
        {"ceus": 2.5},
        {"hours": 125, "ects": 5},
        {"hours": 135, "credit_hours": 3, "duration_weeks": 9, "pace": "cohort"},
        {"ceus": 1.5, "hours": 15},
        {"hours": 1},  # Australia's floor
        {"hours": 400},  # NZQA's cap: 40 credits of 10 hours
        {"credit_hours": 15},  # SUNY's largest: 675 hours
        {"ects": 24},
    ],
)
def test_a_workload_in_any_recognised_unit_passes(workload: dict[str, Any]) -> None:
    assert run(workload) == []


def test_no_workload_is_an_error_at_the_top() -> None:
    (problem,) = run_check(CHECK, {})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "notional workload is not stated" in problem.message
    assert "the total hours of learning, the ECTS credits" in problem.message
    assert places(run_check(CHECK, {"workload": None})) == [("/workload", "error")]


def test_weeks_alone_are_not_a_workload() -> None:
    (problem,) = run({"duration_weeks": 6, "pace": "self-paced"})
    assert (problem.pointer, problem.severity) == ("/workload", "error")
    assert problem.message.startswith(
        "a duration of 6 weeks says how long the credential runs, not how much learning it "
        "takes; give the total hours of learning, the ECTS credits"
    )
    assert "1 week says" in run({"duration_weeks": 1})[0].message


def test_a_workload_with_no_amount_is_an_error() -> None:
    (problem,) = run({"pace": "self-paced"})
    assert problem.pointer == "/workload"
    assert "does not say how much learning" in problem.message


@pytest.mark.parametrize("field", ["hours", "ects", "credit_hours", "ceus"])
def test_zero_is_an_error_at_the_field(field: str) -> None:
    (problem,) = run({field: 0})
    assert (problem.pointer, problem.severity) == (f"/workload/{field}", "error")
    assert "given as 0 " in problem.message
    assert "above zero" in problem.message


def test_a_zero_figure_beside_a_good_one_is_still_an_error() -> None:
    assert places(run({"hours": 125, "ects": 0})) == [("/workload/ects", "error")]


def test_negative_and_non_finite_figures_are_errors_not_exceptions() -> None:
    (problem,) = run_unchecked(Workload.model_construct(hours=-5.0))
    assert problem.pointer == "/workload/hours"
    assert "-5 hours, which is not possible" in problem.message
    (problem,) = run_unchecked(Workload.model_construct(ects=math.nan))
    assert problem.pointer == "/workload/ects"
    assert "not a finite number" in problem.message
    assert "nan" not in problem.message
    assert places(run_any({"credit_hours": math.inf})) == [("/workload/credit_hours", "error")]


def test_too_small_is_an_error() -> None:
    (problem,) = run({"hours": 0.5})
    assert (problem.pointer, problem.severity) == ("/workload/hours", "error")
    assert "a workload of 0.5 hours is less than the minimum of 1 hour" in problem.message
    assert "min_hours" in problem.message
    (problem,) = run({"ceus": 0.05})
    assert "0.05 CEUs (0.5 hours of learning at 10 hours per CEU)" in problem.message


def test_sixty_ects_is_a_qualification() -> None:
    (problem,) = run({"ects": 60})
    assert (problem.pointer, problem.severity) == ("/workload/ects", "error")
    assert problem.message.startswith(
        "60 ECTS (1650 hours of learning at 27.5 hours per ECTS) is more than the maximum of "
        "675 hours for a microcredential; a credential that large is a qualification rather "
        "than a microcredential"
    )
    assert "the rubric's max_hours option sets the limit" in problem.message


def test_two_thousand_hours_is_a_qualification() -> None:
    (problem,) = run({"hours": 2000})
    assert problem.pointer == "/workload/hours"
    assert "a workload of 2000 hours is more than the maximum of 675 hours" in problem.message


@pytest.mark.parametrize(
    ("workload", "pointer"),
    [
        ({"credit_hours": 16}, "/workload/credit_hours"),
        ({"ceus": 70}, "/workload/ceus"),
        ({"ects": 30}, "/workload/ects"),
    ],
)
def test_too_large_in_any_unit(workload: dict[str, Any], pointer: str) -> None:
    assert places(run(workload)) == [(pointer, "error")]


def test_the_largest_figure_is_the_size() -> None:
    # The figures disagree (that is for workload-consistency); the size is the larger one.
    (problem,) = run({"hours": 100, "ects": 40})
    assert problem.pointer == "/workload/ects"
    assert "40 ECTS (1100 hours" in problem.message
    (problem,) = run({"hours": 0.5, "ceus": 0.01})
    assert problem.pointer == "/workload/hours"


def test_the_limits_are_options() -> None:
    assert run({"ects": 30}, max_hours=900) == []
    assert run({"hours": 2000}, max_hours=math.inf) == []
    (problem,) = run({"hours": 500}, max_hours=400)
    assert "more than the maximum of 400 hours" in problem.message
    assert run({"hours": 0.5}, min_hours=0.25) == []
    assert places(run({"hours": 2}, min_hours=3)) == [("/workload/hours", "error")]


def test_the_limits_are_inclusive() -> None:
    assert run({"hours": 675}) == []
    assert run({"ects": 675 / 27.5}) == []
    assert run({"hours": 3}, min_hours=3) == []


def test_the_factors_are_options() -> None:
    assert places(run({"ects": 24})) == []
    (problem,) = run({"ects": 24}, hours_per_ects=30)
    assert "24 ECTS (720 hours of learning at 30 hours per ECTS)" in problem.message
    assert run({"credit_hours": 15}, hours_per_credit_hour=40, max_hours=600) == []
    assert places(run({"credit_hours": 15}, max_hours=600)) == [("/workload/credit_hours", "error")]
    (problem,) = run({"ceus": 0.1}, hours_per_ceu=5)
    assert "0.1 CEUs (0.5 hours of learning at 5 hours per CEU)" in problem.message


def test_only_accepted_units_state_the_workload() -> None:
    (problem,) = run({"credit_hours": 3}, units=["hours", "ects"])
    assert (problem.pointer, problem.severity) == ("/workload", "error")
    assert problem.message == (
        "the workload is given only in US semester credit hours, which this rubric does not "
        "accept; give the total hours of learning or the ECTS credits as well"
    )
    assert run({"credit_hours": 3, "hours": 135}, units=["hours", "ects"]) == []
    (problem,) = run({"duration_weeks": 4}, units=["ects"])
    assert problem.message.endswith("give the ECTS credits as well")


def test_figures_in_other_units_still_count_towards_the_size() -> None:
    problems = run({"ects": 5, "hours": 2000}, units=["ects"])
    assert places(problems) == [("/workload/hours", "error")]


def test_unusable_options_fall_back_to_the_defaults() -> None:
    odd = {
        "units": [],
        "hours_per_ects": math.nan,
        "hours_per_credit_hour": math.inf,
        "hours_per_ceu": -1,
        "min_hours": math.nan,
        "max_hours": math.nan,
    }
    assert run({"ects": 24, "credit_hours": 15, "ceus": 1}, **odd) == []
    assert places(run({"hours": 0.5}, **odd)) == [("/workload/hours", "error")]
    assert places(run({"hours": 2000}, **odd)) == [("/workload/hours", "error")]


def test_problems_follow_the_order_of_the_document() -> None:
    problems = run({"ceus": 0, "ects": 0, "hours": 2000})
    assert [p.pointer for p in problems] == ["/workload/ceus", "/workload/ects", "/workload/hours"]


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
    factor=st.floats(min_value=0, exclude_min=True, allow_nan=False, allow_infinity=False),
)
def test_any_workload_gives_well_formed_problems(
    hours: float | None,
    ects: float | None,
    credit_hours: float | None,
    ceus: float | None,
    duration_weeks: float | None,
    factor: float,
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
    problems = run_any(workload, hours_per_ects=factor)
    for problem in problems:
        assert problem.severity == "error"
        assert problem.message
        assert "\n" not in problem.message
        assert "nan" not in problem.message
        assert problem.pointer.startswith("/workload")
    if not {"hours", "ects", "credit_hours", "ceus"} & set(workload):
        assert len(problems) == 1


_limits = st.tuples(st.floats(0, 1e6, allow_nan=False), st.floats(0, 1e6, allow_nan=False)).map(
    sorted
)


@given(
    limits=_limits,
    share=st.floats(0, 1),
    unit=st.sampled_from(["hours", "ects", "credit_hours", "ceus"]),
)
def test_a_size_within_the_limits_always_passes(
    limits: list[float], share: float, unit: str
) -> None:
    low, high = limits
    size = low + (high - low) * share
    assume(size >= 1e-6)
    factor = {"hours": 1, "ects": 27.5, "credit_hours": 45, "ceus": 10}[unit]
    assert run({unit: size / factor}, min_hours=low, max_hours=max(high, 1e-9)) == []
