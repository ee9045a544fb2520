"""The notional workload is stated in a recognised unit and is the size of a microcredential."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import format_number, in_document_order
from mcqa.models.descriptor import Workload

__all__ = ["NotionalWorkload"]

#: The workload fields that measure an amount of learning, in the order they are named.
UNITS = ("hours", "ects", "credit_hours", "ceus")

#: Hours of learning in one unit of each kind, unless the rubric says otherwise.
DEFAULT_FACTORS = {"hours": 1.0, "ects": 27.5, "credit_hours": 45.0, "ceus": 10.0}

#: The option that sets the hours in one unit of each kind.
FACTOR_OPTIONS = {
    "ects": "hours_per_ects",
    "credit_hours": "hours_per_credit_hour",
    "ceus": "hours_per_ceu",
}

DEFAULT_MIN_HOURS = 1.0
DEFAULT_MAX_HOURS = 675.0

# How each unit is written after a number: (one, several).
_WORDS = {
    "hours": ("hour", "hours"),
    "ects": ("ECTS", "ECTS"),
    "credit_hours": ("credit hour", "credit hours"),
    "ceus": ("CEU", "CEUs"),
}

# How to ask for a figure in each unit.
_ASK = {
    "hours": "the total hours of learning",
    "ects": "the ECTS credits",
    "credit_hours": "the US semester credit hours",
    "ceus": "the Continuing Education Units (CEUs)",
}

# What each unit is called on its own.
_NAMES = {
    "hours": "hours",
    "ects": "ECTS credits",
    "credit_hours": "US semester credit hours",
    "ceus": "CEUs",
}


def _amount(value: float, unit: str) -> str:
    """``value`` with its unit in words, e.g. ``"1 credit hour"`` or ``"2.5 CEUs"``.

    >>> _amount(1, "credit_hours"), _amount(2.5, "ceus"), _amount(5, "ects")
    ('1 credit hour', '2.5 CEUs', '5 ECTS')
    """
    text = format_number(value)
    one, several = _WORDS[unit]
    return f"{text} {one if text == '1' else several}"


def _either(phrases: Sequence[str]) -> str:
    """``"a, b or c"``.

    >>> _either(["a"]), _either(["a", "b", "c"])
    ('a', 'a, b or c')
    """
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " or " + phrases[-1]


def _number(value: Any) -> float | None:
    """``value`` as a float when it is a number (not a boolean, not NaN), else ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value):
        return float(value)
    return None


def _positive(value: Any, default: float, *, finite: bool = True) -> float:
    """An option that must be a number above zero; ``default`` when it is not one."""
    number = _number(value)
    if number is not None and number > 0 and (math.isfinite(number) or not finite):
        return number
    return default


@dataclass(frozen=True)
class Settings:
    """The options of :class:`NotionalWorkload`, each one usable whatever the rubric gave."""

    units: tuple[str, ...]
    """The units that count as stating the workload, in the order the rubric gave them."""
    factors: Mapping[str, float]
    """Hours of learning in one unit of each kind (``hours`` is 1)."""
    min_hours: float
    max_hours: float
    """May be infinite: no upper limit."""

    @classmethod
    def read(cls, options: Mapping[str, Any]) -> Settings:
        """Settings from a check's options; a value that is not usable falls back to its default."""
        given = options.get("units")
        units: tuple[str, ...] = UNITS
        if isinstance(given, Sequence) and not isinstance(given, str):
            chosen = tuple(dict.fromkeys(u for u in given if u in UNITS))
            units = chosen or UNITS
        factors = dict(DEFAULT_FACTORS)
        for unit, option in FACTOR_OPTIONS.items():
            factors[unit] = _positive(options.get(option), DEFAULT_FACTORS[unit])
        low = _number(options.get("min_hours"))
        if low is None or not math.isfinite(low) or low < 0:
            low = DEFAULT_MIN_HOURS
        max_hours = _positive(options.get("max_hours"), DEFAULT_MAX_HOURS, finite=False)
        return cls(units, factors, low, max_hours)

    def ask(self) -> str:
        """What to give, in the units the rubric accepts: ``"the total hours ... or the CEUs"``."""
        return _either([_ASK[u] for u in self.units])


def _in_hours(value: float, unit: str, factor: float) -> str:
    """The workload in words, with its size in hours when it is in another unit.

    >>> _in_hours(60, "ects", 27.5)
    '60 ECTS (1650 hours of learning at 27.5 hours per ECTS)'
    >>> _in_hours(40, "hours", 1)
    'a workload of 40 hours'
    """
    if unit == "hours":
        return f"a workload of {_amount(value, 'hours')}"
    hours = value * factor
    size = _amount(hours, "hours") if math.isfinite(hours) else "more hours than can be counted"
    rate = f"{_amount(factor, 'hours')} per {_WORDS[unit][0]}"
    return f"{_amount(value, unit)} ({size} of learning at {rate})"


class NotionalWorkload:
    """The workload is stated in a unit others recognise, and is the size of a microcredential.

    The notional workload is the total time a typical learner needs for study
    and assessment. Europe states it in ECTS credits, the United States in
    semester credit hours or Continuing Education Units (CEUs), others in
    hours; any of them will do (``units``). This check reports:

    - **error**: no workload in any accepted unit. A duration in weeks alone is
      not a workload: it says how long the credential runs, not how much
      learning it takes;
    - **error**: a figure of zero or below, or one that is not a finite number;
    - **error**: a size below ``min_hours`` (1 hour by default, the floor of
      Australia's framework);
    - **error**: a size above ``max_hours``. A credential that large is a
      qualification rather than a microcredential.

    The size is the workload converted to hours: one ECTS credit is 27.5
    hours (the middle of 25 to 30), one US semester credit hour is 45 hours of
    learning (about 15 in class), one CEU is 10 contact hours. When the
    workload is given in several units, the largest of the converted figures
    is the size; whether the figures agree is for ``workload-consistency``.
    Figures in a unit the rubric does not accept still count towards the size.

    The default ``max_hours``, 675, is the largest upper limit that the
    frameworks behind this standard set, at this check's own factors: SUNY's
    15 credit hours at 45 hours each. It admits New Zealand's cap of 40
    credits (400 hours) too, and is about 24.5 ECTS. A semester (30 ECTS,
    825 hours) or a year (60 ECTS, 1650 hours) of full-time study is the size
    of a qualification, or of a large part of one. A rubric for a system
    whose microcredentials are larger raises the limit: 900 admits 30 ECTS
    at up to 30 hours each.

    Options:

    - ``units``: the units that count as stating the workload, from
      ``hours``, ``ects``, ``credit_hours`` and ``ceus`` (default all four).
    - ``hours_per_ects``: hours of learning in one ECTS credit (default
      ``27.5``).
    - ``hours_per_credit_hour``: hours of learning in one US semester credit
      hour (default ``45``).
    - ``hours_per_ceu``: hours in one Continuing Education Unit (default
      ``10``).
    - ``min_hours``: the least learning, in hours, a microcredential can take
      (default ``1``).
    - ``max_hours``: the most learning, in hours, a microcredential can take
      (default ``675``).

    **PASS**

    ```yaml
    workload:
      hours: 135
      ects: 5
    ```

    **FAIL**

    ```yaml
    workload:
      hours: 2000      # error: more than the maximum of 675 hours
    ```
    """

    ID: ClassVar[str] = "notional-workload"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "units": {
                "description": "The units that count as stating the workload.",
                "type": "array",
                "items": {"enum": list(UNITS)},
                "minItems": 1,
                "uniqueItems": True,
                "default": list(UNITS),
            },
            "hours_per_ects": {
                "description": "Hours of learning in one ECTS credit.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": DEFAULT_FACTORS["ects"],
            },
            "hours_per_credit_hour": {
                "description": "Hours of learning in one US semester credit hour.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": int(DEFAULT_FACTORS["credit_hours"]),
            },
            "hours_per_ceu": {
                "description": "Hours in one Continuing Education Unit (CEU).",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": int(DEFAULT_FACTORS["ceus"]),
            },
            "min_hours": {
                "description": "The least learning, in hours, a microcredential can take.",
                "type": "number",
                "minimum": 0,
                "default": int(DEFAULT_MIN_HOURS),
            },
            "max_hours": {
                "description": "The most learning, in hours, a microcredential can take; "
                "a larger credential is a qualification.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": int(DEFAULT_MAX_HOURS),
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem when the workload is missing, impossible, too small or too large."""
        settings = Settings.read(context.options)
        workload = context.descriptor.workload
        if workload is None:
            yield Problem(
                "/workload" if "workload" in context.data else "",
                f"the notional workload is not stated; give {settings.ask()} a typical learner "
                "needs, study and assessment included",
            )
            return
        given = {u: v for u in UNITS if (v := getattr(workload, u)) is not None}
        if not given:
            yield Problem("/workload", self._no_amount(workload, settings))
            return

        problems: list[Problem] = []
        if not any(u in settings.units for u in given):
            problems.append(
                Problem(
                    "/workload",
                    f"the workload is given only in {_either([_NAMES[u] for u in given])}, which "
                    f"this rubric does not accept; give {settings.ask()} as well",
                )
            )
        sizes: list[tuple[float, str, float]] = []
        for unit, value in given.items():
            problem = self._impossible(unit, value)
            if problem is not None:
                problems.append(problem)
            else:
                sizes.append((value * settings.factors[unit], unit, value))
        if sizes:
            size = max(sizes, key=lambda s: s[0])
            problems.extend(self._size(*size, settings))
        yield from in_document_order(context.data, problems)

    @staticmethod
    def _no_amount(workload: Workload, settings: Settings) -> str:
        """Why a workload with none of the units is not a workload."""
        weeks = workload.duration_weeks
        if weeks is not None and math.isfinite(weeks) and weeks > 0:
            text = format_number(weeks)
            return (
                f"a duration of {text} {'week' if text == '1' else 'weeks'} says how long the "
                f"credential runs, not how much learning it takes; give {settings.ask()} as well"
            )
        return (
            f"the workload does not say how much learning the credential takes; give "
            f"{settings.ask()} a typical learner needs, study and assessment included"
        )

    @staticmethod
    def _impossible(unit: str, value: float) -> Problem | None:
        """A problem when ``value`` cannot be a workload: not finite, zero or below."""
        pointer = f"/workload/{unit}"
        if not math.isfinite(value):
            return Problem(
                pointer,
                f"the workload in {_NAMES[unit]} is not a finite number; give {_ASK[unit]} "
                "as a real figure",
            )
        if value <= 0:
            impossible = ", which is not possible" if value < 0 else ""
            return Problem(
                pointer,
                f"the workload is given as {_amount(value, unit)}{impossible}; give "
                f"{_ASK[unit]} as a figure above zero, or leave the field out",
            )
        return None

    @staticmethod
    def _size(hours: float, unit: str, value: float, settings: Settings) -> list[Problem]:
        """A problem when the size in hours is below the minimum or above the maximum."""
        pointer = f"/workload/{unit}"
        described = _in_hours(value, unit, settings.factors[unit])

        def beyond(limit: float) -> bool:
            return not math.isclose(hours, limit, rel_tol=1e-9, abs_tol=1e-12)

        if hours < settings.min_hours and beyond(settings.min_hours):
            return [
                Problem(
                    pointer,
                    f"{described} is less than the minimum of "
                    f"{_amount(settings.min_hours, 'hours')}; check the figure, which should "
                    "count all the learning, study and assessment included (the rubric's "
                    "min_hours option sets the limit)",
                )
            ]
        if hours > settings.max_hours and beyond(settings.max_hours):
            return [
                Problem(
                    pointer,
                    f"{described} is more than the maximum of "
                    f"{_amount(settings.max_hours, 'hours')} for a microcredential; a credential "
                    "that large is a qualification rather than a microcredential, so split it "
                    "into smaller microcredentials or correct the figure (the rubric's "
                    "max_hours option sets the limit)",
                )
            ]
        return []
