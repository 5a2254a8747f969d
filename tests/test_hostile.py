"""Hostile and broken input (issue 7), each case a real CLI subprocess under resource limits.

Every case writes a compliant and a non-compliant Terraform file and Kubernetes manifest beside
the hostile input (in the same module directory) and checks that the non-compliant ones are
still reported, the compliant ones are not, the hostile file is reported with file:line:col and
exit 2 where it is an error, nothing prints a traceback, and the run stays within its time and
memory bound. Inputs are generated here (sparse files where big), never committed.

The measurements go to $EXITLINT_HOSTILE_REPORT (default /tmp/exitlint-hostile.json) and are
printed as a table with `pytest -s`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from _subproc import MB, Run, child_env, run_cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORT = Path(os.environ.get("EXITLINT_HOSTILE_REPORT", "/tmp/exitlint-hostile.json"))

PROVIDERS = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
OK_TF = """\
resource "aws_customer_gateway" "ok" {
  bgp_asn    = 65010
  ip_address = "114.114.114.114" # registered to CN
  type       = "ipsec.1"
}
"""
BAD_TF = """\
resource "aws_customer_gateway" "bad" {
  bgp_asn    = 65010
  ip_address = "18.184.10.10" # registered to US
  type       = "ipsec.1"
}
"""
DEPTH = 100_000


@dataclass
class Case:
    name: str
    build: Callable[[Path, Path], None]  # (repository directory, a directory outside it)
    errors: dict[str, str] = field(default_factory=dict)  # file -> part of its error message
    code: int = 2
    seconds: float = 30.0
    peak_mb: float = 1024.0
    must_not_print: tuple[str, ...] = ()
    must_print: tuple[str, ...] = ()  # somewhere in the JSON report (messages, notes)


MEASURED: list[dict[str, object]] = []


def _neighbours(repo: Path) -> None:
    (repo / ".git").mkdir()
    (repo / "providers.tf").write_text(PROVIDERS)
    (repo / "ok.tf").write_text(OK_TF)
    (repo / "bad.tf").write_text(BAD_TF)
    k8s = EXAMPLES / "kubernetes" / "XB701-shadowsocks"
    shutil.copy(k8s / "compliant" / "proxy.yaml", repo / "ok.yaml")
    shutil.copy(k8s / "noncompliant" / "proxy.yaml", repo / "bad.yaml")


MANIFEST_HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\n"


# -- builders ---------------------------------------------------------------------------------
def yaml_alias_bomb(repo: Path, _: Path) -> None:
    lines = [MANIFEST_HEAD + "data:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    (repo / "bomb.yaml").write_text("\n".join(lines) + "\n")


def yaml_deep(repo: Path, _: Path) -> None:
    (repo / "deep.yaml").write_text(MANIFEST_HEAD + "data: " + "[" * DEPTH + "]" * DEPTH + "\n")
    (repo / "deepmap.yaml").write_text(MANIFEST_HEAD + "data: " + "{a: " * DEPTH + "1"
                                       + "}" * DEPTH + "\n")


def json_deep(repo: Path, _: Path) -> None:
    (repo / "deep.json").write_text('{"apiVersion": "v1", "kind": "ConfigMap", "data": '
                                    + "[" * DEPTH + "]" * DEPTH + "}\n")
    (repo / "deep.tf.json").write_text('{"locals": {"x": ' + "[" * DEPTH + "]" * DEPTH + "}}\n")


def hcl_deep(repo: Path, _: Path) -> None:
    (repo / "deep_expr.tf").write_text(
        "locals {\n  x = " + "[" * DEPTH + "]" * DEPTH + "\n}\n"
        'resource "aws_customer_gateway" "deep" {\n  ip_address = local.x\n}\n')
    (repo / "deep_paren.tf").write_text(
        "locals {\n  y = " + "(" * DEPTH + "1" + ")" * DEPTH + "\n}\n"
        'resource "aws_customer_gateway" "paren" {\n  ip_address = local.y\n}\n')
    (repo / "deep_block.tf").write_text(
        'resource "aws_customer_gateway" "blocks" {\n  ip_address = "10.0.0.1"\n'
        + "a {\n" * DEPTH + "}\n" * DEPTH + "}\n")


def file_100mb(repo: Path, _: Path) -> None:
    with open(repo / "big.tf", "wb") as fh:  # sparse: 100 MB on paper, nothing on disk
        fh.write(b'resource "aws_customer_gateway" "big" {\n')
        fh.truncate(100 * MB)
    with open(repo / "big.yaml", "wb") as fh:  # streamed text (NULs would read as binary)
        fh.write(MANIFEST_HEAD.encode())
        chunk = b"# padding padding padding\n" * (MB // 27)
        while fh.tell() < 100 * MB:
            fh.write(chunk)


def binary_tf(repo: Path, _: Path) -> None:
    (repo / "nul.tf").write_bytes(bytes(range(256)) * 64)
    (repo / "nul.yaml").write_bytes(b"apiVersion: v1\x00\x01kind: x\n" * 100)


def invalid_utf8(repo: Path, _: Path) -> None:
    (repo / "latin1.tf").write_bytes(b'# first line\nlocals { owner = "Ren\xe9" }\n')
    (repo / "latin1.yaml").write_bytes(MANIFEST_HEAD.encode() + b"data:\n  owner: Ren\xe9\n")


def utf16_bom(repo: Path, _: Path) -> None:
    (repo / "u16.tf").write_bytes(("\ufeff" + 'locals { a = "b" }\n').encode("utf-16-le"))
    (repo / "u16be.tf").write_bytes(("\ufeff" + 'locals { a = "b" }\n').encode("utf-16-be"))
    (repo / "u16.yaml").write_bytes(("\ufeff" + MANIFEST_HEAD).encode("utf-16-le"))


def symlink_loop(repo: Path, _: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub" / "up").symlink_to("..")
    (repo / "sub" / "self").symlink_to("self")
    (repo / "a").symlink_to("b")
    (repo / "b").symlink_to("a")
    (repo / "self.tf").symlink_to("self.tf")
    (repo / "self.yaml").symlink_to("self.yaml")


SECRET = "HOSTILE_SECRET_8f3a1c"


def symlink_outside(repo: Path, outside: Path) -> None:
    secret = outside / "credentials"
    secret.write_text(f"[default]\naws_secret_access_key = {SECRET}\n")
    (outside / "mod").mkdir()
    (outside / "mod" / "main.tf").write_text(BAD_TF.replace('"bad"', '"outside"'))
    (repo / "leak.tf").symlink_to(secret)
    (repo / "leak.yaml").symlink_to(secret)
    (repo / "etc").symlink_to("/etc")
    (repo / "outmod").symlink_to(outside / "mod")


def fifo(repo: Path, _: Path) -> None:
    os.mkfifo(repo / "pipe.tf")
    os.mkfifo(repo / "pipe.yaml")
    os.mkfifo(repo / "pipe.json")
    (repo / "only").mkdir()
    os.mkfifo(repo / "only" / "lonely.tf")


def unreadable(repo: Path, _: Path) -> None:
    (repo / "dangling.tf").symlink_to("does-not-exist.tf")
    (repo / "dangling.yaml").symlink_to("does-not-exist.yaml")
    locked = repo / "locked.tf"
    locked.write_text('locals { a = "b" }\n')
    locked.chmod(0)  # root reads it anyway; the dangling link is the unreadable case then


def many_files(repo: Path, _: Path) -> None:
    for d in range(500):
        sub = repo / f"m{d:03d}"
        sub.mkdir()
        for i in range(100):
            (sub / f"f{i:02d}.tf").write_text(f'variable "v{i}" {{\n  default = {d * 100 + i}\n}}\n')


def cycles(repo: Path, _: Path) -> None:
    (repo / "cycles.tf").write_text("""\
locals {
  a = local.b
  b = local.c
  c = local.a
}
variable "x" { default = var.y }
variable "y" { default = var.x }
resource "aws_customer_gateway" "cyclic" {
  ip_address = local.a
}
resource "aws_customer_gateway" "cyclic_var" {
  ip_address = var.x
}
resource "aws_customer_gateway" "cyclic_res" {
  ip_address = aws_customer_gateway.cyclic_res.ip_address
}
module "loop" {
  source = "./loop"
}
module "me" {
  source = "./"
}
""")
    (repo / "loop").mkdir()
    (repo / "loop" / "main.tf").write_text('module "back" {\n  source = "../"\n}\n'
                                           'module "itself" {\n  source = "."\n}\n')


def huge_range(repo: Path, _: Path) -> None:
    (repo / "range.tf").write_text("""\
resource "aws_customer_gateway" "each" {
  for_each   = toset([for i in range(100000000) : tostring(i)])
  ip_address = each.value
}
resource "aws_customer_gateway" "counted" {
  count      = 1000000000
  ip_address = "10.0.0.${count.index}"
}
locals {
  square = [for i in range(9999) : [for j in range(9999) : j]]
  flat   = join(",", flatten(local.square))
}
resource "aws_customer_gateway" "square" {
  ip_address = local.flat
}
resource "aws_vpn_gateway" "dyn" {
  dynamic "tag" {
    for_each = range(100000000)
    content { key = tag.value }
  }
}
""")


def templates(repo: Path, _: Path) -> None:
    heredoc = ("plain text " * 9 + "\n") * 35_000  # ~3.5 MB
    (repo / "heredoc.tf").write_text(
        f"locals {{\n  doc = <<EOT\n{heredoc}EOT\n}}\n"
        'resource "aws_customer_gateway" "heredoc" {\n  ip_address = local.doc\n}\n')
    many = "x ${local.n} " * 60_000
    (repo / "interp.tf").write_text(
        f'locals {{\n  n = 1\n  t = "{many}"\n}}\n'
        'resource "aws_customer_gateway" "interp" {\n  ip_address = local.t\n}\n')
    nested = '"${' * 50 + "1" + '}"' * 50
    (repo / "nested.tf").write_text(
        f"locals {{\n  v = {nested}\n}}\n"
        'resource "aws_customer_gateway" "nested" {\n  ip_address = local.v\n}\n')
    (repo / "dollar.tf").write_text(
        'locals {\n  w = "' + "${" * 5000 + "1" + "}" * 5000 + '"\n}\n')


def k8s_no_metadata(repo: Path, _: Path) -> None:
    """ConfigMaps and Secrets whose metadata is missing, null, a list or a string (D18)."""
    for name, meta in (("missing", ""), ("null", "metadata:\n"), ("list", "metadata: [a]\n"),
                       ("string", "metadata: x\n")):
        for kind in ("ConfigMap", "Secret"):
            (repo / f"nometa-{name}-{kind.lower()}.yaml").write_text(
                f"apiVersion: v1\nkind: {kind}\n{meta}data: {{}}\n")
    (repo / "nometa-node.yaml").write_text("apiVersion: v1\nkind: Node\nmetadata: null\n")


def plan_wrong_types(repo: Path, _: Path) -> None:
    """Plan-looking JSON whose parts have the wrong JSON type (D19)."""
    shapes = {
        "resources-int": {"planned_values": {"root_module": {"resources": 1}}},
        "values-string": {"planned_values": {"root_module": {"resources": [
            {"address": "aws_customer_gateway.x", "type": "aws_customer_gateway",
             "name": "x", "values": "x"}]}}},
        "changes-int": {"planned_values": {}, "resource_changes": 1},
        "children-true": {"planned_values": {"root_module": {"child_modules": True}}},
        "calls-string": {"planned_values": {}, "configuration": {"root_module": {
            "module_calls": "x"}}},
        "expressions-list": {"planned_values": {}, "configuration": {"provider_config": {
            "aws": {"expressions": ["region"]}}}},
    }
    for name, doc in shapes.items():
        (repo / f"plan-{name}.json").write_text(json.dumps({"format_version": "1.2", **doc}))


# -- evaluation and parse bounds (issue 10: D9, D24-D28, D32) ----------------------------------
def parse_dense(repo: Path, _: Path) -> None:
    """D25: tree-sitter alone took 22 s / 3.8 GiB on 2.5 M `${`, ~1 GiB on 2.5 MB of `[`."""
    (repo / "dollar.tf").write_bytes(b'x = "' + b"${" * 2_500_000 + b'"\n')
    (repo / "bracket.tf").write_bytes(b"x = " + b"[" * 2_500_000 + b"\n")


def eval_bytes(repo: Path, _: Path) -> None:
    """D24: 8.4 GiB from 617 bytes (10,000 templates of 900 KB)."""
    (repo / "bytes.tf").write_text(
        'locals {\n  big  = join("", [for i in range(9000) : "' + "x" * 100 + '"])\n'
        '  many = [for i in range(10000) : "${local.big}${i}"]\n}\n'
        'resource "aws_customer_gateway" "bytes" {\n  ip_address = element(local.many, 0)\n}\n')


def eval_slow_functions(repo: Path, _: Path) -> None:
    """D26 (distinct over 600k elements: hours), D27 (replace backtracking: minutes)."""
    ranges = ", ".join(["range(10000)"] * 60)
    (repo / "slow.tf").write_text(
        f'locals {{\n  d = distinct(concat({ranges}))\n'
        f'  r = replace("{"a" * 30}", "/{"a?" * 30}{"a" * 30}/", "x")\n'
        f'  q = replace("{"a" * 1001}", "/a{{0,1000}}a{{0,1000}}a{{0,1000}}$/", "x")\n}}\n'
        'resource "aws_customer_gateway" "slow" {\n'
        '  ip_address = "10.${length(local.d) % 200}.${length(local.r)}.${length(local.q)}"\n}\n')


def fifo_file_function(repo: Path, _: Path) -> None:
    """D28: file() on a FIFO blocked forever."""
    os.mkfifo(repo / "peer.txt")
    (repo / "fifo_fn.tf").write_text('resource "aws_customer_gateway" "fifo" {\n'
                                     '  ip_address = file("${path.module}/peer.txt")\n}\n')


def silent_limits(repo: Path, _: Path) -> None:
    """D9, D13, D32: the 65th instance, a module never downloaded, an exponent literal."""
    (repo / "limits.tf").write_text(
        'resource "aws_customer_gateway" "padded" {\n  count      = 65\n'
        '  ip_address = "10.0.0.${count.index}"\n}\n'
        'module "remote" {\n  source = "git::https://example.com/vpn.git"\n}\n'
        'resource "aws_customer_gateway" "exponent" {\n  bgp_asn    = 65e3\n'
        '  ip_address = "18.184.10.10"\n}\n')


CASES = [
    Case("yaml_alias_bomb", yaml_alias_bomb, {"bomb.yaml": "alias"}),
    # the refusal is asserted, not its wording (libyaml words its own depth limit)
    Case("yaml_deep_100k", yaml_deep, {"deep.yaml": "", "deepmap.yaml": ""}),
    Case("json_deep_100k", json_deep, {"deep.json": "deep", "deep.tf.json": "deeper"}),
    Case("hcl_deep_100k", hcl_deep, {"deep_expr.tf": "deeper", "deep_paren.tf": "deeper",
                                     "deep_block.tf": "deeper"}),
    Case("file_100mb", file_100mb, {"big.tf": "max-file-size", "big.yaml": "limit"}),
    Case("binary_tf", binary_tf, {"nul.tf": "binary"}),
    Case("invalid_utf8", invalid_utf8, {"latin1.tf": "invalid UTF-8", "latin1.yaml": "UTF-8"}),
    Case("utf16_bom", utf16_bom, {"u16.tf": "UTF-16", "u16be.tf": "UTF-16"}),
    Case("symlink_loop", symlink_loop, {"self.tf": "cannot read"}),
    Case("symlink_outside_root", symlink_outside, {"leak.tf": "outside the repository"},
         must_not_print=(SECRET, "aws_customer_gateway.outside")),
    Case("fifo", fifo, {"pipe.tf": "not a regular file"}, seconds=20),
    Case("unreadable", unreadable, {"dangling.tf": "cannot read"}),
    Case("50k_tiny_files", many_files, {}, code=1, seconds=150, peak_mb=1536),
    Case("cycles", cycles, {}, code=1, must_print=("refers to itself", "includes itself")),
    Case("huge_range", huge_range, {}, code=1, must_print=("exceeds the limit",)),
    Case("templates", templates, {"dollar.tf": "nested deeper"}, peak_mb=1536,
         must_print=("template with more than",)),
    Case("k8s_no_metadata", k8s_no_metadata, {}, code=1),
    Case("plan_wrong_types", plan_wrong_types,
         {f"plan-{n}.json": "not a valid Terraform plan" for n in (
             "resources-int", "values-string", "changes-int", "children-true", "calls-string",
             "expressions-list")}),
    Case("parse_dense", parse_dense, {"dollar.tf": "nested deeper", "bracket.tf": "nested deeper"}),
    Case("eval_bytes", eval_bytes, {}, code=1, must_print=("evaluation budget",)),
    Case("eval_slow_functions", eval_slow_functions, {}, code=1),
    Case("fifo_file_function", fifo_file_function, {}, code=1, seconds=20,
         must_print=("not a regular file",)),
    Case("silent_limits", silent_limits, {}, code=1,
         must_print=("64 of 65 count", "XB002", "aws_customer_gateway.exponent")),
]


def _record(case: Case, run: Run) -> None:
    MEASURED.append({"case": case.name, "exit": run.code, "seconds": round(run.seconds, 2),
                     "peak_rss_mb": round(run.peak_mb, 1), "bound_seconds": case.seconds,
                     "bound_peak_mb": case.peak_mb})


@pytest.fixture(scope="module", autouse=True)
def _report() -> object:
    yield
    if not MEASURED:
        return
    with contextlib.suppress(OSError):
        REPORT.write_text(json.dumps(MEASURED, indent=2) + "\n")
    print("\nhostile input                 exit   seconds   peak RSS MB")
    for row in MEASURED:
        print(f"{row['case']:<28} {row['exit']:>5} {row['seconds']:>9} {row['peak_rss_mb']:>13}")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    _neighbours(repo)
    case.build(repo, outside)
    run = run_cli(["--format", "json", "--output", f"text={tmp_path / 'report.txt'}", "."],
                  repo, timeout=case.seconds * 2, env=child_env(cache=tmp_path / "cache"))
    _record(case, run)
    assert not run.timed_out, f"{case.name}: still running after {case.seconds * 2:.0f} s"
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.code == case.code, (run.code, run.stderr[-2000:], run.stdout[-2000:])
    report = json.loads(run.stdout)
    text = (tmp_path / "report.txt").read_text()

    by_file: dict[str, list[str]] = {}
    for f in report["findings"]:
        by_file.setdefault(f["file"], []).append(f"{f['check_id']} {f['severity']} {f['resource']}")
    assert "XB101 error aws_customer_gateway.bad" in by_file.get("bad.tf", []), by_file
    assert any(s.startswith("XB701 error") for s in by_file.get("bad.yaml", [])), by_file
    assert "ok.tf" not in by_file and "ok.yaml" not in by_file, by_file

    errors = {e["file"]: e for e in report["errors"]}
    for name, part in case.errors.items():
        assert name in errors, (name, report["errors"])
        err = errors[name]
        assert part.lower() in err["message"].lower(), err
        assert err["line"] >= 1 and err["column"] >= 1
        assert re.search(rf"^{re.escape(name)}:{err['line']}:{err['column']}: ", text, re.M), text
    assert not {"ok.tf", "bad.tf", "ok.yaml", "bad.yaml", "providers.tf"} & set(errors)
    if case.code != 2:
        assert not report["errors"], report["errors"]
    everything = run.stdout + run.stderr + text
    for s in case.must_not_print:
        assert s not in everything
    for s in case.must_print:
        assert s in everything, s
    assert run.seconds <= case.seconds, f"{case.name} took {run.seconds:.1f} s"
    assert run.peak_mb <= case.peak_mb, f"{case.name} peaked at {run.peak_mb:.0f} MB"


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _neighbours(repo)
    invalid_utf8(repo, tmp_path)
    run = run_cli(["--format", "json", "latin1.tf"], repo, env=child_env(cache=tmp_path / "c"))
    err = json.loads(run.stdout)["errors"][0]
    assert (err["line"], err["column"]) == (2, 22), err


def test_skipped_special_files_are_reported(tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    _neighbours(repo)
    fifo(repo, outside)
    symlink_outside(repo, outside)
    run = run_cli(["--format", "json", "."], repo, timeout=30, env=child_env(cache=tmp_path / "c"))
    errors = {e["file"] for e in json.loads(run.stdout)["errors"]}
    assert {"pipe.yaml", "pipe.json", "only/lonely.tf", "leak.yaml"} <= errors, errors
