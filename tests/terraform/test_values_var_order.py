"""Variable values load in Terraform's documented order: terraform.tfvars, terraform.tfvars.json,
*.auto.tfvars(.json) in lexical order, then --var-file and --var in command-line order; the
later one wins, and the finding's chain names the entry that won."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import run_json, write
from exitlint.var_order import FILE, VAR, kinds, ordered

MAIN = '''provider "aws" {
  region = "cn-north-1"
}

variable "peer" {}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = var.peer
  type       = "ipsec.1"
}
'''
FOREIGN, DOMESTIC = "18.184.10.10", "114.114.114.114"


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path, "main.tf", MAIN)
    write(tmp_path, "foreign.tfvars", f'peer = "{FOREIGN}"\n')
    write(tmp_path, "domestic.tfvars", f'\npeer = "{DOMESTIC}"\n')


def _peer(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str | None, list[str]]:
    """The peer the scan judged (None: no finding) and the variable files in its chain."""
    _, report, _ = run_json(capsys, ".", *args)
    findings = [f for f in report["findings"] if f["check_id"] == "XB101"]
    if not findings:
        return None, []
    [f] = findings
    return f["remote"]["value"], [f"{r['file']}:{r['line']}" for r in f.get("related", [])
                                  if "tfvars" in r["file"]]


def test_var_files_and_vars_apply_in_command_line_order(
        capsys: pytest.CaptureFixture[str]) -> None:
    # a --var before a --var-file loses to it; after it, wins
    assert _peer(capsys, "--var", f"peer={DOMESTIC}", "--var-file", "foreign.tfvars") == (
        FOREIGN, ["foreign.tfvars:1"])
    assert _peer(capsys, "--var-file", "foreign.tfvars", "--var", f"peer={DOMESTIC}") == (None, [])
    assert _peer(capsys, "--var-file=domestic.tfvars", "--var-file=foreign.tfvars") == (
        FOREIGN, ["foreign.tfvars:1"])
    assert _peer(capsys, "--var-file", "foreign.tfvars", "--var-file", "domestic.tfvars") == (
        None, [])
    assert _peer(capsys, f"--var=peer={DOMESTIC}", f"--var=peer={FOREIGN}")[0] == FOREIGN


def test_automatic_files_load_first_and_in_lexical_order(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "terraform.tfvars", f'peer = "{FOREIGN}"\n')
    write(tmp_path, "terraform.tfvars.json", f'{{"peer": "{DOMESTIC}"}}\n')
    assert _peer(capsys) == (None, [])  # the .json file comes after terraform.tfvars
    write(tmp_path, "b.auto.tfvars", f'peer = "{FOREIGN}"\n')
    write(tmp_path, "a.auto.tfvars.json", f'{{"peer": "{DOMESTIC}"}}\n')
    assert _peer(capsys) == (FOREIGN, ["b.auto.tfvars:1"])
    write(tmp_path, "c.auto.tfvars.json", f'{{"peer": "{DOMESTIC}"}}\n')
    assert _peer(capsys) == (None, [])
    # the command line comes after every automatic file
    assert _peer(capsys, "--var-file", "foreign.tfvars") == (FOREIGN, ["foreign.tfvars:1"])


def test_kinds_and_ordering() -> None:
    assert kinds(["--var", "a=1", "--var-file=x", "--var-file", "--var", "--var=b=2",
                  "--", "--var"]) == (VAR, FILE, FILE, VAR)
    files, values = [Path("x"), Path("y")], ["a=1"]
    assert ordered(files, values, (FILE, VAR, FILE)) == [(FILE, Path("x")), (VAR, "a=1"),
                                                         (FILE, Path("y"))]
    # no usable order (options not from the CLI): files first, then values
    assert ordered(files, values, ()) == [(FILE, Path("x")), (FILE, Path("y")), (VAR, "a=1")]
