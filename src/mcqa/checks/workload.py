"""Workload figures (hours, ECTS, credit hours, weeks) agree with each other."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, NotApplicable, Problem
from mcqa.checks._walk import format_number, in_document_order
from mcqa.models.descriptor import Descriptor, Workload

__all__ = ["WorkloadConsistency"]

_FIELDS = ("hours", "ects", "credit_hours", "duration_weeks")


def _pair(value: Any, default: tuple[float, float]) -> tuple[float, float]:
    """A ``[low, high]`` option as an ordered pair of positive numbers."""
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        low, high = sorted(float(v) for v in value)
        return low, high
    return default


def _span(low: float, high: float) -> str:
    """``"0.33-0.4"`` (with an en dash), or one number when both ends read the same."""
    a, b = format_number(low), format_number(high)
    return a if a == b else f"{a}\u2013{b}"


def _hours(value: float) -> str:
    text = format_number(value)
    return f"{text} hour" if text == "1" else f"{text} hours"


def _unit(value: float, singular: str, plural: str) -> str:
    text = format_number(value)
    return f"{text} {singular if text == '1' else plural}"


class WorkloadConsistency:
    """The workload figures are possible and agree with each other.

    A descriptor may give the notional learning hours, ECTS credits, US
    semester credit hours and a duration in weeks. This check applies when
    it gives at least one of them, and reports:

    - **error**: a figure of zero, hours below ``min_hours``, or ECTS or
      credit hours that stand for less than ``min_hours``;
    - **error**: hours and ECTS that disagree. One ECTS credit stands for
      25 to 30 hours of learning (``hours_per_ects``); the hours must fall in
      that range times the ECTS, widened by ``tolerance`` (10 % by default);
    - **error**: hours and credit hours that disagree. A US semester credit
      hour is about 15 hours in class and 45 hours of learning in all
      (``hours_per_credit_hour``, 30 to 50 by default);
    - **error**: ECTS and credit hours given without hours, whose hour
      ranges do not overlap;
    - **error**: more hours a week than ``max_hours_per_week`` (hours, or
      the least the credits stand for, divided by ``duration_weeks``);
    - **warning**: ``stackability.credit`` in ECTS that differs from
      ``workload.ects``.

    Options:

    - ``hours_per_ects``: hours in one ECTS credit, as ``[low, high]``
      (default ``[25, 30]``).
    - ``hours_per_credit_hour``: hours of learning in one US semester credit
      hour, as ``[low, high]`` (default ``[30, 50]``).
    - ``tolerance``: how far, as a fraction, the hours may fall outside the
      range (default ``0.1``).
    - ``max_hours_per_week``: the most hours a week a learner can give
      (default ``60``).
    - ``min_hours``: the least learning a credential can take (default ``1``).

    **PASS**

    ```yaml
    workload:
      hours: 80
      ects: 3
      duration_weeks: 6
    ```

    **FAIL**

    ```yaml
    workload:
      hours: 10
      ects: 3          # error: 10 hours is 0.33 to 0.4 ECTS, not 3
    ```
    """

    ID: ClassVar[str] = "workload-consistency"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "hours_per_ects": {
                "description": "Hours of learning in one ECTS credit, as [low, high].",
                "type": "array",
                "items": {"type": "number", "exclusiveMinimum": 0},
                "minItems": 2,
                "maxItems": 2,
                "default": [25, 30],
            },
            "hours_per_credit_hour": {
                "description": "Hours of learning in one US semester credit hour, as [low, high].",
                "type": "array",
                "items": {"type": "number", "exclusiveMinimum": 0},
                "minItems": 2,
                "maxItems": 2,
                "default": [30, 50],
            },
            "tolerance": {
                "description": "How far, as a fraction, hours may fall outside the range.",
                "type": "number",
                "minimum": 0,
                "exclusiveMaximum": 1,
                "default": 0.1,
            },
            "max_hours_per_week": {
                "description": "The most hours of learning a week a learner can give.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": 60,
            },
            "min_hours": {
                "description": "The least learning, in hours, a credential can take.",
                "type": "number",
                "minimum": 0,
                "default": 1,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each impossible or inconsistent workload figure."""
        workload = context.descriptor.workload
        if workload is None or all(getattr(workload, f) is None for f in _FIELDS):
            raise NotApplicable("the descriptor states no workload (hours, ECTS or weeks)")

        options = context.options
        per_ects = _pair(options.get("hours_per_ects"), (25.0, 30.0))
        per_credit = _pair(options.get("hours_per_credit_hour"), (30.0, 50.0))
        tolerance = float(options.get("tolerance", 0.1))
        max_week = float(options.get("max_hours_per_week", 60))
        min_hours = float(options.get("min_hours", 1))

        problems: list[Problem] = []
        usable = self._usable(workload, per_ects, per_credit, min_hours, problems)
        hours = usable.get("hours")
        ects = usable.get("ects")
        credit = usable.get("credit_hours")
        weeks = usable.get("duration_weeks")

        def widened(value: float, pair: tuple[float, float]) -> tuple[float, float]:
            return value * pair[0] * (1 - tolerance), value * pair[1] * (1 + tolerance)

        if hours is not None and ects is not None:
            low, high = widened(ects, per_ects)
            if not low <= hours <= high:
                problems.append(
                    Problem(
                        "/workload/ects",
                        f"{_hours(hours)} is {_span(hours / per_ects[1], hours / per_ects[0])} "
                        f"ECTS at {_span(*per_ects)} hours per ECTS, not {format_number(ects)}; "
                        f"correct the ECTS or the hours ({format_number(ects)} ECTS is "
                        f"{_span(ects * per_ects[0], ects * per_ects[1])} hours)",
                    )
                )
        if hours is not None and credit is not None:
            low, high = widened(credit, per_credit)
            if not low <= hours <= high:
                problems.append(
                    Problem(
                        "/workload/credit_hours",
                        f"{_hours(hours)} is "
                        f"{_span(hours / per_credit[1], hours / per_credit[0])} credit hours at "
                        f"{_span(*per_credit)} hours per credit hour, not "
                        f"{format_number(credit)}; correct the credit hours or the hours "
                        f"({_unit(credit, 'credit hour', 'credit hours')} is "
                        f"{_span(credit * per_credit[0], credit * per_credit[1])} hours)",
                    )
                )
        if hours is None and ects is not None and credit is not None:
            e_low, e_high = widened(ects, per_ects)
            c_low, c_high = widened(credit, per_credit)
            if e_high < c_low or c_high < e_low:
                problems.append(
                    Problem(
                        "/workload/credit_hours",
                        f"{format_number(ects)} ECTS is "
                        f"{_span(ects * per_ects[0], ects * per_ects[1])} hours of learning, but "
                        f"{_unit(credit, 'credit hour', 'credit hours')} is "
                        f"{_span(credit * per_credit[0], credit * per_credit[1])} hours; the two "
                        "do not agree, so correct one of them (and give the hours too)",
                    )
                )

        if weeks is not None:
            total, described = self._least_hours(hours, ects, credit, per_ects, per_credit)
            if total is not None and total / weeks > max_week:
                problems.append(
                    Problem(
                        "/workload/duration_weeks",
                        f"{described} over {_unit(weeks, 'week', 'weeks')} is "
                        f"{format_number(total / weeks)} hours a week, more than the "
                        f"{format_number(max_week)} a learner can give; check the workload "
                        "and the duration",
                    )
                )

        problems.extend(self._stackability(context.descriptor))
        yield from in_document_order(context.data, problems)

    @staticmethod
    def _usable(
        workload: Workload,
        per_ects: tuple[float, float],
        per_credit: tuple[float, float],
        min_hours: float,
        problems: list[Problem],
    ) -> dict[str, float]:
        """The figures that can be compared; a problem for each one that cannot."""
        usable: dict[str, float] = {}
        for field in _FIELDS:
            value: float | None = getattr(workload, field)
            if value is None:
                continue
            pointer = f"/workload/{field}"
            if not math.isfinite(value):
                problems.append(
                    Problem(
                        pointer, f"the {_NAMES[field]} is not a finite number; give a real figure"
                    )
                )
            elif value == 0:
                problems.append(Problem(pointer, _ZERO[field]))
            elif field == "hours" and value < min_hours:
                problems.append(
                    Problem(
                        pointer,
                        f"a workload of {_hours(value)} is below the minimum of "
                        f"{_hours(min_hours)}; give the total learning hours a learner needs",
                    )
                )
            elif field == "ects" and value * per_ects[1] < min_hours:
                problems.append(
                    Problem(
                        pointer,
                        f"{format_number(value)} ECTS is less than {_hours(min_hours)} of "
                        "learning, the minimum; check the figure",
                    )
                )
            elif field == "credit_hours" and value * per_credit[1] < min_hours:
                problems.append(
                    Problem(
                        pointer,
                        f"{_unit(value, 'credit hour', 'credit hours')} is less than "
                        f"{_hours(min_hours)} of learning, the minimum; check the figure",
                    )
                )
            else:
                usable[field] = value
        return usable

    @staticmethod
    def _least_hours(
        hours: float | None,
        ects: float | None,
        credit: float | None,
        per_ects: tuple[float, float],
        per_credit: tuple[float, float],
    ) -> tuple[float | None, str]:
        """The hours to spread over the weeks, and how to name them in a message."""
        if hours is not None:
            return hours, _hours(hours)
        options: list[tuple[float, str]] = []
        if ects is not None:
            least = ects * per_ects[0]
            options.append((least, f"{format_number(ects)} ECTS (at least {_hours(least)})"))
        if credit is not None:
            least = credit * per_credit[0]
            options.append(
                (
                    least,
                    f"{_unit(credit, 'credit hour', 'credit hours')} (at least {_hours(least)})",
                )
            )
        if not options:
            return None, ""
        return min(options, key=lambda o: o[0])

    @staticmethod
    def _stackability(descriptor: Descriptor) -> list[Problem]:
        stack = descriptor.stackability
        workload = descriptor.workload
        credit = stack.credit if stack is not None else None
        if credit is None or credit.value is None or credit.unit is None:
            return []
        words = credit.unit.strip().lower().replace("-", " ").split()
        if not words or words[0] != "ects" or workload is None or workload.ects is None:
            return []
        if math.isclose(credit.value, workload.ects, rel_tol=1e-9, abs_tol=1e-9):
            return []
        return [
            Problem(
                "/stackability/credit/value",
                f"the credit towards other awards is {format_number(credit.value)} ECTS, but "
                f"the workload says {format_number(workload.ects)} ECTS; make the two the same "
                "or explain the difference",
                severity="warning",
            )
        ]


_NAMES = {
    "hours": "number of hours",
    "ects": "number of ECTS credits",
    "credit_hours": "number of credit hours",
    "duration_weeks": "duration in weeks",
}

_ZERO = {
    "hours": "the workload is 0 hours; give the total learning hours a learner needs",
    "ects": "the credential is given 0 ECTS; give its ECTS credits, or leave the field out "
    "if it carries none",
    "credit_hours": "the credential is given 0 credit hours; give its credit hours, or leave "
    "the field out if it carries none",
    "duration_weeks": "a duration of 0 weeks is not possible; give the number of weeks, or "
    "leave the field out",
}
