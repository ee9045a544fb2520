"""A catalog scored on a Dask cluster gives the same report, byte for byte, as a local run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcqa.catalog import discover, iter_rendered, plan_catalog
from mcqa.config import load_config
from mcqa.models.report import RubricRef, Summary, ToolInfo
from mcqa.reporters import BUILTIN_REPORTERS, RenderOptions, RunInfo
from mcqa.rubrics import RubricRegistry

distributed = pytest.importorskip(
    "distributed", reason="the cluster tests need mcqa-standard[dask]"
)

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A local Dask cluster of two worker processes, as a real one would be reached."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def report(scheduler: str | None, output_format: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    loaded = load_config(Path("examples/.mcqa.yaml"))
    rubric = RubricRegistry(entry_points=False).load("mcqa-core@^2")
    from mcqa.review import load_reviews

    reviews = load_reviews(loaded.root / "reviews", rubric, root=loaded.root)
    files = discover([Path("examples/catalog")], loaded, reviews=loaded.root / "reviews")
    plan = plan_catalog(files, rubric, loaded, reviews=reviews)
    reporter = BUILTIN_REPORTERS[output_format]
    options = RenderOptions()
    run = RunInfo(ToolInfo(version="test"), RubricRef(id=rubric.id, version=rubric.version))
    items = list(
        iter_rendered(plan, [(output_format, options)], jobs=2, today=TODAY, scheduler=scheduler)
    )
    counts = {"conformant": 0, "not_conformant": 0, "pending_review": 0, "error": 0}
    for item in items:
        counts[item.decision] += 1
    summary = Summary(total=len(items), **counts)
    body = reporter.SEPARATOR.join(item.texts[0] for item in items)  # type: ignore[attr-defined]
    return (
        reporter.begin(run, options)  # type: ignore[attr-defined]
        + body
        + reporter.end(run, summary, [i.digests[0] for i in items], options)  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_a_cluster_gives_the_local_report_byte_for_byte(
    scheduler: str, output_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = report(None, output_format, monkeypatch)
    remote = report(scheduler, output_format, monkeypatch)
    assert remote == local
    assert "data-analytics-foundations" in remote


def test_an_unreachable_scheduler_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    from mcqa._cluster import ClusterUnavailable

    monkeypatch.setattr("mcqa._cluster.CONNECT_TIMEOUT", "2s")
    with pytest.raises(ClusterUnavailable, match="cannot reach the Dask scheduler at tcp://"):
        report("tcp://127.0.0.1:9", "json", monkeypatch)
