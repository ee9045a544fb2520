"""A page for learners: one microcredential in plain language, with its quality check.

``mcqa render`` writes it, for a catalog to publish next to the credential. It
holds what a prospective learner or employer needs, in this order: what the
credential is and who awards it; who it is for and what to know first; what
you will be able to do (the learning outcomes); why it matters (the skills gap,
partners, occupations); workload, level and schedule; how you are assessed,
and whether assessment is supervised and your identity checked; cost,
financial aid and refunds; how it stacks into larger credentials; the
credential you receive; accessibility and support; quality assurance; results
of earlier learners; where to find out more; and the result of the quality
check (decision, score, the rubric ``id@version`` and the day it was judged).
The facts are those of the elements of Annex I of the EU Council
Recommendation on micro-credentials (title, awarding body and its country,
learning outcomes, notional workload, level, type of assessment, form of
participation, type of quality assurance, prerequisites, supervision and
identity verification, stackability, further information), plus what the
descriptor says beyond them.

**What is shown.** Only what the descriptor holds: a field that is absent says
nothing (no "None", no empty heading), and nothing is made up. Codes are named
(``IE`` is "Ireland", ``en`` is "English"); figures are written out (``75``
hours, ``3`` ECTS credits). A descriptor with values of the wrong shape still
gives a page: what could be read (the typed :class:`~mcqa.models.Descriptor`
holds only that) is shown.

**Escaping.** Descriptors come from anyone who can open a pull request.
HTML: every value goes through Jinja with autoescape on and the HTML report's
``finalize`` (:func:`mcqa.reporters.html.shown`: control, line-breaking and
direction-changing characters become visible escapes); no line starts with
what a CI runner obeys; the page makes no request (its Content-Security-Policy
allows its one stylesheet, by hash, and nothing else). A web address from the
descriptor becomes a link only when it is an ``http`` or ``https`` address
(never ``javascript:``, ``data:``, or a relative path): otherwise it is shown
as text. Markdown: every text from the descriptor is shown literally
(:func:`mcqa.reporters.markdown.markdown_text`), and cannot start a list, a
heading or a quote; ``{`` is written as a character reference, so that a site
generator reading the page as a template (Jekyll's Liquid, Hugo's shortcodes)
finds no tag in it.

>>> import mcqa
>>> from mcqa.models.descriptor import Descriptor
>>> data = {"id": "d1", "title": "Data literacy", "learning_outcomes": ["Clean a data set"]}
>>> result = mcqa.evaluate(data, "mcqa-core@2.0.0").results[0]
>>> page = render_learner_page(Descriptor.model_validate(data), result,
...     mcqa.load_rubric("mcqa-core@2.0.0"), format="markdown", today=dt.date(2026, 12, 1))
>>> print(page.splitlines()[0])
# Data literacy
>>> "Clean a data set" in page, "None" in page
(True, False)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, urlsplit

from markupsafe import Markup

# The HTML report's escaping and policy, shared so that both pages escape alike:
# ``_finalize`` and ``_no_command`` are private to that module, imported on purpose.
from mcqa.reporters.html import PALETTES, _finalize, _no_command, style_hash
from mcqa.reporters.markdown import markdown_code, markdown_text

if TYPE_CHECKING:
    import jinja2

    from mcqa.models.descriptor import Descriptor, Issuer
    from mcqa.models.report import DescriptorResult, RubricRef
    from mcqa.models.rubric import Rubric

__all__ = ["LEARNER_FORMATS", "render_learner_page", "web_address"]

#: The formats :func:`render_learner_page` writes.
LEARNER_FORMATS = ("html", "markdown")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_DECISIONS = {
    "conformant": "Meets the quality standard",
    "not_conformant": "Does not meet the quality standard yet",
    "pending_review": "Quality review in progress",
    "error": "Could not be checked",
}
_CHECKED = "The description of this credential was checked against the quality standard "
#: What the check found, in a sentence: the words before the rubric's name, and after.
_DECISION_NOTES = {
    "conformant": (_CHECKED, " and meets it."),
    "not_conformant": (_CHECKED, " and does not meet it yet."),
    "pending_review": (
        "The description of this credential is being checked against the quality standard ",
        ": some standards still await the judgement of reviewers.",
    ),
    "error": ("The description of this credential could not be checked against ", "."),
}
_MODES = {
    "online": "Online",
    "on-site": "On site",
    "blended": "Blended (online and on site)",
}
_IDENTITY = {
    "none": "Assessment is not supervised, and your identity is not checked.",
    "supervised": "Assessment is supervised, without an identity check.",
    "supervised-id-check": "Assessment is supervised, and your identity is checked.",
}

# -- the page, whatever its format -----------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Text, shown as it is (escaped)."""

    text: str
    kind: Literal["text"] = "text"


@dataclass(frozen=True)
class Link:
    """A web address: a link when ``href`` is set, else the text only."""

    text: str
    href: str | None
    named: bool = False
    """``text`` is a name, not the address (printing shows the address after it)."""
    kind: Literal["link"] = "link"


@dataclass(frozen=True)
class Stamp:
    """A date, written out, with its ``YYYY-MM-DD`` form for machines."""

    text: str
    iso: str
    kind: Literal["time"] = "time"


@dataclass(frozen=True)
class Code:
    """An identifier, such as a rubric's ``id@version``."""

    text: str
    kind: Literal["code"] = "code"


Inline = Text | Link | Stamp | Code
Run = tuple[Inline, ...]


@dataclass(frozen=True)
class Fact:
    """A term and its values (one ``dd`` each)."""

    label: str
    values: tuple[Run, ...]


@dataclass(frozen=True)
class Item:
    """A list item, with notes under it."""

    main: Run
    notes: tuple[Run, ...] = ()


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``), facts (``facts``), a list (``list``) or a titled part (``part``)."""

    kind: Literal["p", "facts", "list", "part"]
    run: Run = ()
    facts: tuple[Fact, ...] = ()
    items: tuple[Item, ...] = ()
    heading: str = ""
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Page:
    title: str
    kind: str | None
    byline: Run
    verdict: dict[str, Any]
    sections: tuple[Section, ...]
    check: Section
    annex: Run = field(default=())


# -- text ------------------------------------------------------------------------------------

_BREAKS = re.compile(r"\r\n?|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACES_AROUND_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_WEB = re.compile(
    "https?://[^\\s<>{}\"'`\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+",
    re.IGNORECASE,
)


def _paragraphs(text: str) -> list[str]:
    """Text as paragraphs: a blank line parts them, a single line break is a space."""
    text = _BREAKS.sub("\n", text).strip()
    parts = (_SPACES_AROUND_BREAK.sub(" ", p).strip() for p in _BLANK_LINE.split(text))
    return [p for p in parts if p]


def _line(text: str) -> str:
    """Text on one line."""
    return " ".join(_paragraphs(text))


def _t(text: str) -> Run:
    return (Text(_line(text)),)


def web_address(url: str) -> str | None:
    """``url`` if it is an ``http`` or ``https`` address a page may link to; else ``None``.

    >>> web_address("https://example.org/a?b=c"), web_address(" http://example.org ")
    ('https://example.org/a?b=c', 'http://example.org')
    >>> [web_address(u) for u in ("javascript:alert(1)", "data:,x", "/a", "https://", "http://a b")]
    [None, None, None, None, None]
    """
    url = url.strip(" \t\r\n")
    if not _WEB.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _link(url: str, name: str | None = None) -> Link:
    href = web_address(url)
    if name is None:
        return Link(_line(url) if href is None else href, href)
    return Link(_line(name), href, named=True)


def _number(value: float) -> str:
    """``75``, ``1,200``, ``12.5``: no trailing zeros, no exponent."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _date(value: dt.date) -> Stamp:
    return Stamp(f"{value.day} {_MONTHS[value.month - 1]} {value.year}", value.isoformat())


def _date_text(text: str) -> Inline:
    try:
        return _date(dt.date.fromisoformat(text))
    except ValueError:
        return Text(_line(text))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _texts(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    return [_line(item) for item in items if _line(item)]


@lru_cache(maxsize=1024)  # codes read from files: bounded
def _country_name(code: str) -> str | None:
    import pycountry

    try:
        found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    except (KeyError, LookupError):
        return None
    if found is None:
        return None
    return str(getattr(found, "common_name", None) or found.name)


@lru_cache(maxsize=1024)  # tags read from files: bounded
def _language_name(tag: str) -> str:
    """``en`` -> ``English``, ``nl-BE`` -> ``Dutch (nl-BE)``; a tag not known stays as it is."""
    import pycountry

    primary = tag.split("-", 1)[0].lower()
    try:
        if len(primary) == 2:
            found = pycountry.languages.get(alpha_2=primary)
        elif len(primary) == 3:
            found = pycountry.languages.get(alpha_3=primary)
        else:
            found = None
    except (KeyError, LookupError):
        found = None
    if found is None:
        return tag
    name = str(getattr(found, "common_name", None) or found.name)
    return name if tag.lower() == primary else f"{name} ({tag})"


def _place(issuer: Issuer) -> str | None:
    """``Munster, Ireland``: the region, then the country (named when its code is known)."""
    parts = []
    if issuer.region and _line(issuer.region):
        parts.append(_line(issuer.region))
    if issuer.country and _line(issuer.country):
        code = _line(issuer.country)
        parts.append(_country_name(code) or code)
    return ", ".join(parts) or None


def _issuer_text(issuer: Issuer) -> str | None:
    name = _line(issuer.name) if issuer.name else ""
    place = _place(issuer)
    if name and place:
        return f"{name} ({place})"
    return name or place


# -- building the page -----------------------------------------------------------------------


class _Facts:
    """Facts, each added only when it has a value."""

    def __init__(self) -> None:
        self.facts: list[Fact] = []

    def add(self, label: str, *values: Run | str | None) -> None:
        runs = []
        for value in values:
            if value is None:
                continue
            run = _t(value) if isinstance(value, str) else value
            if any(not isinstance(i, Text) or i.text for i in run):
                runs.append(run)
        if runs:
            self.facts.append(Fact(label, tuple(runs)))

    def texts(self, label: str, value: str | list[str] | None) -> None:
        self.add(label, *_texts(value))

    def flag(self, label: str, value: bool | None, yes: str, no: str) -> None:
        if value is not None:
            self.add(label, yes if value else no)

    def block(self) -> list[Block]:
        return [Block("facts", facts=tuple(self.facts))] if self.facts else []


def _paragraph_blocks(text: str | None) -> list[Block]:
    return [Block("p", run=(Text(p),)) for p in _paragraphs(text or "")]


def _section(sections: list[Section], id: str, heading: str, blocks: Iterable[Block]) -> None:
    kept = tuple(blocks)
    if kept:
        sections.append(Section(id, heading, kept))


def _about(d: Descriptor) -> list[Block]:
    facts = _Facts()
    if d.type:
        facts.add("Type", _upper_first(_line(d.type)))
    if d.issuer is not None:
        facts.add("Awarded by", d.issuer.name)
        facts.add("Part of", d.issuer.parent)
        facts.add("Country or region", _place(d.issuer))
        if d.issuer.url:
            facts.add("Awarding body's website", (_link(d.issuer.url),))
    facts.add("Awarded jointly with", *(_issuer_text(i) for i in d.co_issuers or ()))
    tags = list(dict.fromkeys([*([d.language] if d.language else []), *(d.languages or [])]))
    facts.add("Taught and assessed in", *(_language_name(_line(t)) for t in tags if _line(t)))
    facts.add("Status", _upper_first(_line(d.status)) if d.status else None)
    facts.add("Version", d.version)
    return [*_paragraph_blocks(d.description), *facts.block()]


def _audience(d: Descriptor) -> list[Block]:
    blocks = []
    facts = _Facts()
    if d.audience is not None:
        blocks += _paragraph_blocks(d.audience.description)
        facts.add(
            "Starting level", _upper_first(_line(d.audience.level)) if d.audience.level else None
        )
        facts.add("What you should know already", d.audience.prior_knowledge)
    facts.texts("Prerequisites", d.prerequisites)
    return blocks + facts.block()


def _outcomes(d: Descriptor) -> list[Block]:
    items = []
    for outcome in d.learning_outcomes or ():
        statement = _line(outcome.statement)
        if not statement:
            continue
        label = _line(outcome.id) if outcome.id else ""
        main = (Text(f"{label}: {statement}" if label else statement),)
        notes: list[Run] = []
        for alignment in outcome.alignments or ():
            name = _line(alignment.name or "") or _line(alignment.code or "")
            url = _line(alignment.url or "")
            if not name and not url:
                continue
            where = _line(alignment.framework) if alignment.framework else ""
            lead = Text(f"Skill{f' ({where})' if where else ''}: ")
            shown: Inline = _link(url, name or None) if url else Text(name)
            notes.append((lead, shown))
        items.append(Item(main, tuple(notes)))
    if not items:
        return []
    intro = Block("p", run=(Text("When you have earned this credential, you will be able to:"),))
    return [intro, Block("list", items=tuple(items))]


def _relevance(d: Descriptor) -> list[Block]:
    relevance = d.relevance
    if relevance is None:
        return []
    facts = _Facts()
    facts.add("The skills gap it addresses", relevance.skills_gap)
    facts.add("Evidence of demand", relevance.labor_market_evidence)
    facts.texts("Industry partners", relevance.industry_partners)
    occupations = []
    for occupation in relevance.occupations or ():
        title = _line(occupation.title or "")
        code = " ".join(_line(x) for x in (occupation.framework, occupation.code) if x and _line(x))
        if title or code:
            occupations.append(f"{title} ({code})" if title and code else title or code)
    facts.add("Prepares you for", *occupations)
    return facts.block()


def _workload(d: Descriptor) -> list[Block]:
    facts = _Facts()
    w = d.workload
    if w is not None:
        if w.hours is not None:
            facts.add("Workload", f"{_number(w.hours)} hours of learning in total")
        if w.ects is not None:
            facts.add("ECTS credits", _number(w.ects))
        if w.credit_hours is not None:
            facts.add("US semester credit hours", _number(w.credit_hours))
        if w.ceus is not None:
            facts.add("Continuing Education Units (CEUs)", _number(w.ceus))
        if w.duration_weeks is not None:
            weeks = _number(w.duration_weeks)
            facts.add("Duration", f"{weeks} {'week' if weeks == '1' else 'weeks'}")
        facts.add("Pace", _upper_first(_line(w.pace)) if w.pace else None)
    if d.level is not None:
        level = d.level
        framework = _line(level.framework) if level.framework else ""
        value = _line(str(level.value)) if level.value is not None else ""
        named = f"{framework} level {value}" if framework and value else framework
        if not named and value:
            named = f"Level {value}"
        reason = _line(level.not_applicable) if level.not_applicable else ""
        facts.add(
            "Level",
            named or None,
            f"No qualifications framework level: {reason}" if reason else None,
        )
    if d.delivery is not None:
        facts.add("Form of participation", _MODES.get(d.delivery.mode or ""))
        facts.add("Schedule", d.delivery.schedule)
    return facts.block()


def _assessment(d: Descriptor) -> list[Block]:
    """The types of assessment and supervision as facts, then each assessment with details."""
    facts = _Facts()
    assessments = d.assessments or []
    kinds = [_upper_first(_line(a.type)) for a in assessments if a.type and _line(a.type)]
    facts.add("Type of assessment", *dict.fromkeys(kinds))
    if d.identity_verification is not None:
        facts.add("Supervision and identity check", _IDENTITY[d.identity_verification])
    blocks = facts.block()
    for number, assessment in enumerate(assessments, start=1):
        details = _Facts()
        details.add("What you do", assessment.description)
        outcomes = [_line(o) for o in assessment.outcomes or () if _line(o)]
        details.add("Outcomes it assesses", ", ".join(outcomes) if outcomes else None)
        details.add("What it takes to pass", assessment.passing_standard)
        if not details.facts:
            continue  # its type, if any, is among the types above
        kind = _upper_first(_line(assessment.type)) if assessment.type else ""
        label = _line(assessment.id) if assessment.id else ""
        heading = f"{label}: {kind}" if label and kind else kind or label
        blocks.append(
            Block("part", heading=heading or f"Assessment {number}", blocks=tuple(details.block()))
        )
    return blocks


def _cost(d: Descriptor) -> list[Block]:
    cost = d.cost
    if cost is None:
        return []
    facts = _Facts()
    if cost.amount is not None:
        currency = _line(cost.currency) if cost.currency else ""
        if cost.amount == 0:
            facts.add("Price", "Free")
        else:
            facts.add("Price", f"{_number(cost.amount)} {currency}".strip())
    facts.texts("The price includes", cost.includes)
    facts.texts("Additional fees", cost.additional_fees)
    aid = cost.financial_aid
    if aid is not None:
        facts.flag("Financial aid", aid.eligible, "Available", "Not available")
        facts.add("About financial aid", aid.statement)
        facts.texts("Financial aid programmes", aid.programs)
    facts.texts("Scholarships", cost.scholarships)
    if cost.refund_policy_url:
        facts.add("Refund policy", (_link(cost.refund_policy_url),))
    return facts.block()


def _pathways(d: Descriptor) -> list[Block]:
    s = d.stackability
    if s is None:
        return []
    facts = _Facts()
    targets = []
    for target in s.stacks_into or ():
        title = _line(target.title or "") or _line(target.id or "")
        kind = _line(target.type or "")
        if title or kind:
            targets.append(f"{_upper_first(kind)}: {title}" if title and kind else title or kind)
    facts.add("Counts towards", *targets)
    if s.credit is not None:
        value = _number(s.credit.value) if s.credit.value is not None else ""
        unit = _line(s.credit.unit) if s.credit.unit else ""
        amount = f"{value} {unit}".strip()
        by = _line(s.credit.recommended_by) if s.credit.recommended_by else ""
        if amount and by:
            facts.add("Credit", f"{amount}, recommended by {by}")
        else:
            facts.add("Credit", amount or (f"Recommended by {by}" if by else None))
    facts.flag(
        "On your transcript",
        s.transcripted,
        "Yes: it appears on your official transcript",
        "No: it does not appear on an official transcript",
    )
    facts.flag(
        "On your learner record",
        s.learner_record,
        "Yes: the provider keeps it on your permanent learner record",
        "No: the provider does not keep it on a permanent learner record",
    )
    return facts.block()


def _credential(d: Descriptor) -> list[Block]:
    c = d.credential
    if c is None:
        return []
    facts = _Facts()
    facts.add("Format", c.format)
    facts.add("Issued through", c.platform)
    if c.verification_url:
        facts.add("Where to verify it", (_link(c.verification_url),))
    facts.add("Expiry", _upper_first(_line(c.expires)) if c.expires else None)
    return facts.block()


def _support(d: Descriptor) -> list[Block]:
    facts = _Facts()
    if d.accessibility is not None:
        facts.add("Accessibility", d.accessibility.statement)
        facts.add("Accessibility standard", d.accessibility.conformance)
        facts.add("Ask for adjustments", d.accessibility.accommodations_contact)
    if d.equity is not None:
        facts.add("Inclusion", d.equity.statement)
        facts.texts("Support for learners", d.equity.supports)
    return facts.block()


def _quality(d: Descriptor) -> list[Block]:
    qa = d.quality_assurance
    if qa is None:
        return []
    facts = _Facts()
    facts.add("Type of quality assurance", _upper_first(_line(qa.type)) if qa.type else None)
    facts.add("Assured by", qa.body)
    facts.add("Approved through", qa.approved_through)
    if qa.policy_url:
        facts.add("Quality policy", (_link(qa.policy_url),))
    if qa.last_review:
        facts.add("Last reviewed", (_date_text(qa.last_review),))
    if qa.next_review:
        facts.add("Next review", (_date_text(qa.next_review),))
    return facts.block()


def _results(d: Descriptor) -> list[Block]:
    data = d.outcomes_data
    if data is None:
        return []
    facts = _Facts()
    if data.enrollments is not None:
        facts.add("Learners enrolled", _number(data.enrollments))
    for label, rate in (
        ("Completed the credential", data.completion_rate),
        ("In employment", data.employment_rate),
        ("Went on to a larger credential", data.progression_rate),
    ):
        if rate is not None:
            facts.add(label, f"{_number(rate)} %")
    if facts.facts:
        facts.add("Period", data.period)
    return facts.block()


def _further(d: Descriptor) -> list[Block]:
    facts = _Facts()
    if d.url:
        facts.add("Web page", (_link(d.url),))
    c = d.contact
    if c is not None:
        facts.add("Contact", c.name)
        facts.add("Email", c.email)
        facts.add("Phone", c.phone)
        if c.url:
            facts.add("Contact page", (_link(c.url),))
    return facts.block()


def _rubric_of(result: DescriptorResult, rubric: Rubric | RubricRef) -> tuple[str, str | None]:
    """The rubric that judged the result (``id@version``), and its title when known."""
    given = f"{rubric.id}@{rubric.version}"
    if result.rubric is not None:
        used = f"{result.rubric.id}@{result.rubric.version}"
        if used != given:
            return used, None
    title = getattr(rubric, "title", None)
    return given, _line(title) if isinstance(title, str) and _line(title) else None


def _check(
    result: DescriptorResult, rubric: Rubric | RubricRef, today: dt.date
) -> tuple[dict[str, Any], Section]:
    ref, title = _rubric_of(result, rubric)
    word = _DECISIONS[result.decision]
    when = _date(today)
    named: Run = (Text(f"{title} ("), Code(ref), Text(")")) if title else (Code(ref),)
    facts = _Facts()
    facts.add("Result", word)
    if result.score is not None:
        score = result.score
        facts.add(
            "Score",
            f"{_number(score.percent)} % ({_number(score.earned)} of "
            f"{_number(score.possible)} points)",
        )
    if result.essentials is not None and result.essentials.total:
        facts.add(
            "Essential standards met",
            f"{result.essentials.met} of {result.essentials.total}",
        )
    if result.band:
        facts.add("Band", result.band)
    waiting = sum(1 for s in result.standards if s.status == "pending_review")
    if waiting:
        facts.add("Awaiting reviewers", f"{waiting} {'standard' if waiting == 1 else 'standards'}")
    facts.add("Quality standard", named)
    facts.add("Checked on", (when,))
    before, after = _DECISION_NOTES[result.decision]
    explain = (
        Text(before),
        *named,
        Text(
            f"{after} The check is about how the credential is designed and described, "
            "not about any learner's achievement."
        ),
    )
    verdict = {"decision": result.decision, "word": word, "ref": ref, "when": when}
    blocks = (Block("p", run=explain), *facts.block())
    return verdict, Section("check", "Quality check", blocks)


def _page(
    d: Descriptor, result: DescriptorResult, rubric: Rubric | RubricRef, today: dt.date
) -> Page:
    sections: list[Section] = []
    _section(sections, "about", "About this credential", _about(d))
    _section(sections, "audience", "Who it is for", _audience(d))
    _section(sections, "outcomes", "What you will be able to do", _outcomes(d))
    _section(sections, "relevance", "Why it matters", _relevance(d))
    _section(sections, "workload", "Workload, level and schedule", _workload(d))
    _section(sections, "assessment", "How you are assessed", _assessment(d))
    _section(sections, "cost", "Cost, financial aid and refunds", _cost(d))
    _section(sections, "pathways", "Where it leads", _pathways(d))
    _section(sections, "credential", "The credential you receive", _credential(d))
    _section(sections, "support", "Accessibility and support", _support(d))
    _section(sections, "quality", "Quality assurance", _quality(d))
    _section(sections, "results", "Results of earlier learners", _results(d))
    _section(sections, "further", "Further information", _further(d))
    verdict, check = _check(result, rubric, today)
    byline: list[Inline] = []
    if d.issuer is not None:
        issuer = _issuer_text(d.issuer)
        if issuer:
            byline.append(Text(f"Awarded by {issuer}"))
    title = _line(d.title) or _line(d.id) or "Untitled credential"
    annex = (
        Text(
            "The facts on this page come from the credential's catalog description, "
            "arranged after the elements of Annex I of the Council Recommendation on a "
            "European approach to micro-credentials (2022/C 243/02)."
        ),
    )
    return Page(
        title=title,
        kind=_upper_first(_line(d.type)) if d.type and _line(d.type) else None,
        byline=tuple(byline),
        verdict=verdict,
        sections=tuple(sections),
        check=check,
        annex=annex,
    )


# -- HTML ------------------------------------------------------------------------------------


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("mcqa", "templates/learner"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _stylesheet() -> tuple[Markup, str]:
    """The page's CSS (ours: no text from a descriptor), and its Content-Security-Policy hash."""
    css = _environment().get_template("learner.css").render(palettes=PALETTES)
    return Markup(css), style_hash(css)


def _html(page: Page) -> str:
    css, css_hash = _stylesheet()
    text = _environment().get_template("page.html").render(page=page, css=css, style_hash=css_hash)
    return _no_command(text)


# -- Markdown --------------------------------------------------------------------------------

# What would start a block at the start of a line or item: a list item or a setext
# heading's underline (``-``, ``+``, ``=``), or an ordered list item (``1.``; ``1)``
# is already escaped by markdown_text).
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+(?=\.))")
# What a CI runner obeys at the start of a line.
_COMMAND_LINE = re.compile(r"^(\s*)(?=::|##\[|##vso\[)", re.IGNORECASE | re.MULTILINE)
# Left as they are in a link's address: what RFC 3986 allows, but not ( ) < > nor space.
_URL_SAFE = ":/?#[]@!$&'*+,;=%-._~"


def _md_escape(text: str) -> str:
    """:func:`markdown_text`, with ``{`` as a character reference: a site generator that
    reads the page as a template (Jekyll's Liquid, Hugo's shortcodes) sees no tag in it."""
    return markdown_text(text).replace("{", "&#123;")


def _md_code(text: str) -> str:
    return markdown_code(text) if "{" not in text else _md_escape(text)


def _md_text(text: str, *, start: bool = True) -> str:
    """Text shown literally; at the ``start`` of a line or list item, it starts no block."""
    escaped = _md_escape(text)
    match = _BLOCK_START.match(escaped) if start else None
    if match is None:
        return escaped
    at = match.end() if escaped[:1].isdigit() else 0
    return f"{escaped[:at]}\\{escaped[at:]}"


def _md_inline(item: Inline, *, start: bool) -> str:
    if isinstance(item, Code):
        return _md_code(item.text)
    if isinstance(item, Link):
        if item.href is None:
            return _md_text(item.text, start=start)
        if not item.named:
            return f"<{item.href}>"
        return f"[{_md_escape(item.text)}]({quote(item.href, safe=_URL_SAFE)})"
    return _md_text(item.text, start=start)


def _md_run(run: Run, *, start: bool = True) -> str:
    """The run; ``start``: it starts a line or a list item."""
    return "".join(_md_inline(item, start=start and not i) for i, item in enumerate(run))


def _md_facts(facts: Sequence[Fact], indent: str = "") -> list[str]:
    lines = []
    for fact in facts:
        label = f"{indent}- **{markdown_text(fact.label)}:**"
        if len(fact.values) == 1:
            lines.append(f"{label} {_md_run(fact.values[0], start=False)}")
        else:
            lines.append(label)
            lines += [f"{indent}  - {_md_run(value)}" for value in fact.values]
    return lines


def _md_blocks(blocks: Sequence[Block], level: int) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.kind == "p":
            lines += [_md_run(block.run), ""]
        elif block.kind == "facts":
            lines += [*_md_facts(block.facts), ""]
        elif block.kind == "list":
            for item in block.items:
                lines.append(f"- {_md_run(item.main)}")
                lines += [f"  - {_md_run(note)}" for note in item.notes]
            lines.append("")
        else:
            lines += [f"{'#' * level} {_md_text(block.heading)}", ""]
            lines += _md_blocks(block.blocks, level + 1)
    return lines


def _markdown(page: Page) -> str:
    lines = [f"# {_md_text(page.title)}", ""]
    lead = [f"*{_md_escape(page.kind)}*"] if page.kind else []
    if page.byline:
        lead.append(_md_run(page.byline))
    if lead:
        sentence = ". ".join(lead)
        # a name that ends a sentence with its own full stop ("NETIS d.o.o.") needs no other
        lines += [sentence if sentence.endswith(".") else sentence + ".", ""]
    v = page.verdict
    lines += [
        f"**{markdown_text(v['word'])}**: checked against {_md_code(v['ref'])} "
        f"on {markdown_text(v['when'].text)} (see [Quality check](#quality-check)).",
        "",
    ]
    for section in (*page.sections, page.check):
        lines += [f"## {markdown_text(section.heading)}", ""]
        lines += _md_blocks(section.blocks, 3)
    lines += [f"_{_md_run(page.annex)}_", ""]
    while lines and not lines[-1]:
        lines.pop()
    return _COMMAND_LINE.sub(r"\1\\", "\n".join(lines)) + "\n"


# -- the entry point -------------------------------------------------------------------------


def render_learner_page(
    descriptor: Descriptor,
    result: DescriptorResult,
    rubric: Rubric | RubricRef,
    *,
    format: Literal["html", "markdown"] = "html",
    today: dt.date | None = None,
) -> str:
    """The page for learners of one microcredential, as HTML or GitHub-flavoured Markdown.

    ``descriptor`` is the typed descriptor (what could be read of it: see
    :func:`mcqa.evaluate.type_descriptor`, after
    :func:`mcqa.importers.load_descriptor` for a Markdown page, an Open Badges
    achievement or a CTDL record); ``result`` its result against ``rubric``
    (:func:`mcqa.evaluate_document`, :func:`mcqa.evaluate` or ``mcqa check``,
    with reviewers' forms when the rubric has standards people judge). When
    ``result.rubric`` names another rubric (a per-path override chose it), the
    page names that one. ``today`` is the day the result was judged (default:
    today), shown with it. The HTML page is whole and self-contained: it loads
    nothing and runs nothing.
    """
    if format not in LEARNER_FORMATS:
        raise ValueError(f"no learner page in {format!r}; choose html or markdown")
    page = _page(descriptor, result, rubric, today or dt.date.today())
    return _html(page) if format == "html" else _markdown(page)
