"""The JSON loader: the same guarantees as YAML (plain data, positions, located findings)."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mcqa.load import LoadLimits, Position, load_bytes, load_path, load_text
from mcqa.models import Descriptor
from mcqa.validate import validate_model

PRETTY = """\
{
  "title": "Data literacy",
  "issuer": {"name": "Uni", "address": {"city": "Delft"}},
  "learning_outcomes": [
    {"statement": "Clean data", "bloom_level": "apply"},
    "Explain a chart"
  ],
  "n": [1, 2.0, -3, 1e2, 12345678901234567890, true, null]
}
"""


def load_json(text: str, **kwargs: Any) -> Any:
    return load_text(text, format="json", **kwargs)


def test_plain_data() -> None:
    doc = load_json(PRETTY, path="d.json")
    assert doc.format == "json"
    assert doc.findings == ()
    assert doc.ok
    assert doc.data == json.loads(PRETTY)
    assert doc.text == PRETTY


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("", (1, 1)),
        ("/title", (2, 12)),
        ("/issuer", (3, 13)),
        ("/issuer/name", (3, 22)),
        ("/issuer/address", (3, 40)),
        ("/issuer/address/city", (3, 49)),
        ("/learning_outcomes", (4, 24)),
        ("/learning_outcomes/0", (5, 5)),
        ("/learning_outcomes/0/statement", (5, 19)),
        ("/learning_outcomes/0/bloom_level", (5, 48)),
        ("/learning_outcomes/1", (6, 5)),
        ("/n", (8, 8)),
        ("/n/0", (8, 9)),
        ("/n/1", (8, 12)),
        ("/n/2", (8, 17)),
        ("/n/3", (8, 21)),
        ("/n/4", (8, 26)),
        ("/n/5", (8, 48)),
        ("/n/6", (8, 54)),
    ],
)
def test_value_positions(pointer: str, expected: tuple[int, int]) -> None:
    doc = load_json(PRETTY)
    assert doc.source_map.values[pointer] == Position(*expected)


@pytest.mark.parametrize(
    ("pointer", "expected"),
    [
        ("/title", (2, 3)),
        ("/issuer", (3, 3)),
        ("/issuer/name", (3, 14)),
        ("/issuer/address", (3, 29)),
        ("/issuer/address/city", (3, 41)),
        ("/learning_outcomes", (4, 3)),
        ("/learning_outcomes/0/statement", (5, 6)),
        ("/learning_outcomes/0/bloom_level", (5, 33)),
        ("/n", (8, 3)),
    ],
)
def test_key_positions(pointer: str, expected: tuple[int, int]) -> None:
    doc = load_json(PRETTY)
    assert doc.source_map.keys[pointer] == Position(*expected)
    assert doc.source_map.locate(pointer, key=True) == Position(*expected)


def test_locate_falls_back_to_nearest_ancestor() -> None:
    doc = load_json(PRETTY)
    assert doc.source_map.locate("/issuer/address/zip") == Position(3, 40)
    assert doc.source_map.locate("/learning_outcomes/0/id", key=True) == Position(5, 5)
    assert doc.source_map.locate("/missing") == Position(1, 1)


def test_root_after_leading_whitespace() -> None:
    doc = load_json('\n\n   [1, {"a": 2}]\n')
    assert doc.data == [1, {"a": 2}]
    assert doc.source_map.locate("") == Position(3, 4)
    assert doc.source_map.locate("/1/a") == Position(3, 14)
    assert doc.source_map.locate("/1/a", key=True) == Position(3, 9)


def test_crlf_line_endings() -> None:
    data = b'{\r\n  "id": "x",\r\n  "title": "T"\r\n}\r\n'
    doc = load_bytes(data, path="d.json")
    assert doc.data == {"id": "x", "title": "T"}
    assert doc.source_map.locate("/title") == Position(3, 12)
    assert doc.source_map.locate("/title", key=True) == Position(3, 3)


def test_columns_count_characters_not_bytes() -> None:
    doc = load_json('{"é": "ü😀", "k": 1}')
    assert doc.data == {"é": "ü😀", "k": 1}
    assert doc.source_map.locate("/k", key=True) == Position(1, 13)
    assert doc.source_map.locate("/k") == Position(1, 18)


# -- the format is chosen by suffix ----------------------------------------------------


def test_json_suffix_selects_the_json_loader(write: Any) -> None:
    path = write("d.json", '{"id": "x"}')
    doc = load_path(path)
    assert doc.format == "json"
    assert doc.data == {"id": "x"}
    assert load_text('{"id": "x"}', path="d.JSON").format == "json"


def test_json_rejects_yaml_syntax_in_a_json_file(write: Any) -> None:
    path = write("d.json", "id: x\n")
    doc = load_path(path)
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "json-syntax"
    assert (finding.file, finding.line, finding.column) == (str(path), 1, 1)


def test_format_argument_overrides_the_suffix(write: Any) -> None:
    path = write("d.yaml", '{"a": 1, "a": 2}')
    doc = load_path(path, format="json")
    assert doc.format == "json"
    assert doc.findings[0].message.endswith("keep one of them (mcqa uses the first)")
    assert "object" in doc.findings[0].message
    yaml_doc = load_text("a: 1\n", path="d.json", format="yaml")
    assert yaml_doc.format == "yaml"
    assert yaml_doc.data == {"a": 1}


# -- duplicate keys ------------------------------------------------------------------


def test_duplicate_key_with_both_positions() -> None:
    text = '{\n  "id": "a",\n  "title": "first",\n  "title": "second"\n}\n'
    doc = load_json(text, path="d.json")
    assert doc.data == {"id": "a", "title": "first"}
    (finding,) = doc.findings
    assert finding.rule == "duplicate-key"
    assert (finding.file, finding.line, finding.column) == ("d.json", 4, 3)
    assert finding.pointer == "/title"
    assert "'title'" in finding.message
    (related,) = finding.related
    assert (related.file, related.line, related.column) == ("d.json", 3, 3)
    assert doc.source_map.locate("/title") == Position(3, 12)
    assert not doc.ok


def test_duplicate_key_nested_deep() -> None:
    text = '{"a": [{"b": {"c": 1, "d": 2,\n "c": 3}}]}'
    doc = load_json(text)
    assert doc.data == {"a": [{"b": {"c": 1, "d": 2}}]}
    (finding,) = doc.findings
    assert finding.pointer == "/a/0/b/c"
    assert (finding.line, finding.column) == (2, 2)
    assert (finding.related[0].line, finding.related[0].column) == (1, 15)


def test_three_copies_of_a_key() -> None:
    doc = load_json('{"k": 1,\n"k": 2,\n"k": 3}')
    assert doc.data == {"k": 1}
    assert [(f.rule, f.line, f.related[0].line) for f in doc.findings] == [
        ("duplicate-key", 2, 1),
        ("duplicate-key", 3, 1),
    ]


def test_discarded_duplicate_value_is_not_in_the_source_map() -> None:
    doc = load_json('{"a": {"x": 1},\n "a": {"y": 2}}')
    assert doc.data == {"a": {"x": 1}}
    assert "/a/y" not in doc.source_map.values
    assert "/a/y" not in doc.source_map.keys
    # A pointer into the discarded value falls back to the kept one.
    assert doc.source_map.locate("/a/y") == Position(1, 7)


# -- syntax errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{\n  "a": 1,\n  "b": 2,\n}\n', 4, 1),
        ('{\n  "a": 1\n  "b": 2\n}\n', 3, 3),
        ('{"a": [1, 2}\n', 1, 12),
        ("{'a': 1}\n", 1, 2),
        ('{"a": 1} // comment\n', 1, 10),
        ('{"a": tru}\n', 1, 7),
        ('{"a": 1,,}', 1, 9),
        ('{"a": "unterminated\n', 1, 20),
        ("", 1, 1),
        ("   \n", 2, 1),
    ],
)
def test_syntax_error_is_one_located_finding(text: str, line: int, column: int) -> None:
    doc = load_json(text, path="bad.json")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "json-syntax"
    assert finding.severity == "error"
    assert (finding.file, finding.line, finding.column) == ("bad.json", line, column)
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(text)
    assert (info.value.lineno, info.value.colno) == (line, column)
    assert finding.message == f"this is not valid JSON: {info.value.msg}"
    assert not doc.ok


def test_null_document_says_why() -> None:
    doc = load_json("null", path="d.json")
    assert doc.data is None
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert descriptor is None
    assert findings, "a file that yields no descriptor must say why"


# -- values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("-0", 0),
        ("42", 42),
        ("-7", -7),
        ("12345678901234567890", 12345678901234567890),
        ("1.0", 1.0),
        ("-0.5", -0.5),
        ("1e2", 100.0),
        ("1E-2", 0.01),
        ("2.5e+3", 2500.0),
        ("true", True),
        ("false", False),
        ('"12"', "12"),
        ('"true"', "true"),
        ('"2024-01-02"', "2024-01-02"),
    ],
)
def test_ints_floats_and_text(text: str, expected: Any) -> None:
    doc = load_json(f'{{"v": {text}, "after": [{text}]}}')
    assert doc.findings == ()
    for value in (doc.data["v"], doc.data["after"][0]):
        assert value == expected
        assert type(value) is type(expected)
    assert doc.source_map.locate("/after") == Position(1, 18 + len(text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NaN", "NaN is not a number; write a figure"),
        ("Infinity", "infinity is not a number; write a figure"),
        ("-Infinity", "infinity is not a number; write a figure"),
        ("1e400", "this number is too large"),
        ("-2.5E+999", "this number is too large"),
        ("1" + "0" * 400, "this number is too large"),
        ("-" + "9" * 5000, "this number is too large"),
    ],
)
def test_numbers_that_are_not_figures_are_located_findings(text: str, message: str) -> None:
    doc = load_json(f'{{"title": "x",\n "workload": {{"hours": {text}}}}}', path="d.json")
    [finding] = doc.findings
    assert (finding.rule, finding.message, finding.severity) == ("number", message, "error")
    assert (finding.file, finding.line, finding.column, finding.pointer) == (
        "d.json",
        2,
        24,
        "/workload/hours",
    )
    assert not doc.ok
    assert isinstance(doc.data["workload"]["hours"], (int, float))


def test_a_refused_number_in_a_discarded_duplicate_is_not_reported() -> None:
    doc = load_json('{"v": 1, "v": NaN}')
    assert [f.rule for f in doc.findings] == ["duplicate-key"]


def test_numbers_within_the_float_range_load_without_findings() -> None:
    doc = load_json('{"v": [1e308, -1.7976931348623157e308, 5e-400, ' + "1" + "0" * 308 + "]}")
    assert doc.findings == ()


def test_null_value() -> None:
    doc = load_json('{"v": null}')
    assert doc.data == {"v": None}
    assert doc.source_map.locate("/v") == Position(1, 7)


def test_nested_arrays() -> None:
    doc = load_json("[[1, [2, [3, []]]],\n [[], {}]]")
    assert doc.data == [[1, [2, [3, []]]], [[], {}]]
    expected = {
        "": (1, 1),
        "/0": (1, 2),
        "/0/0": (1, 3),
        "/0/1": (1, 6),
        "/0/1/0": (1, 7),
        "/0/1/1": (1, 10),
        "/0/1/1/0": (1, 11),
        "/0/1/1/1": (1, 14),
        "/1": (2, 2),
        "/1/0": (2, 3),
        "/1/1": (2, 7),
    }
    assert doc.source_map.values == {k: Position(*v) for k, v in expected.items()}
    assert doc.source_map.keys == {}


def test_unicode_escapes_in_keys() -> None:
    text = '{"caf\\u00e9": 1, "a\\/b": 2, "\\ud83d\\ude00": 3, "t~\\u002fx": 4, "q\\"": 5}'
    doc = load_json(text)
    assert doc.findings == ()
    assert doc.data == {"café": 1, "a/b": 2, "😀": 3, "t~/x": 4, 'q"': 5}
    assert doc.source_map.locate("/café", key=True) == Position(1, 2)
    assert doc.source_map.locate("/café") == Position(1, 15)
    assert doc.source_map.locate("/a~1b", key=True) == Position(1, 18)
    assert doc.source_map.locate("/a~1b") == Position(1, 26)
    assert doc.source_map.locate("/😀") == Position(1, 45)
    assert doc.source_map.locate("/t~0~1x") == Position(1, 61)
    assert doc.source_map.locate('/q"') == Position(1, 71)


def test_duplicate_keys_are_compared_after_unescaping() -> None:
    doc = load_json('{"é": 1, "\\u00e9": 2}')
    assert doc.data == {"é": 1}
    (finding,) = doc.findings
    assert finding.rule == "duplicate-key"
    assert (finding.column, finding.related[0].column) == (10, 2)


# -- depth ---------------------------------------------------------------------------


def nested_lists(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def test_deep_nesting_beyond_the_limit() -> None:
    doc = load_json(nested_lists(65), path="deep.json")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-depth"
    assert (finding.file, finding.line, finding.column) == ("deep.json", 1, 65)
    assert "64" in finding.message


def test_nesting_at_the_limit_loads() -> None:
    doc = load_json(nested_lists(64))
    assert doc.findings == ()
    value = doc.data
    for _ in range(64):
        value = value[0]
    assert value == 1


def test_deep_objects_with_a_small_limit() -> None:
    text = '{"a": {"b": {"c": {"d": 1}}}}'
    ok = load_json(text, limits=LoadLimits(max_depth=4))
    assert ok.data == {"a": {"b": {"c": {"d": 1}}}}
    deep = load_json(text, limits=LoadLimits(max_depth=3))
    assert deep.data is None
    (finding,) = deep.findings
    assert finding.rule == "limit-depth"
    assert (finding.line, finding.column) == (1, 19)


def test_extremely_deep_nesting_is_a_finding_not_a_crash() -> None:
    doc = load_json(nested_lists(50_000))
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["limit-depth"]


# -- bytes, encodings, files ---------------------------------------------------------


def test_bytes_with_bom(write: Any) -> None:
    data = codecs.BOM_UTF8 + b'{"id": "x"}'
    doc = load_bytes(data, path="d.json")
    assert doc.format == "json"
    assert doc.data == {"id": "x"}
    assert doc.source_map.locate("/id") == Position(1, 8)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_utf16_json() -> None:
    data = '{"id": "é"}'.encode("utf-16")
    doc = load_bytes(data, path="d.json")
    assert doc.data == {"id": "é"}
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_non_utf8_json() -> None:
    doc = load_bytes(b'{"id":\n "caf\xe9"}', path="d.json")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "encoding"
    assert (finding.line, finding.column) == (2, 6)


def test_missing_json_file(tmp_path: Path) -> None:
    doc = load_path(tmp_path / "gone.json")
    assert doc.format == "json"
    assert doc.data is None
    assert [(f.rule, f.line, f.column) for f in doc.findings] == [("io", 1, 1)]


def test_sha256_of_a_json_file(write: Any) -> None:
    path = write("d.json", '{"id": "x", "title": "T"}\n')
    doc = load_path(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert load_json('{"id": "x", "title": "T"}\n').sha256 == doc.sha256


def test_a_lone_surrogate_escape_is_a_located_finding_not_a_crash() -> None:
    document = load_text('{"title": "a\\ud800b"}', path="d.json", format="json")
    [finding] = document.findings
    assert (finding.rule, finding.line, finding.column, finding.pointer) == (
        "encoding",
        1,
        11,
        "/title",
    )
    # the text is kept, the lone half replaced, so hashing and printing never fail
    assert document.data["title"].encode("utf-8")


def test_more_values_than_the_limit_are_refused_before_the_walk() -> None:
    text = "[" + ",".join(["1"] * 2_000) + "]"
    document = load_text(text, path="d.json", format="json", limits=LoadLimits(max_nodes=1_000))
    assert document.data is None
    assert [f.rule for f in document.findings] == ["limit-size"]
