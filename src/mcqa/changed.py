"""What changed since a git revision, and which descriptors that calls to check again.

A pull request touches a few files of a large catalog. ``mcqa check
--changed-since origin/main`` checks the descriptors whose results may have
changed, and no others::

    changed = changed_since("origin/main", loaded.root)
    index = build_index(paths, loaded)
    files = select_changed(discover(paths, loaded), changed, index, reviews_dir)

What changed (:func:`changed_since`)
    Every file that differs between the revision and the working tree:
    changes committed since the revision, staged and not staged, files
    deleted (they are in the set, and no longer exist), and untracked files
    that git does not ignore. A renamed file counts as its new path. Paths are
    absolute. git is run as a program (``git`` on ``PATH``), with a list of
    arguments, never through a shell; the revision is checked first
    (``git rev-parse --verify``; a revision starting with ``-`` is refused,
    so it can never be read as an option), and each call has a time limit.

What is checked again (:func:`select_changed`)
    Of the files of the run, those

    1. that changed;
    2. that stack into a descriptor that changed (their ``stacks_into`` names
       its id): what they stack into is not the same any more;
    3. that have the id of a descriptor that changed: a duplicate id is then
       in the run, where ``mcqa check`` sees it;
    4. that a changed review form names, by ``descriptor.id`` or by
       ``descriptor.path`` (either; a form is read only to learn which
       descriptor it names, even if it has errors): the form decides some of
       that descriptor's standards.

    And every file of the run when a file that all results depend on changed
    (``always``: the configuration file, a rubric file), or when a review form
    changed that cannot be read any more (deleted, moved away, not YAML): the
    descriptor it named is not known, so nothing is left out.

    Not caught: a descriptor that stacks into an id no descriptor has any
    more (the old id is not known without reading the old revision). Check
    the whole catalog now and then.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Collection, Sequence
from pathlib import Path

from mcqa.catalog_index import CatalogIndex, file_key
from mcqa.load import load_path

__all__ = ["GIT_TIMEOUT", "ChangedError", "changed_since", "select_changed"]

#: Seconds each git command may take.
GIT_TIMEOUT = 60.0

#: Suffixes of the files read as review forms (see :func:`mcqa.review.load_reviews`).
_FORM_SUFFIXES = (".yaml", ".yml", ".json")


class ChangedError(Exception):
    """The changed files cannot be had from git; the message says why, in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- git -----------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GIT_LITERAL_PATHSPECS="1",  # a folder named '*' is that folder, not a glob
        GIT_OPTIONAL_LOCKS="0",  # reading never takes the index lock
        GIT_TERMINAL_PROMPT="0",
        LC_ALL="C",  # git's own messages in English, to tell its failures apart
    )
    return env


def _git(args: Sequence[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run ``git ARGS`` in ``cwd``; the completed process (any exit code)."""
    command = ["git", "--no-pager", "-c", "core.fsmonitor=false", *args]
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ChangedError(
            "git is not installed (or not on PATH); finding what changed since a revision needs it"
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise ChangedError(
            f"git did not answer within {timeout:g} s (git {' '.join(args[:1])}); "
            "try again, or check the whole catalog"
        ) from exc
    except OSError as exc:
        raise ChangedError(f"git could not be run: {exc.strerror or exc}") from exc


def _stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's last line of complaint, for a message."""
    lines = os.fsdecode(done.stderr).strip().splitlines()
    return lines[-1].removeprefix("fatal: ").strip() if lines else f"exit code {done.returncode}"


def _toplevel(root: Path, timeout: float) -> Path:
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        raise ChangedError(f"the folder {root} {what}")
    done = _git(["rev-parse", "--show-toplevel"], root, timeout)
    if done.returncode != 0:
        why = _stderr(done)
        if "dubious ownership" in why or "safe.directory" in os.fsdecode(done.stderr):
            raise ChangedError(
                f"git refuses to read the repository at {root}: it belongs to another user "
                "(if it is yours to trust: git config --global --add safe.directory PATH)"
            )
        if "work tree" in why:
            raise ChangedError(f"{root} is inside a git repository's own folder, not its files")
        raise ChangedError(f"{root} is not a git repository (nor inside one)")
    top = os.fsdecode(done.stdout).rstrip("\n")
    if not top:
        raise ChangedError(f"{root} is inside a git repository that has no working tree")
    return Path(top).resolve()


def _commit(rev: str, top: Path, timeout: float) -> str:
    """The commit ``rev`` names, as a full hash; a plain error when it names none."""
    if not rev or not rev.strip():
        raise ChangedError("no revision given: name a commit, a branch or a tag")
    if rev.startswith("-"):
        raise ChangedError(
            f"{rev!r} is not a revision: a revision cannot start with '-' "
            "(name a commit, a branch or a tag)"
        )
    if any(char in rev for char in "\x00\n\r"):
        raise ChangedError(f"{rev!r} is not a revision: it holds a control character")
    done = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top, timeout)
    sha = os.fsdecode(done.stdout).strip()
    if done.returncode != 0 or not sha:
        raise ChangedError(
            f"unknown revision {rev!r}: no commit of the repository has that name "
            "(a shallow clone may lack it: fetch it first, e.g. git fetch origin main)"
        )
    return sha


def _scope(root: Path, top: Path) -> list[str]:
    """The pathspec of ``root`` inside the repository: ``["--", "sub/folder"]``."""
    try:
        inside = root.resolve().relative_to(top)
    except ValueError:
        return ["--", "."]
    return ["--", inside.as_posix() if inside.parts else "."]


def _fields(output: bytes) -> list[str]:
    return [os.fsdecode(part) for part in output.split(b"\0") if part]


def changed_since(rev: str, root: Path, *, timeout: float = GIT_TIMEOUT) -> set[Path]:
    """The files under ``root`` that differ between revision ``rev`` and the working tree.

    Committed, staged, unstaged and deleted changes to tracked files, and
    untracked files that are not ignored; a renamed file counts as its new
    path. Paths are absolute (the repository's folder, links resolved, then
    the path git gives). ``root`` is any folder inside the repository
    (usually the configuration's); only changes under it are listed.

    Raises :class:`ChangedError` when git is missing, ``root`` is not in a
    git repository, ``rev`` is not a revision (or starts with ``-``), or git
    fails or takes longer than ``timeout`` seconds.
    """
    top = _toplevel(root, timeout)
    commit = _commit(rev, top, timeout)
    scope = _scope(root, top)
    diff = _git(
        [
            "diff",
            "--name-status",
            "-z",
            "-M",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            commit,
            *scope,
        ],
        top,
        timeout,
    )
    if diff.returncode != 0:
        raise ChangedError(f"git could not compare the working tree with {rev!r}: {_stderr(diff)}")
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", *scope], top, timeout)
    if untracked.returncode != 0:
        raise ChangedError(f"git could not list the untracked files: {_stderr(untracked)}")
    names: set[str] = set()
    fields = _fields(diff.stdout)
    at = 0
    while at < len(fields):
        status = fields[at]
        if status[:1] in ("R", "C"):  # renamed or copied: old path, new path
            names.update(fields[at + 2 : at + 3])
            at += 3
        else:
            names.update(fields[at + 1 : at + 2])
            at += 2
    names.update(_fields(untracked.stdout))
    return {top / name for name in names}


# -- what to check again ----------------------------------------------------------------


def _named_by_form(path: Path) -> tuple[str | None, Path | None] | None:
    """The descriptor a review form names: ``(id, path)``; ``None`` when it cannot be read.

    Read with mcqa's safe loader, and only for these two values: a form with
    errors still names its descriptor. ``descriptor.path`` is taken relative
    to the form's folder; it is only compared with the run's files, never read.
    """
    if not path.is_file():
        return None
    data = load_path(path).data
    descriptor = data.get("descriptor") if isinstance(data, dict) else None
    if not isinstance(descriptor, dict):
        return None
    ident = descriptor.get("id")
    written = descriptor.get("path")
    named_id = ident if isinstance(ident, str) and ident else None
    named_path = path.parent / written if isinstance(written, str) and written else None
    if named_id is None and named_path is None:
        return None
    return named_id, named_path


def select_changed(
    files_in_run: Sequence[Path],
    changed: Collection[Path],
    index: CatalogIndex,
    review_forms_dir: Path | None = None,
    *,
    always: Collection[Path] = (),
) -> list[Path]:
    """The files of the run to check, given what changed (see the module's documentation).

    ``files_in_run`` are the descriptor files a full run would check
    (:func:`~mcqa.catalog.discover`'s result), ``changed`` what
    :func:`changed_since` returned, ``index`` the catalog's index
    (:func:`~mcqa.catalog_index.build_index`), ``review_forms_dir`` the folder
    of review forms, if any, and ``always`` the files every result depends on
    (the configuration file, a rubric file). Paths may be named in any way
    (relative to the current folder, or absolute): they are compared as files.
    Returns a subset of ``files_in_run``, in its order.
    """
    folders: dict[str, Path] = {}

    def key(path: str | Path) -> Path:
        return file_key(path, folders)

    touched = {key(path) for path in changed}
    if not touched:
        return []
    if any(key(path) in touched for path in always):
        return list(files_in_run)
    selected: set[Path] = set()
    # 1 and 2 and 3: changed descriptors, their dependents, and those sharing their ids
    changed_names = [name for name in index.id_of if key(name) in touched]
    related = index.dependents(changed_names)
    for name in changed_names:
        related.update(index.ids.get(index.id_of[name], ()))
    selected.update(key(name) for name in related)
    selected.update(touched)
    # 4: descriptors named by changed review forms
    if review_forms_dir is not None:
        forms = review_forms_dir.resolve()
        for path in touched:
            if path.suffix.lower() not in _FORM_SUFFIXES or not path.is_relative_to(forms):
                continue
            named = _named_by_form(path)
            if named is None:
                return list(files_in_run)  # which descriptor it reviewed is not known
            named_id, named_path = named
            if named_id is not None:
                selected.update(key(name) for name in index.ids.get(named_id, ()))
            if named_path is not None:
                selected.add(key(named_path))
    return [path for path in files_in_run if key(path) in selected]
