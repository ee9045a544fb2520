"""Review forms for reviewers who do not edit YAML: a spreadsheet, and a printable view.

* :func:`render_sheet` writes the form ``mcqa review init`` writes as a CSV sheet
  (UTF-8 with a byte-order mark and CRLF line ends, as spreadsheets save them):
  a few rows naming the rubric, the descriptor and the reviewer, then one row
  per standard with its text, the guidance, the evidence found in the
  descriptor, what the automated checks suggest, and blank answer columns.
* :func:`import_sheet` turns a filled sheet back into that YAML form, with the
  answers filled in, and checks it as ``mcqa review validate`` does; every
  problem is said at its row and column of the sheet.
* :func:`form_view`, :func:`show_text` and :func:`show_html` show a form for
  reading or printing: each standard's text, guidance and evidence beside the
  reviewer's answer.

Descriptors, rubrics and sheets come from other people, so none is trusted. A
cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written after an apostrophe, as
OWASP recommends (:func:`neutralise`); the import takes that apostrophe off
again, and only that one (:func:`restore`). Control and direction-changing
characters are shown as visible escapes. The HTML view escapes everything it
prints (Jinja autoescape, and the report's ``finalize``), makes no request and
allows only its own stylesheets, by their hashes.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcqa._paths import find_root, inside, outside_message
from mcqa.load import Document, load_path, load_text
from mcqa.models.finding import Finding, Severity
from mcqa.models.review import Review
from mcqa.models.rubric import LevelScale, Rubric, Standard
from mcqa.review import (
    FIELDS_COMMENT,
    FormEntry,
    FormParts,
    comment_text,
    field_hashes,
    form_parts,
    quote_scalar,
    validate_review,
)
from mcqa.rubrics import RubricError, RubricRegistry
from mcqa.validate import suggest

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

__all__ = [
    "SHEET_FORMAT",
    "SHEET_MARK",
    "FormView",
    "SheetError",
    "SheetImport",
    "form_view",
    "import_sheet",
    "neutralise",
    "render_sheet",
    "restore",
    "show_html",
    "show_text",
]

#: The first cell of a review sheet, and the format of the sheet beside it.
SHEET_MARK = "mcqa review form"
SHEET_FORMAT = 1

_ROLES = ("chair", "peer", "sme", "external", "self")
_ROLE_WORDS = "chair, peer, sme (subject-matter expert), external or self"

# -- cells ------------------------------------------------------------------------------

# What a spreadsheet reads as the start of a formula (OWASP's list: = + - @ tab CR), also
# after white space, and after apostrophes: a cell that starts with an apostrophe and
# then one of those gets one more, so that :func:`restore` takes off only what was added.
_FORMULA = re.compile(r"'*(?:[\t\r]|\s*[=+\-@])")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet cell that no spreadsheet runs as a formula.

    A cell that would start a formula gets an apostrophe in front (OWASP's advice
    against CSV injection); every other cell is left as it is.

    >>> neutralise('=HYPERLINK("https://example.invalid", "Click")')
    '\\'=HYPERLINK("https://example.invalid", "Click")'
    >>> neutralise("- a list item"), neutralise("Met")
    ("'- a list item", 'Met')
    """
    return "'" + text if _FORMULA.match(text) else text


def restore(cell: str) -> str:
    """A cell as :func:`neutralise` had it: the apostrophe it added taken off, no other.

    >>> restore("'=1+2"), restore("'quoted' words"), restore(neutralise("'=x"))
    ('=1+2', "'quoted' words", "'=x")
    """
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell[1:]) else cell


_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def _paragraphs(text: object) -> list[str]:
    """``text``'s paragraphs and list items, each on one line with visible escapes.

    Lines of one paragraph are joined (see :func:`comment_text`); a line that
    starts a list item (``- ``, ``* ``, ``1. ``) starts a new one.

    >>> _paragraphs("Look for:\\n- a title\\n  that names it\\n\\nThen\\nmore.")
    ['Look for:', '- a title that names it', 'Then more.']
    """
    found: list[str] = []
    for block in re.split(r"\n\s*\n", str(text).strip()):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _ITEM.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        found += [comment_text(line) for line in lines]
    return [part for part in found if part]


def _text_cell(text: object) -> str:
    return "\n".join(_paragraphs(text))


_MISSING = object()


def _at_pointer(data: Any, pointer: str) -> Any:
    """The value at a JSON pointer, or ``_MISSING``."""
    target = data
    for token in [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]:
        if isinstance(target, dict) and token in target:
            target = target[token]
        elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
            target = target[int(token)]
        else:
            return _MISSING
    return target


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "), default=str)


def _evidence_cell(data: Any, pointers: Sequence[str], limit: int = 300) -> str:
    """What the descriptor holds at each evidence pointer, one line each, shortened."""
    lines = []
    for pointer in pointers:
        value = _at_pointer(data, pointer)
        if value is _MISSING:
            shown = "(not in the descriptor)"
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            shown = _clip(comment_text("; ".join(value)), limit)
        else:
            shown = _clip(comment_text(_as_text(value)), limit)
        lines.append(f"{comment_text(pointer)}: {shown}")
    return "\n".join(lines)


def _column_letter(index: int) -> str:
    """The spreadsheet's name of the column at 0-based ``index``: A ... Z, AA ...

    >>> _column_letter(0), _column_letter(25), _column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# -- writing a sheet ----------------------------------------------------------------------

#: The table's columns, in order; those in brackets only on some sheets (see render_sheet).
_INFO_COLUMNS = (
    "standard",
    "title",
    "mode",
    "essential",
    "points",
    "text",
    "guidance",
    "evidence in the descriptor",
    "automated suggestion",
)


def _people(rubric: Rubric, amend: Mapping[str, list[str]] | None) -> list[Standard]:
    """The standards a form asks a person about, in rubric order (as :func:`form_parts`)."""
    return [
        s
        for _, s in rubric.iter_standards()
        if s.mode != "automated" and (amend is None or s.id in amend)
    ]


def _scale_words(rubric: Rubric) -> str:
    if isinstance(rubric.scale, LevelScale):
        levels = sorted(rubric.scale.levels, key=lambda lv: lv.value)
        return ", ".join(f"{lv.value} = {comment_text(lv.label)}" for lv in levels)
    return "met, not met or not applicable"


def render_sheet(
    document: Document,
    rubric: Rubric,
    *,
    reviewer: str,
    role: str,
    descriptor_path: str,
    form_round: int = 1,
    today: dt.date | None = None,
    suggestions: dict[str, list[str]] | None = None,
    schema_location: str | None = None,
    amend: Mapping[str, list[str]] | None = None,
) -> str:
    """The review form :func:`mcqa.review.render_form` writes, as a CSV sheet.

    It takes the same arguments (``schema_location`` is for YAML editors, so a
    sheet has none) and returns the whole file: a UTF-8 byte-order mark (so
    that Excel reads it as UTF-8), CRLF line ends, cells quoted where needed.

    The first rows hold the form's header, a name in column A and its value in
    B: the rubric, the descriptor (id, path from the sheet's folder, and the
    SHA-256 and field fingerprints that tell later whether it changed), the
    reviewer's name and role, the round and the date. Then a row of column
    names, and one row per standard a person judges: its id, title, mode,
    whether it is essential, points, text, guidance, the descriptor's values at
    its evidence pointers (shortened), what the automated check suggests, on an
    amendment form what the earlier rounds decided, and blank ``verdict``,
    ``level`` (on rubrics scored on levels), ``comment`` and ``recommendation``
    columns (and ``evidence links`` on rubrics scored on levels).
    """
    del schema_location  # a line for YAML editors: a sheet has no place for it
    today = today or dt.date.today()
    data = document.data if isinstance(document.data, dict) else {}
    levels = isinstance(rubric.scale, LevelScale)
    title = data.get("title", "")
    descriptor_id = data.get("id")
    answer = (
        "for each standard below, a level ("
        + _scale_words(rubric)
        + "), or not applicable in the verdict column; a comment; a recommendation (required "
        "below the top level); and links to your evidence, one a line"
        if levels
        else "for each standard below, a verdict (met, not met or not applicable), a comment, "
        "and a recommendation (required when not met, welcome when met)"
    )
    rows: list[list[str]] = [
        [
            SHEET_MARK,
            str(SHEET_FORMAT),
            f"Review of {comment_text(title)}. Fill in your name and role, then {answer}. "
            "Keep the first rows and the column names as they are. Save as CSV, then run: "
            "mcqa review import THIS-FILE",
        ],
        ["rubric", rubric.ref, comment_text(rubric.title)],
        ["descriptor title", comment_text(title)],
        ["descriptor id", comment_text(descriptor_id) if isinstance(descriptor_id, str) else ""],
        ["descriptor path", comment_text(descriptor_path), "from this sheet's folder"],
        [
            "descriptor sha256",
            document.sha256,
            "the descriptor as it was when this sheet was made: leave as it is",
        ],
        [
            "descriptor fields",
            json.dumps(field_hashes(data), ensure_ascii=True, separators=(",", ":")),
            "fingerprints of the descriptor's fields: leave as they are",
        ],
        ["reviewer name", comment_text(reviewer), "your name"],
        ["reviewer role", role, _ROLE_WORDS],
        ["round", str(int(form_round)), "1, or 2 and up for an amendment round"],
        ["date", today.isoformat(), "the day of the review, as YYYY-MM-DD"],
        [],
    ]
    header = list(_INFO_COLUMNS)
    if amend is not None:
        header.append("earlier rounds")
    header.append("verdict")
    if levels:
        header.append("level")
    header += ["comment", "recommendation"]
    if levels:
        header.append("evidence links")
    rows.append(header)
    suggestions = suggestions or {}
    for standard in _people(rubric, amend):
        row = [
            standard.id,
            comment_text(standard.title),
            standard.mode,
            "essential" if standard.essential else "",
            str(standard.points),
            _text_cell(standard.text),
            _text_cell(standard.annotation or ""),
            _evidence_cell(data, standard.evidence),
            "\n".join(comment_text(note) for note in suggestions.get(standard.id, [])),
        ]
        if amend is not None:
            row.append("\n".join(comment_text(note) for note in amend.get(standard.id, [])))
        row += [""] * (len(header) - len(row))
        rows.append(row)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()


# -- reading a sheet ----------------------------------------------------------------------


class SheetError(Exception):
    """No form can be made from the sheet for a reason outside it (its descriptor cannot
    be had); ``message`` says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SheetImport:
    """What :func:`import_sheet` made of a sheet.

    ``text`` is the YAML form (``None`` when the sheet has an error: no form is
    written then); ``review`` the form as read back; ``findings`` every problem
    and note, in sheet order, each message starting with its row and column.
    """

    text: str | None
    review: Review | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when the sheet has no error."""
        return not any(f.severity == "error" for f in self.findings)


# Names of the header rows (column A) and of the table's columns, as people may write them.
_META_NAMES = {
    SHEET_MARK: SHEET_MARK,
    "rubric": "rubric",
    "descriptor title": "descriptor title",
    "descriptor id": "descriptor id",
    "descriptor path": "descriptor path",
    "descriptor sha256": "descriptor sha256",
    "descriptor fields": "descriptor fields",
    "reviewer name": "reviewer name",
    "reviewer": "reviewer name",
    "name": "reviewer name",
    "reviewer role": "reviewer role",
    "role": "reviewer role",
    "round": "round",
    "date": "date",
}
_COLUMN_NAMES = {
    "standard": "standard",
    "standard id": "standard",
    "title": "title",
    "verdict": "verdict",
    "level": "level",
    "comment": "comment",
    "comments": "comment",
    "recommendation": "recommendation",
    "recommendations": "recommendation",
    "evidence links": "evidence links",
    "earlier rounds": "earlier rounds",
}
#: Where a field of a YAML form is in the sheet: a header row, or a column.
_FORM_FIELDS = {
    "rubric": "rubric",
    "round": "round",
    "date": "date",
    "review_format": SHEET_MARK,
    "reviewer/name": "reviewer name",
    "reviewer/role": "reviewer role",
    "reviewer": "reviewer name",
    "descriptor/id": "descriptor id",
    "descriptor/path": "descriptor path",
    "descriptor/sha256": "descriptor sha256",
    "descriptor/fields": "descriptor fields",
    "descriptor": "descriptor path",
}
_ANSWER_FIELDS = {
    "verdict": "verdict",
    "level": "level",
    "comment": "comment",
    "recommendation": "recommendation",
    "evidence": "evidence links",
    "given_under": "verdict",
}

_VERDICTS = {
    "met": "met",
    "not met": "not_met",
    "notmet": "not_met",
    "unmet": "not_met",
    "not applicable": "not_applicable",
    "n/a": "not_applicable",
    "na": "not_applicable",
    "n.a": "not_applicable",
    "n. a": "not_applicable",
}
_NOT_A_SHEET = (
    "this is not a review sheet: a sheet written by mcqa review init --format csv starts "
    "with rows naming the rubric and the descriptor, then a row of column names starting "
    "with 'standard'"
)


def _name(cell: str) -> str:
    """A cell naming a header row or a column, as compared: lower case, spaces single."""
    return " ".join(restore(cell).replace("_", " ").lower().split()).rstrip(":")


def _spelling(cell: str) -> str:
    return " ".join(cell.replace("_", " ").replace("-", " ").lower().split()).rstrip(".")


def _decode(data: bytes) -> tuple[str, str | None]:
    """The sheet's text, and a warning when it is not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), (
            "this sheet is not saved as UTF-8, so mcqa read it as Windows-1252; check that "
            "accented letters came out right, and save as 'CSV UTF-8' next time"
        )


def _rows(text: str, delimiter: str) -> tuple[list[list[str]], str | None]:
    """The rows of the sheet read with ``delimiter``; why reading stopped early, if it did."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return rows, None
        except csv.Error as exc:
            return rows, f"row {len(rows) + 1}: this row cannot be read as CSV ({exc})"
        rows.append(row)


def _header_row(rows: Sequence[Sequence[str]]) -> int | None:
    """The index of the row of column names: it names ``standard`` and ``verdict`` or ``level``."""
    for index, row in enumerate(rows):
        names = [_name(cell) for cell in row]
        filled = [n for n in names if n]
        if (
            filled
            and _COLUMN_NAMES.get(filled[0]) == "standard"
            and {"verdict", "level"} & {_COLUMN_NAMES.get(n) for n in filled}
        ):
            return index
    return None


def _delimiters(text: str) -> list[str]:
    """The delimiters to try, the one :class:`csv.Sniffer` guesses first."""
    candidates = [",", ";", "\t"]
    try:
        guessed = csv.Sniffer().sniff(text[:4096], delimiters="".join(candidates)).delimiter
    except csv.Error:
        return candidates
    return [guessed, *(c for c in candidates if c != guessed)]


@dataclass
class _Answer:
    row: int
    verdict: str | None = None
    level: int | None = None
    comment: str | None = None
    recommendation: str | None = None
    links: list[str] = field(default_factory=list)
    earlier: list[str] = field(default_factory=list)

    @property
    def given(self) -> bool:
        return bool(
            self.verdict
            or self.level is not None
            or self.comment
            or self.recommendation
            or self.links
        )


@dataclass
class _Sheet:
    """A sheet being read: its rows, where things are in it, and what was found."""

    path: str
    rows: list[list[str]]
    header: int
    columns: dict[str, int] = field(default_factory=dict)
    meta: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    """Header row name -> (0-based row, 0-based column of the value, the value)."""
    standard_rows: dict[str, int] = field(default_factory=dict)
    findings: list[tuple[tuple[int, int], Finding]] = field(default_factory=list)

    def where(self, row: int | None, column: int | None, what: str | None = None) -> str:
        if row is None:
            text = f"standard {what} (no row in the sheet)" if what else "the sheet"
        else:
            text = f"row {row + 1}" + (f" ({what})" if what else "")
        if column is not None:
            name = next((n for n, i in self.columns.items() if i == column), None)
            if row is not None and row <= self.header:
                name = None
            text += (
                f", column {name} ({_column_letter(column)})"
                if name
                else (f", column {_column_letter(column)}")
            )
        return text

    def add(
        self,
        row: int | None,
        column: int | None,
        message: str,
        *,
        rule: str = "review-sheet",
        severity: Severity = "error",
        standard: str | None = None,
        what: str | None = None,
    ) -> None:
        label = what or (f"standard {standard}" if standard else None)
        found = Finding(
            rule=rule,
            message=f"{self.where(row, column, label)}: {message}",
            severity=severity,
            standard=standard,
            file=self.path,
        )
        order = (-1 if row is None else row, -1 if column is None else column)
        self.findings.append((order, found))

    def at_meta(self, name: str, message: str, **kwargs: Any) -> None:
        row, column, _ = self.meta.get(name, (None, None, ""))
        self.add(row, column, message, what=name, **kwargs)

    def value(self, name: str) -> str:
        return self.meta.get(name, (0, 0, ""))[2]

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(row):
            return ""
        return restore(row[index]).replace("\r\n", "\n").replace("\r", "\n").strip()

    def sorted_findings(self) -> tuple[Finding, ...]:
        return tuple(f for _, f in sorted(self.findings, key=lambda item: item[0]))


def _read_table(path: str, text: str) -> tuple[_Sheet | None, list[Finding]]:
    """The sheet's rows, read with the delimiter that finds its table."""
    trouble: str | None = None
    for delimiter in _delimiters(text):
        rows, stopped = _rows(text, delimiter)
        header = _header_row(rows)
        if header is not None:
            sheet = _Sheet(path, rows, header)
            if stopped:
                sheet.add(None, None, stopped)
            return sheet, []
        trouble = trouble or stopped
    message = _NOT_A_SHEET + (f" ({trouble})" if trouble else "")
    return None, [Finding(rule="review-sheet", message=f"the sheet: {message}", file=path)]


def _read_header(sheet: _Sheet) -> None:
    """The header rows' names and values, and the table's columns."""
    for index, row in enumerate(sheet.rows[: sheet.header]):
        filled = [i for i, cell in enumerate(row) if cell.strip()]
        if not filled:
            continue
        name = _META_NAMES.get(_name(row[filled[0]]))
        if name is None:
            continue  # a note of the reviewer's
        column = filled[0] + 1
        value = restore(row[column]).strip() if column < len(row) else ""
        if name in sheet.meta:
            sheet.add(
                index,
                filled[0],
                f"the sheet has two '{name}' rows (the other is row "
                f"{sheet.meta[name][0] + 1}); mcqa reads the first",
                severity="warning",
            )
            continue
        sheet.meta[name] = (index, column, value)
    for index, cell in enumerate(sheet.rows[sheet.header]):
        known = _COLUMN_NAMES.get(_name(cell))
        if known is not None and known not in sheet.columns:
            sheet.columns[known] = index


def _parse_date(text: str) -> dt.date | None:
    """A date as a spreadsheet may have saved it; ``None`` when it cannot tell which day.

    >>> _parse_date("2026-11-28"), _parse_date("28/11/2026"), _parse_date("3/4/2026")
    (datetime.date(2026, 11, 28), datetime.date(2026, 11, 28), None)
    """
    text = text.strip()
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]*)?", text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?: [\d:.]*)?", text)
        if match:
            first, second, year = int(match[1]), int(match[3]), int(match[4])
            if match[2] == ".":  # day.month.year wherever dots are written
                return dt.date(year, second, first)
            if first > 12 >= second:
                return dt.date(year, second, first)
            if second > 12 >= first:
                return dt.date(year, first, second)
            if first == second:
                return dt.date(year, first, first)
    except ValueError:
        return None
    return None


def _whole(text: str) -> int | None:
    """A whole number as a spreadsheet saves one (``2``, ``2.0``), else ``None``."""
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _header_values(
    sheet: _Sheet, registry: RubricRegistry
) -> tuple[Rubric | None, str, str, int, dt.date | None]:
    """The rubric, the reviewer's name and role, the round and the date, each checked."""
    rubric: Rubric | None = None
    ref = sheet.value("rubric")
    if not ref:
        sheet.at_meta("rubric", "the sheet does not say which rubric it is for (its 'rubric' row)")
    else:
        try:
            rubric = registry.load(ref)
        except RubricError as exc:
            sheet.at_meta("rubric", exc.message, rule="review-rubric")
        else:
            if ref != rubric.ref:
                sheet.at_meta(
                    "rubric",
                    f"a sheet names one version of a rubric; {ref!r} is not one "
                    f"(write {rubric.ref}, as the sheet was made)",
                    rule="review-rubric",
                )
    name = sheet.value("reviewer name")
    written = sheet.value("reviewer role")
    role = written.lower().strip()
    if role in ("subject-matter expert", "subject matter expert", "expert"):
        role = "sme"
    if not written:
        sheet.at_meta("reviewer role", f"fill in the reviewer's role: {_ROLE_WORDS}")
        role = "peer"
    elif role not in _ROLES:
        sheet.at_meta("reviewer role", f"{written!r} is not a role; write {_ROLE_WORDS}")
        role = "peer"
    elif role != written:
        sheet.at_meta("reviewer role", f"{written!r} read as {role}", severity="info")
    form_round = 1
    if sheet.value("round"):
        number = _whole(sheet.value("round"))
        if number is None or number < 1:
            sheet.at_meta("round", f"{sheet.value('round')!r} is not a round; write 1, or 2 and up")
        else:
            form_round = number
    day: dt.date | None = None
    if sheet.value("date"):
        day = _parse_date(sheet.value("date"))
        if day is None:
            sheet.at_meta(
                "date",
                f"{sheet.value('date')!r} is not a date mcqa can read for sure; "
                "write it as YYYY-MM-DD (2026-11-28)",
            )
        elif day.isoformat() != sheet.value("date"):
            sheet.at_meta(
                "date", f"{sheet.value('date')!r} read as {day.isoformat()}", severity="info"
            )
    return rubric, name, role, form_round, day


def _title_key(text: str) -> str:
    return " ".join(comment_text(text).lower().split())


def _standard_of(
    sheet: _Sheet, index: int, row: list[str], rubric: Rubric, by_title: dict[str, Standard]
) -> Standard | None:
    """The standard a row of the table answers: by its id, or by its title when a
    spreadsheet turned the id into a number or a date (``1.10`` into ``1.1``)."""
    written = sheet.cell(row, "standard")
    by_id = rubric.standard(written)
    titled = (
        by_title.get(_title_key(sheet.cell(row, "title"))) if "title" in sheet.columns else None
    )
    column = sheet.columns["standard"]
    if (
        titled is not None
        and titled is not by_id
        and (by_id is None or _same_number(written, titled.id))
    ):
        sheet.add(
            index,
            column,
            f"{written!r} read as standard {titled.id}, by its title (a spreadsheet may "
            "have changed the number)",
            severity="info",
            standard=titled.id,
        )
        return titled
    if by_id is not None:
        return by_id
    known = [s.id for _, s in rubric.iter_standards()]
    hint = suggest(written, known)
    sheet.add(
        index,
        column,
        f"{rubric.ref} has no standard {written!r}" + (f"; did you mean {hint!r}?" if hint else ""),
        rule="review-standard",
        what=f"standard {written}",
    )
    return None


def _same_number(written: str, standard_id: str) -> bool:
    """Whether a spreadsheet may have made ``written`` of ``standard_id`` (``1.10`` -> ``1.1``).

    >>> _same_number("1.1", "1.10"), _same_number("1.1", "1.11"), _same_number("x", "1")
    (True, False, False)
    """
    try:
        return float(written) == float(standard_id)
    except ValueError:
        return False


def _verdict(sheet: _Sheet, index: int, cell: str, standard: str) -> str | None:
    if not cell:
        return None
    verdict = _VERDICTS.get(_spelling(cell))
    column = sheet.columns.get("verdict")
    if verdict is None:
        sheet.add(
            index,
            column,
            f"{cell!r} is not a verdict; write met, not met or not applicable",
            rule="review-scale",
            standard=standard,
        )
    elif cell != verdict:
        sheet.add(index, column, f"{cell!r} read as {verdict}", severity="info", standard=standard)
    return verdict


def _level(sheet: _Sheet, index: int, cell: str, standard: str, rubric: Rubric) -> int | None:
    if not cell:
        return None
    column = sheet.columns.get("level")
    level = _whole(cell)
    levels = rubric.scale.levels if isinstance(rubric.scale, LevelScale) else []
    if level is None:
        by_label = {" ".join(lv.label.lower().split()): lv.value for lv in levels}
        level = by_label.get(" ".join(cell.lower().split()))
    if level is None or level < 0:
        allowed = ", ".join(f"{lv.value} ({lv.label})" for lv in levels) or "a whole number"
        sheet.add(
            index,
            column,
            f"{cell!r} is not a level; write one of {allowed}",
            rule="review-scale",
            standard=standard,
        )
        return None
    if cell != str(level):
        sheet.add(index, column, f"{cell!r} read as {level}", severity="info", standard=standard)
    return level


def _read_answers(sheet: _Sheet, rubric: Rubric) -> dict[str, _Answer]:
    """Each standard's answer, by standard id, with every cell checked."""
    by_title: dict[str, Standard] = {}
    counted: dict[str, int] = {}
    for _, each in rubric.iter_standards():
        key = _title_key(each.title)
        counted[key] = counted.get(key, 0) + 1
        by_title[key] = each
    by_title = {key: s for key, s in by_title.items() if counted[key] == 1}
    answers: dict[str, _Answer] = {}
    for index in range(sheet.header + 1, len(sheet.rows)):
        row = sheet.rows[index]
        if not any(cell.strip() for cell in row):
            continue
        if not sheet.cell(row, "standard"):
            if any(
                sheet.cell(row, name) for name in ("verdict", "level", "comment", "recommendation")
            ):
                sheet.add(
                    index,
                    sheet.columns["standard"],
                    "this row names no standard, so its answer is left out; write the "
                    "standard's number",
                    severity="warning",
                )
            continue
        standard = _standard_of(sheet, index, row, rubric, by_title)
        if standard is None:
            continue
        answer = _Answer(
            row=index,
            verdict=_verdict(sheet, index, sheet.cell(row, "verdict"), standard.id),
            level=_level(sheet, index, sheet.cell(row, "level"), standard.id, rubric),
            comment=sheet.cell(row, "comment") or None,
            recommendation=sheet.cell(row, "recommendation") or None,
            links=[
                line.strip()
                for line in sheet.cell(row, "evidence links").splitlines()
                if line.strip()
            ],
            earlier=[
                line.strip()
                for line in sheet.cell(row, "earlier rounds").splitlines()
                if line.strip()
            ],
        )
        if standard.id in answers:
            sheet.add(
                index,
                sheet.columns["standard"],
                f"standard {standard.id} is already in row {answers[standard.id].row + 1}; "
                "keep one row per standard",
                rule="duplicate-key",
                standard=standard.id,
            )
            continue
        if standard.mode == "automated":
            if answer.given:
                sheet.add(
                    index,
                    sheet.columns["standard"],
                    f"standard {standard.id} is decided by an automated check; this answer "
                    "is not used",
                    rule="review-standard",
                    severity="warning",
                    standard=standard.id,
                )
            continue
        answers[standard.id] = answer
        sheet.standard_rows[standard.id] = index
    return answers


def _find_descriptor(sheet: _Sheet, sheet_path: Path, root: Path | None) -> Path:
    """The descriptor the sheet names by its path from the sheet's folder, inside ``root``."""
    written = sheet.value("descriptor path")
    place = sheet.meta.get("descriptor path")
    where = f" (row {place[0] + 1} of the sheet)" if place is not None else ""
    if not written:
        raise SheetError(
            f"the sheet does not say where its descriptor is{where}; give it with --descriptor PATH"
        )
    folder = sheet_path.parent
    root = find_root(folder) if root is None else root
    candidate = folder / written
    real = inside(root, candidate)
    if real is None:
        raise SheetError(
            outside_message("the descriptor path", written, root, candidate)
            + f"{where}; give the descriptor with --descriptor PATH"
        )
    if not real.is_file():
        raise SheetError(
            f"the descriptor {written!r}{where} is not there, from the sheet's folder; "
            "give it with --descriptor PATH"
        )
    return real


def _fingerprints(sheet: _Sheet, document: Document) -> dict[str, str] | None:
    """The descriptor's field fingerprints as the sheet recorded them; ``None`` when unknown."""
    written = sheet.value("descriptor fields")
    if written:
        try:
            found = json.loads(written)
        except ValueError:
            found = None
        if isinstance(found, dict) and all(
            isinstance(k, str) and isinstance(v, str) and re.fullmatch(r"[0-9a-f]{8,64}", v)
            for k, v in found.items()
        ):
            return found
        sheet.at_meta(
            "descriptor fields",
            "these fingerprints cannot be read, so a changed descriptor will not say which "
            "fields changed; keep the row as mcqa wrote it",
            severity="warning",
        )
    if sheet.value("descriptor sha256") in ("", document.sha256):
        return field_hashes(document.data)
    return None


def _with_fingerprints(header: Sequence[str], fields: Mapping[str, str] | None) -> list[str]:
    """The form's header lines with the ``fields:`` block the sheet recorded (none: left out)."""
    lines = list(header)
    if FIELDS_COMMENT not in lines:
        return lines
    start = lines.index(FIELDS_COMMENT)
    end = lines.index("reviewer:", start)
    block = (
        [FIELDS_COMMENT, "  fields:"]
        + [f"    {quote_scalar(k)}: {quote_scalar(v)}" for k, v in sorted(fields.items())]
        if fields
        else []
    )
    return lines[:start] + block + lines[end:]


_BODY_KEY = re.compile(r"^\s+([a-z_]+):")


def _filled(entry: FormEntry, answer: _Answer | None) -> FormEntry:
    """``entry`` with the answer written into its blank lines."""
    if answer is None or not answer.given:
        return entry
    values: dict[str, str] = {}
    if answer.verdict:
        values["verdict"] = answer.verdict
    if answer.level is not None:
        values["level"] = str(answer.level)
    if answer.comment:
        values["comment"] = quote_scalar(answer.comment)
    if answer.recommendation:
        values["recommendation"] = quote_scalar(answer.recommendation)
    if answer.links:
        values["evidence"] = "[" + ", ".join(quote_scalar(link) for link in answer.links) + "]"
    body: list[str] = []
    for line in entry.body:
        match = _BODY_KEY.match(line)
        key = match.group(1) if match else None
        if key in values:
            body.append(f"    {key}: {values.pop(key)}")
        else:
            body.append(line)
    if "verdict" in values:
        body.insert(0, f"    verdict: {values.pop('verdict')}")
    body += [f"    {key}: {value}" for key, value in values.items()]
    return replace(entry, body=tuple(body))


def _placed(sheet: _Sheet, finding: Finding, unanswered_column: str) -> None:
    """A finding of the YAML form, said at its row and column of the sheet."""
    tokens = [
        t.replace("~1", "/").replace("~0", "~") for t in (finding.pointer or "").split("/")[1:]
    ]
    if tokens[:1] == ["standards"] and len(tokens) >= 2:
        standard = tokens[1]
        row = sheet.standard_rows.get(standard)
        if len(tokens) > 2:
            name = _ANSWER_FIELDS.get(tokens[2], "verdict")
        elif finding.rule == "review-recommendation":
            name = "recommendation"
        else:
            name = unanswered_column
        column = sheet.columns.get(name)
        if column is None and name == "level":
            column = sheet.columns.get("verdict")
        sheet.add(
            row,
            column,
            finding.message,
            rule=finding.rule,
            severity=finding.severity,
            standard=standard,
        )
        return
    row_name = _FORM_FIELDS.get("/".join(tokens[:2])) or _FORM_FIELDS.get("/".join(tokens[:1]))
    if row_name is not None and row_name in sheet.meta:
        sheet.at_meta(row_name, finding.message, rule=finding.rule, severity=finding.severity)
    else:
        sheet.add(None, None, finding.message, rule=finding.rule, severity=finding.severity)


def import_sheet(
    data: bytes,
    *,
    sheet: Path,
    form: Path,
    registry: RubricRegistry,
    descriptor: Path | None = None,
    root: Path | None = None,
    suggestions: Callable[[Document, Rubric], Mapping[str, list[str]]] | None = None,
    schema_location: str | None = None,
) -> SheetImport:
    """The YAML review form a filled sheet (``data``, the file's bytes) holds.

    ``sheet`` is the sheet's path (findings name it; its ``descriptor path`` row
    is taken from its folder, and must stay inside ``root``, by default found
    from that folder), ``form`` where the form will be written (its
    ``descriptor.path`` is written from that folder). ``descriptor`` gives the
    descriptor instead of the sheet's row. ``suggestions`` gives what the
    automated checks suggest on each standard, as ``mcqa review init`` writes
    it into the form; ``schema_location`` is the form's first line (see
    :func:`mcqa.review.schema_location`).

    The form is the one ``mcqa review init`` writes for the same descriptor,
    rubric, reviewer, role, round and date, with each answer of the sheet
    written into it: SHA-256 and field fingerprints are the sheet's, so a
    descriptor that changed since the sheet was made is still said to have.
    The sheet may use ``,``, ``;`` or tabs between cells, carry a byte-order
    mark or not, end lines with CRLF or LF, hold empty rows and columns and
    cells with line breaks; verdicts may be written as people write them
    (``Met``, ``NOT MET``, ``n/a``: an ``info`` says how each was read).

    The form is checked as ``mcqa review validate`` checks it; each finding is
    said at the sheet's row and column. With an error, ``text`` is ``None``.
    Raises :class:`SheetError` when the descriptor cannot be had.
    """
    path = str(sheet)
    text, decode_note = _decode(data)
    read, problems = _read_table(path, text)
    if read is None:
        return SheetImport(None, None, tuple(problems))
    if decode_note:
        read.add(None, None, decode_note, severity="warning")
    _read_header(read)
    made = read.value(SHEET_MARK)
    if made and _whole(made) != SHEET_FORMAT:
        read.at_meta(
            SHEET_MARK,
            f"this sheet is in format {made!r}; this version of mcqa reads format "
            f"{SHEET_FORMAT}: import it with the mcqa that wrote it",
        )
    rubric, name, role, form_round, day = _header_values(read, registry)
    if rubric is None:
        return SheetImport(None, None, read.sorted_findings())
    levels = isinstance(rubric.scale, LevelScale)
    if not levels and "verdict" not in read.columns:
        read.add(
            read.header, None, "the sheet has no 'verdict' column; add it back", what="column names"
        )
    if levels and "level" not in read.columns:
        read.add(
            read.header, None, "the sheet has no 'level' column; add it back", what="column names"
        )
    answers = _read_answers(read, rubric)
    descriptor_file = descriptor or _find_descriptor(read, sheet, root)
    document = load_path(descriptor_file)
    if not isinstance(document.data, dict):
        raise SheetError(f"the descriptor {descriptor_file} cannot be read, so no form was made")
    written_id = read.value("descriptor id")
    actual_id = document.data.get("id")
    if written_id and isinstance(actual_id, str) and written_id != comment_text(actual_id):
        read.at_meta(
            "descriptor id",
            f"this sheet reviews {written_id!r}, but {descriptor_file} is {comment_text(actual_id)!r}; "
            "give the descriptor the sheet reviews with --descriptor PATH",
            rule="review-descriptor",
        )
    sha256 = read.value("descriptor sha256")
    if not sha256:
        read.at_meta(
            "descriptor sha256",
            "the sheet does not say which version of the descriptor was reviewed; the form "
            "is tied to the descriptor as it is now",
            severity="warning",
        )
    fields = _fingerprints(read, document)
    amend = {sid: a.earlier for sid, a in answers.items()} if form_round > 1 and answers else None
    if form_round > 1 and amend is None:
        read.add(
            None,
            None,
            "an amendment sheet (round 2 and up) names the standards to re-judge; this one names none",
        )
    folder = form.parent
    parts = form_parts(
        replace(document, sha256=sha256 or document.sha256),
        rubric,
        reviewer=name,
        role=role,
        descriptor_path=Path(
            os.path.relpath(descriptor_file.resolve(), folder.resolve())
        ).as_posix(),
        form_round=form_round,
        today=day or dt.date.today(),
        suggestions=dict(suggestions(document, rubric)) if suggestions else None,
        schema_location=schema_location,
        amend=amend,
    )
    filled = FormParts(
        tuple(_with_fingerprints(parts.header, fields)),
        tuple(_filled(entry, answers.get(entry.standard)) for entry in parts.entries),
    )
    yaml_text = filled.text()
    review, found = validate_review(
        load_text(yaml_text, path=str(form)), registry, form_path=form, root=root
    )
    unanswered = "level" if levels else "verdict"
    for finding in found:
        _placed(read, finding, unanswered)
    findings = read.sorted_findings()
    if any(f.severity == "error" for f in findings):
        return SheetImport(None, review, findings)
    return SheetImport(yaml_text, review, findings)


# -- showing a form -----------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerView:
    """A reviewer's answer on one standard, in words."""

    answered: bool
    verdict: str | None = None
    """``Met``, ``Not met``, ``Not applicable``, or ``2 (In place)`` on a level scale."""
    status: str = "blank"
    """``met``, ``not_met``, ``not_applicable``, ``level`` or ``blank``: how it is marked."""
    comment: tuple[str, ...] = ()
    recommendation: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    given_under: str | None = None


@dataclass(frozen=True)
class EvidenceView:
    """What the descriptor holds at one evidence pointer."""

    pointer: str
    lines: tuple[str, ...]
    found: bool = True


@dataclass(frozen=True)
class StandardView:
    id: str
    title: str
    weight: str
    text: tuple[str, ...]
    guidance: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]
    answer: AnswerView


@dataclass(frozen=True)
class CategoryView:
    id: str
    title: str
    standards: tuple[StandardView, ...]


@dataclass(frozen=True)
class FormView:
    """A review form for reading: what it reviews, who answered, and each standard beside
    its answer (see :func:`form_view`)."""

    form: str
    rubric: str
    rubric_title: str
    descriptor: str
    descriptor_id: str | None
    descriptor_title: str | None
    descriptor_note: str | None
    reviewer: str
    role: str | None
    round: int
    date: str | None
    answered: int
    asked: int
    problems: tuple[Finding, ...]
    categories: tuple[CategoryView, ...]


_VERDICT_WORDS = {"met": "Met", "not_met": "Not met", "not_applicable": "Not applicable"}


def _lines(text: str | None) -> tuple[str, ...]:
    return tuple(_paragraphs(text)) if text else ()


def _evidence_view(data: Any, pointer: str, limit: int = 2000, items: int = 50) -> EvidenceView:
    value = _at_pointer(data, pointer) if data is not None else _MISSING
    if value is _MISSING:
        return EvidenceView(pointer, ("(not in the descriptor)",), found=False)
    if isinstance(value, list):
        shown = [_clip(comment_text(_as_text(item)), limit) for item in value[:items]]
        if len(value) > items:
            shown.append(f"... and {len(value) - items} more")
        return EvidenceView(pointer, tuple(shown) or ("(empty)",))
    if isinstance(value, str):
        return EvidenceView(
            pointer, tuple(_clip(p, limit) for p in _paragraphs(value)) or ("(empty)",)
        )
    return EvidenceView(pointer, (_clip(comment_text(_as_text(value)), limit),))


def _answer_view(review: Review, standard_id: str, rubric: Rubric) -> AnswerView:
    answer = review.standards.get(standard_id)
    if answer is None:
        return AnswerView(answered=False)
    labels = (
        {lv.value: lv.label for lv in rubric.scale.levels}
        if isinstance(rubric.scale, LevelScale)
        else {}
    )
    if answer.level is not None:
        label = labels.get(answer.level)
        verdict: str | None = f"{answer.level}" + (f" ({comment_text(label)})" if label else "")
        status = "level"
    elif answer.verdict is not None:
        verdict, status = _VERDICT_WORDS[answer.verdict], answer.verdict
    else:
        verdict, status = None, "blank"
    return AnswerView(
        answered=verdict is not None,
        verdict=verdict,
        status=status,
        comment=_lines(answer.comment),
        recommendation=_lines(answer.recommendation),
        links=tuple(comment_text(link) for link in answer.evidence),
        given_under=answer.given_under,
    )


def _weight(standard: Standard) -> str:
    text = f"{standard.points} point{'s' if standard.points != 1 else ''}"
    if standard.essential:
        text += ", essential"
    return f"{text}; {standard.mode}"


def form_view(
    form: Path, registry: RubricRegistry, *, root: Path | None = None
) -> tuple[FormView | None, list[Finding]]:
    """A review form for reading or printing, and its problems (as ``review validate`` finds).

    The view is ``None`` when the form cannot be read or its rubric cannot be
    had. The descriptor is the one the form's ``descriptor.path`` leads to,
    read only inside ``root`` (by default found from the form's folder); when it
    cannot be read, the view says so and shows no evidence.
    """
    document = load_path(form)
    review, findings = validate_review(document, registry, form_path=form, root=root)
    if review is None:
        return None, findings
    try:
        rubric = registry.load(review.rubric)
    except RubricError:
        return None, findings
    root = find_root(form.parent) if root is None else root
    real = inside(root, form.parent / review.descriptor.path)
    data: Any = None
    note: str | None = None
    if real is None:
        note = "the descriptor's path leads outside the project folder, so it was not read"
    else:
        target = load_path(real)
        if isinstance(target.data, dict):
            data = target.data
        else:
            note = "the descriptor cannot be read, so its evidence is not shown"
    data_title = data.get("title") if isinstance(data, dict) else None
    asked = [
        s
        for _, s in rubric.iter_standards()
        if s.id in review.standards or (review.round == 1 and s.mode != "automated")
    ]
    categories = []
    for category in rubric.categories:
        shown = tuple(
            StandardView(
                id=s.id,
                title=comment_text(s.title),
                weight=_weight(s),
                text=_lines(s.text),
                guidance=_lines(s.annotation),
                evidence=tuple(_evidence_view(data, p) for p in s.evidence) if data else (),
                answer=_answer_view(review, s.id, rubric),
            )
            for s in category.standards
            if s in asked
        )
        if shown:
            categories.append(CategoryView(category.id, comment_text(category.title), shown))
    known = {s.id for _, s in rubric.iter_standards()}
    strangers = tuple(
        StandardView(
            id=comment_text(sid),
            title="(not a standard of this rubric)",
            weight="",
            text=(),
            guidance=(),
            evidence=(),
            answer=_answer_view(review, sid, rubric),
        )
        for sid in review.standards
        if sid not in known
    )
    if strangers:
        categories.append(CategoryView("", f"Not in {rubric.ref}", strangers))
    every = [s for c in categories for s in c.standards]
    view = FormView(
        form=str(form),
        rubric=rubric.ref,
        rubric_title=comment_text(rubric.title),
        descriptor=comment_text(review.descriptor.path),
        descriptor_id=comment_text(review.descriptor.id) if review.descriptor.id else None,
        descriptor_title=comment_text(data_title) if isinstance(data_title, str) else None,
        descriptor_note=note,
        reviewer=comment_text(review.reviewer.name or "") or "(no name)",
        role=review.reviewer.role,
        round=review.round,
        date=review.date,
        answered=sum(1 for s in every if s.answer.answered),
        asked=len(every),
        problems=tuple(f for f in findings if f.severity != "info"),
        categories=tuple(categories),
    )
    return view, findings


def show_text(view: FormView, width: int = 88) -> str:
    """The view as plain text, for a terminal or a text file: every line escaped."""
    from mcqa.render import format_findings
    from mcqa.render.safe import safe_line

    def wrap(text: str, indent: str, hang: str = "") -> list[str]:
        return textwrap.wrap(
            text, width, initial_indent=indent, subsequent_indent=indent + hang
        ) or [indent]

    title = view.descriptor_title or view.descriptor
    lines = [
        f"Review form {view.form}",
        f"Microcredential: {title} ({view.descriptor}"
        + (f", id {view.descriptor_id}" if view.descriptor_id else "")
        + ")",
        f"Rubric: {view.rubric} ({view.rubric_title})",
        f"Reviewer: {view.reviewer}"
        + (f" ({view.role})" if view.role else "")
        + f", round {view.round}"
        + (f", {view.date}" if view.date else ""),
        f"Answered: {view.answered} of {view.asked} standards",
    ]
    if view.descriptor_note:
        lines.append(f"Note: {view.descriptor_note}")
    if view.problems:
        lines += ["", "Problems in the form:"]
        lines += ["  " + line for line in format_findings(view.problems)]
    for category in view.categories:
        lines += ["", f"== {f'{category.id} ' if category.id else ''}{category.title} =="]
        for s in category.standards:
            lines += ["", f"{s.id} {s.title}" + (f" ({s.weight})" if s.weight else "")]
            for paragraph in s.text:
                lines += wrap(paragraph, "  ", "  " if _ITEM.match(paragraph) else "")
            if s.guidance:
                lines.append("  Guidance:")
                for paragraph in s.guidance:
                    lines += wrap(paragraph, "    ", "  " if _ITEM.match(paragraph) else "")
            if s.evidence:
                lines.append("  In the descriptor:")
                for e in s.evidence:
                    lines += wrap(f"{e.pointer}: {e.lines[0]}", "    ", "  ")
                    for more in e.lines[1:]:
                        lines += wrap(more, "      ", "  ")
            a = s.answer
            lines.append(f"  Answer: {a.verdict or '(not answered yet)'}")
            if a.given_under:
                lines.append(f"    (given under {a.given_under}; not counted until confirmed)")
            for label, texts in (("Comment", a.comment), ("Recommendation", a.recommendation)):
                for number, paragraph in enumerate(texts):
                    if number == 0:
                        lines += wrap(f"{label}: {paragraph}", "  ", "  ")
                    else:
                        lines += wrap(paragraph, "    ")
            if a.links:
                lines.append("  Evidence: " + ", ".join(a.links))
    return "\n".join(safe_line(line) for line in lines) + "\n"


# -- the HTML view ------------------------------------------------------------------------


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    from mcqa.reporters.html import _finalize

    return jinja2.Environment(
        loader=jinja2.PackageLoader("mcqa", "templates/review"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _style_hash(css: str) -> str:
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


@cache
def _stylesheets() -> tuple[Markup, Markup, str]:
    """The report's stylesheet, the view's own, and both hashes for the Content-Security-Policy."""
    from markupsafe import Markup

    from mcqa.reporters.html import _stylesheet

    base, base_hash = _stylesheet()
    own = _environment().get_template("show.css").render()
    return base, Markup(own), f"{base_hash} {_style_hash(own)}"


def show_html(view: FormView) -> str:
    """The view as one self-contained, accessible HTML page that prints well.

    Every value is escaped (autoescape, and the report's ``finalize``: control and
    direction-changing characters become visible escapes); the page loads
    nothing and allows only its two stylesheets, by their hashes.
    """
    from mcqa._version import __version__
    from mcqa.render.findings import format_finding
    from mcqa.reporters.html import _no_command

    base, own, hashes = _stylesheets()
    problems = [line for f in view.problems for line in format_finding(f)]
    page = (
        _environment()
        .get_template("show.html")
        .render(
            v=view,
            base_css=base,
            css=own,
            style_hashes=hashes,
            version=__version__,
            problems=problems,
        )
    )
    return _no_command(page)
