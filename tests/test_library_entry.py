"""The library takes what a user hands it: a folder, a Markdown page, a badge; and the README runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcqa
import mcqa.importers
from mcqa.catalog import not_a_descriptor
from mcqa.cli import cli
from mcqa.importers import Imported, Provenance, load_descriptor
from mcqa.importers._base import descriptor_document
from mcqa.load import load_text
from mcqa.reporters import RenderOptions, all_reporters

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 11, 28)

DESCRIPTOR = """\
id: data-101
title: Data literacy
description: You learn to read, clean and chart data sets from your own work.
learning_outcomes:
  - Clean a data set of duplicates and gaps
"""

PAGE = """\
---
title: Spreadsheet basics
id: spreadsheet-basics
---
# Spreadsheet basics

## Learning outcomes

- Understand how formulas work
- Build a budget with sums and averages
"""

BADGE = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "https://example.edu/achievements/welding",
    "type": ["Achievement"],
    "name": "Welding safety",
    "description": "Work safely in a welding workshop.",
    "criteria": {"narrative": "Pass the practical test."},
    "creditsAvailable": 3,
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    (catalog / "data-101.yaml").write_text(DESCRIPTOR, encoding="utf-8")
    (catalog / "spreadsheets.md").write_text(PAGE, encoding="utf-8")
    (catalog / "welding.json").write_text(json.dumps(BADGE, indent=2), encoding="utf-8")
    (catalog / "package.json").write_text('{"name": "site", "version": "1.0.0"}', "utf-8")
    (catalog / "README.md").write_text("# Our catalog\n\nSee the files.\n", "utf-8")
    return catalog


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, 1) if needle in line]
    return number


# -- mcqa.evaluate on a folder, and on files of other formats --------------------------------


def test_evaluate_scores_a_folder_one_result_per_descriptor(folder: Path) -> None:
    report = mcqa.evaluate("catalog", "mcqa-core@2.0.0", today=TODAY)
    assert [r.path for r in report.results] == [
        "catalog/data-101.yaml",
        "catalog/spreadsheets.md",
        "catalog/welding.json",
    ]
    assert report.summary.total == 3
    assert all(r.decision != "error" for r in report.results)
    assert Path("catalog").is_dir()  # a folder, not an "Is a directory" error
    same = mcqa.evaluate(Path("catalog"), "mcqa-core@2.0.0", today=TODAY)
    assert same == report


def test_evaluate_reads_markdown_and_badges_with_findings_in_the_source(folder: Path) -> None:
    page = mcqa.evaluate("catalog/spreadsheets.md", "mcqa-core@2.0.0", today=TODAY).results[0]
    assert page.descriptor_id == "spreadsheet-basics"
    outcome = [
        f
        for s in page.standards
        for f in s.findings
        if f.rule == "measurable-outcomes" and "understand" in f.message
    ]
    assert [(f.file, f.line) for f in outcome] == [
        ("catalog/spreadsheets.md", line_of(folder / "spreadsheets.md", "Understand"))
    ]
    badge = mcqa.evaluate("catalog/welding.json", "mcqa-core@2.0.0", today=TODAY).results[0]
    ambiguous = [f for f in badge.findings if f.rule == "import-ambiguous"]
    assert [(f.file, f.line) for f in ambiguous] == [
        ("catalog/welding.json", line_of(folder / "welding.json", "creditsAvailable"))
    ]


def test_evaluate_on_a_folder_matches_forms_by_descriptor_id(folder: Path) -> None:
    rubric = mcqa.load_rubric("mcqa-core@2.0.0")
    form = mcqa.Review.model_validate(
        {
            "review_format": 1,
            "rubric": rubric.ref,
            "descriptor": {"id": "data-101", "path": "ignored.yaml"},
            "reviewer": {"name": "Ana Silva", "role": "chair"},
            "date": "2026-11-01",
            "standards": {"1.1": {"verdict": "met"}},
        }
    )
    report = mcqa.evaluate("catalog", rubric, [form], today=TODAY)
    answered = {r.path: [s.id for s in r.standards if s.reviews] for r in report.results}
    assert answered["catalog/data-101.yaml"] == ["1.1"]
    assert answered["catalog/spreadsheets.md"] == []


# -- mcqa.check_folder --------------------------------------------------------------------


def test_check_folder_is_mcqa_check_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)
    decisions = {Path(r.path).name: r.decision for r in report.results}
    assert decisions["data-analytics-foundations.yaml"] == "conformant"  # the config's reviews
    assert decisions["broken-entry.yaml"] == "error"
    args = ["check", "examples/catalog", "--config", "examples/.mcqa.yaml", "-f", "json"]
    shown = CliRunner().invoke(cli, [*args, "--today", TODAY.isoformat()])
    rendered = all_reporters()["json"].render(report, RenderOptions(color=False, verbose=False))
    assert shown.stdout == rendered


def test_check_folder_without_a_configuration(folder: Path) -> None:
    report = mcqa.check_folder(folder, "mcqa-core@2.0.0", today=TODAY)
    assert sorted(Path(r.path).name for r in report.results) == [
        "data-101.yaml",
        "spreadsheets.md",
        "welding.json",
    ]
    # reviews as a folder of forms
    (folder.parent / "reviews").mkdir()
    one = mcqa.check_folder(
        folder / "data-101.yaml", today=TODAY, reviews=folder.parent / "reviews"
    )
    assert [r.decision for r in one.results] == ["not_conformant"]
    assert one.rubric.id == "mcqa-core"


def test_check_folder_names_a_file_strictly(folder: Path) -> None:
    [result] = mcqa.check_folder(folder / "package.json", "mcqa-core@2.0.0").results
    assert result.decision == "error"
    assert [f.rule for f in result.findings] == ["not-a-descriptor"]


def test_check_folder_is_exported() -> None:
    assert "check_folder" in mcqa.__all__
    assert mcqa.check_folder.__doc__ is not None and "Example" in mcqa.check_folder.__doc__


# -- what is a descriptor --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "is_one"),
    [
        ("id: d\ntitle: T\n", True),
        ("title: T\ndescription: D\n", True),
        ("descriptor_format: 1\n", True),
        ("id: d\nworkload: {hours: 3}\n", True),  # no title: reported, not skipped
        ("title: T\n", False),
        ("name: site\nversion: 1.0.0\n", False),
        ("site_name: Docs\nnav: [index.md]\n", False),
        ("- a\n- b\n", False),
        ("format_version: 1\ntool: {name: mcqa}\nresults: []\n", False),
        (
            '{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "T", "type": "object"}',
            False,
        ),
        ("id: [\n", True),  # cannot be parsed: may be a broken descriptor
        ("rubric_format: 1\nid: r\ntitle: R\ndescription: D\n", False),
        ("review_format: 1\nrubric: r@1.0.0\n", False),
        ("config_format: 1\nrubric: mcqa-core\n", False),
        ("program_format: 1\nid: p\ntitle: P\n", True),  # what programme rubrics score
    ],
)
def test_what_counts_as_a_descriptor(text: str, is_one: bool) -> None:
    assert (not_a_descriptor(load_text(text)) is None) is is_one


def test_load_descriptor_reads_by_content_not_by_name(tmp_path: Path) -> None:
    badge = tmp_path / "badge.yaml"  # JSON is YAML: the suffix says nothing
    badge.write_text(json.dumps(BADGE), encoding="utf-8")
    document, imported = load_descriptor(badge)
    assert imported is not None and imported.source_format == "ob3"
    assert document.data["title"] == "Welding safety"
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"id": "d", "title": "T"}), encoding="utf-8")
    document, imported = load_descriptor(plain)
    assert imported is None and document.data == {"id": "d", "title": "T"}
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    document, imported = load_descriptor(page, format="markdown")
    assert imported is not None and document.data["title"] == "Spreadsheet basics"


def test_an_unreadable_page_says_why(tmp_path: Path) -> None:
    page = tmp_path / "latin1.md"
    page.write_bytes("# Caf\xe9\n".encode("latin-1"))
    document, imported = load_descriptor(page)
    assert imported is None and document.text is None
    assert [(f.rule, f.line) for f in document.findings] == [("encoding", 1)]


# -- the README's Python example ---------------------------------------------------------------


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("From Python:", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


EXAMPLE_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (EXAMPLES / "catalog").iterdir()
    if p.suffix in {".yaml", ".json"}
)


@pytest.mark.parametrize("target", [*EXAMPLE_FILES, "examples/catalog"])
def test_the_readme_example_runs_on_every_example(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = readme_example()
    assert '"catalog/data-101.yaml"' in code
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace('"catalog/data-101.yaml"', repr(target)), "README", "exec"), {})
    printed = out.getvalue()
    if target.endswith("broken-entry.yaml"):
        assert f"{target} error not scored" in printed
        assert "examples/catalog/broken-entry.yaml 10" in printed  # the mis-indented line
    elif target.endswith((".yaml", ".json")):
        assert re.search(rf"^{re.escape(target)} \w+ [0-9.]+ %$", printed, re.MULTILINE)
    else:
        assert printed.count(" %\n") + printed.count("not scored\n") == len(EXAMPLE_FILES)


# -- importers from other packages -------------------------------------------------------------


class CourseSheetImporter:
    """A plug-in's importer: a mapping with ``course_name`` (a spreadsheet export, say)."""

    ID = "course-sheet"
    DESCRIPTION = "course sheets"

    def detect(self, source: mcqa.Document) -> bool:
        return isinstance(source.data, dict) and "course_name" in source.data

    def convert(self, source: mcqa.Document) -> Imported:
        data = {"id": "sheet", "title": source.data["course_name"]}
        provenance = {"/title": Provenance("course_name", 2, 14)}
        document = descriptor_document(source, data, provenance, self.ID)
        return Imported(document, self.ID, provenance)


class BrokenImporter(CourseSheetImporter):
    ID = "broken"

    def detect(self, source: mcqa.Document) -> bool:
        raise RuntimeError("boom")


def test_plugin_importers_are_asked_after_the_built_in_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def plugins(group: str) -> Iterator[tuple[str, str, Any, str | None]]:
        assert group == "mcqa.importers"
        yield "broken", "x:Broken", BrokenImporter(), None
        yield "sheet", "x:Sheet", CourseSheetImporter(), None
        yield "ob3", "x:Clash", CourseSheetImporter(), None
        yield "odd", "x:Odd", object(), None
        yield "gone", "x:Gone", None, "could not be loaded: no module named x"

    monkeypatch.setattr(mcqa.importers, "iter_plugins", plugins)
    mcqa.importers._plugins.cache_clear()
    try:
        assert list(mcqa.importers.all_importers()) == [
            "ob3", "ob2", "ctdl", "markdown", "broken", "course-sheet"
        ]  # fmt: skip
        problems = mcqa.importers.plugin_problems()
        assert [p.split(" (")[0] for p in problems] == [
            "the importer plug-in odd",
            "the importer plug-in gone",
        ]
        sheet = tmp_path / "sheet.yaml"
        sheet.write_text("# exported\ncourse_name: Pottery for beginners\n", encoding="utf-8")
        document, imported = load_descriptor(sheet)
        assert imported is not None and imported.source_format == "course-sheet"
        assert document.source_map.locate("/title") is not None
        report = mcqa.evaluate(sheet, "mcqa-core@2.0.0", today=TODAY)
        assert report.results[0].descriptor_id == "sheet"
    finally:
        mcqa.importers._plugins.cache_clear()
