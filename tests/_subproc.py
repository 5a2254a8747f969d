"""Run exitlint as a real CLI subprocess under resource limits, measuring time and peak memory.

The package under test is the one this interpreter imports (pip-installed in CI; PYTHONPATH in a
source checkout), or the directory named by EXITLINT_TEST_SRC when that is set.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


def child_env(extra: dict[str, str] | None = None, cache: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    src = os.environ.get("EXITLINT_TEST_SRC")
    env["PYTHONPATH"] = src if src else os.pathsep.join(p for p in sys.path if p)
    env.pop("PYTHONFAULTHANDLER", None)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)  # never the user's cache: every run really scans
    env.update(extra or {})
    return env


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak RSS of the process (and of the workers it waited for)
    timed_out: bool


def run_cli(args: list[str], cwd: Path, *, timeout: float = 60, mem_mb: int = 3072,
            cpu_s: int = 120, env: dict[str, str] | None = None,
            stdin_data: bytes | None = None) -> Run:
    """`python -m exitlint ARGS` in `cwd` with RLIMIT_AS/RLIMIT_CPU set in the child."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb * MB, mem_mb * MB))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))

    out_path, err_path = cwd.parent / f".out-{os.getpid()}", cwd.parent / f".err-{os.getpid()}"
    import subprocess

    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "exitlint", *args], cwd=cwd,
                                env=env or child_env(), stdout=out, stderr=err,
                                stdin=subprocess.PIPE if stdin_data is not None
                                else subprocess.DEVNULL,
                                preexec_fn=limits, start_new_session=True)
        if stdin_data is not None and proc.stdin is not None:
            proc.stdin.write(stdin_data)
            proc.stdin.close()
        timed_out = False
        while True:  # wait4 (not Popen.wait) so the rusage of this very child is ours
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
    proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    seconds = time.monotonic() - start
    stdout = out_path.read_bytes().decode("utf-8", "replace")
    stderr = err_path.read_bytes().decode("utf-8", "replace")
    out_path.unlink()
    err_path.unlink()
    return Run(proc.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024, timed_out)


def from_a_terminal(argv: list[str]) -> list[str]:
    """`argv` started as a shell in a terminal starts it: Ctrl-C at its default action and not
    blocked. A test run started in the background (`pytest &`, nohup, some CI runners) ignores
    SIGINT, and a child would inherit that and never see the Ctrl-C this test sends."""
    start = ("import os, signal, sys\n"
             "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
             "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})\n"
             "os.execv(sys.argv[1], sys.argv[1:])\n")
    return [sys.executable, "-c", start, *argv]
