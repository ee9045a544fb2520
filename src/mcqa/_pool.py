"""Worker processes that map one task over many files, in order, and stop cleanly.

Both passes of ``mcqa check`` use this: reading the review forms, then scoring
the descriptors. Workers start with ``forkserver`` (``spawn`` where there is
none), never ``fork``: forking a process that runs threads (a host program's,
or the pool's own) can deadlock the child. Each worker is set up once by an
initializer, with pickled arguments; it ignores SIGINT, so that the parent
alone decides to stop, and ends on its own if the parent is killed.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["context", "ordered_pairs", "stop"]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Items a worker is given at a time, at most: large enough to make sending them cheap,
#: small enough to keep both workers busy to the end.
MAX_CHUNK = 64

#: Chunks sent to each worker ahead of the outcome being yielded, at most: enough that a
#: worker never waits for its next chunk, few enough that what is in flight stays small.
WINDOW = 4

#: How long stopping waits for a worker to end after SIGTERM, before SIGKILL.
STOP_GRACE = 3.0


def context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where there is one (Linux, macOS), else ``spawn``; never ``fork``."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: cancel what is queued, end the workers, reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(STOP_GRACE)
    if isinstance(manager, threading.Thread):
        manager.join(STOP_GRACE)
        if manager.is_alive():
            # A worker ended in the middle of sending a result: the pool's thread waits
            # for the rest of it, for ever (and the interpreter, at exit, for that thread).
            # This process holds the only other end of the pipe: closing it ends the wait.
            writer = getattr(results, "_writer", None)
            if writer is not None:
                writer.close()
            manager.join(STOP_GRACE)


def exit_when_orphaned() -> None:
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


def _start_worker(initializer: Callable[..., None], args: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    exit_when_orphaned()
    initializer(*args)


def _run_chunk(task: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
    return [task(item) for item in items]


def ordered_pairs(
    task: Callable[[_T], _R],
    items: Iterable[_T],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
    per_worker: int = 1,
) -> Iterator[tuple[_T, _R]]:
    """Each item with ``task(item)``, in order, on this process or on up to ``workers``
    processes.

    ``items`` may be a sequence or a lazy iterable (a walk of a folder): it is
    read as the work goes, never whole, and at most :data:`WINDOW` chunks per
    worker are sent ahead of the outcome being yielded, so that neither the items
    nor the outcomes of a large catalog are ever all in memory. No more workers
    start than there are ``per_worker`` items for each (``per_worker`` items or
    fewer in all: this process alone). ``initializer(*initargs)`` sets each
    process up first (this one too, when it does the work). Outcomes are yielded
    as they come (in order) and not kept. ``progress(done, total)`` is called
    after each (``total``: as given, else the number of items when they are a
    sequence, else 0). Whatever ends the run early (``KeyboardInterrupt``, an
    exception raised by a signal handler, a failing ``progress``, the caller
    closing the generator) stops the workers before it propagates: none is left
    running. ``task`` and ``initializer`` must be module-level functions (they
    are pickled by name).
    """
    if total is None:
        total = len(items) if isinstance(items, Sized) else 0
    source = iter(items)
    # The head of the items decides how many workers pay, and the size of a chunk: as
    # many items as every worker's share of the window, or all of them.
    head = list(itertools.islice(source, max(workers * per_worker, workers * WINDOW * MAX_CHUNK)))
    known = len(head) < max(workers * per_worker, workers * WINDOW * MAX_CHUNK)
    if known:
        workers = min(workers, len(head) // per_worker)
    if workers <= 1:
        initializer(*initargs)
        for done, item in enumerate(itertools.chain(head, source), start=1):
            yield item, task(item)
            if progress:
                progress(done, total)
        return
    chunk = max(1, min(MAX_CHUNK, len(head) // (workers * WINDOW))) if known else MAX_CHUNK
    chunks = _chunked(itertools.chain(head, source), chunk)
    del head
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context(),
        initializer=_start_worker,
        initargs=(initializer, initargs),
    )
    try:
        pending: collections.deque[tuple[list[_T], Future[list[_R]]]] = collections.deque()
        done = 0
        while True:
            while len(pending) < workers * WINDOW:
                part = next(chunks, None)
                if part is None:
                    break
                pending.append((part, pool.submit(_run_chunk, task, part)))
            if not pending:
                break
            sent, future = pending.popleft()
            for item, outcome in zip(sent, future.result(), strict=True):
                done += 1
                yield item, outcome
                if progress:
                    progress(done, total)
            del sent, future
    except BaseException:  # GeneratorExit included: the caller stopped reading
        stop(pool)
        raise
    pool.shutdown(wait=True)


def _chunked(items: Iterator[_T], size: int) -> Iterator[list[_T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
