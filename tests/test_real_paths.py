"""Resolving many paths a folder at a time gives what ``Path.resolve`` gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcqa._paths import RealPaths
from mcqa.catalog import discover
from mcqa.config import LoadedConfig


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "a" / "b" / "one.yaml").write_text("id: one\n")
    (tmp_path / "elsewhere" / "two.yaml").write_text("id: two\n")
    (tmp_path / "a" / "linked").symlink_to(tmp_path / "elsewhere")  # a folder link
    (tmp_path / "a" / "b" / "file-link.yaml").symlink_to(tmp_path / "elsewhere" / "two.yaml")
    (tmp_path / "a" / "b" / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "a" / "b" / "up.yaml").symlink_to(Path("..") / ".." / "elsewhere" / "two.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_kind_of_path_resolves_as_path_resolve_does(tree: Path) -> None:
    paths = [
        Path("a/b/one.yaml"),
        tree / "a" / "b" / "one.yaml",
        Path("a/linked/two.yaml"),  # through a folder link
        Path("a/b/file-link.yaml"),
        Path("a/b/dangling.yaml"),
        Path("a/b/up.yaml"),  # a relative link
        Path("a/linked/../b/one.yaml"),  # .. after a link is not lexical
        Path("a/b/not-there.yaml"),
        Path(),
        Path(),
        Path(),
    ]
    real = RealPaths()
    for _ in range(2):  # the second time from the folders already resolved
        for path in paths:
            assert real(path) == path.resolve(), path


def test_a_loop_of_links_raises_as_resolve_does(tree: Path) -> None:
    loop = tree / "a" / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(RuntimeError):
        loop.resolve()
    with pytest.raises(RuntimeError):
        RealPaths()(loop)


def test_discovery_refuses_a_loop_of_links_instead_of_stopping(tree: Path) -> None:
    loop = tree / "a" / "b" / "loop.yaml"
    loop.symlink_to(loop)
    refused: list[Path] = []
    found = discover([Path("a")], LoadedConfig(root=tree), refused=refused)
    assert Path("a/b/loop.yaml") in refused
    assert Path("a/b/one.yaml") in found and Path("a/b/loop.yaml") not in found


def test_the_folders_remembered_are_bounded(tmp_path: Path) -> None:
    from mcqa._paths import RealPaths

    real = RealPaths()
    for n in range(RealPaths.REMEMBERED + 10):
        folder = tmp_path / f"f{n}"
        folder.mkdir()
        assert real(folder / "x.yaml") == (folder / "x.yaml").resolve()
        assert len(real._folders) <= RealPaths.REMEMBERED
