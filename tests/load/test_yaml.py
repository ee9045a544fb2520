"""The YAML loader: plain data, source positions, and every problem as a located finding."""

from __future__ import annotations

import codecs
import hashlib
import math
import os
from pathlib import Path
from typing import Any

import pytest

import mcqa.load
from mcqa.load import (
    Document,
    LoadLimits,
    Position,
    SourceMap,
    escape_token,
    format_for_path,
    join_pointer,
    load_bytes,
    load_path,
    load_text,
)
from mcqa.models import Descriptor
from mcqa.validate import validate_model

PLAIN_TYPES = (dict, list, str, int, float, bool, type(None))


def assert_plain(value: Any) -> None:
    """Every value is a plain dict, list, str, number, bool or None (no constructed objects)."""
    assert isinstance(value, PLAIN_TYPES), type(value)
    if isinstance(value, dict):
        for key, item in value.items():
            assert type(key) is str
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)


def rules(doc: Document) -> list[str]:
    return [f.rule for f in doc.findings]


# -- plain data ---------------------------------------------------------------------

NESTED = """\
title: Data literacy
issuer:
  name: Example University
  address:
    city: Delft
learning_outcomes:
  - statement: Clean data
    bloom_level: apply
  - Explain a chart
flow: {a: 1, b: [x, {c: y}]}
"""


def test_plain_data() -> None:
    doc = load_text(NESTED, path="d.yaml")
    assert doc.data == {
        "title": "Data literacy",
        "issuer": {"name": "Example University", "address": {"city": "Delft"}},
        "learning_outcomes": [
            {"statement": "Clean data", "bloom_level": "apply"},
            "Explain a chart",
        ],
        "flow": {"a": 1, "b": ["x", {"c": "y"}]},
    }
    assert type(doc.data) is dict
    assert_plain(doc.data)
    assert doc.findings == ()
    assert doc.ok
    assert doc.path == "d.yaml"
    assert doc.format == "yaml"
    assert doc.text == NESTED


def test_have_libyaml_is_a_bool() -> None:
    assert isinstance(mcqa.load.HAVE_LIBYAML, bool)


# -- source map -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("", (1, 1)),
        ("/title", (1, 8)),
        ("/issuer", (3, 3)),
        ("/issuer/name", (3, 9)),
        ("/issuer/address", (5, 5)),
        ("/issuer/address/city", (5, 11)),
        ("/learning_outcomes", (7, 3)),
        ("/learning_outcomes/0", (7, 5)),
        ("/learning_outcomes/0/statement", (7, 16)),
        ("/learning_outcomes/0/bloom_level", (8, 18)),
        ("/learning_outcomes/1", (9, 5)),
        ("/flow", (10, 7)),
        ("/flow/a", (10, 11)),
        ("/flow/b", (10, 17)),
        ("/flow/b/0", (10, 18)),
        ("/flow/b/1", (10, 21)),
        ("/flow/b/1/c", (10, 25)),
    ],
)
def test_value_positions(pointer: str, expected: tuple[int, int]) -> None:
    doc = load_text(NESTED)
    assert doc.source_map.values[pointer] == Position(*expected)
    assert doc.source_map.locate(pointer) == Position(*expected)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/title", (1, 1)),
        ("/issuer", (2, 1)),
        ("/issuer/name", (3, 3)),
        ("/issuer/address", (4, 3)),
        ("/issuer/address/city", (5, 5)),
        ("/learning_outcomes", (6, 1)),
        ("/learning_outcomes/0/statement", (7, 5)),
        ("/learning_outcomes/0/bloom_level", (8, 5)),
        ("/flow", (10, 1)),
        ("/flow/a", (10, 8)),
        ("/flow/b", (10, 14)),
        ("/flow/b/1/c", (10, 22)),
    ],
)
def test_key_positions(pointer: str, expected: tuple[int, int]) -> None:
    doc = load_text(NESTED)
    assert doc.source_map.keys[pointer] == Position(*expected)
    assert doc.source_map.locate(pointer, key=True) == Position(*expected)


def test_list_items_have_no_key_position() -> None:
    doc = load_text(NESTED)
    assert "/learning_outcomes/1" not in doc.source_map.keys
    # Asking for the key of a list item gives the item itself.
    assert doc.source_map.locate("/learning_outcomes/1", key=True) == Position(9, 5)


def test_root_starts_at_first_key_after_comments() -> None:
    doc = load_text("# a descriptor\n\nid: x\ntitle: T\n")
    assert doc.source_map.locate("") == Position(3, 1)
    assert doc.source_map.locate("/title") == Position(4, 8)


def test_columns_count_characters_not_bytes() -> None:
    doc = load_text('name: "Café Ünïcode"\nnext: {é: x, b: y}\n')
    assert doc.data == {"name": "Café Ünïcode", "next": {"é": "x", "b": "y"}}
    assert doc.source_map.locate("/next/é", key=True) == Position(2, 8)
    assert doc.source_map.locate("/next/é") == Position(2, 11)
    assert doc.source_map.locate("/next/b") == Position(2, 17)


def test_multi_line_scalars_are_located_at_their_start() -> None:
    text = "id: x\ndescription: |\n  line one\n  line two\nafter: 1\n"
    doc = load_text(text)
    assert doc.data["description"] == "line one\nline two\n"
    assert doc.source_map.locate("/description") == Position(2, 14)
    assert doc.source_map.locate("/after") == Position(5, 8)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/issuer/missing", (3, 3)),
        ("/issuer/address/zip/0", (5, 5)),
        ("/learning_outcomes/5", (7, 3)),
        ("/learning_outcomes/0/alignments/0/code", (7, 5)),
        ("/nothing", (1, 1)),
        ("/nothing/deeper/still", (1, 1)),
    ],
)
def test_locate_falls_back_to_nearest_ancestor(pointer: str, expected: tuple[int, int]) -> None:
    doc = load_text(NESTED)
    assert pointer not in doc.source_map.values
    assert doc.source_map.locate(pointer) == Position(*expected)
    assert doc.source_map.locate(pointer, key=True) == Position(*expected)


def test_locate_in_an_empty_map_is_none() -> None:
    assert SourceMap().locate("/a/b") is None
    assert SourceMap().locate("") is None


def test_document_finding_uses_the_source_map() -> None:
    doc = load_text(NESTED, path="d.yaml")
    finding = doc.finding("demo", "a message", "/issuer/address/city", key=True)
    assert (finding.file, finding.line, finding.column) == ("d.yaml", 5, 5)
    assert finding.pointer == "/issuer/address/city"
    missing = doc.finding("demo", "a message", "/issuer/phone")
    assert (missing.line, missing.column) == (3, 3)


# -- JSON Pointer escaping ---------------------------------------------------------


def test_escape_token_and_join_pointer() -> None:
    assert escape_token("a/b") == "a~1b"
    assert escape_token("c~d") == "c~0d"
    # '~' is escaped first, so a literal "~1" does not turn into a slash.
    assert escape_token("~1") == "~01"
    assert escape_token(3) == "3"
    assert join_pointer("", "title") == "/title"
    assert join_pointer("/a", "b/c") == "/a/b~1c"
    assert join_pointer("/list", 0) == "/list/0"


def test_keys_with_slash_and_tilde_are_escaped() -> None:
    text = 'paths:\n  a/b: 1\n  c~d: 2\n  ~/x: 3\n  "": 4\n'
    doc = load_text(text)
    assert doc.data == {"paths": {"a/b": 1, "c~d": 2, "~/x": 3, "": 4}}
    assert doc.source_map.locate("/paths/a~1b") == Position(2, 8)
    assert doc.source_map.locate("/paths/c~0d") == Position(3, 8)
    assert doc.source_map.locate("/paths/~0~1x") == Position(4, 8)
    assert doc.source_map.locate("/paths/~0~1x", key=True) == Position(4, 3)
    assert doc.source_map.locate("/paths/", key=True) == Position(5, 3)
    assert "/paths/a/b" not in doc.source_map.values


# -- duplicate keys -----------------------------------------------------------------


def test_duplicate_key_is_a_finding_naming_both_places() -> None:
    text = "id: a\ntitle: first\nstatus: draft\ntitle: second\n"
    doc = load_text(text, path="d.yaml")
    assert doc.data == {"id": "a", "title": "first", "status": "draft"}
    assert len(doc.findings) == 1
    finding = doc.findings[0]
    assert finding.rule == "duplicate-key"
    assert finding.severity == "error"
    assert (finding.file, finding.line, finding.column) == ("d.yaml", 4, 1)
    assert finding.pointer == "/title"
    assert "'title'" in finding.message
    assert len(finding.related) == 1
    related = finding.related[0]
    assert (related.file, related.line, related.column) == ("d.yaml", 2, 1)
    assert "'title'" in related.message
    # The first value is kept, and located where it stands.
    assert doc.source_map.locate("/title") == Position(2, 8)
    assert doc.source_map.locate("/title", key=True) == Position(2, 1)
    assert not doc.ok


def test_duplicate_key_nested_deep() -> None:
    text = "a:\n  b:\n    - c: 1\n      d:\n        e: x\n        f: 2\n        e: y\n"
    doc = load_text(text)
    assert doc.data == {"a": {"b": [{"c": 1, "d": {"e": "x", "f": 2}}]}}
    assert rules(doc) == ["duplicate-key"]
    finding = doc.findings[0]
    assert (finding.line, finding.column) == (7, 9)
    assert finding.pointer == "/a/b/0/d/e"
    assert (finding.related[0].line, finding.related[0].column) == (5, 9)
    assert doc.source_map.locate("/a/b/0/d/e") == Position(5, 12)


def test_duplicate_key_in_flow_mapping() -> None:
    doc = load_text("{a: 1, b: 2, a: 3}\n")
    assert doc.data == {"a": 1, "b": 2}
    (finding,) = doc.findings
    assert finding.rule == "duplicate-key"
    assert (finding.line, finding.column) == (1, 14)
    assert (finding.related[0].line, finding.related[0].column) == (1, 2)


def test_three_copies_of_a_key_give_two_findings_pointing_at_the_first() -> None:
    doc = load_text("k: 1\nk: 2\nk: 3\n")
    assert doc.data == {"k": 1}
    assert [(f.rule, f.line) for f in doc.findings] == [
        ("duplicate-key", 2),
        ("duplicate-key", 3),
    ]
    assert {f.related[0].line for f in doc.findings} == {1}


def test_discarded_duplicate_value_is_not_in_the_source_map() -> None:
    doc = load_text("a: {x: 1}\na: {y: 2}\n")
    assert doc.data == {"a": {"x": 1}}
    assert "/a/y" not in doc.source_map.values
    assert doc.source_map.locate("/a/y") == Position(1, 4)


# -- YAML 1.2 core schema -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country: NO", "NO"),
        ("v: no", "no"),
        ("v: yes", "yes"),
        ("v: Yes", "Yes"),
        ("v: on", "on"),
        ("v: off", "off"),
        ("v: y", "y"),
        ("v: true", True),
        ("v: True", True),
        ("v: false", False),
        ("v: FALSE", False),
        ("v: 2024-01-02", "2024-01-02"),
        ("v: 2024-01-02T10:30:00Z", "2024-01-02T10:30:00Z"),
        ("v: 1:30", "1:30"),
        ("v: 0x1F", 31),
        ("v: 0o17", 15),
        ("v: 017", 17),
        ("v: +12", 12),
        ("v: -7", -7),
        ("v: 0b101", "0b101"),
        ("v: 1_000", "1_000"),
        ("v: 2.5", 2.5),
        ("v: 1e3", 1000.0),
        ("v: -1.5E-2", -0.015),
        ("v: ~", None),
        ("v: null", None),
        ("v: Null", None),
        ("v:", None),
        ("v: ''", ""),
        ("v: '12'", "12"),
        ('v: "true"', "true"),
        ("v: !!str 12", "12"),
        ('v: !!int "12"', 12),
        ("v: !!float 1", 1.0),
        ("v: !!bool true", True),
        ("v: !!null ''", None),
    ],
)
def test_core_schema_values(text: str, expected: Any) -> None:
    doc = load_text(text + "\n")
    assert doc.findings == ()
    (value,) = doc.data.values()
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (".nan", "NaN is not a number; write a figure"),
        (".NaN", "NaN is not a number; write a figure"),
        (".inf", "infinity is not a number; write a figure"),
        ("-.inf", "infinity is not a number; write a figure"),
        ("+.Inf", "infinity is not a number; write a figure"),
        ("1e400", "this number is too large"),
        ("-1.5E+999", "this number is too large"),
        ("1" + "0" * 400, "this number is too large"),
        ("-" + "9" * 5000, "this number is too large"),
        ("!!float .nan", "NaN is not a number; write a figure"),
    ],
)
def test_numbers_that_are_not_figures_are_located_findings(text: str, message: str) -> None:
    doc = load_text(f"title: x\nworkload:\n  hours: {text}\n", path="d.yaml")
    [finding] = doc.findings
    assert (finding.rule, finding.message, finding.severity) == ("number", message, "error")
    assert (finding.file, finding.line, finding.column, finding.pointer) == (
        "d.yaml",
        3,
        10,
        "/workload/hours",
    )
    assert not doc.ok
    # the value keeps its place, so the document keeps its shape
    assert isinstance(doc.data["workload"]["hours"], (int, float))


def test_nan_is_kept_as_a_float() -> None:
    doc = load_text("v: .nan\n")
    assert isinstance(doc.data["v"], float)
    assert math.isnan(doc.data["v"])


@pytest.mark.parametrize("text", ["1e308", "-1.7976931348623157e308", "1" + "0" * 308, "5e-400"])
def test_numbers_within_the_float_range_load_without_findings(text: str) -> None:
    doc = load_text(f"v: {text}\n")
    assert doc.findings == ()


def test_a_number_in_a_list_is_located_at_its_item() -> None:
    doc = load_text("v: [1, .inf, 3]\n", path="d.yaml")
    [finding] = doc.findings
    assert (finding.line, finding.column, finding.pointer) == (1, 8, "/v/1")


def test_an_int_tag_on_text_is_still_a_tag_finding() -> None:
    [finding] = load_text("v: !!int abc\n").findings
    assert finding.rule == "yaml-tag"


@pytest.mark.parametrize("key", ["2.10", "1", "010", "0x1F", "true", "null", "~", "2024-01-02"])
def test_mapping_keys_are_the_text_written(key: str) -> None:
    doc = load_text(f"{key}: value\n")
    assert doc.findings == ()
    assert doc.data == {key: "value"}
    assert doc.source_map.locate("/" + escape_token(key), key=True) == Position(1, 1)


def test_version_key_2_10_is_not_2_1() -> None:
    doc = load_text("standards:\n  2.1: a\n  2.10: b\n")
    assert doc.findings == ()
    assert doc.data == {"standards": {"2.1": "a", "2.10": "b"}}


def test_merge_key_is_not_expanded() -> None:
    # The core schema has no merge keys: '<<' is an ordinary key.
    doc = load_text("base: &b {x: 1}\nchild:\n  <<: *b\n  y: 2\n")
    assert doc.data["child"] == {"<<": {"x": 1}, "y": 2}


# -- tags ------------------------------------------------------------------------------


def test_python_tag_never_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    doc = load_text('id: x\ncmd: !!python/object/apply:os.system ["ls"]\n', path="d.yaml")
    assert calls == []
    assert_plain(doc.data)
    assert doc.data == {"id": "x", "cmd": ["ls"]}
    (finding,) = doc.findings
    assert finding.rule == "yaml-tag"
    assert (finding.file, finding.line, finding.column) == ("d.yaml", 2, 6)
    assert finding.pointer == "/cmd"
    assert "python/object/apply:os.system" in finding.message
    assert not doc.ok


@pytest.mark.parametrize(
    ("text", "pointer", "column", "tag"),
    [
        ("v: !custom x\n", "/v", 4, "!custom"),
        ("v: !!binary aGVsbG8=\n", "/v", 4, "binary"),
        ("v: !!set {a, b}\n", "/v", 4, "set"),
        ("v: !!timestamp 2024-01-02\n", "/v", 4, "timestamp"),
        ("v: !!python/name:os.system ''\n", "/v", 4, "python/name:os.system"),
        ("v: !!python/tuple [1, 2]\n", "/v", 4, "python/tuple"),
        ("v: !!omap [{a: 1}]\n", "/v", 4, "omap"),
        ("v: !local {a: 1}\n", "/v", 4, "!local"),
        ("!custom k: v\n", "", 1, "!custom"),
    ],
)
def test_unsafe_tags_are_findings(text: str, pointer: str, column: int, tag: str) -> None:
    doc = load_text(text)
    assert_plain(doc.data)
    assert [f.rule for f in doc.findings] == ["yaml-tag"]
    finding = doc.findings[0]
    assert (finding.line, finding.column) == (1, column)
    assert finding.pointer == pointer
    assert tag in finding.message
    assert not doc.ok


def test_binary_and_set_stay_plain() -> None:
    doc = load_text("b: !!binary aGVsbG8=\ns: !!set {a, b}\n")
    assert doc.data["b"] == "aGVsbG8="
    assert not isinstance(doc.data["s"], (set, frozenset))
    assert [f.line for f in doc.findings] == [1, 2]


def test_explicit_int_tag_on_text_is_a_finding() -> None:
    doc = load_text("v: !!int abc\n")
    assert [f.rule for f in doc.findings] == ["yaml-tag"]
    assert "abc" in doc.findings[0].message


# -- syntax errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\n  b: 2\n", 2, 4),
        ("a: [1, 2\nb: 3\n", 2, 2),
        ('title: x\nkey: "abc\n', 2, 6),  # the quote that is never closed
        ("a: b\n- c\n", 2, 1),
        ("a:\n  - x\n  y: 1\n", 3, 3),
        ("a: @x\n", 1, 4),
        ("a: 1\nb: 2\nc: d: e\n", 3, 5),
    ],
)
def test_syntax_error_is_one_located_finding(text: str, line: int, column: int) -> None:
    doc = load_text(text, path="bad.yaml")
    assert doc.data is None
    assert len(doc.findings) == 1
    finding = doc.findings[0]
    assert finding.rule == "yaml-syntax"
    assert finding.severity == "error"
    assert (finding.file, finding.line, finding.column) == ("bad.yaml", line, column)
    assert finding.message.startswith("this is not valid YAML: ")
    assert not doc.ok


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a:\n\tb: 1\n", 2),
        ("a: 1\n\tb: 2\n", 2),
        ("a:\n  b: 1\n\tc: 2\n", 3),
        ("\ttitle: x\n", 1),
    ],
)
def test_tab_indentation_mentions_tabs(text: str, line: int) -> None:
    doc = load_text(text)
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "yaml-syntax"
    assert finding.line == line
    assert finding.column == 1
    assert "tab" in finding.message.lower()


# -- empty documents ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only a comment\n"])
def test_empty_file_is_a_finding(text: str) -> None:
    doc = load_text(text, path="e.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "empty"
    assert (finding.file, finding.line, finding.column) == ("e.yaml", 1, 1)
    assert not doc.ok


@pytest.mark.parametrize("text", ["---\n", "--- # nothing here\n...\n"])
def test_document_marker_alone_is_empty(text: str) -> None:
    doc = load_text(text, path="e.yaml")
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["empty"]


@pytest.mark.parametrize("text", ["---\n", "null\n", "~\n"])
def test_a_document_without_data_always_says_why(text: str) -> None:
    doc = load_text(text, path="e.yaml")
    assert doc.data is None
    assert any(f.severity == "error" for f in doc.findings)
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert descriptor is None
    assert findings, "a file that yields no descriptor must say why"


def test_empty_file_on_disk(write: Any) -> None:
    path = write("empty.yaml", "")
    doc = load_path(path)
    assert rules(doc) == ["empty"]
    assert doc.sha256 == hashlib.sha256(b"").hexdigest()


# -- bytes and encodings -------------------------------------------------------------


def test_non_utf8_byte_is_an_encoding_finding() -> None:
    data = b"id: x\ntitle: ok\ndescription: caf\xe9\n"
    doc = load_bytes(data, path="latin1.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "encoding"
    assert (finding.file, finding.line, finding.column) == ("latin1.yaml", 3, 17)
    assert "0xe9" in finding.message
    assert "UTF-8" in finding.message
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert not doc.ok


def test_bad_byte_on_first_line() -> None:
    doc = load_bytes(b"id: \xc3(\ntitle: T\n")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "encoding"
    assert (finding.line, finding.column) == (1, 5)
    assert "0xc3" in finding.message


def test_utf8_bom_is_accepted() -> None:
    data = codecs.BOM_UTF8 + "id: x\ntitle: Café\n".encode()
    doc = load_bytes(data, path="bom.yaml")
    assert doc.findings == ()
    assert doc.data == {"id": "x", "title": "Café"}
    assert doc.source_map.locate("/id", key=True) == Position(1, 1)
    assert doc.source_map.locate("/id") == Position(1, 5)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_accepted(encoding: str) -> None:
    text = "id: x\ntitle: Café ✓\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + text.encode(encoding)
    doc = load_bytes(data, path="wide.yaml")
    assert doc.findings == ()
    assert doc.data == {"id": "x", "title": "Café ✓"}
    assert doc.source_map.locate("/title") == Position(2, 8)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_load_path_reads_the_file(write: Any) -> None:
    path = write("d.yaml", "id: x\ntitle: T\n")
    doc = load_path(path)
    assert doc.data == {"id": "x", "title": "T"}
    assert doc.path == str(path)
    assert doc.format == "yaml"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.text == "id: x\ntitle: T\n"


def test_load_path_display_name_is_used_in_findings(write: Any) -> None:
    path = write("d.yaml", "id: x\nid: y\n")
    doc = load_path(path, display="catalog/d.yaml")
    assert doc.path == "catalog/d.yaml"
    assert [(f.file, f.line) for f in doc.findings] == [("catalog/d.yaml", 2)]
    assert doc.findings[0].related[0].file == "catalog/d.yaml"


def test_missing_file_is_an_io_finding(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    doc = load_path(missing)
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "io"
    assert finding.file == str(missing)
    assert (finding.line, finding.column) == (1, 1)
    assert "could not read" in finding.message
    assert not doc.ok


def test_directory_is_an_io_finding(tmp_path: Path) -> None:
    doc = load_path(tmp_path)
    assert rules(doc) == ["io"]
    assert doc.data is None


# -- hashes and formats ------------------------------------------------------------------


def test_sha256_of_text_is_of_its_utf8_bytes() -> None:
    text = "id: x\ntitle: Café\n"
    doc = load_text(text)
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_sha256_of_bytes_is_of_the_bytes() -> None:
    data = b"id: x\r\ntitle: T\r\n"
    doc = load_bytes(data)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.data == {"id": "x", "title": "T"}
    assert doc.source_map.locate("/title") == Position(2, 8)


def test_sha256_is_kept_for_unloadable_files() -> None:
    data = b"a: [1,\n"
    doc = load_bytes(data)
    assert rules(doc) == ["yaml-syntax"]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("d.json", "json"),
        ("D.JSON", "json"),
        ("d.yaml", "yaml"),
        ("d.yml", "yaml"),
        ("d.txt", "yaml"),
        ("noext", "yaml"),
    ],
)
def test_format_for_path(name: str, expected: str) -> None:
    assert format_for_path(name) == expected


def test_yaml_reads_json_text() -> None:
    doc = load_text('{"id": "x", "n": [1, 2.5, true, null]}', path="d.yaml")
    assert doc.format == "yaml"
    assert doc.data == {"id": "x", "n": [1, 2.5, True, None]}
    assert doc.source_map.locate("/n/1") == Position(1, 22)


def test_ok_is_true_only_without_errors() -> None:
    assert load_text("a: 1\n").ok
    assert not load_text("a: 1\na: 2\n").ok
    assert not load_text("").ok
    assert not load_text("a: [\n").ok


def test_findings_are_sorted_by_position() -> None:
    doc = load_text("a: !x 1\nb: 1\nb: 2\nc: !y 3\na: 4\n")
    assert [f.line for f in doc.findings] == [1, 3, 4, 5]
    assert [f.rule for f in doc.findings] == [
        "yaml-tag",
        "duplicate-key",
        "yaml-tag",
        "duplicate-key",
    ]


def test_limits_argument_is_optional_and_default() -> None:
    assert LoadLimits() == LoadLimits(max_bytes=16 * 1024 * 1024, max_depth=64, max_nodes=1_000_000)
