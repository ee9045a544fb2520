"""Where the review of one descriptor stands, for ``mcqa review status``.

:func:`review_status` reads an evaluated result (and the forms behind it) and
says, in plain terms, who reviewed, what is still pending and waiting for whom,
how far the reviewers agreed, the decision, what an amendment must fix, and
what happens next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from mcqa.models.report import DescriptorResult, StandardResult
from mcqa.models.review import Review
from mcqa.models.rubric import Rubric
from mcqa.render.agreement import describe_agreement
from mcqa.render.safe import safe_lines

__all__ = ["ReviewStatus", "render_status_text", "review_status"]

_DECISIONS = {
    "conformant": "CONFORMANT",
    "not_conformant": "NOT CONFORMANT",
    "pending_review": "PENDING REVIEW",
    "error": "ERROR (the descriptor cannot be read)",
}


@dataclass(frozen=True)
class ReviewerProgress:
    name: str
    role: str | None
    round: int
    answered: int
    of: int
    """How many of the standards that need a person this form answers."""


@dataclass(frozen=True)
class PendingStandard:
    id: str
    title: str
    waiting_for: tuple[str, ...]
    """Round-1 reviewers who have not answered it yet."""
    why: str
    """``no decision yet ...`` (a tie, too few answers) or ``nobody has answered``."""


@dataclass(frozen=True)
class UnmetStandard:
    id: str
    title: str
    essential: bool
    decided_by: str
    recommendations: tuple[str, ...]


@dataclass(frozen=True)
class ReviewStatus:
    """Where the review of one descriptor stands."""

    descriptor: str
    rubric: str
    decision: str
    score: str | None
    reviewers: tuple[ReviewerProgress, ...]
    rounds: tuple[int, ...]
    team_problems: tuple[str, ...]
    agreement: str | None
    agreement_note: str | None
    pending: tuple[PendingStandard, ...]
    unmet: tuple[UnmetStandard, ...]
    automated_unmet: tuple[str, ...]
    notes: tuple[str, ...]
    next_steps: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _score(result: DescriptorResult) -> str | None:
    if result.score is None:
        return None
    text = f"{result.score.percent:g} % ({result.score.earned:g}/{result.score.possible:g} points)"
    if result.essentials is not None and result.essentials.total:
        text += f", essentials {result.essentials.met}/{result.essentials.total}"
    if result.band:
        text += f", band: {result.band}"
    return text


def _agreement(result: DescriptorResult) -> tuple[str | None, str | None]:
    overall = next((a for a in result.agreement if a.scope == "all"), None)
    if overall is None:
        return None, None
    return describe_agreement(overall), overall.warning


def _answered_ids(review: Review) -> set[str]:
    return {
        sid for sid, a in review.standards.items() if a.verdict is not None or a.level is not None
    }


def review_status(
    result: DescriptorResult, rubric: Rubric, forms: Sequence[Review], *, descriptor: str
) -> ReviewStatus:
    """Summarise the review of one descriptor from its evaluated ``result``."""
    human = [s for _, s in rubric.iter_standards() if s.mode != "automated"]
    human_ids = {s.id for s in human}
    reviewers = tuple(
        ReviewerProgress(
            name=f.reviewer.name or "(no name)",
            role=f.reviewer.role,
            round=f.round,
            answered=len(_answered_ids(f) & human_ids),
            of=len(human_ids),
        )
        for f in sorted(forms, key=lambda f: (f.round, f.reviewer.name or ""))
    )
    round_one = [f for f in forms if f.round == 1]
    by_id = {s.id: s for s in result.standards}
    pending: list[PendingStandard] = []
    unmet: list[UnmetStandard] = []
    for standard in human:
        outcome = by_id.get(standard.id)
        if outcome is None:
            continue
        if outcome.status == "pending_review":
            waiting = tuple(
                f.reviewer.name or "(no name)"
                for f in round_one
                if standard.id not in _answered_ids(f)
            )
            why = outcome.rounds[-1].decided_by if outcome.rounds else "nobody has answered"
            pending.append(PendingStandard(standard.id, standard.title, waiting, why))
        elif outcome.status == "not_met" and outcome.source == "reviewers":
            unmet.append(_unmet(outcome))
    automated_unmet = tuple(
        s.id for s in result.standards if s.status == "not_met" and s.source == "automated"
    )
    team = tuple(f.message for f in result.findings if f.rule == "review-team")
    notes = tuple(
        f.message for f in result.findings if f.rule in ("review-carried", "review-version")
    )
    agreement, agreement_note = _agreement(result)
    status = ReviewStatus(
        descriptor=descriptor,
        rubric=(result.rubric.id + "@" + result.rubric.version) if result.rubric else rubric.ref,
        decision=result.decision,
        score=_score(result),
        reviewers=reviewers,
        rounds=tuple(sorted({f.round for f in forms})),
        team_problems=team,
        agreement=agreement,
        agreement_note=agreement_note,
        pending=tuple(pending),
        unmet=tuple(unmet),
        automated_unmet=automated_unmet,
        notes=notes,
    )
    return _with_next_steps(status, rubric)


def _unmet(outcome: StandardResult) -> UnmetStandard:
    latest = max((a.round for a in outcome.reviews if a.counted), default=1)
    recommendations = tuple(
        f"{a.reviewer or '(no name)'}{f' ({a.role})' if a.role else ''}: {a.recommendation}"
        for a in outcome.reviews
        if a.counted and a.round == latest and a.recommendation
    )
    decided_by = outcome.rounds[-1].decided_by if outcome.rounds else "the reviewers"
    return UnmetStandard(outcome.id, outcome.title, outcome.essential, decided_by, recommendations)


def _with_next_steps(status: ReviewStatus, rubric: Rubric) -> ReviewStatus:
    steps: list[str] = []
    if status.decision == "error":
        return replace(
            status,
            next_steps=(
                f"Fix the descriptor first: it cannot be read (mcqa check {status.descriptor} "
                "says where).",
            ),
        )
    if not status.reviewers:
        steps.append(
            "Nobody has reviewed this descriptor yet: each reviewer makes a form with "
            f"mcqa review init {status.descriptor} --reviewer NAME --role ROLE"
        )
    for problem in status.team_problems:
        steps.append(f"Complete the review team: {problem}.")
    waiting: dict[str, list[str]] = {}
    for item in status.pending:
        for name in item.waiting_for:
            waiting.setdefault(name, []).append(item.id)
    for name, ids in waiting.items():
        steps.append(f"{name} still has to answer: {', '.join(ids)}.")
    ties = [p.id for p in status.pending if not p.waiting_for and status.reviewers]
    if ties:
        steps.append(
            "The reviewers are split or too few on: "
            + ", ".join(ties)
            + ". Talk it through, then change an answer or add a reviewer."
        )
    if status.unmet and not status.pending and status.decision != "conformant":
        role = rubric.aggregation.amendment_role
        round_next = max(status.rounds, default=1) + 1
        who = {
            "chair": "the chair",
            "self": "the self-assessor",
            None: "a reviewer",
        }.get(role, f"a reviewer in the role {role}")
        unmet_ids = ", ".join(u.id for u in status.unmet)
        steps.append(
            f"Amendment: revise the descriptor to meet {unmet_ids}; then {who} re-judges only those "
            f"standards in a round-{round_next} form "
            f"(mcqa review init {status.descriptor} --round {round_next}"
            + (f" --role {role}" if role else "")
            + " --reviewer NAME)."
        )
    if status.automated_unmet:
        steps.append(
            "Fix what the automated checks found on "
            + ", ".join(status.automated_unmet)
            + f" (mcqa check {status.descriptor})."
        )
    if not steps:
        if status.decision == "not_conformant":
            steps.append("The review is complete; the descriptor does not conform.")
        elif status.unmet:
            steps.append(
                "The review is complete; the recommendations above say how to improve further."
            )
        else:
            steps.append("The review is complete.")
    return replace(status, next_steps=tuple(steps))


def render_status_text(status: ReviewStatus) -> str:
    """The status as a short report for a person."""
    lines = [
        f"Review of {status.descriptor} under {status.rubric}",
        f"Decision: {_DECISIONS.get(status.decision, status.decision)}"
        + (f"  {status.score}" if status.score else ""),
    ]
    if status.reviewers:
        lines.append("Reviewers:")
        for r in status.reviewers:
            role = f", {r.role}" if r.role else ""
            lines.append(
                f"  round {r.round}: {r.name}{role}: answered {r.answered} of {r.of} standards"
            )
    else:
        lines.append("Reviewers: none yet")
    for problem in status.team_problems:
        lines.append(f"Team: {problem}")
    if status.agreement:
        lines.append(f"Agreement: {status.agreement}")
        if status.agreement_note:
            lines.append(f"  note: {status.agreement_note}")
    for note in status.notes:
        lines.append(f"Note: {note}")
    if status.pending:
        lines.append(f"Still pending ({len(status.pending)}):")
        for p in status.pending:
            waiting = f"; waiting for {', '.join(p.waiting_for)}" if p.waiting_for else ""
            lines.append(f"  {p.id} {p.title}: {p.why}{waiting}")
    if status.unmet:
        heading = (
            "Not met; recommended improvements"
            if status.decision == "conformant"
            else "Not met, to fix in an amendment"
        )
        lines.append(f"{heading} ({len(status.unmet)}):")
        for u in status.unmet:
            lines.append(
                f"  {u.id} {u.title}{' (essential)' if u.essential else ''}: {u.decided_by}"
            )
            for recommendation in u.recommendations:
                lines.append(f"    - {recommendation}")
    if status.automated_unmet:
        lines.append("Not met by the automated checks: " + ", ".join(status.automated_unmet))
    lines.append("Next:")
    lines.extend(f"  {step}" for step in status.next_steps)
    # Names, titles and recommendations come from forms and descriptors: escaped.
    return "\n".join(safe_lines(lines)) + "\n"
