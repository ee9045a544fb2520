"""Reviewers' answers on one standard -> one decision, by the rubric's policy.

>>> from mcqa.models import Answer
>>> answers = [Answer(verdict="met"), Answer(verdict="not_met"), Answer(verdict="met")]
>>> consensus(answers, policy="majority").verdict
'met'
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from mcqa.models.review import Answer, Verdict
from mcqa.models.rubric import LevelScale

__all__ = ["Consensus", "consensus"]


@dataclass(frozen=True)
class Consensus:
    """What the reviewers decided on one standard; ``None`` fields are undecided."""

    verdict: Verdict | None
    level: float | None = None
    """The combined level (ordinal scales), possibly fractional for ``mean``."""
    answered: int = 0
    """How many reviewers answered."""


def _answered(answers: Sequence[Answer]) -> list[Answer]:
    return [a for a in answers if a.verdict is not None or a.level is not None]


def consensus(
    answers: Sequence[Answer],
    *,
    policy: str,
    scale: LevelScale | None = None,
    chair_index: int | None = None,
    min_reviewers: int = 1,
    roles: Sequence[str | None] = (),
) -> Consensus:
    """Combine the answers of several reviewers on one standard.

    ``majority``: met when more than half of those who gave a met/not-met verdict
    say met, not met when more than half say not met (ties stay undecided);
    ``not_applicable`` when more than half say so. ``unanimous``: met only when
    every verdict is met. ``chair``: the chair's answer (``chair_index``).
    ``mean`` / ``median``: of levels on an ordinal scale; the standard is met
    when the combined level reaches the scale's top level. ``verified``: a
    self-assessment checked by a team (``roles`` gives each answer's role): the
    median of the answers of reviewers not in the ``self`` role decides; while
    none has answered, the median of the self-assessments stands.
    Fewer answers than ``min_reviewers`` leave the standard undecided.

    >>> own = [Answer(level=3), Answer(level=1), Answer(level=2)]
    >>> consensus(own, policy="verified", roles=["self", "peer", "chair"]).level
    1.5
    >>> consensus(own[:1], policy="verified", roles=["self"]).level
    3.0
    """
    if policy == "verified":
        team = [a for a, role in zip(answers, roles, strict=False) if role != "self"]
        if _answered(team):
            return consensus(team, policy="median", scale=scale, min_reviewers=1)
        return consensus(answers, policy="median", scale=scale, min_reviewers=min_reviewers)
    given = _answered(answers)
    if len(given) < min_reviewers or not given:
        return Consensus(None, None, len(given))
    if policy == "chair":
        if chair_index is None or answers[chair_index] not in given:
            return Consensus(None, None, len(given))
        chosen = answers[chair_index]
        return Consensus(
            chosen.verdict or _verdict_for_level(chosen.level, scale), _lv(chosen.level), len(given)
        )
    if policy in ("mean", "median"):
        levels = [a.level for a in given if a.level is not None]
        if not levels:
            return _by_verdict(given, "majority")
        combined = statistics.mean(levels) if policy == "mean" else float(statistics.median(levels))
        return Consensus(_verdict_for_level(combined, scale), combined, len(given))
    return _by_verdict(given, policy)


def _by_verdict(given: Sequence[Answer], policy: str) -> Consensus:
    verdicts = [a.verdict for a in given if a.verdict is not None]
    if not verdicts:
        return Consensus(None, None, len(given))
    if policy == "unanimous":
        if all(v == "met" for v in verdicts):
            return Consensus("met", None, len(given))
        if all(v == "not_applicable" for v in verdicts):
            return Consensus("not_applicable", None, len(given))
        return Consensus("not_met", None, len(given))
    for verdict in ("met", "not_met", "not_applicable"):
        if verdicts.count(verdict) * 2 > len(verdicts):
            return Consensus(verdict, None, len(given))
    return Consensus(None, None, len(given))


def _lv(level: int | None) -> float | None:
    return float(level) if level is not None else None


def _verdict_for_level(level: float | None, scale: LevelScale | None) -> Verdict | None:
    if level is None or scale is None:
        return None
    top = max(lv.value for lv in scale.levels)
    return "met" if level >= top else "not_met"
