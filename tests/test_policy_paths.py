"""The right policy for every path (SPEC §4), and nothing read from outside the repository
(red team 2: D12 first path's policy, D14 symlinked policy, D15 modules.json, D22 deep
pyproject, D33 one error per refused tfvars)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _cases import FOREIGN_PEER, run, run_json, vpn, write
from exitlint.app import ScanOptions, scan

DISABLE_XB101 = "version: 1\nchecks:\n  XB101: disabled\n"
CGW = "aws_customer_gateway.office"


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    monkeypatch.chdir(root)  # report paths are relative to the working directory
    return root


def _xb101_files(report: dict[str, Any]) -> list[str]:
    """Files with the customer gateway's XB101 finding."""
    return sorted(f["file"] for f in report["findings"]
                  if f["check_id"] == "XB101" and f["resource"].endswith(CGW))


# ---- D12: each path uses its nearest policy ------------------------------------------------

def test_argument_order_never_changes_the_result(repo: Path, capsys: Any) -> None:
    write(repo, "a/.exitlint.yaml", DISABLE_XB101)
    write(repo, "a/x.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n')
    write(repo, "infra/vpn.tf", vpn())
    one = run(capsys, "--no-cache", "--format", "json", "a/x.tf", "infra/vpn.tf")
    two = run(capsys, "--no-cache", "--format", "json", "infra/vpn.tf", "a/x.tf")
    assert one == two  # same exit code, same bytes
    assert one[0] == 1
    assert _xb101_files(json.loads(one[1])) == ["infra/vpn.tf"]


def test_nested_policy_governs_its_directory_only(repo: Path, capsys: Any) -> None:
    write(repo, "a/.exitlint.yaml", DISABLE_XB101)
    write(repo, "a/vpn.tf", vpn())
    write(repo, "b/vpn.tf", vpn())
    for args in ([], ["."], ["a", "b"], ["b", "a"]):
        code, report, _ = run_json(capsys, "--no-cache", *args)
        assert code == 1 and _xb101_files(report) == ["b/vpn.tf"], args


def test_policy_of_the_repository_root_applies_below(repo: Path, capsys: Any) -> None:
    write(repo, ".exitlint.yaml", DISABLE_XB101)
    write(repo, "deep/er/vpn.tf", vpn())
    write(repo, "other/.exitlint.yaml", "version: 1\n")
    write(repo, "other/vpn.tf", vpn())
    code, report, _ = run_json(capsys, "--no-cache", "deep", "other")
    assert code == 1 and _xb101_files(report) == ["other/vpn.tf"]


def test_called_module_is_judged_by_its_roots_policy(repo: Path, capsys: Any) -> None:
    # the module's own directory disables XB101, but the root that calls it does not
    write(repo, "modules/vpn/.exitlint.yaml", DISABLE_XB101)
    write(repo, "modules/vpn/main.tf", vpn())
    write(repo, "live/main.tf", 'module "vpn" {\n  source = "../modules/vpn"\n}\n')
    code, report, _ = run_json(capsys, "--no-cache", ".")
    assert code == 1 and _xb101_files(report) == ["modules/vpn/main.tf"]
    # and the other way round: a root whose policy disables XB101 silences its module
    (repo / "modules/vpn/.exitlint.yaml").unlink()
    write(repo, "live/.exitlint.yaml", DISABLE_XB101)
    code, report, _ = run_json(capsys, "--no-cache", ".")
    assert _xb101_files(report) == []


def test_policy_option_sets_one_policy_for_every_file(repo: Path, capsys: Any) -> None:
    write(repo, "a/.exitlint.yaml", "version: 1\n")
    write(repo, "a/vpn.tf", vpn())
    write(repo, "b/vpn.tf", vpn())
    write(repo, "../strict.yaml", DISABLE_XB101)  # outside the repository: allowed for --policy
    code, report, _ = run_json(capsys, "--no-cache", "--policy", "../strict.yaml", ".")
    assert code == 0 and _xb101_files(report) == []


def test_hygiene_findings_of_every_policy_used(repo: Path, capsys: Any) -> None:
    expired = ("version: 1\napproved_exits:\n  - id: old\n    carrier: china-unicom\n"
               '    approval: "CU-1"\n    expires: 2020-01-01\n    match:\n'
               "      peer_cidrs: [192.0.2.0/24]\n")
    write(repo, "a/.exitlint.yaml", expired)
    write(repo, "a/vpn.tf", vpn())
    write(repo, "b/.exitlint.yaml", expired)
    write(repo, "b/vpn.tf", vpn())
    _, report, _ = run_json(capsys, "--no-cache", ".")
    assert sorted(f["file"] for f in report["findings"] if f["check_id"] == "XB901") == [
        "a/.exitlint.yaml", "b/.exitlint.yaml"]


def test_kubernetes_manifest_uses_its_nearest_policy(repo: Path, capsys: Any) -> None:
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: wg}\nspec:\n"
                "  template:\n    spec:\n      containers:\n"
                "        - {name: wg, image: linuxserver/wireguard}\n")
    # the peer is not named: a warning, which k8s/quiet's policy silences
    write(repo, "k8s/quiet/.exitlint.yaml", "version: 1\nunknown: ignore\n")
    write(repo, "k8s/quiet/wg.yaml", manifest)
    write(repo, "k8s/bj/wg.yaml", manifest)
    _, report, _ = run_json(capsys, "--no-cache", ".")
    files = {f["file"] for f in report["findings"] if f["kind"] == "kubernetes"}
    assert files == {"k8s/bj/wg.yaml"}


# ---- D14: a policy that resolves outside the repository is not read ----------------------

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"


@pytest.mark.parametrize("name", [".exitlint.yaml", "pyproject.toml"])
def test_symlinked_policy_out_of_the_repository_is_refused(repo: Path, capsys: Any,
                                                           name: str) -> None:
    secret = repo.parent / "id_rsa"
    secret.write_text(f"{SECRET}\n[tool.exitlint]\n", encoding="utf-8")
    write(repo, "main.tf", vpn())
    (repo / name).symlink_to(secret)
    code, out, err = run(capsys, "--no-cache", ".")
    assert code == 2
    assert name in err and "outside the repository" in err
    assert "b3Bl" not in out + err


def test_symlinked_policy_inside_the_repository_is_read(repo: Path, capsys: Any) -> None:
    write(repo, "conf/policy.yaml", DISABLE_XB101)
    write(repo, "main.tf", vpn())
    (repo / ".exitlint.yaml").symlink_to(repo / "conf/policy.yaml")
    code, report, _ = run_json(capsys, "--no-cache", ".")
    assert code == 0 and _xb101_files(report) == []


def test_invalid_policy_value_is_quoted_short(repo: Path, capsys: Any) -> None:
    write(repo, "main.tf", vpn())
    write(repo, ".exitlint.yaml", f"{SECRET * 50}\n")  # a file pasted as a policy
    code, _, err = run(capsys, "--no-cache", ".")
    assert code == 2 and ".exitlint.yaml" in err
    assert len(err) < 600 and SECRET * 2 not in err


# ---- D22: deep [tool.exitlint] ----------------------------------------------------------

def test_deep_pyproject_is_a_policy_error(repo: Path, capsys: Any) -> None:
    write(repo, "main.tf", vpn())
    write(repo, "pyproject.toml", "[tool.exitlint]\nversion = 1\nx = " + "[" * 5000 + "]" * 5000 + "\n")
    code, out, err = run(capsys, "--no-cache", ".")
    assert code == 2 and "pyproject.toml" in err and "Traceback" not in out + err


def test_pyproject_with_a_non_table_tool_is_ignored_cleanly(repo: Path, capsys: Any) -> None:
    write(repo, "main.tf", vpn())
    write(repo, "pyproject.toml", 'tool = "x"  # [tool.exitlint]\n')
    assert run(capsys, "--no-cache", ".")[0] == 1  # the VPN, under the default policy


# ---- D15: modules.json cannot reach outside the repository -------------------------------

OUTSIDE_VPN = vpn().split("\n", 3)[3].replace("office", "acme_secret_dc")


def _manifest(repo: Path, directory: str) -> None:
    write(repo, "main.tf", 'provider "aws" {\n  region = "cn-north-1"\n}\n'
          'module "net" {\n  source = "git::https://example.com/net.git"\n}\n')
    modules = {"Modules": [{"Key": "", "Source": "", "Dir": "."},
                           {"Key": "net", "Source": "git::https://example.com/net.git",
                            "Dir": directory}]}
    write(repo, ".terraform/modules/modules.json", json.dumps(modules))


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_modules_json_dir_outside_the_repository_is_not_read(repo: Path, how: str) -> None:
    outside = repo.parent / "other-team"
    write(outside, "secret.tf", OUTSIDE_VPN)
    if how == "symlink":
        (repo / "vendor-net").symlink_to(outside)
    directory = {"relative": "../other-team", "absolute": str(outside),
                 "symlink": "vendor-net"}[how]
    _manifest(repo, directory)
    result = scan(ScanOptions(paths=[repo], base=repo))
    assert not any("acme_secret_dc" in f.resource for f in result.findings)
    assert not any("secret.tf" in f.span.file for f in result.findings)
    said = " ".join([*result.notes, *(f.message for f in result.findings)])
    assert "outside the repository" in said


def test_modules_json_dir_inside_the_repository_is_read(repo: Path) -> None:
    write(repo, ".terraform/modules/net/main.tf", OUTSIDE_VPN)
    _manifest(repo, ".terraform/modules/net")
    result = scan(ScanOptions(paths=[repo], base=repo))
    assert any(f.resource == "module.net.aws_customer_gateway.acme_secret_dc"
               for f in result.findings)


def test_symlinked_modules_json_out_of_the_repository_is_not_read(repo: Path) -> None:
    # the manifest's Dir is inside the repository, but the manifest itself lives outside it
    write(repo, ".terraform/modules/net/main.tf", OUTSIDE_VPN)
    _manifest(repo, ".terraform/modules/net")
    outside = repo.parent / "modules.json"
    (repo / ".terraform/modules/modules.json").rename(outside)
    (repo / ".terraform/modules/modules.json").symlink_to(outside)
    result = scan(ScanOptions(paths=[repo], base=repo))
    assert not any("acme_secret_dc" in f.resource for f in result.findings)
    said = " ".join([*result.notes, *(f.message for f in result.findings)])
    assert "modules.json resolves outside the repository" in said


def test_symlink_loops_in_module_paths_end_cleanly(repo: Path) -> None:
    (repo / "a").symlink_to(repo / "b")
    (repo / "b").symlink_to(repo / "a")
    (repo / ".terraform").symlink_to(repo / ".terraform2")
    (repo / ".terraform2").symlink_to(repo / ".terraform")
    write(repo, "main.tf", 'module "local" {\n  source = "./a"\n}\n'
          'module "remote" {\n  source = "git::https://example.com/x.git"\n}\n')
    result = scan(ScanOptions(paths=[repo], base=repo))  # no RuntimeError: symlink loop
    said = " ".join([*result.notes, *(f.message for f in result.findings)])
    assert "module.local" in said and "module.remote" in said


# ---- D33: a refused tfvars symlink is one error -------------------------------------------

def test_symlinked_tfvars_out_of_the_repository_reported_once(repo: Path, capsys: Any) -> None:
    outside = repo.parent / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    write(repo, "main.tf", vpn(FOREIGN_PEER))
    (repo / "terraform.tfvars").symlink_to(outside)
    code, report, _ = run_json(capsys, "--no-cache", ".")
    assert code == 2
    assert [e["file"] for e in report["errors"]] == ["terraform.tfvars"]
    assert "root:x" not in json.dumps(report)
