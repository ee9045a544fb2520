"""A cheap index of a whole catalog: each descriptor's id, and the ids it stacks into.

Some questions need the whole catalog while only part of it is checked:

* is a descriptor's id also another descriptor's? A pre-commit hook passes
  the changed files, in batches, and a duplicate id may be in a file that is
  not among them (``mcqa check FILES --catalog DIR``);
* which descriptors depend on a changed one? A descriptor that stacks into
  another (``stackability.stacks_into[].id``) is checked again when that one
  changes (``mcqa check --changed-since REV``, see :mod:`mcqa.changed`).

:func:`build_index` finds the files the way ``mcqa check`` does
(:func:`mcqa.catalog.discover`), loads each with mcqa's safe loader
(:func:`mcqa.importers.load_descriptor`, so Markdown pages, Open Badges and
CTDL records have their ids too), and keeps only the id and the stacking
targets; nothing of a file is kept once it is read. A file that cannot be
read, or whose ``id`` is not text, simply has no id; a file found in a folder
whose content is not a descriptor (a ``package.json``, an earlier report) is
left out, as ``mcqa check`` leaves it out. The index of a catalog of 100,000
descriptors takes a few tens of megabytes: a few hundred bytes each.

Paths are the descriptors' paths as reports show them (``catalog/a.yaml``,
from the folder given): ``file.as_posix()`` of the files :func:`discover` found.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mcqa.catalog import discover, not_a_descriptor
from mcqa.config import LoadedConfig
from mcqa.importers import load_descriptor

__all__ = ["CatalogIndex", "build_index", "file_key", "index_files"]


def file_key(path: str | Path, folders: dict[str, Path] | None = None) -> Path:
    """Where a file is, to tell whether two names mean the same file.

    Its folder with symbolic links resolved, then its own name: two names of
    one file (``catalog/a.yaml``, ``./catalog/a.yaml``, its absolute path, a
    path through a linked folder) give the same key. A file that is itself a
    link keeps its own name, as git sees it. The file need not exist.
    ``folders`` caches resolved folders across calls (resolving each folder
    once is what makes this cheap for a whole catalog).
    """
    file = Path(path)
    if folders is None:
        return file.parent.resolve() / file.name
    folder = str(file.parent)
    resolved = folders.get(folder)
    if resolved is None:
        resolved = folders[folder] = file.parent.resolve()
    return resolved / file.name


def _display(path: str | Path) -> str:
    return Path(path).as_posix()


@dataclass
class CatalogIndex:
    """Each descriptor's id and stacking targets, by path (see the module's documentation)."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    """Each id, with the paths of the descriptors that have it, in path order."""
    stacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The ids each descriptor stacks into (``stackability.stacks_into[].id``), by path;
    descriptors that stack into nothing are not listed."""
    id_of: dict[str, str] = field(default_factory=dict)
    """Each descriptor's id, by path; a descriptor without a readable id is not listed."""
    files: int = 0
    """How many descriptor files were indexed, with an id or not."""

    def add(self, path: str, descriptor_id: str | None, stacks_into: Sequence[str] = ()) -> None:
        """Index one descriptor (files are added in path order)."""
        self.files += 1
        if descriptor_id is not None:
            self.id_of[path] = descriptor_id
            self.ids.setdefault(descriptor_id, []).append(path)
        if stacks_into:
            self.stacks[path] = tuple(stacks_into)

    def path_of_id(self, descriptor_id: str) -> str | None:
        """The path of the (first, by path) descriptor with this id; ``None`` when none has it."""
        paths = self.ids.get(descriptor_id)
        return paths[0] if paths else None

    def duplicates(self) -> dict[str, list[str]]:
        """Every id that more than one descriptor has, with their paths."""
        return {key: paths for key, paths in self.ids.items() if len(paths) > 1}

    def others_with_id(
        self, descriptor_id: str | None, path: str | Path, *, before_only: bool = False
    ) -> list[str]:
        """The other descriptors with ``descriptor_id`` than the one at ``path``, in path order.

        ``path`` may be named otherwise than the index names it (absolute, with
        ``./``): the same file is never its own duplicate. With
        ``before_only``, only those before ``path`` in path order: what
        ``mcqa check`` of the whole catalog names in a ``duplicate-id``
        warning, which goes on the later descriptors.
        """
        paths = self.ids.get(descriptor_id) if descriptor_id is not None else None
        if not paths or (len(paths) == 1 and paths[0] == _display(path)):
            return []
        itself, shown = file_key(path), _display(path)
        others: list[str] = []
        for other in paths:
            if file_key(other) == itself:
                shown = other  # the index's name for it, to compare with the others
            else:
                others.append(other)
        return [other for other in others if other < shown] if before_only else others

    def dependents(self, changed_paths: Iterable[str | Path]) -> set[str]:
        """The descriptors that stack into one of the changed descriptors.

        ``changed_paths`` are paths as the index names them; their ids are
        looked up, and every descriptor whose ``stacks_into`` names one of
        those ids is returned (by path). A changed descriptor that stacks into
        another changed one is among them.
        """
        changed_ids = {self.id_of[key] for key in map(_display, changed_paths) if key in self.id_of}
        if not changed_ids:
            return set()
        return {
            path
            for path, targets in self.stacks.items()
            if any(target in changed_ids for target in targets)
        }


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _stacks_into(data: dict[str, Any]) -> list[str]:
    """The ids in ``stackability.stacks_into``, in order, each once (others ignored)."""
    stackability = data.get("stackability")
    targets = stackability.get("stacks_into") if isinstance(stackability, dict) else None
    if not isinstance(targets, list):
        return []
    ids = (_text(t.get("id")) for t in targets if isinstance(t, dict))
    return list(dict.fromkeys(i for i in ids if i is not None))


def index_files(files: Iterable[Path], *, by_content: Collection[Path] = ()) -> CatalogIndex:
    """The index of these descriptor files (as :func:`~mcqa.catalog.discover` returned them).

    ``by_content`` are the files found by searching a folder (``discover``'s
    ``searched``): one whose content is not a descriptor is left out, as
    ``mcqa check`` skips it. Never raises for what a file holds.
    """
    index = CatalogIndex()
    for path in files:
        shown = path.as_posix()
        document, imported = load_descriptor(path, display=shown)
        if path in by_content and not_a_descriptor(document, imported) is not None:
            continue
        data = document.data
        if not isinstance(data, dict):
            index.add(shown, None)
            continue
        index.add(shown, _text(data.get("id")), _stacks_into(data))
    return index


def build_index(
    paths: Sequence[Path], loaded: LoadedConfig, *, reviews: Path | None = None
) -> CatalogIndex:
    """The index of every descriptor under ``paths``, found as ``mcqa check`` finds them.

    ``loaded`` is the run's configuration (its ``include``, ``exclude`` and
    reviews folder apply); ``reviews`` is a review-forms folder to leave out,
    when it is not the configuration's. Links leading outside the root are not
    followed. Each file is parsed, on one core: a millisecond or two a file,
    a few minutes for 100,000 descriptors; the index itself stays small.
    """
    searched: set[Path] = set()
    files = discover(paths, loaded, reviews=reviews, searched=searched)
    return index_files(files, by_content=searched)
