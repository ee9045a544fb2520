"""The credential's quality review is recorded, recent, and due again in time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import format_number, in_document_order, quote

__all__ = ["ReviewDates", "add_years", "parse_date"]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str) -> dt.date | None:
    """The calendar date written ``YYYY-MM-DD``, or ``None`` if there is no such day.

    >>> parse_date("2024-02-29"), parse_date("2025-02-30")
    (datetime.date(2024, 2, 29), None)
    """
    match = _DATE.match(text.strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def add_years(start: dt.date, years: float) -> dt.date:
    """``start`` plus ``years`` (whole years by the calendar, the rest in days).

    >>> add_years(dt.date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    >>> add_years(dt.date(2024, 1, 1), 1.5)
    datetime.date(2025, 7, 3)
    """
    whole = int(years)
    try:
        try:
            moved = start.replace(year=start.year + whole)
        except ValueError:  # 29 February in a year that has none
            moved = start.replace(year=start.year + whole, day=28)
        return moved + dt.timedelta(days=round((years - whole) * 365.25))
    except (ValueError, OverflowError):
        return dt.date.max


class ReviewDates:
    """The last quality review is recorded and the next one is not overdue.

    Quality assurance is not a one-off: frameworks expect a credential to be
    reviewed every few years (New Zealand asks for every one to three
    years). The descriptor records ``quality_assurance.last_review`` and
    ``quality_assurance.next_review`` as dates written ``YYYY-MM-DD``. The
    check compares them with the date of the run, never with the clock.

    - **error**: no ``quality_assurance``, or no ``last_review``;
    - **error**: a date that does not exist (``2025-02-30``);
    - **error**: a last review dated after today;
    - **error**: a next review that is not after the last one;
    - **error**: a next review before today: the review has lapsed;
    - **warning**: no ``next_review``;
    - **warning**: reviews further apart than ``max_interval_years``.

    Options:

    - ``max_interval_years``: the most years between two reviews (default ``3``).

    **PASS** (on 2026-11-28)

    ```yaml
    quality_assurance:
      type: internal
      last_review: 2025-06-30
      next_review: 2027-06-30
    ```

    **FAIL** (on 2026-11-28)

    ```yaml
    quality_assurance:
      last_review: 2022-01-15
      next_review: 2025-01-15    # error: the review has lapsed
    ```
    """

    ID: ClassVar[str] = "review-dates"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "max_interval_years": {
                "description": "The most years between two quality reviews.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": 3,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each missing, impossible, future or overdue review date."""
        max_years = float(context.options.get("max_interval_years", 3))
        today = context.today
        qa = context.descriptor.quality_assurance
        if qa is None:
            yield Problem(
                "/quality_assurance" if "quality_assurance" in context.data else "",
                "there is no record of a quality review; add quality_assurance with the date "
                "of the last review (last_review) and of the next one (next_review), written "
                "YYYY-MM-DD",
            )
            return

        problems: list[Problem] = []
        last_pointer = "/quality_assurance/last_review"
        next_pointer = "/quality_assurance/next_review"

        last: dt.date | None = None
        if qa.last_review is None:
            problems.append(
                Problem(
                    "/quality_assurance",
                    "the date of the last quality review is missing; add last_review, "
                    "written YYYY-MM-DD",
                )
            )
        else:
            last = self._parse(qa.last_review, last_pointer, problems)
            if last is not None and last > today:
                problems.append(
                    Problem(
                        last_pointer,
                        f"the last review is dated {last.isoformat()}, which is after today "
                        f"({today.isoformat()}); give the date the review took place",
                    )
                )
                last = None

        if qa.next_review is None:
            problems.append(
                Problem(
                    "/quality_assurance",
                    "no date is set for the next quality review; add next_review, "
                    "written YYYY-MM-DD",
                    severity="warning",
                )
            )
        else:
            upcoming = self._parse(qa.next_review, next_pointer, problems)
            if upcoming is not None:
                problems.extend(self._judge_next(upcoming, last, today, max_years))

        yield from in_document_order(context.data, problems)

    @staticmethod
    def _parse(text: str, pointer: str, problems: list[Problem]) -> dt.date | None:
        date = parse_date(text)
        if date is None:
            problems.append(
                Problem(
                    pointer,
                    f"{quote(text)} is not a real calendar date; write an existing date "
                    "as YYYY-MM-DD, e.g. 2027-06-30",
                )
            )
        return date

    @staticmethod
    def _judge_next(
        upcoming: dt.date, last: dt.date | None, today: dt.date, max_years: float
    ) -> Iterator[Problem]:
        pointer = "/quality_assurance/next_review"
        if last is not None and upcoming <= last:
            yield Problem(
                pointer,
                f"the next review ({upcoming.isoformat()}) is not after the last one "
                f"({last.isoformat()}); give the date the next review is planned",
            )
            return
        if upcoming < today:
            yield Problem(
                pointer,
                f"the review was due on {upcoming.isoformat()}; the credential's review has "
                "lapsed. Review it, then update last_review and next_review",
            )
        if last is not None and upcoming > add_years(last, max_years):
            years = (upcoming - last).days / 365.25
            yield Problem(
                pointer,
                f"the next review is {format_number(round(years, 1))} years after the last "
                f"one; plan it no more than {format_number(max_years)} years after "
                f"{last.isoformat()}",
                severity="warning",
            )
