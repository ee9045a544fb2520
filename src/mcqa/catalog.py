"""Check a whole catalog: find descriptor files, evaluate each, in parallel, deterministically.

Usage, as ``mcqa check`` does it::

    loaded = load_config()
    files = discover([Path("catalog")], loaded)
    plan = plan_catalog(files, mcqa.load_rubric("mcqa-core@^1"), loaded)
    report = check_catalog(plan, jobs=2)
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from mcqa.config import LoadedConfig
from mcqa.evaluate import build_report, evaluate_document
from mcqa.load import load_path
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, RubricRef
from mcqa.models.rubric import Rubric
from mcqa.review import ReviewSet, reviews_for
from mcqa.waivers import WaiverRule

__all__ = ["DESCRIPTOR_SUFFIXES", "CatalogPlan", "check_catalog", "discover", "plan_catalog"]

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
    paths: Sequence[Path], loaded: LoadedConfig, *, reviews: Path | None = None
) -> list[Path]:
    """Descriptor files: files named directly, plus matching files under folders.

    Folders are searched recursively for the configured ``include`` globs
    (default: every .yaml, .yml and .json file), minus ``exclude``; hidden
    files and folders, the configuration file and the review-forms folder
    (``reviews``, else the configuration's) are skipped.
    Globs are matched against paths relative to the configuration's folder.
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
        if given.is_file():
            found[given] = None
            continue
        for path in sorted(given.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in DESCRIPTOR_SUFFIXES:
                continue
            parts = path.relative_to(given).parts
            if any(part.startswith(".") for part in parts) or path.resolve() in skip:
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
) -> CatalogPlan:
    """Pair each file with its rubric (per-path overrides) and the waivers covering it."""
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
    return CatalogPlan(rubric, tuple(jobs), rubrics, reviews or ReviewSet())


# -- workers ---------------------------------------------------------------------

_WORKER_RUBRICS: dict[str, Rubric] = {}
_WORKER_STATE: dict[str, object] = {}


def _init_worker(rubrics: dict[str, Rubric], main: str, today: dt.date, reviews: ReviewSet) -> None:
    _WORKER_RUBRICS.clear()
    _WORKER_RUBRICS.update(rubrics)
    _WORKER_STATE.update(main=main, today=today, reviews=reviews)


def _evaluate_job(job: _Job) -> DescriptorResult:
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
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def check_catalog(
    plan: CatalogPlan,
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Report:
    """Evaluate every planned file and return one report, sorted by path.

    ``jobs`` worker processes (default: all cores); the report is the same,
    byte for byte, whatever the number of workers.
    """
    today = today or dt.date.today()
    workers = max(1, min(jobs or os.cpu_count() or 1, len(plan.jobs)))
    results: list[DescriptorResult] = []
    total = len(plan.jobs)
    if workers == 1:
        _init_worker(plan.rubrics, plan.rubric.ref, today, plan.reviews)
        for done, job in enumerate(plan.jobs, start=1):
            results.append(_evaluate_job(job))
            if progress:
                progress(done, total)
    else:
        chunk = max(1, min(64, total // (workers * 4) or 1))
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(plan.rubrics, plan.rubric.ref, today, plan.reviews),
        ) as pool:
            for done, result in enumerate(pool.map(_evaluate_job, plan.jobs, chunksize=chunk), 1):
                results.append(result)
                if progress:
                    progress(done, total)
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
