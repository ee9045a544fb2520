"""``-f html``: one self-contained, accessible page, the same bytes however it is written.

The example catalog's output is compared byte for byte with
``tests/reporters/golden/example.html``; after a deliberate change, rewrite it
with ``MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters`` and read the
difference before committing it (or open it in a browser).

The page is parsed (``html.parser``) into a tree whose tags must nest exactly as
written, then checked: one ``h1`` and no heading level skipped, every table
with a caption and every header cell with a scope, every chart an image with a
title, no script, no style attribute, no address but the page's own anchors,
the stylesheet allowed by its hash. The colours of the stylesheet are checked
for contrast with the WCAG formula. When Chromium is installed, a headless
Chromium opens the page and must build the same document, with nothing blocked
by the Content-Security-Policy; CI installs it (``apt-get install chromium``),
elsewhere that test is skipped.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import os
import pickle
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcqa
from mcqa.catalog import discover, iter_results, plan_catalog
from mcqa.cli import cli
from mcqa.config import LoadedConfig
from mcqa.models.finding import Finding, RelatedLocation, Waiver
from mcqa.models.report import (
    Acceptance,
    AgreementStats,
    DescriptorResult,
    ReviewerAnswer,
    RoundOutcome,
    Score,
)
from mcqa.models.rubric import Rubric
from mcqa.reporters import StreamingReporter, all_reporters
from mcqa.reporters._base import RenderOptions, RunInfo, render_report
from mcqa.reporters.html import (
    FINDINGS_SHOWN,
    GRAPHIC_PAIRS,
    HEATMAP_ROWS,
    TEXT_PAIRS,
    HtmlReporter,
    anchor_of,
)

from ._ci_support import (
    ROOT,
    TODAY,
    assert_golden,
    assert_no_raw_controls,
    example_report,
    hostile_catalog,
    report_of,
    streamed,
)

REPORTER = HtmlReporter()
OPTIONS = RenderOptions()
VERBOSE = RenderOptions(verbose=True)
QUIET = RenderOptions(quiet=True)

# Text that would be markup, script, an attribute, a CI command or a reordering of the line.
HOSTILE = (
    "<script>alert(1)</script> \"onmouseover=alert(1) x=' <img src=x onerror=alert(2)> "
    "</td></tr></table></article> <!-- c --> ]]> &amp; \u202eevil\u202c \r\n"
    "::error file=x::forged \x1b[2J \ud800"
)


@pytest.fixture(scope="module")
def core() -> Rubric:
    return mcqa.load_rubric("mcqa-core@2.0.0")


# -- the document as a tree ------------------------------------------------------------------

_VOID = {"meta", "link", "br", "hr", "img", "input", "source", "wbr", "col", "area", "base"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    content: list[Node | str] = field(default_factory=list)
    """Elements and text, in order."""

    @property
    def children(self) -> list[Node]:
        return [item for item in self.content if isinstance(item, Node)]

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str) -> list[Node]:
        return [node for node in self.iter() if node.tag == tag]

    def all_text(self) -> str:
        return "".join(i if isinstance(i, str) else i.all_text() for i in self.content)


class _Tree(HTMLParser):
    """Tags must close in the order they opened (the templates write every end tag)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"<{tag}> repeats an attribute: {names}"
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].content.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment in the page: {data!r}")


def parse(text: str) -> Node:
    tree = _Tree()
    tree.feed(text)
    tree.close()
    assert [n.tag for n in tree.stack] == ["#document"], "an element is not closed"
    assert tree.doctype.lower() == "doctype html"
    return tree.root


def by_id(root: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for node in root.iter():
        if "id" in node.attrs:
            assert node.attrs["id"] not in found, f"id {node.attrs['id']!r} twice"
            found[node.attrs["id"]] = node
    return found


def assert_accessible(text: str) -> Node:
    """The page's structure: what a screen reader, a keyboard and a strict browser need."""
    root = parse(text)
    [html] = root.children
    assert html.tag == "html" and html.attrs == {"lang": "en"}
    head, body = html.children
    assert (head.tag, body.tag) == ("head", "body")
    assert head.children[0].tag == "meta" and head.children[0].attrs == {"charset": "utf-8"}
    assert head.find_all("title")[0].all_text().strip()
    ids = by_id(root)

    # One h1; a heading is at most one level below the one before it.
    levels = [int(n.tag[1]) for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} then h{after}"

    # Tables: a caption first; every header cell says what it heads.
    for table in root.find_all("table"):
        assert table.children[0].tag == "caption" and table.children[0].all_text().strip()
        for th in table.find_all("th"):
            assert th.attrs.get("scope") in ("col", "row"), th
    # Charts: images with a title, named by it.
    for svg in root.find_all("svg"):
        assert svg.attrs.get("role") == "img"
        title = svg.children[0]
        assert title.tag == "title" and title.all_text().strip()
        named = svg.attrs["aria-labelledby"].split()
        assert title.attrs["id"] == named[0] and all(i in ids for i in named)

    # Nothing runs, nothing is fetched, nothing styles itself.
    tags = {node.tag for node in root.iter()}
    assert not tags & {"script", "iframe", "object", "embed", "img", "form", "input", "base"}
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on") and name != "style", (node.tag, name)
            if name in ("href", "src", "xlink:href", "action", "srcset"):
                assert value == "data:," or value.startswith("#"), value
                if value.startswith("#") and value != "#top":
                    assert value[1:] in ids, f"{value} goes nowhere"
    [style] = root.find_all("style")
    css = style.all_text()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    [policy] = [m for m in head.find_all("meta") if m.attrs.get("http-equiv")]
    assert policy.attrs["http-equiv"] == "Content-Security-Policy"
    assert policy.attrs["content"].startswith("default-src 'none'; ")
    assert f"style-src 'sha256-{digest}';" in policy.attrs["content"]

    # Reading order: the first link skips to the overview, which comes after the descriptors.
    links = [n for n in body.iter() if n.tag == "a"]
    assert links[0].attrs["href"] == "#overview"
    sections = [n.attrs.get("id") for n in body.iter() if n.tag == "section"]
    assert sections == ["descriptors", "overview"]
    articles = root.find_all("article")
    assert all(a in list(ids["descriptors"].iter()) for a in articles)
    for node in body.iter():
        if node.tag == "details":
            assert node.children[0].tag == "summary"
    return root


def articles_of(root: Node) -> dict[str, Node]:
    return {a.find_all("h3")[0].all_text(): a for a in root.find_all("article")}


# -- the example catalog ---------------------------------------------------------------------


def test_the_example_catalog_is_the_golden_file() -> None:
    assert_golden("example.html", REPORTER.render(example_report(), OPTIONS))


@pytest.mark.parametrize("options", [OPTIONS, VERBOSE, QUIET], ids=["plain", "verbose", "quiet"])
def test_the_example_page_is_accessible(options: RenderOptions) -> None:
    text = REPORTER.render(example_report(), options)
    root = assert_accessible(text)
    assert_no_raw_controls(text)
    shown = articles_of(root)
    if options.quiet:
        assert all(
            r.decision in ("error", "not_conformant")
            for r in example_report().results
            if r.path in shown
        )
        assert len(shown) == 5
    else:
        assert list(shown) == [r.path for r in example_report().results]


def test_the_reporter_streams() -> None:
    assert isinstance(REPORTER, StreamingReporter)
    assert REPORTER.NAME == "html" and REPORTER.DESCRIPTION


@pytest.mark.parametrize(
    "pick",
    [
        [],
        ["data-analytics-foundations.yaml"],
        ["broken-entry.yaml"],
        ["data-analytics-foundations.yaml", "broken-entry.yaml", "welding-safety-practice.yaml"],
    ],
    ids=["none", "one", "one-error", "many"],
)
def test_streaming_gives_the_same_bytes_as_render(core: Rubric, pick: list[str]) -> None:
    by_name = {Path(r.path).name: r for r in example_report().results}
    results = [by_name[name] for name in pick]
    report = report_of(results)
    for options in (OPTIONS, VERBOSE, QUIET):
        whole = REPORTER.render(report, options)
        assert streamed(REPORTER, results, options, standard=core) == whole
        assert_accessible(whole)
        # Digests cross from the worker processes pickled.
        run = RunInfo(tool=report.tool, rubric=report.rubric, standard=core)
        digests = [pickle.loads(pickle.dumps(REPORTER.digest(r))) for r in results]
        assert REPORTER.end(run, report.summary, digests, options) in whole


def test_the_bytes_do_not_depend_on_the_number_of_workers(tmp_path: Path, core: Rubric) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    for source in sorted((ROOT / "examples/catalog").iterdir()):
        (folder / source.name).write_bytes(source.read_bytes())
    loaded = LoadedConfig(root=tmp_path)
    plan = plan_catalog(discover([folder], loaded), core, loaded)
    outputs = set()
    for jobs in (1, 3):
        results = list(iter_results(plan, jobs=jobs, today=TODAY))
        outputs.add(streamed(REPORTER, results, OPTIONS, standard=core))
    assert len(outputs) == 1


@pytest.mark.skipif("html" not in all_reporters(), reason="the html format is not registered")
@pytest.mark.parametrize("jobs", [1, 2])
def test_mcqa_check_streams_the_same_bytes(monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """Through the command line, rendered and digested by worker processes."""
    monkeypatch.chdir(ROOT)
    args = ["check", "examples/catalog", "--config", "examples/.mcqa.yaml", "-f", "html"]
    run = CliRunner().invoke(cli, [*args, "--today", "2026-12-01", "-j", str(jobs)])
    assert run.exit_code == 1, run.output
    report = mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)
    assert run.stdout == REPORTER.render(report, OPTIONS)


def test_an_empty_run_is_a_whole_page() -> None:
    text = REPORTER.render(report_of([]), OPTIONS)
    root = assert_accessible(text)
    assert "No descriptors were checked." in root.all_text()
    assert not root.find_all("article") and not root.find_all("svg")


def test_without_a_rubric_categories_have_numbers_only() -> None:
    text = render_report(REPORTER, example_report(), OPTIONS)  # standard=None
    root = assert_accessible(text)
    assert "Categories of the rubric" not in root.all_text()
    assert "Overview and transparency" not in text


# -- what a descriptor's article shows -------------------------------------------------------


def article(result: DescriptorResult, options: RenderOptions = OPTIONS) -> Node:
    text = REPORTER.render(report_of([result]), options)
    [node] = assert_accessible(text).find_all("article")
    assert node.attrs["id"] == anchor_of(result.path)
    return node


def cells(table: Node) -> list[list[str]]:
    return [[cell.all_text() for cell in row.children] for row in table.iter() if row.tag == "tr"]


def table_named(node: Node, caption: str) -> Node:
    [table] = [t for t in node.find_all("table") if t.children[0].all_text().startswith(caption)]
    return table


def named(name: str) -> DescriptorResult:
    return next(r for r in example_report().results if Path(r.path).name == name)


def test_an_article_states_the_decision_score_and_category_scores() -> None:
    node = article(named("clinical-leadership-draft.yaml"))
    facts = node.children[1].all_text()
    assert "Not conformant" in facts and "Score 18.45 % (19/103 points)" in facts
    assert "Essentials met: 2/13" in facts and "Automated checks fail" in facts
    rows = cells(table_named(node, "Score by category"))
    assert rows[0] == ["Category", "Score", "Points"]
    assert rows[1] == ["1", "9.1 %", "1/11"] and rows[3] == ["3", "0 %", "0/13"]
    bars = [n.attrs["class"] for n in node.iter() if n.attrs.get("class", "").startswith("w")]
    assert bars[:4] == ["w9", "w14", "w0", "w86"]
    listed = [li.all_text() for li in node.find_all("li")]
    assert listed[0] == "1.2 Awarding body and its location (essential)"
    assert "3.1 Type of assessment (essential, until reviewed)" in listed


def test_findings_are_located_and_collapsed_when_many() -> None:
    result = named("clinical-leadership-draft.yaml")
    node = article(result)
    [details] = node.find_all("details")
    assert details.children[0].all_text() == "25 findings: 24 errors, 1 warning"
    rows = cells(table_named(details, "Findings"))
    assert rows[0] == ["Where", "Severity", "Message", "Standard", "Rule"]
    assert rows[1][0] == "examples/catalog/clinical-leadership-draft.yaml:6:1"
    assert rows[1][1:2] == ["error"] and rows[1][3:] == ["3.1", "assessment-type"]
    assert "19 informational findings not listed." in node.all_text()
    verbose = article(result, VERBOSE)
    assert len(cells(table_named(verbose, "Findings"))) == 1 + 44
    assert "not listed" not in verbose.all_text()
    broken = named("broken-entry.yaml")
    few = article(broken)
    assert not few.find_all("details")
    assert table_named(few, "Findings: 1 error")
    for count, collapsed in ((FINDINGS_SHOWN, False), (FINDINGS_SHOWN + 1, True)):
        many = broken.model_copy(update={"findings": broken.findings * count})
        assert bool(article(many).find_all("details")) is collapsed


def test_a_waived_finding_shows_its_waiver() -> None:
    node = article(named("digital-marketing-sprint.yaml"))
    [row] = [r for r in cells(table_named(node, "Findings")) if r[3] == "4.2"]
    assert row[1] == "error"
    assert row[2].endswith(
        "Waived: The ECTS value is being corrected in the next catalog release. "
        "(until 2027-06-30, in examples/.mcqa.yaml)"
    )


def test_reviewers_answers_and_agreement() -> None:
    result = named("data-analytics-foundations.yaml")
    node = article(result)
    summaries = [d.children[0].all_text() for d in node.find_all("details")]
    assert summaries[0] == "Reviewers' answers: 93 answers on 31 standards"
    assert summaries[1].startswith("Reviewer agreement: 3 reviewers on 31 standards, 98% of")
    rows = cells(table_named(node, "Reviewers' answers"))
    assert rows[0][:5] == ["Standard", "Round", "Reviewer", "Role", "Answer"]
    assert {row[0] for row in rows[1:]} == {"5.5"}  # the one standard they did not agree on
    assert "Met by every reviewer alike, without a recommendation (30 standards" in node.all_text()
    verbose = cells(table_named(article(result, VERBOSE), "Reviewers' answers"))
    assert len(verbose) == 1 + 93
    assert verbose[1][2:5] == ["Dr. Amara Osei", "chair", "met"]
    assert verbose[1][5].startswith("The title names the skill")
    agreement = cells(table_named(node, "Reviewer agreement"))
    assert agreement[1][:4] == ["all standards", "3", "31", "98%"]
    assert agreement[2][0] == "1.x" and agreement[2][-1] == "note 2"
    assert len(node.find_all("ol")[0].children) == 3  # each warning once


def test_recommendations_rounds_and_the_chairs_acceptance() -> None:
    base = named("data-analytics-foundations.yaml")
    first, *rest = base.standards
    answer = ReviewerAnswer(
        reviewer="Ana", role="peer", verdict="not_met", recommendation="Name the awarding body."
    )
    changed = first.model_copy(
        update={
            "status": "not_met",
            "reviews": (*first.reviews, answer),
            "rounds": (
                RoundOutcome(round=1, status="not_met", decided_by="2 of 3 reviewers"),
                RoundOutcome(round=2, status="not_met", decided_by="the chair"),
            ),
            "accepted": Acceptance(reviewer="Dr. Osei", reason="Not offered for credit."),
        }
    )
    node = article(base.model_copy(update={"standards": (changed, *rest)}))
    [answers] = [
        d
        for d in node.find_all("details")
        if d.children[0].all_text().startswith("Reviewers' answers")
    ]
    assert "open" in answers.attrs  # a recommendation on a standard not met
    rows = cells(table_named(node, "Reviewers' answers"))
    assert ["1.1", "1", "Ana", "peer", "not met", "", "Name the awarding body."] in rows
    text = node.all_text()
    assert "1.1: round 1 not met (2 of 3 reviewers); round 2 not met (the chair)" in text
    assert "Accepted as not applicable: 1.1, by Dr. Osei (chair, round 1): Not offered" in text


# -- the overview ----------------------------------------------------------------------------


def overview(text: str) -> Node:
    return by_id(assert_accessible(text))["overview"]


def test_the_overview_counts_and_charts(core: Rubric) -> None:
    node = overview(REPORTER.render(example_report(), OPTIONS))
    counts = cells(table_named(node, "Descriptors by decision"))
    assert counts[1:] == [
        ["Could not be read", "1", "12 %"],
        ["Not conformant", "4", "50 %"],
        ["Pending review", "2", "25 %"],
        ["Conformant", "1", "12 %"],
        ["Total", "8", "100 %"],
    ]
    charts = {svg.children[0].attrs["id"]: svg for svg in node.find_all("svg")}
    assert list(charts) == ["decisions-title", "scores-title", "unmet-title", "heatmap-title"]
    scores = cells(table_named(node, "Descriptors by score"))
    assert scores[2] == ["10 to under 20 %", "1"] and scores[-1] == ["90 to 100 %", "1"]
    assert sum(int(row[1]) for row in scores[1:]) == 7
    unmet = cells(table_named(node, "Standards most often not met"))
    assert unmet[1] == ["3.2", "Every outcome is assessed", "yes", "2"]
    assert len(unmet) == 1 + 15
    heat = cells(table_named(node, "Scores by category"))
    assert heat[0][:4] == ["Descriptor", "Decision", "Score", "1"]
    assert heat[1][:3] == [
        "examples/catalog/clinical-leadership-draft.yaml",
        "Not conformant",
        "18.45 %",
    ]
    assert heat[-1][0] == "examples/catalog/data-analytics-foundations.yaml"
    assert len(heat) == 1 + 7  # every descriptor scored, worst first
    drawn = [n for n in charts["heatmap-title"].iter() if n.tag == "rect"]
    assert len(drawn) == 7 * 9 + 6  # a cell per descriptor and category, and the legend
    links = [a.attrs["href"] for a in node.find_all("a")]
    assert links[0] == "#" + anchor_of("examples/catalog/clinical-leadership-draft.yaml")
    errors = by_id(parse(REPORTER.render(example_report(), OPTIONS)))["errors-h"]
    assert errors.all_text() == "Descriptors that could not be read"


def test_the_heatmap_is_capped_to_the_worst_descriptors() -> None:
    base = named("welding-safety-practice.yaml")
    results = [
        base.model_copy(
            update={
                "path": f"catalog/{index:03d}.yaml",
                "score": Score(earned=index, possible=120, percent=round(index / 1.2, 2)),
            }
        )
        for index in range(HEATMAP_ROWS + 20)
    ]
    node = overview(REPORTER.render(report_of(results), OPTIONS))
    heat = cells(table_named(node, "Scores by category"))
    assert len(heat) == 1 + HEATMAP_ROWS
    assert [row[0] for row in heat[1:4]] == [
        "catalog/000.yaml",
        "catalog/001.yaml",
        "catalog/002.yaml",
    ]
    assert f"the {HEATMAP_ROWS} worst of the 70 descriptors scored" in node.all_text()


def test_quiet_links_only_to_the_articles_it_writes() -> None:
    text = REPORTER.render(example_report(), QUIET)
    root = assert_accessible(text)  # every #anchor goes somewhere
    heat = table_named(by_id(root)["overview"], "Scores by category")
    linked = {a.all_text() for a in heat.find_all("a")}
    assert "examples/catalog/clinical-leadership-draft.yaml" in linked
    assert "examples/catalog/data-analytics-foundations.yaml" not in linked
    assert "3 descriptors conformant or pending review are not shown" in root.all_text()


def test_a_large_catalog_stays_compact() -> None:
    """Articles of a few kilobytes and digests of a few hundred bytes: 10,000 descriptors
    make a page of some 35 MB that a browser lays out only as it is scrolled."""
    results = example_report().results
    sizes = [len(REPORTER.result(r, OPTIONS).encode("utf-8")) for r in results]
    assert sum(sizes) / len(sizes) < 5000 and max(sizes) < 12000
    for result in results:
        assert len(pickle.dumps(REPORTER.digest(result))) < 400
    css = REPORTER.begin(RunInfo(tool=report_of([]).tool, rubric=report_of([]).rubric), OPTIONS)
    assert "content-visibility:auto" in css


# -- escaping --------------------------------------------------------------------------------


def hostile_result() -> DescriptorResult:
    """Every piece of text an article shows, hostile."""
    base = named("data-analytics-foundations.yaml")
    first, second, *rest = base.standards
    finding = Finding(
        rule=HOSTILE,
        message=HOSTILE,
        severity="warning",
        standard=HOSTILE,
        file=HOSTILE,
        line=3,
        related=(RelatedLocation(message=HOSTILE, file=HOSTILE, line=1),),
        waiver=Waiver(reason=HOSTILE, expires=HOSTILE, source=HOSTILE),
    )
    answer = ReviewerAnswer(
        reviewer=HOSTILE,
        role=HOSTILE,
        verdict=HOSTILE,
        comment=HOSTILE,
        recommendation=HOSTILE,
        given_under=HOSTILE,
        standard_then=HOSTILE,
        counted=False,
        note=HOSTILE,
    )
    unmet = first.model_copy(
        update={
            "id": HOSTILE,
            "title": HOSTILE,
            "status": "not_met",
            "findings": (finding,),
            "reviews": (answer,),
            "rounds": (
                RoundOutcome(round=1, status="not_met", decided_by=HOSTILE),
                RoundOutcome(round=2, status="not_met", decided_by=HOSTILE),
            ),
            "accepted": Acceptance(reviewer=HOSTILE, reason=HOSTILE),
        }
    )
    pending = second.model_copy(update={"id": HOSTILE + ".2", "status": "pending_review"})
    stats = AgreementStats(scope=HOSTILE, units=1, raters=2, warning=HOSTILE, kappa_band=HOSTILE)
    return base.model_copy(
        update={
            "path": HOSTILE,
            "descriptor_id": HOSTILE,
            "decision": "not_conformant",
            "band": HOSTILE,
            "standards": (unmet, pending, *rest),
            "findings": (finding,),
            "agreement": (stats,),
        }
    )


def hostile_rubric(core: Rubric) -> Rubric:
    first, *rest = core.categories
    return core.model_copy(
        update={
            "title": HOSTILE,
            "categories": [first.model_copy(update={"title": HOSTILE}), *rest],
        }
    )


def assert_inert(text: str) -> Node:
    assert_no_raw_controls(text)
    text.encode("utf-8")  # writable: no lone surrogate
    for raw in ("<script", "<img", "</td></tr></table></article>", "<!--", '"onmouseover'):
        assert raw not in text
    root = assert_accessible(text)
    shown = root.all_text()
    # The text itself is there, visibly escaped, in the right order.
    assert "<script>alert(1)</script>" in shown
    assert "\\u202eevil\\u202c \\r\\n::error file=x::forged \\x1b[2J \\ud800" in shown
    return root


def test_hostile_text_is_shown_escaped(core: Rubric) -> None:
    result = hostile_result()
    for options in (OPTIONS, VERBOSE):
        text = render_report(REPORTER, report_of([result]), options, standard=hostile_rubric(core))
        root = assert_inert(text)
        [node] = root.find_all("article")
        assert node.find_all("h3")[0].all_text().startswith("<script>alert(1)</script>")
        assert shown_in_cells(node, "Findings")[1][2].startswith("<script>alert(1)</script>")


def shown_in_cells(node: Node, caption: str) -> list[list[str]]:
    return cells(table_named(node, caption))


def test_hostile_descriptors_forge_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_catalog(tmp_path)
    report = mcqa.check_folder(".", rubric="mcqa-core@2.0.0", today=TODAY)
    for options in (OPTIONS, VERBOSE):
        text = REPORTER.render(report, options)
        assert_no_raw_controls(text)
        root = assert_accessible(text)
        [node] = root.find_all("article")
        assert node.find_all("h3")[0].all_text() == "::error file=README.md::forged.yaml"
        assert "\\x1b[2J" in node.all_text() and "\x1b" not in text


def test_a_file_name_that_is_not_utf8_is_shown_escaped() -> None:
    result = named("broken-entry.yaml")
    odd = result.model_copy(
        update={
            "path": "caf\udce9.yaml",
            "findings": tuple(
                f.model_copy(update={"file": "caf\udce9.yaml"}) for f in result.findings
            ),
        }
    )
    text = REPORTER.render(report_of([odd]), OPTIONS)
    text.encode("utf-8")
    [node] = assert_accessible(text).find_all("article")
    assert node.find_all("h3")[0].all_text() == "caf\\udce9.yaml"


# -- colours ---------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def schemes(css: str) -> dict[str, dict[str, str]]:
    """The custom properties of the light scheme and of the dark one, from the stylesheet."""
    blocks = re.findall(r":root\{([^}]*)\}", css)
    assert len(blocks) == 2 and "prefers-color-scheme: dark" in css
    return {
        name: dict(re.findall(r"--([\w-]+):(#[0-9a-f]{6});", block))
        for name, block in zip(("light", "dark"), blocks, strict=True)
    }


def test_contrast_meets_wcag_aa() -> None:
    root = parse(REPORTER.render(report_of([]), OPTIONS))
    css = root.find_all("style")[0].all_text()
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the formula
    for name, colours in schemes(css).items():
        for fore, back in TEXT_PAIRS:
            ratio = contrast(colours[fore], colours[back])
            assert ratio >= 4.5, f"{name}: text {fore} on {back} is {ratio:.2f}:1"
        for fore, back in GRAPHIC_PAIRS:
            ratio = contrast(colours[fore], colours[back])
            assert ratio >= 3, f"{name}: {fore} on {back} is {ratio:.2f}:1"
    # Every colour given to text is among the pairs checked: with the background of its
    # rule, or the page's (the heatmap's text has its cell's colour, a pair of its own).
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        fore = re.search(r"(?:^|;)color:var\(--([\w-]+)\)", body)
        if fore is None and "text" in selector and "heat" not in selector:
            fore = re.search(r"(?:^|;)fill:var\(--([\w-]+)\)", body)
        if fore is None:
            continue
        back = re.search(r"background:var\(--([\w-]+)\)", body)
        pair = (fore.group(1), back.group(1) if back else "bg")
        assert pair in TEXT_PAIRS, f"{selector.strip()}: {pair} is not checked"


# -- in a browser ----------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.skipif(
    _chromium() is None,
    reason="needs Chromium or Chrome on the PATH (Debian: apt-get install chromium)",
)
def test_chromium_builds_the_same_document_and_blocks_nothing(tmp_path: Path) -> None:
    """A browser parses the page as written (no element moved or dropped), and its
    Content-Security-Policy blocks nothing: the stylesheet's hash is right, nothing is fetched."""
    text = REPORTER.render(example_report(), VERBOSE)
    page = tmp_path / "report.html"
    page.write_text(text, encoding="utf-8")
    command = [
        str(_chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        page.as_uri(),
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not [line for line in console if "Content Security Policy" in line], console
    assert "net::ERR" not in done.stderr

    def shape(root: Node) -> tuple[Counter[str], list[str]]:
        tags = Counter(node.tag for node in root.iter() if node.tag not in ("tbody", "#document"))
        ids = [node.attrs["id"] for node in root.iter() if "id" in node.attrs]
        return tags, ids

    written = parse(text)
    built = parse("<!DOCTYPE html>\n" + done.stdout)
    assert shape(built) == shape(written)
    assert [n.all_text() for n in built.find_all("h3")] == [
        n.all_text() for n in written.find_all("h3")
    ]


def _browser(tmp_path: Path, page: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(_chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *flags,
        page.as_uri(),
    ]
    env = {**os.environ, "HOME": str(tmp_path)}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.skipif(
    _chromium() is None,
    reason="needs Chromium or Chrome on the PATH (Debian: apt-get install chromium)",
)
def test_a_screenshot_of_the_report_shows_a_drawn_page(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(REPORTER.render(example_report(), OPTIONS), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = _browser(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,2400")
    assert done.returncode == 0, done.stderr[-2000:]
    data = shot.read_bytes()
    assert _png_size(data) == (1200, 2400)
    # a blank page compresses to a few kilobytes; text, bars and tables do not
    assert len(data) > 40_000, len(data)
    assert not [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.skipif(
    _chromium() is None,
    reason="needs Chromium or Chrome on the PATH (Debian: apt-get install chromium)",
)
def test_hostile_text_runs_nothing_in_the_browser(core: Rubric, tmp_path: Path) -> None:
    text = render_report(
        REPORTER, report_of([hostile_result()]), VERBOSE, standard=hostile_rubric(core)
    )
    page = tmp_path / "hostile.html"
    page.write_text(text, encoding="utf-8")
    done = _browser(tmp_path, page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    built = parse("<!DOCTYPE html>\n" + done.stdout)
    tags = {node.tag for node in built.iter()}
    assert "script" not in tags and "img" not in tags and "iframe" not in tags
    for node in built.iter():
        assert not [name for name in node.attrs if name.lower().startswith("on")], node.attrs
        href = (node.attrs.get("href") or "").lower()
        # the one data: link is the page's own empty icon (no request for favicon.ico)
        assert href in ("", "data:,") or href.startswith("#"), href
    assert "<script>alert(1)</script>" in built.all_text()  # shown, as text
