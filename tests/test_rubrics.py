"""The rubric registry: discovery, ranges, ``extends`` and the checks on rubric files."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mcqa._data import rubrics_dir
from mcqa.models.finding import Finding
from mcqa.models.rubric import BandsRule, LevelScale, Rubric, ThresholdRule
from mcqa.rubrics import (
    ENTRY_POINT_GROUP,
    RubricError,
    RubricRegistry,
    looks_like_path,
    parse_spec,
)

# -- helpers ----------------------------------------------------------------------------

SMALL = """\
rubric_format: 1
id: {id}
version: {version}
title: {title}
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Has a title
        text: The descriptor has a title.
        points: 3
        essential: true
        mode: automated
        check:
          schema:
            required: [title]
      - id: "1.2"
        title: Audience
        text: The descriptor names its audience.
        points: 2
  - id: "2"
    title: Outcomes
    standards:
      - id: "2.1"
        title: Outcomes
        text: The descriptor lists outcomes.
        points: 1
"""

VERSIONS = ["1.0.0", "1.2.0", "2.0.0", "2.1.0-rc.1"]


def small(rubric_id: str = "demo", version: str = "1.0.0", title: str = "Demo") -> str:
    """A small valid rubric: categories 1 (standards 1.1, 1.2) and 2 (standard 2.1)."""
    return SMALL.format(id=rubric_id, version=version, title=f"{title} {version}")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th ``needle``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} is not in the text {occurrence} times"
    return found[occurrence - 1]


def column_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based column where ``needle`` starts on its line."""
    line = text.splitlines()[line_of(text, needle, occurrence) - 1]
    return line.index(needle) + 1


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def load_error(registry: RubricRegistry, spec: str | Path) -> RubricError:
    with pytest.raises(RubricError) as info:
        registry.load(spec)
    return info.value


def make_registry(*directories: Path) -> RubricRegistry:
    return RubricRegistry(builtin=False, entry_points=False, directories=list(directories))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """``<id>/<version>.yaml``: demo 1.0.0, 1.2.0, 2.0.0, 2.1.0-rc.1 and demo-extra 0.1.0."""
    root = tmp_path / "registry"
    for version in VERSIONS:
        path = root / "demo" / f"{version}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(small("demo", version), encoding="utf-8")
    extra = root / "demo-extra" / "0.1.0.yaml"
    extra.parent.mkdir(parents=True)
    extra.write_text(small("demo-extra", "0.1.0"), encoding="utf-8")
    return root


@pytest.fixture
def registry(folder: Path) -> RubricRegistry:
    return make_registry(folder)


# -- specs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("demo", ("demo", None)),
        ("demo@1.2.0", ("demo", "1.2.0")),
        ("demo@^1", ("demo", "^1")),
        ("demo@>=1 <2", ("demo", ">=1 <2")),
        (" demo @ ~1.0 ", ("demo", "~1.0")),
        ("demo@", ("demo", None)),
    ],
)
def test_parse_spec(spec: str, expected: tuple[str, str | None]) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("demo", False),
        ("demo@^1", False),
        ("rubric.yaml", True),
        ("rubric.YML", True),
        ("rubric.json", True),
        ("./rubric", True),
        ("dir/rubric", True),
        ("dir\\rubric", True),
    ],
)
def test_looks_like_path(spec: str, expected: bool) -> None:
    assert looks_like_path(spec) is expected


# -- discovery and resolution -------------------------------------------------------------


def test_discovers_every_version(registry: RubricRegistry, folder: Path) -> None:
    assert registry.ids() == ["demo", "demo-extra"]
    assert registry.versions("demo") == VERSIONS
    assert registry.versions("nope") == []
    assert registry.problems == ()
    sources = registry.sources()
    assert [s.ref for s in sources] == [
        "demo@1.0.0",
        "demo@1.2.0",
        "demo@2.0.0",
        "demo@2.1.0-rc.1",
        "demo-extra@0.1.0",
    ]
    assert {s.origin for s in sources} == {f"folder {folder}"}
    assert sources[1].path == folder / "demo" / "1.2.0.yaml"


def test_versions_sort_numerically(tmp_path: Path) -> None:
    for version in ["1.10.0", "1.2.0", "1.9.0", "1.10.0-rc.1"]:
        path = tmp_path / "demo" / f"{version}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(small("demo", version), encoding="utf-8")
    registry = make_registry(tmp_path)
    assert registry.versions("demo") == ["1.2.0", "1.9.0", "1.10.0-rc.1", "1.10.0"]
    assert registry.find("demo").version == "1.10.0"


@pytest.mark.parametrize(
    ("spec", "version"),
    [
        ("demo", "2.0.0"),  # the newest release, not the newer pre-release
        ("demo@1.2.0", "1.2.0"),
        ("demo@1.0.0", "1.0.0"),
        ("demo@^1", "1.2.0"),
        ("demo@~1.0", "1.0.0"),
        ("demo@~1.2", "1.2.0"),
        ("demo@>=1 <2", "1.2.0"),
        ("demo@1.x", "1.2.0"),
        ("demo@*", "2.0.0"),
        ("demo@^2", "2.0.0"),
        ("demo@2.1.0-rc.1", "2.1.0-rc.1"),
        ("demo@>=2.1.0-rc.0", "2.1.0-rc.1"),
    ],
)
def test_find_and_load(registry: RubricRegistry, folder: Path, spec: str, version: str) -> None:
    source = registry.find(spec)
    assert (source.id, source.version) == ("demo", version)
    assert source.ref == f"demo@{version}"
    assert source.path == folder / "demo" / f"{version}.yaml"
    rubric = registry.load(spec)
    assert rubric.ref == f"demo@{version}"
    assert rubric.title == f"Demo {version}"


def test_only_pre_releases_are_chosen_when_there_is_no_release(tmp_path: Path) -> None:
    path = tmp_path / "early" / "1.0.0-beta.1.yaml"
    path.parent.mkdir()
    path.write_text(small("early", "1.0.0-beta.1"), encoding="utf-8")
    registry = make_registry(tmp_path)
    assert registry.find("early").version == "1.0.0-beta.1"


def test_unknown_id_suggests_and_lists_known_ids(registry: RubricRegistry) -> None:
    with pytest.raises(RubricError) as info:
        registry.find("demx@^1")
    message = info.value.message
    assert "'demx'" in message
    assert "did you mean 'demo'?" in message
    assert "known rubrics: demo, demo-extra" in message
    assert info.value.findings == ()
    assert str(info.value) == message
    # load() says the same.
    assert load_error(registry, "demx").message.startswith("unknown rubric 'demx'")


def test_unknown_id_without_a_close_match_still_lists_known_ids(registry: RubricRegistry) -> None:
    message = load_error(registry, "zzzzzz").message
    assert "did you mean" not in message
    assert "demo, demo-extra" in message


def test_unknown_id_in_an_empty_registry() -> None:
    with pytest.raises(RubricError, match="known rubrics: none"):
        make_registry().find("demo")


@pytest.mark.parametrize("range_text", ["^^1", ">=1 <"])
def test_malformed_range_lists_the_available_versions(
    registry: RubricRegistry, range_text: str
) -> None:
    with pytest.raises(RubricError) as info:
        registry.find(f"demo@{range_text}")
    message = info.value.message
    assert repr(range_text) in message
    assert "not a version or a version range" in message
    for version in VERSIONS:
        assert version in message, f"{version} missing from: {message}"


@pytest.mark.parametrize("range_text", ["^3", "~1.1", "1.3.0", "<1.0.0", "<1.0.0 >2.0.0"])
def test_no_matching_version_lists_the_available_versions(
    registry: RubricRegistry, range_text: str
) -> None:
    with pytest.raises(RubricError) as info:
        registry.load(f"demo@{range_text}")
    message = info.value.message
    assert f"no version of demo matches {range_text!r}" in message
    assert "available: 1.0.0, 1.2.0, 2.0.0, 2.1.0-rc.1" in message


def test_misnamed_files_are_skipped_and_reported(folder: Path) -> None:
    (folder / "demo" / "latest.yaml").write_text(small("demo", "9.0.0"), encoding="utf-8")
    (folder / "demo" / "1.3.yaml").write_text(small("demo", "1.3.0"), encoding="utf-8")
    (folder / "demo" / "notes.txt").write_text("not a rubric", encoding="utf-8")
    (folder / "stray.yaml").write_text(small("stray", "1.0.0"), encoding="utf-8")
    registry = make_registry(folder)
    assert registry.versions("demo") == VERSIONS
    assert "stray" not in registry.ids()
    problems = registry.problems
    assert len(problems) == 2
    assert any("latest.yaml" in p and "'latest' is not a semantic version" in p for p in problems)
    assert any("1.3.yaml" in p and "'1.3' is not a semantic version" in p for p in problems)
    assert registry.find("demo").version == "2.0.0"


def test_a_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    registry = make_registry(tmp_path / "absent")
    assert registry.ids() == []
    assert len(registry.problems) == 1
    assert "is not a folder" in registry.problems[0]


def test_the_first_source_of_a_version_wins(folder: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    (second / "demo").mkdir(parents=True)
    (second / "demo" / "1.0.0.yaml").write_text(small("demo", "1.0.0", "Other"), encoding="utf-8")
    registry = make_registry(folder, second)
    assert registry.find("demo@1.0.0").path == folder / "demo" / "1.0.0.yaml"
    assert any("demo@1.0.0 is already provided" in p for p in registry.problems)


def test_a_file_filed_under_the_wrong_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "demo" / "1.0.0.yaml"
    path.parent.mkdir()
    path.write_text(small("other", "1.0.0"), encoding="utf-8")
    error = load_error(make_registry(tmp_path), "demo")
    assert "filed as demo@1.0.0 but declares other@1.0.0" in error.message


def test_load_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(small("mine", "0.3.0"), encoding="utf-8")
    registry = make_registry()
    assert registry.load(path).ref == "mine@0.3.0"
    assert registry.load(str(path)).ref == "mine@0.3.0"
    error = load_error(registry, tmp_path / "absent.yaml")
    assert "does not exist" in error.message


def test_load_raises_with_located_findings_for_a_broken_file(write: Callable[..., Path]) -> None:
    text = "id: broken\nversion: 1.0.0\ntitle: Broken\ncategories: 7\n"
    path = write("broken.yaml", text)
    error = load_error(make_registry(), path)
    assert error.message == f"the rubric {path} has 1 problem"
    (finding,) = error.findings
    assert (finding.rule, finding.file, finding.line) == ("schema", str(path), 4)
    assert "expected a list" in finding.message


# -- the built-in rubric ------------------------------------------------------------------


def test_builtin_mcqa_core_draft() -> None:
    registry = RubricRegistry(entry_points=False)
    source = registry.find("mcqa-core@^0")
    assert source.version == "0.1.0"
    assert source.origin == "built-in"
    rubric = registry.load("mcqa-core@^0")
    assert rubric.ref == "mcqa-core@0.1.0"
    assert rubric.status == "draft"
    assert len(rubric.categories) == 9
    assert len(rubric.iter_standards()) == 18


def test_builtin_mcqa_core_has_no_findings() -> None:
    registry = RubricRegistry(entry_points=False)
    path = rubrics_dir() / "mcqa-core" / "0.1.0.yaml"
    rubric, findings = registry.check_file(path)
    assert findings == []
    assert rubric is not None
    assert rubric.ref == "mcqa-core@0.1.0"


def test_builtin_can_be_turned_off() -> None:
    assert "mcqa-core" not in make_registry().ids()
    assert "mcqa-core" in RubricRegistry(entry_points=False).ids()


# -- entry points -------------------------------------------------------------------------


@dataclass
class FakeEntryPoint:
    name: str
    value: str
    loader: Callable[[], Any]
    group: str = ENTRY_POINT_GROUP

    def load(self) -> Any:
        return self.loader()


def _plugin_folder(root: Path, rubric_id: str, version: str) -> Path:
    path = root / rubric_id / f"{version}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(small(rubric_id, version), encoding="utf-8")
    return root


def test_entry_points_are_discovered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    as_text = _plugin_folder(tmp_path / "plugin-a", "alpha", "1.0.0")
    as_callable = _plugin_folder(tmp_path / "plugin-b", "beta", "2.0.0")
    groups: list[str] = []

    def broken() -> Any:
        raise ImportError("No module named 'gamma_rubrics'")

    def fake_entry_points(**kwargs: Any) -> list[FakeEntryPoint]:
        groups.append(kwargs["group"])
        return [
            FakeEntryPoint("gamma", "gamma_rubrics:folder", broken),
            FakeEntryPoint("beta", "beta_rubrics:folder", lambda: lambda: as_callable),
            FakeEntryPoint("alpha", "alpha_rubrics:FOLDER", lambda: str(as_text)),
        ]

    monkeypatch.setattr(importlib.metadata, "entry_points", fake_entry_points)
    registry = RubricRegistry(builtin=False)
    assert groups == ["mcqa.rubrics"]
    assert registry.ids() == ["alpha", "beta"]
    assert registry.find("alpha").origin == "entry point alpha"
    assert registry.find("beta@^2").origin == "entry point beta"
    assert registry.load("beta").ref == "beta@2.0.0"
    (problem,) = registry.problems
    assert "entry point gamma" in problem
    assert "gamma_rubrics:folder" in problem
    assert "No module named 'gamma_rubrics'" in problem


def test_entry_point_to_a_missing_folder_is_a_problem(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "gone"
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda **_: [FakeEntryPoint("gone", "gone:folder", lambda: missing)],
    )
    registry = RubricRegistry()
    assert "mcqa-core" in registry.ids()  # the built-ins are still there
    assert any("entry point gone" in p and "is not a folder" in p for p in registry.problems)


def test_entry_points_are_not_read_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(**_: Any) -> list[FakeEntryPoint]:
        raise AssertionError("entry points were read")

    monkeypatch.setattr(importlib.metadata, "entry_points", explode)
    assert RubricRegistry(entry_points=False).problems == ()


# -- extends: resolution --------------------------------------------------------------------

CHILD_BY_ID = """\
id: child
version: 1.0.0
title: Child
extends: demo@^1
overrides:
  standards:
    "1.2":
      points: 3
      essential: true
    "2.1":
      text: Outcomes are listed and numbered.
  remove: ["1.1"]
  add:
    - category: "2"
      standards:
        - id: "2.2"
          title: Outcomes are measurable
          text: Each outcome names an observable action.
          points: 2
categories:
  - id: "3"
    title: Our own
    standards:
      - id: "3.1"
        title: Local rule
        text: Something only we ask for.
"""


def _summary(rubric: Rubric) -> list[tuple[str, list[tuple[str, int, bool]]]]:
    return [(c.id, [(s.id, s.points, s.essential) for s in c.standards]) for c in rubric.categories]


def test_extends_by_id_and_range(registry: RubricRegistry, write: Callable[..., Path]) -> None:
    path = write("child.yaml", CHILD_BY_ID)
    rubric, findings = registry.check_file(path)
    assert findings == []
    assert rubric is not None
    assert rubric == registry.load(path)
    assert rubric.ref == "child@1.0.0"
    assert rubric.title == "Child"
    assert rubric.based_on == ["demo@1.2.0"]
    assert rubric.extends is None
    assert rubric.overrides is None
    assert _summary(rubric) == [
        ("1", [("1.2", 3, True)]),
        ("2", [("2.1", 1, False), ("2.2", 2, False)]),
        ("3", [("3.1", 1, False)]),
    ]
    changed = rubric.standard("2.1")
    assert changed is not None
    assert changed.text == "Outcomes are listed and numbered."
    assert changed.title == "Outcomes"  # untouched fields stay
    assert rubric.standard("1.1") is None


def test_extends_by_relative_path(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    write("sub/deeper.yaml", small("deeper", "3.0.0"))
    registry = make_registry()
    for extends, ref in [
        ("base.yaml", "base@1.0.0"),
        ("./base.yaml", "base@1.0.0"),
        ("sub/deeper.yaml", "deeper@3.0.0"),
    ]:
        text = CHILD_BY_ID.replace("extends: demo@^1", f"extends: {extends}")
        path = write(f"child-{ref.split('@')[0]}.yaml", text)
        rubric = registry.load(path)
        assert rubric.based_on == [ref], extends
        assert _summary(rubric)[0] == ("1", [("1.2", 3, True)])


def test_extends_path_is_relative_to_the_rubric_not_the_working_folder(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write("rubrics/base.yaml", small("base", "1.0.0"))
    child = write("rubrics/child.yaml", CHILD_BY_ID.replace("demo@^1", "base.yaml"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert make_registry().load(child).based_on == ["base@1.0.0"]


def test_remove_a_whole_category(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    path = write(
        "child.yaml",
        'id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\noverrides:\n  remove: ["1"]\n',
    )
    rubric = make_registry().load(path)
    assert [c.id for c in rubric.categories] == ["2"]
    assert rubric.standard("1.1") is None
    assert rubric.standard("1.2") is None


def test_a_child_without_overrides_is_a_copy_with_its_own_identity(
    write: Callable[..., Path],
) -> None:
    base_path = write("base.yaml", small("base", "1.0.0"))
    path = write("child.yaml", "id: child\nversion: 2.0.0\ntitle: Child\nextends: base.yaml\n")
    registry = make_registry()
    base = registry.load(base_path)
    rubric = registry.load(path)
    assert rubric.ref == "child@2.0.0"
    assert rubric.categories == base.categories
    assert rubric.based_on == ["base@1.0.0"]


GRADED = """\
id: graded
version: 1.0.0
title: Graded base
status: draft
license: CC-BY-4.0
description: A base with levels and bands.
scale:
  type: levels
  levels:
    - {value: 0, label: absent}
    - {value: 1, label: partial}
    - {value: 2, label: complete}
conformance:
  type: bands
  bands:
    - {min_percent: 80, label: Exemplary}
    - {min_percent: 50, label: Adequate}
    - {min_percent: 0, label: Weak, conformant: false}
aggregation:
  policy: median
  min_reviewers: 2
categories:
  - id: "1"
    title: Basics
    standards:
      - {id: "1.1", title: Title, text: Has a title., points: 2}
"""


def test_scale_conformance_and_aggregation_are_inherited(write: Callable[..., Path]) -> None:
    base_path = write("graded.yaml", GRADED)
    path = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: graded.yaml\n")
    registry = make_registry()
    base = registry.load(base_path)
    rubric, findings = registry.check_file(path)
    assert findings == []
    assert rubric is not None
    assert isinstance(rubric.scale, LevelScale)
    assert rubric.scale == base.scale
    assert isinstance(rubric.conformance, BandsRule)
    assert rubric.conformance == base.conformance
    assert rubric.aggregation == base.aggregation
    assert rubric.aggregation.policy == "median"
    assert (rubric.status, rubric.license) == ("draft", "CC-BY-4.0")
    assert rubric.description == "A base with levels and bands."
    assert rubric.title == "Child"


def test_what_the_child_sets_is_not_inherited(write: Callable[..., Path]) -> None:
    write("graded.yaml", GRADED)
    path = write(
        "child.yaml",
        """\
id: child
version: 1.0.0
title: Child
status: final
extends: graded.yaml
conformance:
  type: threshold
  threshold_percent: 70
aggregation:
  policy: majority
  min_reviewers: 3
""",
    )
    rubric = make_registry().load(path)
    assert isinstance(rubric.conformance, ThresholdRule)
    assert rubric.conformance.threshold_percent == 70
    assert (rubric.aggregation.policy, rubric.aggregation.min_reviewers) == ("majority", 3)
    assert isinstance(rubric.scale, LevelScale)  # not set by the child: inherited
    assert rubric.status == "final"
    assert rubric.license == "CC-BY-4.0"


def test_three_level_chain_by_path(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    write(
        "child.yaml",
        """\
id: child
version: 1.1.0
title: Child
extends: base.yaml
overrides:
  standards:
    "1.1": {points: 2}
  add:
    - category: "1"
      standards:
        - {id: "1.3", title: Added by child, text: Child's standard.}
""",
    )
    path = write(
        "grandchild.yaml",
        """\
id: grandchild
version: 0.1.0
title: Grandchild
extends: child.yaml
overrides:
  standards:
    "1.3": {points: 3, essential: true}
  remove: ["2.1"]
""",
    )
    rubric, findings = make_registry().check_file(path)
    assert findings == []
    assert rubric is not None
    assert rubric.ref == "grandchild@0.1.0"
    assert rubric.based_on == ["child@1.1.0", "base@1.0.0"]
    assert _summary(rubric) == [
        ("1", [("1.1", 2, True), ("1.2", 2, False), ("1.3", 3, True)]),
        ("2", []),
    ]


def test_three_level_chain_by_id(folder: Path, write: Callable[..., Path]) -> None:
    child = folder / "child" / "1.0.0.yaml"
    child.parent.mkdir()
    child.write_text(CHILD_BY_ID, encoding="utf-8")
    path = write(
        "grandchild.yaml",
        'id: gc\nversion: 1.0.0\ntitle: GC\nextends: child@^1\noverrides:\n  remove: ["3"]\n',
    )
    rubric = make_registry(folder).load(path)
    assert rubric.based_on == ["child@1.0.0", "demo@1.2.0"]
    assert [c.id for c in rubric.categories] == ["1", "2"]


# -- extends: errors ------------------------------------------------------------------------


def _check_raises_and_returns(path: Path, *directories: Path) -> tuple[list[Finding], RubricError]:
    """check_file() returns the findings; load() raises them; both agree.

    Each call gets a fresh registry over ``directories``, so nothing is cached.
    """
    rubric, findings = make_registry(*directories).check_file(path)
    assert rubric is None or errors(findings)
    error = load_error(make_registry(*directories), path)
    assert list(error.findings) == findings
    return findings, error


def test_unknown_base_id(folder: Path, write: Callable[..., Path]) -> None:
    text = "id: child\nversion: 1.0.0\ntitle: Child\nextends: demx@^1\n"
    path = write("child.yaml", text)
    findings, error = _check_raises_and_returns(path, folder)
    (finding,) = findings
    assert finding.rule == "rubric-extends"
    assert finding.file == str(path)
    assert finding.line == 4
    assert finding.column == column_of(text, "demx")
    assert "unknown rubric 'demx'" in finding.message
    assert "did you mean 'demo'?" in finding.message
    assert "demo, demo-extra" in finding.message
    assert "1 problem" in error.message


def test_base_range_that_matches_nothing(folder: Path, write: Callable[..., Path]) -> None:
    path = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: demo@^7\n")
    findings, _ = _check_raises_and_returns(path, folder)
    (finding,) = findings
    assert (finding.rule, finding.line) == ("rubric-extends", 4)
    assert "available: 1.0.0, 1.2.0, 2.0.0, 2.1.0-rc.1" in finding.message


def test_extends_cycle_between_two_files(write: Callable[..., Path]) -> None:
    a = write("a.yaml", "id: a\nversion: 1.0.0\ntitle: A\nextends: b.yaml\n")
    b = write("b.yaml", "id: b\nversion: 1.0.0\ntitle: B\nextends: ./a.yaml\n")
    findings, error = _check_raises_and_returns(a)
    assert all(f.rule == "rubric-extends" for f in findings)
    assert {(f.file, f.line) for f in findings} == {(str(a), 4), (str(b), 4)}
    circle = [f for f in findings if "circle" in f.message]
    assert len(circle) == 1
    assert circle[0].file == str(b)
    assert "a.yaml -> b.yaml -> a.yaml" in circle[0].message
    assert "RecursionError" not in error.message
    # Starting from the other end names the circle the other way round.
    findings_b, _ = _check_raises_and_returns(b)
    assert any("b.yaml -> a.yaml -> b.yaml" in f.message for f in findings_b)


def test_extends_cycle_of_three_files(tmp_path: Path, write: Callable[..., Path]) -> None:
    for name, base in [("a", "b"), ("b", "c"), ("c", "a")]:
        write(f"{name}.yaml", f"id: {name}\nversion: 1.0.0\ntitle: T\nextends: {base}.yaml\n")
    findings, _ = _check_raises_and_returns(tmp_path / "a.yaml")
    assert {f.file for f in findings} == {str(tmp_path / f"{n}.yaml") for n in "abc"}
    assert all((f.rule, f.line) == ("rubric-extends", 4) for f in findings)
    (circle,) = [f for f in findings if "circle" in f.message]
    assert "a.yaml -> b.yaml -> c.yaml -> a.yaml" in circle.message


def test_extends_itself(write: Callable[..., Path]) -> None:
    path = write("self.yaml", "id: me\nversion: 1.0.0\ntitle: Me\nextends: self.yaml\n")
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert (finding.rule, finding.file, finding.line) == ("rubric-extends", str(path), 4)
    assert "circle" in finding.message
    assert "self.yaml -> self.yaml" in finding.message


def test_extends_itself_by_id(tmp_path: Path) -> None:
    path = tmp_path / "loop" / "1.0.0.yaml"
    path.parent.mkdir()
    path.write_text("id: loop\nversion: 1.0.0\ntitle: Loop\nextends: loop@^1\n", encoding="utf-8")
    registry = make_registry(tmp_path)
    error = load_error(registry, "loop")
    (finding,) = error.findings
    assert (finding.rule, finding.line) == ("rubric-extends", 4)
    assert "circle" in finding.message


def test_extends_may_not_leave_the_rubric_folder(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    write("other/base.yaml", small("base", "1.0.0"))
    text = "id: child\nversion: 1.0.0\ntitle: Child\nextends: ../other/base.yaml\n"
    path = write("mine/child.yaml", text)
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert (finding.rule, finding.file, finding.line) == ("rubric-extends", str(path), 4)
    assert "may not leave this rubric's folder" in finding.message
    assert "'../other/base.yaml'" in finding.message


def test_extends_may_not_be_an_absolute_path(write: Callable[..., Path]) -> None:
    base = write("base.yaml", small("base", "1.0.0"))
    text = f"id: child\nversion: 1.0.0\ntitle: Child\nextends: {base.resolve()}\n"
    path = write("child.yaml", text)
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert (finding.rule, finding.file, finding.line) == ("rubric-extends", str(path), 4)
    assert "relative to this rubric's folder" in finding.message


def test_extends_a_missing_file(write: Callable[..., Path]) -> None:
    path = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: nothing.yaml\n")
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert (finding.rule, finding.line) == ("rubric-extends", 4)
    assert "'nothing.yaml' does not exist" in finding.message


BAD_OVERRIDES = """\
id: child
version: 1.0.0
title: Child
extends: base.yaml
overrides:
  standards:
    "1.3":
      points: 2
    "1.2":
      points: 1
  remove: ["2.1", "1.4"]
  add:
    - category: "7"
      standards:
        - {id: "7.1", title: New, text: New.}
    - category: "1"
      standards:
        - {id: "1.9", title: Fine, text: Fine.}
        - {id: "1.1", title: Clash, text: Clash.}
"""


def test_bad_overrides_are_located_findings(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    path = write("child.yaml", BAD_OVERRIDES)
    findings, error = _check_raises_and_returns(path)
    assert all((f.rule, f.file) == ("rubric-extends", str(path)) for f in findings)
    assert error.message == f"the rubric {path} has 4 problems"
    by_line = {f.line: f.message for f in findings}
    assert len(findings) == 4

    change = line_of(BAD_OVERRIDES, '"1.3":')
    assert by_line[change] == "the base rubric has no standard '1.3' to change; did you mean '1.2'?"

    remove = line_of(BAD_OVERRIDES, "remove:")
    (removal,) = [f for f in findings if f.line == remove]
    assert removal.column == column_of(BAD_OVERRIDES, '"1.4"')
    assert removal.message.startswith("the base rubric has no standard or category '1.4' to remove")
    assert "did you mean" in removal.message

    category = line_of(BAD_OVERRIDES, 'category: "7"')
    assert by_line[category] == "the base rubric has no category '7' to add to"

    clash = line_of(BAD_OVERRIDES, 'id: "1.1"')
    assert "standard '1.1' already exists in the base rubric" in by_line[clash]


def test_did_you_mean_for_an_unknown_category(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    text = (
        "id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\noverrides:\n"
        '  add:\n    - category: "11"\n      standards:\n'
        '        - {id: "1.9", title: New, text: New.}\n'
    )
    findings, _ = _check_raises_and_returns(write("child.yaml", text))
    (finding,) = findings
    assert finding.line == 7
    assert "no category '11' to add to; did you mean '1'?" in finding.message


def test_child_category_with_a_base_category_id(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    text = (
        "id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\ncategories:\n"
        '  - id: "2"\n    title: Again\n    standards:\n'
        '      - {id: "2.9", title: New, text: New.}\n'
    )
    findings, _ = _check_raises_and_returns(write("child.yaml", text))
    (finding,) = findings
    assert (finding.rule, finding.line) == ("rubric-extends", 6)
    assert "category '2' already exists in the base rubric" in finding.message


def test_overrides_without_extends(write: Callable[..., Path]) -> None:
    text = small("lonely", "1.0.0") + 'overrides:\n  remove: ["1.1"]\n'
    path = write("lonely.yaml", text)
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert finding.rule == "rubric-overrides"
    assert finding.file == str(path)
    assert finding.line == line_of(text, "overrides:")
    assert finding.column == 1
    assert "no 'extends'" in finding.message


BROKEN_BASE = """\
id: base
version: 1.0.0
title: Base
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Has a title
        text: The descriptor has a title.
        points: lots
"""


def test_errors_in_a_base_file_name_the_base_file(write: Callable[..., Path]) -> None:
    base = write("base.yaml", BROKEN_BASE)
    child = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\n")
    findings, _ = _check_raises_and_returns(child)
    in_base = [f for f in findings if f.file == str(base)]
    in_child = [f for f in findings if f.file == str(child)]
    assert len(in_base) == 1
    assert (in_base[0].rule, in_base[0].line) == ("schema", line_of(BROKEN_BASE, "points: lots"))
    assert len(in_child) == 1
    assert (in_child[0].rule, in_child[0].line) == ("rubric-extends", 4)
    assert "'base.yaml' has errors" in in_child[0].message


def test_errors_in_a_base_found_by_id_name_the_base_file(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    base = tmp_path / "registry" / "base" / "1.0.0.yaml"
    base.parent.mkdir(parents=True)
    base.write_text(BROKEN_BASE, encoding="utf-8")
    child = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: base@1\n")
    findings, _ = _check_raises_and_returns(child, tmp_path / "registry")
    assert {f.file for f in findings} == {str(base), str(child)}
    (in_base,) = [f for f in findings if f.file == str(base)]
    assert in_base.line == line_of(BROKEN_BASE, "points: lots")


def test_semantic_errors_in_overrides_point_at_the_child(write: Callable[..., Path]) -> None:
    write("base.yaml", small("base", "1.0.0"))
    text = (
        "id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\noverrides:\n"
        '  standards:\n    "1.2":\n      mode: automated\n'
    )
    path = write("child.yaml", text)
    findings, _ = _check_raises_and_returns(path)
    (finding,) = findings
    assert (finding.rule, finding.file) == ("rubric-check", str(path))
    assert finding.line == line_of(text, "mode: automated")
    assert "1.2 is automated but has no 'check'" in finding.message


# -- semantic findings ----------------------------------------------------------------------

DUPLICATES = """\
id: dup
version: 1.0.0
title: Duplicates
categories:
  - id: "1"
    title: A
    standards:
      - id: "1.1"
        title: First
        text: First.
      - id: "1.1"
        title: Second
        text: Second.
  - id: "1"
    title: B
    standards:
      - id: "1.2"
        title: Other
        text: Other.
"""


def test_duplicate_standard_id_points_at_the_second_and_relates_the_first(
    write: Callable[..., Path],
) -> None:
    path = write("dup.yaml", DUPLICATES)
    _, findings = make_registry().check_file(path)
    (finding,) = [f for f in findings if "standard id" in f.message]
    assert finding.rule == "rubric-duplicate-id"
    assert finding.file == str(path)
    assert finding.message == "the standard id '1.1' is used twice"
    assert finding.line == line_of(DUPLICATES, 'id: "1.1"', occurrence=2)
    (related,) = finding.related
    assert related.line == line_of(DUPLICATES, 'id: "1.1"', occurrence=1)
    assert related.column == column_of(DUPLICATES, '"1.1"')
    assert related.file == str(path)
    assert related.pointer == "/categories/0/standards/0"


def test_duplicate_category_id_points_at_the_second(write: Callable[..., Path]) -> None:
    path = write("dup.yaml", DUPLICATES)
    _, findings = make_registry().check_file(path)
    (finding,) = [f for f in findings if "category id" in f.message]
    assert finding.rule == "rubric-duplicate-id"
    assert finding.line == line_of(DUPLICATES, '- id: "1"', occurrence=2)


def test_duplicate_ids_make_load_fail(write: Callable[..., Path]) -> None:
    error = load_error(make_registry(), write("dup.yaml", DUPLICATES))
    assert {f.rule for f in error.findings} == {"rubric-duplicate-id"}
    assert len(error.findings) == 2


SEMANTIC = """\
id: sem
version: 1.0.0
title: Semantic problems
scale:
  type: levels
  levels:
    - {value: 0, label: none}
    - {value: 1, label: some}
    - {value: 1, label: more}
categories:
  - id: "1"
    title: A
    standards:
      - id: "1.1"
        title: Automated without a check
        text: Auto.
        mode: automated
      - id: "1.2"
        title: Manual with a check
        text: Manual.
        check:
          schema: {required: [title]}
      - id: "1.3"
        title: Broken schema
        text: Bad.
        mode: automated
        check:
          schema: {type: 12}
      - id: "1.4"
        title: Fine
        text: Fine.
        mode: hybrid
        check:
          schema: {required: [audience]}
"""


def test_semantic_findings(write: Callable[..., Path]) -> None:
    path = write("sem.yaml", SEMANTIC)
    rubric, findings = make_registry().check_file(path)
    assert rubric is not None  # it could be built; it is just not right
    assert all(f.file == str(path) for f in findings)
    summary = [(f.line, f.severity, f.rule) for f in findings]
    assert summary == [
        (line_of(SEMANTIC, "- {value: 0"), "error", "rubric-scale"),
        (line_of(SEMANTIC, "mode: automated"), "error", "rubric-check"),
        (line_of(SEMANTIC, "schema: {required: [title]}"), "warning", "rubric-check"),
        (line_of(SEMANTIC, "schema: {type: 12}"), "error", "rubric-check"),
    ]
    assert findings == sorted(findings, key=Finding.sort_key)
    messages = [f.message for f in findings]
    assert messages[0] == "two levels of the scale share a value"
    assert "standard 1.1 is automated but has no 'check'" in messages[1]
    assert "standard 1.2 is manual, so its 'check' is never run" in messages[2]
    assert messages[3].startswith("the check's schema is not a valid JSON Schema")
    error = load_error(make_registry(), path)
    assert error.message == f"the rubric {path} has 3 problems"


def test_a_manual_standard_with_a_check_is_only_a_warning(write: Callable[..., Path]) -> None:
    text = small("warn", "1.0.0").replace(
        "        points: 2\n", "        points: 2\n        check:\n          schema: {}\n"
    )
    path = write("warn.yaml", text)
    registry = make_registry()
    _, findings = registry.check_file(path)
    assert [(f.severity, f.rule) for f in findings] == [("warning", "rubric-check")]
    assert registry.load(path).ref == "warn@1.0.0"  # warnings do not stop loading


def test_invalid_applies_if_schema(write: Callable[..., Path]) -> None:
    text = small("cond", "1.0.0").replace(
        "        points: 2\n", "        points: 2\n        applies_if: {minProperties: -1}\n"
    )
    _, findings = make_registry().check_file(write("cond.yaml", text))
    (finding,) = findings
    assert finding.rule == "rubric-check"
    assert finding.line == line_of(text, "applies_if")
    assert "'applies_if' is not a valid JSON Schema" in finding.message


def test_mean_aggregation_needs_levels(write: Callable[..., Path]) -> None:
    text = small("mean", "1.0.0") + "aggregation:\n  policy: mean\n"
    path = write("mean.yaml", text)
    _, findings = make_registry().check_file(path)
    (finding,) = findings
    assert (finding.rule, finding.severity) == ("rubric-aggregation", "error")
    assert finding.line == line_of(text, "policy: mean")
    assert "'mean' policy needs a scale with levels" in finding.message


def test_median_with_levels_is_fine(write: Callable[..., Path]) -> None:
    _, findings = make_registry().check_file(write("graded.yaml", GRADED))
    assert findings == []


def test_duplicate_band_minimums(write: Callable[..., Path]) -> None:
    text = GRADED.replace("min_percent: 50", "min_percent: 80")
    _, findings = make_registry().check_file(write("bands.yaml", text))
    (finding,) = findings
    assert finding.rule == "rubric-conformance"
    assert finding.line == line_of(text, "- {min_percent: 80", occurrence=1)


@pytest.mark.parametrize(
    "text",
    [
        "id: empty\nversion: 1.0.0\ntitle: Empty\n",
        "id: empty\nversion: 1.0.0\ntitle: Empty\ncategories: []\n",
        'id: empty\nversion: 1.0.0\ntitle: Empty\ncategories:\n  - id: "1"\n    title: T\n',
    ],
)
def test_an_empty_rubric(write: Callable[..., Path], text: str) -> None:
    path = write("empty.yaml", text)
    _, findings = make_registry().check_file(path)
    (finding,) = findings
    assert (finding.rule, finding.severity, finding.file) == ("rubric-empty", "error", str(path))
    assert finding.line == 1
    assert load_error(make_registry(), path).findings == (finding,)


def test_an_unknown_named_check(write: Callable[..., Path]) -> None:
    text = small("named", "1.0.0").replace(
        "          schema:\n            required: [title]\n",
        "          name: measurable-outcome\n",
    )
    _, findings = make_registry().check_file(write("named.yaml", text))
    (finding,) = findings
    assert finding.rule == "rubric-check"
    assert finding.line == line_of(text, "name: measurable-outcome")
    assert "there is no check named 'measurable-outcome'" in finding.message
    assert "did you mean 'measurable-outcomes'?" in finding.message


def test_check_file_never_raises_for_bad_files(write: Callable[..., Path]) -> None:
    registry = make_registry()
    for name, text in [
        ("syntax.yaml", "id: [unclosed\n"),
        ("list.yaml", "- just\n- a list\n"),
        ("blank.yaml", ""),
        ("scalar.yaml", "hello\n"),
    ]:
        rubric, findings = registry.check_file(write(name, text))
        assert rubric is None, name
        assert errors(findings), name
        assert all(f.file and f.file.endswith(name) for f in findings), name


def test_a_problem_inherited_from_the_base_is_reported_once_in_the_base(
    write: Callable[..., Path],
) -> None:
    base_text = GRADED.replace("{value: 2, label: complete}", "{value: 1, label: complete}")
    base = write("graded.yaml", base_text)
    child = write("child.yaml", "id: child\nversion: 1.0.0\ntitle: Child\nextends: graded.yaml\n")
    _, findings = make_registry().check_file(child)
    scale = [f for f in findings if f.rule == "rubric-scale"]
    assert [(f.file, f.line) for f in scale] == [
        (str(base), line_of(base_text, "- {value: 0")),
    ], "the base's scale problem is reported again against the child, which has no scale"


def test_check_file_names_findings_by_the_display_given(write: Callable[..., Path]) -> None:
    path = write("mean.yaml", small("mean", "1.0.0") + "aggregation:\n  policy: mean\n")
    registry = make_registry()
    _, first = registry.check_file(path, display="first.yaml")
    _, second = registry.check_file(path, display="second.yaml")
    assert [f.file for f in first] == ["first.yaml"]
    assert [f.file for f in second] == ["second.yaml"]


NAMED_CHECK_RUBRIC = """\
id: named
version: 1.0.0
title: Named checks
categories:
  - id: "1"
    title: One
    standards:
      - id: "1.1"
        title: A
        text: Placeholders.
        mode: automated
        check:
          name: placeholder-text
          options:
            patterns: ["(unclosed"]
      - id: "1.2"
        title: B
        text: Costs.
        mode: automated
        check:
          name: cost-disclosure
          options:
            require_currnecy: true
      - id: "1.3"
        title: C
        text: Misspelt check.
        mode: automated
        check:
          name: placeholders
"""


def test_named_checks_and_their_options_are_validated(write: Callable[..., Path]) -> None:
    path = write("named.yaml", NAMED_CHECK_RUBRIC)
    _, findings = make_registry().check_file(path)
    located = [(f.line, f.rule, f.message) for f in findings]
    lines = NAMED_CHECK_RUBRIC.splitlines()

    def line_with(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    assert located == [
        (
            line_with("(unclosed"),
            "rubric-pattern",
            "the pattern '(unclosed' cannot be used; it is not a valid regular expression: "
            "a group opened with '(' is never closed; write '\\(' for the character",
        ),
        (
            line_with("require_currnecy"),
            "unknown-field",
            "unknown field 'require_currnecy'; did you mean 'require_currency'?",
        ),
        (
            line_with("name: placeholders"),
            "rubric-check",
            "there is no check named 'placeholders'; did you mean 'placeholder-text'?",
        ),
    ]


def test_a_bundled_rubric_loaded_to_be_used_is_the_rubric_checked_in_full() -> None:
    """Rubrics that ship with mcqa are loaded without the JSON Schema passes (their
    full check is this test, and ``mcqa rubric validate``): the same rubric, no finding."""
    from mcqa._data import rubrics_dir
    from mcqa.rubrics import RubricRegistry

    files = sorted(rubrics_dir().glob("*/*.yaml"))
    assert files
    for path in files:
        checked, findings = RubricRegistry().check_file(path)
        assert checked is not None, path
        assert [f for f in findings if f.severity == "error"] == [], path
        loaded = RubricRegistry().load(str(path))
        assert loaded == checked, path
        assert RubricRegistry().load(f"{checked.id}@{checked.version}") == checked


def test_a_rubric_outside_mcqa_is_checked_in_full_when_loaded(tmp_path: Path) -> None:
    """A check's schema that is no JSON Schema stops the load of a user's rubric."""
    from mcqa._data import rubrics_dir
    from mcqa.rubrics import RubricError, RubricRegistry

    text = (rubrics_dir() / "mcqa-core" / "2.0.0.yaml").read_text(encoding="utf-8")
    broken = text.replace("          schema:\n", "          schema:\n            type: 12\n", 1)
    assert broken != text
    (tmp_path / "mine.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(RubricError) as raised:
        RubricRegistry().load(str(tmp_path / "mine.yaml"))
    assert any("not a valid JSON Schema" in f.message for f in raised.value.findings)
