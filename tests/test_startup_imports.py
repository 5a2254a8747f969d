"""What a one-file pre-commit run imports (issue 16: every module costs each commit start-up
time). A Terraform-only scan never needs the workload, pod, manifest, Terraform-function or
renderer code, and a Kubernetes-only scan never needs the renderer's process and temporary
file modules unless a chart or kustomization is rendered: these are imported by the code that
uses them. Each test runs the real CLI in a fresh interpreter and fails when someone brings
one of them back to a module's top level."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _subproc import child_env
from exitlint import data_bundle, hashes

REPO = Path(__file__).resolve().parent.parent
TERRAFORM = REPO / "examples" / "aws" / "XB101-vpn-peer" / "noncompliant" / "main.tf"
KUBERNETES = REPO / "examples" / "kubernetes" / "XB701-shadowsocks" / "noncompliant" / "proxy.yaml"

# the child: the hook's own entry (`exitlint --pre-commit FILE`), then what it imported
_PROBE = """
import json, sys
from exitlint.cli import main
out = sys.argv[1]
sys.argv = ["exitlint", "--pre-commit", "--no-cache", "--quiet", *sys.argv[2:]]
try:
    code = main()
except SystemExit as exc:
    code = exc.code
with open(out, "w", encoding="utf-8") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""

# Modules that only workloads, pods, Kubernetes objects declared in Terraform, function calls,
# misspelt names and renderers need.
NOT_FOR_TERRAFORM = (
    "exitlint.kubernetes", "exitlint.engine.workloads", "exitlint.signatures", "exitlint.tunnels",
    "exitlint.pod_spec", "exitlint.known_charts", "exitlint.object_paths", "exitlint.geo.names",
    "exitlint.terraform.manifest_paths", "exitlint.terraform.manifest_yaml",
    "exitlint.terraform.functions", "exitlint.terraform.builtins.crypto",
    "difflib", "string", "signal", "subprocess", "selectors", "tempfile", "shutil", "textwrap",
    "hashlib",
)
# A plain manifest is never rendered: no renderer process, no temporary directory; and it
# declares nothing that Terraform's own readers handle.
NOT_FOR_KUBERNETES = (
    "exitlint.terraform.functions", "exitlint.terraform.manifest_paths",
    "exitlint.terraform.manifest_yaml", "exitlint.pod_spec",
    "difflib", "string", "subprocess", "selectors", "tempfile", "shutil", "textwrap",
    "hashlib", "tree_sitter",
)


def _hook_run(tmp_path: Path, source: Path) -> tuple[int, set[str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    staged = repo / source.name
    staged.write_bytes(source.read_bytes())
    (repo / ".git").mkdir()  # the repository root (no git needed to scan one named file)
    out = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(out), staged.name], cwd=repo,
                          env=child_env(cache=tmp_path / "cache"), capture_output=True,
                          text=True, timeout=120, check=False)
    assert out.exists(), proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    return result["code"], set(result["modules"])


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The names (or modules below them) that were imported."""
    return sorted(m for m in modules for n in names if m == n or m.startswith(n + "."))


def test_terraform_scan_imports_no_workload_or_renderer_code(tmp_path: Path) -> None:
    code, modules = _hook_run(tmp_path, TERRAFORM)
    assert code == 1  # the VPN to Frankfurt was found: the scan really evaluated the file
    assert "exitlint.terraform.instances" in modules and "exitlint.engine.detectors" in modules
    assert _loaded(modules, NOT_FOR_TERRAFORM) == []


def test_kubernetes_scan_imports_no_renderer_or_terraform_function_code(tmp_path: Path) -> None:
    code, modules = _hook_run(tmp_path, KUBERNETES)
    assert code == 1  # the Shadowsocks workload was found
    assert "exitlint.kubernetes.scan" in modules and "exitlint.engine.workloads" in modules
    assert _loaded(modules, NOT_FOR_KUBERNETES) == []


_WRITE = """
import os, sys
from exitlint.fileio import write_bytes_atomic
write_bytes_atomic(sys.argv[1], b"new")
write_bytes_atomic(sys.argv[1], b"newer")
print("tempfile" in sys.modules, sorted(os.listdir(os.path.dirname(sys.argv[1]))))
"""


def test_cache_writes_need_no_tempfile(tmp_path: Path) -> None:
    """A run that writes the cache (every pre-commit run after an edit) writes atomically
    without tempfile (which imports shutil, bz2, lzma and random): a private file, replaced
    whole, no temporary file left behind."""
    target = tmp_path / "cache" / "entry.json"
    proc = subprocess.run([sys.executable, "-c", _WRITE, str(target)], env=child_env(),
                          capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout.strip() == "False ['entry.json']"
    assert target.read_bytes() == b"newer"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("data", [b"", b"x", b"exitlint|XB101|main.tf", bytes(range(256)) * 300])
def test_hashes_are_hashlibs(data: bytes) -> None:
    """Cache keys, data-bundle keys and finding fingerprints keep their values without
    hashlib (which loads OpenSSL at start-up): the built-in SHA-256 and BLAKE2b are the same
    functions."""
    assert hashes.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    h = hashes.sha256(data[:7])
    h.update(data[7:])
    assert h.digest() == hashlib.sha256(data).digest()
    assert hashes.blake2b(data, digest_size=20).hexdigest() == \
        hashlib.blake2b(data, digest_size=20).hexdigest()
    assert data_bundle.content_key(data) == hashlib.blake2b(data, digest_size=20).hexdigest()
