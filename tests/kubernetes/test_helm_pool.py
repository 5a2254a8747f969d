"""Renderer processes are kept for the next chart (kubernetes/helm_pool.py), and each chart keeps
what a process of its own gave it: its own time limit, its own failure, the same answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from exitlint.kubernetes import helm_pool
from exitlint.kubernetes.render import RENDER_WORKERS

# A stand-in renderer speaking the same protocol: one request line in, one answer line out.
FAKE = textwrap.dedent("""
    import json, os, sys, time
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("sleep"):
            time.sleep(req["sleep"])
        if req.get("die"):
            sys.stderr.write("fatal: the engine crashed\\n"); sys.stderr.flush()
            os._exit(3)
        print(json.dumps({"pid": os.getpid(), "env": os.environ.get("MARK", ""),
                          "echo": req.get("echo")}), flush=True)
""")


@pytest.fixture
def fake(tmp_path: Path) -> list[str]:
    script = tmp_path / "fake_renderer.py"
    script.write_text(FAKE, encoding="utf-8")
    return [sys.executable, str(script)]


def ask(pool: helm_pool.Pool, argv: list[str], request: dict[str, object],
        timeout: float = 20.0, mark: str = "a") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MARK=mark)
    return pool.ask(argv, env, json.dumps(request).encode(), timeout)


def test_a_process_answers_many_requests_in_order(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    try:
        answers = [json.loads(ask(pool, fake, {"echo": i}).stdout) for i in range(5)]
        assert [a["echo"] for a in answers] == list(range(5))
        assert len({a["pid"] for a in answers}) == 1  # one process started, not five
    finally:
        pool.close()


def test_a_request_past_its_time_limit_kills_only_that_process(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    try:
        first = json.loads(ask(pool, fake, {"echo": 1}).stdout)["pid"]
        with pytest.raises(subprocess.TimeoutExpired):
            ask(pool, fake, {"sleep": 30}, timeout=0.5)
        with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
            os.kill(first, 0)
        after = json.loads(ask(pool, fake, {"echo": 2}).stdout)
        assert after["echo"] == 2 and after["pid"] != first  # the next chart: a fresh process
    finally:
        pool.close()


def test_a_process_that_dies_fails_its_request_with_its_stderr(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    try:
        proc = ask(pool, fake, {"die": True})
        assert proc.returncode == 3 and proc.stdout == ""
        assert "the engine crashed" in proc.stderr
        assert json.loads(ask(pool, fake, {"echo": 3}).stdout)["echo"] == 3
    finally:
        pool.close()


def test_processes_are_retired_after_max_renders(fake: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(helm_pool, "MAX_RENDERS", 2)
    pool = helm_pool.Pool()
    try:
        pids = [json.loads(ask(pool, fake, {"echo": i}).stdout)["pid"] for i in range(5)]
        assert pids[0] == pids[1] != pids[2] == pids[3] != pids[4]
    finally:
        pool.close()


def test_another_environment_gets_another_process(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    try:
        a = json.loads(ask(pool, fake, {}, mark="a").stdout)
        b = json.loads(ask(pool, fake, {}, mark="b").stdout)
        assert (a["env"], b["env"]) == ("a", "b") and a["pid"] != b["pid"]
    finally:
        pool.close()


def test_close_ends_idle_processes(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    pid = json.loads(ask(pool, fake, {}).stdout)["pid"]
    pool.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped by close()


def test_a_forked_child_never_uses_the_parents_processes(fake: list[str]) -> None:
    pool = helm_pool.Pool()
    try:
        parent = json.loads(ask(pool, fake, {}).stdout)["pid"]
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            try:
                got = json.loads(ask(pool, fake, {}).stdout)["pid"]
                pool.close()
                os.write(write, str(got).encode())
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(child, 0)
        got = int(os.read(read, 100))
        os.close(read)
        assert got != parent
        assert json.loads(ask(pool, fake, {}).stdout)["pid"] == parent  # still the parent's
    finally:
        pool.close()


def test_serve_keeps_answers_clean_of_what_the_engine_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything printed while rendering goes to standard error, never into an answer line."""
    probe = textwrap.dedent(f"""
        import sys
        sys.path[:0] = {[p for p in sys.path if p]!r}
        from exitlint.kubernetes import helm_worker
        def noisy(request):
            print("engine noise on stdout", flush=True)
            return {{"manifests": {{"t.yaml": request["name"]}}, "dependencies": []}}
        helm_worker.render = noisy
        sys.exit(helm_worker.serve())
    """)
    chart = str(tmp_path)
    lines = "".join(json.dumps({"chart": chart, "name": n}) + "\n" for n in ("a", "b"))
    proc = subprocess.run([sys.executable, "-c", probe], input=lines + "\nnot json\n",
                          capture_output=True, text=True, timeout=60, check=False)
    out = proc.stdout.splitlines()
    assert [json.loads(x) for x in out] == [
        {"manifests": {"t.yaml": "a"}, "dependencies": []},
        {"manifests": {"t.yaml": "b"}, "dependencies": []},
        {"error": "bad request (JSONDecodeError)"}]
    assert "engine noise on stdout" in proc.stderr


def test_one_scan_starts_fewer_renderers_than_charts(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("helm_python")
    from exitlint.app import ScanOptions, scan

    for i in range(6):
        chart = tmp_path / f"chart{i}"
        (chart / "templates").mkdir(parents=True)
        (chart / "Chart.yaml").write_text(f"apiVersion: v2\nname: c{i}\nversion: 0.1.0\n")
        (chart / "values.yaml").write_text("image: ghcr.io/shadowsocks/ssserver-rust:v1\n")
        (chart / "templates" / "d.yaml").write_text(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Chart.Name }}\n"
            "spec:\n  template:\n    spec:\n      containers:\n        - name: s\n"
            "          image: {{ .Values.image }}\n")
    started: list[int] = []
    real = helm_pool._Worker.__init__

    def counting(self: helm_pool._Worker, argv: list[str], env: dict[str, str]) -> None:
        started.append(1)
        real(self, argv, env)

    monkeypatch.setattr(helm_pool._Worker, "__init__", counting)
    result = scan(ScanOptions(paths=[tmp_path], base=tmp_path, use_cache=False))
    per_chart = sorted({f.span.file for f in result.findings if f.check_id == "XB701"})
    assert per_chart == [f"chart{i}/templates/d.yaml" for i in range(6)]
    assert 1 <= len(started) <= RENDER_WORKERS < 6
    assert helm_pool.pool()._idle == {}  # closed when the Kubernetes part ended


def test_ctrl_c_while_charts_render_exits_130_and_leaves_no_renderer(tmp_path: Path) -> None:
    pytest.importorskip("helm_python")
    import signal
    import time

    from _subproc import child_env, from_a_terminal

    (tmp_path / ".git").mkdir()
    for i in range(12):
        chart = tmp_path / f"chart{i}"
        (chart / "templates").mkdir(parents=True)
        (chart / "Chart.yaml").write_text(f"apiVersion: v2\nname: c{i}\nversion: 0.1.0\n")
        (chart / "templates" / "cm.yaml").write_text(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\n")
    proc = subprocess.Popen(from_a_terminal([sys.executable, "-m", "exitlint", "--no-cache",
                                             "--quiet", "."]),
                            cwd=tmp_path, env=child_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    renderers: list[str] = []
    while time.monotonic() < deadline and proc.poll() is None and not renderers:
        try:
            kids = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        except OSError:
            kids = []
        renderers = [k for k in kids if b"helm_worker" in Path(f"/proc/{k}/cmdline")
                     .read_bytes()] if kids else []
        time.sleep(0.01)
    if not renderers:
        proc.kill()
        proc.communicate()
        pytest.skip("the scan ended before a renderer started")
    os.killpg(proc.pid, signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err[-2000:]
    assert b"Traceback" not in err
    for pid in renderers:  # each renderer ends with the scan (gone, or a zombie awaiting init)
        assert _ends(int(pid), 20.0), f"renderer {pid} still running after the scan ended"


def _ends(pid: int, within: float) -> bool:
    import time

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return True
        if "\nState:\tZ" in status:
            return True
        time.sleep(0.05)
    return False
