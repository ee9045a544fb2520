"""Load limits: hostile or broken files end quickly with a finding, never a crash."""

from __future__ import annotations

import codecs
import itertools
import os
import time
from pathlib import Path
from typing import Any

import pytest

from mcqa.load import (
    FileRefusedError,
    LoadLimits,
    file_problem,
    load_bytes,
    load_path,
    load_text,
    read_file_bytes,
)


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, levels + 1):
        aliases = ", ".join([f"*lol{i - 1}"] * width)
        lines.append(f"lol{i}: &lol{i} [{aliases}]")
    return "\n".join(lines) + "\n"


def block_billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    names = "abcdefghij"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name}")
        lines.extend(f"  - *{prev}" for _ in range(9))
    return "\n".join(lines) + "\n"


def nested_lists(depth: int, leaf: str = "1") -> str:
    return "[" * depth + leaf + "]" * depth


def nested_block_mappings(depth: int) -> str:
    """``depth`` nested mappings in block style, with a scalar at the bottom."""
    lines = [" " * (2 * i) + f"k{i}:" for i in range(depth - 1)]
    lines.append(" " * (2 * (depth - 1)) + f"k{depth - 1}: leaf")
    return "\n".join(lines) + "\n"


def depth_of(value: Any) -> int:
    """Nesting of mappings and lists (a scalar adds nothing)."""
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    return 0


# -- billion laughs ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [billion_laughs(9, 10), billion_laughs(9, 9)])
def test_billion_laughs_ends_fast_with_a_finding(text: str) -> None:
    start = time.perf_counter()
    doc = load_text(text, path="lol.yaml")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-size"
    assert (finding.file, finding.line, finding.column) == ("lol.yaml", 1, 1)
    assert "1,000,000" in finding.message
    assert not doc.ok


def test_block_style_billion_laughs_ends_fast() -> None:
    start = time.perf_counter()
    doc = load_text(block_billion_laughs())
    assert time.perf_counter() - start < 1.0
    assert [f.rule for f in doc.findings] == ["limit-size"]
    assert doc.data is None


def test_billion_laughs_from_bytes_and_files(write: Any) -> None:
    text = billion_laughs()
    start = time.perf_counter()
    from_bytes = load_bytes(text.encode())
    from_file = load_path(write("lol.yaml", text))
    assert time.perf_counter() - start < 1.0
    assert [f.rule for f in from_bytes.findings] == ["limit-size"]
    assert [f.rule for f in from_file.findings] == ["limit-size"]


def test_small_alias_expansion_loads() -> None:
    doc = load_text(billion_laughs(levels=3, width=3))
    assert doc.findings == ()
    assert doc.data["lol1"] == ["lol"] * 3
    assert doc.data["lol3"] == [[["lol"] * 3] * 3] * 3
    # Expanded copies are independent values, not shared objects.
    assert doc.data["lol3"][0] is not doc.data["lol3"][1]


def test_alias_expansion_counts_towards_max_nodes() -> None:
    # The root list, then three copies of a list of five: 1 + 3 * 6 = 19 values.
    text = "[&a [1, 2, 3, 4, 5], *a, *a]\n"
    at_limit = load_text(text, limits=LoadLimits(max_nodes=19))
    assert at_limit.findings == ()
    assert at_limit.data == [[1, 2, 3, 4, 5]] * 3
    over = load_text(text, limits=LoadLimits(max_nodes=18))
    assert over.data is None
    assert [f.rule for f in over.findings] == ["limit-size"]
    assert "18" in over.findings[0].message


# -- recursive aliases --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: &a {b: *a}\n",
        "a: &a [x, *a]\n",
        "a: &a\n  b:\n    c:\n      - *a\n",
        "&root {self: *root}\n",
    ],
)
def test_recursive_alias(text: str) -> None:
    start = time.perf_counter()
    doc = load_text(text, path="r.yaml")
    assert time.perf_counter() - start < 1.0
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "yaml-recursive-alias"
    assert finding.file == "r.yaml"
    assert finding.line == 1
    assert not doc.ok


def test_an_alias_used_twice_is_not_recursive() -> None:
    doc = load_text("base: &b {x: 1}\none: *b\ntwo: {inner: *b}\n")
    assert doc.findings == ()
    assert doc.data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"inner": {"x": 1}}}


# -- depth ------------------------------------------------------------------------------


def test_deep_flow_nesting_is_limit_depth() -> None:
    doc = load_text(nested_lists(70), path="deep.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-depth"
    assert (finding.file, finding.line, finding.column) == ("deep.yaml", 1, 65)
    assert "64" in finding.message


def test_deep_block_nesting_is_limit_depth() -> None:
    doc = load_text(nested_block_mappings(70))
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-depth"
    # The 65th mapping starts on line 65, indented by 2 * 64 spaces.
    assert (finding.line, finding.column) == (65, 129)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_nesting_exactly_at_max_depth_loads(fmt: str) -> None:
    # Four nested lists around a scalar are four levels of nesting.
    doc = load_text(nested_lists(4), format=fmt, limits=LoadLimits(max_depth=4))
    assert doc.findings == ()
    assert doc.data == [[[[1]]]]
    assert depth_of(doc.data) == 4


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_mappings_exactly_at_max_depth_load(fmt: str) -> None:
    text = '{"a": {"b": {"c": "leaf"}}}'
    doc = load_text(text, format=fmt, limits=LoadLimits(max_depth=3))
    assert doc.findings == ()
    assert doc.data == {"a": {"b": {"c": "leaf"}}}


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_empty_containers_exactly_at_max_depth_load(fmt: str) -> None:
    doc = load_text(nested_lists(3, leaf=""), format=fmt, limits=LoadLimits(max_depth=3))
    assert doc.findings == ()
    assert doc.data == [[[]]]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_one_level_past_max_depth_fails(fmt: str) -> None:
    doc = load_text(nested_lists(5, leaf=""), format=fmt, limits=LoadLimits(max_depth=4))
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-depth"
    assert (finding.line, finding.column) == (1, 5)
    assert "4 levels" in finding.message


def test_nesting_at_the_default_limit_loads() -> None:
    doc = load_text(nested_lists(64))
    assert doc.findings == ()
    assert depth_of(doc.data) == 64


def test_extremely_deep_yaml_is_limit_depth_not_a_crash() -> None:
    doc = load_text(nested_lists(5000))
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["limit-depth"]


def alias_chain(links: int) -> str:
    """Each anchor is three lists around the previous one: shallow to read, deep once expanded."""
    lines = ["l0: &l0 [[[x]]]"]
    lines += [f"l{i}: &l{i} [[[*l{i - 1}]]]" for i in range(1, links + 1)]
    return "\n".join(lines) + "\n"


def test_deep_through_a_chain_of_aliases() -> None:
    # l21 expands to 66 nested lists, under the root mapping: deeper than 64.
    text = alias_chain(21)
    assert max(line.count("[") for line in text.splitlines()) == 3
    doc = load_text(text, path="chain.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-depth"
    assert finding.file == "chain.yaml"
    assert finding.line is not None


def test_a_shorter_chain_of_aliases_loads() -> None:
    doc = load_text(alias_chain(19))  # 60 lists under the root mapping
    assert doc.findings == ()
    assert depth_of(doc.data) == 61


def test_deep_through_a_chain_with_a_small_limit() -> None:
    # l3 expands to 12 nested lists under the root mapping: 13 levels.
    at_limit = load_text(alias_chain(3), limits=LoadLimits(max_depth=13))
    assert at_limit.findings == ()
    assert depth_of(at_limit.data) == 13
    doc = load_text(alias_chain(3), limits=LoadLimits(max_depth=12))
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["limit-depth"]
    assert "12 levels" in doc.findings[0].message


def test_shallow_anchor_used_deep_down() -> None:
    text = "base: &b [[[x]]]\ndeep: [[[[*b]]]]\n"
    # base: root + 3 lists = 4 levels; deep: root + 4 lists + 3 lists = 8 levels,
    # of which the last three come only through the alias.
    assert load_text(text, limits=LoadLimits(max_depth=8)).findings == ()
    over = load_text(text, limits=LoadLimits(max_depth=7))
    assert over.data is None
    assert [f.rule for f in over.findings] == ["limit-depth"]


def test_anchor_defined_deep_then_aliased_shallow() -> None:
    # The shallow alias is measured first; the deep anchor must still be judged by its depth.
    text = "deep: [[[[&b [[[x]]]]]]]\nshallow: *b\n"
    assert load_text(text, limits=LoadLimits(max_depth=8)).findings == ()
    assert [f.rule for f in load_text(text, limits=LoadLimits(max_depth=7)).findings] == [
        "limit-depth"
    ]


# -- size ----------------------------------------------------------------------------------


def test_max_bytes_exceeded_is_refused_without_parsing() -> None:
    data = b"a: [unclosed\n" + b"#" * 100
    doc = load_bytes(data, path="big.yaml", limits=LoadLimits(max_bytes=50))
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-size"
    assert (finding.file, finding.line, finding.column) == ("big.yaml", 1, 1)
    assert f"{len(data):,}" in finding.message
    assert "50" in finding.message
    assert doc.text is None


def test_max_bytes_on_a_file(write: Any) -> None:
    path = write("big.yaml", "id: x\n" + "# padding\n" * 20)
    doc = load_path(path, limits=LoadLimits(max_bytes=64))
    assert doc.data is None
    assert [f.rule for f in doc.findings] == ["limit-size"]


def test_file_of_exactly_max_bytes_loads(write: Any, tmp_path: Path) -> None:
    text = "id: x\ntitle: T\n"
    limit = len(text.encode())
    path = write("exact.yaml", text)
    assert load_path(path, limits=LoadLimits(max_bytes=limit)).data == {"id": "x", "title": "T"}
    assert load_bytes(text.encode(), limits=LoadLimits(max_bytes=limit)).findings == ()
    one_less = load_path(path, limits=LoadLimits(max_bytes=limit - 1))
    assert [f.rule for f in one_less.findings] == ["limit-size"]


def test_max_bytes_applies_to_json_too() -> None:
    doc = load_bytes(b'{"a": 1}', path="d.json", limits=LoadLimits(max_bytes=4))
    assert doc.format == "json"
    assert [f.rule for f in doc.findings] == ["limit-size"]


@pytest.mark.parametrize(("limit", "ok"), [(21, True), (20, False), (5, False)])
def test_custom_max_nodes(limit: int, ok: bool) -> None:
    text = "[" + ", ".join(str(i) for i in range(20)) + "]\n"  # the list and 20 numbers
    doc = load_text(text, limits=LoadLimits(max_nodes=limit))
    if ok:
        assert doc.findings == ()
        assert doc.data == list(range(20))
    else:
        assert doc.data is None
        assert [f.rule for f in doc.findings] == ["limit-size"]
        assert f"{limit:,}" in doc.findings[0].message


def test_all_limits_small_but_met() -> None:
    text = "a: [1, 2]\n"  # 5 nodes (mapping, key, list, two numbers), 2 levels
    limits = LoadLimits(max_bytes=len(text), max_depth=2, max_nodes=5)
    doc = load_bytes(text.encode(), limits=limits)
    assert doc.findings == ()
    assert doc.data == {"a": [1, 2]}


# -- text repeated by aliases ("quadratic blowup") ------------------------------------------


def test_expanded_text_counts_towards_max_chars() -> None:
    # Keys a and b, and the five letters four times (the anchor and three aliases): 22.
    text = "a: &a xxxxx\nb: [*a, *a, *a]\n"
    at_limit = load_text(text, limits=LoadLimits(max_chars=22))
    assert at_limit.findings == ()
    assert at_limit.data == {"a": "xxxxx", "b": ["xxxxx"] * 3}
    over = load_text(text, path="q.yaml", limits=LoadLimits(max_chars=21))
    assert over.data is None
    (finding,) = over.findings
    assert (finding.rule, finding.file, finding.line) == ("limit-size", "q.yaml", 1)
    assert "21 characters of text" in finding.message


def test_a_long_text_repeated_by_aliases_ends_fast() -> None:
    text = 'a: &a "' + "x" * 1024 * 1024 + '"\nb: [' + ", ".join(["*a"] * 20) + "]\n"
    start = time.perf_counter()
    doc = load_text(text)
    assert time.perf_counter() - start < 1.0
    assert [f.rule for f in doc.findings] == ["limit-size"]
    assert "16,777,216 characters" in doc.findings[0].message


def test_max_chars_applies_only_to_what_aliases_repeat() -> None:
    # Without aliases the text is no longer than the file, which max_bytes bounds.
    assert load_text("a: xxxxxxxxxx\n", limits=LoadLimits(max_chars=5)).findings == ()


# -- values counted while parsing, before anything is built ------------------------------


def test_too_many_values_are_found_at_the_first_one_over() -> None:
    text = "[" + ", ".join(f"v{i}" for i in range(30)) + "]\n"
    doc = load_text(text, path="l.yaml", limits=LoadLimits(max_nodes=20))
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "limit-size"
    # The list is the first value, so the twentieth item is the 21st value.
    assert (finding.file, finding.line, finding.column) == ("l.yaml", 1, text.index("v19") + 1)
    assert finding.message == "this file holds more than 20 values; mcqa reads no more"


def test_a_million_keys_end_while_parsing() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(600_000))
    start = time.perf_counter()
    doc = load_text(text)
    assert time.perf_counter() - start < 10.0  # composing them all takes several times as long
    (finding,) = doc.findings
    assert finding.rule == "limit-size"
    assert finding.line == 500_000  # the value on line 500,000 is the 1,000,001st
    assert "1,000,000 values" in finding.message


def test_values_in_many_documents_are_not_counted_past_the_second() -> None:
    doc = load_text("---\na: 1\n" * 50_000, limits=LoadLimits(max_nodes=10))
    (finding,) = doc.findings
    assert finding.rule == "yaml-syntax"
    assert finding.line == 3
    assert "more than one YAML document" in finding.message


# -- characters YAML does not allow, and encodings -----------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("a: ok\nb: \x07bell\n", 2, 4, "U+0007"),
        ("a: \x1b[31mred\n", 1, 4, "U+001B"),
        ("title: x\x7f\n", 1, 9, "U+007F"),
        ("a: \ufffe\n", 1, 4, "U+FFFE"),
    ],
)
def test_a_character_yaml_does_not_allow_is_located(
    text: str, line: int, column: int, code: str
) -> None:
    doc = load_text(text, path="c.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.file, finding.line, finding.column) == (
        "yaml-syntax",
        "c.yaml",
        line,
        column,
    )
    assert code in finding.message
    assert "escape" in finding.message


def test_a_lone_surrogate_in_text_is_a_finding() -> None:
    doc = load_text("id: x\ntitle: a\udcffb\n", path="s.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("encoding", 2, 9)


def test_a_bad_byte_after_a_utf8_bom_is_located_in_the_text() -> None:
    data = codecs.BOM_UTF8 + "id: x\ntítulo: caf".encode() + b"\xe9\n"
    doc = load_bytes(data, path="bom.yaml")
    (finding,) = doc.findings
    assert finding.rule == "encoding"
    # Columns count characters ("í" is two bytes), after the byte-order mark.
    assert (finding.line, finding.column) == (2, 12)
    assert "0xe9" in finding.message


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"id: x\ntitle: a\x00b\n", 2, 9),
        ("id: x\ntitle: é".encode("utf-16-le"), 1, 2),  # UTF-16 without its mark
        (b"\x89PNG\r\n\x1a\n\x00\x00", 3, 1),
        (codecs.BOM_UTF16_LE + "id: x\nt: \x00\n".encode("utf-16-le"), 2, 4),
    ],
)
def test_a_nul_character_is_an_encoding_finding(data: bytes, line: int, column: int) -> None:
    doc = load_bytes(data, path="n.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("encoding", line, column)
    assert "NUL" in finding.message


@pytest.mark.parametrize("bom", [codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE])
def test_utf32_is_named(bom: bytes) -> None:
    encoding = "utf-32-le" if bom == codecs.BOM_UTF32_LE else "utf-32-be"
    doc = load_bytes(bom + "id: x\n".encode(encoding), path="w.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.line, finding.column) == ("encoding", 1, 1)
    assert "UTF-32" in finding.message


def test_truncated_utf16_is_located() -> None:
    data = codecs.BOM_UTF16_BE + "id: x\ntitle: T\n".encode("utf-16-be") + b"\x00"
    (finding,) = load_bytes(data).findings
    assert (finding.rule, finding.line, finding.column) == ("encoding", 3, 1)
    assert "UTF-16" in finding.message


# -- reading files: regular files only, and never more than the limit ----------------------


def test_read_file_bytes_reads_a_regular_file(write: Any) -> None:
    path = write("d.yaml", "id: x\n")
    assert read_file_bytes(path) == b"id: x\n"
    assert read_file_bytes(path, max_bytes=6) == b"id: x\n"
    with pytest.raises(FileRefusedError) as refused:
        read_file_bytes(path, max_bytes=5)
    assert refused.value.rule == "limit-size"
    assert isinstance(refused.value, OSError)


def test_read_file_bytes_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(FileRefusedError) as refused:
        read_file_bytes(tmp_path)
    assert refused.value.rule == "io"
    assert refused.value.reason == "it is a folder, not a regular file"
    with pytest.raises(FileNotFoundError):
        read_file_bytes(tmp_path / "missing.yaml")


def test_a_file_over_the_limit_is_refused_unread(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("big.yaml", "x" * 1000)
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", lambda *a, **k: pytest.fail("opened"))
        doc = load_path(path, display="big.yaml", limits=LoadLimits(max_bytes=999))
    (finding,) = doc.findings
    assert (finding.rule, finding.file, finding.line, finding.column) == (
        "limit-size",
        "big.yaml",
        1,
        1,
    )
    assert finding.message == "the file is 1,000 bytes; mcqa reads files of at most 999 bytes"


def test_a_file_that_grows_while_read_is_read_no_further_than_the_limit(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("growing.yaml", "id: x\n")
    real_fstat, real_read = os.fstat, os.read
    read: list[int] = []

    def fstat_then_grow(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        with path.open("a", encoding="utf-8") as handle:  # after the last size check
            handle.write("# more\n" * 1000)
        return status

    def counting_read(descriptor: int, size: int) -> bytes:
        chunk = real_read(descriptor, size)
        read.append(len(chunk))
        return chunk

    with monkeypatch.context() as patch:
        patch.setattr(os, "fstat", fstat_then_grow)
        patch.setattr(os, "read", counting_read)
        doc = load_path(path, display="growing.yaml", limits=LoadLimits(max_bytes=100))
    assert sum(read) == 101
    (finding,) = doc.findings
    assert finding.rule == "limit-size"
    assert (
        finding.message == "the file is more than 100 bytes; mcqa reads files of at most 100 bytes"
    )


def test_a_name_with_a_nul_character_is_an_io_finding() -> None:
    doc = load_path("a\x00b.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.file, finding.line) == ("io", "a\x00b.yaml", 1)
    assert "NUL" in finding.message
    assert file_problem("a\x00b.yaml") == "the name holds a NUL character"


def test_file_problem(write: Any, tmp_path: Path) -> None:
    assert file_problem(write("d.yaml", "id: x\n")) is None
    assert file_problem(tmp_path) == "it is a folder, not a regular file"
    assert file_problem(tmp_path, folder_ok=True) is None
    assert file_problem(tmp_path / "missing.yaml") == "No such file or directory"
