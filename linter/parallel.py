"""Map units of work over a pool of forked worker processes, in a deterministic order.

Knows no front end: the caller groups its units into chunks (units that share work belong in
one chunk) and gives the function that does one chunk. The function reaches the workers
through the fork, never pickled (it may close over anything); the chunks and the results are
pickled. Ctrl-C reaches the parent alone: workers are forked with SIGINT blocked and then
ignore it; leaving the pool terminates them, also on Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

U = TypeVar("U")
R = TypeVar("R")

# The chunk function of a forked worker: set by the pool initializer in the worker alone (the
# parent never sets it, so pools in one process cannot see each other's work).
_WORK: Callable[[list[Any]], list[Any]] | None = None


def _worker_init(work: Callable[[list[U]], list[R]]) -> None:
    import signal  # see map_units

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a pending Ctrl-C is discarded with it
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    global _WORK
    _WORK = work


def _run(chunk: list[U]) -> list[R]:
    assert _WORK is not None, "runs in a worker started by map_units"
    return _WORK(chunk)


def map_units(work: Callable[[list[U]], list[R]], chunks: Sequence[list[U]], jobs: int,
              serial: Callable[[], list[R]]) -> list[R]:
    """`work` applied to every chunk in up to `jobs` forked workers, the results concatenated
    in chunk order. `serial()` instead when one worker would do or no pool can be had (no fork,
    no processes); also when a worker raises OSError, ValueError or RuntimeError."""
    if jobs <= 1 or not chunks:
        return serial()
    try:
        import multiprocessing  # only when a pool is worth it
        import signal  # likewise (its enums cost a serial run ~0.5 ms at start-up)

        context = multiprocessing.get_context("fork")
        # blocked until the pool exists: a Ctrl-C meanwhile is held for the parent, never lost
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = context.Pool(min(jobs, len(chunks)), initializer=_worker_init,
                                initargs=(work,))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        with pool:
            parts: list[list[R]] = pool.map(_run, chunks, chunksize=1)
    except (OSError, ValueError, RuntimeError):
        return serial()
    return [r for part in parts for r in part]
