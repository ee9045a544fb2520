"""Reading the workload and duration figures real catalogs write, without guessing.

>>> iso_duration_hours("PT45H"), iso_duration_hours("P2DT3H30M"), iso_duration_hours("P6W")
(45.0, 51.5, None)
>>> iso_duration_weeks("P6W"), iso_duration_weeks("P1M")
(6.0, None)
>>> text_hours("20 hours"), text_hours("about 90 minutes"), text_hours("1.5 hrs")
(20.0, 1.5, 1.5)
>>> text_hours("forty hours") is None, text_hours("3") is None
(True, True)
>>> number("40"), number("2,5"), number("1,200"), number("3 ECTS"), number(True)
(40.0, 2.5, 1200.0, None, None)
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["iso_duration_hours", "iso_duration_weeks", "number", "text_hours"]

# ISO 8601 durations: PnYnMnWnDTnHnMnS, each part optional. Bounded and linear.
_ISO = re.compile(
    r"^P(?:(?P<Y>\d{1,6}(?:[.,]\d{1,6})?)Y)?(?:(?P<Mo>\d{1,6}(?:[.,]\d{1,6})?)M)?"
    r"(?:(?P<W>\d{1,6}(?:[.,]\d{1,6})?)W)?(?:(?P<D>\d{1,6}(?:[.,]\d{1,6})?)D)?"
    r"(?:T(?:(?P<H>\d{1,6}(?:[.,]\d{1,6})?)H)?(?:(?P<Mi>\d{1,6}(?:[.,]\d{1,6})?)M)?"
    r"(?:(?P<S>\d{1,6}(?:[.,]\d{1,6})?)S)?)?$"
)
_HOURS_TEXT = re.compile(
    r"^(?:about|approx(?:imately|\.)?|around|c\.|ca\.)?\s*(?P<n>\d{1,6}(?:[.,]\d{1,3})?)\s*"
    r"(?P<unit>hours?|hrs?\.?|h|minutes?|mins?\.?)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*[+]?(\d{1,9}(?:,\d{3})+|\d{1,12})(?:[.,](\d{1,6}))?\s*$")


def _parts(text: str) -> dict[str, float] | None:
    match = _ISO.match(text.strip()) if isinstance(text, str) and len(text) <= 64 else None
    if match is None or text.strip() in ("P", "PT"):
        return None
    return {k: float(v.replace(",", ".")) for k, v in match.groupdict().items() if v is not None}


def iso_duration_hours(text: str) -> float | None:
    """Hours in an ISO 8601 duration made of days, hours, minutes and seconds.

    Years, months and weeks are calendar spans, not hours of learning: a
    duration that uses them gives ``None`` (see :func:`iso_duration_weeks`).
    """
    parts = _parts(text)
    if parts is None or any(k in parts for k in ("Y", "Mo", "W")):
        return None
    return (
        parts.get("D", 0) * 24
        + parts.get("H", 0)
        + parts.get("Mi", 0) / 60
        + parts.get("S", 0) / 3600
    )


def iso_duration_weeks(text: str) -> float | None:
    """Weeks in an ISO 8601 duration given in weeks or days only (a course's length)."""
    parts = _parts(text)
    if parts is None or set(parts) - {"W", "D"}:
        return None
    return parts.get("W", 0) + parts.get("D", 0) / 7


def text_hours(text: str) -> float | None:
    """Hours in a phrase such as ``20 hours``, ``90 minutes`` or ``1.5 hrs``; else ``None``."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    match = _HOURS_TEXT.match(text.strip())
    if match is None:
        return None
    value = float(match.group("n").replace(",", "."))
    return value / 60 if match.group("unit").lower().startswith("m") else value


def number(value: Any) -> float | None:
    """A finite number written as a number or as a plain numeric string; else ``None``.

    ``"1,200"`` is read as twelve hundred (thousands), ``"2,5"`` as two and a half
    (a decimal comma); booleans are not numbers.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    match = _NUMBER.match(value)
    if match is None:
        return None
    whole, fraction = match.group(1), match.group(2)
    if "," in whole:
        return float(whole.replace(",", "")) if fraction is None else None
    return float(f"{whole}.{fraction}") if fraction is not None else float(whole)


# -- Open Badges: EQF levels and learning hours ----------------------------------------------

_EQF_URI = re.compile(r"^https?://data\.europa\.eu/snb/eqf/([1-8])/?$")
_EQF_TEXT = re.compile(
    r"^(?:(?:EQF|European Qualifications? Framework)[\s:-]*(?:level)?|level)[\s:-]*([1-8])$",
    re.IGNORECASE,
)


def eqf_level(value: Any) -> int | None:
    """The EQF level (1 to 8) a value names: the official level URI, a phrase, or a number.

    >>> eqf_level("http://data.europa.eu/snb/eqf/6"), eqf_level("EQF level 4"), eqf_level("5")
    (6, 4, 5)
    >>> eqf_level(9) is None, eqf_level("level four") is None, eqf_level(4.5) is None
    (True, True, True)
    """
    if isinstance(value, str) and len(value) <= 200:
        text = value.strip()
        match = _EQF_URI.match(text) or _EQF_TEXT.match(text)
        if match is not None:
            return int(match.group(1))
    figure = number(value)
    if figure is not None and figure.is_integer() and 1 <= figure <= 8:
        return int(figure)
    return None


def learning_hours(value: Any) -> float | None:
    """Hours in an ISO 8601 duration (``PT45H``) or a phrase with a unit (``20 hours``).

    A bare number names no unit, so it gives ``None``, as does a calendar span:

    >>> learning_hours("PT45H"), learning_hours("20 hours"), learning_hours(20), learning_hours("P6W")
    (45.0, 20.0, None, None)
    """
    if not isinstance(value, str):
        return None
    hours = iso_duration_hours(value)
    return hours if hours is not None else text_hours(value)


def _iso_figure(value: float) -> str:
    """A figure for an ISO 8601 duration: whole numbers as such, else at most six decimals."""
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"a duration cannot be {value!r}")
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def iso_hours_duration(hours: float) -> str:
    """An ISO 8601 duration of ``hours`` hours (the inverse of :func:`iso_duration_hours`).

    >>> iso_hours_duration(45), iso_hours_duration(1.5), iso_duration_hours(iso_hours_duration(0.25))
    ('PT45H', 'PT1.5H', 0.25)
    """
    return f"PT{_iso_figure(hours)}H"


def iso_weeks_duration(weeks: float) -> str:
    """An ISO 8601 duration of ``weeks`` weeks (the inverse of :func:`iso_duration_weeks`).

    >>> iso_weeks_duration(6), iso_duration_weeks(iso_weeks_duration(2.5))
    ('P6W', 2.5)
    """
    return f"P{_iso_figure(weeks)}W"
