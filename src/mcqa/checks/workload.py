"""Workload figures (hours, ECTS, credit hours, CEUs, weeks) agree with each other."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, NotApplicable, Problem
from mcqa.checks._walk import format_number, in_document_order
from mcqa.models.descriptor import Descriptor, Workload

__all__ = ["WorkloadConsistency"]

_FIELDS = ("hours", "ects", "credit_hours", "ceus", "duration_weeks")

#: The fields that measure the workload in credits, each convertible to hours.
_CREDITS = ("ects", "credit_hours", "ceus")

# How each unit is written after a number: (one, several).
_WORDS = {
    "hours": ("hour", "hours"),
    "ects": ("ECTS", "ECTS"),
    "credit_hours": ("credit hour", "credit hours"),
    "ceus": ("CEU", "CEUs"),
}


def _number(value: Any) -> float | None:
    """``value`` as a float when it is a number (not a boolean, not NaN), else ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value):
        return float(value)
    return None


def _pair(value: Any, default: tuple[float, float]) -> tuple[float, float]:
    """A ``[low, high]`` option as an ordered pair of positive finite numbers."""
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        numbers = [_number(v) for v in value]
        ends = [n for n in numbers if n is not None and n > 0 and math.isfinite(n)]
        if len(ends) == 2:
            low, high = sorted(ends)
            return low, high
    return default


def _option(value: Any, default: float, low: float, high: float = math.inf) -> float:
    """A number option within ``[low, high)``; ``default`` when it is not one."""
    number = _number(value)
    if number is not None and low <= number < high:
        return number
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


def _amount(value: float, field: str) -> str:
    """``"3 ECTS"``, ``"1 credit hour"``, ``"2.5 CEUs"``."""
    return _unit(value, *_WORDS[field])


def _credit_unit(unit: str) -> str | None:
    """The workload field a ``stackability.credit.unit`` names, if it names one.

    >>> _credit_unit("ECTS credits"), _credit_unit("US semester credit-hours"), _credit_unit("CEU")
    ('ects', 'credit_hours', 'ceus')
    >>> _credit_unit("quarter credit hours"), _credit_unit("NZ-credits")
    (None, None)
    """
    words = unit.strip().lower().replace("-", " ").replace("_", " ").split()
    if not words:
        return None
    if words[0] == "ects":
        return "ects"
    if words[0] in {"ceu", "ceus"} or words[:3] in (
        ["continuing", "education", "unit"],
        ["continuing", "education", "units"],
    ):
        return "ceus"
    if "quarter" not in words and any(
        a == "credit" and b in {"hour", "hours"} for a, b in itertools.pairwise(words)
    ):
        return "credit_hours"
    return None


class WorkloadConsistency:
    """The workload figures are possible and agree with each other.

    A descriptor may give the notional learning hours, ECTS credits, US
    semester credit hours, Continuing Education Units (CEUs) and a duration
    in weeks. This check applies when it gives at least one of them, and
    reports:

    - **error**: a figure of zero or one that is not a finite number, hours
      below ``min_hours``, or ECTS, credit hours or CEUs that stand for less
      than ``min_hours``;
    - **error**: hours and ECTS that disagree. One ECTS credit stands for
      25 to 30 hours of learning (``hours_per_ects``); the hours must fall in
      that range times the ECTS, widened by ``tolerance`` (10 % by default);
    - **error**: hours and credit hours that disagree. A US semester credit
      hour is about 15 hours in class and 45 hours of learning in all
      (``hours_per_credit_hour``, 30 to 50 by default);
    - **error**: hours and CEUs that disagree. A CEU is 10 contact hours
      (``hours_per_ceu``, 10 to 15 by default, which leaves room for up to
      half as much again of study outside contact time);
    - **error**: ECTS, credit hours or CEUs given without hours, two of
      which stand for hour ranges that do not overlap;
    - **error**: more hours a week than ``max_hours_per_week`` (hours, or
      the least the credits stand for, divided by ``duration_weeks``);
    - **warning**: ``stackability.credit`` in ECTS, US semester credit hours
      or CEUs that differs from the workload in the same unit.

    Credit hours or CEUs alone, as US descriptors often give them, pass when
    they are possible figures.

    Options:

    - ``hours_per_ects``: hours in one ECTS credit, as ``[low, high]``
      (default ``[25, 30]``).
    - ``hours_per_credit_hour``: hours of learning in one US semester credit
      hour, as ``[low, high]`` (default ``[30, 50]``).
    - ``hours_per_ceu``: hours of learning in one Continuing Education Unit,
      as ``[low, high]`` (default ``[10, 15]``).
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
            "hours_per_ceu": {
                "description": "Hours of learning in one Continuing Education Unit (CEU), "
                "as [low, high].",
                "type": "array",
                "items": {"type": "number", "exclusiveMinimum": 0},
                "minItems": 2,
                "maxItems": 2,
                "default": [10, 15],
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
            raise NotApplicable(
                "the descriptor states no workload (hours, ECTS, credit hours, CEUs or weeks)"
            )

        options = context.options
        pairs = {
            "ects": _pair(options.get("hours_per_ects"), (25.0, 30.0)),
            "credit_hours": _pair(options.get("hours_per_credit_hour"), (30.0, 50.0)),
            "ceus": _pair(options.get("hours_per_ceu"), (10.0, 15.0)),
        }
        tolerance = _option(options.get("tolerance"), 0.1, 0, 1)
        most = _number(options.get("max_hours_per_week"))
        max_week = most if most is not None and most > 0 else 60.0  # infinite: no limit
        min_hours = _option(options.get("min_hours"), 1, 0)

        problems: list[Problem] = []
        usable = self._usable(workload, pairs, min_hours, problems)
        hours = usable.get("hours")
        credits = {f: usable[f] for f in _CREDITS if f in usable}
        weeks = usable.get("duration_weeks")

        def widened(value: float, pair: tuple[float, float]) -> tuple[float, float]:
            return value * pair[0] * (1 - tolerance), value * pair[1] * (1 + tolerance)

        if hours is not None:
            for field, value in credits.items():
                pair = pairs[field]
                low, high = widened(value, pair)
                if not low <= hours <= high:
                    one, several = _WORDS[field]
                    problems.append(
                        Problem(
                            f"/workload/{field}",
                            f"{_hours(hours)} is {_span(hours / pair[1], hours / pair[0])} "
                            f"{several} at {_span(*pair)} hours per {one}, not "
                            f"{format_number(value)}; correct the {several} or the hours "
                            f"({_amount(value, field)} is "
                            f"{_span(value * pair[0], value * pair[1])} hours)",
                        )
                    )
        else:
            given = list(credits.items())
            for i, (later, later_value) in enumerate(given):
                for earlier, earlier_value in given[:i]:
                    problems.extend(
                        self._disagree(
                            (earlier, earlier_value, pairs[earlier]),
                            (later, later_value, pairs[later]),
                            widened,
                        )
                    )

        if weeks is not None:
            total, described = self._least_hours(hours, credits, pairs)
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
    def _disagree(
        earlier: tuple[str, float, tuple[float, float]],
        later: tuple[str, float, tuple[float, float]],
        widened: Callable[[float, tuple[float, float]], tuple[float, float]],
    ) -> list[Problem]:
        """A problem at the later of two credit figures whose hour ranges do not overlap."""
        (a, a_value, a_pair), (b, b_value, b_pair) = earlier, later
        a_low, a_high = widened(a_value, a_pair)
        b_low, b_high = widened(b_value, b_pair)
        if not (a_high < b_low or b_high < a_low):
            return []
        return [
            Problem(
                f"/workload/{b}",
                f"{_amount(a_value, a)} is "
                f"{_span(a_value * a_pair[0], a_value * a_pair[1])} hours of learning, but "
                f"{_amount(b_value, b)} is {_span(b_value * b_pair[0], b_value * b_pair[1])} "
                "hours; the two do not agree, so correct one of them (and give the hours too)",
            )
        ]

    @staticmethod
    def _usable(
        workload: Workload,
        pairs: Mapping[str, tuple[float, float]],
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
            elif value < 0:
                problems.append(
                    Problem(
                        pointer,
                        f"the {_NAMES[field]} is {format_number(value)}, below zero, which is "
                        "not possible; give a figure above zero",
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
            elif field in pairs and value * pairs[field][1] < min_hours:
                problems.append(
                    Problem(
                        pointer,
                        f"{_amount(value, field)} is less than {_hours(min_hours)} of "
                        "learning, the minimum; check the figure",
                    )
                )
            else:
                usable[field] = value
        return usable

    @staticmethod
    def _least_hours(
        hours: float | None,
        credits: Mapping[str, float],
        pairs: Mapping[str, tuple[float, float]],
    ) -> tuple[float | None, str]:
        """The hours to spread over the weeks, and how to name them in a message."""
        if hours is not None:
            return hours, _hours(hours)
        options: list[tuple[float, str]] = []
        for field, value in credits.items():
            least = value * pairs[field][0]
            options.append((least, f"{_amount(value, field)} (at least {_hours(least)})"))
        if not options:
            return None, ""
        return min(options, key=lambda o: o[0])

    @staticmethod
    def _stackability(descriptor: Descriptor) -> list[Problem]:
        stack = descriptor.stackability
        workload = descriptor.workload
        credit = stack.credit if stack is not None else None
        if credit is None or credit.value is None or credit.unit is None or workload is None:
            return []
        field = _credit_unit(credit.unit)
        stated: float | None = getattr(workload, field) if field is not None else None
        if field is None or stated is None:
            return []
        if not (math.isfinite(credit.value) and math.isfinite(stated)):
            return []
        if math.isclose(credit.value, stated, rel_tol=1e-9, abs_tol=1e-9):
            return []
        return [
            Problem(
                "/stackability/credit/value",
                f"the credit towards other awards is {_amount(credit.value, field)}, but "
                f"the workload says {_amount(stated, field)}; make the two the same "
                "or explain the difference",
                severity="warning",
            )
        ]


_NAMES = {
    "hours": "number of hours",
    "ects": "number of ECTS credits",
    "credit_hours": "number of credit hours",
    "ceus": "number of CEUs",
    "duration_weeks": "duration in weeks",
}

_ZERO = {
    "hours": "the workload is 0 hours; give the total learning hours a learner needs",
    "ects": "the credential is given 0 ECTS; give its ECTS credits, or leave the field out "
    "if it carries none",
    "credit_hours": "the credential is given 0 credit hours; give its credit hours, or leave "
    "the field out if it carries none",
    "ceus": "the credential is given 0 CEUs; give its Continuing Education Units, or leave "
    "the field out if it carries none",
    "duration_weeks": "a duration of 0 weeks is not possible; give the number of weeks, or "
    "leave the field out",
}
