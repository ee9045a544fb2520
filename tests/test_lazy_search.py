"""A catalog is searched, planned and handed to the workers one file at a time.

The search walks folders in the order of the sorted paths without listing them
first, the plan is made file by file as the run reads it, and the pool reads
the files no further ahead than its window: memory does not grow with the
catalog. These tests hold the lazy path to the results of the listed one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa import _pool
from mcqa._paths import files_below
from mcqa.catalog import (
    NAMED,
    REFUSED,
    SEARCHED,
    _files_below,
    _SharedIds,
    discover,
    plan_catalog,
    plan_search,
    search,
)
from mcqa.cli import cli
from mcqa.config import LoadedConfig, load_config
from mcqa.models.rubric import Rubric
from mcqa.review import form_files


def _listed(folder: Path) -> list[str]:
    """What the search found before it was lazy: every file of an ``os.walk``, hidden
    ones and hidden folders left out, links to folders not followed, sorted as strings."""
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(top, name).as_posix() for name in files if not name.startswith("."))
    return sorted(found)


# Names whose characters sort before and after "/" (".", "-", " ", "0", "A", "_", "é").
_NAME = st.text(alphabet="ab-. 0A_éy", min_size=1, max_size=6).filter(
    lambda name: name not in {".", ".."}
)
_TREE = st.recursive(
    st.just(""),  # a file
    lambda inner: st.dictionaries(_NAME, inner, max_size=4),  # a folder
    max_leaves=25,
)


def _make(folder: Path, tree: dict[str, object]) -> None:
    for name, inner in tree.items():
        if isinstance(inner, dict):
            (folder / name).mkdir()
            _make(folder / name, inner)
        else:
            (folder / name).write_text("x", encoding="utf-8")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=st.dictionaries(_NAME, _TREE, max_size=6))
def test_the_walk_yields_the_sorted_paths_one_at_a_time(
    tmp_path_factory: pytest.TempPathFactory, tree: dict[str, object]
) -> None:
    folder = tmp_path_factory.mktemp("tree")
    _make(folder, tree)
    assert list(_files_below(folder)) == _listed(folder)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tree=st.dictionaries(_NAME, _TREE, max_size=6))
def test_the_forms_walk_keeps_the_order_of_sorted_paths(
    tmp_path_factory: pytest.TempPathFactory, tree: dict[str, object]
) -> None:
    """Review forms come in the order of sorted ``Path`` objects (part by part), hidden
    ones included, as they did when the folder was listed whole."""
    folder = tmp_path_factory.mktemp("forms")
    _make(folder, tree)
    listed = sorted(p for p in folder.rglob("*") if not p.is_dir())
    assert list(files_below(folder, hidden=True, order="parts")) == [p.as_posix() for p in listed]
    suffixed = [p.as_posix() for p in listed if p.suffix.lower() in {".yaml", ".yml", ".json"}]
    assert list(form_files(folder)) == suffixed


def test_form_files_are_the_files_with_a_form_suffix(tmp_path: Path) -> None:
    names = {"a.yaml": "", ".yaml": "", ".h.yml": "", "b.JSON": "", "c.yml.txt": "", "d.": ""}
    _make(tmp_path, {**names, "sub.yaml": {"e.json": ""}, ".hidden": {"f.yaml": ""}})
    base = tmp_path.as_posix()
    assert list(form_files(tmp_path)) == [
        f"{base}/.h.yml",
        f"{base}/.hidden/f.yaml",
        f"{base}/a.yaml",
        f"{base}/b.JSON",
        f"{base}/sub.yaml/e.json",
    ]


def test_the_walk_of_the_current_folder_gives_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make(tmp_path, {"b.yaml": "", "a": {"x.yaml": ""}, "a-b.yaml": "", ".h": {"y.yaml": ""}})
    (tmp_path / "link").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "file-link.yaml").symlink_to(tmp_path / "b.yaml")
    monkeypatch.chdir(tmp_path)
    assert list(_files_below(Path())) == ["a-b.yaml", "a/x.yaml", "b.yaml", "file-link.yaml"]
    assert list(_files_below(Path("a"))) == ["a/x.yaml"]
    assert list(_files_below(tmp_path)) == _listed(tmp_path)


def test_the_walk_is_lazy(tmp_path: Path) -> None:
    """The first file comes before a later folder has been read."""
    _make(tmp_path, {"a": {"1.yaml": ""}, "b": {"2.yaml": ""}})
    walk = _files_below(tmp_path)
    assert next(walk) == f"{tmp_path.as_posix()}/a/1.yaml"
    (tmp_path / "b" / "3.yaml").write_text("x", encoding="utf-8")  # added after the start
    assert list(walk) == [f"{tmp_path.as_posix()}/b/2.yaml", f"{tmp_path.as_posix()}/b/3.yaml"]


def descriptor(name: str) -> str:
    return f"id: {name}\ntitle: Descriptor {name}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    files = {
        ".mcqa.yaml": "config_format: 1\nreviews: reviews\n"
        "waivers:\n  - standard: '1.2'\n    paths: ['catalog/old/**']\n"
        "    reason: Kept as it was.\n    expires: '2027-01-31'\n",
        "catalog/a.yaml": descriptor("a"),
        "catalog/a-b.yaml": descriptor("ab"),
        "catalog/old/c.yaml": descriptor("c"),
        "catalog/old/d.json": '{"id": "d", "title": "D"}',
        "catalog/README.md": "# the catalog\n",
        "catalog/notes.txt": "not a descriptor",
        "reviews/r.yaml": "rubric: mcqa-core@2.0.0\ndescriptor: {id: a}\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.yaml"
    outside.write_text(descriptor("o"), encoding="utf-8")
    (tmp_path / "catalog" / "link.yaml").symlink_to(outside)
    return tmp_path


def test_the_search_finds_what_discover_lists(project: Path) -> None:
    loaded = load_config(start=project)
    refused: list[Path] = []
    searched: set[Path] = set()
    skipped_listed: list[object] = []
    named = project / "catalog" / "old" / "c.yaml"
    paths = [project / "catalog", named, project / "catalog" / "old"]
    files = discover(paths, loaded, refused=refused, searched=searched, skipped=skipped_listed)  # type: ignore[arg-type]
    skipped_found: list[object] = []
    found = list(search(paths, loaded, skipped=skipped_found))  # type: ignore[arg-type]
    assert [f.file for f in found if f.kind != REFUSED] == [p.as_posix() for p in files]
    assert [Path(f.file) for f in found if f.kind == REFUSED] == refused
    assert {Path(f.file) for f in found if f.kind == SEARCHED} == searched
    assert skipped_found == skipped_listed
    by_file = {Path(f.file): f for f in found}
    assert by_file[named].kind == NAMED  # named and found in two folders: once, as named
    assert [f.file for f in found].count(named.as_posix()) == 1
    assert by_file[refused[0]].real is None
    assert all(f.real == Path(f.file).resolve() for f in found if f.kind != REFUSED)


def test_a_plan_made_as_the_run_reads_it_is_the_listed_plan(project: Path) -> None:
    loaded = load_config(start=project)
    rubric = _core()
    refused: list[Path] = []
    searched: set[Path] = set()
    files = discover([project / "catalog"], loaded, refused=refused, searched=searched)
    listed = plan_catalog(files, rubric, loaded, refused=refused, by_content=searched)
    lazy = plan_search(search([project / "catalog"], loaded), rubric, loaded)
    assert not isinstance(lazy.jobs, tuple)
    jobs = list(lazy.jobs)
    assert tuple(jobs) == listed.jobs
    assert [len(job.waivers) for job in jobs] == [0, 0, 0, 1, 1]  # a, a-b, link, old/c, old/d
    assert [job.refused for job in jobs] == [False, False, True, False, False]
    assert lazy.rubrics == listed.rubrics
    assert lazy.config == listed.config


def _core() -> Rubric:
    import mcqa

    return mcqa.load_rubric("mcqa-core@2.0.0")


def _check(project: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(project)
    try:
        result = runner.invoke(cli, ["check", *args, "--today", "2026-12-01"])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def test_a_report_reached_through_a_link_in_the_catalog_is_not_written_over(
    project: Path,
) -> None:
    """The search finds the report through a link only as it walks: the run stops then,
    and the file is as it was."""
    report = project / "report.yaml"
    report.write_text(descriptor("r"), encoding="utf-8")  # a descriptor, outside the folder
    (project / "catalog" / "b-link.yaml").symlink_to(report)
    code, stdout, stderr = _check(project, "catalog", "-f", "json", "-o", "report.yaml")
    assert code == 2
    assert stdout == ""
    assert "refusing to write the report over report.yaml, which is one of the files checked" in (
        stderr
    )
    assert report.read_text(encoding="utf-8") == descriptor("r")
    assert not [p for p in project.iterdir() if "mcqa-tmp" in p.name]


def test_an_earlier_report_found_through_a_link_is_skipped(project: Path) -> None:
    report = project / "report.json"
    report.write_text('{"not": "a descriptor", "at": "all"}', encoding="utf-8")
    (project / "catalog" / "b-link.json").symlink_to(report)
    code, _, stderr = _check(project, "catalog", "-f", "json", "-o", "report.json", "--verbose")
    assert code in (0, 1), stderr
    assert "catalog/b-link.json" in stderr and "skipped" in stderr
    written = yaml.safe_load(report.read_text(encoding="utf-8"))
    assert [r["path"] for r in written["results"]] == [
        "catalog/a-b.yaml",
        "catalog/a.yaml",
        "catalog/link.yaml",
        "catalog/old/c.yaml",
        "catalog/old/d.json",
    ]


# -- the pool ----------------------------------------------------------------------


def _square(n: int) -> int:
    return n * n


def _nothing() -> None:
    return None


def _counted(total: int, pulled: list[int]) -> Iterator[int]:
    for n in range(total):
        pulled[0] = n + 1
        yield n


@pytest.mark.parametrize("total", [0, 1, 3, 200, 600, 3000])
def test_the_pool_reads_lazily_and_keeps_the_order(total: int) -> None:
    pulled = [0]
    pairs = _pool.ordered_pairs(_square, _counted(total, pulled), workers=2, initializer=_nothing)
    first = next(pairs, None)
    window = 2 * _pool.WINDOW * _pool.MAX_CHUNK
    assert pulled[0] <= min(total, window + _pool.MAX_CHUNK)  # never the whole of a large run
    rest = list(pairs)
    got = ([first] if first is not None else []) + rest
    assert got == [(n, n * n) for n in range(total)]


def _pid(_: int) -> int:
    return os.getpid()


def test_no_more_workers_start_than_there_are_shares() -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(total)

    def pids(count: int) -> set[int]:
        pairs = _pool.ordered_pairs(
            _pid,
            iter(range(count)),
            workers=2,
            initializer=_nothing,
            per_worker=128,
            progress=progress,
            total=count,
        )
        return {pid for _, pid in pairs}

    # Fewer than two shares of 128: this process alone, and the total is the one given.
    assert pids(200) == {os.getpid()}
    assert seen == [200] * 200
    assert os.getpid() not in pids(300)  # two shares: two workers do it all


def test_the_index_of_ids_names_earlier_paths_and_stays_on_disk() -> None:
    ids = _SharedIds()
    assert ids.earlier(None, "x") == []
    assert ids.earlier("a", "1.yaml") == []
    assert ids.earlier("b", "2.yaml") == []
    assert ids.earlier("a", "3.yaml") == ["1.yaml"]
    assert ids.earlier("a", "4.yaml") == ["1.yaml", "3.yaml"]
    for n in range(5, 40):
        named = ids.earlier("a", f"{n}.yaml")
    assert len(named) == _SharedIds.NAMED
    assert named[:3] == ["1.yaml", "3.yaml", "4.yaml"]
    ids.close()
    assert ids.earlier("a", "again.yaml") == []  # a new index after close


def test_loaded_config_without_file_searches_too(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(descriptor("x"), encoding="utf-8")
    loaded = LoadedConfig(root=tmp_path.resolve())
    assert [f.file for f in search([tmp_path], loaded)] == [f"{tmp_path.as_posix()}/x.yaml"]
