"""The parallel path loses nothing (issue 10 §2; red team 2 D7): with enough module directories
for the worker pool, `--jobs 2` prints exactly what `--jobs 1` prints, also for the files that
could not be read, and a warm cache prints it again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from _subproc import child_env, run_cli
from exitlint.terraform.scan import PARALLEL_MIN_DIRS

PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
VPN = """\
resource "aws_customer_gateway" "cg" {
  bgp_asn    = 65000
  ip_address = "52.0.0.1"
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "vpn" {
  customer_gateway_id = aws_customer_gateway.cg.id
  vpn_gateway_id      = "vgw-1"
  type                = "ipsec.1"
}
"""
MAX = 4000  # --max-file-size for these runs

BAD = {  # module directory -> file that cannot be read or parsed
    "m07/vpn.tf": "oversized",
    "m11/utf16.tf": "utf-16",
    "m13/nul.tf": "nul",
    "m17/broken.tf": "syntax",
    "m19/loop.tf": "symlink loop",
    "m23/pipe.tf": "fifo",
    "m29/terraform.tfvars": "utf-16 tfvars",
    "m31/dangling.tf": "dangling symlink",
    "m37/latin1.tf": "invalid utf-8",
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel") / "repo"
    (root / ".git").mkdir(parents=True)
    for i in range(PARALLEL_MIN_DIRS + 10):
        d = root / f"m{i:02d}"
        d.mkdir()
        (d / "main.tf").write_text(PROVIDER)
    (root / "m03" / "vpn.tf").write_text(VPN)  # a finding beside the errors
    (root / "m07/vpn.tf").write_text(VPN + "# " + "x" * MAX + "\n")
    (root / "m11/utf16.tf").write_bytes(VPN.encode("utf-16"))
    (root / "m13/nul.tf").write_bytes(VPN.encode() + b"\x00\x00")
    (root / "m17/broken.tf").write_text(VPN + 'resource "aws_vpc" "x" {\n  cidr = \n')
    os.symlink("loop.tf", root / "m19/loop.tf")
    os.mkfifo(root / "m23/pipe.tf")
    (root / "m29/terraform.tfvars").write_bytes('peer = "52.0.0.1"\n'.encode("utf-16"))
    os.symlink("nowhere.tf", root / "m31/dangling.tf")
    (root / "m37/latin1.tf").write_bytes(b'# caf\xe9\n' + VPN.encode())
    return root


def _scan(tree: Path, *extra: str, cache: Path | None = None) -> tuple[int, str]:
    args = ["--format", "json", "--max-file-size", str(MAX), *extra]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    run = run_cli([*args, "."], tree, timeout=120, env=child_env())
    assert not run.timed_out and "Traceback" not in run.stderr, run.stderr
    return run.code, run.stdout


def test_serial_and_parallel_reports_are_identical(tree: Path) -> None:
    serial = _scan(tree, "--jobs", "1")
    parallel = _scan(tree, "--jobs", "2")
    assert parallel == serial
    code, out = serial
    assert code == 2
    report = json.loads(out)
    named = {e["file"] for e in report["errors"]}
    assert set(BAD) <= named, sorted(set(BAD) - named)
    assert {f["file"] for f in report["findings"]} >= {"m03/vpn.tf", "m37/latin1.tf"}


def test_warm_cache_reports_the_same_in_parallel(tree: Path, tmp_path: Path) -> None:
    truth = _scan(tree, "--jobs", "1")
    cache = tmp_path / "cache"
    assert _scan(tree, "--jobs", "2", cache=cache) == truth
    assert _scan(tree, "--jobs", "2", cache=cache) == truth  # from the cache
    assert _scan(tree, "--jobs", "1", cache=cache) == truth
