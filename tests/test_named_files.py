"""Files named on the command line are evaluated in context (SPEC §9 Report): a module through
the roots that call it, a tfvars file or variable default through its root, a ConfigMap through
the workloads that mount it; a finding is reported when it is located in a named file or its
chain of origins (`related`) passes through one."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from _cases import FRPC_CONFIGMAP, FRPC_DEPLOYMENT
from exitlint.cli import main

FOREIGN = "18.184.10.10"  # registered to US
DOMESTIC = "114.114.114.114"

ROOT_MAIN = """\
provider "aws" {
  region = "cn-north-1"
}

module "vpn" {
  source  = "../../modules/vpn"
  peer_ip = %s
}
"""

MODULE = """\
variable "peer_ip" {}

resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = var.peer_ip
  type       = "ipsec.1"
}
"""

UNRELATED = """\
provider "aws" {
  region = "cn-north-1"
}

resource "aws_customer_gateway" "elsewhere" {
  bgp_asn    = 65010
  ip_address = "18.184.10.11"
  type       = "ipsec.1"
}
"""


def repository_files(*, tfvars: str | None = f'peer = "{DOMESTIC}"\n',
                     default: str = DOMESTIC, argument: str = "var.peer") -> dict[str, str]:
    """Two roots (prod, staging) calling one shared module, and an unrelated root whose
    foreign link must never show up in a scan of the others' files."""
    files = {
        "envs/prod/main.tf": ROOT_MAIN % argument,
        "envs/prod/variables.tf": f'variable "peer" {{\n  default = "{default}"\n}}\n',
        "envs/staging/main.tf": ROOT_MAIN % f'"{DOMESTIC}"',
        "modules/vpn/main.tf": MODULE,
        "other/main.tf": UNRELATED,
    }
    if tfvars is not None:
        files["envs/prod/terraform.tfvars"] = tfvars
    return files


def write_tree(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(exist_ok=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def repository(root: Path, **kw: Any) -> Path:
    return write_tree(root, repository_files(**kw))


def named(root: Path, capsys: pytest.CaptureFixture[str], *names: str) -> tuple[int, Any]:
    """The CLI on files named as pre-commit names them, from the repository root."""
    cwd = os.getcwd()
    os.chdir(root)
    try:
        code = main(["--no-cache", "--format", "json", *names])
    finally:
        os.chdir(cwd)
    return code, json.loads(capsys.readouterr().out)


def links(report: Any) -> list[tuple[str, str, str]]:
    return [(f["check_id"], f["severity"], f["file"]) for f in report["findings"]]


def via(finding: Any) -> set[str]:
    """file:line of every step of the finding's chain (both ends: the peer, the region)."""
    return {f"{o['file']}:{o['line']}" for o in finding.get("related", [])}


def test_a_tfvars_value_reports_the_link_it_moves_abroad(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    repository(tmp_path, tfvars=f'# prod peer\npeer = "{FOREIGN}"\n')
    code, report = named(tmp_path, capsys, "envs/prod/terraform.tfvars")
    assert code == 1
    assert links(report) == [("XB101", "error", "modules/vpn/main.tf")]
    [finding] = report["findings"]
    assert via(finding) >= {"envs/prod/main.tf:7", "envs/prod/terraform.tfvars:2"}
    assert finding["resource"] == "module.vpn.aws_customer_gateway.office"
    assert finding["remote"]["value"] == FOREIGN
    assert report["errors"] == []


def test_a_variable_default_reports_the_link(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    repository(tmp_path, tfvars=None, default=FOREIGN)
    code, report = named(tmp_path, capsys, "envs/prod/variables.tf")
    assert code == 1
    assert links(report) == [("XB101", "error", "modules/vpn/main.tf")]
    assert via(report["findings"][0]) >= {"envs/prod/main.tf:7", "envs/prod/variables.tf:2"}


def test_a_module_argument_reports_the_link_inside_the_module(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository(tmp_path, argument=f'"{FOREIGN}"')
    code, report = named(tmp_path, capsys, "envs/prod/main.tf")
    assert code == 1
    assert links(report) == [("XB101", "error", "modules/vpn/main.tf")]
    assert "envs/prod/main.tf:7" in via(report["findings"][0])


def test_a_shared_module_is_evaluated_through_every_root_that_calls_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through prod (a foreign peer from its tfvars) and staging (domestic), never as a root of
    its own, where its unset variable would be an 'unknown peer' warning."""
    repository(tmp_path, tfvars=f'peer = "{FOREIGN}"\n')
    code, report = named(tmp_path, capsys, "modules/vpn/main.tf")
    assert code == 1
    assert links(report) == [("XB101", "error", "modules/vpn/main.tf")]
    assert report["findings"][0]["remote"]["value"] == FOREIGN


def test_a_compliant_change_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository(tmp_path, tfvars='peer = "114.114.114.115"\n')
    for name in ("envs/prod/terraform.tfvars", "envs/prod/variables.tf", "envs/prod/main.tf",
                 "modules/vpn/main.tf"):
        code, report = named(tmp_path, capsys, name)
        assert (code, report["findings"], report["errors"]) == (0, [], []), name


def test_only_findings_that_touch_a_named_file_are_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """prod's foreign peer comes from its tfvars: naming staging's root, or prod's default that
    the tfvars entry overrides, reports nothing; the unrelated root reports its own link."""
    repository(tmp_path, tfvars=f'peer = "{FOREIGN}"\n')
    code, report = named(tmp_path, capsys, "envs/staging/main.tf")
    assert (code, report["findings"]) == (0, [])
    code, report = named(tmp_path, capsys, "envs/prod/variables.tf")  # the default is unused
    assert (code, report["findings"]) == (0, [])
    code, report = named(tmp_path, capsys, "other/main.tf")
    assert [f["resource"] for f in report["findings"]] == ["aws_customer_gateway.elsewhere"]


def test_a_whole_scan_still_reports_everything(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    repository(tmp_path, tfvars=f'peer = "{FOREIGN}"\n')
    code, report = named(tmp_path, capsys, ".")
    assert code == 1
    assert sorted(f["file"] for f in report["findings"]) == ["modules/vpn/main.tf",
                                                              "other/main.tf"]


# -- Kubernetes: a ConfigMap through the workloads that mount it ----------------------------
def cluster_files(server: str) -> dict[str, str]:
    """An frp client whose server address is in a mounted ConfigMap of another file, and a
    workload that mounts another ConfigMap (read for context, never reported)."""
    return {"k8s/edge/frpc-config.yaml": FRPC_CONFIGMAP % server,
            "k8s/edge/frpc.yaml": FRPC_DEPLOYMENT,
            "k8s/other.yaml": FRPC_DEPLOYMENT.replace("{name: frpc}", "{name: x}")
                                        .replace("name: frpc,", "name: y,")}


def cluster(root: Path, server: str) -> Path:
    return write_tree(root, cluster_files(server))


def test_a_mounted_configmap_reports_the_workloads_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cluster(tmp_path, "58.176.0.1")  # registered to HK
    code, report = named(tmp_path, capsys, "k8s/edge/frpc-config.yaml")
    assert code == 1
    [finding] = report["findings"]
    assert (finding["check_id"], finding["file"], finding["resource"]) == (
        "XB703", "k8s/edge/frpc.yaml", "Deployment/edge/frpc")
    assert "k8s/edge/frpc-config.yaml" in [o["file"] for o in finding["related"]]


def test_a_compliant_configmap_change_passes(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cluster(tmp_path, DOMESTIC)
    code, report = named(tmp_path, capsys, "k8s/edge/frpc-config.yaml")
    assert (code, report["findings"], report["errors"]) == (0, [], [])


def test_a_var_file_entry_is_on_the_chain(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """--var-file replaces the tfvars entry as the origin; a later --var has no file."""
    repository(tmp_path)
    (tmp_path / "ci.tfvars").write_text(f'\npeer = "{FOREIGN}"\n')
    code, report = named(tmp_path, capsys, "--var-file", "ci.tfvars", "envs/prod")
    assert code == 1
    assert via(report["findings"][0]) >= {"ci.tfvars:2", "envs/prod/main.tf:7"}
    assert "envs/prod/terraform.tfvars:1" not in via(report["findings"][0])
    code, report = named(tmp_path, capsys, "--var-file", "ci.tfvars", "--var",
                         f"peer={FOREIGN}", "envs/prod")
    assert code == 1
    assert via(report["findings"][0]) == {"envs/prod/main.tf:2", "envs/prod/main.tf:7"}


def test_context_manifests_are_never_reported_on_their_own(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """other.yaml (an frp client with no named peer: a warning of its own) and a broken manifest
    are read for context, since they mention a ConfigMap and the name frpc; neither their
    findings nor their errors belong to the staged ConfigMap."""
    cluster(tmp_path, "58.176.0.1")
    (tmp_path / "k8s" / "broken.yaml").write_text(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: frpc\nspec: configMap: [\n")
    code, report = named(tmp_path, capsys, ".")
    assert {f["file"] for f in report["findings"]} == {"k8s/edge/frpc.yaml", "k8s/other.yaml"}
    assert [e["file"] for e in report["errors"]] == ["k8s/broken.yaml"]
    code, report = named(tmp_path, capsys, "k8s/edge/frpc-config.yaml")
    assert [f["file"] for f in report["findings"]] == ["k8s/edge/frpc.yaml"]
    assert (code, report["errors"]) == (1, [])


def test_only_manifests_that_mention_a_named_configmap_are_read() -> None:
    from exitlint.named_files import config_names

    text = (b"apiVersion: v1\nkind: Deployment\nmetadata:\n  name: web\n---\n"
            b'{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "vpn-keys"}}\n---\n'
            b"kind: ConfigMap\nmetadata: {name: frpc, namespace: edge}\ndata:\n"
            b"  hostname: not-a-name\n")
    assert config_names(text) == {b"vpn-keys", b"frpc"}
    assert config_names(b"kind: Deployment\nmetadata: {name: web}\n") == set()


# -- the widening's own walk agrees with discover() -----------------------------------------
def _grouped(found: list[Path]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in found:
        out.setdefault(str(p.parent), []).append(str(p))
    return out


def _sorted(groups: dict[str, list[str]]) -> dict[str, list[str]]:
    return {d: sorted(files) for d, files in sorted(groups.items())}


def _tricky_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "repo"
    (tree / ".git").mkdir(parents=True)
    for rel in ("main.tf", "mod/a.tf", "mod/b.tf.json", "mod/c.tofu", "vars.tfvars",
                "k8s/x.yaml", ".hidden/h.tf", "node_modules/n.tf", ".terraform/modules/m/m.tf",
                "vendor/v.tf", "deep/er/still/d.tf"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text("# x\n")
    (tmp_path / "outside.tf").write_text("# outside\n")
    (tree / "link_in.tf").symlink_to(tree / "main.tf")  # a link inside the tree: read
    (tree / "link_out.tf").symlink_to(tmp_path / "outside.tf")  # leaves the tree: not read
    (tree / "dangling.tf").symlink_to(tree / "nowhere.tf")  # reported as unreadable
    (tree / "dirlink").symlink_to(tree / "mod")  # directory links are never followed
    os.mkfifo(tree / "fifo.tf")  # a special file: never opened
    return tree


@pytest.mark.parametrize("allow_outside", [False, True])
def test_terraform_by_dir_finds_what_discover_finds(tmp_path: Path, allow_outside: bool) -> None:
    from exitlint.discovery import discover, terraform_by_dir

    tree = _tricky_tree(tmp_path)
    expected = _grouped(discover([tree], allow_outside).terraform)
    assert _sorted(terraform_by_dir(tree, allow_outside)) == _sorted(expected)
    assert str(tree / "link_out.tf") in str(expected) if allow_outside else \
        str(tree / "link_out.tf") not in str(expected)


def test_terraform_by_dir_on_the_examples() -> None:
    from exitlint.discovery import discover, terraform_by_dir

    examples = Path(__file__).resolve().parent.parent / "examples"
    expected = _grouped(discover([examples]).terraform)
    assert len(expected) > 50
    assert _sorted(terraform_by_dir(examples)) == _sorted(expected)


def test_widening_context_matches_the_scans_module_graph(tmp_path: Path) -> None:
    """The widening works on strings; the scan's own root detection on Paths: both must see the
    same roots and closures (a shared module through two roots, a cycle, a call out of the tree,
    a `./` call to itself)."""
    from exitlint.discovery import discover
    from exitlint.named_files import _terraform_context
    from exitlint.terraform.scan import module_closure, root_modules

    tree = tmp_path / "repo"
    (tree / ".git").mkdir(parents=True)
    files = {
        "live/a/main.tf": 'module "n" {\n  source = "../../modules/net/"\n}\n',
        "live/b/main.tf": 'module "n" {\n  source = "../../modules/net"\n}\n'
                          'module "o" {\n  source = "../../../outside"\n}\n',
        "modules/net/main.tf": 'module "s" {\n  source = "./sub"\n}\nmodule "me" {\n'
                               '  source = "."\n}\n',
        "modules/net/sub/main.tf": "# leaf\n",
        "cycle/x/main.tf": 'module "y" {\n  source = "../y"\n}\n',
        "cycle/y/main.tf": 'module "x" {\n  source = "../x"\n}\n',
        "alone/main.tf": "# nobody calls it\n",
    }
    for rel, text in files.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(text)
    by_dir: dict[Path, list[Path]] = {}
    for p in discover([tree]).terraform:
        by_dir.setdefault(p.parent, []).append(p)
    calls: dict[Path, set[Path]] = {}
    roots = root_modules(by_dir, calls)
    for named in by_dir:
        expected = {p for r in roots if named in module_closure(r, calls)
                    for d in module_closure(r, calls) for p in by_dir.get(d, ())}
        assert _terraform_context({named}, False) == expected, named
    shared = _terraform_context({tree / "modules/net/sub"}, False)
    assert tree / "live/a/main.tf" in shared and tree / "live/b/main.tf" in shared
    assert _terraform_context({tree / "cycle/y"}, False) == \
        {tree / "cycle/x/main.tf", tree / "cycle/y/main.tf"}


def test_each_example_file_named_alone_reports_what_the_whole_scan_locates_there(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every Terraform file of the non-compliant examples, named alone as pre-commit names
    it, in a work tree holding all of examples/ (so the widening walks a real tree): its
    findings located in that file are those the whole scan locates there."""
    tree = tmp_path / "repo"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples", tree / "examples")
    (tree / ".git").mkdir()
    _, whole = named(tree, capsys, "examples")
    located: dict[str, set[tuple[Any, ...]]] = {}
    for f in whole["findings"]:
        located.setdefault(f["file"], set()).add((f["check_id"], f["line"], f["resource"],
                                                  f.get("root")))
    files = sorted(p.relative_to(tree).as_posix()
                   for p in (tree / "examples").glob("*/*/noncompliant/**/*.tf"))
    assert len(files) > 20
    for rel in files:
        _, report = named(tree, capsys, rel)
        mine = {(f["check_id"], f["line"], f["resource"], f.get("root"))
                for f in report["findings"] if f["file"] == rel}
        assert mine == located.get(rel, set()), rel
