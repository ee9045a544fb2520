"""The benchmark harness in ``benchmarks/``: its generator, runner, floor and profiler work.

Only correctness is tested here, on a handful of files; how fast mcqa is belongs to
``benchmarks/run.py`` (see docs/performance.md), never to a timed assertion.
"""

from __future__ import annotations

import cProfile
import hashlib
import importlib
import json
import pstats
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
SEED = 1  # its first 20 descriptors include every kind but "bad-field", JSON, forms, a broken file
COUNT = 20
SCRIPTS = ("generate", "run", "bare_parse", "profile_check", "yaml_parsers")


@pytest.fixture(scope="module")
def bench() -> Iterator[dict[str, ModuleType]]:
    """The benchmark scripts as modules (they import each other by plain name)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield {name: importlib.import_module(name) for name in SCRIPTS}
    finally:
        sys.path.remove(str(BENCHMARKS))
        for name in SCRIPTS:
            sys.modules.pop(name, None)


@pytest.fixture(scope="module")
def catalog(bench: dict[str, ModuleType], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "generated"
    bench["generate"].generate(folder, COUNT, SEED, jobs=1)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".manifest.json"
    }


# -- the generator ---------------------------------------------------------------------


def test_generator_is_deterministic_whatever_the_processes(
    bench: dict[str, ModuleType], catalog: Path, tmp_path: Path
) -> None:
    generate = bench["generate"]
    again = generate.generate(tmp_path / "b", COUNT, SEED, jobs=2)
    first = generate.read_manifest(catalog)
    assert _files(catalog) == _files(tmp_path / "b")
    assert {k: v for k, v in first.items() if k != "seconds"} == {
        k: v for k, v in again.items() if k not in ("seconds", "reused")
    }
    assert generate.generate(catalog, COUNT, SEED)["reused"] is True
    # Any descriptor can be made on its own, as the catalog holds it.
    entry = generate.descriptor(SEED, 7)
    assert (catalog / entry.path).read_bytes() == entry.data
    assert generate.descriptor(SEED + 1, 7).data != entry.data


def test_generator_refuses_a_folder_it_did_not_write(
    bench: dict[str, ModuleType], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        bench["generate"].generate(tmp_path, 2, SEED)
    assert (tmp_path / "notes.txt").exists()


def test_generated_files_are_realistic(bench: dict[str, ModuleType], catalog: Path) -> None:
    generate = bench["generate"]
    entries = list(generate.entries(SEED, 0, COUNT))
    kinds = {entry.kind for entry in entries}
    assert {"complete", "flawed", "draft", "broken"} <= kinds
    assert any(entry.path.endswith(".json") for entry in entries)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for entry in entries:
        assert 900 < len(entry.data) < 10_000, entry.path
        assert entry.path.startswith("catalog/") and entry.path.count("/") == 3
        if entry.kind == "broken":
            with pytest.raises(yaml.YAMLError):
                yaml.load(entry.data, Loader=loader)
            continue
        data = yaml.load(entry.data, Loader=loader)
        assert data["id"] == entry.id and data["descriptor_format"] == 1
        if entry.kind == "complete":
            assert {"learning_outcomes", "assessments", "cost", "quality_assurance"} <= set(data)
        for form_path, form in entry.forms:
            review = yaml.load(form, Loader=loader)
            assert review["rubric"] == generate.RUBRIC
            assert review["descriptor"]["sha256"] == hashlib.sha256(entry.data).hexdigest()
            assert review["descriptor"]["id"] == entry.id
            target = (catalog / form_path).parent / review["descriptor"]["path"]
            assert target.resolve() == (catalog / entry.path).resolve()
    # Every kind over a larger slice, in about the shares the docs give.
    many = [generate.descriptor(SEED, i).kind for i in range(0, 20_000, 40)]
    assert 0.45 < many.count("complete") / len(many) < 0.6
    assert 0.25 < many.count("flawed") / len(many) < 0.4
    assert "bad-field" in many


def test_the_catalog_is_scored_as_intended(bench: dict[str, ModuleType], catalog: Path) -> None:
    generate = bench["generate"]
    entries = {entry.path: entry for entry in generate.entries(SEED, 0, COUNT)}
    report = catalog / "report.json"
    completed = subprocess.run(
        [
            sys.executable, "-m", "mcqa", "check", str(catalog / "catalog"),
            "--no-config", "--rubric", generate.RUBRIC,
            "--reviews", str(catalog / "reviews"), "--today", generate.TODAY,
            "--jobs", "1", "-f", "json", "-o", str(report),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode in (0, 1), completed.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    report.unlink()
    assert len(results) == COUNT
    for result in results:
        path = result["path"][result["path"].index("catalog/") :]
        broken = entries[path].kind == "broken"
        assert (result["decision"] == "error") == broken, (path, result["decision"])
    decisions = {result["decision"] for result in results}
    assert {"not_conformant", "pending_review"} <= decisions


# -- the floor and the runner ------------------------------------------------------------


def test_bare_parse_reads_every_file_mcqa_reads(
    bench: dict[str, ModuleType], catalog: Path
) -> None:
    manifest = bench["generate"].read_manifest(catalog)
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bare_parse.py"), "catalog", "reviews"],
        cwd=catalog, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout)
    assert result["files"] == manifest["descriptors"] + manifest["forms"]
    assert result["failures"] == manifest["kinds"]["broken"]


CHILDREN = """
import os, sys, time
pids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        block = bytearray(40 * 2**20)  # touched: resident
        time.sleep(0.6)
        os._exit(0)
    pids.append(pid)
end = time.time() + 0.3
while time.time() < end:  # the parent's own CPU time, apart from its children's
    pass
for pid in pids:
    os.waitpid(pid, 0)
sys.exit(1)
"""


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_measure_adds_up_the_whole_process_tree(bench: dict[str, ModuleType]) -> None:
    run = bench["run"]
    sample = run.measure([sys.executable, "-c", CHILDREN], interval=0.02)
    assert sample.returncode == 1  # passed on, as mcqa's exit 1 for findings is
    assert 0.6 < sample.seconds < 30
    assert sample.max_single_bytes >= 40 * 2**20  # the largest single process
    assert sample.peak_bytes >= 80 * 2**20  # both children at once
    assert sample.others >= 0.0
    assert 0.05 < sample.main_cpu_seconds <= sample.cpu_seconds
    stopped = run.measure([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert stopped.returncode == run.TIMED_OUT


def test_run_refuses_a_catalog_the_disk_cannot_hold(
    bench: dict[str, ModuleType], catalog: Path, tmp_path: Path
) -> None:
    run = bench["run"]
    assert run.room_for(catalog, COUNT, SEED) is None  # already there
    assert "GB of disk" in run.room_for(tmp_path, 10**12, SEED)


def _measure(run: ModuleType, name: str, size: int, times: list[float], mb: int) -> object:
    samples = [run.Sample(t, mb * 2**20, mb * 2**20, t, 0, 1.0, 0.1) for t in times]
    return run.Measure(name, size, samples)


def test_the_table_shows_medians_ranges_targets_and_an_estimate(
    bench: dict[str, ModuleType],
) -> None:
    run = bench["run"]
    sizes = []
    for size, factor, mb in ((1000, 1, 100), (10_000, 10, 110)):
        measures = {
            "parse": _measure(run, "parse", size, [0.5 * factor] * 3, 12),
            "mcqa_j1": _measure(run, "mcqa_j1", size, [4.0 * factor, 5.0 * factor, 6.0], 90),
            "mcqa_j2": _measure(run, "mcqa_j2", size, [2.5 * factor] * 3, mb),
        }
        sizes.append(run.SizeResult(size, "x", {"descriptors": size}, 0, measures))
    start = {
        "version": _measure(run, "version", 1, [0.05, 0.06, 0.04], 0),
        "one_file": _measure(run, "one_file", 1, [0.4, 0.5, 0.45], 0),
    }
    rows = run.build_rows(sizes, start, national=False)
    by = {(row["measure"], row["files"]): row for row in rows}
    j1 = by["mcqa check --jobs 1", 1000]
    assert j1["seconds"] == 5.0 and (j1["low"], j1["high"]) == (4.0, 6.0)
    assert j1["vs_parse"] == 10.0 and j1["met"] is False
    assert by["speed-up, 2 workers vs 1", 1000]["number"] == 2.0
    assert by["speed-up, 2 workers vs 1", 1000]["met"] is True
    memory = by["peak memory, mcqa check --jobs 2 -f json (whole tree)", 10_000]
    assert memory["number"] == 110 and memory["met"] is True  # 1.1x the 1,000-file peak
    assert by["mcqa --version", 1]["met"] is True
    assert by["mcqa check one-file.yaml", 1]["met"] is False
    national = rows[-1]
    assert "estimate from the rate at 10,000" in national["measure"]
    assert national["estimate"] is True and national["number"] == 400  # 10,000 in 25 s
    table = run.render_markdown(rows)
    lines = table.splitlines()
    assert all(line.count("|") == lines[0].count("|") for line in lines)
    assert "5.00 s (4.00\N{EN DASH}6.00 s)" in table and "✗" in table and "✓" in table


def test_run_main_writes_the_table_for_a_tiny_catalog(
    bench: dict[str, ModuleType], tmp_path: Path
) -> None:
    out = tmp_path / "table.md"
    code = bench["run"].main(
        [
            "--sizes", "5", "--repeat", "1", "--startup-repeat", "0", "--no-peer",
            "--only", "parse,mcqa_j1", "--data", str(tmp_path / "data"),
            "--mcqa", str(Path(sys.executable).parent / "mcqa"), "--python", sys.executable,
            "--markdown", str(out), "--json", str(tmp_path / "table.json"),
        ]
    )  # fmt: skip
    assert code == 0
    table = out.read_text(encoding="utf-8")
    assert "| mcqa check --jobs 1 | 5 |" in table
    assert "| mcqa --version | 1 | not run |" in table  # --startup-repeat 0
    assert "estimate from the rate" not in table  # --jobs 2 was not run: nothing to estimate
    figures = json.loads((tmp_path / "table.json").read_text(encoding="utf-8"))
    assert figures["catalogs"][0]["verified"]["ok"] is True


# -- the profile and the parsers ---------------------------------------------------------


def test_profile_areas_group_mcqa_and_charge_libraries_to_callers(
    bench: dict[str, ModuleType],
) -> None:
    profile_check = bench["profile_check"]
    area = profile_check.area_of_file
    assert area("/x/src/mcqa/load/_yaml.py", "build") == "loading"
    assert area("/x/src/mcqa/checks/urls.py", "check") == "checks: urls"
    assert area("/x/src/mcqa/checks/_walk.py", "walk") == "checks: shared walks"
    assert area("/x/src/mcqa/models/review.py", "f") == "review forms"
    assert area("/x/src/mcqa/reporters/json.py", "result") == "rendering"
    assert area("/x/site-packages/pydantic/main.py", "__init__") is None  # by its callers

    from mcqa.load import load_text

    profiler = cProfile.Profile()
    profiler.runcall(load_text, "title: x\nid: y\nlist: [1, 2]\n" * 1, path="d.yaml")
    lines: list[str] = []
    areas = profile_check.report(pstats.Stats(profiler), 5, lines)
    assert "loading" in areas
    assert any("by own time" in line for line in lines)


def test_yaml_parsers_compare_marks_and_survive_hostile_input(
    bench: dict[str, ModuleType], catalog: Path
) -> None:
    parsers = bench["yaml_parsers"]
    cases = parsers.read_files([catalog / "catalog"], limit=5)
    assert len(cases) == 5
    marks = parsers.compare_marks(cases)
    assert marks["nodes"] > 100 and marks["files_that_differ"] == 0
    timings = parsers.time_readers(cases, parsers.readers(None), repeat=1)
    assert {"libyaml load (CSafeLoader)", "mcqa loader (load_bytes)"} <= set(timings)
    laughs = parsers._hostile_one("mcqa loader", "billion laughs (9 levels of 9 aliases)", None)
    assert "limit-size" in laughs["outcome"]
    twice = parsers._hostile_one("mcqa loader", "a key twice", None)
    assert twice["outcome"].startswith("duplicate-key at 2:1")
