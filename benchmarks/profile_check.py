#!/usr/bin/env python3
"""Where does ``mcqa check`` spend its time? cProfile of one run, grouped by area.

::

    .venv/bin/python benchmarks/profile_check.py                 # 1,000 generated descriptors
    .venv/bin/python benchmarks/profile_check.py --count 200 --top 30 --save check.prof
    .venv/bin/python benchmarks/profile_check.py --command --version   # start-up alone
    .venv/bin/python benchmarks/profile_check.py --read check.prof      # a saved profile again

Runs ``python -m cProfile -m mcqa check CATALOG --jobs 1 ...`` (the command
itself, in one process, start-up included) on a generated catalog (see
``generate.py``; reused from ``benchmarks/.data``), then prints:

* time by **area**: start-up (imports, module set-up), loading (reading
  files, YAML and JSON to data with positions, importers), schema validation
  (the descriptor schema, mcqa's compiled schema fragments, ``jsonschema``
  for messages), checks (each **named check**, and the string walks they
  share), review forms (reading, matching, deciding from answers), result
  building (scoring each standard, findings and result models), rendering
  (the reporters), rubric loading, catalog and command line (finding files,
  planning, the run loop); time in other libraries' and the standard
  library's functions is charged to the mcqa function that called them,
  through cProfile's call graph, in proportion to the calls' time;
* the top functions by **cumulative** time and by **own** time, each with its
  area.

Profiling slows Python code down by a factor of about two, more for code that
makes many small calls: read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import pstats
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

Func = tuple[str, int, str]

# mcqa module (relative path under src/mcqa, without .py) -> area; the first match wins
MODULE_AREAS = [
    ("load/", "loading"),
    ("importers/", "loading"),
    ("_normalise", "loading"),
    ("validate", "schema validation"),
    ("_fastschema", "schema validation"),
    ("schema", "schema validation"),
    ("_regex", "schema validation"),
    ("_fields", "schema validation"),
    ("models/descriptor", "schema validation"),
    ("models/program", "schema validation"),
    ("models/config", "schema validation"),
    ("models/_base", "schema validation"),
    ("checks/_", "checks: shared walks"),
    ("checks/", "checks: "),
    ("review", "review forms"),
    ("models/review", "review forms"),
    ("rounds", "review forms"),
    ("agreement", "review forms"),
    ("aggregate", "review forms"),
    ("status", "review forms"),
    ("evaluate", "result building"),
    ("action_plan", "result building"),
    ("waivers", "result building"),
    ("models/", "result building"),
    ("reporters/", "rendering"),
    ("render/", "rendering"),
    ("rubrics", "rubric loading"),
    ("_semver", "rubric loading"),
    ("_frameworks", "rubric loading"),
    ("diff", "rubric loading"),
    ("refresh", "review forms"),
    ("catalog", "catalog and command line"),
    ("config", "catalog and command line"),
    ("_paths", "catalog and command line"),
    ("_cluster", "catalog and command line"),
    ("cli", "catalog and command line"),
    ("baseline", "catalog and command line"),
    ("changed", "catalog and command line"),
    ("analytics", "catalog and command line"),
    ("_plugins", "catalog and command line"),
    ("_project", "catalog and command line"),
    ("_data", "catalog and command line"),
    ("__init__", "catalog and command line"),
]
#: How each area is described in the report, in the order of the brief's grouping.
AREA_NOTES = {
    "start-up": "imports and module set-up",
    "loading": "reading files, YAML and JSON to data with positions, importers",
    "schema validation": "descriptor schema, compiled fragments, jsonschema for messages",
    "checks": "the rubric's named checks, and the string walks they share",
    "review forms": "reading forms, matching them to descriptors, deciding from answers",
    "result building": "scoring each standard, findings and result models (pydantic)",
    "rendering": "reporters turning each result into the report's text",
    "rubric loading": "reading and resolving the rubrics",
    "catalog and command line": "finding files, planning, the run loop, options",
}
# Third-party code that belongs to one area whoever calls it. Any other library (pydantic,
# jsonschema, re, ...) is charged to whoever called it: pydantic building models at import
# is start-up, typing a descriptor is schema validation, building results is result building.
LIBRARY_AREAS = [
    ("/yaml/", "loading"),
    ("_yaml", "loading"),
]
STARTUP_FUNCS = (
    "<module>",
    "_find_and_load",
    "_load_unlocked",
    "exec_module",
    "_call_with_frames_removed",
)


def area_of_file(filename: str, name: str) -> str | None:
    """The area of a function by where it is defined; ``None`` when its callers decide."""
    if name in STARTUP_FUNCS or filename.startswith("<frozen importlib"):
        return "start-up"
    marker = "/mcqa/"
    if marker in filename and "/site-packages/" not in filename.split(marker)[0][-15:]:
        rel = filename.rsplit(marker, 1)[1].removesuffix(".py")
        for prefix, area in MODULE_AREAS:
            if rel.startswith(prefix):
                if area == "checks: ":
                    return f"checks: {rel.split('/', 1)[1]}"
                return area
        return "mcqa (other)"
    for part, area in LIBRARY_AREAS:
        if part in filename:
            return area
    return None


def attribute(stats: pstats.Stats) -> dict[str, float]:
    """Own time by area, charging library code to its callers' areas.

    A function outside mcqa takes the areas of its callers, each in proportion
    to the time spent in calls from it (cProfile's call graph); a call that
    comes back round a cycle (recursion) is left out, and the other callers
    decide. What no caller decides is "other".
    """
    raw = stats.stats  # type: ignore[attr-defined]
    memo: dict[Func, dict[str, float] | None] = {}
    visiting: set[Func] = set()

    def shares(func: Func) -> dict[str, float] | None:
        if func in memo:
            return memo[func]
        filename, _line, name = func
        area = area_of_file(filename, name)
        if area is not None:
            memo[func] = {area: 1.0}
            return memo[func]
        visiting.add(func)
        known: list[tuple[dict[str, float], float]] = []
        cut = False
        for caller, edge in raw[func][4].items():
            if caller in visiting:
                cut = True
                continue
            part = shares(caller)
            if part is None:
                cut = True
            elif edge[3] > 0:
                known.append((part, edge[3]))  # cumulative time along this edge
        visiting.discard(func)
        total = sum(weight for _part, weight in known)
        result: dict[str, float] | None = None
        if total > 0:
            result = defaultdict(float)
            for part, weight in known:
                for key, value in part.items():
                    result[key] += value * weight / total
            result = dict(result)
        elif not raw[func][4]:
            result = {"other": 1.0}  # a root
        if not cut:
            memo[func] = result  # else it depends on the way it was reached
        return result

    areas: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, own, _cum, _callers) in raw.items():
        for area, part in (shares(func) or {"other": 1.0}).items():
            areas[area] += own * part
    return dict(areas)


def label(func: Func) -> str:
    filename, line, name = func
    if "/mcqa/" in filename:
        filename = "mcqa/" + filename.rsplit("/mcqa/", 1)[1]
    elif "site-packages/" in filename:
        filename = filename.rsplit("site-packages/", 1)[1]
    elif "/lib/python" in filename:
        filename = filename.rsplit("/lib/", 1)[1]
    return f"{filename}:{line}({name})" if line else name


def report(stats: pstats.Stats, top: int, out: list[str]) -> dict[str, float]:
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    areas = attribute(stats)
    out.append(f"total {total:.2f} s (profiled)\n")
    out.append("time by area (own time; library calls charged to their mcqa callers)")
    groups: dict[str, float] = defaultdict(float)
    for area, seconds in areas.items():
        groups[area.split(":", 1)[0]] += seconds
    for group, seconds in sorted(groups.items(), key=lambda kv: -kv[1]):
        if seconds / total < 0.002:
            continue
        note = AREA_NOTES.get(group, "")
        out.append(f"  {seconds / total * 100:5.1f} %  {seconds:7.2f} s  {group}  ({note})")
        parts = [(a, t) for a, t in areas.items() if a.startswith(f"{group}:")]
        for area, part in sorted(parts, key=lambda kv: -kv[1]):
            if part / total >= 0.002:
                name = area.split(":", 1)[1].strip()
                out.append(f"           {part / total * 100:5.1f} %  {part:7.2f} s  {name}")
    memo_area = {}
    for func in raw:
        area = area_of_file(func[0], func[2])
        memo_area[func] = area or "(by caller)"
    # The chain every call starts from (runpy, click, the command) holds nearly all the
    # cumulative time and says nothing: the cumulative list starts below it.
    below = {func: value for func, value in raw.items() if value[3] < 0.9 * total}
    for title, key, pool in (
        ("by cumulative time (under 90 % of the total)", 3, below),
        ("by own time", 2, raw),
    ):
        out.append(f"\ntop {top} functions {title}")
        out.append(f"  {'cum s':>7} {'own s':>7} {'calls':>9}  function  [area]")
        ranked = sorted(pool.items(), key=lambda kv: -kv[1][key])[:top]
        for func, (_cc, nc, own, cum, _callers) in ranked:
            out.append(f"  {cum:7.2f} {own:7.2f} {nc:9d}  {label(func)}  [{memo_area[func]}]")
    return areas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="descriptors (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=25, help="functions listed (default 25)")
    parser.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="leave PYTHONDONTWRITEBYTECODE as the environment has it",
    )
    parser.add_argument("--save", type=Path, help="keep the raw profile (for snakeviz, pstats)")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--read", type=Path, help="report on a profile saved before (--save)")
    parser.add_argument(
        "--command",
        nargs=argparse.REMAINDER,
        help="profile these mcqa arguments instead of checking the catalog",
    )
    args = parser.parse_args(argv)

    if args.read:
        lines = [f"profile {args.read}"]
        report(pstats.Stats(str(args.read)), args.top, lines)
        return _write("\n".join(lines) + "\n", args.output)
    if args.command:
        mcqa_args = args.command
    else:
        folder = args.data / f"catalog-{args.count}-seed{args.seed}"
        generate.generate(folder, args.count, args.seed, force=True)
        mcqa_args = [
            "check",
            str(folder / "catalog"),
            "--no-config",
            "--rubric",
            generate.RUBRIC,
            "--reviews",
            str(folder / "reviews"),
            "--today",
            generate.TODAY,
            "-f",
            "json",
            "-o",
            "/dev/null",
            "--jobs",
            "1",
        ]
    with tempfile.TemporaryDirectory() as scratch:
        prof = args.save or Path(scratch) / "check.prof"
        cmd = [args.python, "-m", "cProfile", "-o", str(prof), "-m", "mcqa", *mcqa_args]
        env = dict(os.environ)
        if not args.no_bytecode_cache:  # as an installed package has it (see run.py)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(args.data / "pycache")
        # The same command once, not profiled: it fills the bytecode cache (``--version``
        # alone imports too little of mcqa to) and the page cache.
        subprocess.run(
            [args.python, "-m", "mcqa", *mcqa_args], env=env, check=False, capture_output=True
        )
        done = subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env=env
        )
        crashed = "Traceback (most recent call last)" in done.stderr
        if done.returncode not in (0, 1) or crashed or not prof.exists():
            print(
                f"profile_check.py: `mcqa {' '.join(mcqa_args)}` exited {done.returncode}:\n"
                f"{done.stderr[-2000:]}",
                file=sys.stderr,
            )
            return 2
        stats = pstats.Stats(str(prof))
        lines = [f"mcqa {' '.join(mcqa_args)}"]
        report(stats, args.top, lines)
    return _write("\n".join(lines) + "\n", args.output)


def _write(text: str, output: Path | None) -> int:
    print(text, end="")
    if output:
        output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
