"""Action plans: for each descriptor, what to do first to meet the standard.

Quality Matters and OSCQR hand a course team a list of what to fix, not only a
score. An action plan lists a descriptor's standards that are not met or await
review, by impact: essential standards first (a single one keeps the credential
from conforming), then by the points at stake, then those not met before those
awaiting review, then in the rubric's order. Each step says what to change, in
this order of preference:

1. the standard's own findings (what the automated checks found, located in
   the descriptor), without waived ones and without notes about reviewing;
2. the reviewers' recommendations, when reviewers decided it;
3. what the standard asks for (its text), when nothing more specific is known.

For a standard awaiting review, the step is to have reviewers judge it; its
findings (a check's suggestion) are still listed. The effort is the one the
rubric states for the standard (``small``, ``medium`` or ``large``; see
:data:`mcqa.models.rubric.Effort`), or none.

>>> from mcqa.models.report import Action
>>> totals = plan_totals([
...     Action(standard="2.2", title="t", status="not_met", essential=True, points=3, effort="small"),
...     Action(standard="8.5", title="t", status="pending_review", points=1),
... ])
>>> totals.steps, totals.essential, totals.points, totals.by_effort
(2, 1, 4.0, {'small': 1, 'medium': 0, 'large': 0, 'unstated': 1})
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mcqa.models.report import Action, StandardResult
from mcqa.models.rubric import Rubric

__all__ = [
    "FIRST_STEPS",
    "MAX_CHANGES",
    "PlanTotals",
    "describe_step",
    "describe_totals",
    "plan_actions",
    "plan_totals",
]

#: Steps a report names as the ones to take first.
FIRST_STEPS = 3

#: What-to-change lines kept per step (the report has every finding).
MAX_CHANGES = 3

#: Findings that are about the reviewing, not about the descriptor.
_ABOUT_REVIEWING = frozenset(
    {"review-provisional", "review-overruled", "review-stale", "review-suggestion"}
)


def plan_actions(rubric: Rubric, standards: Sequence[StandardResult]) -> tuple[Action, ...]:
    """The action plan of a descriptor scored against ``rubric``, by impact."""
    known = {s.id: (index, s) for index, (_, s) in enumerate(rubric.iter_standards())}
    steps: list[tuple[tuple[bool, float, bool, int], Action]] = []
    for result in standards:
        if result.status not in ("not_met", "pending_review"):
            continue
        index, standard = known.get(result.id, (len(known), None))
        at_stake = max(result.points_possible - result.points_earned, 0.0)
        action = Action(
            standard=result.id,
            title=result.title,
            status="not_met" if result.status == "not_met" else "pending_review",
            essential=result.essential,
            points=round(at_stake, 4),
            effort=standard.effort if standard is not None else None,
            change=_changes(result, standard.text if standard is not None else None),
        )
        key = (not result.essential, -at_stake, result.status != "not_met", index)
        steps.append((key, action))
    steps.sort(key=lambda step: step[0])
    return tuple(action for _, action in steps)


def _changes(result: StandardResult, asks: str | None) -> tuple[str, ...]:
    seen: list[str] = []
    for finding in result.findings:
        if (
            finding.waiver is None
            and finding.rule not in _ABOUT_REVIEWING
            and finding.severity != "info"
            and finding.message not in seen
        ):
            seen.append(finding.message)
    if not seen and result.status == "not_met":
        for answer in result.reviews:
            if answer.counted and answer.recommendation and answer.recommendation not in seen:
                seen.append(answer.recommendation)
    if not seen and asks and result.status == "not_met":
        seen.append(f"Meet the standard: {' '.join(asks.split())}")
    if result.status == "pending_review":
        seen.insert(0, "Have the reviewers judge this standard.")
    return tuple(seen[:MAX_CHANGES])


def describe_step(action: Action) -> str:
    """What a report says of a step, after the standard's id: why it matters and the effort.

    >>> describe_step(Action(standard="2.2", title="t", status="not_met", essential=True,
    ...     points=3, effort="small"))
    'essential, 3 points, small effort'
    >>> describe_step(Action(standard="8.5", title="t", status="pending_review", points=1))
    'awaiting review, 1 point'
    """
    words = ["essential"] if action.essential else []
    if action.status == "pending_review":
        words.append("awaiting review")
    words.append(f"{action.points:g} point{'' if action.points == 1 else 's'}")
    if action.effort:
        words.append(f"{action.effort} effort")
    return ", ".join(words)


def describe_totals(totals: PlanTotals) -> str:
    """A sentence on what action plans add up to.

    >>> describe_totals(PlanTotals(4, 1, 7.0, {"small": 2, "medium": 1, "large": 0, "unstated": 1}))
    '4 steps, 1 on an essential standard, 7 points at stake; effort: 2 small, 1 medium, 1 unstated'
    """
    essential = "an essential standard" if totals.essential == 1 else "essential standards"
    efforts = ", ".join(f"{n} {kind}" for kind, n in totals.by_effort.items() if n)
    awaiting = f" ({totals.awaiting} awaiting review)" if totals.awaiting else ""
    return (
        f"{totals.steps} step{'' if totals.steps == 1 else 's'}{awaiting}, "
        f"{totals.essential} on {essential}, {totals.points:g} points at stake"
        + (f"; effort: {efforts}" if efforts else "")
    )


@dataclass(frozen=True)
class PlanTotals:
    """What one or many action plans add up to."""

    steps: int = 0
    essential: int = 0
    """Steps on essential standards."""
    points: float = 0.0
    """Points at stake."""
    by_effort: dict[str, int] = field(
        default_factory=lambda: {"small": 0, "medium": 0, "large": 0, "unstated": 0}
    )
    awaiting: int = 0
    """Steps that are to have reviewers judge a standard."""

    def __add__(self, other: PlanTotals) -> PlanTotals:
        return PlanTotals(
            self.steps + other.steps,
            self.essential + other.essential,
            round(self.points + other.points, 4),
            {k: self.by_effort[k] + other.by_effort[k] for k in self.by_effort},
            self.awaiting + other.awaiting,
        )


def plan_totals(actions: Iterable[Action]) -> PlanTotals:
    """The number of steps, essential ones, points at stake and steps by effort."""
    steps = essential = awaiting = 0
    points = 0.0
    by_effort = {"small": 0, "medium": 0, "large": 0, "unstated": 0}
    for action in actions:
        steps += 1
        essential += action.essential
        points += action.points
        awaiting += action.status == "pending_review"
        by_effort[action.effort or "unstated"] += 1
    return PlanTotals(steps, essential, round(points, 4), by_effort, awaiting)
