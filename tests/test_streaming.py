"""Reports stream: results are written as they come, in path order, and not kept."""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import mcqa
from mcqa.catalog import discover, iter_rendered, iter_results, plan_catalog
from mcqa.cli import cli
from mcqa.config import LoadedConfig
from mcqa.models.report import DescriptorResult
from mcqa.reporters import BUILTIN_REPORTERS, RenderOptions, StreamingReporter, keeps_digests
from mcqa.reporters.json import _INVISIBLE, _escaped

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


def catalog(folder: Path, count: int) -> Path:
    """``count`` small descriptors, some good, some faulty, one that cannot be read."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        outcome = "Understand data" if n % 3 else "Clean a data set of 500 rows"
        (folder / f"d{n:04d}.yaml").write_text(
            f"id: d{n}\ntitle: Data {n}\nlearning_outcomes: [{outcome}]\n"
            f"workload: {{hours: {10 + n}}}\n",
            encoding="utf-8",
        )
    (folder / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    return folder


def test_every_built_in_format_streams() -> None:
    assert all(isinstance(r, StreamingReporter) for r in BUILTIN_REPORTERS.values())


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_streamed_json_report_is_the_report_dumped_whole(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Byte for byte what ``Report.model_dump_json(indent=2)`` of the whole run gives."""
    monkeypatch.chdir(ROOT)
    args = ["check", "examples/catalog", "--config", "examples/.mcqa.yaml", "-f", "json"]
    streamed = CliRunner().invoke(cli, [*args, "--today", "2026-12-01", "-j", str(jobs)])
    assert streamed.exit_code == 1, streamed.output
    report = mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)
    whole = _INVISIBLE.sub(_escaped, report.model_dump_json(indent=2)) + "\n"
    assert streamed.stdout == whole


def test_results_stream_in_path_order_and_are_not_kept(tmp_path: Path) -> None:
    folder = catalog(tmp_path / "catalog", 40)
    loaded = LoadedConfig(root=tmp_path)
    plan = plan_catalog(discover([folder], loaded), mcqa.load_rubric("mcqa-core@2.0.0"), loaded)

    def results_alive() -> int:
        gc.collect()
        return sum(isinstance(o, DescriptorResult) for o in gc.get_objects())

    # other tests in the same process may still hold results of their own
    before = results_alive()
    alive = []
    paths = []
    for item in iter_rendered(plan, [("json", RenderOptions())], jobs=1, today=TODAY):
        paths.append(item.path)
        if len(paths) % 10 == 1:  # a full collection costs; a kept result would show anyway
            alive.append(results_alive() - before)
    assert paths == sorted(paths) and len(paths) == 41
    # nothing accumulates: at most the result in hand (and none once rendered)
    assert len(alive) == 5 and max(alive) <= 2


def test_iter_results_yields_before_the_catalog_is_done(tmp_path: Path) -> None:
    folder = catalog(tmp_path / "catalog", 12)
    loaded = LoadedConfig(root=tmp_path)
    plan = plan_catalog(discover([folder], loaded), mcqa.load_rubric("mcqa-core@2.0.0"), loaded)
    done: list[int] = []
    results = iter_results(plan, jobs=1, today=TODAY, progress=lambda d, t: done.append(d))
    first = next(results)
    assert first.path.endswith("broken.yaml")
    assert done == []  # the first result came before the second file was read
    rest = list(results)
    assert len(rest) == 12 and done[-1] == 13


def test_a_run_whose_files_are_no_descriptors_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "package.json").write_text('{"name": "site", "version": "1.0.0"}', "utf-8")
    out = tmp_path / "report.json"
    out.write_text("earlier\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", str(folder), "--no-config", "-f", "json", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert not list(tmp_path.glob("*.mcqa-tmp"))


def test_only_the_formats_that_read_digests_keep_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON, JUnit and text end with the summary: a run keeps nothing per result for them."""
    folder = catalog(tmp_path / "catalog", 30)
    given: dict[str, list[object]] = {}
    reporters = BUILTIN_REPORTERS
    for name in ("json", "junit", "text", "markdown"):
        cls = type(reporters[name])
        original = cls.end

        def end(
            self: Any, run: Any, summary: Any, digests: Any, options: Any, *, _n=name, _o=original
        ) -> str:
            given[_n] = list(digests)
            return _o(self, run, summary, digests, options)

        monkeypatch.setattr(cls, "end", end)
    args = ["check", str(folder), "--no-config", "--today", "2026-12-01", "-j", "1"]
    outs = [f"{name}:{tmp_path / name}" for name in ("json", "junit", "markdown")]
    result = CliRunner().invoke(cli, [*args, "-f", "text", *(f for o in outs for f in ("-f", o))])
    assert result.exit_code == 1, result.output
    assert given["json"] == given["junit"] == given["text"] == []
    assert len(given["markdown"]) == 31  # one digest a result, for its overview
    assert [keeps_digests(reporters[n]) for n in ("json", "junit", "text", "markdown")] == [
        False,
        False,
        False,
        True,
    ]


def test_a_built_in_format_imports_its_own_module_only() -> None:
    code = (
        "import sys; from mcqa.reporters import reporter_named; reporter_named('json'); "
        "print(sorted(m for m in sys.modules if m.startswith('mcqa.reporters.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['mcqa.reporters._base', 'mcqa.reporters.json']"
