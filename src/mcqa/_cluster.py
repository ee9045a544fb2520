"""Scoring a catalog on a Dask cluster, when one machine is not enough.

Scoring one descriptor is a pure function of the file, the rubrics, the
review forms and the day; so a catalog can be spread over the workers of an
existing Dask cluster (``pip install 'mcqa-standard[dask]'``) with the same results as
a local run, byte for byte. mcqa schedules nothing itself: it sends the work
state to every worker once (``Client.scatter(..., broadcast=True)``), submits
the files in chunks through ``Client.submit``, keeps only a bounded window of
chunks in flight, and takes the results back in path order, so that reports
still stream and memory stays flat.

The workers read the descriptor files, and the review forms of each, themselves:
they must see them at the same absolute paths (a shared file system, or a
cluster on this machine).
Reports show the paths as they were given.

>>> from mcqa._cluster import chunks
>>> [len(c) for c in chunks(list(range(10)), 4)]
[4, 4, 2]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar

__all__ = ["ClusterUnavailable", "chunks", "outcomes_on_cluster"]

_T = TypeVar("_T")

#: Files per task: large enough to make a task's overhead small, small enough to balance.
CHUNK = 64
#: Tasks kept in flight per worker thread.
WINDOW = 4
#: How long to wait for the scheduler to answer.
CONNECT_TIMEOUT = "30s"


class ClusterUnavailable(RuntimeError):
    """The cluster cannot be used: Dask is not installed, or the scheduler does not answer."""


def chunks(items: Sequence[_T], size: int) -> list[Sequence[_T]]:
    """``items`` in consecutive pieces of ``size`` (the last may be shorter)."""
    return [items[i : i + size] for i in range(0, len(items), size)]


def _score_chunk(jobs: Sequence[Any], state: tuple[Any, ...], token: str) -> list[Any]:
    """On a worker: set up the run's state once, then score and render each file."""
    from mcqa import catalog

    if catalog._WORKER_STATE.get("token") != token:
        catalog._init_worker(*state)
        catalog._WORKER_STATE["token"] = token
    return [catalog._render_job(job) for job in jobs]


def outcomes_on_cluster(
    jobs: Sequence[Any],
    state: tuple[Any, ...],
    scheduler: str,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Any]:
    """Each job's rendered result (or skip), in order, computed on the cluster at ``scheduler``.

    Raises :class:`ClusterUnavailable`, with a plain message, when Dask is not
    installed or the scheduler cannot be reached (before anything is yielded).
    """
    try:
        from distributed import Client
    except ImportError as exc:  # the optional extra
        raise ClusterUnavailable(
            "scoring on a cluster needs Dask: pip install 'mcqa-standard[dask]'"
        ) from exc
    import uuid

    remote = [replace(job, file=str(job.path.resolve()), display=job.shown) for job in jobs]
    total = len(remote)
    connect: Any = Client  # distributed's own annotations are partial
    try:
        client = connect(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:  # refused, timed out, or not an address
        raise ClusterUnavailable(
            f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT}: {exc}"
        ) from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        shared = client.scatter(state, broadcast=True)
        token = uuid.uuid4().hex
        pending: deque[Any] = deque()
        queue = deque(chunks(remote, CHUNK))
        done = 0

        def submit() -> None:
            while queue and len(pending) < threads * WINDOW:
                piece = queue.popleft()
                pending.append(client.submit(_score_chunk, piece, shared, token, pure=False))

        submit()
        while pending:
            future = pending.popleft()
            outcomes = future.result()
            future.release()
            submit()
            for outcome in outcomes:
                yield outcome
                done += 1
                if progress:
                    progress(done, total)
    finally:
        client.close()
