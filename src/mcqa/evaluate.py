"""Score one descriptor against one rubric: per-standard results, points, decision.

>>> import mcqa
>>> report = mcqa.evaluate({"id": "d1", "title": "Data literacy"}, "mcqa-core@^0")
>>> report.results[0].decision
'not_conformant'

Every standard ends in one status:

* ``met`` / ``not_met`` — decided by an automated check (``automated``
  standards) or by the reviewers' consensus (``hybrid`` and ``manual`` ones);
* ``not_applicable`` — the standard's ``scope`` or ``applies_if`` excludes this
  descriptor, the check said so, the reviewers said so, or it was waived;
  it leaves the total;
* ``pending_review`` — a person must judge it and nobody has yet. A hybrid
  standard then carries the automated check's suggestion.

The decision is ``not_conformant`` as soon as the outcome is settled
negatively (an essential standard not met, or the threshold out of reach even
if every pending standard were met), ``conformant`` when everything is
decided and the rule holds, and ``pending_review`` otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from jsonschema import Draft202012Validator

from mcqa._fastschema import Predicate, compile_schema
from mcqa._fields import standard_fields, touches
from mcqa._version import __version__
from mcqa.action_plan import plan_actions
from mcqa.agreement import summarize as summarize_agreement
from mcqa.checks import (
    CheckContext,
    NeedsReview,
    NotApplicable,
    Problem,
    all_checks,
    default_options,
)
from mcqa.checks._walk import quote, shared_walks
from mcqa.checks.placeholders import iter_placeholders
from mcqa.config import LoadedConfig
from mcqa.importers import load_descriptor
from mcqa.load import Document, load_text
from mcqa.models._base import Contract
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding
from mcqa.models.report import (
    AgreementStats,
    CheckStatus,
    DescriptorResult,
    Essentials,
    Report,
    RubricRef,
    Score,
    StandardResult,
    StandardStatus,
    Summary,
    ToolInfo,
)
from mcqa.models.review import Answer, Review
from mcqa.models.rubric import BandsRule, LevelScale, NamedCheck, Rubric, SchemaCheck, Standard
from mcqa.rounds import (
    StandardDecision,
    decide,
    prepare_reviews,
    set_aside_stale,
    team_problems,
)
from mcqa.rubrics import RubricError, default_registry
from mcqa.schema import fragment_validator
from mcqa.validate import BadValue, clean_subject, iter_schema_findings
from mcqa.waivers import WaiverRule, is_expired
from mcqa.waivers import inline_waivers as read_inline_waivers

__all__ = [
    "SUBJECTS",
    "build_report",
    "evaluate",
    "evaluate_document",
    "type_descriptor",
    "type_subject",
]

_Subject = TypeVar("_Subject", bound=Contract)


@dataclass(frozen=True)
class _Fragment:
    """A rubric's schema fragment, ready to use: ``jsonschema`` to explain, a predicate to decide."""

    validator: Draft202012Validator
    fast: Predicate | None
    """Plain-Python validity test (:mod:`mcqa._fastschema`); ``None`` if it cannot be compiled."""

    def is_valid(self, data: Any) -> bool:
        return self.fast(data) if self.fast is not None else self.validator.is_valid(data)


@lru_cache(maxsize=512)
def _compiled(schema_text: str) -> _Fragment:
    schema = json.loads(schema_text)
    return _Fragment(fragment_validator(schema), compile_schema(schema))


# The same rubric object serves a whole run: look its fragments up by identity
# first (keeping the fragment alive, so an id is never reused), by content second.
_BY_IDENTITY: dict[int, tuple[Mapping[str, Any], _Fragment]] = {}


def _fragment(schema: Mapping[str, Any]) -> _Fragment:
    known = _BY_IDENTITY.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    compiled = _compiled(json.dumps(schema, sort_keys=True))
    if len(_BY_IDENTITY) < 4096:
        _BY_IDENTITY[id(schema)] = (schema, compiled)
    return compiled


def type_descriptor(document: Document) -> tuple[Descriptor | None, list[Finding]]:
    """Validate and type a loaded microcredential descriptor.

    Unknown fields are warnings here, not errors: they are reported (with a
    "did you mean"), left out, and the rest of the descriptor is still scored.
    A value of the wrong shape is an error, left out too (see :func:`type_subject`).
    """
    return type_subject(document, Descriptor, "descriptor")


def type_subject(
    document: Document, model: type[_Subject], schema: str
) -> tuple[_Subject | None, list[Finding]]:
    """Validate ``document`` against the schema named ``schema`` and type it as ``model``.

    The thing a rubric scores (a microcredential descriptor, a programme) is
    typed the same way (:func:`mcqa.validate.clean_subject`): short forms are
    read (``normalised`` notes), unknown fields become warnings, and each value
    of the wrong shape is a located error and is left out, so the rest is typed.
    The subject is ``None`` only when the file holds no mapping. Never raises for
    what the document holds.
    """
    cleaned = clean_subject(document, schema, model)
    return cleaned.model, list(cleaned.findings)


#: What each kind of rubric scores: ``applies_to`` -> the name of the documents' schema.
SUBJECTS: dict[str, str] = {"microcredential": "descriptor", "program": "program"}


def _subject_model(schema: str) -> type[Contract]:
    """The model of the documents of ``schema``.

    The programme model is imported (and built) only when a programme is scored.
    """
    if schema == "program":
        from mcqa.models.program import Program

        return Program
    return Descriptor


def _agreement(rubric: Rubric, forms: Sequence[Mapping[str, Answer]]) -> tuple[AgreementStats, ...]:
    """Agreement of the round-1 team over every standard a person judged, then per category."""
    if len(forms) < 2:
        return ()
    ordinal = isinstance(rubric.scale, LevelScale)

    def label(answer: Answer | None) -> str | int | None:
        if answer is None:
            return None
        return answer.level if ordinal else answer.verdict

    groups: dict[str, list[list[str | int | None]]] = {"all": []}
    for category, standard in rubric.iter_standards():
        if standard.mode == "automated":
            continue
        row = [label(form.get(standard.id)) for form in forms]
        if sum(value is not None for value in row) < 2:
            continue
        groups["all"].append(row)
        groups.setdefault(category.id, []).append(row)
    stats = []
    for scope, rows in groups.items():
        if not rows:
            continue
        found = summarize_agreement(rows, level="ordinal" if ordinal else "nominal")
        stats.append(
            AgreementStats(
                scope=scope,
                units=found.units,
                raters=found.raters,
                percent_agreement=found.percent_agreement,
                cohens_kappa=found.cohens_kappa,
                fleiss_kappa=found.fleiss_kappa,
                krippendorff_alpha=found.krippendorff_alpha,
                kappa_band=found.cohens_kappa_band or found.fleiss_kappa_band,
                alpha_verdict=found.alpha_verdict,
                paradox=found.paradox,
                warning=found.warning,
            )
        )
    return tuple(stats)


@dataclass(frozen=True)
class _Outcome:
    status: StandardStatus
    source: str
    findings: tuple[Finding, ...]
    level: float | None = None
    check: CheckStatus | None = None
    """What the automated check said, when the standard has one and it ran."""


_CHECK_STATUS: dict[StandardStatus, CheckStatus] = {
    "met": "pass",
    "not_met": "fail",
    "pending_review": "undecided",
    "not_applicable": "undecided",
}


def _run_check(
    standard: Standard, document: Document, descriptor: Contract, today: dt.date
) -> _Outcome:
    """The automated judgment of one standard."""
    check = standard.check
    if isinstance(check, SchemaCheck):
        fragment = _fragment(check.schema_)
        if fragment.fast is not None and fragment.fast(document.data):
            return _Outcome("met", "automated", (), check="pass")  # valid: nothing to explain
        findings = tuple(
            iter_schema_findings(document, fragment.validator, rule="schema", standard=standard.id)
        )
        if findings:
            return _Outcome("not_met", "automated", findings, check="fail")
        return _Outcome("met", "automated", findings, check="pass")
    if isinstance(check, NamedCheck):
        implementation = all_checks().get(check.name)
        if not isinstance(descriptor, Descriptor):
            raise RubricError(
                f"standard {standard.id} names the check {check.name!r}, but named checks "
                "read microcredential descriptors; a rubric for programmes can use schema "
                "checks only"
            )
        if implementation is None:
            raise RubricError(
                f"standard {standard.id} names the check {check.name!r}, which is not installed"
            )
        context = CheckContext(
            descriptor=descriptor,
            data=document.data,
            options=default_options(implementation, dict(check.options)),
            today=today,
        )
        problems: list[Problem] = []
        try:
            problems.extend(implementation.run(context))
        except NotApplicable as exc:
            note = document.finding(
                check.name, exc.reason, "", severity="info", standard=standard.id
            )
            return _Outcome("not_applicable", "automated", (note,))
        except NeedsReview as exc:
            problems.append(Problem("", exc.reason, "info"))
            findings = _stamp(document, standard, check, problems)
            return _Outcome("pending_review", "none", findings, check="undecided")
        findings = _stamp(document, standard, check, problems)
        if any(f.severity == "error" for f in findings):
            return _Outcome("not_met", "automated", findings, check="fail")
        return _Outcome("met", "automated", findings, check="pass")
    return _Outcome("pending_review", "none", ())


def _stamp(
    document: Document, standard: Standard, check: NamedCheck, problems: Iterable[Problem]
) -> tuple[Finding, ...]:
    """A check's problems as findings: the standard, file, line and column stamped on."""
    return tuple(
        document.finding(
            check.name, p.message, p.pointer, key=p.key, severity=p.severity, standard=standard.id
        )
        for p in problems
    )


def _judge(
    standard: Standard,
    rubric: Rubric,
    document: Document,
    descriptor: Contract,
    reviewed: StandardDecision | None,
    today: dt.date,
    vetoes: Sequence[Finding] = (),
    bad: Sequence[Finding] = (),
) -> _Outcome:
    """Decide one standard: scope, then the check, then the reviewers.

    ``document`` is the document as the checks see it: its data is the cleaned
    data (short forms read, bad values left out), and its findings are located
    in the file as written.

    ``vetoes`` are errors the engine found in the standard's evidence (placeholder
    text in an essential's fields): they fail the standard whatever the check or
    the reviewers say, since no judgement can make template text real content.

    ``bad`` are errors about values the standard rests on that could not be read
    (text where a number belongs). On an automated or hybrid standard they count
    as a failed check, whether or not ``applies_if`` holds without those values:
    the standard is not met (on a hybrid one provisionally, until the reviewers
    decide). A manual standard only shows them: people judge it.

    An automated standard is what its check says. On a hybrid standard the check
    may only veto: a failed check makes the standard *provisionally* not met
    (so CI fails on it) until the reviewers decide; a passing check is a
    suggestion, and the standard awaits review. The reviewers' consensus decides
    a hybrid or manual standard either way.
    """
    if standard.scope != "descriptor":
        return _Outcome("not_applicable", "none", ())
    fails = bool(bad) and standard.mode != "manual"
    shown = () if fails else tuple(bad)
    if (
        not fails
        and standard.applies_if is not None
        and not _fragment(standard.applies_if).is_valid(document.data)
    ):
        return _Outcome("not_applicable", "none", ())
    suggestion = _run_check(standard, document, descriptor, today) if standard.check else None
    if fails:
        earlier = suggestion.findings if suggestion else ()
        failed: CheckStatus | None = "fail" if standard.check else None
        also = tuple(f for f in bad if f not in earlier)  # a schema check may say the same
        suggestion = _Outcome("not_met", "automated", (*earlier, *also), check=failed)
    if vetoes:
        earlier = suggestion.findings if suggestion else ()
        return _Outcome("not_met", "automated", (*earlier, *vetoes), check="fail")
    if standard.mode == "automated":
        if suggestion is None:  # an automated standard without a check: nothing decides it
            return _Outcome("pending_review", "none", ())
        return suggestion
    check = suggestion.check if suggestion else None

    def note(rule: str, message: str) -> Finding:
        where = standard.evidence[0] if standard.evidence else ""
        return document.finding(rule, message, where, severity="info", standard=standard.id)

    if reviewed is not None and reviewed.status is not None:
        # People decided: the check's errors stay in the report as advice.
        advice = tuple(
            f.model_copy(update={"severity": "warning"}) if f.severity == "error" else f
            for f in (*(suggestion.findings if suggestion else ()), *shown)
        )
        if (check == "fail" or fails) and reviewed.status in ("met", "not_applicable"):
            overruled = note(
                "review-overruled",
                "the reviewers decided this standard although its automated check failed; "
                "the check's findings are kept as advice"
                if check == "fail"
                else "the reviewers decided this standard although a field it rests on "
                "cannot be read; the findings are kept as advice",
            )
            advice = (*advice, overruled)
        return _Outcome(reviewed.status, "reviewers", advice, reviewed.level, check)
    if suggestion is not None and suggestion.status == "not_met":
        why = "a field it rests on cannot be read" if fails else "the automated check failed"
        provisional = note(
            "review-provisional",
            f"not met for now: {why}; fix the descriptor, or let the reviewers decide",
        )
        return _Outcome("not_met", "automated", (*suggestion.findings, provisional), None, check)
    findings: tuple[Finding, ...] = ()
    if suggestion is not None and suggestion.status in ("met", "not_applicable"):
        words = {"met": "met", "not_applicable": "not applicable"}
        suggests = note(
            "review-suggestion",
            f"awaiting review; the automated check suggests: {words[suggestion.status]}",
        )
        findings = (*suggestion.findings, suggests)
    elif suggestion is not None:
        findings = suggestion.findings
    return _Outcome("pending_review", "none", (*findings, *shown), None, check)


def _points(standard: Standard, outcome: _Outcome, rubric: Rubric) -> float:
    if outcome.status != "met" and outcome.level is None:
        return 0.0
    scale = rubric.scale
    if isinstance(scale, LevelScale) and outcome.level is not None:
        weights = {
            lv.value: (lv.points if lv.points is not None else float(lv.value))
            for lv in scale.levels
        }
        top = max(weights.values()) or 1.0
        # A fractional level (a mean) earns in proportion between its neighbours.
        low = max((v for v in weights if v <= outcome.level), default=min(weights))
        high = min((v for v in weights if v >= outcome.level), default=max(weights))
        if high == low:
            earned = weights[low]
        else:
            share = (outcome.level - low) / (high - low)
            earned = weights[low] + share * (weights[high] - weights[low])
        return standard.points * earned / top
    return float(standard.points)


def _rounded(percent: float, rounding: str, decimals: int) -> float:
    if rounding == "none":
        return percent
    mode = ROUND_FLOOR if rounding == "floor" else ROUND_HALF_UP
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(percent)).quantize(quantum, rounding=mode))


def _passes(earned: float, possible: float, rubric: Rubric) -> tuple[bool, str | None]:
    """Whether ``earned`` of ``possible`` points satisfies the rule, and the band."""
    rule = rubric.conformance
    percent = 100.0 if possible <= 0 else 100.0 * earned / possible
    if rule.rounding == "none":
        compare = percent
    else:
        compare = _rounded(percent, rule.rounding, rule.decimals)
    if isinstance(rule, BandsRule):
        bands = sorted(rule.bands, key=lambda b: -b.min_percent)
        reached = next(
            (
                b
                for b in bands
                if _at_least(compare, b.min_percent, earned, possible, rule.rounding)
            ),
            None,
        )
        if reached is None:
            return False, None
        return reached.conformant, reached.label
    return _at_least(compare, rule.threshold_percent, earned, possible, rule.rounding), None


def _at_least(
    percent: float, threshold: float, earned: float, possible: float, rounding: str
) -> bool:
    if possible <= 0:
        return True
    if rounding == "none":
        # Compare without dividing, so 85 of 100 is exactly 85 %.
        return earned * 100 >= threshold * possible - 1e-9
    return percent >= threshold


def _essential_met(
    result: StandardResult, levels: Mapping[str, float], least: float | None
) -> bool:
    """Whether an essential standard counts as met (on ordinal scales: reaches ``least``)."""
    if result.status == "met":
        return True
    level = levels.get(result.id)
    return least is not None and level is not None and level >= least


def _decide(
    rubric: Rubric, results: Sequence[StandardResult], levels: Mapping[str, float] | None = None
) -> tuple[str, Score, Essentials, str | None]:
    levels = levels or {}
    least = (
        float(rubric.conformance.essential_level)
        if isinstance(rubric.scale, LevelScale) and rubric.conformance.essential_level is not None
        else None
    )
    applicable = [r for r in results if r.status != "not_applicable"]
    possible = sum(r.points_possible for r in applicable)
    earned = sum(r.points_earned for r in applicable)
    pending = sum(r.points_possible for r in applicable if r.status == "pending_review")
    essentials = [r for r in applicable if r.essential]
    essentials_met = sum(1 for r in essentials if _essential_met(r, levels, least))
    percent = 100.0 if possible <= 0 else min(100.0, 100.0 * earned / possible)
    score = Score(earned=round(earned, 4), possible=round(possible, 4), percent=round(percent, 2))
    counts = Essentials(met=essentials_met, total=len(essentials))
    need_essentials = rubric.conformance.essentials == "all"
    essential_failed = need_essentials and any(
        r.status == "not_met" and not _essential_met(r, levels, least) for r in essentials
    )
    best_passes, _ = _passes(earned + pending, possible, rubric)
    passes, band = _passes(earned, possible, rubric)
    if essential_failed:
        # No band is awarded while an essential standard falls short.
        return "not_conformant", score, counts, None
    if not best_passes:
        return "not_conformant", score, counts, band
    if any(r.status == "pending_review" for r in applicable):
        return "pending_review", score, counts, band
    return ("conformant" if passes else "not_conformant"), score, counts, band


def _waive(
    outcome: _Outcome, standard: Standard, rules: Sequence[WaiverRule], today: dt.date
) -> tuple[_Outcome, list[Finding]]:
    """Apply the waivers that name this standard."""
    notes: list[Finding] = []
    for rule in rules:
        if rule.target != standard.id:
            continue
        if standard.essential:
            notes.append(
                rule.finding(
                    "waiver-refused",
                    f"standard {standard.id} is essential and cannot be waived; only the chair "
                    "of a review can accept it, as not applicable with the reason in the comment",
                )
            )
            continue
        if is_expired(rule.expires, today):
            notes.append(
                rule.finding(
                    "waiver-expired",
                    f"the waiver of {standard.id} expired on {rule.expires}; it no longer applies",
                )
            )
            continue
        waived = tuple(f.model_copy(update={"waiver": rule.as_waiver()}) for f in outcome.findings)
        if outcome.status in ("not_met", "pending_review"):
            return _Outcome("not_applicable", "waiver", waived), notes
        return _Outcome(outcome.status, outcome.source, waived, outcome.level), notes
    return outcome, notes


def _waive_loose(
    findings: Iterable[Finding], rules: Sequence[WaiverRule], today: dt.date
) -> list[Finding]:
    """Waivers that name a rule (``unknown-field``, ``placeholder-text``) mark its findings."""
    result = []
    for finding in findings:
        rule = next(
            (r for r in rules if r.target == finding.rule and not is_expired(r.expires, today)),
            None,
        )
        marked = rule is not None and finding.waiver is None
        result.append(
            finding.model_copy(update={"waiver": rule.as_waiver()}) if marked and rule else finding
        )
    return result


def evaluate_document(
    document: Document,
    rubric: Rubric,
    reviews: Sequence[Review] = (),
    *,
    today: dt.date | None = None,
    waivers: Sequence[WaiverRule] = (),
    earlier: Mapping[str, Rubric] | None = None,
    inline_waivers: bool = False,
    unusable_forms: Sequence[Finding] = (),
) -> DescriptorResult:
    """Score one loaded descriptor. Never raises for problems in the descriptor.

    ``reviews`` are the reviewers' forms about this descriptor, in any order
    (see :mod:`mcqa.rounds` for which answers count); ``earlier`` holds the
    other rubric versions some of them were made for, by ``id@version``, so
    their answers can be carried forward. ``waivers`` come from the catalog's
    configuration; the descriptor's own ``# mcqa: waive`` comments count only
    with ``inline_waivers`` (the configuration allows them for this file).
    Essential standards are never waived.

    ``unusable_forms`` are the errors of review forms about this descriptor
    that could not be used (:func:`mcqa.review.unusable_for`). They join the
    result's findings, and since such a form might have judged a standard not
    met, the descriptor is not found ``conformant`` while there is one: that
    decision becomes ``pending_review`` (when the rubric has standards people
    judge). Every other decision stands.
    """
    # The checks and the vetoes walk the same strings: each walk is done once.
    with shared_walks():
        return _evaluate_document(
            document,
            rubric,
            reviews,
            today=today,
            waivers=waivers,
            earlier=earlier,
            inline_waivers=inline_waivers,
            unusable_forms=unusable_forms,
        )


def _evaluate_document(
    document: Document,
    rubric: Rubric,
    reviews: Sequence[Review],
    *,
    today: dt.date | None,
    waivers: Sequence[WaiverRule],
    earlier: Mapping[str, Rubric] | None,
    inline_waivers: bool,
    unusable_forms: Sequence[Finding] = (),
) -> DescriptorResult:
    today = today or dt.date.today()
    path = document.path or "<input>"
    schema = SUBJECTS[rubric.applies_to]
    cleaned = clean_subject(document, schema, _subject_model(schema))
    descriptor = cleaned.model
    # The checks, schema fragments and applies_if see the cleaned data (a bad
    # value is absent for them); findings are located in the file as written.
    view = cleaned.document
    unreadable = {id(b.finding) for b in cleaned.bad}
    findings = [f for f in cleaned.findings if id(f) not in unreadable]
    descriptor_id = view.data.get("id") if isinstance(view.data, dict) else None
    if not isinstance(descriptor_id, str) or not descriptor_id:
        descriptor_id = None
    if descriptor is None:
        return DescriptorResult(
            path=path,
            descriptor_id=descriptor_id,
            decision="error",
            findings=tuple(sorted((*cleaned.findings, *unusable_forms), key=Finding.sort_key)),
            sha256=document.sha256,
        )
    inline, inline_findings = read_inline_waivers(document)
    findings.extend(inline_findings)
    if not inline_waivers:
        findings.extend(
            rule.finding(
                "waiver-ignored",
                f"this waiver of {rule.target} in the descriptor itself is ignored: the "
                "catalog's configuration does not allow waivers in descriptor files "
                "(inline_waivers)",
            )
            for rule in inline
        )
        inline = []
    rules = [*waivers, *inline]
    vetoes = _evidence_vetoes(view, descriptor, rubric)
    counted: set[int] = set()
    prepared = prepare_reviews(rubric, reviews, earlier)
    if document.sha256 is not None:
        set_aside_stale(prepared, rubric, document.sha256, document.data)
    findings.extend(
        document.finding(rule, message, "", severity=severity)
        for rule, message, severity in prepared.notes
    )
    results: list[StandardResult] = []
    levels: dict[str, float] = {}
    for _, standard in rubric.iter_standards():
        reviewed = decide(standard, rubric, prepared) if standard.mode != "automated" else None
        unreadable_here, bad = _unreadable(standard, cleaned.bad)
        outcome = _judge(
            standard,
            rubric,
            view,
            descriptor,
            reviewed,
            today,
            vetoes.get(standard.id, ()),
            bad,
        )
        if bad and any(f in outcome.findings for f in bad):
            counted.update(unreadable_here)
        outcome, notes = _waive(outcome, standard, rules, today)
        findings.extend(notes)
        if outcome.level is not None:
            levels[standard.id] = outcome.level
        results.append(
            StandardResult(
                id=standard.id,
                title=standard.title,
                status=outcome.status,
                essential=standard.essential,
                points_earned=round(_points(standard, outcome, rubric), 4),
                points_possible=float(standard.points),
                source=outcome.source,
                findings=tuple(
                    sorted(_waive_loose(outcome.findings, rules, today), key=Finding.sort_key)
                ),
                reviews=tuple(g.report() for g in reviewed.answers if _shown(g.answer))
                if reviewed
                else (),
                rounds=reviewed.rounds if reviewed else (),
                agreement=reviewed.agreement if reviewed else None,
                check=outcome.check,
                accepted=reviewed.accepted if reviewed and outcome.source == "reviewers" else None,
            )
        )
    decision, score, essentials, band = _decide(rubric, results, levels)
    team = team_problems(rubric, prepared.forms)
    findings.extend(
        document.finding("review-team", problem, "", severity="warning") for problem in team
    )
    if team and decision == "conformant":
        decision = "pending_review"
    # A reviewer's form that could not be used might have judged a standard not met:
    # no conformance until it is fixed (or removed).
    findings.extend(unusable_forms)
    judged_by_people = any(s.mode != "automated" for _, s in rubric.iter_standards())
    if unusable_forms and judged_by_people and decision == "conformant":
        decision = "pending_review"
    # A value no standard rests on still shows, as a warning on the descriptor.
    findings.extend(_warning(b.finding) for i, b in enumerate(cleaned.bad) if i not in counted)
    loose = _waive_loose(findings, rules, today)
    return DescriptorResult(
        path=path,
        descriptor_id=descriptor_id,
        decision=decision,
        score=score,
        essentials=essentials,
        band=band,
        standards=tuple(results),
        findings=tuple(sorted(_unique(loose), key=Finding.sort_key)),
        sha256=document.sha256,
        agreement=_agreement(rubric, prepared.round_one()),
        checks_passed=not counted and not any(r.check == "fail" for r in results),
        actions=plan_actions(rubric, results),
    )


def _warning(finding: Finding) -> Finding:
    return finding.model_copy(update={"severity": "warning"})


def _unreadable(
    standard: Standard, bad: Sequence[BadValue]
) -> tuple[list[int], tuple[Finding, ...]]:
    """The unreadable values ``standard`` rests on: their indexes in ``bad``, and their
    errors as the standard's own findings."""
    if not bad or standard.scope != "descriptor":
        return [], ()
    fields = standard_fields(standard)
    indexes = [
        index
        for index, value in enumerate(bad)
        if any(touches(field, fields, value.inside) for field in value.fields)
    ]
    found = tuple(
        bad[i].finding.model_copy(update={"standard": standard.id, "severity": "error"})
        for i in indexes
    )
    return indexes, found


def _covers(evidence: str, pointer: str) -> bool:
    """Whether ``pointer`` is the evidence pointer or lies under it."""
    return pointer == evidence or pointer.startswith(evidence + "/") or evidence == ""


def _evidence_vetoes(
    document: Document, descriptor: Contract, rubric: Rubric
) -> dict[str, tuple[Finding, ...]]:
    """Placeholder text in the evidence of essential standards, as errors by standard id.

    Template text left in a field an essential standard rests on (an issuer
    called "[Issuing University Name]") fails that standard: no reviewer should
    have to notice it, and no other standard's points may make up for it.
    """
    essentials = [s for _, s in rubric.iter_standards() if s.essential and s.evidence]
    if not essentials or not isinstance(document.data, dict):
        return {}
    language = descriptor.language if isinstance(descriptor, Descriptor) else None
    found = list(iter_placeholders(document.data, language=language))
    if not found:
        return {}
    vetoes: dict[str, tuple[Finding, ...]] = {}
    for standard in essentials:
        hits = [
            (pointer, text)
            for pointer, text in found
            if any(_covers(evidence, pointer) for evidence in standard.evidence)
        ]
        if hits:
            vetoes[standard.id] = tuple(
                document.finding(
                    "placeholder-text",
                    f"{quote(text)} looks like placeholder text left from a template, in a "
                    f"field essential standard {standard.id} rests on; replace it with the "
                    "real content",
                    pointer,
                    standard=standard.id,
                )
                for pointer, text in hits
            )
    return vetoes


def _shown(answer: Answer) -> bool:
    """Whether an answer has anything in it worth showing in a report."""
    return any(
        (
            answer.verdict,
            answer.level is not None,
            answer.comment,
            answer.recommendation,
            answer.evidence,
        )
    )


def _unique(findings: Iterable[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    return [f for f in findings if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]


def build_report(
    rubric: Rubric, results: Iterable[DescriptorResult], *, config: str | None = None
) -> Report:
    """One report for many results, sorted by path, with a summary; ``config`` names the
    configuration file used (see :func:`mcqa.config.config_display`)."""
    ordered = tuple(sorted(results, key=lambda r: r.path))
    counts = {
        d: sum(1 for r in ordered if r.decision == d)
        for d in ("conformant", "not_conformant", "pending_review", "error")
    }
    failed = sum(1 for r in ordered if r.checks_passed is False)
    return Report(
        tool=ToolInfo(version=__version__),
        rubric=RubricRef(id=rubric.id, version=rubric.version),
        config=config,
        results=ordered,
        summary=Summary(total=len(ordered), checks_failed=failed, **counts),
    )


def _as_document(descriptor: Any) -> tuple[Document, tuple[Finding, ...]]:
    """The descriptor to score, and what importing it found (a Markdown page, a badge, a
    CTDL record: see :func:`mcqa.importers.load_descriptor`)."""
    if isinstance(descriptor, Document):
        return descriptor, ()
    if isinstance(descriptor, str | Path):
        document, imported = load_descriptor(descriptor)
        return document, imported.findings if imported is not None else ()
    if isinstance(descriptor, Descriptor):
        descriptor = descriptor.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(descriptor, Mapping):
        return load_text(json.dumps(descriptor, ensure_ascii=False), format="json"), ()
    raise TypeError(
        f"cannot evaluate a {type(descriptor).__name__}; give a path, a Document, a Descriptor or a dict"
    )


def evaluate(
    descriptor: Document | Descriptor | Mapping[str, Any] | str | Path,
    rubric: Rubric | str | Path,
    reviews: Sequence[Review] = (),
    *,
    today: dt.date | None = None,
    config: LoadedConfig | str | Path | None = None,
) -> Report:
    """Score a descriptor, or every descriptor in a folder, against a rubric.

    ``descriptor`` is a file path, a folder, a loaded :class:`~mcqa.load.Document`,
    a :class:`~mcqa.models.Descriptor` or plain data; ``rubric`` a resolved
    :class:`~mcqa.models.Rubric` or anything :meth:`RubricRegistry.load` takes.
    A file may be in mcqa's format or in one an importer reads (a Markdown
    page, an Open Badges achievement, a CTDL record: what importing it found
    is among the result's findings, located in that file).

    A folder is searched the way ``mcqa check`` searches it (see
    :func:`mcqa.check_folder`): the report has one result per descriptor found,
    and files that are not descriptors are left out. No configuration applies
    unless ``config`` gives one (a :func:`mcqa.load_config` result, or the path
    of a configuration file); with one, a file is checked with its waivers and
    per-path rubric too.

    ``reviews`` are the reviewers' forms; for a folder, each form finds its
    descriptor by ``descriptor.id`` (:func:`mcqa.check_folder` also takes a
    folder of forms, which can find theirs by path). Forms made for another
    version of the rubric are carried forward when mcqa has that version.
    Raises :class:`~mcqa.rubrics.RubricError` only when the rubric cannot be had.
    """
    registry = default_registry()
    resolved = rubric if isinstance(rubric, Rubric) else registry.load(rubric)
    earlier: dict[str, Rubric] = {}
    for review in reviews:
        if review.rubric != resolved.ref and review.rubric not in earlier:
            try:
                earlier[review.rubric] = registry.load(review.rubric)
            except RubricError:
                continue  # the engine says the form cannot be carried forward
    if isinstance(descriptor, str | Path) and (Path(descriptor).is_dir() or config is not None):
        from mcqa.catalog import check_folder  # the catalog is built on this module
        from mcqa.review import ReviewSet, _Form

        forms = ReviewSet(
            forms=[_Form(Path(), review, by_path=False) for review in reviews], rubrics=earlier
        )
        return check_folder(descriptor, resolved, reviews=forms, config=config, today=today)
    document, imported = _as_document(descriptor)
    result = evaluate_document(document, resolved, reviews, today=today, earlier=earlier)
    if imported:
        joined = dict.fromkeys((*result.findings, *imported))
        result = result.model_copy(update={"findings": tuple(sorted(joined, key=Finding.sort_key))})
    return build_report(resolved, [result])
