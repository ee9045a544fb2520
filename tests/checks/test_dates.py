"""The ``review-dates`` check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.dates import ReviewDates, add_years, parse_date

from ._support import TODAY, errors, places, run_check, run_unchecked

CHECK = ReviewDates()
LAST = "/quality_assurance/last_review"
NEXT = "/quality_assurance/next_review"


def run(qa: dict[str, Any] | None, **options: Any) -> list[Problem]:
    return run_check(CHECK, {"quality_assurance": qa}, **options)


def run_any(qa: dict[str, Any] | None, **options: Any) -> list[Problem]:
    """The check on dates the descriptor contract would refuse (its own guards)."""
    return run_unchecked(CHECK, {"quality_assurance": qa}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "review-dates"
    assert default_options(CHECK, {}) == {"max_interval_years": 3}


def test_a_recent_review_with_a_next_date_passes() -> None:
    assert run({"type": "internal", "last_review": "2025-06-30", "next_review": "2027-06-30"}) == []


def test_no_quality_assurance_is_an_error() -> None:
    (problem,) = run_check(CHECK, {})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "last_review" in problem.message
    assert places(run(None)) == [("/quality_assurance", "error")]


def test_no_last_review_is_an_error_at_quality_assurance() -> None:
    problems = run({"type": "internal", "next_review": "2027-01-01"})
    assert places(problems) == [("/quality_assurance", "error")]
    assert "last quality review is missing" in problems[0].message


def test_no_next_review_is_a_warning() -> None:
    problems = run({"last_review": "2026-01-10"})
    assert places(problems) == [("/quality_assurance", "warning")]
    assert "next_review" in problems[0].message


@pytest.mark.parametrize("date", ["2025-02-30", "2026-13-01", "0000-01-01", "2025-04-31"])
def test_a_date_that_does_not_exist_is_an_error(date: str) -> None:
    problems = run_any({"last_review": date, "next_review": "2027-01-01"})
    assert places(problems) == [(LAST, "error")]
    assert f"'{date}' is not a real calendar date" in problems[0].message
    problems = run_any({"last_review": "2026-01-01", "next_review": date})
    assert places(problems) == [(NEXT, "error")]


def test_a_last_review_in_the_future_is_an_error() -> None:
    problems = run({"last_review": "2026-11-29", "next_review": "2028-01-01"})
    assert places(problems) == [(LAST, "error")]
    assert "2026-11-29" in problems[0].message
    assert "after today" in problems[0].message
    assert run({"last_review": "2026-11-28", "next_review": "2028-01-01"}) == []


def test_a_next_review_not_after_the_last_is_an_error() -> None:
    problems = run({"last_review": "2026-05-01", "next_review": "2026-05-01"})
    assert places(problems) == [(NEXT, "error")]
    assert "not after the last one" in problems[0].message


def test_a_lapsed_review_is_an_error() -> None:
    problems = run({"last_review": "2022-01-15", "next_review": "2025-01-15"})
    assert places(problems) == [(NEXT, "error")]
    assert "the review was due on 2025-01-15" in problems[0].message
    assert "lapsed" in problems[0].message


def test_a_review_due_today_has_not_lapsed() -> None:
    assert run({"last_review": "2024-11-28", "next_review": "2026-11-28"}) == []


def test_reviews_too_far_apart_are_a_warning() -> None:
    problems = run({"last_review": "2026-01-01", "next_review": "2030-01-01"})
    assert places(problems) == [(NEXT, "warning")]
    assert "4 years after the last" in problems[0].message
    assert "no more than 3 years" in problems[0].message
    assert (
        run({"last_review": "2026-01-01", "next_review": "2030-01-01"}, max_interval_years=5) == []
    )


def test_the_interval_counts_calendar_years() -> None:
    assert run({"last_review": "2024-02-29", "next_review": "2027-02-28"}) == []
    assert places(run({"last_review": "2024-02-29", "next_review": "2027-03-01"})) == [
        (NEXT, "warning")
    ]
    assert places(
        run({"last_review": "2026-01-01", "next_review": "2027-08-01"}, max_interval_years=1.5)
    ) == [(NEXT, "warning")]


def test_lapsed_and_too_far_apart_are_both_reported() -> None:
    problems = run({"last_review": "2020-01-01", "next_review": "2025-01-01"})
    assert places(problems) == [(NEXT, "error"), (NEXT, "warning")]


def test_problems_come_in_document_order() -> None:
    problems = run_any({"next_review": "2019-01-01", "last_review": "2025-02-30"})
    assert places(problems) == [(NEXT, "error"), (LAST, "error")]


def test_parse_date_and_add_years() -> None:
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    assert parse_date("2023-02-29") is None
    assert parse_date("29-02-2024") is None
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(9999, 1, 1), 3) == dt.date.max


_dates = st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z")


@given(
    qa=st.fixed_dictionaries({}, optional={"last_review": _dates, "next_review": _dates}),
    years=st.floats(0.01, 100),
)
def test_any_dates_give_well_formed_problems(qa: dict[str, Any], years: float) -> None:
    problems = run_any(qa, max_interval_years=years)
    assert problems or ("last_review" in qa and "next_review" in qa)
    for problem in problems:
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer in ("/quality_assurance", LAST, NEXT)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY), st.integers(1, 1000))
def test_a_valid_upcoming_review_passes(last: dt.date, days: int) -> None:
    upcoming = max(last + dt.timedelta(days=days), TODAY)
    qa = {"last_review": last.isoformat(), "next_review": upcoming.isoformat()}
    problems = run(qa, max_interval_years=200)
    assert errors(problems) == [] or upcoming <= last
