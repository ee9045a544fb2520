"""What changed since a git revision, in a real repository, and what that calls to check again."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mcqa.catalog import discover
from mcqa.catalog_index import build_index
from mcqa.changed import ChangedError, changed_since, select_changed
from mcqa.config import LoadedConfig, load_config

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(autouse=True)
def plain_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git as a fresh install has it: no user configuration, no repository above tmp_path."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Author")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "author@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Author")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "author@example.org")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def write(root: Path, name: str, text: str = "x\n") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def commit_all(repo: Path, message: str = "change") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for name in ("kept.yaml", "edited.yaml", "staged.yaml", "gone.yaml", "moved.yaml"):
        write(root, name, f"id: {name}\n")
    write(root, "sub/deep.yaml")
    write(root, ".gitignore", "ignored.yaml\n")
    commit_all(root, "first")
    return root


def names(paths: set[Path], repo: Path) -> set[str]:
    return {path.relative_to(repo.resolve()).as_posix() for path in paths}


# -- changed_since ---------------------------------------------------------------------


def test_nothing_changed(repo: Path) -> None:
    assert changed_since("HEAD", repo) == set()


def test_committed_staged_unstaged_untracked_deleted_and_renamed(repo: Path) -> None:
    write(repo, "committed.yaml")
    commit_all(repo)
    write(repo, "edited.yaml", "id: edited, again\n")  # not staged
    write(repo, "staged.yaml", "id: staged, again\n")
    git(repo, "add", "staged.yaml")
    write(repo, "new-staged.yaml")
    git(repo, "add", "new-staged.yaml")
    write(repo, "untracked.yaml")
    write(repo, "ignored.yaml")
    (repo / "gone.yaml").unlink()
    git(repo, "mv", "moved.yaml", "renamed.yaml")
    changed = changed_since("HEAD~1", repo)
    assert all(path.is_absolute() for path in changed)
    assert names(changed, repo) == {
        "committed.yaml",
        "edited.yaml",
        "staged.yaml",
        "new-staged.yaml",
        "untracked.yaml",
        "gone.yaml",
        "renamed.yaml",
    }


def test_a_rename_not_yet_staged_is_the_old_path_gone_and_the_new_one_untracked(
    repo: Path,
) -> None:
    (repo / "moved.yaml").rename(repo / "renamed.yaml")
    assert names(changed_since("HEAD", repo), repo) == {"moved.yaml", "renamed.yaml"}


def test_revisions_of_every_kind(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "v1")
    write(repo, "kept.yaml", "id: kept, edited\n")
    commit_all(repo)
    for rev in (first, first[:10], "v1", "main~1", "HEAD^", "HEAD@{1}"):
        assert names(changed_since(rev, repo), repo) == {"kept.yaml"}, rev


def test_only_changes_under_root_are_listed(repo: Path) -> None:
    write(repo, "sub/deep.yaml", "changed\n")
    write(repo, "sub/new.yaml")
    write(repo, "kept.yaml", "changed\n")
    assert names(changed_since("HEAD", repo / "sub"), repo) == {"sub/deep.yaml", "sub/new.yaml"}


def test_a_root_with_glob_characters_is_that_folder(repo: Path) -> None:
    write(repo, "cat[1]/a.yaml")
    write(repo, "cat1/a.yaml")
    commit_all(repo)
    write(repo, "cat[1]/a.yaml", "changed\n")
    write(repo, "cat1/a.yaml", "changed\n")
    assert names(changed_since("HEAD", repo / "cat[1]"), repo) == {"cat[1]/a.yaml"}


def test_odd_file_names_come_back_whole(repo: Path) -> None:
    odd = ["-starts-with-dash.yaml", "with space.yaml", "quote\"and'.yaml", "ünïcode.yaml"]
    for name in odd:
        write(repo, name)
    write(repo, "line\nbreak.yaml")
    commit_all(repo)
    for name in [*odd, "line\nbreak.yaml"]:
        write(repo, name, "changed\n")
    write(repo, "-untracked.yaml")
    assert names(changed_since("HEAD", repo), repo) == {*odd, "line\nbreak.yaml", "-untracked.yaml"}


@pytest.mark.parametrize("rev", ["--output=OUT", "-x", "-", "--all", "-Ohello"])
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, rev: str) -> None:
    out = repo.parent / "out"
    with pytest.raises(ChangedError, match="a revision cannot start with '-'"):
        changed_since(rev.replace("OUT", str(out)), repo)
    assert not out.exists()


@pytest.mark.parametrize("rev", ["nope", "HEAD~5", "HEAD:kept.yaml", "main..HEAD", "a b", "x\ny"])
def test_an_unknown_revision_is_refused(repo: Path, rev: str) -> None:
    with pytest.raises(ChangedError, match=r"unknown revision|control character") as caught:
        changed_since(rev, repo)
    assert repr(rev) in caught.value.message


def test_no_revision(repo: Path) -> None:
    with pytest.raises(ChangedError, match="no revision given"):
        changed_since("", repo)


def test_a_repository_without_commits_has_no_revision(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(ChangedError, match="unknown revision 'HEAD'"):
        changed_since("HEAD", empty)


def test_not_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(ChangedError, match=r"plain is not a git repository \(nor inside one\)"):
        changed_since("HEAD", folder)


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ChangedError, match=r"the folder .*missing does not exist"):
        changed_since("HEAD", tmp_path / "missing")
    write(tmp_path, "file.yaml")
    with pytest.raises(ChangedError, match=r"the folder .*file\.yaml is not a folder"):
        changed_since("HEAD", tmp_path / "file.yaml")


def test_the_repository_s_own_folder(repo: Path) -> None:
    with pytest.raises(ChangedError, match=r"inside a git repository's own folder"):
        changed_since("HEAD", repo / ".git")


def test_git_missing(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(ChangedError, match="git is not installed"):
        changed_since("HEAD", repo)


def test_git_that_takes_too_long(repo: Path) -> None:
    with pytest.raises(ChangedError, match="git did not answer within"):
        changed_since("HEAD", repo, timeout=1e-6)


# -- select_changed --------------------------------------------------------------------


def descriptor(ident: str, *stacks_into: str) -> str:
    text = f"id: {ident}\ntitle: Credential {ident}\n"
    if stacks_into:
        text += "stackability:\n  stacks_into:\n"
        text += "".join(f"    - id: {target}\n" for target in stacks_into)
    return text


def form(ident: str | None, path: str | None) -> str:
    lines = ["review_format: 1", "rubric: mcqa-core@2.0.0", "descriptor:"]
    if ident is not None:
        lines.append(f"  id: {ident}")
    if path is not None:
        lines.append(f"  path: {path}")
    return "\n".join([*lines, "reviewer: {name: A. Reviewer, role: peer}", ""])


@pytest.fixture
def catalog(repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A committed catalog: a stacks into b; d and e have review forms; the current folder."""
    write(repo, "catalog/a.yaml", descriptor("a", "b"))
    write(repo, "catalog/b.yaml", descriptor("b"))
    write(repo, "catalog/c.yaml", descriptor("c"))
    write(repo, "catalog/d.yaml", descriptor("d"))
    write(repo, "catalog/e.yaml", descriptor("e"))
    write(repo, "catalog/more/f.yaml", descriptor("f", "a"))
    write(repo, "reviews/d-peer.yaml", form("d", "../catalog/d.yaml"))
    write(repo, "reviews/e-peer.yaml", form(None, "../catalog/e.yaml"))
    write(repo, ".mcqa.yaml", "config_format: 1\nreviews: reviews\n")
    commit_all(repo, "catalog")
    monkeypatch.chdir(repo)
    return repo


def selected(repo: Path, *, always: tuple[Path, ...] = ()) -> list[str]:
    loaded = load_config(Path(".mcqa.yaml"))
    files = discover([Path("catalog")], loaded)
    index = build_index([Path("catalog")], loaded)
    changed = changed_since("HEAD", loaded.root)
    chosen = select_changed(files, changed, index, repo / "reviews", always=always)
    assert chosen == [f for f in files if f in chosen]  # in the run's order
    return [path.as_posix() for path in chosen]


def test_nothing_changed_selects_nothing(catalog: Path) -> None:
    assert selected(catalog) == []


def test_a_changed_descriptor_and_those_that_stack_into_it(catalog: Path) -> None:
    write(catalog, "catalog/b.yaml", descriptor("b") + "description: more\n")
    assert selected(catalog) == ["catalog/a.yaml", "catalog/b.yaml"]
    write(catalog, "catalog/a.yaml", descriptor("a", "b", "c"))
    assert selected(catalog) == ["catalog/a.yaml", "catalog/b.yaml", "catalog/more/f.yaml"]


def test_a_new_descriptor_with_an_id_already_taken_brings_the_other_one(catalog: Path) -> None:
    write(catalog, "catalog/new.yaml", descriptor("c"))
    assert selected(catalog) == ["catalog/c.yaml", "catalog/new.yaml"]


def test_a_changed_review_form_brings_its_descriptor(catalog: Path) -> None:
    write(catalog, "reviews/d-peer.yaml", form("d", "../catalog/d.yaml") + "round: 2\n")
    assert selected(catalog) == ["catalog/d.yaml"]


def test_a_form_that_names_its_descriptor_by_path_only(catalog: Path) -> None:
    write(catalog, "reviews/e-peer.yaml", form(None, "../catalog/e.yaml") + "round: 2\n")
    assert selected(catalog) == ["catalog/e.yaml"]


def test_a_new_form_with_errors_still_brings_its_descriptor(catalog: Path) -> None:
    write(catalog, "reviews/c-new.yaml", form("c", None) + "standards: [not, a, mapping]\n")
    assert selected(catalog) == ["catalog/c.yaml"]


def test_a_deleted_form_brings_every_descriptor(catalog: Path) -> None:
    (catalog / "reviews" / "d-peer.yaml").unlink()
    assert len(selected(catalog)) == 6


def test_a_changed_configuration_brings_every_descriptor(catalog: Path) -> None:
    write(catalog, ".mcqa.yaml", "config_format: 1\nreviews: reviews\nfail_on: pending\n")
    assert selected(catalog) == []
    assert len(selected(catalog, always=(Path(".mcqa.yaml"),))) == 6


def test_other_changes_bring_nothing(catalog: Path) -> None:
    write(catalog, "README.md", "# Catalog\n")
    write(catalog, "reviews/notes.txt", "notes\n")
    (catalog / "kept.yaml").unlink()
    assert selected(catalog) == []


def test_paths_named_through_a_linked_folder_are_the_same_files(
    catalog: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link"
    link.symlink_to(catalog, target_is_directory=True)
    write(catalog, "catalog/b.yaml", descriptor("b") + "description: more\n")
    loaded = LoadedConfig(root=link)
    files = discover([link / "catalog"], loaded)
    index = build_index([link / "catalog"], loaded)
    changed = changed_since("HEAD", link)
    chosen = select_changed(files, changed, index, link / "reviews")
    assert chosen == [link / "catalog" / "a.yaml", link / "catalog" / "b.yaml"]


def test_the_example_catalog_and_its_review_forms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "examples", project)
    git(project, "init", "-q")
    commit_all(project, "examples")
    monkeypatch.chdir(project)
    chair = project / "reviews" / "data-analytics-foundations-chair.yaml"
    chair.write_text(chair.read_text(encoding="utf-8") + "# seen again\n", encoding="utf-8")
    loaded = load_config(Path(".mcqa.yaml"))
    files = discover([Path("catalog")], loaded)
    index = build_index([Path("catalog")], loaded)
    chosen = select_changed(files, changed_since("HEAD", project), index, project / "reviews")
    assert chosen == [Path("catalog/data-analytics-foundations.yaml")]
