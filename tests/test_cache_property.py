"""Stateful property: whatever happens to a repository between scans, a cached scan prints
exactly what an uncached scan prints, with the same exit code (issue 10 §1).

A small repository (a root module calling a local module, a symlinked module directory and a
module directory that comes and goes; tfvars; a Kubernetes manifest) goes through random
same-size edits with the modification time put back, additions, deletions, tfvars changes,
symlink re-pointing, and files made unreadable (UTF-16, NUL bytes) and fixed. After every step
both scans run in-process on the same cache directory, which lives for the whole example.

Bounded for CI; `EXITLINT_LONG_PROPERTY=1` runs many more and longer examples.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
from pathlib import Path

from _cases import FRPC_MANIFEST
from exitlint.cli import main
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

LONG = os.environ.get("EXITLINT_LONG_PROPERTY") == "1"
PEERS = ("1.0.1.10", "52.0.0.1")  # mainland, foreign: same length
FRP_PEERS = ("61.135.0.1", "58.176.0.1")

PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'


def vpn(name: str, peer: str) -> str:
    return f"""\
resource "aws_customer_gateway" "{name}" {{
  bgp_asn    = 65000
  ip_address = {peer}
  type       = "ipsec.1"
}}
resource "aws_vpn_connection" "{name}" {{
  customer_gateway_id = aws_customer_gateway.{name}.id
  vpn_gateway_id      = "vgw-1"
  type                = "ipsec.1"
}}
"""


ROOT = PROVIDER + """\
variable "peer" {
  default = "1.0.1.10"
}
module "local" {
  source = "./modules/local"
}
module "linked" {
  source = "./modules/linked"
}
module "late" {
  source = "./modules/late"
}
""" + vpn("root", "var.peer")

# files whose peer a same-size edit flips
EDITABLE = ("main.tf", "modules/local/main.tf", "vendor/v1/main.tf", "vendor/v2/main.tf",
            "tunnel.yaml")
EXTRA = ("extra.tf", "modules/local/extra.tf", "vendor/v1/extra.tf")
TFVARS = ("terraform.tfvars", "prod.auto.tfvars", "modules/local/terraform.tfvars")
LINK_TARGETS = ("../vendor/v1", "../vendor/v2", "../vendor/missing")


def scan(repo: Path, cache: Path | None) -> tuple[int, str]:
    args = [str(repo), "--format", "json"]
    args += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


class CacheMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="exitlint-cache-prop-"))
        self.repo = self.tmp / "repo"
        self.cache = self.tmp / "cache"
        self.broken: dict[str, bytes] = {}  # file -> its readable content, while broken

    @initialize()
    def build(self) -> None:
        repo = self.repo
        (repo / ".git").mkdir(parents=True)
        (repo / "main.tf").write_text(ROOT)
        (repo / "modules" / "local").mkdir(parents=True)
        (repo / "modules/local/main.tf").write_text(vpn("local", f'"{PEERS[0]}"'))
        for version in ("v1", "v2"):
            (repo / "vendor" / version).mkdir(parents=True)
            (repo / "vendor" / version / "main.tf").write_text(vpn(version, f'"{PEERS[0]}"'))
        (repo / "modules" / "linked").symlink_to("../vendor/v1")
        (repo / "tunnel.yaml").write_text(FRPC_MANIFEST % FRP_PEERS[0])

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- changes ----------------------------------------------------------------------------
    @rule(which=st.sampled_from(EDITABLE), restore_mtime=st.booleans())
    def edit_same_size(self, which: str, restore_mtime: bool) -> None:
        path = self.repo / which
        if which in self.broken or not path.is_file():
            return
        st_ = path.stat()
        data = path.read_bytes()
        pairs = FRP_PEERS if which.endswith(".yaml") else PEERS
        old, new = (pairs if pairs[0].encode() in data else pairs[::-1])
        data = data.replace(old.encode(), new.encode(), 1)
        with path.open("r+b") as fh:  # in place: same inode, same size
            fh.write(data)
        if restore_mtime:
            os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))

    @rule(which=st.sampled_from(EXTRA), foreign=st.booleans())
    def add_file(self, which: str, foreign: bool) -> None:
        path = self.repo / which
        if path.parent.is_dir() and which not in self.broken:
            name = which.replace("/", "_").replace(".", "_")
            path.write_text(vpn(name, f'"{PEERS[foreign]}"'))

    @rule(which=st.sampled_from(EXTRA))
    def delete_file(self, which: str) -> None:
        self.broken.pop(which, None)
        (self.repo / which).unlink(missing_ok=True)

    @rule(which=st.sampled_from(TFVARS), foreign=st.booleans())
    def add_tfvars(self, which: str, foreign: bool) -> None:
        (self.repo / which).write_text(f'peer = "{PEERS[foreign]}"\n')

    @rule(which=st.sampled_from(TFVARS))
    def remove_tfvars(self, which: str) -> None:
        self.broken.pop(which, None)
        (self.repo / which).unlink(missing_ok=True)

    @rule(to=st.sampled_from(LINK_TARGETS))
    def repoint_symlink(self, to: str) -> None:
        link = self.repo / "modules" / "linked"
        link.unlink()
        link.symlink_to(to)

    @rule(foreign=st.booleans())
    def create_module_dir(self, foreign: bool) -> None:
        late = self.repo / "modules" / "late"
        late.mkdir(exist_ok=True)
        (late / "main.tf").write_text(vpn("late", f'"{PEERS[foreign]}"'))

    @rule(keep_dir=st.booleans())
    def remove_module_dir(self, keep_dir: bool) -> None:
        late = self.repo / "modules" / "late"
        if keep_dir:  # a module directory without any .tf file
            (late / "main.tf").unlink(missing_ok=True)
        else:
            shutil.rmtree(late, ignore_errors=True)

    @rule(which=st.sampled_from(EDITABLE + EXTRA + TFVARS), how=st.sampled_from(["utf16", "nul"]))
    def make_unreadable(self, which: str, how: str) -> None:
        path = self.repo / which
        if which in self.broken or not path.is_file():
            return
        data = path.read_bytes()
        self.broken[which] = data
        st_ = path.stat()
        path.write_bytes(data.decode().encode("utf-16") if how == "utf16" else b"\0" + data[1:])
        os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))

    @rule(which=st.sampled_from(EDITABLE + EXTRA + TFVARS))
    def fix_unreadable(self, which: str) -> None:
        data = self.broken.pop(which, None)
        path = self.repo / which
        if data is not None and path.parent.is_dir():
            st_ = path.stat() if path.exists() else None
            path.write_bytes(data)
            if st_ is not None:
                os.utime(path, ns=(st_.st_atime_ns, st_.st_mtime_ns))

    # -- the property -----------------------------------------------------------------------
    @invariant()
    def cached_equals_uncached(self) -> None:
        if not (self.repo / "main.tf").exists():
            return  # before initialize
        truth = scan(self.repo, None)
        assert scan(self.repo, self.cache) == truth
        assert scan(self.repo, self.cache) == truth  # also from what that run stored
        assert any((self.cache / "roots").rglob("*.json"))  # the cache is really in use


CacheMachine.TestCase.settings = settings(
    max_examples=200 if LONG else 25,
    stateful_step_count=30 if LONG else 12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestCacheProperty = CacheMachine.TestCase
