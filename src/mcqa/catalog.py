"""Check a whole catalog: find descriptor files, evaluate each, in parallel, deterministically.

In one call, with no configuration (or the one given)::

    report = mcqa.check_folder("catalog", "mcqa-core@^2")

Step by step, as ``mcqa check`` does it::

    loaded = load_config()
    searched: set[Path] = set()
    files = discover([Path("catalog")], loaded, searched=searched)
    plan = plan_catalog(files, mcqa.load_rubric("mcqa-core@^1"), loaded, by_content=searched)
    report = check_catalog(plan, jobs=2)

Files found by searching a folder are taken for descriptors by their content
(:func:`not_a_descriptor`): a ``package.json``, an ``mkdocs.yml`` or an earlier
report beside the descriptors is skipped, not reported as a broken descriptor.
Files named directly are always checked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import multiprocessing.context
import os
import signal
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

import pathspec

from mcqa import _pool
from mcqa._paths import RealPaths, files_below, find_root
from mcqa.config import LoadedConfig, config_display, load_config
from mcqa.evaluate import build_report, evaluate_document
from mcqa.importers import Imported, detect_format, is_markdown_path, load_descriptor, load_markdown
from mcqa.load import Document
from mcqa.models.config import Config
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, RubricRef
from mcqa.models.rubric import Rubric
from mcqa.reporters import (
    RenderOptions,
    Reporter,
    StreamingReporter,
    keeps_digests,
    reporter_named,
)
from mcqa.review import FormChangedError, ReviewSet, load_reviews, reviews_for, unusable_for
from mcqa.rubrics import default_registry, looks_like_path
from mcqa.waivers import WaiverRule

if TYPE_CHECKING:
    from mcqa.catalog_index import CatalogIndex

__all__ = [
    "DEFAULT_FILE_TIMEOUT",
    "DEFAULT_RUBRIC",
    "DESCRIPTOR_SUFFIXES",
    "MARKDOWN_INCLUDE",
    "CatalogPlan",
    "Found",
    "Skipped",
    "check_catalog",
    "check_folder",
    "discover",
    "not_a_descriptor",
    "plan_catalog",
    "plan_search",
    "search",
]

#: File suffixes treated as descriptors when a folder is searched.
DESCRIPTOR_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")

#: Markdown pages searched for, beside the ``include`` globs, when ``include`` is not set.
MARKDOWN_INCLUDE = ("**/*.md", "**/*.markdown")

#: The rubric used when neither the caller nor a configuration names one.
DEFAULT_RUBRIC = "mcqa-core"

Progress = Callable[[int, int], None]


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _relative(path: Path, root: Path, real: Path | None = None) -> str:
    """``path`` relative to ``root`` (``real`` is its resolved form, when known)."""
    try:
        return (real or path.resolve()).relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _include_globs(config: Config) -> list[str]:
    """The configured ``include`` globs; when none are set, the default ones and Markdown pages."""
    if "include" in config.model_fields_set:
        return list(config.include)
    return [*config.include, *MARKDOWN_INCLUDE]


@dataclass(frozen=True, slots=True)
class Found:
    """One file a search found: its path as a string (``Path.as_posix()``), how it was
    found, and its real path (symbolic links followed; ``None`` when that cannot be had)."""

    file: str
    kind: int
    """:data:`NAMED` (given on the command line), :data:`SEARCHED` (found in a folder:
    judged by its content) or :data:`REFUSED` (a link leading outside the root: reported,
    never read)."""
    real: Path | None = None


#: How a file was found (:attr:`Found.kind`); when two ways find the same file, the
#: smaller wins.
NAMED, SEARCHED, REFUSED = 0, 1, 2


def search(
    paths: Sequence[Path],
    loaded: LoadedConfig,
    *,
    reviews: Path | None = None,
    skipped: list[Skipped] | None = None,
) -> Iterator[Found]:
    """The files :func:`discover` finds, one at a time as the search goes, in path order.

    Nothing is held but the folders being walked: a catalog of any size is
    searched in the same memory. ``skipped`` receives each Markdown page that is
    not a descriptor as the search passes it.
    """
    return iter(_Search(paths, loaded, reviews=reviews, skipped=skipped))


class _Search:
    """A search of :func:`search`: the files of some folders, and files named directly."""

    def __init__(
        self,
        paths: Sequence[Path],
        loaded: LoadedConfig,
        *,
        reviews: Path | None = None,
        skipped: list[Skipped] | None = None,
    ) -> None:
        config = loaded.config
        self.paths = paths
        self.loaded = loaded
        self.skipped = skipped
        self.include, self.exclude = _spec(_include_globs(config)), _spec(config.exclude)
        self.skip: set[Path] = set()
        if loaded.path is not None:
            self.skip.add(loaded.path.resolve())
        if reviews is None and config.reviews:
            reviews = loaded.root / config.reviews
        self.reviews = reviews.resolve() if reviews is not None else None
        self.root = loaded.root.resolve()
        self.real_path = RealPaths()

    def judge(self, file: str, top: Path) -> Found | Skipped | None:
        """What the search makes of ``file``, found below the folder whose real path is
        ``top``: found, skipped (a Markdown page that is no descriptor) or left out."""
        # Not is_file(): a descriptor replaced by a link to a device, or a dangling
        # link, must be reported (an io error), not silently dropped.
        if not file.lower().endswith(DESCRIPTOR_SUFFIXES):
            return None
        path = Path(file)
        real = self.real_path.or_none(path)
        if real is not None and real in self.skip:
            return None
        if real is None or not (real.is_relative_to(self.root) or real.is_relative_to(top)):
            return Found(file, REFUSED)
        if self.reviews is not None and real.is_relative_to(self.reviews):
            return None
        relative = _relative(path, self.loaded.root, real)
        if not self.include.match_file(relative) or self.exclude.match_file(relative):
            return None
        reason = _page_not_a_descriptor(path)
        return Found(file, SEARCHED, real) if reason is None else Skipped(file, reason)

    def finds(self, real: Path) -> Found | None:
        """How the search finds the file whose real path is ``real`` under its own path
        (named, or below a folder searched), or ``None``. A link to it found elsewhere is
        not looked for."""
        for given in self.paths:
            if not given.is_dir():
                if self.real_path.or_none(given) == real:
                    return Found(given.as_posix(), NAMED, real)
                continue
            top = given.resolve()
            if not real.is_relative_to(top):
                continue
            parts = real.relative_to(top).parts
            if any(part.startswith(".") for part in parts):
                continue  # a hidden file, or in a hidden folder: never walked
            judged = self.judge(Path(given, *parts).as_posix(), top)
            if isinstance(judged, Found) and judged.kind == SEARCHED:
                return judged
        return None

    def _below(self, given: Path) -> Iterator[Found]:
        top = given.resolve()
        for file in _files_below(given):
            judged = self.judge(file, top)
            if isinstance(judged, Found):
                yield judged
            elif judged is not None and self.skipped is not None:
                self.skipped.append(judged)

    def __iter__(self) -> Iterator[Found]:
        streams: list[Iterator[Found]] = []
        for given in self.paths:
            if given.is_dir():
                streams.append(self._below(given))
            else:
                # Named on the command line: checked whatever it is; the loader says
                # why a pipe, a device or a missing file cannot be read.
                streams.append(
                    iter([Found(given.as_posix(), NAMED, self.real_path.or_none(given))])
                )
        last: str | None = None
        for found in heapq.merge(*streams, key=lambda found: (found.file, found.kind)):
            if found.file != last:  # the same file found twice: once
                last = found.file
                yield found


def discover(
    paths: Sequence[Path],
    loaded: LoadedConfig,
    *,
    reviews: Path | None = None,
    refused: list[Path] | None = None,
    searched: set[Path] | None = None,
    skipped: list[Skipped] | None = None,
) -> list[Path]:
    """Descriptor files: files named directly, plus matching files under folders.

    Folders are searched recursively for the configured ``include`` globs
    (when none are set: every .yaml, .yml, .json, .md and .markdown file), minus
    ``exclude``; hidden files and folders, the configuration file and the
    review-forms folder (``reviews``, else the configuration's) are skipped.
    Globs are matched against paths relative to the configuration's folder.
    A file found in a folder that is a symbolic link leading outside both the
    root (``loaded.root``) and that folder is not read; it is added to
    ``refused`` when a list is given.

    Files found in a folder are taken for descriptors by their content, not
    their name. A Markdown page is judged here: one that no importer
    recognises (a README, a page of documentation) is left out, and added to
    ``skipped`` when a list is given. YAML and JSON files are judged when they
    are loaded to be checked, so that each is parsed once: ``searched``, when
    a set is given, receives every file found in a folder and not named
    directly, for :func:`plan_catalog`'s ``by_content``.

    The files come sorted by path. :func:`search` finds the same files one at a
    time, for a catalog too large to list.
    """
    files: list[Path] = []
    for found in search(paths, loaded, reviews=reviews, skipped=skipped):
        path = Path(found.file)
        if found.kind == REFUSED:
            if refused is not None:
                refused.append(path)
            continue
        files.append(path)
        if found.kind == SEARCHED and searched is not None:
            searched.add(path)
    return files


def _files_below(folder: Path) -> Iterator[str]:
    """Every file below ``folder`` as ``Path.as_posix()`` strings, sorted as strings, one
    at a time; hidden folders are not entered at all (a virtualenv, ``.git`` or a cache
    can hold more files than the catalog), hidden files are left out (see
    :func:`mcqa._paths.files_below`)."""
    return files_below(folder, hidden=False, order="string")


# -- what is a descriptor ----------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    """A file found in a folder that is not taken for a descriptor, and why."""

    path: str
    reason: str

    def finding(self) -> Finding:
        """The skip as an ``info`` finding (rule ``not-a-descriptor``), for ``--verbose``."""
        return Finding(
            rule="not-a-descriptor",
            message=f"skipped: {self.reason}",
            severity="info",
            file=self.path,
        )


def _page_not_a_descriptor(path: Path) -> str | None:
    """Why a Markdown page found in a folder is not a descriptor; ``None`` for other files.

    Only Markdown is judged before loading: most pages of a repository are
    documentation, and a page is a descriptor only when an importer recognises
    it. YAML and JSON files are judged by :func:`not_a_descriptor` when loaded.
    """
    if not is_markdown_path(path):
        return None
    page = load_markdown(path)
    if page.text is None:
        return "a Markdown page that cannot be read as text"
    if detect_format(page) is None:
        return "a Markdown page that does not describe a course or credential"
    return None


_DESCRIPTOR_FIELDS = frozenset(
    field.alias or name for name, field in Descriptor.model_fields.items()
) - {"title", "descriptor_format"}


#: mcqa's other files, by the key that names their format.
_OTHER_MCQA_FILES = {
    "rubric_format": "a rubric",
    "review_format": "a review form",
    "config_format": "an mcqa configuration",
}


def not_a_descriptor(document: Document, imported: Imported | None = None) -> str | None:
    """Why a file found in a folder is not taken for a descriptor; ``None`` when it is one.

    ``document`` and ``imported`` are what :func:`mcqa.importers.load_descriptor`
    returned, so the test costs no second parse. A descriptor is a mapping with
    ``descriptor_format``, or with ``title`` and at least one other descriptor
    field, or with two or more keys that are all descriptor fields (one that
    lacks its title), or a document an importer recognises (Open Badges, CTDL,
    a Markdown credential page); a programme (``program_format``) counts as one
    too. mcqa's other files (a report, with ``format_version`` and ``tool.name:
    mcqa``; a rubric, a review form, a configuration, by their ``..._format``
    key) and a JSON Schema are not descriptors, whatever they hold. A file
    that cannot be read as YAML or JSON at all (a syntax error, the wrong
    encoding, no data) may be a broken descriptor: it is not skipped, so that
    the check reports it.

    >>> from mcqa.load import load_text
    >>> not_a_descriptor(load_text("id: d1\\ntitle: Data literacy\\n")) is None
    True
    >>> not_a_descriptor(load_text('{"name": "site", "version": "1.0.0"}', format="json"))
    'a mapping without a title and other descriptor fields (name, version)'
    """
    if imported is not None:
        return None
    data = document.data
    if document.format == "markdown":
        return "a Markdown page that does not describe a course or credential"
    if data is None:
        return None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return f"{kind}, not a mapping of descriptor fields"
    tool = data.get("tool")
    if "format_version" in data and isinstance(tool, dict) and tool.get("name") == "mcqa":
        return "an mcqa report"
    for key, what in _OTHER_MCQA_FILES.items():
        if key in data:
            return what
    schema = data.get("$schema")
    if isinstance(schema, str) and "json-schema.org" in schema:
        return "a JSON Schema"
    if "descriptor_format" in data or "program_format" in data:
        return None  # a programme is what programme rubrics score
    if "title" in data and any(key in _DESCRIPTOR_FIELDS for key in data):
        return None
    if len(data) >= 2 and all(key in _DESCRIPTOR_FIELDS for key in data):
        return None  # a descriptor without its title: reported, not skipped
    keys = ", ".join(str(key) for key in list(data)[:5]) + (", ..." if len(data) > 5 else "")
    return f"a mapping without a title and other descriptor fields ({keys or 'empty'})"


def _nothing_like_a_descriptor(document: Document) -> bool:
    """Whether a file named directly holds a mapping with neither ``id`` nor ``title``.

    Such a file (a ``package.json``, a report) is an ``error`` result saying
    what it is, rather than a descriptor scored as missing every field.
    """
    data = document.data
    return isinstance(data, dict) and "id" not in data and "title" not in data


def _not_a_descriptor_result(document: Document, display: str, reason: str) -> DescriptorResult:
    finding = Finding(
        rule="not-a-descriptor",
        message=f"this file is not a microcredential descriptor: it is {reason}; a descriptor "
        "has at least an id and a title (or is a page, badge or record mcqa can import)",
        file=display,
        line=1,
        column=1,
    )
    return DescriptorResult(
        path=display,
        descriptor_id=None,
        decision="error",
        findings=tuple(sorted((*document.findings, finding), key=Finding.sort_key)),
        sha256=document.sha256,
    )


@dataclass(frozen=True, slots=True)
class _Job:
    """One file to check. Its path is kept as a string: a plan holds one job per file of
    the catalog for the whole run, and a ``Path`` takes several times the memory."""

    file: str
    """The file's path (``Path.as_posix()``)."""
    rubric_key: str
    waivers: tuple[WaiverRule, ...]
    inline_waivers: bool = False
    refused: bool = False
    """A symbolic link leading outside the run's root: reported as an error, never read."""
    by_content: bool = False
    """Found in a folder: skipped, not reported, when its content is no descriptor."""
    display: str | None = None
    """The path as reports show it, when :attr:`file` is not that (a cluster's workers
    read absolute paths)."""

    @property
    def path(self) -> Path:
        """The file's path."""
        return Path(self.file)

    @property
    def shown(self) -> str:
        """The path as reports show it."""
        return self.display if self.display is not None else self.file


@dataclass(frozen=True)
class CatalogPlan:
    """What will be checked, against which rubric, with which waivers."""

    rubric: Rubric
    jobs: Iterable[_Job]
    """The files, in path order: a tuple (:func:`plan_catalog`), or an iterator read once
    as the run goes (:func:`plan_search`)."""
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    reviews: ReviewSet = field(default_factory=ReviewSet)
    config: str | None = None
    """The configuration file used, as reports name it (:func:`~mcqa.config.config_display`)."""
    index: CatalogIndex | None = None
    """The whole catalog's ids, when only some of its files are checked (``mcqa check
    --catalog``, as a pre-commit hook runs): a descriptor sharing its id with any other
    file of the catalog is warned, whether or not that file is checked too."""


class _Planner:
    """Pairs each file with its rubric key and the waivers covering it (per-path
    overrides and waivers of the configuration), one file at a time."""

    def __init__(
        self, rubric: Rubric, loaded: LoadedConfig, override_rubrics: dict[str, Rubric]
    ) -> None:
        self.root = loaded.root
        self.main = rubric.ref
        self.rubrics = {rubric.ref: rubric, **{r.ref: r for r in override_rubrics.values()}}
        self.overrides = [
            (_spec(o.paths), override_rubrics[o.rubric].ref)
            for o in loaded.config.overrides
            if o.rubric is not None and o.rubric in override_rubrics
        ]
        self.inline = _spec(loaded.config.inline_waivers)
        self.waivers = [(_spec(w.paths), w.rule) for w in loaded.waivers]

    def __call__(self, found: Found) -> _Job:
        if found.kind == REFUSED:
            return _Job(found.file, self.main, (), refused=True)
        real = found.real
        relative = _relative(Path(found.file), self.root, real) if real is not None else found.file
        key = self.main  # one string for every file, not a new one each
        for spec, ref in self.overrides:
            if spec.match_file(relative):
                key = ref
        waivers = tuple(rule for spec, rule in self.waivers if spec.match_file(relative))
        return _Job(
            found.file,
            key,
            waivers,
            self.inline.match_file(relative),
            by_content=found.kind == SEARCHED,
        )


def plan_catalog(
    files: Sequence[Path],
    rubric: Rubric,
    loaded: LoadedConfig,
    override_rubrics: dict[str, Rubric] | None = None,
    reviews: ReviewSet | None = None,
    refused: Sequence[Path] = (),
    *,
    by_content: Collection[Path] = (),
) -> CatalogPlan:
    """Pair each file with its rubric (per-path overrides) and the waivers covering it.

    ``refused`` are files :func:`discover` would not read (links leading outside
    the root): each becomes an ``error`` result, so that a descriptor replaced by
    such a link fails the run instead of vanishing from it.

    ``by_content`` are the files found by searching a folder (:func:`discover`'s
    ``searched``): one whose content is not a descriptor (:func:`not_a_descriptor`)
    is skipped when it is checked. Every other file is checked whatever it holds.
    """
    planner = _Planner(rubric, loaded, override_rubrics or {})
    real_path = RealPaths()
    jobs = []
    for path in files:
        real = real_path.or_none(path)  # None for a loop of links: the loader says so
        kind = SEARCHED if path in by_content else NAMED
        jobs.append(planner(Found(path.as_posix(), kind, real)))
    jobs.extend(planner(Found(path.as_posix(), REFUSED)) for path in refused)
    jobs.sort(key=lambda job: job.shown)
    return CatalogPlan(
        rubric, tuple(jobs), planner.rubrics, reviews or ReviewSet(), config_display(loaded)
    )


def plan_search(
    found: Iterable[Found],
    rubric: Rubric,
    loaded: LoadedConfig,
    override_rubrics: dict[str, Rubric] | None = None,
    reviews: ReviewSet | None = None,
) -> CatalogPlan:
    """:func:`plan_catalog` for the files of a :func:`search`, planned one at a time as
    the run reads them: the plan's ``jobs`` is an iterator, read once, and a catalog of
    any size is planned in the same memory."""
    planner = _Planner(rubric, loaded, override_rubrics or {})
    return CatalogPlan(
        rubric, map(planner, found), planner.rubrics, reviews or ReviewSet(), config_display(loaded)
    )


# -- workers ---------------------------------------------------------------------

#: The time budget ``mcqa check`` gives each descriptor, in seconds (``--file-timeout``).
DEFAULT_FILE_TIMEOUT = 10.0

_WORKER_RUBRICS: dict[str, Rubric] = {}
_WORKER_STATE: dict[str, object] = {}

_T = TypeVar("_T")

#: What each worker is given once: rubrics by ref, the main rubric's ref, the day, the
#: review forms and the time budget (pickled for ``forkserver`` and ``spawn``).
_WorkerState = tuple[
    dict[str, Rubric], str, dt.date, ReviewSet, float | None, tuple[tuple[str, RenderOptions], ...]
]


def _init_worker(
    rubrics: dict[str, Rubric],
    main: str,
    today: dt.date,
    reviews: ReviewSet,
    file_timeout: float | None = None,
    renderers: tuple[tuple[str, RenderOptions], ...] = (),
) -> None:
    _WORKER_RUBRICS.clear()
    _WORKER_RUBRICS.update(rubrics)
    _WORKER_STATE.update(
        main=main, today=today, reviews=reviews, file_timeout=file_timeout, renderers=renderers
    )


class _OverBudget(BaseException):
    """Raised inside a file's evaluation when its time budget runs out.

    A ``BaseException``, so that no ``except Exception`` on the way (a check's
    own, or the one that turns crashes into ``internal-error``) can swallow it.
    """

    def __init__(self, doing: str) -> None:
        super().__init__(doing)
        self.doing = doing


def _can_time() -> bool:
    """Whether a budget can be kept here: an interval timer on the main thread, not in use."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextlib.contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OverBudget` in the block if it runs longer than ``seconds``.

    Uses ``setitimer(ITIMER_REAL)`` and a SIGALRM handler, so only on the main
    thread of a process (a worker, or the single-process path of a command);
    elsewhere, or with no ``seconds``, or when the process already uses its
    real-time interval timer, there is no budget. The previous handler is put
    back afterwards, and the timer cannot fire once the block has ended: it is
    disarmed, and the handler does nothing after the block.
    """
    if not seconds or not _can_time():
        yield
        return
    armed = [True]

    def expire(_signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            armed[0] = False
            raise _OverBudget(_doing(frame))

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        armed[0] = False
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def _doing(frame: FrameType | None) -> str:
    """What the evaluation was doing at ``frame``, in words, for the time-budget finding."""
    while frame is not None:
        module = str(frame.f_globals.get("__name__", ""))
        function = frame.f_code.co_name
        if module == "mcqa.evaluate" and function == "_run_check":
            standard = frame.f_locals.get("standard")
            number = getattr(standard, "id", "?")
            name = getattr(getattr(standard, "check", None), "name", None)
            if isinstance(name, str):
                return f"running the check {name!r} of standard {number}"
            return f"applying the schema check of standard {number}"
        if module == "mcqa.load" or module.startswith("mcqa.load."):
            return "reading the file"
        if module.startswith("mcqa.importers."):
            return "importing the file (a Markdown page, a badge or a CTDL record)"
        if module in {"mcqa.review", "mcqa.rounds"}:
            return "matching the review forms"
        if module == "mcqa.evaluate" and function in {"type_subject", "type_descriptor"}:
            return "checking the descriptor against the descriptor schema"
        frame = frame.f_back
    return "evaluating the descriptor"


def _evaluate_job(job: _Job) -> DescriptorResult | Skipped:
    """One file's result; a crash or an exhausted time budget becomes an ``error`` result.

    A file found in a folder whose content is not a descriptor is :class:`Skipped`.
    """
    if job.refused:
        display = job.shown
        finding = Finding(
            rule="outside-root",
            message="this file is a symbolic link leading outside the project folder; "
            "mcqa does not read it",
            file=display,
            line=1,
            column=1,
        )
        return DescriptorResult(
            path=display, descriptor_id=None, decision="error", findings=(finding,)
        )
    budget = _WORKER_STATE.get("file_timeout")
    seconds = float(budget) if isinstance(budget, (int, float)) else None
    try:
        with _time_budget(seconds):
            return _evaluate_file(job)
    except _OverBudget as exc:
        display = job.shown
        failure = Finding(
            rule="time-budget",
            message=f"evaluating this file took longer than its time budget of {seconds:g} s "
            f"(--file-timeout), so mcqa stopped while {exc.doing} and skipped the file",
            file=display,
        )
        return DescriptorResult(
            path=display, descriptor_id=None, decision="error", findings=(failure,)
        )


def _evaluate_file(job: _Job) -> DescriptorResult | Skipped:
    rubrics = _WORKER_RUBRICS
    today = _WORKER_STATE["today"]
    assert isinstance(today, dt.date)
    display = job.shown
    imported: Imported | None = None
    try:
        path = job.path
        document, imported = load_descriptor(path, display=display)
        reason = not_a_descriptor(document, imported)
        if reason is not None and job.by_content:
            return Skipped(display, reason)
        if reason is not None and _nothing_like_a_descriptor(document):
            return _not_a_descriptor_result(document, display, reason)
        rubric = rubrics[job.rubric_key]
        reviews = _WORKER_STATE["reviews"]
        assert isinstance(reviews, ReviewSet)
        data = document.data
        descriptor_id = data.get("id") if isinstance(data, dict) else None
        named = descriptor_id if isinstance(descriptor_id, str) else None
        forms = reviews_for(reviews, path, named)
        result = evaluate_document(
            document,
            rubric,
            forms,
            today=today,
            waivers=job.waivers,
            earlier=reviews.rubrics,
            inline_waivers=job.inline_waivers,
            unusable_forms=unusable_for(reviews, path, named),
        )
    except FormChangedError as exc:  # a reviewer saved a form during the run
        failure = Finding(rule="review-form-changed", message=str(exc), file=display)
        return DescriptorResult(
            path=display, descriptor_id=None, decision="error", findings=(failure,)
        )
    except Exception as exc:  # one file must never stop a catalog run
        failure = Finding(
            rule="internal-error",
            message=f"mcqa failed on this file ({type(exc).__name__}: {exc}); "
            "this is a bug in mcqa, please report it",
            file=display,
        )
        return DescriptorResult(
            path=display, descriptor_id=None, decision="error", findings=(failure,)
        )
    update: dict[str, object] = {}
    if imported is not None and imported.findings:
        # What the importer could not carry over, located in the source file.
        joined = dict.fromkeys((*result.findings, *imported.findings))
        update["findings"] = tuple(sorted(joined, key=Finding.sort_key))
    if job.rubric_key != _WORKER_STATE["main"]:
        used = rubrics[job.rubric_key]
        update["rubric"] = RubricRef(id=used.id, version=used.version)
    return result.model_copy(update=update) if update else result


def _context() -> multiprocessing.context.BaseContext:
    """The start method of worker processes (see :func:`mcqa._pool.context`)."""
    return _pool.context()


def _outcomes(
    jobs: Iterable[_Job],
    workers: int,
    state: _WorkerState,
    task: Callable[[_Job], _T],
    progress: Progress | None,
) -> Iterator[tuple[_Job, _T]]:
    """Each job with ``task(job)``, in order, on this process or on ``workers``
    processes, each set up once with ``state`` (see :func:`mcqa._pool.ordered_pairs`)."""
    return _pool.ordered_pairs(
        task, jobs, workers=workers, initializer=_init_worker, initargs=state, progress=progress
    )


def _state(
    plan: CatalogPlan,
    today: dt.date | None,
    file_timeout: float | None,
    renderers: Sequence[Renderer] = (),
) -> _WorkerState:
    return (
        plan.rubrics,
        plan.rubric.ref,
        today or dt.date.today(),
        plan.reviews,
        file_timeout,
        tuple(renderers),
    )


def _workers(jobs: int | None) -> int:
    """The number of worker processes asked for (fewer start for fewer files)."""
    return max(1, jobs or os.cpu_count() or 1)


class _SharedIds:
    """The index the catalog-wide check on ids keeps: each id's first paths.

    Review forms find their descriptor by id, so a shared id would let one
    descriptor's reviews decide another's standards. Results stream in path
    order, so the warning goes on the later descriptors, naming the earlier ones.
    The index is a private SQLite database on disk (SQLite's own temporary file,
    removed when it is closed), so that a catalog of any size is checked in the
    same memory.
    """

    #: Paths remembered for one id, at most: enough to name.
    NAMED = 16

    def __init__(self, index: CatalogIndex | None = None) -> None:
        self.index = index
        self._db: sqlite3.Connection | None = None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect("", isolation_level=None)  # "": a temporary file of its own
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(
            "CREATE TABLE seen (id TEXT NOT NULL, n INTEGER NOT NULL, path TEXT NOT NULL, "
            "PRIMARY KEY (id, n)) WITHOUT ROWID"
        )
        db.execute("BEGIN")  # one transaction, never committed: nothing outlives the run
        self._db = db
        return db

    def close(self) -> None:
        """Let the index go (its file with it)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def earlier(self, descriptor_id: str | None, path: str) -> list[str]:
        """The paths seen before ``path`` with the same id (and remember this one); with
        a catalog index, every other file of the catalog with that id."""
        if descriptor_id is None:
            return []
        if self.index is not None:
            return self.index.others_with_id(descriptor_id, path)
        db = self._db or self._open()
        if db.execute(
            "INSERT OR IGNORE INTO seen VALUES (?, 0, ?)", (descriptor_id, path)
        ).rowcount:
            return []
        rows = db.execute("SELECT path FROM seen WHERE id = ? ORDER BY n", (descriptor_id,))
        before = [row[0] for row in rows]
        if len(before) < self.NAMED:
            db.execute("INSERT INTO seen VALUES (?, ?, ?)", (descriptor_id, len(before), path))
        return before

    @staticmethod
    def flag(result: DescriptorResult, earlier: list[str]) -> DescriptorResult:
        position = load_descriptor(result.path)[0].source_map.locate("/id")
        warning = Finding(
            rule="duplicate-id",
            message=f"the id {result.descriptor_id!r} is also the id of {', '.join(earlier)}; "
            "give each descriptor its own id (review forms find their descriptor by id)",
            severity="warning",
            file=result.path,
            line=position.line if position else None,
            column=position.column if position else None,
            pointer="/id",
        )
        findings = tuple(sorted((*result.findings, warning), key=Finding.sort_key))
        return result.model_copy(update={"findings": findings})


def iter_results(
    plan: CatalogPlan,
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    file_timeout: float | None = None,
    skipped: list[Skipped] | None = None,
) -> Iterator[DescriptorResult]:
    """Every planned file's result, in path order, as each is ready; none is kept.

    The arguments are those of :func:`check_catalog`. Closing the iterator early
    stops the workers.
    """
    ids = _SharedIds(plan.index)
    state = _state(plan, today, file_timeout)
    try:
        for job, outcome in _outcomes(plan.jobs, _workers(jobs), state, _evaluate_job, progress):
            if isinstance(outcome, Skipped):
                if skipped is not None:
                    skipped.append(outcome)
                continue
            earlier = ids.earlier(outcome.descriptor_id, job.shown)
            yield ids.flag(outcome, earlier) if earlier else outcome
    finally:
        ids.close()


@dataclass(frozen=True)
class Rendered:
    """One result as the reporters wrote it, and the little the run needs of it."""

    path: str
    descriptor_id: str | None
    decision: str
    checks_passed: bool | None
    texts: tuple[str, ...]
    """Each renderer's text for the result, in the order the renderers were given."""
    digests: tuple[Any, ...]
    """Each renderer's small digest of the result (for what it writes at the end);
    ``None`` for a renderer that keeps none (:func:`~mcqa.reporters.keeps_digests`)."""


#: A reporter, by name, and how it renders.
Renderer = tuple[str, RenderOptions]


def _render(result: DescriptorResult, renderers: Sequence[Renderer]) -> Rendered:
    chosen = [(_streaming(reporter_named(name)), options) for name, options in renderers]
    return Rendered(
        path=result.path,
        descriptor_id=result.descriptor_id,
        decision=result.decision,
        checks_passed=result.checks_passed,
        texts=tuple(r.result(result, o) for r, o in chosen),
        digests=tuple(r.digest(result) if keeps_digests(r) else None for r, _ in chosen),
    )


def _streaming(reporter: Reporter) -> StreamingReporter:
    if not isinstance(reporter, StreamingReporter):
        raise TypeError(f"the format {reporter.NAME!r} does not render one result at a time")
    return reporter


def _render_job(job: _Job) -> Rendered | Skipped:
    """A worker's share: evaluate one file and render it, so the parent only writes text."""
    outcome = _evaluate_job(job)
    if isinstance(outcome, Skipped):
        return outcome
    renderers = _WORKER_STATE.get("renderers")
    assert isinstance(renderers, tuple)
    return _render(outcome, renderers)


def iter_rendered(
    plan: CatalogPlan,
    renderers: Sequence[Renderer],
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    file_timeout: float | None = None,
    skipped: list[Skipped] | None = None,
    scheduler: str | None = None,
) -> Iterator[Rendered]:
    """Like :func:`iter_results`, but each result comes already rendered by ``renderers``.

    With ``scheduler`` (the address of a Dask scheduler, ``tcp://host:8786``), the
    files are scored on that cluster's workers instead of local processes; the
    output is the same, byte for byte (see :mod:`mcqa._cluster`).

    The worker processes evaluate and render; this process only passes text on,
    and keeps the index of ids (a descriptor that shares an id with an earlier one
    is evaluated again here, rarely, to add its warning). Every renderer must be
    a :class:`~mcqa.reporters.StreamingReporter`.
    """
    for name, _ in renderers:
        _streaming(reporter_named(name))
    ids = _SharedIds(plan.index)
    state = _state(plan, today, file_timeout, renderers)
    if scheduler is not None:
        from mcqa._cluster import outcomes_on_cluster

        listed = tuple(plan.jobs)
        outcomes: Iterator[tuple[_Job, Rendered | Skipped]] = zip(
            listed, outcomes_on_cluster(listed, state, scheduler, progress), strict=True
        )
    else:
        outcomes = _outcomes(plan.jobs, _workers(jobs), state, _render_job, progress)
    try:
        for job, outcome in outcomes:  # in order
            if isinstance(outcome, Skipped):
                if skipped is not None:
                    skipped.append(outcome)
                continue
            earlier = ids.earlier(outcome.descriptor_id, job.shown)
            if not earlier:
                yield outcome
                continue
            _init_worker(*state)  # this process evaluates the file again, as a worker would
            again = _evaluate_job(job)
            assert isinstance(again, DescriptorResult)
            yield _render(ids.flag(again, earlier), renderers)
    finally:
        ids.close()


def check_catalog(
    plan: CatalogPlan,
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    file_timeout: float | None = None,
    skipped: list[Skipped] | None = None,
) -> Report:
    """Evaluate every planned file and return one report, sorted by path.

    The report holds every result: for a large catalog, stream them with
    :func:`iter_results` (or :func:`iter_rendered`) instead.

    A file planned ``by_content`` whose content is not a descriptor has no
    result; it is added to ``skipped`` when a list is given (``progress``
    counts it all the same).

    ``jobs`` worker processes (default: all cores); the report is the same,
    byte for byte, whatever the number of workers. Workers are started with
    ``forkserver`` (``spawn`` where there is none), so a script that calls this
    with more than one job needs the usual ``if __name__ == "__main__":`` guard.

    ``file_timeout`` is each file's time budget in seconds (default: none; the
    command line gives 10): a file that takes longer becomes an ``error`` result
    with a ``time-budget`` finding, and the run goes on. The budget is kept with
    SIGALRM, so in the calling process it applies only on the main thread
    (``jobs=1``, or a single file); called from another thread, files evaluated
    in this process have no budget. Worker processes always keep it.

    An exception that stops the run (``KeyboardInterrupt``, or whatever a
    signal handler of the calling program raises) ends the workers before it
    propagates. This function installs no SIGINT or SIGTERM handler itself.
    A descriptor whose id an earlier one (by path) already has gets a
    ``duplicate-id`` warning naming it.
    """
    results = iter_results(
        plan,
        jobs=jobs,
        today=today,
        progress=progress,
        file_timeout=file_timeout,
        skipped=skipped,
    )
    return build_report(plan.rubric, list(results), config=plan.config)


# -- one call ----------------------------------------------------------------------------


def _loaded_config(config: LoadedConfig | str | Path | None, target: Path) -> LoadedConfig:
    if isinstance(config, LoadedConfig):
        return config
    if config is not None:
        return load_config(Path(config))
    folder = target if target.is_dir() else target.parent
    return LoadedConfig(root=folder.resolve())


def check_folder(
    path: str | Path,
    rubric: Rubric | str | Path | None = None,
    *,
    reviews: ReviewSet | str | Path | None = None,
    config: LoadedConfig | str | Path | None = None,
    today: dt.date | None = None,
    jobs: int | None = 1,
) -> Report:
    """Score every descriptor in a folder (or one file) and return one report.

    What ``mcqa check PATH`` does, as a function that never prints. The folder
    is searched the way ``mcqa check`` searches it (:func:`discover`):
    descriptors in mcqa's format, Markdown credential pages, Open Badges and
    CTDL records are recognised by their content, and other files (a
    ``package.json``, a README, an earlier report) are left out. A file given
    as ``path`` is checked whatever it holds. The report has one result per
    descriptor, sorted by path; problems in the files are findings.

    ``rubric`` is a resolved :class:`~mcqa.models.Rubric`, or anything
    :meth:`~mcqa.rubrics.RubricRegistry.load` takes (default: the
    configuration's, else the newest ``mcqa-core``). ``reviews`` is a folder of
    review forms or a loaded :class:`~mcqa.review.ReviewSet`. A form with
    errors is set aside: none of its answers count, its errors are findings
    (``review-form-unusable``) of the descriptor it names, and that descriptor
    is not found conformant until the form is fixed; one that names no
    descriptor mcqa can find is only in the set's findings
    (:meth:`~mcqa.review.ReviewSet.unplaced`). ``config`` is a
    configuration (:func:`mcqa.load_config`'s result, or the path of a
    configuration file) whose globs, rubric, per-path overrides, waivers and
    reviews folder apply; without one, none does, and links leading outside
    ``path`` are not followed. ``jobs`` worker processes (``None``: all cores;
    more than one needs the ``if __name__ == "__main__":`` guard, see
    :func:`check_catalog`).

    Raises :class:`~mcqa.rubrics.RubricError` when a rubric cannot be had, and
    :class:`~mcqa.config.ConfigError` when a configuration file cannot be read.

    Example::

        import mcqa

        report = mcqa.check_folder("catalog", "mcqa-core@^2", reviews="reviews")
        for result in report.results:
            score = f"{result.score.percent} %" if result.score else "not scored"
            print(result.path, result.decision, score)
        print(report.summary.conformant, "of", report.summary.total, "conform")
    """
    target = Path(path)
    loaded = _loaded_config(config, target)
    registry = default_registry()
    if isinstance(rubric, Rubric):
        resolved = rubric
    elif rubric is not None:
        resolved = registry.load(rubric)
    else:
        spec = loaded.config.rubric or DEFAULT_RUBRIC
        if loaded.config.rubric and looks_like_path(spec):
            spec = str(loaded.root / spec)
        resolved = registry.load(spec)
    overrides: dict[str, Rubric] = {}
    for override in loaded.config.overrides:
        if override.rubric and override.rubric not in overrides:
            spec = override.rubric
            if looks_like_path(spec):
                spec = str(loaded.root / spec)
            overrides[override.rubric] = registry.load(spec)
    folder: Path | None = None
    if isinstance(reviews, ReviewSet):
        forms = reviews
    elif reviews is not None:
        folder = Path(reviews)
        forms = load_reviews(
            folder,
            resolved,
            registry,
            root=find_root(folder),
            jobs=jobs or os.cpu_count() or 1,
            hold=False,
        )
    elif loaded.config.reviews:
        folder = loaded.root / loaded.config.reviews
        forms = load_reviews(
            folder,
            resolved,
            registry,
            root=loaded.root,
            jobs=jobs or os.cpu_count() or 1,
            hold=False,
        )
    else:
        forms = ReviewSet()
    refused: list[Path] = []
    searched: set[Path] = set()
    files = discover([target], loaded, reviews=folder, refused=refused, searched=searched)
    plan = plan_catalog(files, resolved, loaded, overrides, forms, refused, by_content=searched)
    return check_catalog(plan, jobs=jobs, today=today)
