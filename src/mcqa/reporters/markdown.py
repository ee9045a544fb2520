"""``-f markdown``: the report as GitHub-flavoured Markdown, for a job summary or a comment.

What it writes, top to bottom:

- a heading naming the rubric, the counts per decision and how many descriptors
  an automated check failed on;
- a table of the descriptors, **worst first**: errors, then not conformant (most
  essential standards missing first, then lowest score), then pending review,
  then conformant; each with its decision, score, essentials and the standards
  not met (essential ones first);
- details of each descriptor that could not be read or is not conformant: its
  score, the standards not met, and its first findings (``file:line:col``) and
  reviewers' recommendations on them;
- a line for each descriptor pending review.

**Size.** A GitHub job summary (``$GITHUB_STEP_SUMMARY``) holds at most 1 MiB
per step, so the output is kept within :data:`BUDGET` bytes (900 KiB, leaving
room for what other tools of the step write), whatever the size of the catalog.
The heading and counts always come first; the table may take 40 % of the
budget, or more when the details need less; details and the pending list take
what is left, worst first; whatever does not fit is left out, and a final line
says how many rows, details and pending descriptors were. A pull-request
comment holds at most 65,536 characters: a caller writing one constructs
``MarkdownReporter(budget=...)`` with a smaller budget.

**Streaming and memory.** :meth:`MarkdownReporter.result` writes nothing:
ordering worst first needs the whole run, so everything is written by
:meth:`MarkdownReporter.end` from the small digests kept of each result
(:meth:`MarkdownReporter.digest`): path, decision, score, essentials, the ids
of at most :data:`IDS_KEPT` standards not met, counts, and, for a result with
details only, at most :data:`DETAIL_ITEMS` findings or recommendations already
rendered, each quoting at most :data:`TEXT_CAP` characters of the user's text.
The ids are kept as one string and the rendered items compressed, so a digest
takes about 200 bytes pickled (under 1 KB of Python objects, kept until the
end) for a conformant or pending result, and some 300 to 700 bytes pickled
(1 to 1.5 KB of objects) for one with details, whatever the size of its
messages: some 100 MB for 100,000 results. The output is the same, byte for byte,
whatever the number of worker processes: digests arrive in path order, and
the ordering is a total order (ties are kept in path order).

**Escaping.** Descriptors, rubrics and review forms come from anyone who can
open a pull request. Every piece of their text is shown literally: control
characters become visible escapes (:func:`mcqa.render.safe.printable`), and
Markdown's special characters are backslash-escaped (:func:`markdown_text`), so
that the text opens no link, image, HTML tag, heading, emphasis, math or table
cell, and closes no code span. GitHub also links what it recognises after
rendering: ``@user`` and ``@org/team`` (which notify people), ``#123`` and
``GH-123`` (which cross-reference issues), and bare web addresses: a zero-width
space breaks each of them (``@\\u200buser``). Paths outside tables are shown as
code spans (:func:`markdown_code`) fenced with more backticks than they hold.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain
from typing import Any, ClassVar, NamedTuple

from mcqa.action_plan import FIRST_STEPS, PlanTotals, describe_step, describe_totals, plan_totals
from mcqa.models.finding import Finding
from mcqa.models.report import (
    DescriptorResult,
    Report,
    ReviewerAnswer,
    StandardResult,
    Summary,
)
from mcqa.render.safe import printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = [
    "BUDGET",
    "DETAIL_ITEMS",
    "IDS_KEPT",
    "TEXT_CAP",
    "MarkdownReporter",
    "markdown_code",
    "markdown_text",
    "rank_of",
]

#: Bytes the output may take (GitHub's cap on a job summary is 1 MiB per step).
BUDGET = 900 * 1024
#: Findings and recommendations kept of each result shown in detail.
DETAIL_ITEMS = 4
#: Characters of a message or recommendation quoted in the details.
TEXT_CAP = 200
#: Standards not met named for each result.
IDS_KEPT = 10

_PATH_CAP = 240
_ID_CAP = 40
_TABLE_SHARE = 0.4
_RESERVE = 1024  # bytes kept for the closing line
_ZWSP = "\u200b"

_DECISION_RANK = {"error": 0, "not_conformant": 1, "pending_review": 2, "conformant": 3}
_DECISION_WORDS = {
    "error": "error",
    "not_conformant": "not conformant",
    "pending_review": "pending review",
    "conformant": "conformant",
}
_DETAILED = ("error", "not_conformant")


# -- escaping ----------------------------------------------------------------------------

# ASCII punctuation that means something to CommonMark, GitHub's tables, strikethrough
# or math; a backslash before any ASCII punctuation shows it as it is.
_SPECIAL = re.compile(r"([\\`*_\[\]<>()#!|~&$])")
# What GitHub links after rendering, broken with a zero-width space: addresses with a
# scheme (``http://``), ``www.`` addresses, issue references (``#12``, ``GH-12``).
# Mentions (and e-mail addresses) are broken after every ``@``.
_OTHER_COMMAND = re.compile(r"##(?=\[|vso\[)", re.IGNORECASE)
_LINKED = re.compile(r"(?=://)|(?<=\bwww)(?=\.)|(?<=#)(?=\d)|(?<=\bgh)(?=-\d)", re.IGNORECASE)


def markdown_text(text: str) -> str:
    """``text`` shown literally in Markdown, on one line (also inside a table cell).

    >>> markdown_text("See ![x](http://e/x.png) <b>|</b> @octocat #1")
    'See \\\\!\\\\[x\\\\]\\\\(http\\u200b://e/x.png\\\\) \\\\<b\\\\>\\\\|\\\\</b\\\\> @\\u200boctocat \\\\#\\u200b1'
    """
    shown = _LINKED.sub(_ZWSP, printable(text)).replace("@", "@" + _ZWSP)
    return _SPECIAL.sub(r"\\\1", shown)


def markdown_code(text: str) -> str:
    """``text`` as a code span, on one line; not for table cells (their ``|``).

    What other CI runners read as a command anywhere in a line (``##[``,
    ``##vso[``) is shown as ``\\x23#[``, should the output be printed to a log.

    >>> markdown_code("a`b ##vso[x]")
    '``a`b \\\\x23#vso[x]``'
    """
    shown = _OTHER_COMMAND.sub(r"\\x23#", printable(text))
    if not shown:
        return ""
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown[0] in "` " or shown[-1] in "` " else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_middle(text: str, limit: int) -> str:
    """A long path keeps its start and its end (the file name)."""
    if len(text) <= limit:
        return text
    head = limit // 3
    return text[:head] + "…" + text[len(text) - (limit - head - 1) :]


# -- digests -----------------------------------------------------------------------------


def rank_of(result: DescriptorResult) -> tuple[int, int, float]:
    """Sort key, worst first: decision, then essentials missing (most first), then score."""
    missing = result.essentials.total - result.essentials.met if result.essentials else 0
    percent = result.score.percent if result.score is not None else -1.0
    return (_DECISION_RANK[result.decision], -missing, percent)


class _Digest(NamedTuple):
    """What :meth:`MarkdownReporter.end` needs of one result."""

    rank: tuple[int, int, float]
    path: str
    decision: str
    score: tuple[float, float, float] | None
    """Percent, points earned, points possible."""
    essentials: tuple[int, int] | None
    band: str | None
    rubric: str | None
    checks_passed: bool | None
    not_met: str
    """At most :data:`IDS_KEPT` standards not met, essential ones first, one a line:
    ``1`` or ``0`` for essential, ``1`` or ``0`` for provisional (until reviewed), the id
    (printable, so on one line). One string, not a tuple of them: it is kept for every
    result until the end."""
    not_met_total: int
    awaiting: int
    items: bytes
    """The rendered list items of the details, at most :data:`DETAIL_ITEMS`, packed
    (:func:`_pack`)."""
    items_total: int
    first_steps: str
    """The action plan's first steps on standards not met (at most
    :data:`~mcqa.action_plan.FIRST_STEPS`), rendered, one a line."""
    plan: tuple[int, int, float, int, int, int, int, int]
    """The action plan's totals: steps, essential ones, points at stake, steps of
    small, medium, large and unstated effort, and steps awaiting review."""


def _pack(lines: list[str]) -> bytes:
    """Lines (none holding a line break) as compressed UTF-8: a quarter of their size as
    strings, which matters when every result's are kept until the end."""
    return zlib.compress("\n".join(lines).encode("utf-8")) if lines else b""


def _unpack(packed: bytes) -> list[str]:
    return zlib.decompress(packed).decode("utf-8").split("\n") if packed else []


def _provisional(standard: StandardResult) -> bool:
    return standard.source == "automated" and any(
        f.rule == "review-provisional" for f in standard.findings
    )


def _finding_item(finding: Finding) -> str:
    where = markdown_code(_clip_middle(finding.location_text(), _PATH_CAP))
    label = f"**{markdown_text(_clip(finding.standard, _ID_CAP))}** " if finding.standard else ""
    return (
        f"- {where} {label}{markdown_text(_clip(finding.rule, _ID_CAP))}: "
        f"{markdown_text(_clip(finding.message, TEXT_CAP))}"
    )


def _unmet(result: DescriptorResult) -> list[StandardResult]:
    """The standards not met, essential ones first, each in the rubric's order."""
    unmet = [s for s in result.standards if s.status == "not_met"]
    return sorted(unmet, key=lambda s: not s.essential)


def _recommendation_item(standard: StandardResult, answer: ReviewerAnswer) -> str:
    who = ", ".join(x for x in (answer.reviewer, answer.role) if x)
    by = f" ({markdown_text(_clip(who, _ID_CAP))})" if who else ""
    return (
        f"- **{markdown_text(_clip(standard.id, _ID_CAP))}** recommendation{by}: "
        f"{markdown_text(_clip(answer.recommendation or '', TEXT_CAP))}"
    )


def _items(result: DescriptorResult) -> Iterator[Callable[[], str]]:
    """The details of a result, each rendered when called: its own findings, then each
    standard not met (essential ones first) with its findings and its reviewers'
    recommendations (findings: errors and warnings, not waived)."""

    def shown(findings: tuple[Finding, ...]) -> list[Finding]:
        kept = (f for f in findings if f.severity != "info" and f.waiver is None)
        return sorted(kept, key=Finding.sort_key)

    for finding in shown(result.findings):
        yield partial(_finding_item, finding)
    for standard in _unmet(result):
        for finding in shown(standard.findings):
            yield partial(_finding_item, finding)
        for answer in standard.reviews:
            if answer.counted and answer.recommendation:
                yield partial(_recommendation_item, standard, answer)


def _digest(result: DescriptorResult) -> _Digest:
    unmet = _unmet(result)
    items: list[str] = []
    total = 0
    if result.decision in _DETAILED:
        for item in _items(result):
            total += 1
            if len(items) < DETAIL_ITEMS:
                items.append(item())
    score = result.score
    rubric = result.rubric
    totals = plan_totals(result.actions)
    first = [a for a in result.actions if a.status == "not_met"][:FIRST_STEPS]
    return _Digest(
        rank=rank_of(result),
        path=_clip_middle(result.path, _PATH_CAP),
        decision=result.decision,
        score=(score.percent, score.earned, score.possible) if score is not None else None,
        essentials=(result.essentials.met, result.essentials.total)
        if result.essentials is not None and result.essentials.total
        else None,
        band=_clip(result.band, _ID_CAP) if result.band else None,
        rubric=_clip(f"{rubric.id}@{rubric.version}", _ID_CAP * 2) if rubric else None,
        checks_passed=result.checks_passed,
        not_met="\n".join(
            f"{s.essential:d}{_provisional(s):d}{printable(_clip(s.id, _ID_CAP))}"
            for s in unmet[:IDS_KEPT]
        ),
        not_met_total=len(unmet),
        awaiting=sum(1 for s in result.standards if s.status == "pending_review"),
        items=_pack(items),
        items_total=total,
        first_steps="\n".join(
            f"**{markdown_text(_clip(a.standard, _ID_CAP))}** "
            f"{markdown_text(_clip(a.title, TEXT_CAP))} ({describe_step(a)})"
            for a in first
        )
        if result.decision in _DETAILED
        else "",
        plan=(
            totals.steps,
            totals.essential,
            totals.points,
            totals.by_effort["small"],
            totals.by_effort["medium"],
            totals.by_effort["large"],
            totals.by_effort["unstated"],
            totals.awaiting,
        ),
    )


# -- rendering ---------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _number(value: float) -> str:
    return f"{value:g}"


def _score(digest: _Digest, *, points: bool) -> str:
    if digest.score is None:
        return "—"
    percent, earned, possible = digest.score
    text = f"{_number(percent)} %"
    return f"{text} ({_number(earned)}/{_number(possible)} points)" if points else text


def _essentials(digest: _Digest) -> str:
    return f"{digest.essentials[0]}/{digest.essentials[1]}" if digest.essentials else "—"


def _unmet_ids(digest: _Digest, *, notes: bool) -> str:
    names = []
    kept = digest.not_met.split("\n") if digest.not_met else []
    for entry in kept:
        name = markdown_text(entry[2:])
        flags = (("essential", entry[0]), ("until reviewed", entry[1]))
        extra = [word for word, flag in flags if flag == "1"]
        names.append(f"{name} ({', '.join(extra)})" if notes and extra else name)
    more = digest.not_met_total - len(kept)
    if more:
        names.append(f"and {more} more")
    return ", ".join(names)


def _facts(digest: _Digest) -> list[str]:
    facts = []
    if digest.score is not None:
        facts.append(_score(digest, points=True))
    if digest.essentials:
        facts.append(f"essentials {_essentials(digest)}")
    if digest.band:
        facts.append(f"band: {markdown_text(digest.band)}")
    if digest.rubric:
        facts.append(f"rubric {markdown_code(digest.rubric)}")
    return facts


def _row(digest: _Digest) -> str:
    decision = _DECISION_WORDS[digest.decision]
    if digest.decision in _DETAILED:
        decision = f"**{decision}**"
    cells = [
        markdown_text(digest.path),
        decision,
        _score(digest, points=False),
        _essentials(digest),
        _unmet_ids(digest, notes=False),
    ]
    return "| " + " | ".join(cells) + " |"


def _details(digest: _Digest) -> list[str]:
    word = _DECISION_WORDS[digest.decision]
    lines = [f"#### {markdown_code(digest.path)} — {word}", ""]
    facts = _facts(digest)
    if digest.decision == "error":
        facts.insert(0, "could not be read or scored")
    text = f"**{word.capitalize()}**" + (": " + ", ".join(facts) if facts else "") + "."
    if digest.not_met_total:
        text += f" Not met: {_unmet_ids(digest, notes=True)}."
    lines += [text, ""]
    if digest.first_steps:
        lines += [f"Do first: {'; '.join(digest.first_steps.split(chr(10)))}.", ""]
    items = _unpack(digest.items)
    if items:
        lines += items
        more = digest.items_total - len(items)
        if more:
            lines.append(f"- …and {more} more (`mcqa check` lists them all)")
        lines.append("")
    return lines


def _totals(digest: _Digest) -> PlanTotals:
    steps, essential, points, small, medium, large, unstated, awaiting = digest.plan
    efforts = {"small": small, "medium": medium, "large": large, "unstated": unstated}
    return PlanTotals(steps, essential, points, efforts, awaiting)


def _pending(digest: _Digest) -> str:
    facts = _facts(digest)
    if digest.checks_passed is not None:
        facts.append("automated checks " + ("pass" if digest.checks_passed else "fail"))
    if digest.awaiting:
        facts.append(f"{_plural(digest.awaiting, 'standard')} awaiting review")
    return f"- {markdown_code(digest.path)}" + (": " + ", ".join(facts) if facts else "")


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


class _Page:
    """Lines of output within a byte budget."""

    def __init__(self, budget: int) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.budget = budget

    def fits(self, lines: list[str], limit: int | None = None) -> bool:
        return self.size + _size(lines) <= (self.budget if limit is None else limit)

    def add(self, lines: list[str]) -> None:
        self.lines += lines
        self.size += _size(lines)

    def section(self, heading: list[str], blocks: Iterator[list[str]], count: int) -> int:
        """A heading and as many blocks as fit (none: no heading); how many were left out."""
        for index, block in enumerate(blocks):
            if not self.fits(block if index else [*heading, *block]):
                return count - index
            self.add(block if index else [*heading, *block])
        return 0


class MarkdownReporter:
    """The report as GitHub-flavoured Markdown: summary, a table worst first, then details.

    Kept within ``budget`` bytes (default :data:`BUDGET`); see the module's description.
    """

    NAME: ClassVar[str] = "markdown"
    DESCRIPTION: ClassVar[str] = (
        "Markdown for a GitHub job summary or a pull-request comment: summary, "
        "descriptors worst first, details"
    )
    SEPARATOR: ClassVar[str] = ""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        return ""

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        return ""

    def digest(self, result: DescriptorResult) -> Any:
        return _digest(result)

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        kept: list[_Digest] = [_Digest(*d) for d in digests]
        order = sorted(range(len(kept)), key=lambda i: (kept[i].rank, i))
        ranked = [kept[i] for i in order]
        failing = [d for d in ranked if d.decision in _DETAILED]
        pending = [d for d in ranked if d.decision == "pending_review"]
        page = _Page(self.budget - _RESERVE)
        page.add(self._head(run, summary))
        totals = sum((_totals(d) for d in kept), PlanTotals())
        if totals.steps:
            page.add([f"Action plan for the catalog: {describe_totals(totals)}.", ""])

        # The table takes its share of the budget, or more when the rest needs less.
        room = page.budget - page.size
        rest, enough = 200, room - int(room * _TABLE_SHARE)
        for lines in chain((_details(d) for d in failing), ([_pending(d)] for d in pending)):
            rest += _size(lines)
            if rest >= enough:
                break
        table_limit = page.size + max(room - enough, room - rest)
        rows_left = 0
        if ranked:
            page.add(
                [
                    "### Descriptors",
                    "",
                    "Worst first: errors, then not conformant (most essential standards "
                    "missing, then lowest score), pending review, conformant.",
                    "",
                    "| Descriptor | Decision | Score | Essentials | Not met |",
                    "|:--|:--|--:|--:|:--|",
                ]
            )
            for index, digest in enumerate(ranked):
                row = [_row(digest)]
                if not page.fits(row, table_limit):
                    rows_left = len(ranked) - index
                    break
                page.add(row)
            page.add([""])

        heading = ["### Not conformant or not read", ""]
        details_left = page.section(heading, (_details(d) for d in failing), len(failing))
        heading = ["### Pending review", ""]
        pending_left = page.section(heading, ([_pending(d)] for d in pending), len(pending))
        if pending and pending_left < len(pending):
            page.add([""])

        left = []
        if rows_left:
            left.append(f"{rows_left:,} {'row' if rows_left == 1 else 'rows'} of the table")
        if details_left:
            left.append(f"the details of {_plural(details_left, 'descriptor')}")
        if pending_left:
            left.append(_plural(pending_left, "pending descriptor"))
        if left:
            page.lines.append(
                "_Left out to stay within GitHub's size limit: "
                + ", ".join(left)
                + ". `mcqa check -f text` (or `-f json`) lists every result._"
            )
        while page.lines and page.lines[-1] == "":
            page.lines.pop()
        return "\n".join(page.lines) + "\n"

    def _head(self, run: RunInfo, summary: Summary) -> list[str]:
        rubric = markdown_code(_clip(f"{run.rubric.id}@{run.rubric.version}", 2 * _ID_CAP))
        lines = [f"## mcqa: {_plural(summary.total, 'descriptor')} checked against {rubric}", ""]
        lines += ["| Decision | Descriptors |", "|:--|--:|"]
        for decision in ("error", "not_conformant", "pending_review", "conformant"):
            count = getattr(summary, decision)
            word = _DECISION_WORDS[decision]
            if decision in _DETAILED and count:
                lines.append(f"| **{word}** | **{count:,}** |")
            else:
                lines.append(f"| {word} | {count:,} |")
        lines.append(f"| total | {summary.total:,} |")
        lines.append("")
        if summary.checks_failed:
            lines += [
                f"An automated check failed on {_plural(summary.checks_failed, 'descriptor')}.",
                "",
            ]
        return lines
