"""Paths taken from files stay inside the run's root.

Descriptors, review forms, configuration and rubrics may come from anyone who
can open a pull request, so a path written in one of them (a form's
``descriptor.path``, a configuration's ``rubric``, ``reviews`` or globs) is
only followed when it resolves, symbolic links and all, inside the **root**:

* the folder of the configuration file, when one is used;
* else the top of the git repository (the folder holding ``.git``) at or above
  where the run starts;
* else the current folder, when the start lies inside it; else the start itself.

Paths given on the command line are the user's own choice and are not
confined. A file reached through another file that turns out not to be what
was expected is described in general terms (:func:`looks_like`), never by its
keys or values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from mcqa.schema import load_schema

__all__ = [
    "RealPaths",
    "escaping_glob",
    "files_below",
    "find_root",
    "git_top",
    "inside",
    "looks_like",
    "outside_message",
    "schema_fields",
]


def git_top(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``.git`` (a folder or a file)."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def find_root(start: Path) -> Path:
    """The root for a run that starts at the folder ``start`` (see the module's docstring)."""
    from mcqa.config import find_config  # config imports this module

    folder = start.resolve()
    config = find_config(folder)
    if config is not None:
        return config.resolve().parent
    top = git_top(folder)
    if top is not None:
        return top
    here = Path.cwd().resolve()
    return here if folder.is_relative_to(here) else folder


def inside(root: Path, candidate: Path) -> Path | None:
    """``candidate`` resolved (symbolic links followed), if that lies in ``root``; else ``None``.

    A relative ``candidate`` is taken from the current folder: join it to the
    folder it is relative to first.
    """
    try:
        real = candidate.resolve()
        base = root.resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links; a NUL in the name
        return None
    return real if real.is_relative_to(base) else None


class RealPaths:
    """Resolves many paths as :meth:`Path.resolve` does (symbolic links followed), each
    folder once: a file that is not itself a link is its folder's real path joined
    to its name, which costs one ``lstat`` instead of one per part of the path.

    Paths holding ``..`` are resolved the slow way (``a/..`` is not ``.`` when ``a``
    is a link). Raises what :meth:`Path.resolve` raises (a loop of links).

    >>> real = RealPaths()
    >>> real(Path("/")) == Path("/").resolve()
    True
    """

    #: Folders remembered, at most: a walk goes folder by folder, so a few suffice, and a
    #: catalog of any number of folders is resolved in the same memory.
    REMEMBERED = 1024

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        if ".." in path.parts or not path.name or path.is_symlink():
            return path.resolve()
        parent = path.parent
        folder = self._folders.get(parent)
        if folder is None:
            if len(self._folders) >= self.REMEMBERED:
                self._folders.clear()
            folder = self._folders[parent] = parent.resolve()
        return folder / path.name

    def or_none(self, path: Path) -> Path | None:
        """``path`` resolved, or ``None`` when it cannot be (a loop of links, a NUL in
        the name)."""
        try:
            return self(path)
        except (OSError, RuntimeError, ValueError):
            return None


def files_below(folder: Path, *, hidden: bool, order: Literal["string", "parts"]) -> Iterator[str]:
    """Every file below ``folder``, as ``Path(...).as_posix()`` strings, one at a time:
    only the folders being walked are held, so a folder of any size is walked in the
    same memory.

    ``order="string"`` gives the paths sorted as strings; ``order="parts"`` as
    :class:`Path` objects sort (part by part: ``a/b`` before ``a-b``). Sorting a
    folder's entries with each subfolder's name followed by ``/`` (for strings) or
    as it is (for parts) puts every path below it where the sort of the whole
    paths would. Without ``hidden``, hidden folders are not entered and hidden
    files are left out. Links to folders are not followed (nor listed), links to
    files and dangling links are files; an entry that cannot be examined counts as
    a file, a folder that cannot be read holds nothing (as :func:`os.walk` has it).

    >>> list(files_below(Path("/nonexistent-folder"), hidden=False, order="string"))
    []
    """
    base = folder.as_posix()
    prefix = "" if base == "." else base.rstrip("/") + "/"
    mark = "/" if order == "string" else ""
    stack = [(prefix, iter(_entries(base, hidden, mark)))]
    while stack:
        prefix, entries = stack[-1]
        for name, is_folder in entries:
            if is_folder:
                inner = prefix + name.removesuffix(mark) + "/"
                stack.append((inner, iter(_entries(inner[:-1], hidden, mark))))
                break
            yield prefix + name
        else:
            stack.pop()


def _entries(folder: str, hidden: bool, mark: str) -> list[tuple[str, bool]]:
    """A folder's entries, sorted for :func:`files_below`: each subfolder's name with
    ``mark`` after it (and ``True``), each other entry's name (and ``False``)."""
    try:
        with os.scandir(folder) as scan:
            found = list(scan)
    except OSError:
        return []
    entries: list[tuple[str, bool]] = []
    for entry in found:
        name = entry.name
        if not hidden and name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if not is_folder:
            entries.append((name, False))
        elif not entry.is_symlink():
            entries.append((name + mark, True))
    entries.sort()
    return entries


def outside_message(what: str, value: str, root: Path, candidate: Path) -> str:
    """Why ``value`` (the path ``what`` names, leading to ``candidate``) is refused.

    >>> outside_message("the rubric", "../x.yaml", Path("/p"), Path("/p/../x.yaml"))
    "the rubric '../x.yaml' leads outside the project folder /p; mcqa follows paths written in files only inside it"
    """
    plain = Path(os.path.normpath(candidate.absolute()))
    linked = plain.is_relative_to(root) or plain.is_relative_to(root.resolve())
    how = ", through a symbolic link," if linked else ""
    return (
        f"{what} {value!r} leads{how} outside the project folder {root}; "
        "mcqa follows paths written in files only inside it"
    )


_DRIVE = re.compile(r"^[A-Za-z]:[/\\]")


def escaping_glob(pattern: str) -> str | None:
    """Why a configured glob could reach outside the root, or ``None`` when it cannot.

    Globs are relative to the configuration's folder: one that starts with ``/``
    (or a drive) or climbs with ``..`` is refused.

    >>> escaping_glob("catalog/**/*.yaml") is None
    True
    >>> escaping_glob("../**/*.yaml")
    "it climbs out of the configuration's folder with '..'"
    """
    text = pattern.strip()
    if text.startswith("!"):  # a negated pattern
        text = text[1:]
    if text.startswith("/") or _DRIVE.match(text):
        return (
            "it is written as an absolute path; globs are relative to the configuration's "
            "folder already (one with a '/' inside is anchored there), so leave out the "
            "leading '/'"
        )
    if ".." in re.split(r"[/\\]", text):
        return "it climbs out of the configuration's folder with '..'"
    return None


def looks_like(data: Any, schema_name: str, *, strict: bool = False) -> bool:
    """Whether ``data`` has the shape of one of mcqa's files at its top level.

    That is a mapping with every field the schema requires; with ``strict``,
    also none that the schema does not have. Used to tell a file of the
    expected kind (whose problems are worth reporting in detail) from some
    other file that a path led to (reported only as "not a ..." file).
    """
    if not isinstance(data, dict):
        return False
    schema = load_schema(schema_name)
    required = schema.get("required", [])
    if not all(name in data for name in required):
        return False
    if strict:
        known = schema.get("properties", {})
        return all(isinstance(name, str) and name in known for name in data)
    return True


def schema_fields(*schema_names: str) -> frozenset[str]:
    """The top-level field names the named schemas define."""
    names: set[str] = set()
    for schema_name in schema_names:
        names.update(load_schema(schema_name).get("properties", {}))
    return frozenset(names)
