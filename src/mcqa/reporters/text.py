"""``-f text``: a report for a person at a terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import click

from mcqa.action_plan import FIRST_STEPS, describe_step
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, StandardResult, Summary
from mcqa.render.agreement import describe_agreement
from mcqa.render.safe import defuse_command, printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = ["TextReporter"]

_DECISION_WORDS = {
    "conformant": ("CONFORMANT", "green"),
    "not_conformant": ("NOT CONFORMANT", "red"),
    "pending_review": ("PENDING REVIEW", "yellow"),
    "error": ("ERROR", "red"),
}
_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


Paint = Callable[[str, str], str]


def _number(value: float) -> str:
    return f"{value:g}"


def _lines(lines: list[str]) -> str:
    """Lines of output, each ending with a newline.

    Every piece of text from the user's files was escaped where it was put in
    (printable); no line may pass for a CI command either.
    """
    return "".join(defuse_command(line) + "\n" for line in lines)


def _unmet_note(standard: StandardResult) -> str:
    """``(essential)``, and whether the standard is only provisionally not met."""
    notes = ["essential"] if standard.essential else []
    if standard.source == "automated" and any(
        f.rule == "review-provisional" for f in standard.findings
    ):
        notes.append("until reviewed")
    return f" ({', '.join(notes)})" if notes else ""


class TextReporter:
    """One block per descriptor (decision, score, what is not met, findings), then a summary.

    Findings print as ``file:line:col: severity: message [standard rule]``.
    Informational findings (such as automated suggestions for reviewers) show
    with ``--verbose``. A first line names the rubric and the configuration file
    used. With ``quiet``, only descriptors that are not conformant or cannot be
    read are shown, with their error findings (the summary counts the rest).
    """

    NAME: ClassVar[str] = "text"
    DESCRIPTION: ClassVar[str] = "for people: decisions, scores and located findings"
    SEPARATOR: ClassVar[str] = ""
    KEEPS_DIGESTS: ClassVar[bool] = False  # its end is the summary: no digest is kept

    def __init__(self, *, group_standards: bool = True) -> None:
        self.group_standards = group_standards
        """One line for one problem counted against several standards (else one each)."""

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        # Results depend on the configuration, found from the folder the run started in.
        rubric = printable(f"{run.rubric.id}@{run.rubric.version}")
        config = (
            f"the configuration {printable(run.config)}"
            if run.config is not None
            else "no configuration file"
        )
        return _lines(
            [f"mcqa {printable(run.tool.version)}: checking against {rubric} with {config}"]
        )

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        def style(text: str, colour: str) -> str:
            return click.style(text, fg=colour, bold=True) if options.color else text

        if options.quiet and result.decision in ("conformant", "pending_review"):
            return ""
        return _lines(self._result(result, options, style))

    def digest(self, result: DescriptorResult) -> Any:
        return None

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        return _lines([self._summary(run, summary)])

    def _result(self, result: DescriptorResult, options: RenderOptions, paint: Paint) -> list[str]:
        word, colour = _DECISION_WORDS[result.decision]
        head = f"{printable(result.path)}: {paint(word, colour)}"
        if result.score is not None:
            head += (
                f"  {_number(result.score.percent)} % "
                f"({_number(result.score.earned)}/{_number(result.score.possible)} points)"
            )
        if result.essentials is not None and result.essentials.total:
            head += f", essentials {result.essentials.met}/{result.essentials.total}"
        if result.band:
            head += f", band: {printable(result.band)}"
        if result.decision == "pending_review" and result.checks_passed is not None:
            head += ", automated checks " + ("pass" if result.checks_passed else "fail")
        if result.rubric is not None:
            head += f"  [{printable(result.rubric.id)}@{printable(result.rubric.version)}]"
        lines = [head]
        unmet = [s for s in result.standards if s.status == "not_met"]
        if unmet:
            names = ", ".join(f"{printable(s.id)}{_unmet_note(s)}" for s in unmet)
            # On a scale of levels, "not met" means rated below the top level.
            leveled = all(s.rounds and s.rounds[-1].level is not None for s in unmet)
            lines.append(f"  {'below the top level' if leveled else 'not met'}: {names}")
        for standard in result.standards:
            if len(standard.rounds) > 1:
                steps = "; ".join(
                    f"round {r.round} {r.status.replace('_', ' ')} ({printable(r.decided_by)})"
                    for r in standard.rounds
                )
                lines.append(f"  {printable(standard.id)} history: {steps}")
            for answer in standard.reviews:
                if not answer.counted:
                    continue
                if answer.recommendation and (options.verbose or standard.status == "not_met"):
                    who = printable(", ".join(x for x in (answer.reviewer, answer.role) if x))
                    lines.append(
                        f"  {printable(standard.id)} recommendation ({who}): "
                        f"{printable(answer.recommendation)}"
                    )
        for standard in result.standards:
            if standard.accepted is not None:
                chair = printable(standard.accepted.reviewer or "the chair")
                lines.append(
                    f"  {printable(standard.id)} accepted as not applicable by the chair "
                    f"({chair}, round {standard.accepted.round}): "
                    f"{printable(standard.accepted.reason)}"
                )
        if result.decision == "not_conformant" and result.actions:
            first = [a for a in result.actions if a.status == "not_met"][:FIRST_STEPS]
            if first:
                steps = "; ".join(f"{printable(a.standard)} ({describe_step(a)})" for a in first)
                lines.append(f"  do first: {steps}")
        pending = [s for s in result.standards if s.status == "pending_review"]
        if pending and not options.quiet:
            lines.append(f"  awaiting review: {', '.join(printable(s.id) for s in pending)}")
        for stats in result.agreement:
            if stats.scope == "all" or options.verbose:
                lines.append("  agreement: " + describe_agreement(stats))
                if stats.warning and stats.scope == "all":
                    lines.append(f"    note: {printable(stats.warning)}")
        findings = [*result.findings, *(f for s in result.standards for f in s.findings)]
        lowest = "error" if options.quiet else "warning" if not options.verbose else "info"
        keep = {"error": {"error"}, "warning": {"error", "warning"}}.get(
            lowest, {"error", "warning", "info"}
        )
        shown = sorted((f for f in findings if f.severity in keep), key=Finding.sort_key)
        # One problem counted against several standards (a bad field several rest on)
        # is one line, naming them all.
        grouped: dict[tuple[object, ...], list[Finding]] = {}
        for finding in shown:
            apart = None if self.group_standards else finding.standard
            key = (finding.location_text(), finding.severity, finding.message, finding.rule, apart)
            grouped.setdefault((*key, finding.waiver), []).append(finding)
        for same in grouped.values():
            lines.append("  " + self._finding(same[0], paint, [f.standard for f in same]))
        return lines

    def _finding(
        self, finding: Finding, paint: Paint, standards: list[str | None] | None = None
    ) -> str:
        severity = paint(finding.severity, _SEVERITY_COLOURS[finding.severity])
        named = ", ".join(dict.fromkeys(s for s in standards or [finding.standard] if s))
        label = f"{named} {finding.rule}" if named else finding.rule
        text = (
            f"{printable(finding.location_text())}: {severity}: "
            f"{printable(finding.message)} [{printable(label)}]"
        )
        if finding.waiver is not None:
            text += f" (waived: {printable(finding.waiver.reason)})"
        return text

    def _summary(self, run: RunInfo, summary: Summary) -> str:
        parts = [
            f"{summary.conformant} conformant",
            f"{summary.not_conformant} not conformant",
            f"{summary.pending_review} pending review",
        ]
        if summary.error:
            parts.append(f"{_plural(summary.error, 'error')}")
        if summary.checks_failed:
            parts.append(f"automated checks failed on {summary.checks_failed}")
        rubric = printable(f"{run.rubric.id}@{run.rubric.version}")
        return f"{_plural(summary.total, 'descriptor')} checked against {rubric}: " + ", ".join(
            parts
        )
