"""Catalog analytics: conformance, scores, weak standards and categories, and stacking."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

import mcqa
from mcqa.analytics import AnalyticsBuilder, stacking_of
from mcqa.catalog_index import CatalogIndex
from tests.test_check_cli import invoke

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def example() -> mcqa.Report:
    return mcqa.check_folder(
        ROOT / "examples/catalog", config=ROOT / "examples/.mcqa.yaml", today=TODAY
    )


def test_the_figures_add_up(example: mcqa.Report) -> None:
    builder = AnalyticsBuilder(mcqa.load_rubric("mcqa-core@2.0.0"))
    for result in example.results:
        builder.add(result)
    a = builder.finish()
    s = example.summary
    assert (a.total, a.scored) == (s.total, s.total - s.error)
    assert a.conformance_rate == round(100 * s.conformant / a.scored, 2)
    assert sum(b.count for b in a.score_distribution) == a.scored
    # the most often not met are counted from the results themselves
    for standard in a.most_often_not_met:
        assert standard.not_met == sum(
            1
            for r in example.results
            for x in r.standards
            if x.id == standard.id and x.status == "not_met"
        )
    counts = [s.not_met for s in a.most_often_not_met]
    assert counts == sorted(counts, reverse=True)
    assert {c.id for c in a.categories} == {str(i) for i in range(1, 10)}
    assert all(c.percent is None or 0 <= c.percent <= 100 for c in a.categories)


def index(*entries: tuple[str, str | None, tuple[str, ...]]) -> CatalogIndex:
    built = CatalogIndex()
    for path, descriptor_id, targets in entries:
        built.add(path, descriptor_id, targets)
    return built


def test_the_stacking_graph_finds_what_a_registrar_looks_for() -> None:
    graph = stacking_of(
        index(
            ("a.yaml", "a", ("b",)),
            ("b.yaml", "b", ("c",)),
            ("c.yaml", "c", ("a", "degree-x")),
            ("d.yaml", "d", ()),
            ("e.yaml", "e", ("e",)),
            ("f1.yaml", "f", ()),
            ("f2.yaml", "f", ("a",)),
            ("g.yaml", "g", ("d",)),
        )
    )
    assert graph.references == 7 and graph.within == 6
    assert [(o.path, o.target) for o in graph.outside] == [("c.yaml", "degree-x")]
    assert graph.cycles == (("a", "b", "c"), ("e",))
    assert graph.no_pathway == ("f1.yaml",)  # d is stacked into by g
    assert [(s.id, s.paths) for s in graph.shared_ids] == [("f", ("f1.yaml", "f2.yaml"))]


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    n = 20_000
    chain = [(f"{i:05}.yaml", f"c{i}", (f"c{i + 1}",)) for i in range(n)]
    chain.append((f"{n:05}.yaml", f"c{n}", ("c0",)))
    graph = stacking_of(index(*chain))
    assert len(graph.cycles) == 1 and len(graph.cycles[0]) == n + 1


def write(folder: Path, name: str, data: dict[str, Any]) -> None:
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir()
    base = yaml.safe_load(
        (ROOT / "examples/catalog/data-analytics-foundations.yaml").read_text(encoding="utf-8")
    )
    for name, ident, target in (
        ("one.yaml", "one", "two"),
        ("two.yaml", "two", "one"),
        ("three.yaml", "three\u202e[evil]\x1b[31m", "::error file=x::forged"),
    ):
        data = {**base, "id": ident}
        data["stackability"] = {**base.get("stackability", {}), "stacks_into": [{"id": target}]}
        write(folder, name, data)
    monkeypatch.chdir(tmp_path)
    return folder


def test_catalog_report_in_each_format(catalog: Path) -> None:
    text = invoke(["catalog", "report", "catalog", "--no-config", "--today", "2026-12-01"])
    assert text.exit_code == 0, text.stderr
    assert "conformance:" in text.stdout and "cycles:" in text.stdout
    assert "catalog/one.yaml" not in text.stdout.split("no pathway")[-1]
    assert "one -> two -> one" in text.stdout
    # hostile ids are shown escaped, and no line starts as a CI command
    assert "\x1b" not in text.stdout and "\u202e" not in text.stdout
    assert not any(line.lstrip().startswith("::") for line in text.stdout.splitlines())
    data = json.loads(invoke(["catalog", "report", "catalog", "--no-config", "-f", "json"]).stdout)
    assert data["total"] == 3 and data["stacking"]["cycles"] == [["one", "two"]]
    assert data["stacking"]["outside_total"] == 1
    markdown = invoke(["catalog", "report", "catalog", "--no-config", "-f", "markdown"]).stdout
    assert markdown.startswith("## Catalog: 3 descriptors against `mcqa-core@2.0.0`")
    assert "### Stacking" in markdown


def test_catalog_report_writes_a_file_and_says_when_nothing_is_found(
    catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "reports" / "catalog.md"
    result = invoke(
        ["catalog", "report", "catalog", "--no-config", "-f", "markdown", "-o", str(out)]
    )
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("## Catalog")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke(["catalog", "report", str(empty), "--no-config"])
    assert result.exit_code == 2 and "no descriptor files found" in result.stderr


def test_the_example_catalog_report_is_stable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = [
        "catalog",
        "report",
        "examples/catalog",
        "-c",
        "examples/.mcqa.yaml",
        "--today",
        "2026-12-01",
    ]
    one = invoke([*args, "-f", "json", "--jobs", "1"]).stdout
    two = invoke([*args, "-f", "json", "--jobs", "2"]).stdout
    assert one == two
