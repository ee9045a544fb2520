"""``-f markdown``: a job summary or comment that stays within GitHub's limits and shows
a descriptor's text literally.

The example catalog's output is compared byte for byte with the golden file
``tests/reporters/golden/markdown.md``. After a deliberate change of the
output, rewrite it with::

    MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters

and read the difference before committing it.

The output is parsed as CommonMark with GitHub's tables (markdown-it-py): text
from descriptors must open no link, image or HTML, add no heading or table
cell, and leave nothing GitHub would turn into a link after rendering (a
mention, an issue reference, a bare web address).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

import mcqa
from mcqa.cli import cli
from mcqa.models.finding import Finding
from mcqa.models.report import (
    DescriptorResult,
    Essentials,
    Report,
    ReviewerAnswer,
    RubricRef,
    Score,
    StandardResult,
    ToolInfo,
)
from mcqa.render.safe import printable
from mcqa.reporters import RenderOptions, RunInfo, all_reporters, summary_of
from mcqa.reporters.markdown import BUDGET, DETAIL_ITEMS, TEXT_CAP, MarkdownReporter

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 12, 1)
REPORTER = MarkdownReporter()
MiB = 1024 * 1024

HOSTILE = [
    "\x1b[2J\x1b[31mRED\x1b[0m",
    "ok\rforged line",
    "::error file=README.md::forged",
    "##vso[task.setvariable]",
    "@octocat and @org/team, mail a@b.co",
    "a | b \\| c",
    "<script>alert(1)</script> <!-- c --> &lt;b&gt; &#64;octocat",
    "![x](http://e/x.png) [y](https://e/) <https://e/> www.example.com ftp://e/",
    "`code` ``more`` ```",
    "# heading\n## another\n---",
    "*em* _em_ ~~del~~ $x^2$ [ref]: http://e/",
    "#12 GH-34 org/repo#56",
    "line one\nline two\u2028three \x85 \x00",
    "100% %0A",
]
TEXT = " ".join(HOSTILE)


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Report:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)


def streamed(reporter: MarkdownReporter, report: Report, options: RenderOptions) -> str:
    """As ``mcqa check`` writes it; the digests go through pickle, as from a worker."""
    run = RunInfo(tool=report.tool, rubric=report.rubric)
    texts = [reporter.result(result, options) for result in report.results]
    digests = [pickle.loads(pickle.dumps(reporter.digest(r))) for r in report.results]
    return (
        reporter.begin(run, options)
        + reporter.SEPARATOR.join(texts)
        + reporter.end(run, report.summary, digests, options)
    )


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MCQA_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"no golden file {name}: run with MCQA_UPDATE_GOLDEN=1"
    assert output.encode("utf-8") == path.read_bytes(), f"{name} differs from the golden file"


def report_of(results: list[DescriptorResult], rubric: RubricRef | None = None) -> Report:
    return Report(
        tool=ToolInfo(version="0"),
        rubric=rubric or RubricRef(id="mcqa-core", version="2.0.0"),
        results=tuple(results),
        summary=summary_of(results),
    )


# -- what the Markdown means ----------------------------------------------------------------

_LINKED_LATER = [
    re.compile(r"(?<![\w`])@[A-Za-z0-9]"),  # a mention, an e-mail address
    re.compile(r"#\d"),  # an issue reference
    re.compile(r"\bgh-\d", re.IGNORECASE),
    re.compile(r"[A-Za-z]://"),  # an address GitHub links by itself
    re.compile(r"\bwww\.", re.IGNORECASE),
]
_HEADINGS = {
    3: {"Descriptors", "Not conformant or not read", "Pending review"},
}


def code(text: str) -> str:
    """What a code span of the output holds for ``text``."""
    return re.sub(r"##(?=\[|vso\[)", r"\\x23#", printable(text), flags=re.IGNORECASE)


def tokens(output: str) -> list[Any]:
    found = []
    for token in md().parse(output):
        found.append(token)
        found.extend(token.children or [])
    return found


def pipes(row: str) -> int:
    """The cell separators of a table row, as GitHub's table parser counts them."""
    count, index = 0, 0
    while index < len(row):
        if row[index] == "\\":
            index += 2
            continue
        count += row[index] == "|"
        index += 1
    return count


def check_markdown(output: str, paths: set[str]) -> None:
    """Only mcqa's own structure: no link, image or HTML; mcqa's headings and tables;
    nothing GitHub links after rendering; code spans that hold what was meant."""
    assert output.endswith("\n")
    # printed to a CI log, no line may read as a command either
    assert not re.search(r"^\s*(::|##\[|##vso\[)", output, re.MULTILINE)
    assert not re.search(r"##(\[|vso\[)", output, re.IGNORECASE)
    assert not re.search(
        "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", output
    )
    all_tokens = tokens(output)
    types = {t.type for t in all_tokens}
    assert not types & {"link_open", "image", "html_inline", "html_block", "s_open"}, types
    html = md().render(output)
    assert "<a " not in html and "<img" not in html and "<script" not in html
    stream = md().parse(output)
    for index, token in enumerate(stream):
        if token.type != "heading_open":
            continue
        inline = stream[index + 1]
        level = int(token.tag[1])
        if level == 2:
            assert inline.content.startswith("mcqa: ")
        elif level == 3:
            assert inline.content in _HEADINGS[3]
        else:
            assert level == 4
            children = inline.children or []
            assert [c.type for c in children] == ["code_inline", "text"], inline.content
            assert children[0].content in paths
            assert re.fullmatch(r" — (error|not conformant)", children[1].content)
    for token in all_tokens:
        if token.type == "text":
            for pattern in _LINKED_LATER:
                assert not pattern.search(token.content), token.content
    # tables: every row has the header's cells
    width = None
    for line in output.split("\n"):
        if line.startswith("|"):
            width = width or pipes(line)
            assert pipes(line) == width, line
        else:
            width = None


# -- the example catalog --------------------------------------------------------------------


def test_the_example_catalog_matches_the_golden_file(example: Report) -> None:
    output = REPORTER.render(example, RenderOptions())
    check_golden("markdown.md", output)
    check_markdown(output, {r.path for r in example.results})
    assert REPORTER.render(example, RenderOptions(verbose=True, color=True)) == output


def test_streamed_is_rendered_byte_for_byte(example: Report) -> None:
    options = RenderOptions()
    assert streamed(REPORTER, example, options) == REPORTER.render(example, options)


def test_the_output_is_the_same_whatever_the_number_of_workers(
    example: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    parallel = mcqa.check_folder(
        "examples/catalog", config="examples/.mcqa.yaml", today=TODAY, jobs=2
    )
    assert REPORTER.render(parallel, RenderOptions()) == REPORTER.render(example, RenderOptions())


@pytest.mark.skipif(
    "markdown" not in all_reporters(), reason="the markdown format is not registered"
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_mcqa_check_streams_the_same_bytes(
    example: Report, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Through the command line, digested by worker processes."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = ["check", "examples/catalog", "--config", "examples/.mcqa.yaml", "-f", "markdown"]
    run = CliRunner().invoke(cli, [*args, "--today", "2026-12-01", "-j", str(jobs)])
    assert run.exit_code == 1, run.output
    assert run.stdout == REPORTER.render(example, RenderOptions())


def test_descriptors_are_listed_worst_first(example: Report) -> None:
    output = REPORTER.render(example, RenderOptions())
    rows = [line for line in output.split("\n") if line.startswith("| examples/")]
    names = [row.split(" | ")[0].removeprefix("| examples/catalog/") for row in rows]
    assert names == [
        "broken-entry.yaml",  # error
        "clinical-leadership-draft.yaml",  # 11 essentials missing, 18.45 %
        "welding-safety-practice.yaml",  # 11 missing, 32.04 %
        "intro-python-programming.yaml",  # 10 missing, 32.32 %
        "project-management-basics.yaml",  # 10 missing, 34.95 %
        "digital-marketing-sprint.yaml",  # pending, 33.66 %
        "cloud-security-essentials.json",  # pending, 34.95 %
        "data-analytics-foundations.yaml",  # conformant
    ]


def test_the_summary_counts_each_decision(example: Report) -> None:
    output = REPORTER.render(example, RenderOptions())
    assert output.startswith(
        "## mcqa: 8 descriptors checked against `mcqa-core@2.0.0`\n\n"
        "| Decision | Descriptors |\n|:--|--:|\n| **error** | **1** |\n"
        "| **not conformant** | **4** |\n| pending review | 2 |\n| conformant | 1 |\n"
        "| total | 8 |\n\nAn automated check failed on 4 descriptors.\n"
    )


def test_details_name_the_standards_findings_and_recommendations() -> None:
    answer = ReviewerAnswer(
        reviewer="Ana Silva", role="chair", verdict="not_met", recommendation="Add a rubric."
    )
    finding = Finding(
        rule="measurable-outcomes", message="not measurable", standard="2.2", file="d.yaml", line=4
    )
    result = DescriptorResult(
        path="d.yaml",
        descriptor_id="d",
        decision="not_conformant",
        score=Score(earned=1, possible=2, percent=50),
        essentials=Essentials(met=1, total=2),
        standards=(
            StandardResult(
                id="2.2",
                title="Outcomes",
                status="not_met",
                essential=True,
                points_earned=0,
                points_possible=1,
                source="reviewers",
                findings=(finding,),
                reviews=(answer,),
            ),
        ),
    )
    output = REPORTER.render(report_of([result]), RenderOptions())
    assert (
        "#### `d.yaml` — not conformant\n\n"
        "**Not conformant**: 50 % (1/2 points), essentials 1/2. Not met: 2.2 (essential).\n\n"
        "- `d.yaml:4` **2.2** measurable-outcomes: not measurable\n"
        "- **2.2** recommendation (Ana Silva, chair): Add a rubric.\n"
    ) in output


# -- hostile text ---------------------------------------------------------------------------


def hostile_descriptor() -> str:
    outcomes = "".join(f"  - {json.dumps('Understand ' + text)}\n" for text in HOSTILE)
    return (
        "id: hostile\n"
        f"title: {json.dumps(HOSTILE[2])}\n"
        f"description: {json.dumps(TEXT)}\n"
        f"issuer: {{name: {json.dumps(HOSTILE[0])}, country: {json.dumps(HOSTILE[3])}}}\n"
        f"learning_outcomes:\n{outcomes}"
        f"cost: {{amount: 10, currency: {json.dumps(HOSTILE[1])}}}\n"
        f"{json.dumps(HOSTILE[6])}: unknown field\n"
    )


HOSTILE_NAME = "a `b` | @octocat #1 <i> [x](www.e.co) \\x1b.yaml"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("hostile") / "catalog"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(hostile_descriptor(), encoding="utf-8")
    (folder / HOSTILE_NAME).write_text("id: [\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder.parent)
        return mcqa.check_folder("catalog", rubric="mcqa-core@2.0.0", today=TODAY)


def synthetic_hostile() -> Report:
    """Results whose every piece of text is hostile: paths, ids, rules, messages, reviewers,
    recommendations, band, rubric."""
    results = []
    for index, bad in enumerate(HOSTILE):
        finding = Finding(
            rule=f"rule {bad}",
            message=f"{bad} {TEXT}",
            standard=f"9.{index} {bad}",
            file=f"{bad}.yaml",
            line=3,
            column=1,
        )
        answer = ReviewerAnswer(reviewer=bad, role=bad, recommendation=f"{bad} {TEXT}")
        standard = StandardResult(
            id=f"9.{index} {bad}",
            title=bad,
            status="not_met",
            essential=True,
            points_earned=0,
            points_possible=1,
            source="reviewers",
            findings=(finding,),
            reviews=(answer,),
        )
        for decision in ("not_conformant", "pending_review", "error", "conformant"):
            results.append(
                DescriptorResult(
                    path=f"{decision}/{bad}.yaml",
                    descriptor_id=bad,
                    decision=decision,
                    score=Score(earned=1, possible=3, percent=33.33),
                    essentials=Essentials(met=0, total=1),
                    band=bad,
                    rubric=RubricRef(id=bad, version=bad),
                    checks_passed=False,
                    standards=(standard,) if decision != "error" else (),
                    findings=(finding,) if decision == "error" else (),
                )
            )
    return report_of(results, RubricRef(id=HOSTILE[4], version=HOSTILE[7]))


@pytest.mark.parametrize("which", ["descriptor", "synthetic"])
def test_hostile_text_is_shown_literally(hostile: Report, which: str) -> None:
    report = hostile if which == "descriptor" else synthetic_hostile()
    output = REPORTER.render(report, RenderOptions())
    assert streamed(REPORTER, report, RenderOptions()) == output
    check_markdown(output, {code(r.path) for r in report.results})
    html = md().render(output)
    assert "&lt;script&gt;" in html  # shown, not run
    assert "\\x1b[2J" in html or which == "descriptor"


def test_hostile_text_reads_as_written_once_rendered() -> None:
    """Escaping changes how the text is written, not what a reader sees (but for the
    zero-width spaces that keep GitHub from linking, and the visible control escapes)."""
    report = synthetic_hostile()
    html = md().render(REPORTER.render(report, RenderOptions()))
    text = re.sub(r"<[^>]+>", "", html).replace("\u200b", "")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
        text = text.replace(entity, char)
    for bad in HOSTILE:
        shown = printable(bad)
        assert shown[:40] in text, shown


# -- size -----------------------------------------------------------------------------------


def long_result(path: str, decision: str = "not_conformant") -> DescriptorResult:
    """A result with many findings and recommendations, each of 5,000 characters."""
    long = "a long message, " * 312
    standards = tuple(
        StandardResult(
            id=f"{n}.1",
            title="t",
            status="not_met",
            essential=True,
            points_earned=0,
            points_possible=1,
            source="reviewers",
            findings=tuple(
                Finding(rule="r", message=long, standard=f"{n}.1", file=path, line=k + 1)
                for k in range(5)
            ),
            reviews=(ReviewerAnswer(reviewer="x" * 500, recommendation=long),),
        )
        for n in range(20)
    )
    return DescriptorResult(
        path=path,
        descriptor_id="d",
        decision=decision,
        score=Score(earned=0, possible=20, percent=0),
        essentials=Essentials(met=0, total=20),
        standards=standards,
    )


def test_twenty_thousand_results_stay_within_a_mebibyte() -> None:
    base = long_result("catalog/base.yaml")
    decisions = ["error", "not_conformant", "pending_review", "conformant"]
    results = [
        base.model_copy(
            update={
                "path": f"catalog/{n:05d}-{'x' * 180}.yaml",
                "decision": decisions[n % 4],
                "standards": () if n % 4 == 3 else base.standards,
                "score": base.score.model_copy(update={"percent": n % 97})  # type: ignore[union-attr]
                if n % 4
                else None,
            }
        )
        for n in range(20_000)
    ]
    report = report_of(results)
    output = REPORTER.render(report, RenderOptions())
    size = len(output.encode("utf-8"))
    assert size <= BUDGET < MiB
    assert size > BUDGET * 0.9  # the budget is used, not wasted
    last = output.rstrip("\n").split("\n")[-1]
    assert last.startswith("_Left out to stay within GitHub's size limit: ")
    rows = [line for line in output.split("\n") if line.startswith("| catalog/")]
    left = re.search(r"([\d,]+) rows of the table", last)
    assert left is not None and len(rows) + int(left.group(1).replace(",", "")) == 20_000
    assert rows[0].split(" | ")[1] == "**error**"  # worst first
    assert "### Not conformant or not read" in output
    check_markdown(output, {r.path for r in results})


def test_a_small_budget_is_kept(example: Report) -> None:
    small = MarkdownReporter(budget=3_000)
    output = small.render(example, RenderOptions())
    assert len(output.encode("utf-8")) <= 3_000
    assert output.rstrip("\n").split("\n")[-1].startswith("_Left out")
    assert streamed(small, example, RenderOptions()) == output


def test_a_digest_stays_small() -> None:
    long = long_result("catalog/" + "p" * 1000 + ".yaml")
    digest = REPORTER.digest(long)
    assert len(pickle.dumps(digest)) < 1_500
    items = zlib.decompress(digest.items).decode("utf-8").split("\n")
    assert len(items) == DETAIL_ITEMS
    assert all(len(item) < TEXT_CAP + 400 for item in items)
    clean = long.model_copy(update={"decision": "conformant", "standards": ()})
    assert len(pickle.dumps(REPORTER.digest(clean))) < 600
