"""The parallel runner (linter/parallel.py) knows no front end: it maps chunks of any units over
forked workers, in chunk order, with workers that ignore Ctrl-C, and runs serially when a pool
is not wanted or cannot be had."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest
from exitlint import parallel


def test_results_come_back_in_chunk_order_from_worker_processes() -> None:
    def work(chunk: list[int]) -> list[tuple[int, int]]:
        return [(n * n, os.getpid()) for n in chunk]

    chunks = [[5, 4], [3], [2, 1, 0]]
    done = parallel.map_units(work, chunks, 3, lambda: pytest.fail("ran serially"))
    assert [sq for sq, _ in done] == [25, 16, 9, 4, 1, 0]
    assert os.getpid() not in {pid for _, pid in done}  # each chunk ran in a forked worker
    assert parallel._WORK is None  # the parent never holds a worker's function


def test_work_reaches_the_workers_through_the_fork_unpickled() -> None:
    state = {"offset": 100}  # a closure over a local: pickling `work` would fail

    def work(chunk: list[int]) -> list[int]:
        return [n + state["offset"] for n in chunk]

    assert parallel.map_units(work, [[1], [2]], 2, list) == [101, 102]


def test_workers_ignore_sigint_and_the_parent_keeps_its_handler() -> None:
    def work(chunk: list[int]) -> list[bool]:
        return [signal.getsignal(signal.SIGINT) is signal.SIG_IGN for _ in chunk]

    before = signal.getsignal(signal.SIGINT)
    assert parallel.map_units(work, [[1], [2]], 2, list) == [True, True]
    assert signal.getsignal(signal.SIGINT) is before
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_one_job_runs_serially() -> None:
    assert parallel.map_units(lambda c: pytest.fail("pooled"), [[1], [2]], 1,
                              lambda: ["serial"]) == ["serial"]


def test_no_pool_falls_back_to_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(method: str) -> None:
        raise ValueError(f"cannot find context for {method!r}")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    assert parallel.map_units(lambda c: c, [[1], [2]], 2, lambda: ["serial"]) == ["serial"]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())
