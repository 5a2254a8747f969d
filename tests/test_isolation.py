"""No network, no execution, same bytes every time (issue 7, parts 3-5).

- A full scan (Terraform and Kubernetes examples, plus files that try to smuggle Python in) runs
  in a subprocess whose `sitecustomize` makes every connect, name lookup, subprocess and exec
  raise and be recorded; the test fails on any record. The renderers of charts and overlays
  (the Helm worker, `kubectl kustomize`) are the only processes allowed, and the Helm worker
  runs under the same guard (no socket).
- The same scan under different PYTHONHASHSEED values, file creation orders and --jobs gives
  byte-identical JSON and SARIF.
- Module sources outside the repository are read only with --allow-outside-root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _subproc import child_env, run_cli

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

SITECUSTOMIZE = '''
import os, socket, subprocess, sys

_LOG = os.environ.get("EXITLINT_AUDIT_LOG")


def _record(what):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {what}\\n")


def _deny(name):
    def deny(*args, **kwargs):
        _record(name)
        raise PermissionError(f"exitlint test: {name} is forbidden")
    return deny


# The renderers are the one exception, and only they: the Helm worker (a Python child that
# loads this file too, so its sockets are denied as well) and `kubectl`/`kustomize` on local
# files. Each allowed start is recorded apart.
import threading
_ALLOWED = threading.local()
_popen_init = subprocess.Popen.__init__


def _renderer(args):
    argv = [str(a) for a in (args if isinstance(args, (list, tuple)) else [args])]
    if argv[:2] == [sys.executable, "-m"] and argv[2:3] == ["exitlint.kubernetes.helm_worker"]:
        return True
    return bool(argv) and os.path.basename(argv[0]) in ("kubectl", "kustomize")


def _popen(self, args, *a, **k):
    if not _renderer(args):
        _record("subprocess.Popen")
        raise PermissionError("exitlint test: subprocess.Popen is forbidden")
    _record("renderer " + " ".join(str(x) for x in args[:3]))
    _ALLOWED.on = True
    try:
        return _popen_init(self, args, *a, **k)
    finally:
        _ALLOWED.on = False


socket.socket.connect = _deny("socket.connect")
socket.socket.connect_ex = _deny("socket.connect_ex")
socket.create_connection = _deny("socket.create_connection")
socket.getaddrinfo = _deny("socket.getaddrinfo")
socket.gethostbyname = _deny("socket.gethostbyname")
subprocess.Popen.__init__ = _popen
os.system = _deny("os.system")
os.popen = _deny("os.popen")
for _name in ("execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
              "posix_spawn", "posix_spawnp", "spawnv", "spawnve", "spawnl", "spawnle"):
    if hasattr(os, _name):
        setattr(os, _name, _deny("os." + _name))

_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "subprocess.Popen",
           "os.system", "os.exec", "os.posix_spawn", "os.spawn", "urllib.Request", "ctypes.dlopen"}


def _audit(event, args):
    if getattr(_ALLOWED, "on", False) and event in ("subprocess.Popen", "os.posix_spawn",
                                                    "os.exec"):
        return
    if event == "ctypes.dlopen" and args and args[0] is None:
        return  # `import ctypes` opens the running interpreter itself: no foreign code
    if event == "ctypes.dlopen" and "libhelm_c" in str(args[0] if args else ""):
        _record("renderer library loaded")  # Helm's engine, in the worker
        return
    if event in _EVENTS:
        _record("audit " + event)
        raise PermissionError(f"exitlint test: {event} is forbidden")


sys.addaudithook(_audit)
_record("sitecustomize loaded")
'''

INJECTION_TF = '''\
provider "aws" {
  region = "cn-north-1"
}

locals {
  a = "${__import__("os")}"
  b = __import__("os")
  c = eval("__import__('os').system('touch MARKER')")
  d = file("/etc/passwd")
  e = templatefile("/etc/hostname", {})
}

resource "aws_customer_gateway" "x" {
  ip_address = local.a
  bgp_asn    = exec("touch MARKER")
}

resource "aws_customer_gateway" "y" {
  ip_address = "${__import__('os').system('touch MARKER')}"
}

module "remote" {
  source = "git::https://example.com/evil.git"
}

module "registry" {
  source  = "hashicorp/consul/aws"
  version = "0.1.0"
}
'''

INJECTION_YAML = '''\
apiVersion: v1
kind: Pod
metadata:
  name: evil
spec: !!python/object/apply:os.system ["touch MARKER"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: evil2
data:
  x: !!python/name:os.system
  y: !!python/object/new:subprocess.Popen [["touch", "MARKER"]]
'''


def _guarded_env(tmp: Path) -> tuple[dict[str, str], Path]:
    site = tmp / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp / "audit.log"
    env = child_env(cache=tmp / "cache")
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
    env["EXITLINT_AUDIT_LOG"] = str(log)
    return env, log


def test_harness_catches_a_connection(tmp_path: Path) -> None:
    env, log = _guarded_env(tmp_path)
    proc = subprocess.run([sys.executable, "-c", "import socket\n"
                           "try:\n socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
                           "except PermissionError:\n pass\n"
                           "import os\ntry:\n os.system('true')\nexcept PermissionError:\n pass\n"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    records = log.read_text()
    assert "socket.create_connection" in records and "os.system" in records


def test_full_scan_never_touches_network_or_executes(tmp_path: Path) -> None:
    env, log = _guarded_env(tmp_path)
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "examples")
    (work / ".git").mkdir()
    (work / "evil").mkdir()
    (work / "evil" / "main.tf").write_text(INJECTION_TF)
    (work / "evil" / "pod.yaml").write_text(INJECTION_YAML)
    (work / "evil" / "plan.json").write_text(json.dumps(
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
            {"address": "aws_customer_gateway.p", "type": "aws_customer_gateway", "name": "p",
             "mode": "managed", "values": {"ip_address": "${__import__('os')}"}}]}}}))
    run = run_cli(["--format", "json", "--output", f"sarif={tmp_path / 'out.sarif'}", "."], work,
                  env=env, timeout=120)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.code in (1, 2), run.stderr
    records = log.read_text().splitlines()
    assert any("sitecustomize loaded" in r for r in records)  # the guard was really on
    attempts = [r for r in records if "sitecustomize loaded" not in r and "renderer" not in r]
    assert not attempts, attempts
    # the charts and overlays among the examples were rendered under the same guard
    from exitlint.kubernetes import helm, kustomize
    if helm.renderer_available():
        assert any("renderer library loaded" in r for r in records), records
    if kustomize.renderer() is not None:
        assert any(r.split(" ", 1)[1].startswith("renderer /") and "kustomize" in r
                   for r in records), records
    assert not (work / "MARKER").exists() and not (work / "evil" / "MARKER").exists()
    report = json.loads(run.stdout)
    assert report["summary"]["findings"] > 100  # the examples were really scanned
    evil = [f for f in report["findings"] if f["file"] == "evil/main.tf"]
    assert evil and all(f["severity"] != "error" for f in evil), evil  # Unknown ends: warnings
    assert "root:" not in run.stdout  # file("/etc/passwd") is outside the repository: not read


# -- determinism ---------------------------------------------------------------------------------
def _tree(root: Path, order: list[int], names: dict[int, str]) -> None:
    """Examples plus enough generated modules (>400 files) for --jobs to fork workers."""
    (root / ".git").mkdir(parents=True)
    for i in order:
        d = root / names[i]
        d.mkdir(parents=True)
        for j in (list(range(5)) if i % 2 else list(reversed(range(5)))):
            peer = "18.184.10.10" if (i + j) % 3 == 0 else "114.114.114.114"
            (d / f"f{j}.tf").write_text(textwrap.dedent(f'''\
                resource "aws_customer_gateway" "g{j}" {{
                  ip_address = "{peer}"
                  bgp_asn    = {65000 + j}
                }}
                '''))
        (d / "providers.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n')
    shutil.copytree(EXAMPLES, root / "examples")


def _jobs_flag() -> bool:
    out = subprocess.run([sys.executable, "-m", "exitlint", "scan", "--help"], env=child_env(),
                         capture_output=True, text=True, timeout=60).stdout
    return "--jobs" in out


def test_same_bytes_whatever_hash_seed_order_and_jobs(tmp_path: Path) -> None:
    n = 80
    names = {i: f"mod{i:03d}" for i in range(n)}
    renamed = {i: f"z{n - i:03d}-mod{i:03d}" for i in range(n)}  # other names, other walk order
    trees = {"forward": (list(range(n)), names), "backward": (list(reversed(range(n))), names)}
    for label, (order, nm) in trees.items():
        _tree(tmp_path / label, order, nm)
    outputs: dict[str, tuple[bytes, bytes]] = {}
    jobs = _jobs_flag()
    runs = [("forward", "0", "1"), ("forward", "1", "2"), ("backward", "12345", "1"),
            ("backward", "0", "2")]
    for label, seed, j in runs:
        root = tmp_path / label
        args = ["--format", "json", "--output", "sarif=out.sarif", "--no-cache"] if jobs else \
            ["--format", "json", "--output", "sarif=out.sarif"]
        if jobs:
            args += ["--jobs", j]
        run = run_cli([*args, "."], root, timeout=120,
                      env=child_env({"PYTHONHASHSEED": seed}, cache=tmp_path / f"c{seed}{j}"))
        assert run.code == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
        outputs[f"{label}/{seed}/{j}"] = (run.stdout.encode(), (root / "out.sarif").read_bytes())
    first = next(iter(outputs.values()))
    assert json.loads(first[0])["summary"]["findings"] > 100
    for key, value in outputs.items():
        assert value[0] == first[0], f"JSON differs: {key}"
        assert value[1] == first[1], f"SARIF differs: {key}"
    # renamed directories: the same findings, in the (new) sorted order of the new names
    _tree(tmp_path / "renamed", list(range(n)), renamed)
    run = run_cli(["--format", "json", "."], tmp_path / "renamed", timeout=120,
                  env=child_env({"PYTHONHASHSEED": "7"}, cache=tmp_path / "cr"))
    ren = json.loads(run.stdout)
    base = json.loads(first[0])
    strip = {f"z{n - i:03d}-mod{i:03d}/": f"mod{i:03d}/" for i in range(n)}

    def norm(text: object) -> str:
        out = str(text)
        for a, b in strip.items():
            out = out.replace(a, b)
        return out

    def key(f: dict[str, object]) -> tuple[object, ...]:
        return (f["check_id"], norm(f["file"]), f["line"], f["resource"], norm(f["message"]))

    assert sorted(map(key, ren["findings"])) == sorted(map(key, base["findings"]))


def test_jobs_in_process_identical(tmp_path: Path) -> None:
    """ScanOptions(jobs=...) in-process gives the same result (the parallel path forks)."""
    import datetime as dt

    from exitlint.app import ScanOptions, scan
    from exitlint.reporters import ReportOptions, get_reporter

    names = {i: f"mod{i:03d}" for i in range(90)}
    _tree(tmp_path, list(range(90)), names)
    texts = []
    for jobs in (1, 2):
        result = scan(ScanOptions(paths=[tmp_path], base=tmp_path, jobs=jobs,
                                  today=dt.date(2026, 1, 1)))
        import io

        out = io.StringIO()
        get_reporter("json")(result, out, ReportOptions())
        texts.append(out.getvalue())
    assert texts[0] == texts[1]


# -- module sources outside the repository ---------------------------------------------------------
def _outside_layout(tmp: Path) -> Path:
    repo = tmp / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "modules" / "vpn").mkdir(parents=True)
    (repo / "modules" / "vpn" / "main.tf").write_text(
        'variable "peer" {}\nresource "aws_customer_gateway" "inside" {\n  ip_address = var.peer\n}\n')
    (tmp / "shared").mkdir()
    (tmp / "shared" / "main.tf").write_text(
        'resource "aws_customer_gateway" "outside" {\n  ip_address = "18.184.10.10"\n}\n')
    (repo / "live").mkdir()
    (repo / "live" / "main.tf").write_text(textwrap.dedent('''\
        provider "aws" {
          region = "cn-north-1"
        }
        module "inside" {
          source = "../modules/vpn"
          peer   = "18.184.10.10"
        }
        module "outside" {
          source = "../../shared"
        }
        '''))
    return repo


def test_module_outside_repository_needs_allow_outside_root(tmp_path: Path) -> None:
    repo = _outside_layout(tmp_path)
    env = child_env(cache=tmp_path / "cache")
    run = run_cli(["--format", "json", "live"], repo, env=env)
    report = json.loads(run.stdout)
    resources = {f["resource"] for f in report["findings"] if f["severity"] == "error"}
    assert "module.inside.aws_customer_gateway.inside" in resources  # ../modules/x still works
    assert not any("outside" in r and "module.outside" in r for r in resources)
    text = run_cli(["live"], repo, env=env).stdout
    assert "outside the repository" in text and "--allow-outside-root" in text, text
    allowed = json.loads(run_cli(["--format", "json", "--allow-outside-root", "live"], repo,
                                 env=env).stdout)
    resources = {f["resource"] for f in allowed["findings"] if f["severity"] == "error"}
    assert "module.outside.aws_customer_gateway.outside" in resources, resources


@pytest.mark.parametrize("with_git", [True, False])
def test_relative_module_inside_root_is_read(tmp_path: Path, with_git: bool) -> None:
    repo = _outside_layout(tmp_path)
    if not with_git:
        (repo / ".git").rmdir()
    run = run_cli(["--format", "json", "."], repo, env=child_env(cache=tmp_path / "cache"))
    resources = {f["resource"] for f in json.loads(run.stdout)["findings"]}
    assert "module.inside.aws_customer_gateway.inside" in resources


def _repo_with_module(root: Path, name: str, peer: str, git: bool) -> Path:
    """A repository whose root calls a module two levels up (`../..`), as the examples of a
    module repository do."""
    repo = root / name
    (repo / "examples" / "basic").mkdir(parents=True)
    if git:
        (repo / ".git").mkdir()
    (repo / "main.tf").write_text(textwrap.dedent(f'''
        variable "peer" {{ default = "{peer}" }}
        resource "aws_customer_gateway" "{name}" {{
          bgp_asn    = 65000
          ip_address = var.peer
          type       = "ipsec.1"
        }}
        '''))
    (repo / "examples" / "basic" / "main.tf").write_text(textwrap.dedent('''
        provider "aws" {
          region = "cn-north-1"
        }
        module "this" {
          source = "../.."
          peer   = "18.184.10.10"
        }
        '''))
    return repo


@pytest.mark.parametrize("git", [True, False])
@pytest.mark.parametrize("inside_cwd", [True, False])
def test_two_repositories_named_together_each_read_their_own_modules(
        tmp_path: Path, git: bool, inside_cwd: bool) -> None:
    """`exitlint repo-a repo-b`: each repository's examples read their own module (once, the
    first repository's work tree was taken for both and the second's modules were refused as
    outside the repository). The findings are those of the two scans run apart."""
    parent = tmp_path / "parent"
    a = _repo_with_module(parent, "alpha", "10.0.0.1", git)
    b = _repo_with_module(parent, "beta", "10.0.0.2", git)
    cwd = parent if inside_cwd else tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    env = child_env(cache=tmp_path / "cache")

    def errors(*paths: Path) -> set[tuple[str, str]]:
        report = json.loads(run_cli(["--format", "json", "--fail-on", "never",
                                     *map(str, paths)], cwd, env=env).stdout)
        assert not any("outside the repository" in f["message"] for f in report["findings"])
        return {(Path(f["file"]).name, f["resource"]) for f in report["findings"]
                if f["severity"] == "error"}

    together = errors(a, b)
    assert together == errors(a) | errors(b)
    assert ("main.tf", "module.this.aws_customer_gateway.beta") in together, together
    assert ("main.tf", "module.this.aws_customer_gateway.alpha") in together, together


def test_a_module_between_two_named_repositories_stays_outside(tmp_path: Path) -> None:
    """Naming two repositories does not open the directory that holds them."""
    parent = tmp_path / "parent"
    a = _repo_with_module(parent, "alpha", "10.0.0.1", True)
    b = _repo_with_module(parent, "beta", "10.0.0.2", True)
    (parent / "shared").mkdir()
    (parent / "shared" / "main.tf").write_text(
        'resource "aws_customer_gateway" "shared" {\n  bgp_asn = 65000\n'
        '  ip_address = "18.184.10.11"\n  type = "ipsec.1"\n}\n')
    (a / "uses_shared.tf").write_text('provider "aws" {\n  region = "cn-north-1"\n}\n'
                                      'module "shared" {\n  source = "../shared"\n}\n')
    run = run_cli(["--format", "json", "--fail-on", "never", str(a), str(b)], tmp_path,
                  env=child_env(cache=tmp_path / "cache"))
    report = json.loads(run.stdout)
    assert any("outside the repository" in f["message"] for f in report["findings"])
    assert not any("shared.aws_customer_gateway" in f["resource"] for f in report["findings"])
