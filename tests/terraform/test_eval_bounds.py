"""Evaluation and parsing bounded by what they build, not only by steps (issue 10 §2, §6).

D32 exponent literals parse; D24 the evaluator's byte budget; D26 linear distinct()/toset();
D27 regular expressions on RE2 (linear time whatever the pattern); D28 file() reads regular files
only; D25 tree-sitter's own parse bounded. The hostile shapes run as real CLI subprocesses under
RLIMIT_AS with a timeout (bounds are generous: they catch hours and gigabytes, not seconds).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from _cases import FOREIGN_PEER, findings_of, write
from _fuzz_strategies import FUZZ
from _subproc import child_env, run_cli
from exitlint.app import ScanOptions, scan
from exitlint.hcl.parser import parse_hcl
from exitlint.terraform.functions import call
from exitlint.terraform.values import Unknown
from hypothesis import given
from hypothesis import strategies as st

PROVIDER = 'provider "aws" {\n  region = "cn-north-1"\n}\n'
BAD = ('resource "aws_customer_gateway" "bad" {\n  bgp_asn    = 65010\n'
       f'  ip_address = "{FOREIGN_PEER}"\n  type       = "ipsec.1"\n}}\n')
MEM_MB = 1536


def _scan(root: Path) -> Any:
    (root / ".git").mkdir(parents=True, exist_ok=True)
    return scan(ScanOptions(paths=[root], base=root))


def _cli(repo: Path, tmp_path: Path, timeout: float = 60) -> tuple[Any, dict[str, Any]]:
    """Scan repo in a subprocess under a 1.5 GiB address-space limit."""
    (repo / ".git").mkdir(parents=True, exist_ok=True)
    run = run_cli(["--format", "json", "--no-cache", "."], repo, timeout=timeout, mem_mb=MEM_MB,
                  env=child_env(cache=tmp_path / "cache"))
    assert not run.timed_out, f"still running after {timeout} s"
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr, run.stderr[-2000:]
    return run, json.loads(run.stdout)


def _messages(report: dict[str, Any], resource: str) -> list[str]:
    return [f["message"] for f in report["findings"] if f["resource"] == resource]


# -- D32: exponent literals --------------------------------------------------------------------
def test_exponent_literals_parse_to_numbers() -> None:
    src = b'a = 65e3\nb = 2e+2\nc = 1.5E-3\nd = 1e0\ne = "1e5"\nf = x1e3\ng = [1e2, 3]\n'
    outcome = parse_hcl(src, "x.tf", lazy=False)
    assert outcome.error is None
    attrs = outcome.file.body.attributes
    values = {k: getattr(attrs[k].expr, "value", None) for k in "abcde"}
    assert values == {"a": 65000, "b": 200, "c": 0.0015, "d": 1, "e": "1e5"}
    assert attrs["f"].expr.root == "x1e3"  # type: ignore[attr-defined]
    assert attrs["g"].expr.items[0].pos.column == 6  # type: ignore[attr-defined]


def test_block_with_exponent_literal_keeps_its_finding(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + '''
resource "aws_customer_gateway" "office" {
  count      = 1e0
  bgp_asn    = 65e3
  ip_address = "PEER"
  type       = "ipsec.1"
}
'''.replace("PEER", FOREIGN_PEER))
    result = _scan(tmp_path)
    assert result.errors == []
    assert [f.resource for f in findings_of(result, "XB101")] == ["aws_customer_gateway.office"]


def test_huge_exponent_is_unknown_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, "main.tf", PROVIDER + BAD + 'resource "aws_customer_gateway" "x" {\n'
          '  count      = 1e999\n  ip_address = "10.0.0.1"\n}\n')
    result = _scan(tmp_path)
    assert result.errors == [] and findings_of(result, "XB101")


# -- D24: byte budget --------------------------------------------------------------------------
D24 = '''
locals {
  big  = join("", [for i in range(9000) : "%s"])
  many = [for i in range(10000) : "${local.big}${i}"]
  obj  = {for i in range(10000) : "${local.big}${i}" => i}
}
resource "aws_customer_gateway" "list" {
  bgp_asn    = 65010
  ip_address = element(local.many, 0)
  type       = "ipsec.1"
}
resource "aws_customer_gateway" "map" {
  bgp_asn    = 65010
  ip_address = keys(local.obj)[0]
  type       = "ipsec.1"
}
''' % ("x" * 100)


def test_evaluator_byte_budget_ends_with_unknown(tmp_path: Path) -> None:
    """8.4 GiB from 617 bytes before (MemoryError under a limit): now an Unknown, quickly."""
    repo = tmp_path / "repo"
    write(repo, "main.tf", PROVIDER + BAD + D24)
    run, report = _cli(repo, tmp_path)
    assert run.code == 1 and run.seconds < 30
    assert _messages(report, "aws_customer_gateway.bad")
    for name in ("list", "map"):
        [message] = _messages(report, f"aws_customer_gateway.{name}")
        assert "evaluation budget" in message


# -- D26: distinct/toset -----------------------------------------------------------------------
def test_distinct_and_toset_keep_terraform_equality() -> None:
    assert call("distinct", [[1, True, 1.0, "1", [1], [1], {"a": 1}, {"a": 1}, None, None]]) == \
        [1, True, "1", [1], {"a": 1}, None]
    assert call("toset", [["b", "a", "b"]]) == ["a", "b"]


def test_distinct_of_600k_elements_is_fast(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    ranges = ", ".join(["range(10000)"] * 60)
    write(repo, "main.tf", PROVIDER + BAD + f'''
locals {{
  d = distinct(concat({ranges}))
  s = toset(concat({ranges}))
}}
resource "aws_customer_gateway" "d" {{
  bgp_asn    = 65010
  ip_address = "10.0.0.${{length(local.d)}}"
  type       = "ipsec.1"
}}
resource "aws_customer_gateway" "s" {{
  bgp_asn    = 65010
  ip_address = "10.0.${{length(local.s) - 9999}}.1"
  type       = "ipsec.1"
}}
''')
    run, report = _cli(repo, tmp_path)
    assert run.seconds < 30, run.seconds
    # 10000 distinct values: 10.0.0.10000 is not an address (unknown: warning), 10.0.1.1 is
    # private (nothing): both were computed, not refused
    assert [r["resource"] for r in report["findings"]] == ["aws_customer_gateway.bad",
                                                           "aws_customer_gateway.d"]


# -- D27: regular expressions ------------------------------------------------------------------
def test_regex_functions_follow_terraform() -> None:
    assert call("replace", ["hello world", "/(\\w+) (\\w+)/", "$2 ${1}"]) == "world hello"
    assert call("replace", ["a-b", "/-/", "$$"]) == "a$b"
    assert call("regex", ["[a-z]+", "123abc"]) == "abc"
    assert call("regex", ["(\\d+)-(\\d+)", "x 12-34"]) == ["12", "34"]
    assert call("regex", ["(?P<n>\\d+)", "x 12"]) == {"n": "12"}
    assert call("regexall", ["[a-z]+", "ab 12 cd"]) == ["ab", "cd"]
    assert isinstance(call("regex", ["x", "abc"]), Unknown)  # no match: Terraform fails
    assert isinstance(call("regex", ["(a)\\1", "aa"]), Unknown)  # not RE2 syntax


REDOS = [  # D27: each ran for seconds to hours on Python's backtracking engine
    ("a" * 30, "/" + "a?" * 30 + "a" * 30 + "/"),
    ("a" * 1001, "/a{0,1000}a{0,1000}a{0,1000}$/"),
    ("a" * 25, "/" + "(?:a|a)" * 25 + "$/"),
    ("a" * 30 + "!", "/(a+)+$/"),
]


def test_backtracking_patterns_finish(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    body = PROVIDER + BAD
    for i, (text, pattern) in enumerate(REDOS):
        body += (f'resource "aws_customer_gateway" "r{i}" {{\n  bgp_asn    = 65010\n'
                 f'  ip_address = "10.0.0.${{length(replace("{text}", "{pattern}", "x"))}}"\n'
                 f'  type       = "ipsec.1"\n}}\n'
                 f'resource "aws_customer_gateway" "m{i}" {{\n  bgp_asn    = 65010\n'
                 f'  ip_address = "10.0.0.${{length(regexall("{pattern[1:-1]}", "{text}"))}}"\n'
                 f'  type       = "ipsec.1"\n}}\n')
    write(repo, "main.tf", body.replace("\\", "\\\\"))
    run, report = _cli(repo, tmp_path)
    assert run.seconds < 30, run.seconds
    assert [f["resource"] for f in report["findings"]] == ["aws_customer_gateway.bad"]


@FUZZ
@given(st.text(alphabet="a?*+{}()|,0123$^\\[]-.", max_size=40), st.text(alphabet="a!", max_size=60))
def test_regex_functions_never_raise(pattern: str, text: str) -> None:
    """Any pattern (valid or not, nested quantifiers included) gives a value or an Unknown."""
    for name, args in (("replace", [text, f"/{pattern}/", "$1x"]), ("regex", [pattern, text]),
                       ("regexall", [pattern, text])):
        call(name, args)


# -- D28: FIFOs ----------------------------------------------------------------------------------
@pytest.mark.parametrize("function", ["file", "templatefile", "filebase64"])
def test_file_functions_refuse_a_fifo(tmp_path: Path, function: str) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    os.mkfifo(repo / "peer.txt")
    args = '"${path.module}/peer.txt"' + (", {}" if function == "templatefile" else "")
    write(repo, "main.tf", PROVIDER + BAD + f'''
resource "aws_customer_gateway" "fifo" {{
  bgp_asn    = 65010
  ip_address = {function}({args})
  type       = "ipsec.1"
}}
''')
    _, report = _cli(repo, tmp_path, timeout=30)
    [message] = _messages(report, "aws_customer_gateway.fifo")
    assert "not a regular file" in message
    assert _messages(report, "aws_customer_gateway.bad")


def test_fileexists_is_false_for_a_fifo(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    os.mkfifo(repo / "pipe")
    write(repo, "main.tf", PROVIDER + '''
resource "aws_customer_gateway" "x" {
  bgp_asn    = 65010
  ip_address = fileexists("${path.module}/pipe") ? "PEER" : "10.0.0.1"
  type       = "ipsec.1"
}
'''.replace("PEER", FOREIGN_PEER))
    run, report = _cli(repo, tmp_path, timeout=30)  # a subprocess: the old code blocked
    assert run.code == 0 and report["findings"] == []


# -- D25: tree-sitter's own parse ----------------------------------------------------------------
def _dense_files(repo: Path) -> None:
    write(repo, "main.tf", PROVIDER + BAD)
    (repo / "dollar.tf").write_bytes(b'x = "' + b"${" * 2_500_000 + b'"\n')  # 5 MB
    (repo / "bracket.tf").write_bytes(b"x = " + b"[" * 2_500_000 + b"\n")  # 2.5 MB
    # nesting stays shallow, so only the parse's memory bound can stop it (~4.9 MB)
    (repo / "dense.tf").write_bytes(b'a = "' + (b"${" * 10 + b"x" + b"}" * 10) * 158_000
                                    + b'"\n')


def test_pathological_parse_is_an_error_on_that_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    _dense_files(repo)
    run, report = _cli(repo, tmp_path, timeout=90)
    assert run.code == 2 and run.seconds < 45, (run.code, run.seconds)
    errors = {e["file"]: e["message"] for e in report["errors"]}
    assert "nested deeper" in errors["dollar.tf"] and "nested deeper" in errors["bracket.tf"]
    assert "too dense to parse safely" in errors["dense.tf"]
    assert "main.tf" not in errors
    assert [f["resource"] for f in report["findings"]] == ["aws_customer_gateway.bad"]


def test_refusing_a_parse_leaves_the_parser_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    from exitlint.hcl import parser

    monkeypatch.setattr(parser, "PARSE_MEMORY", 32 * 1024 * 1024)  # a small bound, a small file
    dense = b'a = "' + (b"${" * 10 + b"x" + b"}" * 10) * 40_000 + b'"\n'
    refused = parse_hcl(dense, "dense.tf")
    assert refused.error is not None and "too dense" in refused.error.message
    # a cancelled tree-sitter parse resumes on the next call unless the parser is reset
    after = parse_hcl(b'b = 1\n', "ok.tf", lazy=False)
    assert after.error is None
    assert getattr(after.file.body.attributes["b"].expr, "value", None) == 1
