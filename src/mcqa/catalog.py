"""Check a whole catalog: find descriptor files, evaluate each, in parallel, deterministically.

Usage, as ``mcqa check`` does it::

    loaded = load_config()
    files = discover([Path("catalog")], loaded)
    plan = plan_catalog(files, mcqa.load_rubric("mcqa-core@^1"), loaded)
    report = check_catalog(plan, jobs=2)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import pathspec

from mcqa._paths import inside
from mcqa.config import LoadedConfig
from mcqa.evaluate import build_report, evaluate_document
from mcqa.load import load_path
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, RubricRef
from mcqa.models.rubric import Rubric
from mcqa.review import ReviewSet, reviews_for
from mcqa.waivers import WaiverRule

__all__ = [
    "DEFAULT_FILE_TIMEOUT",
    "DESCRIPTOR_SUFFIXES",
    "CatalogPlan",
    "check_catalog",
    "discover",
    "plan_catalog",
]

#: File suffixes treated as descriptors when a folder is searched.
DESCRIPTOR_SUFFIXES = (".yaml", ".yml", ".json")

Progress = Callable[[int, int], None]


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(
    paths: Sequence[Path],
    loaded: LoadedConfig,
    *,
    reviews: Path | None = None,
    refused: list[Path] | None = None,
) -> list[Path]:
    """Descriptor files: files named directly, plus matching files under folders.

    Folders are searched recursively for the configured ``include`` globs
    (default: every .yaml, .yml and .json file), minus ``exclude``; hidden
    files and folders, the configuration file and the review-forms folder
    (``reviews``, else the configuration's) are skipped.
    Globs are matched against paths relative to the configuration's folder.
    A file found in a folder that is a symbolic link leading outside both the
    root (``loaded.root``) and that folder is not read; it is added to
    ``refused`` when a list is given.
    """
    config = loaded.config
    include, exclude = _spec(config.include), _spec(config.exclude)
    skip: set[Path] = set()
    if loaded.path is not None:
        skip.add(loaded.path.resolve())
    if reviews is None and config.reviews:
        reviews = loaded.root / config.reviews
    reviews = reviews.resolve() if reviews is not None else None
    found: dict[Path, None] = {}
    for given in paths:
        if not given.is_dir():
            # Named on the command line: checked whatever it is; the loader says
            # why a pipe, a device or a missing file cannot be read.
            found[given] = None
            continue
        for path in sorted(given.rglob("*")):
            # Not is_file(): a descriptor replaced by a link to a device, or a
            # dangling link, must be reported (an io error), not silently dropped.
            if path.suffix.lower() not in DESCRIPTOR_SUFFIXES or path.is_dir():
                continue
            parts = path.relative_to(given).parts
            if any(part.startswith(".") for part in parts) or path.resolve() in skip:
                continue
            if inside(loaded.root, path) is None and inside(given, path) is None:
                if refused is not None:
                    refused.append(path)
                continue
            if reviews is not None and path.resolve().is_relative_to(reviews):
                continue
            relative = _relative(path, loaded.root)
            if include.match_file(relative) and not exclude.match_file(relative):
                found[path] = None
    return sorted(found, key=lambda p: p.as_posix())


@dataclass(frozen=True)
class _Job:
    path: Path
    rubric_key: str
    waivers: tuple[WaiverRule, ...]
    inline_waivers: bool = False
    refused: bool = False
    """A symbolic link leading outside the run's root: reported as an error, never read."""


@dataclass(frozen=True)
class CatalogPlan:
    """What will be checked, against which rubric, with which waivers."""

    rubric: Rubric
    jobs: tuple[_Job, ...]
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    reviews: ReviewSet = field(default_factory=ReviewSet)


def plan_catalog(
    files: Sequence[Path],
    rubric: Rubric,
    loaded: LoadedConfig,
    override_rubrics: dict[str, Rubric] | None = None,
    reviews: ReviewSet | None = None,
    refused: Sequence[Path] = (),
) -> CatalogPlan:
    """Pair each file with its rubric (per-path overrides) and the waivers covering it.

    ``refused`` are files :func:`discover` would not read (links leading outside
    the root): each becomes an ``error`` result, so that a descriptor replaced by
    such a link fails the run instead of vanishing from it.
    """
    override_rubrics = override_rubrics or {}
    rubrics = {rubric.ref: rubric, **{r.ref: r for r in override_rubrics.values()}}
    overrides = [
        (_spec(o.paths), override_rubrics[o.rubric].ref)
        for o in loaded.config.overrides
        if o.rubric is not None and o.rubric in override_rubrics
    ]
    jobs = []
    inline = _spec(loaded.config.inline_waivers)
    for path in files:
        relative = _relative(path, loaded.root)
        key = rubric.ref
        for spec, ref in overrides:
            if spec.match_file(relative):
                key = ref
        waivers = tuple(w.rule for w in loaded.waivers if _spec(w.paths).match_file(relative))
        jobs.append(_Job(path, key, waivers, inline.match_file(relative)))
    jobs.extend(_Job(path, rubric.ref, (), refused=True) for path in refused)
    jobs.sort(key=lambda job: job.path.as_posix())
    return CatalogPlan(rubric, tuple(jobs), rubrics, reviews or ReviewSet())


# -- workers ---------------------------------------------------------------------

#: The time budget ``mcqa check`` gives each descriptor, in seconds (``--file-timeout``).
DEFAULT_FILE_TIMEOUT = 10.0

_WORKER_RUBRICS: dict[str, Rubric] = {}
_WORKER_STATE: dict[str, object] = {}

#: What each worker is given once: rubrics by ref, the main rubric's ref, the day, the
#: review forms and the time budget (pickled for ``forkserver`` and ``spawn``).
_WorkerState = tuple[dict[str, Rubric], str, dt.date, ReviewSet, float | None]


def _init_worker(
    rubrics: dict[str, Rubric],
    main: str,
    today: dt.date,
    reviews: ReviewSet,
    file_timeout: float | None = None,
) -> None:
    _WORKER_RUBRICS.clear()
    _WORKER_RUBRICS.update(rubrics)
    _WORKER_STATE.update(main=main, today=today, reviews=reviews, file_timeout=file_timeout)


def _init_pool_worker(
    rubrics: dict[str, Rubric],
    main: str,
    today: dt.date,
    reviews: ReviewSet,
    file_timeout: float | None = None,
) -> None:
    """Set up a worker process; it ignores SIGINT, so that the parent alone decides to stop.

    A Ctrl-C reaches every process of the terminal's process group; the parent
    then stops the workers itself (see :func:`_stop_pool`). A worker whose
    parent is gone without stopping it (killed with SIGKILL) ends on its own.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_orphaned()
    _init_worker(rubrics, main, today, reviews, file_timeout)


def _exit_when_orphaned() -> None:
    """End this worker process as soon as the process that started it is gone.

    Otherwise a worker would wait for work forever, holding the output pipes
    it inherited open, and whatever waits on them (a CI runner) with it.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    try:
        sentinel = parent.sentinel
    except ValueError:  # no way to watch it
        return

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="mcqa-parent-watch", daemon=True).start()


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
        if module in {"mcqa.review", "mcqa.rounds"}:
            return "matching the review forms"
        if module == "mcqa.evaluate" and function in {"type_subject", "type_descriptor"}:
            return "checking the descriptor against the descriptor schema"
        frame = frame.f_back
    return "evaluating the descriptor"


def _evaluate_job(job: _Job) -> DescriptorResult:
    """One file's result; a crash or an exhausted time budget becomes an ``error`` result."""
    if job.refused:
        display = job.path.as_posix()
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
        display = job.path.as_posix()
        failure = Finding(
            rule="time-budget",
            message=f"evaluating this file took longer than its time budget of {seconds:g} s "
            f"(--file-timeout), so mcqa stopped while {exc.doing} and skipped the file",
            file=display,
        )
        return DescriptorResult(
            path=display, descriptor_id=None, decision="error", findings=(failure,)
        )


def _evaluate_file(job: _Job) -> DescriptorResult:
    rubrics = _WORKER_RUBRICS
    today = _WORKER_STATE["today"]
    assert isinstance(today, dt.date)
    display = job.path.as_posix()
    try:
        document = load_path(job.path, display=display)
        rubric = rubrics[job.rubric_key]
        reviews = _WORKER_STATE["reviews"]
        assert isinstance(reviews, ReviewSet)
        data = document.data
        descriptor_id = data.get("id") if isinstance(data, dict) else None
        forms = reviews_for(
            reviews, job.path, descriptor_id if isinstance(descriptor_id, str) else None
        )
        result = evaluate_document(
            document,
            rubric,
            forms,
            today=today,
            waivers=job.waivers,
            earlier=reviews.rubrics,
            inline_waivers=job.inline_waivers,
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
    if job.rubric_key != _WORKER_STATE["main"]:
        used = rubrics[job.rubric_key]
        result = result.model_copy(update={"rubric": RubricRef(id=used.id, version=used.version)})
    return result


def _context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one (Linux, macOS), else ``spawn``; never ``fork``.

    Forking a process that runs threads (a host program's, or the pool's own)
    can deadlock the child, and Python 3.12+ warns about it. Workers receive
    what they need through :func:`_init_pool_worker`, pickled.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


#: How long stopping waits for a worker to end after SIGTERM, before SIGKILL.
_STOP_GRACE = 3.0


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what is queued, end the workers, reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + _STOP_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(_STOP_GRACE)
    if isinstance(manager, threading.Thread):
        manager.join(_STOP_GRACE)


def _run_pool(
    jobs: Sequence[_Job], workers: int, state: _WorkerState, progress: Progress | None
) -> list[DescriptorResult]:
    """Evaluate ``jobs`` on ``workers`` processes, in order.

    Whatever ends the run early (``KeyboardInterrupt``, an exception raised by
    a signal handler, a failing ``progress``) stops the workers before it
    propagates: none is left running.
    """
    total = len(jobs)
    chunk = max(1, min(64, total // (workers * 4) or 1))
    results: list[DescriptorResult] = []
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_pool_worker,
        initargs=state,
    )
    try:
        for done, result in enumerate(pool.map(_evaluate_job, jobs, chunksize=chunk), 1):
            results.append(result)
            if progress:
                progress(done, total)
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return results


def check_catalog(
    plan: CatalogPlan,
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    file_timeout: float | None = None,
) -> Report:
    """Evaluate every planned file and return one report, sorted by path.

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
    """
    today = today or dt.date.today()
    workers = max(1, min(jobs or os.cpu_count() or 1, len(plan.jobs)))
    state: _WorkerState = (plan.rubrics, plan.rubric.ref, today, plan.reviews, file_timeout)
    if workers == 1:
        _init_worker(*state)
        results: list[DescriptorResult] = []
        total = len(plan.jobs)
        for done, job in enumerate(plan.jobs, start=1):
            results.append(_evaluate_job(job))
            if progress:
                progress(done, total)
    else:
        results = _run_pool(plan.jobs, workers, state, progress)
    return build_report(plan.rubric, _flag_shared_ids(results))


def _flag_shared_ids(results: list[DescriptorResult]) -> list[DescriptorResult]:
    """A warning on each descriptor whose ``id`` another descriptor of the run also uses.

    Review forms find their descriptor by id, so a shared id would let one
    descriptor's reviews decide another's standards.
    """
    paths: dict[str, list[str]] = {}
    for result in results:
        if result.descriptor_id is not None:
            paths.setdefault(result.descriptor_id, []).append(result.path)
    flagged = []
    for result in results:
        others = sorted(p for p in paths.get(result.descriptor_id or "", []) if p != result.path)
        if not others:
            flagged.append(result)
            continue
        position = load_path(result.path).source_map.locate("/id")
        warning = Finding(
            rule="duplicate-id",
            message=f"the id {result.descriptor_id!r} is also the id of {', '.join(others)}; "
            "give each descriptor its own id (review forms find their descriptor by id)",
            severity="warning",
            file=result.path,
            line=position.line if position else None,
            column=position.column if position else None,
            pointer="/id",
        )
        findings = tuple(sorted((*result.findings, warning), key=Finding.sort_key))
        flagged.append(result.model_copy(update={"findings": findings}))
    return flagged
