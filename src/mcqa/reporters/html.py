"""``-f html``: one self-contained, accessible HTML page for a whole run.

What the page holds, top to bottom (the order a screen reader reads it in is
the order it is seen in):

- a header: the rubric, the version of mcqa and the configuration file used, a
  table of the rubric's categories, and links to the two parts of the page;
- **Descriptors**: one article per descriptor, in path order (the order results
  stream in): its decision, score, essentials, automated checks, score by
  category as bars with their values, the standards not met and those awaiting
  review, every finding (``file:line:col``, severity, message, standard, rule,
  waiver), the reviewers' answers and how far the reviewers agreed;
- **Catalog overview**: counts by decision, the distribution of scores, the
  standards most often not met and a heatmap of scores by category of the
  :data:`HEATMAP_ROWS` worst descriptors, each an SVG chart with a table of its
  numbers.

**Reading order.** Results stream: each descriptor's article is written as its
result arrives, before anything is known of the whole catalog, so the overview
can only be written at the end (:meth:`HtmlReporter.end`). The page does not
move it up with CSS (``order``, a grid, absolute positions): that would show the
overview first but leave it last for a screen reader and for the keyboard focus,
a sequence that differs from the one seen (WCAG 1.3.2, 2.4.3). The overview is
last both in the page and on screen; the first focusable element of the page is
a link that skips to it, and the header's navigation says where it is.

**Size.** A catalog of 10,000 descriptors must still give a page a browser
opens (some 35 MB for the example catalog's mix of results, shown within
seconds): an article holds no chart (category scores are CSS bars with their
values), findings go into a collapsed ``<details>`` when there are more than
:data:`FINDINGS_SHOWN`, informational findings show only with ``verbose`` (as
in the text format), reviewers' answers and agreement are collapsed (the answers
open when a reviewer recommends something on a standard not met), and the
answers on a standard every reviewer found met alike, without a recommendation,
are listed only with ``verbose`` (their standards are named). Articles are laid
out only when scrolled to (``content-visibility: auto``). With ``quiet``, only
descriptors that are not conformant or cannot be read get an article; the
overview counts every descriptor. :meth:`HtmlReporter.end` works from small
digests (:meth:`HtmlReporter.digest`): the path, the decision, the score, the
essentials, the score of each category and the ids of the standards not met
(two strings), some 250 bytes pickled.

**Escaping.** Descriptors, rubrics and review forms come from anyone who can
open a pull request. Every value printed by the templates goes through one
function (Jinja's ``finalize``): control, line-breaking and direction-changing
characters become visible escapes (:func:`mcqa.render.safe.printable`), lone
surrogates and non-characters too; then Jinja escapes it for HTML (autoescape is
on; no template marks the text of a file safe). A line of the page never starts
with what a CI runner reads as a command (``::``, ``##[``), should it be printed
to a log. The page makes no request: its Content-Security-Policy forbids
everything but its one stylesheet, allowed by its hash, and a ``data:`` icon.

**Categories.** A result knows its standards, not the rubric's categories: a
standard belongs to the category whose id comes before the first ``.`` of its
own (``2.3`` is in ``2``), as in every rubric mcqa ships. The categories' titles
come from the rubric, when the run gives it.

The output is the same, byte for byte, whatever the number of worker processes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from markupsafe import Markup

from mcqa.action_plan import FIRST_STEPS, describe_step
from mcqa.models.finding import Finding, RelatedLocation
from mcqa.models.report import (
    AgreementStats,
    DescriptorResult,
    Report,
    ReviewerAnswer,
    StandardResult,
    Summary,
)
from mcqa.models.rubric import Rubric
from mcqa.render.agreement import describe_agreement
from mcqa.render.safe import printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report
from mcqa.reporters.markdown import rank_of

if TYPE_CHECKING:  # imported when a page is first rendered (every format's module is
    import jinja2  # imported when any format is used)

__all__ = [
    "FINDINGS_SHOWN",
    "GRAPHIC_PAIRS",
    "HEATMAP_ROWS",
    "PALETTES",
    "TEXT_PAIRS",
    "TOP_STANDARDS",
    "HtmlReporter",
    "anchor_of",
    "category_of",
    "shown",
    "style_hash",
]

#: Findings of a descriptor shown open; more go into a collapsed ``<details>``.
FINDINGS_SHOWN = 8
#: Descriptors in the heatmap of scores by category: the worst ones.
HEATMAP_ROWS = 50
#: Standards in the chart of the standards most often not met.
TOP_STANDARDS = 15
#: Descriptors that could not be read named in the overview.
ERRORS_NAMED = 50

_PATH_CAP = 240
_DASH = "\u2013"  # an en dash, between the ends of a range
_LABEL_CAP = 38
_DECISIONS = ("error", "not_conformant", "pending_review", "conformant")
_DECISION_WORDS = {
    "error": "Could not be read",
    "not_conformant": "Not conformant",
    "pending_review": "Pending review",
    "conformant": "Conformant",
}
_QUIET_SHOWN = ("error", "not_conformant")
_SEVERITY_WORDS = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("informational", "informational"),
}

# -- colours -----------------------------------------------------------------------------

#: The colours of the page, as CSS custom properties, for a light and a dark scheme.
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "fg": "#1a1a1a",
        "muted": "#4b5563",
        "link": "#1d4ed8",
        "focus": "#1d4ed8",
        "rule": "#d1d5db",
        "border": "#6b7280",
        "head-bg": "#f3f4f6",
        "bar": "#1d4ed8",
        "track": "#e5e7eb",
        "ok-fg": "#14532d",
        "ok-bg": "#dcfce7",
        "no-fg": "#9a3412",
        "no-bg": "#ffedd5",
        "wait-fg": "#713f12",
        "wait-bg": "#fef9c3",
        "err-fg": "#991b1b",
        "err-bg": "#fee2e2",
        "ok-fill": "#15803d",
        "no-fill": "#c2410c",
        "wait-fill": "#a16207",
        "err-fill": "#991b1b",
        "sev-error": "#b91c1c",
        "sev-warning": "#92400e",
        "sev-info": "#1e40af",
        "heat-0": "#7f2704",
        "heat-1": "#c2410c",
        "heat-2": "#fed7aa",
        "heat-3": "#bfdbfe",
        "heat-4": "#1d4ed8",
        "heat-na": "#e5e7eb",
        "heat-fg-0": "#ffffff",
        "heat-fg-1": "#ffffff",
        "heat-fg-2": "#1a1a1a",
        "heat-fg-3": "#1a1a1a",
        "heat-fg-4": "#ffffff",
        "heat-fg-na": "#374151",
    },
    "dark": {
        "bg": "#111827",
        "fg": "#f3f4f6",
        "muted": "#9ca3af",
        "link": "#93c5fd",
        "focus": "#93c5fd",
        "rule": "#374151",
        "border": "#9ca3af",
        "head-bg": "#1f2937",
        "bar": "#60a5fa",
        "track": "#374151",
        "ok-fg": "#bbf7d0",
        "ok-bg": "#14532d",
        "no-fg": "#fed7aa",
        "no-bg": "#7c2d12",
        "wait-fg": "#fef08a",
        "wait-bg": "#713f12",
        "err-fg": "#fecaca",
        "err-bg": "#7f1d1d",
        "ok-fill": "#4ade80",
        "no-fill": "#fb923c",
        "wait-fill": "#facc15",
        "err-fill": "#f87171",
        "sev-error": "#fca5a5",
        "sev-warning": "#fcd34d",
        "sev-info": "#93c5fd",
        "heat-0": "#7f2704",
        "heat-1": "#c2410c",
        "heat-2": "#fed7aa",
        "heat-3": "#bfdbfe",
        "heat-4": "#1d4ed8",
        "heat-na": "#374151",
        "heat-fg-0": "#ffffff",
        "heat-fg-1": "#ffffff",
        "heat-fg-2": "#1a1a1a",
        "heat-fg-3": "#1a1a1a",
        "heat-fg-4": "#ffffff",
        "heat-fg-na": "#f3f4f6",
    },
}

#: Text and the background it is written on, in both schemes: at least 4.5:1 (WCAG AA).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("fg", "bg"),
    ("muted", "bg"),
    ("link", "bg"),
    ("fg", "head-bg"),
    ("muted", "head-bg"),
    ("link", "head-bg"),
    ("ok-fg", "ok-bg"),
    ("no-fg", "no-bg"),
    ("wait-fg", "wait-bg"),
    ("err-fg", "err-bg"),
    ("sev-error", "bg"),
    ("sev-warning", "bg"),
    ("sev-info", "bg"),
    *((f"heat-fg-{step}", f"heat-{step}") for step in ("0", "1", "2", "3", "4", "na")),
)
#: Graphics (bars, focus outlines, borders) and what they are drawn on: at least 3:1.
GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("bar", "bg"),
    ("bar", "track"),
    ("focus", "bg"),
    ("border", "bg"),
    ("ok-fill", "bg"),
    ("no-fill", "bg"),
    ("wait-fill", "bg"),
    ("err-fill", "bg"),
)

# -- text --------------------------------------------------------------------------------

# What printable() leaves that UTF-8 cannot encode (lone surrogates) or that HTML calls
# a parse error (non-characters).
_NOT_TEXT = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# What a CI runner reads as a command at the start of a line.
_COMMAND_LINE = re.compile(r"^(\s*)(::|##)", re.MULTILINE)


def shown(text: str) -> str:
    """``text`` as the page shows it: one line, nothing that draws or turns the text around.

    >>> shown("caf\\udce9\\u202e\\r")
    'caf\\\\udce9\\\\u202e\\\\r'
    """
    return _NOT_TEXT.sub(lambda m: f"\\u{ord(m.group(0)):04x}", printable(text))


def _finalize(value: Any) -> Any:
    """What every ``{{ … }}`` of the templates prints: text made :func:`shown` (then escaped)."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return shown(value)


def _no_command(text: str) -> str:
    """No line that a CI runner obeys: a leading ``:`` or ``#`` becomes a character reference."""
    return _COMMAND_LINE.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2)[0])};{m.group(2)[1:]}", text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clip_middle(text: str, limit: int) -> str:
    """A long path keeps its start and its end (the file name)."""
    if len(text) <= limit:
        return text
    head = limit // 3
    return text[:head] + "…" + text[len(text) - (limit - head - 1) :]


def _number(value: float) -> str:
    return f"{value:g}"


def _percent(value: float) -> str:
    return f"{round(value, 1):g}"


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def anchor_of(path: str) -> str:
    """The id of a descriptor's article: stable, unique per path, valid in HTML and CSS.

    >>> anchor_of("examples/catalog/a.yaml")
    'd-c464a6656a6d322b'
    """
    return "d-" + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def category_of(standard_id: str) -> str:
    """The id of the category a standard belongs to: what comes before its first ``.``.

    >>> category_of("2.3"), category_of("10.1.2"), category_of("A-1")
    ('2', '10', 'A-1')
    """
    return standard_id.partition(".")[0]


def _natural(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of an id: ``1.2`` before ``1.10``, numbers before words."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.-]", text)
    )


def _width(percent: float | None) -> str:
    """The class that sets a bar's width (whole percents; no style attribute is needed)."""
    return f"w{min(100, max(0, round(percent)))}" if percent is not None else "w0"


def _heat(percent: float | None) -> str:
    """The colour step of a heatmap cell: five steps of 20 %, the last one 80 to 100 %."""
    return "na" if percent is None else str(min(4, int(percent // 20)))


# -- one descriptor ----------------------------------------------------------------------


def _category_scores(result: DescriptorResult) -> list[tuple[str, float, float]]:
    """Each category's points: id, earned, possible (possible 0: nothing applies)."""
    points: dict[str, list[float]] = {}
    for standard in result.standards:
        tally = points.setdefault(category_of(standard.id), [0.0, 0.0])
        tally[0] += standard.points_earned
        tally[1] += standard.points_possible
    return [(key, points[key][0], points[key][1]) for key in sorted(points, key=_natural)]


def _category_percent(earned: float, possible: float) -> float | None:
    return round(100 * earned / possible, 1) if possible else None


def _where(file: str | None, line: int | None, column: int | None) -> str:
    text = file or "<input>"
    if line is not None:
        text += f":{line}"
        if column is not None:
            text += f":{column}"
    return text


def _related(related: RelatedLocation) -> str:
    return f"{related.message} ({_where(related.file, related.line, related.column)})"


def _provisional(standard: StandardResult) -> bool:
    return standard.source == "automated" and any(
        f.rule == "review-provisional" for f in standard.findings
    )


@dataclass(frozen=True)
class _FindingView:
    where: str
    severity: str
    message: str
    standard: str | None
    rule: str
    waiver: str | None
    related: tuple[str, ...]


def _finding_view(finding: Finding) -> _FindingView:
    waiver = None
    if finding.waiver is not None:
        notes = []
        if finding.waiver.expires:
            notes.append(f"until {finding.waiver.expires}")
        if finding.waiver.source:
            notes.append(f"in {finding.waiver.source}")
        waiver = finding.waiver.reason + (f" ({', '.join(notes)})" if notes else "")
    return _FindingView(
        where=finding.location_text(),
        severity=finding.severity,
        message=finding.message,
        standard=finding.standard,
        rule=finding.rule,
        waiver=waiver,
        related=tuple(_related(r) for r in finding.related),
    )


def _answer_text(answer: ReviewerAnswer) -> str:
    if answer.verdict is not None and answer.level is not None:
        return f"{answer.verdict.replace('_', ' ')} (level {answer.level})"
    if answer.level is not None:
        return f"level {answer.level}"
    return (answer.verdict or "no answer").replace("_", " ")


def _agreement_rows(agreement: Sequence[AgreementStats]) -> tuple[list[dict[str, str]], list[str]]:
    """A row per scope, and the notes they refer to by number (each note once: the same
    warning often holds for every category)."""
    notes: list[str] = []
    rows = []
    for stats in agreement:
        refs = []
        for note in (stats.warning,) if stats.warning else ():
            if note not in notes:
                notes.append(note)
            refs.append(f"note {notes.index(note) + 1}")
        rows.append(_agreement_row(stats, ", ".join(refs)))
    return rows, notes


def _agreement_row(stats: AgreementStats, notes: str) -> dict[str, str]:
    kappa = stats.fleiss_kappa if stats.fleiss_kappa is not None else stats.cohens_kappa
    if stats.paradox and not notes:
        notes = "high agreement, low kappa: nearly every rating is the same"
    return {
        "scope": "all standards" if stats.scope == "all" else f"{stats.scope}.x",
        "raters": f"{stats.raters}",
        "units": f"{stats.units}",
        "agree": f"{stats.percent_agreement:.0%}" if stats.percent_agreement is not None else "—",
        "kappa": f"{kappa:.2f} ({stats.kappa_band})" if kappa is not None else "—",
        "alpha": f"{stats.krippendorff_alpha:.2f} ({stats.alpha_verdict})"
        if stats.krippendorff_alpha is not None
        else "—",
        "notes": notes,
    }


def _routine(standard: StandardResult) -> bool:
    """Met, and every reviewer said so alike, counted, with no recommendation: its answers
    are listed only with ``verbose`` (their comments are all that is left out)."""
    answers = standard.reviews
    return (
        standard.status == "met"
        and bool(answers)
        and all(a.counted and not a.recommendation and not a.given_under for a in answers)
        and len({(a.verdict, a.level) for a in answers}) == 1
    )


def _review_row(standard: StandardResult, answer: ReviewerAnswer) -> dict[str, str]:
    notes = [] if answer.counted else ["Not counted."]
    if answer.given_under:
        then = f" as {answer.standard_then}" if answer.standard_then else ""
        notes.append(f"Given under {answer.given_under}{then}.")
    if answer.note:
        notes.append(answer.note)
    return {
        "standard": standard.id,
        "round": f"{answer.round}",
        "reviewer": answer.reviewer or "—",
        "role": answer.role or "—",
        "answer": _answer_text(answer),
        "comment": answer.comment or "",
        "recommendation": answer.recommendation or "",
        "note": " ".join(notes),
    }


def _result_view(result: DescriptorResult, options: RenderOptions) -> dict[str, Any]:
    findings = [*result.findings, *(f for s in result.standards for f in s.findings)]
    kept = [f for f in findings if options.verbose or f.severity != "info" or f.waiver is not None]
    kept.sort(key=Finding.sort_key)
    severities: Counter[str] = Counter(f.severity for f in kept)
    counts = ", ".join(
        _plural(severities[s], *_SEVERITY_WORDS[s]) for s in _SEVERITY_WORDS if severities[s]
    )
    reviewed = [s for s in result.standards if s.reviews]
    hide = [not options.verbose and _routine(s) for s in reviewed]
    routine = [s for s, hidden in zip(reviewed, hide, strict=True) if hidden]
    listed = [s for s, hidden in zip(reviewed, hide, strict=True) if not hidden]
    history = [
        (
            standard.id,
            "; ".join(
                f"round {r.round} {r.status.replace('_', ' ')} ({r.decided_by})"
                for r in standard.rounds
            ),
        )
        for standard in result.standards
        if len(standard.rounds) > 1
    ]
    unmet = sorted(
        (s for s in result.standards if s.status == "not_met"), key=lambda s: not s.essential
    )
    leveled = bool(unmet) and all(s.rounds and s.rounds[-1].level is not None for s in unmet)
    overall = [a for a in result.agreement if a.scope == "all"]
    agreement, agreement_notes = _agreement_rows(result.agreement)
    score = result.score
    first_steps = [a for a in result.actions if a.status == "not_met"][:FIRST_STEPS]
    return {
        "anchor": anchor_of(result.path),
        "plan": [
            {"id": a.standard, "title": a.title, "why": describe_step(a), "change": a.change}
            for a in first_steps
        ],
        "path": result.path,
        "descriptor_id": result.descriptor_id,
        "decision": result.decision,
        "decision_word": _DECISION_WORDS[result.decision],
        "score": f"{_number(score.percent)} % ({_number(score.earned)}/{_number(score.possible)}"
        " points)"
        if score is not None
        else None,
        "essentials": f"{result.essentials.met}/{result.essentials.total}"
        if result.essentials is not None and result.essentials.total
        else None,
        "band": result.band,
        "rubric": f"{result.rubric.id}@{result.rubric.version}" if result.rubric else None,
        "checks": None
        if result.checks_passed is None
        else "pass"
        if result.checks_passed
        else "fail",
        "categories": [
            {
                "id": key,
                "percent": None if percent is None else _percent(percent),
                "points": f"{_number(earned)}/{_number(possible)}",
                "width": _width(percent),
            }
            for key, earned, possible in _category_scores(result)
            for percent in (_category_percent(earned, possible),)
        ],
        "unmet_label": "Below the top level" if leveled else "Not met",
        "unmet": [
            {
                "id": s.id,
                "title": s.title,
                "notes": ", ".join(
                    w
                    for w, on in (("essential", s.essential), ("until reviewed", _provisional(s)))
                    if on
                ),
            }
            for s in unmet
        ],
        "pending": [s.id for s in result.standards if s.status == "pending_review"],
        "accepted": [
            {
                "id": s.id,
                "who": s.accepted.reviewer or "the chair",
                "round": f"{s.accepted.round}",
                "reason": s.accepted.reason,
            }
            for s in result.standards
            if s.accepted is not None
        ],
        "findings": [_finding_view(f) for f in kept],
        "finding_counts": counts,
        "findings_open": len(kept) <= FINDINGS_SHOWN,
        "hidden_info": len(findings) - len(kept),
        "reviews": [_review_row(s, a) for s in listed for a in s.reviews],
        "reviewed": len(reviewed),
        "answers": sum(len(s.reviews) for s in reviewed),
        "routine": [s.id for s in routine],
        "reviews_open": any(a.counted and a.recommendation for s in unmet for a in s.reviews),
        "history": history,
        "agreement": agreement,
        "agreement_notes": agreement_notes,
        "agreement_summary": describe_agreement(overall[0]) if overall else None,
    }


# -- digests -----------------------------------------------------------------------------


class _Digest(NamedTuple):
    """What :meth:`HtmlReporter.end` needs of one result."""

    rank: tuple[int, int, float]
    path: str
    """Clipped in the middle to :data:`_PATH_CAP` characters."""
    anchor: str
    decision: str
    percent: float | None
    essentials: tuple[int, int] | None
    categories: str
    """``id:percent`` (``-`` when nothing applies) of each category, one a line."""
    unmet: str
    """``1`` (essential) or ``0``, then the id, of every standard not met, one a line."""


def _digest(result: DescriptorResult) -> _Digest:
    return _Digest(
        rank=rank_of(result),
        path=_clip_middle(result.path, _PATH_CAP),
        anchor=anchor_of(result.path),
        decision=result.decision,
        percent=result.score.percent if result.score is not None else None,
        essentials=(result.essentials.met, result.essentials.total)
        if result.essentials is not None and result.essentials.total
        else None,
        categories="\n".join(
            f"{printable(key)}:{'-' if percent is None else _percent(percent)}"
            for key, earned, possible in _category_scores(result)
            for percent in (_category_percent(earned, possible),)
        ),
        unmet="\n".join(
            f"{s.essential:d}{printable(s.id)}" for s in result.standards if s.status == "not_met"
        ),
    )


def _categories_of(digest: _Digest) -> dict[str, float | None]:
    found: dict[str, float | None] = {}
    for line in digest.categories.split("\n") if digest.categories else []:
        key, _, value = line.rpartition(":")
        found[key] = None if value == "-" else float(value)
    return found


# -- the overview ------------------------------------------------------------------------

_CHART_WIDTH = 640


def _f(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros."""
    return f"{round(value, 2):g}"


def _decision_bars(summary: Summary) -> list[dict[str, str]]:
    """One stacked bar: a segment per decision, in the order of the table."""
    total = summary.total or 1
    x, segments = 0.0, []
    for decision in _DECISIONS:
        count = getattr(summary, decision)
        if not count:
            continue
        width = (_CHART_WIDTH - 2) * count / total
        segments.append(
            {"x": _f(x + 1), "width": _f(max(width - 2, 1)), "cls": decision, "count": f"{count}"}
        )
        x += width
    return segments


def _histogram(digests: Sequence[_Digest]) -> dict[str, Any]:
    bins = [0] * 10
    for digest in digests:
        if digest.percent is not None:
            bins[min(9, int(digest.percent // 10))] += 1
    top = max(bins) or 1
    left, bottom, height, step = 24, 196, 160, (_CHART_WIDTH - 32) / 10
    bars = []
    for index, count in enumerate(bins):
        x, tall = left + index * step + 4, height * count / top
        bars.append(
            {
                "x": _f(x),
                "y": _f(bottom - tall),
                "width": _f(step - 8),
                "height": _f(tall),
                "cx": _f(x + step / 2 - 4),
                "ty": _f(bottom - tall - 6),
                "label": f"{index * 10}{_DASH}{index * 10 + 10}",
                "value": f"{count:,}",
            }
        )
    return {
        "bars": bars,
        "rows": [
            (f"{i * 10} to {'100' if i == 9 else f'under {i * 10 + 10}'} %", f"{count:,}")
            for i, count in enumerate(bins)
        ],
        "bottom": bottom,
        "scored": sum(bins),
        "height": bottom + 24,
    }


def _top_standards(digests: Sequence[_Digest], rubric: Rubric | None) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    essential: set[str] = set()
    for digest in digests:
        for line in digest.unmet.split("\n") if digest.unmet else []:
            counts[line[1:]] += 1
            if line[0] == "1":
                essential.add(line[1:])
    titles = {s.id: s.title for _, s in rubric.iter_standards()} if rubric else {}
    ranked = sorted(counts, key=lambda key: (-counts[key], _natural(key)))
    top = ranked[:TOP_STANDARDS]
    most = counts[top[0]] if top else 1
    label_width, row, bar_room = 310, 24, _CHART_WIDTH - 310 - 50
    rows = []
    for index, key in enumerate(top):
        title = titles.get(key, "")
        note = " (essential)" if key in essential else ""
        room = _LABEL_CAP + 8 - len(note) - len(key) - 1
        label = _clip(key, _LABEL_CAP) + (f" {_clip(title, max(room, 8))}" if title else "")
        width = bar_room * counts[key] / most
        rows.append(
            {
                "id": key,
                "title": title,
                "label": label + note,
                "essential": key in essential,
                "count": f"{counts[key]:,}",
                "y": _f(8 + index * row),
                "ty": _f(8 + index * row + 14),
                "width": _f(max(width, 1)),
                "vx": _f(label_width + width + 6),
            }
        )
    return {
        "rows": rows,
        "label_width": label_width,
        "height": 16 + row * len(top),
        "distinct": len(counts),
    }


def _heatmap(
    digests: Sequence[_Digest], rubric: Rubric | None, linked: Iterable[str]
) -> dict[str, Any]:
    links = set(linked)
    scored = [i for i, d in enumerate(digests) if d.decision != "error"]
    worst = sorted(scored, key=lambda i: (digests[i].rank, i))[:HEATMAP_ROWS]
    rows = [(digests[i], _categories_of(digests[i])) for i in worst]
    keys = sorted({key for _, found in rows for key in found}, key=_natural)
    titles = {c.id: c.title for c in rubric.categories} if rubric else {}
    label_width, cell, line = 280, 44, 22
    top = 28
    cells = []
    for r, (_, found) in enumerate(rows):
        for c, key in enumerate(keys):
            percent = found.get(key)
            cells.append(
                {
                    "x": _f(label_width + c * cell),
                    "y": _f(top + r * line),
                    "cx": _f(label_width + c * cell + cell / 2),
                    "ty": _f(top + r * line + 15),
                    "step": _heat(percent),
                    "text": "—"
                    if key not in found
                    else "n/a"
                    if percent is None
                    else f"{int(percent)}",
                }
            )
    legend_y = top + len(rows) * line + 16
    steps = [(f"{i}", f"{20 * i}{_DASH}{20 * i + 19} %") for i in range(4)]
    steps += [("4", f"80{_DASH}100 %"), ("na", "nothing applies")]
    return {
        "columns": [
            {"id": k, "title": titles.get(k, ""), "cx": _f(label_width + i * cell + cell / 2)}
            for i, k in enumerate(keys)
        ],
        "rows": [
            {
                "path": digest.path,
                "label": _clip_middle(digest.path, _LABEL_CAP),
                "anchor": digest.anchor if digest.anchor in links else None,
                "decision": _DECISION_WORDS[digest.decision],
                "score": f"{_number(digest.percent)} %" if digest.percent is not None else "—",
                "ty": _f(top + r * line + 15),
                "scores": [
                    "—" if k not in found else "n/a" if found[k] is None else f"{found[k]:g} %"
                    for k in keys
                ],
            }
            for r, (digest, found) in enumerate(rows)
        ],
        "cells": cells,
        "cell": cell,
        "label_x": label_width - 8,
        "line": line,
        "width": max(label_width + cell * len(keys) + 8, 8 + len(steps) * 104),
        "height": legend_y + 28,
        "legend": [
            {"step": step, "text": text, "x": _f(8 + i * 104), "tx": _f(8 + i * 104 + 20)}
            for i, (step, text) in enumerate(steps)
        ],
        "legend_y": legend_y,
        "scored": len(scored),
    }


def _overview(
    run: RunInfo, summary: Summary, digests: Sequence[_Digest], options: RenderOptions
) -> dict[str, Any]:
    linked = [d.anchor for d in digests if _has_article(d.decision, options)]
    total = summary.total or 1
    errors = [d for d in digests if d.decision == "error"]
    return {
        "summary": summary,
        "rubric": f"{run.rubric.id}@{run.rubric.version}",
        "counts": [
            {
                "decision": decision,
                "word": _DECISION_WORDS[decision],
                "count": f"{getattr(summary, decision):,}",
                "share": f"{100 * getattr(summary, decision) / total:.0f} %",
            }
            for decision in _DECISIONS
        ],
        "total": f"{summary.total:,}",
        "segments": _decision_bars(summary),
        "checks_failed": _plural(summary.checks_failed, "descriptor")
        if summary.checks_failed
        else None,
        "histogram": _histogram(digests),
        "standards": _top_standards(digests, run.standard),
        "heatmap": _heatmap(digests, run.standard, linked),
        "errors": [
            {"path": d.path, "anchor": d.anchor if _has_article(d.decision, options) else None}
            for d in errors[:ERRORS_NAMED]
        ],
        "errors_more": max(0, len(errors) - ERRORS_NAMED),
        "left_out": sum(1 for d in digests if not _has_article(d.decision, options)),
        "chart_width": _CHART_WIDTH,
        "heatmap_cap": HEATMAP_ROWS,
        "top_cap": TOP_STANDARDS,
    }


def _has_article(decision: str, options: RenderOptions) -> bool:
    return not options.quiet or decision in _QUIET_SHOWN


# -- templates ---------------------------------------------------------------------------


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mcqa.reporters", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["plural"] = _plural
    return environment


def _render(name: str, **context: Any) -> str:
    return _no_command(_environment().get_template(name).render(**context))


@cache
def _stylesheet() -> tuple[Markup, str]:
    """The page's CSS (ours: no text from a file), and its hash for the Content-Security-Policy."""
    css = _environment().get_template("report.css").render(palettes=PALETTES)
    return Markup(css), style_hash(css)


def style_hash(css: str) -> str:
    """The source a Content-Security-Policy's ``style-src`` names to allow this stylesheet.

    >>> style_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# -- the reporter ------------------------------------------------------------------------


class HtmlReporter:
    """One self-contained, accessible HTML page: every descriptor, then the catalog overview.

    See the module's description for the reading order, the size and the escaping.
    """

    NAME: ClassVar[str] = "html"
    DESCRIPTION: ClassVar[str] = (
        "one self-contained, accessible HTML page: every descriptor's findings and "
        "reviews, and a catalog overview with charts"
    )
    SEPARATOR: ClassVar[str] = ""

    def render(self, report: Report, options: RenderOptions) -> str:
        from mcqa.reporters.sarif import installed_rubric

        return render_report(self, report, options, installed_rubric(report.rubric))

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        css, style_hash = _stylesheet()
        rubric = run.standard
        categories = [
            {"id": c.id, "title": c.title, "count": f"{len(c.standards)}"}
            for c in (rubric.categories if rubric else [])
        ]
        return _render(
            "page_start.html",
            css=css,
            style_hash=style_hash,
            tool=run.tool,
            rubric=f"{run.rubric.id}@{run.rubric.version}",
            rubric_title=rubric.title if rubric else None,
            config=run.config,
            categories=categories,
            verbose=options.verbose,
            quiet=options.quiet,
        )

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        if not _has_article(result.decision, options):
            return ""
        return _render("descriptor.html", d=_result_view(result, options), verbose=options.verbose)

    def digest(self, result: DescriptorResult) -> Any:
        return _digest(result)

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        kept = [_Digest(*d) for d in digests]
        return _render("page_end.html", o=_overview(run, summary, kept, options), tool=run.tool)
