"""The conformance report contract: what ``mcqa check -f json`` prints.

One :class:`Report` holds the results of one run against one rubric. Every
reporter (text, JSON, SARIF, ...) renders this object and decides nothing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcqa.models._base import FrozenContract
from mcqa.models._formats import REPORT_FORMAT
from mcqa.models.finding import Finding

__all__ = [
    "REPORT_FORMAT",
    "Acceptance",
    "Action",
    "AgreementStats",
    "CheckStatus",
    "Decision",
    "DescriptorResult",
    "Essentials",
    "Report",
    "ReviewerAnswer",
    "RoundOutcome",
    "RubricRef",
    "Score",
    "StandardResult",
    "StandardStatus",
    "Summary",
    "ToolInfo",
]


StandardStatus = Literal["met", "not_met", "not_applicable", "pending_review"]
Decision = Literal["conformant", "not_conformant", "pending_review", "error"]
"""``error``: the descriptor could not be read or validated, so it was not scored."""


class ToolInfo(FrozenContract):
    name: str = "mcqa"
    version: str


class RubricRef(FrozenContract):
    id: str
    version: str


class Score(FrozenContract):
    earned: Annotated[float, Field(ge=0)]
    possible: Annotated[float, Field(ge=0)]
    percent: Annotated[float, Field(ge=0, le=100)]


class Essentials(FrozenContract):
    met: Annotated[int, Field(ge=0)]
    total: Annotated[int, Field(ge=0)]


class ReviewerAnswer(FrozenContract):
    """One reviewer's answer on one standard, kept beside the consensus."""

    reviewer: str | None = None
    role: str | None = None
    round: Annotated[int, Field(ge=1)] = 1
    verdict: str | None = None
    level: int | None = None
    comment: str | None = None
    recommendation: str | None = None
    evidence: tuple[str, ...] = ()
    given_under: str | None = None
    """The rubric version (``id@version``) the answer was given under, when it is
    not the version checked: the answer was carried forward, or set aside."""
    standard_then: str | None = None
    """The standard's id in ``given_under``, when it has been renumbered since."""
    counted: bool = True
    """False when the answer does not count: the standard changed since it was given,
    or it was answered in an amendment round by someone the rubric does not ask."""
    note: str | None = None
    """Why the answer does not count, or how it was carried forward."""


class RoundOutcome(FrozenContract):
    """Where one standard stood after one review round."""

    round: Annotated[int, Field(ge=1)]
    status: Literal["met", "not_met", "not_applicable", "pending_review"]
    level: float | None = None
    """The combined level (ordinal scales)."""
    decided_by: str
    """Who decided, in words: ``2 of 3 reviewers``, ``the chair``, ``no one yet``."""


class AgreementStats(FrozenContract):
    """How far the reviewers agreed, over the standards of one scope."""

    scope: str
    """``all``, or the id of a category (general standard)."""
    units: Annotated[int, Field(ge=0)]
    """Standards rated."""
    raters: Annotated[int, Field(ge=0)]
    percent_agreement: float | None = None
    """Share of agreeing reviewer pairs, from 0 to 1."""
    cohens_kappa: float | None = None
    fleiss_kappa: float | None = None
    krippendorff_alpha: float | None = None
    kappa_band: str | None = None
    """Landis-Koch reading of the kappa shown (poor ... almost perfect)."""
    alpha_verdict: str | None = None
    """``reliable`` (>= .800), ``tentative`` (>= .667) or ``unreliable``."""
    paradox: bool = False
    """High agreement but low kappa because nearly every rating is the same."""
    warning: str | None = None


class Acceptance(FrozenContract):
    """The chair's acceptance of an essential standard as not applicable, with the reason."""

    reviewer: str | None = None
    role: str = "chair"
    round: Annotated[int, Field(ge=1)] = 1
    reason: str


CheckStatus = Literal["pass", "fail", "undecided"]
"""What a standard's automated check said: ``pass`` (a suggestion only, on a standard
people judge), ``fail`` (no error-free reading of the descriptor), ``undecided`` (the
check could not judge, or does not apply)."""


class StandardResult(FrozenContract):
    """How one descriptor fared on one standard."""

    id: str
    title: str
    status: StandardStatus
    essential: bool = False
    points_earned: Annotated[float, Field(ge=0)]
    points_possible: Annotated[float, Field(ge=0)]
    source: Literal["automated", "reviewers", "waiver", "none"]
    """Who decided: an automated check, the reviewers, a waiver, or nobody (yet)."""
    findings: tuple[Finding, ...] = ()
    reviews: tuple[ReviewerAnswer, ...] = ()
    """Every reviewer's answer, comment and recommendation, by round, then reviewer name."""
    rounds: tuple[RoundOutcome, ...] = ()
    """The standard's history over the review rounds (empty when nobody reviewed it)."""
    agreement: float | None = None
    """Share of round-1 reviewer pairs who gave the same answer, from 0 to 1
    (two or more answers); kappa and alpha are reported per category and overall."""
    check: CheckStatus | None = None
    """What the standard's automated check said, whoever decided the standard
    (``None`` when the standard has no check or did not apply)."""
    accepted: Acceptance | None = None
    """Set when the chair accepted this essential standard as not applicable."""


class Action(FrozenContract):
    """One step of a descriptor's action plan: a standard to meet, and what to change."""

    standard: str
    """The standard's id."""
    title: str
    status: Literal["not_met", "pending_review"]
    """``not_met``: change the credential or its descriptor; ``pending_review``: have
    reviewers judge it."""
    essential: bool = False
    points: Annotated[float, Field(ge=0)]
    """The points at stake: what the standard can earn, less what it earned."""
    effort: Literal["small", "medium", "large"] | None = None
    """What meeting it usually takes, as the rubric states (``None`` when it does not):
    ``small``, an edit to the descriptor; ``medium``, information or a decision from
    elsewhere in the institution; ``large``, a change to the credential itself."""
    change: tuple[str, ...] = ()
    """What to change: the standard's findings, else the reviewers' recommendations,
    else what the standard asks for."""


class DescriptorResult(FrozenContract):
    """The outcome for one descriptor file."""

    path: str
    descriptor_id: str | None
    decision: Decision
    score: Score | None = None
    essentials: Essentials | None = None
    band: str | None = None
    """The conformance band, for rubrics scored in bands."""
    standards: tuple[StandardResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Problems tied to no standard: parse errors, schema errors, unknown fields."""
    sha256: str | None = None
    """SHA-256 of the descriptor's bytes, so a report can be reproduced."""
    rubric: RubricRef | None = None
    """The rubric used, when a per-path override chose another than the report's."""
    agreement: tuple[AgreementStats, ...] = ()
    """Reviewer agreement over all reviewed standards, then per category (two or more reviewers)."""
    checks_passed: bool | None = None
    """Whether every automated check passed (no check failed), whatever the reviewers
    decided; a catalog's CI can gate on this before reviews are in. ``None`` for a
    descriptor that could not be scored."""
    actions: tuple[Action, ...] = ()
    """The action plan: standards not met or awaiting review, by impact (essential
    ones first, then by points at stake), each with what to change."""


class Summary(FrozenContract):
    total: Annotated[int, Field(ge=0)]
    conformant: Annotated[int, Field(ge=0)] = 0
    not_conformant: Annotated[int, Field(ge=0)] = 0
    pending_review: Annotated[int, Field(ge=0)] = 0
    error: Annotated[int, Field(ge=0)] = 0
    checks_failed: Annotated[int, Field(ge=0)] = 0
    """Descriptors on which at least one automated check failed."""


class Report(FrozenContract):
    """The results of checking descriptors against one rubric."""

    format_version: Literal[1] = 1
    tool: ToolInfo
    rubric: RubricRef
    config: str | None = None
    """The configuration file the run used, as a path from the folder it started in
    (results depend on it); ``None`` when none was used."""
    results: tuple[DescriptorResult, ...] = ()
    summary: Summary
