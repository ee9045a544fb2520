"""From reviewers' forms to decisions: versions, team rules and amendment rounds.

The engine hands every form about one descriptor to :func:`prepare_reviews`,
which sorts out *which answers count*:

* A form made for the rubric version being checked counts as it is, except
  answers marked ``given_under`` an older version (``review init --update``
  keeps them for the reviewer to confirm; until then they do not count).
* A form made for another version of the rubric, or for a rubric this one
  ``supersedes``, is carried forward through :func:`mcqa.diff.diff_rubrics`:
  an answer on a standard that is unchanged (or only re-weighted, renumbered,
  moved ...) counts under the standard's current id; an answer on a standard
  whose wording, check or scale changed is set aside and the standard is
  flagged for a new review; answers on removed standards are dropped. When
  mcqa does not have the old version to compare with, no answer counts.

Then :func:`decide` walks the review rounds of one standard. Round 1 is the
team's review, combined by the rubric's ``aggregation`` policy. Every later
round is an amendment round: it re-judges only standards that are not met
(or still undecided) after the rounds before it, and only answers by the role
the rubric names in ``aggregation.amendment_role`` (Quality Matters: the
chair) count there. The standard's history is kept round by round.

:func:`team_problems` checks the round-1 team against the rubric: enough
reviewers, and the required roles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from mcqa.aggregate import Consensus, consensus
from mcqa.agreement import percent_agreement
from mcqa.diff import RubricDiff, diff_rubrics
from mcqa.models.finding import Severity
from mcqa.models.report import Acceptance, ReviewerAnswer, RoundOutcome, StandardStatus
from mcqa.models.review import Answer, Review
from mcqa.models.rubric import LevelScale, Rubric, Standard
from mcqa.review import changed_fields, field_hashes

__all__ = [
    "Given",
    "PreparedReviews",
    "StandardDecision",
    "decide",
    "prepare_reviews",
    "set_aside_stale",
    "team_problems",
]

_ROLE_NAMES = {
    "chair": "the chair",
    "peer": "a peer reviewer",
    "sme": "a subject-matter expert (sme)",
    "external": "an external reviewer",
    "self": "a self-assessment",
}


@dataclass(frozen=True)
class Given:
    """One reviewer's answer on one standard, as the engine uses it."""

    review: Review
    answer: Answer
    counted: bool = True
    given_under: str | None = None
    """The rubric version the answer was given under, when not the one checked."""
    standard_then: str | None = None
    """The standard's id in ``given_under``, when it differs from today's."""
    note: str | None = None

    def report(self) -> ReviewerAnswer:
        """The answer as the report shows it."""
        return ReviewerAnswer(
            reviewer=self.review.reviewer.name,
            role=self.review.reviewer.role,
            round=self.review.round,
            verdict=self.answer.verdict,
            level=self.answer.level,
            comment=self.answer.comment,
            recommendation=self.answer.recommendation,
            evidence=tuple(self.answer.evidence),
            given_under=self.given_under,
            standard_then=self.standard_then,
            counted=self.counted,
            note=self.note,
        )


@dataclass
class PreparedReviews:
    """The forms about one descriptor, with each answer filed under today's standard id."""

    forms: list[Review] = field(default_factory=list)
    answers: dict[str, list[Given]] = field(default_factory=dict)
    """Answers by current standard id, forms ordered by round, then reviewer name."""
    notes: list[tuple[str, str, Severity]] = field(default_factory=list)
    """``(rule, message, severity)`` about the forms as a whole: carried forward, set aside."""

    def round_one(self) -> list[dict[str, Answer]]:
        """The counted round-1 answers of each round-1 form, for agreement statistics."""
        rows: list[dict[str, Answer]] = []
        for form in self.forms:
            if form.round != 1:
                continue
            rows.append(
                {
                    sid: g.answer
                    for sid, given in self.answers.items()
                    for g in given
                    if g.review is form and g.counted
                }
            )
        return rows


# One diff per pair of rubric objects in a run. The entry keeps both objects
# alive and is checked by identity, so a reused id() can never return a stale diff.
_DIFFS: dict[tuple[int, int], tuple[Rubric, Rubric, RubricDiff | None]] = {}


def _diff(old: Rubric, new: Rubric) -> RubricDiff | None:
    key = (id(old), id(new))
    known = _DIFFS.get(key)
    if known is not None and known[0] is old and known[1] is new:
        return known[2]
    if len(_DIFFS) > 64:
        _DIFFS.clear()
    try:
        diff: RubricDiff | None = diff_rubrics(old, new)
    except ValueError:
        diff = None
    _DIFFS[key] = (old, new, diff)
    return diff


def _who(review: Review) -> str:
    return review.reviewer.name or "an unnamed reviewer"


def _form_key(review: Review) -> tuple[int, str, str, str, str]:
    return (
        review.round,
        review.reviewer.name or "",
        review.reviewer.role or "",
        review.date or "",
        review.model_dump_json(),
    )


def prepare_reviews(
    rubric: Rubric, reviews: Sequence[Review], earlier: Mapping[str, Rubric] | None = None
) -> PreparedReviews:
    """File every answer of ``reviews`` under the standard it now counts for.

    ``earlier`` holds the other rubric versions forms were made for, by
    ``id@version``; a form for a version not there cannot be carried forward.
    """
    earlier = earlier or {}
    # A fixed order (round, reviewer, role, ...), so the order forms are given in
    # changes nothing: not the decision, not the report.
    prepared = PreparedReviews(forms=sorted(reviews, key=_form_key))
    reviews = prepared.forms
    current = {s.id for _, s in rubric.iter_standards()}
    for review in reviews:
        if review.rubric == rubric.ref:
            for sid, answer in review.standards.items():
                if sid not in current:
                    continue
                stale = answer.given_under is not None
                prepared.answers.setdefault(sid, []).append(
                    Given(
                        review,
                        answer,
                        counted=not stale,
                        given_under=answer.given_under,
                        note=(
                            f"kept from {answer.given_under}; the standard has changed since, "
                            "so the answer counts once the reviewer confirms it"
                        )
                        if stale
                        else None,
                    )
                )
            continue
        _carry(prepared, rubric, review, earlier.get(review.rubric))
    return prepared


def _carry(prepared: PreparedReviews, rubric: Rubric, review: Review, old: Rubric | None) -> None:
    made_for = review.rubric
    diff = _diff(old, rubric) if old is not None else None
    if diff is None:
        prepared.notes.append(
            (
                "review-version",
                f"{_who(review)}'s form was made for {made_for}, which mcqa cannot compare "
                f"with {rubric.ref}; none of its answers count. Update the form with "
                "mcqa review init --update, or make a new one",
                "warning",
            )
        )
        return
    matched = dict(diff.matched)
    changed = diff.changed_standards()
    carried: list[str] = []
    flagged: list[str] = []
    dropped: list[str] = []
    for old_id, answer in review.standards.items():
        new_id = matched.get(old_id)
        if new_id is None:
            if answer.verdict is not None or answer.level is not None:
                dropped.append(old_id)
            continue
        renamed = old_id if old_id != new_id else None
        if answer.given_under is not None or new_id in changed:
            note = (
                f"given under {made_for}; standard {new_id} has changed since, "
                "so this answer needs a new look"
            )
            prepared.answers.setdefault(new_id, []).append(
                Given(review, answer, False, answer.given_under or made_for, renamed, note)
            )
            if answer.verdict is not None or answer.level is not None:
                flagged.append(new_id)
            continue
        note = f"carried forward from {made_for}" + (
            f" (standard {old_id} then)" if renamed else ""
        )
        prepared.answers.setdefault(new_id, []).append(
            Given(review, answer, True, made_for, renamed, note)
        )
        carried.append(new_id)
    message = f"{_who(review)}'s form was made for {made_for}; {len(carried)} answers carried forward to {rubric.ref}"
    if flagged:
        message += f"; standards changed since and need a new review: {', '.join(flagged)}"
    if dropped:
        message += f"; answers on removed standards not used: {', '.join(dropped)}"
    prepared.notes.append(("review-carried", message, "warning" if flagged else "info"))


def set_aside_stale(prepared: PreparedReviews, rubric: Rubric, sha256: str, data: object) -> None:
    """Stop counting answers whose evidence changed after the reviewer gave them.

    A form pins the descriptor it reviewed by its SHA-256 and a fingerprint of
    each top-level field. When the descriptor checked is not that one, answers
    on standards whose evidence lies in a changed field (or on standards with no
    evidence pointers, or every answer when the form has no fingerprints) are
    kept in the report but not counted, until the form is updated
    (``mcqa review init --update``): a descriptor's author cannot keep a
    verdict by editing what the reviewers approved.
    """
    now = field_hashes(data)
    evidence = {
        s.id: {p.split("/")[1] for p in s.evidence if p.count("/") >= 1}
        for _, s in rubric.iter_standards()
    }
    for form in prepared.forms:
        pinned = form.descriptor.sha256
        if pinned is None or pinned == sha256:
            continue
        changed = (
            set(changed_fields(form.descriptor.fields, now)) if form.descriptor.fields else None
        )
        if changed is not None and not changed:
            continue  # only the layout changed
        set_aside: list[str] = []
        for sid, given in prepared.answers.items():
            fields = evidence.get(sid, set())
            if changed is not None and fields and not fields & changed:
                continue
            for i, g in enumerate(given):
                if g.review is not form or not g.counted or not _answered(g):
                    continue
                what = ", ".join(sorted(fields & changed)) if changed and fields else "it"
                given[i] = replace(
                    g,
                    counted=False,
                    note=f"the descriptor changed since this answer was given ({what}); "
                    "it counts again once the reviewer updates the form",
                )
                set_aside.append(sid)
        if set_aside:
            which = ", ".join(sorted(changed)) if changed else "its content"
            prepared.notes.append(
                (
                    "review-stale",
                    f"{_who(form)}'s form reviewed an earlier version of this descriptor "
                    f"(changed since: {which}); the answers on {', '.join(set_aside)} do not "
                    "count until the form is updated with mcqa review init --update",
                    "warning",
                )
            )


@dataclass(frozen=True)
class StandardDecision:
    """Where the reviewers left one standard."""

    status: StandardStatus | None
    """``None`` when no answer decided it."""
    level: float | None
    rounds: tuple[RoundOutcome, ...]
    answers: tuple[Given, ...]
    agreement: float | None = None
    """Share of agreeing round-1 reviewer pairs."""
    accepted: Acceptance | None = None
    """The chair's acceptance of an essential standard as not applicable."""


def _phrase(policy: str, decided: Consensus, given: Sequence[Given]) -> str:
    n = decided.answered
    if decided.verdict is None:
        verdicts = Counter(g.answer.verdict for g in given if g.answer.verdict)
        if len(verdicts) > 1:
            split = ", ".join(f"{k} {v.replace('_', ' ')}" for v, k in sorted(verdicts.items()))
            return f"no decision yet (a tie: {split})"
        return "no decision yet"
    if policy == "chair":
        return "the chair"
    if policy in ("mean", "median") and decided.level is not None:
        return f"the {policy} of {n} reviewer{'s' if n != 1 else ''}"
    if policy == "verified":
        team = [g for g in given if g.review.reviewer.role != "self"]
        if team:
            return f"the verification team ({len(team)} of them)"
        return "the self-assessment, not yet verified"
    agreeing = sum(1 for g in given if g.answer.verdict == decided.verdict)
    if policy == "unanimous":
        if decided.verdict == "not_met":
            met = sum(1 for g in given if g.answer.verdict == "met")
            return f"not unanimous: {met} of {n} said met"
        return f"all {n} reviewers"
    return f"{agreeing} of {n} reviewer{'s' if n != 1 else ''}"


def _answered(given: Given) -> bool:
    return given.answer.verdict is not None or given.answer.level is not None


def _essential_exemptions(standard: Standard, answers: list[Given]) -> Given | None:
    """Apply the rule that only the chair can set an essential standard aside.

    On an essential standard a ``not_applicable`` answer counts only when the
    chair gives it with the reason in the comment; the others are kept in the
    report, not counted. Returns the chair's latest such answer: it decides.
    """
    accepted: Given | None = None
    for i, given in enumerate(answers):
        if not given.counted or given.answer.verdict != "not_applicable":
            continue
        if given.review.reviewer.role != "chair":
            answers[i] = replace(
                given,
                counted=False,
                note="only the chair can accept an essential standard as not applicable",
            )
        elif not (given.answer.comment or "").strip():
            answers[i] = replace(
                given,
                counted=False,
                note="the chair accepts an essential standard as not applicable only with "
                "the reason in the comment",
            )
        elif accepted is None or given.review.round >= accepted.review.round:
            accepted = given
    return accepted


def decide(standard: Standard, rubric: Rubric, prepared: PreparedReviews) -> StandardDecision:
    """Combine the counted answers on ``standard``, round by round.

    An essential standard is set aside (not applicable) only by the chair,
    with a reason: see :func:`_essential_exemptions`.
    """
    policy = rubric.aggregation
    scale = rubric.scale if isinstance(rubric.scale, LevelScale) else None
    answers = list(prepared.answers.get(standard.id, ()))
    chair_accepts = _essential_exemptions(standard, answers) if standard.essential else None
    rounds = sorted({g.review.round for g in answers if g.counted and _answered(g)})
    status: StandardStatus | None = None
    level: float | None = None
    history: list[RoundOutcome] = []
    for number in rounds:
        in_round = [
            (i, g)
            for i, g in enumerate(answers)
            if g.review.round == number and g.counted and _answered(g)
        ]
        if number > 1:
            if status in ("met", "not_applicable"):
                for i, g in in_round:
                    answers[i] = replace(
                        g, counted=False, note=f"already {status.replace('_', ' ')}; not re-judged"
                    )
                continue
            role = policy.amendment_role
            for i, g in in_round:
                if role is not None and g.review.reviewer.role != role:
                    answers[i] = replace(
                        g,
                        counted=False,
                        note=f"amendment rounds are judged by {_ROLE_NAMES[role]} alone",
                    )
            in_round = [(i, g) for i, g in in_round if answers[i].counted]
            if not in_round:
                continue
            rule = "median" if policy.policy in ("mean", "median", "verified") else "majority"
            decided = consensus([g.answer for _, g in in_round], policy=rule, scale=scale)
            who = _ROLE_NAMES.get(role or "", "the amendment reviewers")
            words = (
                f"{who}, amendment round {number}"
                if decided.verdict
                else _phrase(rule, decided, [g for _, g in in_round])
            )
        else:
            given = [g for _, g in in_round]
            roles = [g.review.reviewer.role for g in given]
            chair = next((k for k, r in enumerate(roles) if r == "chair"), None)
            decided = consensus(
                [g.answer for g in given],
                policy=policy.policy,
                scale=scale,
                chair_index=chair,
                min_reviewers=policy.min_reviewers,
                roles=roles,
            )
            words = _phrase(policy.policy, decided, given)
            if decided.verdict is None and decided.answered < policy.min_reviewers:
                words = f"no decision yet ({decided.answered} of the {policy.min_reviewers} answers needed)"
        if decided.verdict is not None:
            status, level = decided.verdict, decided.level
        history.append(
            RoundOutcome(
                round=number,
                status=decided.verdict or status or "pending_review",
                level=decided.level if decided.verdict else level,
                decided_by=words,
            )
        )
    first = [
        g.answer.level if g.answer.level is not None else g.answer.verdict
        for g in answers
        if g.review.round == 1 and g.counted and _answered(g)
    ]
    agreement = percent_agreement([first]) if len(first) > 1 else None
    accepted: Acceptance | None = None
    if chair_accepts is not None:
        status, level = "not_applicable", None
        accepted = Acceptance(
            reviewer=chair_accepts.review.reviewer.name,
            round=chair_accepts.review.round,
            reason=(chair_accepts.answer.comment or "").strip(),
        )
        history = [h for h in history if h.round != chair_accepts.review.round]
        history.append(
            RoundOutcome(
                round=chair_accepts.review.round,
                status="not_applicable",
                decided_by=f"the chair ({_who(chair_accepts.review)}), who accepted it "
                "as not applicable",
            )
        )
        history.sort(key=lambda h: h.round)
    return StandardDecision(status, level, tuple(history), tuple(answers), agreement, accepted)


def team_problems(rubric: Rubric, reviews: Sequence[Review]) -> list[str]:
    """What the round-1 review team lacks under the rubric's rules, in plain words."""
    if not reviews:
        return []
    rules = rubric.aggregation
    team = [r for r in reviews if r.round == 1]
    problems: list[str] = []
    if len(team) < rules.min_reviewers:
        names = ", ".join(_who(r) for r in team) or "none"
        problems.append(
            f"the rubric asks for at least {rules.min_reviewers} reviewers in round 1; "
            f"there {'is' if len(team) == 1 else 'are'} {len(team)} ({names})"
        )
    have = Counter(r.reviewer.role for r in team)
    for role, needed in sorted(Counter(rules.required_roles).items()):
        if have[role] < needed:
            if needed == 1:
                problems.append(
                    f"the review team needs {_ROLE_NAMES[role]}; no round-1 form has that role"
                )
            else:
                problems.append(
                    f"the review team needs {needed} reviewers in the role {role}; "
                    f"round 1 has {have[role]}"
                )
    if rules.policy == "chair" and not have["chair"] and "chair" not in rules.required_roles:
        problems.append("under this rubric the chair decides, but no round-1 form is the chair's")
    return problems
