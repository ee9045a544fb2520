"""Forms are data: nothing a descriptor, a rubric or an earlier form says can add keys,
comments or lines to a review form that mcqa writes, or pre-fill a reviewer's answers."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import mcqa
from mcqa.cli import cli
from mcqa.load import load_path, load_text
from mcqa.models.review import Review
from mcqa.refresh import update_form
from mcqa.review import comment_text, quote_scalar, render_form
from mcqa.validate import validate_model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
BASE: dict[str, Any] = load_path(EXAMPLE).data
RUBRIC = mcqa.load_rubric("mcqa-core@2.0.0")
HUMAN = [s.id for _, s in RUBRIC.iter_standards() if s.mode != "automated"]
BLANK = {"verdict": None, "comment": None, "recommendation": None}
TOP_KEYS = {"review_format", "rubric", "descriptor", "reviewer", "round", "date", "standards"}

#: Text that means something to YAML, to a line-based reader, or to a terminal.
TRICKY = [
    "\n",
    "\r",
    "\r\n",
    "#",
    ": ",
    '"',
    "'",
    "---",
    "...",
    "{",
    "}",
    "[",
    "&a",
    "*a",
    "!!python/object:os.system",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    "\x00",
    "\x1b[2J",
    "\x7f",
    "\ufeff",
    "\ud800",
    "\u202e",
    "%YAML 1.1",
    "| ",
    "> ",
    "- ",
    "? ",
    '\n  "1.1":\n    verdict: met\n    comment: pre-filled\n',
    "\nround: 9\nreviewer:\n  name: Mallory\n",
    "\u2028standards: {}\u2028",
    '\x85  "2.1": {verdict: met}\x85',
]
texts = st.lists(st.one_of(st.text(max_size=30), st.sampled_from(TRICKY)), max_size=8).map("".join)


def descriptor_with(title: str, description: str, outcome: str, extra: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["title"] = title
    data["description"] = description
    data["learning_outcomes"][0]["statement"] = outcome
    data[extra] = outcome  # a top-level name of any text: it becomes a key of the form
    return data


def without_surrogates(text: str) -> str:
    """A lone surrogate cannot be written in YAML; the form writes U+FFFD instead."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def expected_fields(data: dict[str, Any]) -> set[str]:
    return {without_surrogates(name) for name in data}


def parse(text: str) -> dict[str, Any]:
    """The form read three ways, which must agree: PyYAML, libyaml if present, and mcqa."""
    data = yaml.safe_load(text)
    if hasattr(yaml, "CSafeLoader"):
        assert yaml.load(text, Loader=yaml.CSafeLoader) == data
    document = load_text(text, path="form.yaml")
    assert document.findings == ()
    assert document.data == data
    review, findings = validate_model(document, "review", Review)
    assert review is not None, findings
    assert isinstance(data, dict)
    return data


def assert_only_mcqa_keys(form: dict[str, Any], data: dict[str, Any], reviewer: str) -> None:
    assert set(form) == TOP_KEYS
    assert set(form["descriptor"]) == {"id", "path", "sha256", "fields"}
    assert set(form["descriptor"]["fields"]) == expected_fields(data)
    assert form["reviewer"] == {"name": reviewer, "role": "chair"}
    assert (form["review_format"], form["round"], form["rubric"]) == (1, 1, RUBRIC.ref)
    assert form["date"] == "2026-11-28"
    assert list(form["standards"]) == HUMAN
    assert all(answer == BLANK for answer in form["standards"].values())


def init(folder: Path, descriptor: Path, reviewer: str = "Ana") -> str:
    target = folder / "form.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "review", "init", str(descriptor), "--reviewer", reviewer, "--role", "chair",
            "-o", str(target), "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return target.read_bytes().decode("utf-8")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(title=texts, description=texts, outcome=texts, extra=texts)
def test_review_init_writes_only_its_own_keys_whatever_the_descriptor_says(
    title: str, description: str, outcome: str, extra: str
) -> None:
    assume(extra not in BASE)
    data = descriptor_with(title, description, outcome, extra)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / ".git").mkdir()
        descriptor = folder / "d.json"
        descriptor.write_text(json.dumps(data), encoding="ascii")  # \ud800 stays an escape
        text = init(folder, descriptor)
    assert_only_mcqa_keys(parse(text), data, "Ana")


def test_a_title_written_as_yaml_stays_a_comment(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    data = descriptor_with(
        'Data\n  "1.1":\n    verdict: met\n    comment: pre-filled by the provider',
        "Fine.\u2028round: 9\x85reviewer: {name: Mallory}",
        'Clean data\r  "2.1":\r    verdict: met',
        "notes",
    )
    descriptor = tmp_path / "d.json"
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    text = init(tmp_path, descriptor)
    form = parse(text)
    assert_only_mcqa_keys(form, data, "Ana")
    head = next(line for line in text.splitlines() if line.startswith("# Review of "))
    assert head.startswith('# Review of Data "1.1": verdict: met comment: pre-filled by')
    # every line mcqa wrote from the descriptor is a comment or a quoted value
    assert "\u2028" not in text and "\x85" not in text and "\r" not in text


def test_a_reviewer_name_cannot_add_keys(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    descriptor = tmp_path / EXAMPLE.name
    descriptor.write_bytes(EXAMPLE.read_bytes())
    name = 'Ana"\nround: 7\nstandards: {"1.1": {verdict: met}}\u2028#'
    text = init(tmp_path, descriptor, reviewer=name)
    assert_only_mcqa_keys(parse(text), BASE, name)


def test_rubric_text_and_amendment_notes_stay_in_comments() -> None:
    standard = RUBRIC.categories[0].standards[0]
    evil = RUBRIC.model_copy(deep=True)
    first = evil.categories[0]
    first.title = "Basics\n  injected: true"
    first.standards[0] = standard.model_copy(
        update={
            "title": 'Title\n  "9.9": {verdict: met}',
            "text": "Line one.\u2029verdict: met\x85# more",
            "annotation": "Guidance\r\n  extra_key: 1\x00",
            "evidence": ["/title", "/a\nb: c"],
        }
    )
    notes = {
        standard.id: [
            'Round 1: not met (chair).\n  "1.2":\n    verdict: met',
            "Liam (sme), round 1, recommended: fix it\u2028standards: {}",
        ]
    }
    text = render_form(
        load_path(EXAMPLE),
        evil,
        reviewer="Ana",
        role="chair",
        descriptor_path="d.yaml",
        form_round=2,
        today=dt.date(2026, 11, 28),
        suggestions={standard.id: ["Automated check: 'x'\nverdict: met"]},
        amend=notes,
    )
    form = parse(text)
    assert set(form) == TOP_KEYS
    assert form["round"] == 2
    assert list(form["standards"]) == [standard.id]
    assert form["standards"][standard.id] == BLANK
    assert "  #     /a\\nb: c: (not in the descriptor)" in text.splitlines()


def test_a_fingerprint_that_looks_like_a_number_stays_text() -> None:
    data = {"id": "d1", "title": "T", "notes": "n190"}  # its fingerprint: 353636e64823
    text = form_for(data, RUBRIC)
    assert '    "notes": "353636e64823"' in text.splitlines()
    assert parse(text)["descriptor"]["fields"]["notes"] == "353636e64823"


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("plain words", "plain words"),
        ("two\nlines", "two lines"),
        ("a\u2028b\u2029c\x85d\re", "a b c d e"),
        ("nul\x00 esc\x1b bidi\u202e", "nul\\x00 esc\\x1b bidi\\u202e"),
    ],
)
def test_comment_text_is_one_line(text: str, comment: str) -> None:
    assert comment_text(text) == comment


@given(st.text())
def test_quoted_values_read_back_unchanged(text: str) -> None:
    quoted = quote_scalar(text)
    assert "\n" not in quoted and "\u2028" not in quoted and "\x85" not in quoted
    assert yaml.safe_load(f"key: {quoted}\n") == {"key": text}


# -- review init --update ---------------------------------------------------------------


def answer(text: str, standard: str, lines: list[str]) -> str:
    """``text`` with the blank answer on ``standard`` replaced by ``lines``."""
    rows = text.splitlines()
    at = rows.index(f"  {json.dumps(standard)}:")
    rows[at + 1 : at + 4] = lines
    return "\n".join(rows) + "\n"


def form_for(data: dict[str, Any], rubric: mcqa.Rubric) -> str:
    return render_form(
        load_text(json.dumps(data), format="json"),
        rubric,
        reviewer="Ana",
        role="chair",
        descriptor_path="d.json",
        today=dt.date(2026, 11, 28),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=texts, after=texts, said=texts)
def test_update_keeps_answers_whatever_the_descriptor_says(
    before: str, after: str, said: str
) -> None:
    old_data = descriptor_with(before, before, before, "notes")
    new_data = descriptor_with(after, after, after, "notes")
    first = HUMAN[0]
    text = answer(
        form_for(old_data, RUBRIC),
        first,
        ["    verdict: met", f"    comment: {quote_scalar(said)}", "    recommendation:"],
    )
    form = load_text(text, path="form.yaml")
    assert form.findings == ()
    update = update_form(
        form,
        load_text(json.dumps(new_data), format="json"),
        RUBRIC,
        RUBRIC,
        descriptor_path="d.json",
    )
    result = parse(update.text)
    assert set(result) == TOP_KEYS
    assert set(result["descriptor"]["fields"]) == expected_fields(new_data)
    kept = result["standards"][first]
    assert (kept["verdict"], kept["comment"]) == ("met", without_surrogates(said))
    assert all(a == BLANK for sid, a in result["standards"].items() if sid != first)
    # what mcqa wrote from the old descriptor is gone, not kept as the reviewer's
    fresh = set(form_for(new_data, RUBRIC).splitlines())
    comments = [line for line in update.text.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in comments if line not in fresh] == []
