"""Worker processes that map one task over many files, in order, and stop cleanly.

Both passes of ``mcqa check`` use this: reading the review forms, then scoring
the descriptors. Workers start with ``forkserver`` (``spawn`` where there is
none), never ``fork``: forking a process that runs threads (a host program's,
or the pool's own) can deadlock the child. Each worker is set up once by an
initializer, with pickled arguments; it ignores SIGINT, so that the parent
alone decides to stop, and ends on its own if the parent is killed.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["context", "ordered_map", "stop"]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Items a worker is given at a time, at most: large enough to make sending them cheap,
#: small enough to keep both workers busy to the end.
MAX_CHUNK = 64

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


def ordered_map(
    task: Callable[[_T], _R],
    items: Sequence[_T],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[_R]:
    """``task`` over ``items``, in order, on this process or on ``workers`` processes.

    ``initializer(*initargs)`` sets each process up first (this one too, when
    ``workers`` is 1). Outcomes are yielded as they come (in order) and not
    kept. Whatever ends the run early (``KeyboardInterrupt``, an exception
    raised by a signal handler, a failing ``progress``, the caller closing the
    generator) stops the workers before it propagates: none is left running.
    ``task`` and ``initializer`` must be module-level functions (they are pickled
    by name).
    """
    total = len(items)
    if workers <= 1:
        initializer(*initargs)
        for done, item in enumerate(items, start=1):
            yield task(item)
            if progress:
                progress(done, total)
        return
    chunk = max(1, min(MAX_CHUNK, total // (workers * 4) or 1))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context(),
        initializer=_start_worker,
        initargs=(initializer, initargs),
    )
    try:
        for done, outcome in enumerate(pool.map(task, items, chunksize=chunk), 1):
            yield outcome
            if progress:
                progress(done, total)
    except BaseException:  # GeneratorExit included: the caller stopped reading
        stop(pool)
        raise
    pool.shutdown(wait=True)
