"""Checking a catalog: discovery, per-path rubrics and waivers, parallel runs; the configuration."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import pickle
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

import mcqa
import mcqa.catalog
from mcqa.catalog import check_catalog, discover, iter_rendered, plan_catalog
from mcqa.config import ConfigError, LoadedConfig, find_config, load_config
from mcqa.evaluate import evaluate_document
from mcqa.models.config import Config
from mcqa.models.report import DescriptorResult
from mcqa.models.rubric import Rubric
from mcqa.reporters import RenderOptions
from mcqa.review import load_reviews

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)


def rubric_data(rid: str = "test-main", version: str = "1.0.0", *fields: str) -> dict[str, Any]:
    """A rubric with one automated standard per required field."""
    fields = fields or ("title",)
    return {
        "rubric_format": 1,
        "id": rid,
        "version": version,
        "title": f"Rubric {rid}",
        "categories": [
            {
                "id": "1",
                "title": "Basics",
                "standards": [
                    {
                        "id": f"1.{n}",
                        "title": f"Has {field}",
                        "text": f"The descriptor has {field}.",
                        "points": 1,
                        "mode": "automated",
                        "check": {"schema": {"required": [field]}},
                    }
                    for n, field in enumerate(fields, start=1)
                ],
            }
        ],
    }


def make_rubric(rid: str = "test-main", version: str = "1.0.0", *fields: str) -> Rubric:
    return Rubric.model_validate(rubric_data(rid, version, *fields))


def descriptor(did: str, **extra: Any) -> str:
    return yaml.safe_dump({"id": did, "title": f"Credential {did}", **extra}, sort_keys=False)


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.resolve().relative_to(root.resolve()).as_posix() for p in paths]


def results_by_name(report: mcqa.Report) -> dict[str, DescriptorResult]:
    return {Path(r.path).name: r for r in report.results}


# -- discover -------------------------------------------------------------------------


def test_globs_use_no_deprecated_pathspec_api(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(descriptor("a"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = discover([tmp_path], LoadedConfig(root=tmp_path.resolve()))
    assert found == [tmp_path / "a.yaml"]
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # keep the configuration search inside tmp_path
    tree(
        tmp_path,
        {
            ".mcqa.yaml": "config_format: 1\nreviews: reviews\n",
            "b.yml": descriptor("b"),
            "a.yaml": descriptor("a"),
            "c.json": '{"id": "c", "title": "C"}',
            "notes.txt": "not a descriptor",
            "README.md": "# catalog",
            "sub/deeper/e.yaml": descriptor("e"),
            "sub/f.json": '{"id": "f", "title": "F"}',
            ".hidden/g.yaml": descriptor("g"),
            "sub/.drafts/h.yaml": descriptor("h"),
            "reviews/r1.yaml": "rubric: test-main@1.0.0\ndescriptor: {path: ../a.yaml}\n",
            "reviews/nested/r2.yaml": "rubric: test-main@1.0.0\ndescriptor: {path: ../../a.yaml}\n",
        },
    )
    return tmp_path


def test_discover_finds_descriptors_sorted_and_skips_what_is_not_one(catalog: Path) -> None:
    loaded = load_config(start=catalog)
    assert loaded.path is not None
    assert loaded.path.name == ".mcqa.yaml"
    found = discover([catalog], loaded)
    assert names(found, catalog) == [
        "a.yaml",
        "b.yml",
        "c.json",
        "sub/deeper/e.yaml",
        "sub/f.json",
    ]
    assert found == sorted(found, key=lambda p: p.as_posix())


def test_discover_skips_the_reviews_folder_only_when_configured(catalog: Path) -> None:
    loaded = LoadedConfig(root=catalog.resolve())  # no configuration file at all
    found = names(discover([catalog], loaded), catalog)
    assert "reviews/r1.yaml" in found
    assert "reviews/nested/r2.yaml" in found
    assert ".hidden/g.yaml" not in found
    assert "sub/.drafts/h.yaml" not in found


def test_discover_always_includes_files_named_directly(catalog: Path) -> None:
    loaded = load_config(start=catalog)  # skips reviews/ when searching folders
    given = [
        catalog / ".hidden" / "g.yaml",
        catalog / "reviews" / "r1.yaml",
        catalog / "notes.txt",
        catalog / "a.yaml",
    ]
    found = discover([*given, catalog / "sub"], loaded)
    assert names(found, catalog) == [
        ".hidden/g.yaml",
        "a.yaml",
        "notes.txt",
        "reviews/r1.yaml",
        "sub/deeper/e.yaml",
        "sub/f.json",
    ]


def test_discover_does_not_repeat_a_file_named_twice(catalog: Path) -> None:
    loaded = load_config(start=catalog)
    found = discover([catalog / "a.yaml", catalog, catalog / "a.yaml"], loaded)
    assert names(found, catalog).count("a.yaml") == 1


def test_include_and_exclude_are_gitignore_globs_relative_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    project = tmp_path / "project"
    tree(
        project,
        {
            ".mcqa.yaml": (
                "config_format: 1\n"
                'include: ["catalog/**/*.yaml", "catalog/**/*.json"]\n'
                'exclude: ["drafts/", "*-old.yaml", "catalog/skip.json"]\n'
            ),
            "catalog/a.yaml": descriptor("a"),
            "catalog/a-old.yaml": descriptor("a-old"),
            "catalog/b.yml": descriptor("b"),
            "catalog/skip.json": "{}",
            "catalog/keep/skip.json": '{"id": "k", "title": "K"}',
            "catalog/drafts/c.yaml": descriptor("c"),
            "catalog/deep/drafts/d.yaml": descriptor("d"),
            "catalog/deep/e.yaml": descriptor("e"),
            "elsewhere/f.yaml": descriptor("f"),
        },
    )
    # the globs are relative to the config's folder, not to the current folder
    monkeypatch.chdir(tmp_path)
    loaded = load_config(Path("project/.mcqa.yaml"))
    assert loaded.root == project.resolve()
    found = discover([Path("project")], loaded)
    assert names(found, project) == [
        "catalog/a.yaml",
        "catalog/deep/e.yaml",
        "catalog/keep/skip.json",
    ]
    assert all(not p.is_absolute() for p in found)
    # excluded or not included, a file named directly is still checked
    direct = discover(
        [Path("project/catalog/drafts/c.yaml"), Path("project/elsewhere/f.yaml")], loaded
    )
    assert names(direct, project) == ["catalog/drafts/c.yaml", "elsewhere/f.yaml"]


def test_discover_a_folder_with_nothing_in_it(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    assert discover([tmp_path / "empty"], LoadedConfig(root=tmp_path)) == []


# -- plan and check --------------------------------------------------------------------


def test_per_path_override_rubric_is_used_and_recorded(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": (
                "config_format: 1\n"
                "overrides:\n"
                '  - paths: ["catalog/special/**"]\n'
                "    rubric: rubrics/special.yaml\n"
            ),
            "rubrics/special.yaml": yaml.safe_dump(
                rubric_data("test-special", "2.0.0", "title", "cost")
            ),
            "catalog/plain.yaml": descriptor("plain"),
            "catalog/special/s.yaml": descriptor("s"),
        },
    )
    loaded = load_config(start=tmp_path)
    main = make_rubric("test-main", "1.0.0", "title")
    special = mcqa.load_rubric(tmp_path / "rubrics" / "special.yaml")
    files = discover([tmp_path / "catalog"], loaded)
    assert names(files, tmp_path) == ["catalog/plain.yaml", "catalog/special/s.yaml"]
    plan = plan_catalog(files, main, loaded, {"rubrics/special.yaml": special})
    assert [job.rubric_key for job in plan.jobs] == ["test-main@1.0.0", "test-special@2.0.0"]
    report = check_catalog(plan, jobs=1, today=TODAY)
    assert (report.rubric.id, report.rubric.version) == ("test-main", "1.0.0")
    results = results_by_name(report)
    assert results["plain.yaml"].rubric is None
    assert [s.id for s in results["plain.yaml"].standards] == ["1.1"]
    assert results["plain.yaml"].decision == "conformant"
    used = results["s.yaml"].rubric
    assert used is not None
    assert (used.id, used.version) == ("test-special", "2.0.0")
    assert [s.id for s in results["s.yaml"].standards] == ["1.1", "1.2"]
    assert results["s.yaml"].decision == "not_conformant"


def test_the_last_matching_override_wins(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": (
                "overrides:\n"
                '  - {paths: ["**/*.yaml"], rubric: one}\n'
                '  - {paths: ["b/**"], rubric: two}\n'
            ),
            "a/x.yaml": descriptor("x"),
            "b/y.yaml": descriptor("y"),
        },
    )
    loaded = load_config(start=tmp_path)
    one, two = make_rubric("one", "1.0.0"), make_rubric("two", "1.0.0")
    files = discover([tmp_path], loaded)
    plan = plan_catalog(files, make_rubric(), loaded, {"one": one, "two": two})
    assert [job.rubric_key for job in plan.jobs] == ["one@1.0.0", "two@1.0.0"]


def test_configured_waivers_apply_only_to_matching_paths(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": (
                "config_format: 1\n"
                "waivers:\n"
                '  - standard: "1.2"\n'
                '    paths: ["legacy/*.yaml"]\n'
                "    reason: Prices are published separately.\n"
                '    expires: "2027-01-31"\n'
            ),
            "legacy/a.yaml": descriptor("a"),
            "legacy/sub/b.yaml": descriptor("b"),
            "new/c.yaml": descriptor("c"),
        },
    )
    loaded = load_config(start=tmp_path)
    [configured] = loaded.waivers
    assert configured.paths == ("legacy/*.yaml",)
    assert (configured.rule.target, configured.rule.expires) == ("1.2", "2027-01-31")
    assert (configured.rule.line, configured.rule.column) == (3, 5)
    rubric = make_rubric("test-main", "1.0.0", "title", "cost")
    files = discover([tmp_path], loaded)
    plan = plan_catalog(files, rubric, loaded)
    assert [len(job.waivers) for job in plan.jobs] == [1, 0, 0]
    results = results_by_name(check_catalog(plan, jobs=1, today=TODAY))
    waived = results["a.yaml"].standards[1]
    assert (waived.status, waived.source) == ("not_applicable", "waiver")
    assert waived.findings[0].waiver is not None
    assert waived.findings[0].waiver.reason == "Prices are published separately."
    assert results["a.yaml"].decision == "conformant"
    for other in ("b.yaml", "c.yaml"):
        assert (results[other].standards[1].status, results[other].decision) == (
            "not_met",
            "not_conformant",
        )
    # after its date the waiver no longer applies and says so
    late = results_by_name(check_catalog(plan, jobs=1, today=dt.date(2027, 2, 1)))
    assert late["a.yaml"].standards[1].status == "not_met"
    [expired] = [f for f in late["a.yaml"].findings if f.rule == "waiver-expired"]
    assert expired.file is not None and expired.file.endswith(".mcqa.yaml")
    assert expired.line == 3


def _examples_plan(monkeypatch: pytest.MonkeyPatch) -> mcqa.catalog.CatalogPlan:
    monkeypatch.chdir(ROOT)
    loaded = load_config(Path("examples/.mcqa.yaml"))
    rubric = mcqa.load_rubric(loaded.config.rubric or "mcqa-core")
    assert loaded.config.reviews is not None
    reviews = load_reviews(loaded.root / loaded.config.reviews, rubric)
    files = discover([Path("examples/catalog")], loaded)
    return plan_catalog(files, rubric, loaded, {}, reviews)


def test_jobs_do_not_change_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _examples_plan(monkeypatch)
    assert len(plan.jobs) == 8
    one = check_catalog(plan, jobs=1, today=TODAY)
    two = check_catalog(plan, jobs=2, today=TODAY)
    assert one.model_dump_json() == two.model_dump_json()
    assert [r.path for r in one.results] == sorted(r.path for r in one.results)
    assert one.summary.total == 8


def test_progress_is_reported_for_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _examples_plan(monkeypatch)
    calls: list[tuple[int, int]] = []
    check_catalog(plan, jobs=1, today=TODAY, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(n, 8) for n in range(1, 9)]


def test_an_exception_in_one_file_becomes_an_error_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree(
        tmp_path, {"a.yaml": descriptor("a"), "b.yaml": descriptor("b"), "c.yaml": descriptor("c")}
    )
    monkeypatch.chdir(tmp_path)
    loaded = LoadedConfig(root=tmp_path.resolve())

    def exploding(document: mcqa.Document, *args: Any, **kwargs: Any) -> DescriptorResult:
        if document.path == "b.yaml":
            raise RuntimeError("boom")
        return evaluate_document(document, *args, **kwargs)

    monkeypatch.setattr(mcqa.catalog, "evaluate_document", exploding)
    files = discover([Path()], loaded)
    assert [p.as_posix() for p in files] == ["a.yaml", "b.yaml", "c.yaml"]
    report = check_catalog(plan_catalog(files, make_rubric(), loaded), jobs=1, today=TODAY)
    decisions = {r.path: r.decision for r in report.results}
    assert decisions == {"a.yaml": "conformant", "b.yaml": "error", "c.yaml": "conformant"}
    broken = report.results[1]
    assert broken.descriptor_id is None
    assert broken.standards == ()
    [finding] = broken.findings
    assert (finding.rule, finding.severity, finding.file) == ("internal-error", "error", "b.yaml")
    assert "RuntimeError: boom" in finding.message
    assert (report.summary.error, report.summary.conformant) == (1, 2)


class _Stop(BaseException):
    """What a program's own signal handler might raise."""


@pytest.mark.parametrize("stop", [KeyboardInterrupt, _Stop])
def test_an_interrupt_stops_the_workers_before_it_propagates(
    monkeypatch: pytest.MonkeyPatch, stop: type[BaseException]
) -> None:
    plan = _examples_plan(monkeypatch)
    workers: list[multiprocessing.process.BaseProcess] = []

    def interrupt(done: int, total: int) -> None:
        workers.extend(multiprocessing.active_children())
        raise stop

    with pytest.raises(stop):
        check_catalog(plan, jobs=2, today=TODAY, progress=interrupt)
    assert len(workers) == 2
    assert [p.exitcode is not None for p in workers] == [True, True]  # ended and reaped
    assert not any(p.is_alive() for p in workers)


def test_workers_start_with_forkserver_or_spawn_never_fork() -> None:
    method = mcqa.catalog._context().get_start_method()
    if sys.platform.startswith(("linux", "darwin")):
        assert method == "forkserver"
    else:
        assert method == "spawn"


def test_what_each_worker_is_given_survives_pickling(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _examples_plan(monkeypatch)
    state = (plan.rubrics, plan.rubric.ref, TODAY, plan.reviews, 10.0)
    assert pickle.loads(pickle.dumps(state)) == state
    assert pickle.loads(pickle.dumps(plan.jobs)) == plan.jobs


# -- configuration --------------------------------------------------------------------


def test_load_config_finds_the_nearest_config_upward(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": "config_format: 1\nrubric: mcqa-core@^1\nfail_on: pending\n",
            "catalog/deep/down/x.yaml": descriptor("x"),
        },
    )
    start = tmp_path / "catalog" / "deep" / "down"
    loaded = load_config(start=start)
    assert loaded.path is not None
    assert loaded.path.resolve() == (tmp_path / ".mcqa.yaml").resolve()
    assert loaded.root == tmp_path.resolve()
    assert (loaded.config.rubric, loaded.config.fail_on) == ("mcqa-core@^1", "pending")
    # a nearer one wins
    (tmp_path / "catalog" / ".mcqa.yml").write_text("jobs: 3\n", encoding="utf-8")
    nearer = load_config(start=start)
    assert nearer.path is not None and nearer.path.name == ".mcqa.yml"
    assert nearer.config.jobs == 3
    assert nearer.root == (tmp_path / "catalog").resolve()


def test_the_search_stops_at_the_top_of_a_repository(tmp_path: Path) -> None:
    tree(tmp_path, {".mcqa.yaml": "rubric: outside@1\n"})
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert find_config(repo / "sub") is None
    loaded = load_config(start=repo / "sub")
    assert loaded.path is None
    assert loaded.config == Config()
    assert loaded.config.rubric is None
    # a .git *file* (a worktree or submodule) is a repository top too
    worktree = tmp_path / "worktree"
    worktree.mkdir()
    (worktree / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert find_config(worktree) is None
    # the repository's own top folder is still searched
    (repo / ".mcqa.yaml").write_text("rubric: inside@1\n", encoding="utf-8")
    assert load_config(start=repo / "sub").config.rubric == "inside@1"


def test_pyproject_tool_mcqa_is_found_and_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            "pyproject.toml": (
                '[project]\nname = "catalog"\n\n'
                "[tool.mcqa]\n"
                'rubric = "mcqa-core@^1"\n'
                'exclude = ["drafts/**"]\n'
                "jobs = 2\n"
                "\n"
                "[[tool.mcqa.waivers]]\n"
                'standard = "4.2"\n'
                'reason = "being fixed"\n'
            ),
            "sub/x.yaml": descriptor("x"),
        },
    )
    loaded = load_config(start=tmp_path / "sub")
    assert loaded.path is not None and loaded.path.name == "pyproject.toml"
    assert loaded.root == tmp_path.resolve()
    assert loaded.config.rubric == "mcqa-core@^1"
    assert loaded.config.exclude == ["drafts/**"]
    assert loaded.config.jobs == 2
    [waiver] = loaded.waivers
    assert (waiver.rule.target, waiver.rule.reason, waiver.paths) == ("4.2", "being fixed", ("**",))


def test_a_pyproject_without_tool_mcqa_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": "rubric: from-yaml@1\n",
            "sub/pyproject.toml": '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 90\n',
        },
    )
    loaded = load_config(start=tmp_path / "sub")
    assert loaded.path is not None and loaded.path.name == ".mcqa.yaml"
    assert loaded.config.rubric == "from-yaml@1"


def test_yaml_config_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    tree(
        tmp_path,
        {
            ".mcqa.yaml": "rubric: from-yaml@1\n",
            "pyproject.toml": '[tool.mcqa]\nrubric = "from-toml@1"\n',
        },
    )
    assert load_config(start=tmp_path).config.rubric == "from-yaml@1"


def test_a_config_with_problems_raises_with_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / ".mcqa.yaml"
    path.write_text(
        "config_format: 1\n"
        "rubric: mcqa-core@^1\n"
        "rubrik: typo\n"
        "jobs: many\n"
        "fail_on: sometimes\n"
        "waivers:\n"
        '  - standard: "4.2"\n'
        '    reason: ""\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert str(path) in error.message
    located = sorted((f.line, f.pointer, f.severity) for f in error.findings)
    assert located == [
        (3, "/rubrik", "error"),
        (4, "/jobs", "error"),
        (5, "/fail_on", "error"),
        (8, "/waivers/0/reason", "error"),
    ]
    assert all(f.file == str(path) and f.column is not None for f in error.findings)
    typo = next(f for f in error.findings if f.pointer == "/rubrik")
    assert typo.rule == "unknown-field"
    assert "did you mean 'rubric'?" in typo.message
    jobs = next(f for f in error.findings if f.pointer == "/jobs")
    assert "whole number" in jobs.message


def test_a_pyproject_with_problems_points_at_its_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.mcqa]\njobs = "many"\nrubrik = "x"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert {f.pointer for f in caught.value.findings} == {"/jobs", "/rubrik"}
    assert {f.line for f in caught.value.findings} == {4}


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        (".mcqa.yaml", "rubric: [unclosed\n", ".mcqa.yaml"),
        (".mcqa.yaml", "- a list\n", ".mcqa.yaml"),
        ("pyproject.toml", "[tool.mcqa\n", "not valid TOML"),
    ],
)
def test_an_unreadable_config_raises(tmp_path: Path, name: str, text: str, words: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert words in caught.value.message


def test_a_missing_config_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.yaml")


def test_no_config_gives_the_defaults(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    loaded = load_config(start=tmp_path)
    assert loaded.path is None
    assert loaded.root == tmp_path.resolve()
    assert loaded.waivers == ()
    config = loaded.config
    assert config == Config()
    assert config.rubric is None
    assert config.include == ["**/*.yaml", "**/*.yml", "**/*.json"]
    assert config.exclude == []
    assert config.fail_on == "not-conformant"
    assert (config.jobs, config.reviews, config.overrides, config.waivers) == (None, None, [], [])


def test_a_descriptor_sharing_an_earlier_ones_id_is_warned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results stream in path order: the later descriptor is warned, naming the earlier."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text("id: data-101\ntitle: Data\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# copy\nid: data-101\ntitle: Data again\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("id: data-102\ntitle: Other\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("id: data-101\ntitle: Third\n", encoding="utf-8")
    loaded = LoadedConfig(root=tmp_path)
    rubric = mcqa.load_rubric("mcqa-core@1.0.0")
    plan = plan_catalog(discover([Path()], loaded), rubric, loaded)
    report = check_catalog(plan, jobs=1, today=dt.date(2026, 11, 28))
    shared = {
        r.path: [(f.line, f.message) for f in r.findings if f.rule == "duplicate-id"]
        for r in report.results
    }
    advice = "give each descriptor its own id (review forms find their descriptor by id)"
    assert shared == {
        "a.yaml": [],
        "b.yaml": [(2, f"the id 'data-101' is also the id of a.yaml; {advice}")],
        "c.yaml": [],
        "d.yaml": [(1, f"the id 'data-101' is also the id of a.yaml, b.yaml; {advice}")],
    }
    # the same, streamed on two workers and rendered there
    rendered = list(
        iter_rendered(plan, [("json", RenderOptions())], jobs=2, today=dt.date(2026, 11, 28))
    )
    assert [r.path for r in rendered] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    assert ["duplicate-id" in r.texts[0] for r in rendered] == [False, True, False, True]
