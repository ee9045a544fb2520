"""Hostile input: every file mcqa reads may come from a pull request.

Each classic attack on a YAML or JSON reader (alias bombs, deep nesting, huge
files, binary junk, odd encodings, unsafe tags, named pipes and devices ...)
goes through the loader, and a representative subset through the real
command line. Whatever the input, mcqa must answer promptly with located
findings or a located message and an exit code of 0, 1 or 2; it must never
print a traceback, block, read forever, run code, or create or change a file.

Time limits here are generous guards against hangs, not benchmarks.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import hashlib
import json
import os
import random
import re
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mcqa.cli import cli
from mcqa.load import Document, LoadLimits, file_problem, load_bytes, load_path

ROOT = Path(__file__).resolve().parents[1]
GOOD_DESCRIPTOR = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"

GUARD = 20.0
"""Seconds: a subprocess or a load taking longer than this is hung, not slow."""

MiB = 1024 * 1024

posix_only = pytest.mark.skipif(
    not hasattr(os, "mkfifo"), reason="named pipes and sockets need a POSIX system"
)


# -- hostile contents ---------------------------------------------------------------------


def billion_laughs() -> bytes:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def block_laughs() -> bytes:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name}")
        lines += [f"  - *{previous}"] * 9
    return ("\n".join(lines) + "\n").encode()


def quadratic_text() -> bytes:
    """One text of a mebibyte, repeated by twenty aliases: 21 MiB of text from a 1 MiB file."""
    return ('a: &a "' + "x" * MiB + '"\nb: [' + ", ".join(["*a"] * 20) + "]\n").encode()


def quadratic_values() -> bytes:
    """A list of a thousand values, repeated by 1,100 aliases: 1.1 million values."""
    return (
        "a: &a [" + ",".join(["x"] * 1000) + "]\nb: [" + ",".join(["*a"] * 1100) + "]\n"
    ).encode()


def million_keys() -> bytes:
    return "".join(f"k{i}: {i}\n" for i in range(1_000_001)).encode()


def many_documents() -> bytes:
    return ("---\na: 1\n" * 10_000).encode()


def random_junk() -> bytes:
    return random.Random(20240601).randbytes(64 * 1024)


def png_header() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(7).randbytes(4096)


TEXT = "id: x\ntitle: Café ✓\n"


@dataclass(frozen=True, eq=False)
class Hostile:
    """One hostile file: its name (the suffix picks the format) and how to build its bytes."""

    id: str
    name: str
    make: Callable[[], bytes]
    rules: Collection[str] = ()
    """Rules that must be among the findings."""
    ok: bool = False
    """Whether the document must load without an error."""
    data: bool | None = None
    """True: the data must be there; False: it must be ``None``; None: either."""
    check: Callable[[Document], Any] | None = None
    """More assertions about the document."""
    cli: bool = False
    """Also run through the command line."""

    @property
    def content(self) -> bytes:
        return _content(self.make)


@functools.cache
def _content(make: Callable[[], bytes]) -> bytes:
    return make()


def text(value: str) -> Callable[[], bytes]:
    return lambda: value.encode()


def raw(value: bytes) -> Callable[[], bytes]:
    return lambda: value


def message_has(*words: str) -> Callable[[Document], None]:
    def check(doc: Document) -> None:
        joined = " ".join(f.message for f in doc.findings).lower()
        for word in words:
            assert word.lower() in joined, (word, joined)

    return check


def data_is(expected: Any) -> Callable[[Document], None]:
    def check(doc: Document) -> None:
        assert doc.data == expected

    return check


def first_at(line: int, column: int | None = None) -> Callable[[Document], None]:
    def check(doc: Document) -> None:
        finding = doc.findings[0]
        assert finding.line == line, finding
        if column is not None:
            assert finding.column == column, finding

    return check


def both(*checks: Callable[[Document], Any]) -> Callable[[Document], None]:
    def check(doc: Document) -> None:
        for one in checks:
            one(doc)

    return check


def long_value(length: int) -> Callable[[Document], None]:
    def check(doc: Document) -> None:
        assert len(doc.data["title"]) == length

    return check


def _no_merge(doc: Document) -> None:
    # mcqa reads YAML 1.2, which has no merge keys: '<<' stays an ordinary key
    # (the schema then calls it an unknown field), and nothing is merged.
    assert doc.data["b"] == {"<<": {"x": 1}, "y": 2}


HOSTILE = [
    # alias bombs
    Hostile("billion-laughs", "laughs.yaml", billion_laughs, {"limit-size"}, data=False, cli=True),
    Hostile("billion-laughs-block", "laughs.yaml", block_laughs, {"limit-size"}, data=False),
    Hostile(
        "quadratic-text",
        "quadratic.yaml",
        quadratic_text,
        {"limit-size"},
        data=False,
        check=message_has("characters of text"),
        cli=True,
    ),
    Hostile("quadratic-values", "quadratic.yaml", quadratic_values, {"limit-size"}, data=False),
    Hostile(
        "recursive-alias",
        "loop.yaml",
        text("a: &a [x, *a]\n"),
        {"yaml-recursive-alias"},
        data=False,
    ),
    # deep nesting, 10^5 levels
    Hostile(
        "deep-yaml-flow",
        "deep.yaml",
        text("[" * 100_000 + "]" * 100_000),
        {"limit-depth"},
        data=False,
        check=first_at(1),  # where libyaml's own limit of 1,000 levels stops it
        cli=True,
    ),
    Hostile(
        "deep-yaml-block", "deep.yaml", text("- " * 100_000 + "x\n"), {"limit-depth"}, data=False
    ),
    Hostile(
        "deep-yaml-mappings",
        "deep.yaml",
        text("{a: " * 100_000 + "b" + "}" * 100_000),
        {"limit-depth"},
        data=False,
    ),
    Hostile(
        "deep-json-arrays",
        "deep.json",
        text("[" * 100_000 + "]" * 100_000),
        {"limit-depth"},
        data=False,
        cli=True,
    ),
    Hostile(
        "deep-json-objects",
        "deep.json",
        text('{"a": ' * 100_000 + "1" + "}" * 100_000),
        {"limit-depth"},
        data=False,
    ),
    # binary junk and encodings
    Hostile("random-bytes", "junk.yaml", random_junk, {"encoding"}, data=False, cli=True),
    Hostile("png-header", "image.yaml", png_header, {"encoding"}, data=False, cli=True),
    Hostile(
        "nul-bytes",
        "nul.yaml",
        raw(b"id: x\ntitle: a\x00b\n"),
        {"encoding"},
        data=False,
        check=both(first_at(2, 9), message_has("NUL")),
        cli=True,
    ),
    Hostile("only-nul-bytes", "nul.json", raw(b"\x00" * 4096), {"encoding"}, data=False),
    Hostile(
        "invalid-utf8-in-a-value",
        "latin.yaml",
        raw(b"id: x\ntitle: caf\xc3\x28 au lait\n"),
        {"encoding"},
        data=False,
        check=both(first_at(2, 11), message_has("0xc3")),
        cli=True,
    ),
    Hostile(
        "utf8-bom",
        "bom.yaml",
        raw(codecs.BOM_UTF8 + TEXT.encode()),
        ok=True,
        data=True,
        check=data_is({"id": "x", "title": "Café ✓"}),
    ),
    Hostile(
        "utf8-bom-json",
        "bom.json",
        raw(codecs.BOM_UTF8 + b'{"id": "x"}'),
        ok=True,
        check=data_is({"id": "x"}),
    ),
    Hostile(
        "utf16-le-bom",
        "wide.yaml",
        raw(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
        ok=True,
        check=data_is({"id": "x", "title": "Café ✓"}),
    ),
    Hostile(
        "utf16-be-bom",
        "wide.yaml",
        raw(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ok=True,
        check=data_is({"id": "x", "title": "Café ✓"}),
    ),
    Hostile(
        "utf16-without-bom",
        "wide.yaml",
        raw(TEXT.encode("utf-16-le")),
        {"encoding"},
        data=False,
        check=message_has("UTF-16"),
    ),
    Hostile(
        "utf16-truncated",
        "wide.yaml",
        raw(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"x"),
        {"encoding"},
        data=False,
        check=both(first_at(3, 1), message_has("UTF-16")),
    ),
    Hostile(
        "utf32-le-bom",
        "wider.yaml",
        raw(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
        {"encoding"},
        data=False,
        check=message_has("UTF-32"),
        cli=True,
    ),
    Hostile(
        "utf32-be-bom",
        "wider.json",
        raw(codecs.BOM_UTF32_BE + '{"id": "x"}'.encode("utf-32-be")),
        {"encoding"},
        data=False,
        check=message_has("UTF-32"),
    ),
    # structure
    Hostile(
        "duplicate-keys",
        "dup.yaml",
        text("id: first\ntitle: T\nid: second\n"),
        {"duplicate-key"},
        data=True,
        check=both(data_is({"id": "first", "title": "T"}), first_at(3, 1)),
    ),
    Hostile(
        "duplicate-keys-json",
        "dup.json",
        text('{"id": "first", "id": "second"}'),
        {"duplicate-key"},
        data=True,
        check=data_is({"id": "first"}),
    ),
    Hostile(
        "tab-indentation",
        "tabs.yaml",
        text("id: x\nissuer:\n\tname: Tab U\n"),
        {"yaml-syntax"},
        data=False,
        check=both(first_at(3, 1), message_has("tabs")),
        cli=True,
    ),
    # unsafe tags: never constructed, never run (the folder is compared afterwards)
    Hostile(
        "python-object-apply",
        "tag.yaml",
        text("title: !!python/object/apply:os.system ['echo pwned > PWNED']\n"),
        {"yaml-tag"},
        check=first_at(1, 8),
        cli=True,
    ),
    Hostile(
        "python-object-new",
        "tag.yaml",
        text("title: !!python/object/new:subprocess.Popen [[touch, PWNED]]\n"),
        {"yaml-tag"},
    ),
    Hostile("python-name", "tag.yaml", text("title: !!python/name:os.system\n"), {"yaml-tag"}),
    Hostile(
        "custom-include",
        "include.yaml",
        text("title: !include /etc/passwd\nother: !include {path: x.yaml}\n"),
        {"yaml-tag"},
        check=lambda doc: doc.data["title"] == "/etc/passwd",
        cli=True,
    ),
    # long lines and words
    Hostile(
        "long-line",
        "long.yaml",
        text("title: " + "word " * 1_000_000 + "end\n"),
        ok=True,
        check=long_value(5_000_003),
    ),
    Hostile(
        "long-word",
        "long.yaml",
        text("title: " + "x" * 5_000_000 + "\n"),
        ok=True,
        check=long_value(5_000_000),
    ),
    Hostile("long-word-as-key", "long.yaml", text("x" * 5_000_000 + ": 1\n"), data=False),
    # streams and trailing garbage
    Hostile(
        "many-documents",
        "stream.yaml",
        many_documents,
        {"yaml-syntax"},
        data=False,
        check=both(first_at(3, 1), message_has("more than one YAML document")),
        cli=True,
    ),
    Hostile(
        "json-trailing-garbage",
        "trail.json",
        text('{"id": "x"} {"id": "y"} garbage'),
        {"json-syntax"},
        data=False,
        check=first_at(1, 13),
        cli=True,
    ),
    # numbers
    Hostile(
        "json-nan-infinity",
        "nan.json",
        text('{"a": NaN, "b": Infinity, "c": -Infinity}'),
        check=first_at(1, 7),
        cli=True,
    ),
    Hostile(
        "huge-integer-yaml", "big.yaml", text("n: " + "9" * 100_000 + "\n"), check=first_at(1, 4)
    ),
    Hostile(
        "huge-integer-json",
        "big.json",
        text('{"n": ' + "9" * 100_000 + "}"),
        check=first_at(1, 7),
        cli=True,
    ),
    # keys
    Hostile(
        "complex-key", "keys.yaml", text("? [a, b]\n: c\nd: e\n"), {"yaml-complex-key"}, data=True
    ),
    Hostile(
        "non-text-keys",
        "keys.yaml",
        text("1: x\nnull: y\n~: z\ntrue: t\n2.10: v\n"),
        ok=True,
        check=data_is({"1": "x", "null": "y", "~": "z", "true": "t", "2.10": "v"}),
    ),
    Hostile(
        "merge-key",
        "merge.yaml",
        text("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n"),
        ok=True,
        check=_no_merge,
    ),
    Hostile(
        "anchor-on-a-key",
        "anchor.yaml",
        text("&k id: 1\n*k : 2\n"),
        {"duplicate-key"},
        check=data_is({"id": 1}),
    ),
    Hostile(
        "alias-to-a-mapping-as-key",
        "anchor.yaml",
        text("a: &m {x: 1}\n*m : 2\n"),
        {"yaml-complex-key"},
    ),
    # a million keys: bounded, not built
    Hostile(
        "million-keys",
        "wide.yaml",
        million_keys,
        {"limit-size"},
        data=False,
        check=message_has("1,000,000 values"),
    ),
    # control characters and ANSI escapes are data, never interpreted
    Hostile(
        "ansi-escapes-in-values",
        "ansi.yaml",
        text('title: "\\e[2J\\e[31mred\\a\\r::error::forged\\x00"\n'),
        ok=True,
        check=data_is({"title": "\x1b[2J\x1b[31mred\x07\r::error::forged\x00"}),
        cli=True,
    ),
    Hostile(
        "ansi-escapes-in-json",
        "ansi.json",
        text('{"title": "\\u001b[2J\\u001b]0;pwned\\u0007"}'),
        ok=True,
        check=data_is({"title": "\x1b[2J\x1b]0;pwned\x07"}),
    ),
    Hostile(
        "raw-escape-character",
        "ansi.yaml",
        text("id: x\ntitle: \x1b[31mred\n"),
        {"yaml-syntax"},
        data=False,
        check=both(first_at(2, 8), message_has("U+001B")),
    ),
]

# -- helpers --------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[Any, ...]]:
    """What is in ``folder``: names, kinds, and each regular file's size, time and hash.

    Nothing but regular files is opened, so named pipes and devices are safe here.
    """
    state: dict[str, tuple[Any, ...]] = {}
    for current, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(current, name)
            info = path.lstat()
            key = path.relative_to(folder).as_posix()
            if stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[key] = ("file", info.st_size, info.st_mtime_ns, digest)
            elif stat.S_ISLNK(info.st_mode):
                state[key] = ("link", str(path.readlink()))
            else:
                state[key] = ("other", stat.S_IFMT(info.st_mode))
    return state


def assert_located(doc: Document, name: str) -> None:
    assert doc.findings or doc.ok
    for finding in doc.findings:
        assert finding.file == name, finding
        assert finding.line is not None and finding.line >= 1, finding
        assert finding.column is not None and finding.column >= 1, finding


def assert_expected(case: Hostile, doc: Document, name: str) -> None:
    assert_located(doc, name)
    rules = {f.rule for f in doc.findings}
    assert set(case.rules) <= rules, (case.rules, [(f.rule, f.message[:200]) for f in doc.findings])
    assert doc.ok is case.ok, [(f.rule, f.message[:200]) for f in doc.findings]
    if case.data is True:
        assert doc.data is not None
    elif case.data is False:
        assert doc.data is None
    if case.check is not None:
        case.check(doc)


def assert_clean_output(output: str) -> None:
    """No traceback, no internal error, and nothing from a file that a terminal would obey."""
    assert "Traceback" not in output
    assert "internal error" not in output
    assert "internal-error" not in output
    assert "\x1b" not in output


FINDING_AT = r"{name}:\d+:\d+: (?:error|warning): "


# -- the loader -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_load_bytes(case: Hostile) -> None:
    start = time.perf_counter()
    doc = load_bytes(case.content, path=case.name)
    assert time.perf_counter() - start < GUARD
    assert_expected(case, doc, case.name)


@pytest.mark.parametrize("case", HOSTILE, ids=[c.id for c in HOSTILE])
def test_load_path(case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / case.name
    path.write_bytes(case.content)
    before = snapshot(tmp_path)
    start = time.perf_counter()
    doc = load_path(path, display=case.name)
    assert time.perf_counter() - start < GUARD
    assert_expected(case, doc, case.name)
    assert doc.sha256 == hashlib.sha256(case.content).hexdigest()
    assert snapshot(tmp_path) == before


# -- a 50 MB file: refused by its size, unread ------------------------------------------


@pytest.fixture
def fifty_mb(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"a: [unclosed\n")  # parsed, this would be a syntax error instead
        handle.truncate(50 * 1000 * 1000)  # sparse: quick to make
    return path


def test_a_50_mb_file_is_refused_by_its_size_unread(
    fifty_mb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[int] = []
    real_read = os.read

    def counting_read(descriptor: int, size: int) -> bytes:
        read.append(size)
        return real_read(descriptor, size)

    with monkeypatch.context() as patch:
        patch.setattr(os, "read", counting_read)
        doc = load_path(fifty_mb, display="huge.yaml")
    assert read == []
    assert doc.data is None
    assert doc.text is None
    ((rule, file, line, column, message),) = [
        (f.rule, f.file, f.line, f.column, f.message) for f in doc.findings
    ]
    assert (rule, file, line, column) == ("limit-size", "huge.yaml", 1, 1)
    assert "50,000,000 bytes" in message
    assert "16,777,216" in message


def test_a_50_mb_byte_string_is_refused_unparsed() -> None:
    data = b"a: [unclosed\n" + b" " * (50 * 1000 * 1000)
    doc = load_bytes(data, path="huge.yaml")
    assert [f.rule for f in doc.findings] == ["limit-size"]
    assert doc.text is None


# -- not a regular file --------------------------------------------------------------------

UNBLOCK = 3.0
"""Seconds a reader may wait on a named pipe before the test lets it go (and fails)."""

_real_open = os.open  # tests below replace os.open; the watch must not use theirs


@contextlib.contextmanager
def unblocking(*fifos: str | Path) -> Iterator[list[str]]:
    """Let go of any reader still waiting on one of ``fifos`` after :data:`UNBLOCK` seconds.

    Opening a named pipe that has no writer blocks; so that a regression fails
    the test instead of hanging the suite, the pipe is then opened for writing
    and closed at once (the reader reads nothing). The list says which pipes
    had to be let go: it must stay empty.
    """
    stop = threading.Event()
    unblocked: list[str] = []

    def watch() -> None:
        if stop.wait(UNBLOCK):
            return
        while not stop.is_set():
            for fifo in fifos:
                try:  # succeeds only while someone has the pipe open for reading
                    descriptor = _real_open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:
                    continue
                os.close(descriptor)
                unblocked.append(str(fifo))
            stop.wait(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield unblocked
    finally:
        stop.set()
        thread.join()


@pytest.fixture
def specials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A named pipe, a socket and a folder, all named like descriptors, and two devices."""
    monkeypatch.chdir(tmp_path)  # a socket's name is short only when relative
    names = {"folder": "folder.yaml", "zero": "/dev/zero", "urandom": "/dev/urandom"}
    (tmp_path / "folder.yaml").mkdir()
    server = None
    if hasattr(os, "mkfifo"):
        os.mkfifo("fifo.yaml")
        server = socket.socket(socket.AF_UNIX)
        server.bind("socket.yaml")
        names.update(fifo="fifo.yaml", socket="socket.yaml")
    try:
        yield names
    finally:
        if server is not None:
            server.close()


SPECIAL_KINDS = {
    "fifo": "named pipe",
    "socket": "socket",
    "folder": "folder",
    "zero": "character device",
    "urandom": "character device",
}


@posix_only
@pytest.mark.parametrize("kind", sorted(SPECIAL_KINDS))
def test_load_path_refuses_what_is_not_a_regular_file(
    kind: str, specials: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = specials[kind]
    opened: list[object] = []

    def spy(*args: Any, **kwargs: Any) -> int:
        opened.append(args)
        return _real_open(*args, **kwargs)

    with monkeypatch.context() as patch, unblocking("fifo.yaml") as unblocked:
        patch.setattr(os, "open", spy)
        start = time.perf_counter()
        doc = load_path(name)
        seconds = time.perf_counter() - start
    assert unblocked == []
    assert seconds < UNBLOCK
    assert opened == [], "refused before it is opened"
    assert doc.data is None
    (finding,) = doc.findings
    assert (finding.rule, finding.file, finding.line, finding.column) == ("io", name, 1, 1)
    assert SPECIAL_KINDS[kind] in finding.message
    assert "not a regular file" in finding.message
    problem = file_problem(name)
    assert problem is not None
    assert SPECIAL_KINDS[kind] in problem
    assert (file_problem(name, folder_ok=True) is None) is (kind == "folder")


@posix_only
def test_a_fifo_swapped_in_after_the_stat_cannot_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "swapped.yaml"
    path.write_text("id: x\n", encoding="utf-8")

    def swap_then_open(name: Any, flags: int, *args: Any) -> int:
        Path(name).unlink()
        os.mkfifo(name)  # after the stat saw a regular file, before the open
        return _real_open(name, flags, *args)

    with monkeypatch.context() as patch, unblocking(path) as unblocked:
        patch.setattr(os, "open", swap_then_open)
        doc = load_path(path, display="swapped.yaml")
    assert unblocked == []
    (finding,) = doc.findings
    assert (finding.rule, finding.file, finding.line) == ("io", "swapped.yaml", 1)
    assert "named pipe" in finding.message


# -- the command line -------------------------------------------------------------------------

COMMANDS = {
    "check": ["check", "--no-config", "-j", "1"],
    "review-validate": ["review", "validate"],
    "rubric-validate": ["rubric", "validate"],
}

CLI_CASES = [c for c in HOSTILE if c.cli]


def invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", CLI_CASES, ids=[c.id for c in CLI_CASES])
def test_cli_on_hostile_files(
    case: Hostile, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(case.name).write_bytes(case.content)
    before = snapshot(tmp_path)
    code, output = invoke([*COMMANDS[command], case.name])
    assert snapshot(tmp_path) == before
    assert code in (0, 1, 2), output
    assert code != 0 or case.ok, output
    assert_clean_output(output)
    assert re.search(FINDING_AT.format(name=re.escape(case.name)), output), output


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_refuses_a_50_mb_file_by_its_size(
    command: str, fifty_mb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fifty_mb.parent)
    before = snapshot(fifty_mb.parent)
    code, output = invoke([*COMMANDS[command], fifty_mb.name])
    assert snapshot(fifty_mb.parent) == before
    assert code == 1, output
    assert_clean_output(output)
    assert "huge.yaml:1:1: error: the file is 50,000,000 bytes" in output


# Every command that takes a file, given something that is not one, and folders
# holding such things. They run in one child process: there an endless read of
# /dev/zero ends in a MemoryError (its address space is limited), a reader
# waiting on a named pipe is let go after UNBLOCK seconds (and says so), and a
# command still running after GUARD seconds ends the child; so a regression
# fails these tests instead of hanging the suite or exhausting the machine.
SPECIAL_COMMANDS = {
    "check": ["check", "--no-config", "-j", "1", "{path}"],
    "check-config": ["check", "-j", "1", "--config", "{path}", "good.yaml"],
    "rubric-validate": ["rubric", "validate", "{path}"],
    "rubric-show": ["rubric", "show", "{path}"],
    "review-validate": ["review", "validate", "{path}"],
    "review-init": ["review", "init", "--reviewer", "Ana", "--today", "2026-01-01", "{path}"],
    "review-status": ["review", "status", "--no-config", "--today", "2026-01-01", "{path}"],
}
SPECIAL_PATHS = {
    "fifo": "fifo.yaml",
    "socket": "socket.yaml",
    "folder": "folder.yaml",
    "zero": "/dev/zero",
    "urandom": "/dev/urandom",
}
FOLDER_COMMANDS = {
    "walk": ["check", "--no-config", "-j", "1", "--reviews", "reviews", "catalog"],
    "schema-export": ["schema", "export", "--check", "schemas"],
}
FIFOS = ["fifo.yaml", "catalog/fifo.yaml", "reviews/form.yaml", "schemas/rubric.schema.json"]

CLI_IN_A_CHILD = """
import faulthandler, json, os, resource, sys, threading, time, traceback
from click.testing import CliRunner
from mcqa.cli import cli

unblock, guard = float(sys.argv[1]), float(sys.argv[2])
jobs, fifos = json.loads(sys.argv[3]), json.loads(sys.argv[4])
limit = 3 << 30
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

def watch(stop, unblocked):
    if stop.wait(unblock):
        return
    while not stop.is_set():
        for fifo in fifos:
            try:
                descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                continue
            os.close(descriptor)
            unblocked.append(fifo)
        stop.wait(0.1)

for name, args in jobs.items():
    stop, unblocked = threading.Event(), []
    thread = threading.Thread(target=watch, args=(stop, unblocked), daemon=True)
    thread.start()
    faulthandler.dump_traceback_later(guard, exit=True)
    start = time.perf_counter()
    result = CliRunner().invoke(cli, args)
    seconds = time.perf_counter() - start
    faulthandler.cancel_dump_traceback_later()
    stop.set()
    thread.join()
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += "".join(traceback.format_exception(result.exception))
    print(json.dumps({"name": name, "code": result.exit_code, "output": output,
                      "seconds": seconds, "unblocked": unblocked}), flush=True)
"""


@dataclass(frozen=True)
class Ran:
    code: int | None
    """``None`` when the command never ended."""
    output: str
    seconds: float
    unblocked: tuple[str, ...] = ()


def _special_folder(folder: Path) -> None:
    shutil.copyfile(GOOD_DESCRIPTOR, folder / "good.yaml")
    (folder / "folder.yaml").mkdir()
    catalog = folder / "catalog"
    catalog.mkdir()
    shutil.copyfile(GOOD_DESCRIPTOR, catalog / "good.yaml")
    (catalog / "zero.yaml").symlink_to("/dev/zero")
    (catalog / "random.json").symlink_to("/dev/urandom")
    (catalog / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    (catalog / "loop").symlink_to(catalog)
    (folder / "reviews").mkdir()
    (folder / "schemas").mkdir()
    for fifo in FIFOS:
        os.mkfifo(folder / fifo)


@pytest.fixture(scope="module")
def special_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Every command on every kind of special file, and on folders holding them."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes and sockets need a POSIX system")
    folder = tmp_path_factory.mktemp("specials")
    _special_folder(folder)
    server = socket.socket(socket.AF_UNIX)
    here = Path.cwd()
    os.chdir(folder)  # a socket's name is short only when relative
    try:
        server.bind("socket.yaml")
    finally:
        os.chdir(here)
    jobs = {
        f"{kind}/{command}": [part.format(path=path) for part in template]
        for kind, path in SPECIAL_PATHS.items()
        for command, template in SPECIAL_COMMANDS.items()
    }
    jobs.update(FOLDER_COMMANDS)
    before = snapshot(folder)
    runs: dict[str, Ran] = {}
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CLI_IN_A_CHILD,
                str(UNBLOCK),
                str(GUARD),
                json.dumps(jobs),
                json.dumps(FIFOS),
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=GUARD + 5 * len(jobs),
            env={**os.environ, "NO_COLOR": "1"},
        )
        stdout, stderr = done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:  # its output is bytes, whatever text= said
        stdout = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        stderr = "the child process was still running"
    finally:
        server.close()
    for line in stdout.splitlines():
        ran = json.loads(line)
        runs[ran["name"]] = Ran(ran["code"], ran["output"], ran["seconds"], tuple(ran["unblocked"]))
    for name in jobs:
        runs.setdefault(name, Ran(None, f"it never ended:\n{stderr[-3000:]}", GUARD))
    runs["unchanged"] = Ran(0 if snapshot(folder) == before else 1, "", 0.0)
    return runs


@posix_only
def test_no_command_changed_the_folder(special_runs: dict[str, Ran]) -> None:
    assert special_runs["unchanged"].code == 0


@posix_only
@pytest.mark.parametrize("command", sorted(SPECIAL_COMMANDS))
@pytest.mark.parametrize("kind", sorted(SPECIAL_PATHS))
def test_cli_on_what_is_not_a_regular_file(
    kind: str, command: str, special_runs: dict[str, Ran]
) -> None:
    ran = special_runs[f"{kind}/{command}"]
    assert ran.code is not None, ran.output
    assert ran.unblocked == (), "waited on a named pipe"
    assert ran.seconds < UNBLOCK, ran.output
    assert ran.code in (0, 1, 2), ran.output
    if command != "review-status":  # which shows the status (an error) and exits 0
        assert ran.code != 0, ran.output
    assert_clean_output(ran.output)
    assert SPECIAL_PATHS[kind] in ran.output, ran.output


@posix_only
def test_check_walks_a_folder_of_pipes_devices_and_loops_promptly(
    special_runs: dict[str, Ran],
) -> None:
    ran = special_runs["walk"]
    assert ran.code is not None, ran.output
    assert ran.unblocked == (), "waited on a named pipe"
    assert ran.code in (0, 1, 2), ran.output
    assert_clean_output(ran.output)
    assert "catalog/good.yaml" in ran.output


# -- special files met by the commands -----------------------------------------------------


@posix_only
def test_check_reports_a_descriptor_that_is_not_a_file(special_runs: dict[str, Ran]) -> None:
    output = special_runs["walk"].output
    for name in ("fifo.yaml", "dangling.yaml"):
        assert f"catalog/{name}:1:1: error: could not read the file" in output
    # links to a device leave the project folder: refused unread, and still an error
    for name in ("zero.yaml", "random.json"):
        assert f"catalog/{name}:1:1: error: this file is a symbolic link leading outside" in output


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("command", sorted(set(SPECIAL_COMMANDS) - {"review-init"}))
def test_a_special_file_given_as_an_argument_is_could_not_run(
    kind: str, command: str, special_runs: dict[str, Ran]
) -> None:
    ran = special_runs[f"{kind}/{command}"]
    assert ran.code == 2, ran.output
    assert SPECIAL_KINDS[kind] in ran.output


@posix_only
def test_schema_export_check_does_not_wait_on_a_pipe(special_runs: dict[str, Ran]) -> None:
    ran = special_runs["schema-export"]
    assert ran.unblocked == ()
    assert ran.code in (1, 2)


def test_a_lone_surrogate_in_json_is_a_finding() -> None:
    doc = load_bytes(b'{"title": "a \\ud800 b"}', path="s.json")
    assert not doc.ok
    assert_located(doc, "s.json")


def test_json_values_are_bounded_like_yaml() -> None:
    doc = load_bytes(
        b"[" + b",".join([b"1"] * 2000) + b"]", path="many.json", limits=LoadLimits(max_nodes=1000)
    )
    assert [f.rule for f in doc.findings] == ["limit-size"]
