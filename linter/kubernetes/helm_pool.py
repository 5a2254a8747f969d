"""Helm renderer processes kept for the next chart.

Loading helm-python-sdk (a ~75 MB shared library) costs a renderer process about half a second,
more than rendering most charts: a repository with 50 charts spent most of its cold Kubernetes
scan starting renderers. A process (`helm_worker --serve`) now renders one chart per request line
and waits for the next. What the one-process-per-chart design guaranteed still holds per chart:
each request has its own `timeout`, after which that process is killed (the next chart gets a
fresh one); a process that dies or answers garbage fails only the chart it was rendering; a
process is retired after `MAX_RENDERS` charts so memory cannot grow without bound; processes
are closed when the Kubernetes part of the scan ends (and at exit), and a process inherited
through fork is never used by the child.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from typing import IO, TYPE_CHECKING

# subprocess, selectors and tempfile are imported by the code that starts and asks a renderer:
# the Kubernetes scan imports this module (to close the pool) for every file, charts or not,
# and they cost it ~8 ms at start-up.
if TYPE_CHECKING:
    import subprocess

MAX_RENDERS = 25  # charts per process before it is replaced
_STDERR_TAIL = 4096


class _Worker:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import subprocess  # see the imports
        import tempfile

        # never a pipe, which could fill up; closed with the process (close())
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, env=env, cwd=tempfile.gettempdir())
        self.renders = 0
        self.pid = os.getpid()  # the process that started it (fork safety)

    def ask(self, line: bytes, timeout: float) -> tuple[bytes | None, str]:
        """The answer line, or (None, why) when the process died or `timeout` passed (then it
        has been killed)."""
        import selectors  # see the imports

        assert self.proc.stdin is not None and self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        try:
            self.proc.stdin.write(line + b"\n")
            self.proc.stdin.flush()
        except OSError:
            return None, "exited"
        fd = self.proc.stdout.fileno()
        chunks: list[bytes] = []
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    self.kill()
                    return None, "timeout"
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return None, "exited"
                chunks.append(chunk)
                if chunk.endswith(b"\n"):
                    self.renders += 1
                    return b"".join(chunks), ""

    def stderr_tail(self) -> str:
        try:
            self.stderr.seek(max(0, self.stderr.seek(0, os.SEEK_END) - _STDERR_TAIL))
            return self.stderr.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.close()

    def close(self) -> None:
        import subprocess  # see the imports (loaded by now: __init__ started the process)

        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


class Pool:
    """Idle renderer processes; a thread takes one (or starts one), asks, and gives it back."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, ...], list[_Worker]] = {}  # by argv and environment
        self._lock = threading.Lock()

    def ask(self, argv: list[str], env: dict[str, str], line: bytes, timeout: float
            ) -> subprocess.CompletedProcess[str]:
        """`line` answered by a renderer within `timeout` (subprocess.TimeoutExpired past it),
        as the one-shot process would have answered: its stdout, and its stderr on failure."""
        import subprocess  # see the imports

        key = (*argv, "\0", *sorted(f"{k}={v}" for k, v in env.items()))
        worker = self._take(key, argv, env)
        answer, why = worker.ask(line, timeout)
        if why == "timeout":
            raise subprocess.TimeoutExpired(argv, timeout)
        if answer is None:
            tail = worker.stderr_tail()
            code = worker.proc.wait()
            worker.close()
            return subprocess.CompletedProcess(argv, code, "", tail)
        if worker.renders >= MAX_RENDERS:
            worker.close()
        else:
            with self._lock:
                self._idle.setdefault(key, []).append(worker)
        return subprocess.CompletedProcess(argv, 0, answer.decode("utf-8", "replace"), "")

    def _take(self, key: tuple[str, ...], argv: list[str], env: dict[str, str]) -> _Worker:
        with self._lock:
            idle = self._idle.get(key, [])
            while idle:
                worker = idle.pop()
                if worker.pid == os.getpid() and worker.proc.poll() is None:
                    return worker
        return _Worker(argv, env)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
        for workers in idle.values():
            for worker in workers:
                if worker.pid == os.getpid():  # one inherited through fork is the parent's
                    worker.close()


_pool: Pool | None = None
_pool_lock = threading.Lock()


def pool() -> Pool:
    """This process's pool, created on first use (closed at exit if not before)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = Pool()
            atexit.register(close)
        return _pool


def close() -> None:
    """Ends every idle renderer process (the Kubernetes scan calls this when it is done)."""
    with _pool_lock:
        current = _pool
    if current is not None:
        current.close()

