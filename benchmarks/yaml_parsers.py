#!/usr/bin/env python3
"""YAML parsers that keep positions: how fast each reads the catalog, and what it survives.

::

    .venv/bin/python benchmarks/yaml_parsers.py benchmarks/.data/catalog-1000-seed1
    .venv/bin/python benchmarks/yaml_parsers.py DIR --rapidyaml benchmarks/.data/venv-ryml

mcqa must point every finding at a line and column, so whatever parses its
files must give the position of every value. This script reads every
``.yaml`` file under the folders given (a generated catalog: descriptors and
review forms) into memory, then times, on the same texts, ``--repeat`` times
(median and range), in this one process:

* **libyaml load**: ``yaml.load(data, Loader=yaml.CSafeLoader)``, the floor
  that ``run.py`` takes every ratio against (plain data, no positions);
* **libyaml compose**: ``yaml.compose(text, Loader=yaml.CSafeLoader)``: the
  node graph, built by libyaml and PyYAML's C extension, every node with its
  start and end marks; and the same **+ reading every mark**;
* **mcqa compose**: the same with mcqa's loader class, which gives plain
  scalars their tag later instead of running PyYAML's resolver on each;
* **pure-Python compose**: ``yaml.compose(text, Loader=yaml.SafeLoader)``;
* **mcqa loader**: ``mcqa.load.load_bytes``, all that mcqa does to read a
  file: decode, compose, build plain data by the YAML 1.2 core schema with a
  position for every value, duplicate keys, limits, warnings;
* **rapidyaml parse** (``ryml.parse_in_arena``) and **rapidyaml to Python**
  (the same, then its tree walked into dicts, lists and strings), when
  ``--rapidyaml VENV`` names a virtualenv with ``rapidyaml`` installed
  (``pip install rapidyaml``; it is never a dependency of mcqa).

Then it checks that the marks of libyaml's nodes are those of the
pure-Python composer's, node for node, and what rapidyaml's Python binding
says about positions. Last, each parser meets hostile input (aliases that
expand a billion times, deep nesting, a million keys, a Python tag, bytes
that are not UTF-8, a syntax error), each in a process of its own with a
time limit and a memory limit, and the script reports what became of it.

Results go to stdout, and with ``--json FILE`` as JSON too.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent

Case = tuple[str, bytes, str]  # path, bytes, text


# -- the files -------------------------------------------------------------------------


def read_files(folders: list[Path], limit: int | None) -> list[Case]:
    """Every ``.yaml`` file under ``folders`` (sorted), as bytes and as text."""
    paths = sorted(p for folder in folders for p in folder.rglob("*.yaml"))[:limit]
    cases = []
    for path in paths:
        data = path.read_bytes()
        cases.append((str(path), data, data.decode("utf-8")))
    return cases


def use_rapidyaml(venv: Path | None) -> Any:
    """``ryml`` from ``venv``'s site-packages, or ``None``."""
    if venv is not None:
        sys.path.extend(str(p) for p in sorted(venv.glob("lib/python3*/site-packages")))
    try:
        import ryml
    except ImportError:
        return None
    return ryml


# -- the ways of reading ---------------------------------------------------------------


def _marks(node: yaml.Node) -> Iterator[tuple[int, int, int, int]]:
    """Every node's start and end line and column, depth first; an aliased node once."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        start, end = current.start_mark, current.end_mark
        yield start.line, start.column, end.line, end.column
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append(key)
                stack.append(value)


def _ryml_python(ryml: Any, tree: Any, node: int) -> Any:
    if tree.is_map(node):
        return {
            bytes(tree.key(child)).decode(): _ryml_python(ryml, tree, child)
            for child in ryml.children(tree, node)
        }
    if tree.is_seq(node):
        return [_ryml_python(ryml, tree, child) for child in ryml.children(tree, node)]
    return bytes(tree.val(node)).decode() if tree.has_val(node) else None


def readers(ryml: Any) -> dict[str, Callable[[Case], Any]]:
    from mcqa.load import load_bytes
    from mcqa.load._yaml import _CoreSchemaLoader

    c_loader: Any = yaml.CSafeLoader
    chosen: dict[str, Callable[[Case], Any]] = {
        "libyaml load (CSafeLoader)": lambda c: yaml.load(c[1], Loader=c_loader),
        "libyaml compose (CSafeLoader)": lambda c: yaml.compose(c[2], Loader=c_loader),
        "libyaml compose + read every mark": lambda c: sum(
            1 for _ in _marks(yaml.compose(c[2], Loader=c_loader))
        ),
        "mcqa compose (CSafeLoader, no resolver)": lambda c: yaml.compose(
            c[2], Loader=_CoreSchemaLoader
        ),
        "pure-Python compose (SafeLoader)": lambda c: yaml.compose(c[2], Loader=yaml.SafeLoader),
        "mcqa loader (load_bytes)": lambda c: load_bytes(c[1], path=c[0]),
    }
    if ryml is not None:
        chosen["rapidyaml parse (parse_in_arena)"] = lambda c: ryml.parse_in_arena(c[1])

        def to_python(case: Case) -> Any:
            tree = ryml.parse_in_arena(case[1])
            return _ryml_python(ryml, tree, tree.root_id())

        chosen["rapidyaml parse + to Python (strings only)"] = to_python
    return chosen


def time_readers(
    cases: list[Case], chosen: dict[str, Callable[[Case], Any]], repeat: int
) -> dict[str, dict[str, float]]:
    """Seconds for all ``cases``, for each reader, interleaved: median, min, max."""
    runs: dict[str, list[float]] = {name: [] for name in chosen}
    for read in chosen.values():  # one warm-up pass each (caches, lazy imports)
        for case in cases[:50]:
            with contextlib.suppress(Exception):  # a broken file: every reader meets it
                read(case)
    for _ in range(repeat):
        for name, read in chosen.items():
            start = time.perf_counter()
            for case in cases:
                with contextlib.suppress(Exception):
                    read(case)
            runs[name].append(time.perf_counter() - start)
    return {
        name: {
            "median": statistics.median(times),
            "min": min(times),
            "max": max(times),
        }
        for name, times in runs.items()
    }


# -- positions -------------------------------------------------------------------------


def compare_marks(cases: list[Case]) -> dict[str, Any]:
    """Whether libyaml's nodes carry the same marks as the pure-Python composer's."""
    c_loader: Any = yaml.CSafeLoader
    nodes = files = differ = 0
    first: str | None = None
    for path, _data, text in cases:
        try:
            fast = list(_marks(yaml.compose(text, Loader=c_loader)))
            slow = list(_marks(yaml.compose(text, Loader=yaml.SafeLoader)))
        except yaml.YAMLError:
            continue
        files += 1
        nodes += len(slow)
        if fast != slow:
            differ += 1
            if first is None:
                first = path
    return {"files": files, "nodes": nodes, "files_that_differ": differ, "first": first}


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


def _address(buffer: Any) -> int:
    view = _PyBuffer()
    get = ctypes.pythonapi.PyObject_GetBuffer
    get.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
    release = ctypes.pythonapi.PyBuffer_Release
    release.argtypes = [ctypes.POINTER(_PyBuffer)]
    get(buffer, ctypes.byref(view), 0)
    try:
        return int(view.buf or 0)
    finally:
        release(ctypes.byref(view))


RYML_SAMPLE = b"""\
title: Data literacy
outcomes:
  - 'Explain a chart'
  - id: LO2
    statement: >-
      Build a dashboard
      for a team
cost: {amount: 0, currency: EUR}
title: again
"""


def ryml_positions(ryml: Any) -> dict[str, Any]:
    """What rapidyaml's binding tells of where each node stands, next to PyYAML's marks."""
    api = sorted(n for n in dir(ryml.Tree) if "loc" in n.lower() or "pos" in n.lower())
    buffer = bytearray(RYML_SAMPLE)
    tree = ryml.parse_in_place(buffer)  # the tree's strings point into ``buffer``
    base = _address(buffer)
    starts = [0] + [i + 1 for i, byte in enumerate(RYML_SAMPLE) if byte == 0x0A]

    def where(view: Any) -> str:
        offset = _address(view) - base
        line = max(i for i, s in enumerate(starts) if s <= offset)
        return f"{line + 1}:{offset - starts[line] + 1}"

    seen = []
    for node, _depth in ryml.walk(tree):
        kind = tree.type_str(node)
        key = where(tree.key(node)) if tree.has_key(node) else None
        value = where(tree.val(node)) if tree.has_val(node) and len(tree.val(node)) else None
        seen.append({"node": kind, "key_at": key, "value_at": value})
    pyyaml = [
        {"start": f"{m[0] + 1}:{m[1] + 1}"}
        for m in _marks(yaml.compose(RYML_SAMPLE.decode(), Loader=yaml.SafeLoader))
    ]
    return {"tree_methods_about_positions": api, "rapidyaml": seen, "pyyaml_nodes": pyyaml}


# -- hostile input ---------------------------------------------------------------------


def _laughs() -> bytes:
    lines = ['a0: &a0 "lol"']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


#: The address space each hostile run may take.
MEMORY_LIMIT = 2 * 2**30

HOSTILE: dict[str, Callable[[], bytes]] = {
    "billion laughs (9 levels of 9 aliases)": _laughs,
    "100,000 nested flow lists": lambda: b"[" * 100_000 + b"]" * 100_000,
    "1,000,000 keys (15 MB)": lambda: b"".join(b"k%d: v\n" % i for i in range(1_000_000)),
    "a Python tag": lambda: b"x: !!python/object/apply:os.system ['echo unsafe']\n",
    "bytes that are not UTF-8": lambda: b"title: caf\xe9\n",
    "a key twice": lambda: b"title: one\ntitle: two\n",
    "an unclosed flow list": lambda: b"a: [1, 2\nb: c\n",
}


def _hostile_one(parser: str, case: str, rapidyaml: Path | None) -> dict[str, Any]:
    """Run one parser on one hostile input; what became of it (in a child process)."""
    data = HOSTILE[case]()
    c_loader: Any = yaml.CSafeLoader
    from mcqa.load import load_bytes  # imported before the clock starts

    ryml = use_rapidyaml(rapidyaml) if parser == "rapidyaml" else None
    start = time.perf_counter()
    try:
        if parser == "libyaml load":
            result: Any = yaml.load(data, Loader=c_loader)
            what = f"loaded: {type(result).__name__}"
        elif parser == "libyaml compose":
            node = yaml.compose(data.decode("utf-8"), Loader=c_loader)
            what = f"composed: {sum(1 for _ in _marks(node))} nodes"
        elif parser == "mcqa loader":
            document = load_bytes(data, path="hostile.yaml")
            what = (
                "; ".join(f"{f.rule} at {f.line}:{f.column}" for f in document.findings[:3])
                or f"loaded: {type(document.data).__name__}"
            )
        else:
            tree = ryml.parse_in_arena(data)
            what = f"parsed: {tree.size()} nodes"
            if case.startswith("billion"):
                tree.resolve()  # expand the aliases, as turning it into data would
                what += f", {tree.size()} after resolving the aliases"
    except MemoryError:
        what = f"MemoryError (over the {MEMORY_LIMIT // 2**30} GB limit)"
    except Exception as exc:
        # rapidyaml's exceptions keep their message in what(), PyYAML's in str()
        message = str(exc.what() if hasattr(exc, "what") else exc).strip()
        first = message.splitlines()[0][:100] if message else ""
        what = f"{type(exc).__name__}: {first}"
    return {"outcome": what, "seconds": round(time.perf_counter() - start, 3)}


def hostile(parsers: list[str], rapidyaml: Path | None, timeout: float) -> list[dict[str, Any]]:
    rows = []
    for case in HOSTILE:
        for parser in parsers:
            cmd = [sys.executable, __file__, "--hostile-one", parser, case]
            if rapidyaml is not None:
                cmd += ["--rapidyaml", str(rapidyaml)]
            try:
                done = subprocess.run(
                    cmd, capture_output=True, text=True, timeout=timeout, check=False
                )
            except subprocess.TimeoutExpired:
                rows.append({"case": case, "parser": parser, "outcome": f"> {timeout:g} s"})
                continue
            if done.returncode < 0:
                outcome = {"outcome": f"crashed (signal {-done.returncode})"}
            elif done.returncode != 0 or not done.stdout.strip():
                outcome = {"outcome": f"exit {done.returncode}: {done.stderr.strip()[-120:]}"}
            else:
                outcome = json.loads(done.stdout)
            rows.append({"case": case, "parser": parser, **outcome})
            print(f"  {case:<42} {parser:<16} {rows[-1]}", file=sys.stderr)
    return rows


# -- the report ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="*", help="folders of YAML files")
    parser.add_argument("--limit", type=int, help="at most this many files")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each reader (default 3)")
    parser.add_argument("--rapidyaml", type=Path, help="a virtualenv with rapidyaml installed")
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile inputs")
    parser.add_argument("--timeout", type=float, default=30.0, help="per hostile run (s)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--hostile-one", nargs=2, metavar=("PARSER", "CASE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.hostile_one:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        print(json.dumps(_hostile_one(*args.hostile_one, args.rapidyaml)))
        return 0
    if not args.folders:
        parser.error("name at least one folder")
    ryml = use_rapidyaml(args.rapidyaml)
    cases = read_files(args.folders, args.limit)
    size = sum(len(c[1]) for c in cases)
    print(
        f"{len(cases):,} YAML files, {size / 1e6:.1f} MB; Python {sys.version.split()[0]}, "
        f"PyYAML {yaml.__version__} (libyaml {getattr(yaml, '__with_libyaml__', False)}), "
        f"rapidyaml {ryml.version if ryml else 'not available'}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    timings = time_readers(cases, readers(ryml), args.repeat)
    floor = timings["libyaml load (CSafeLoader)"]["median"]
    fastest = timings["libyaml load (CSafeLoader)"]["min"]
    print(
        "\n| reader | ms per file, median (range) | vs libyaml load, medians | fastest runs |"
        "\n|---|---:|---:|---:|"
    )
    for name, t in timings.items():
        per = [t[k] / len(cases) * 1000 for k in ("median", "min", "max")]
        print(
            f"| {name} | {per[0]:.3f} ({per[1]:.3f} to {per[2]:.3f}) "
            f"| {t['median'] / floor:.2f} | {t['min'] / fastest:.2f} |"
        )
    marks = compare_marks(cases)
    print(
        f"\nmarks: libyaml's and the pure-Python composer's agree on {marks['nodes']:,} nodes "
        f"in {marks['files']:,} files; files where they differ: {marks['files_that_differ']}"
    )
    positions = ryml_positions(ryml) if ryml is not None else None
    if positions is not None:
        print(
            f"rapidyaml Tree methods about positions: {positions['tree_methods_about_positions']}"
        )
        for row in positions["rapidyaml"]:
            print(f"  {row}")
    outcomes = None
    if not args.no_hostile:
        parsers = ["libyaml load", "libyaml compose", "mcqa loader"]
        if ryml is not None:
            parsers.append("rapidyaml")
        print("\nhostile input", file=sys.stderr)
        outcomes = hostile(parsers, args.rapidyaml, args.timeout)
        print("\n| input | " + " | ".join(parsers) + " |")
        print("|---|" + "---|" * len(parsers))
        for case in HOSTILE:
            cells = []
            for name in parsers:
                row = next(r for r in outcomes if r["case"] == case and r["parser"] == name)
                seconds = f" ({row['seconds']:g} s)" if "seconds" in row else ""
                cells.append(f"{row['outcome']}{seconds}".replace("|", "/"))
            print(f"| {case} | " + " | ".join(cells) + " |")
    if args.json:
        payload = {
            "files": len(cases),
            "bytes": size,
            "timings_seconds": timings,
            "marks": marks,
            "rapidyaml_positions": positions,
            "hostile": outcomes,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
