"""Messages name the real blocker, quote odd values and name both ends (issue 12 item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import FOREIGN_PEER, project, run, run_json

GATEWAY = """\
%(head)s
resource "aws_customer_gateway" "office" {
  bgp_asn    = 65010
  ip_address = %(peer)s
  type       = "ipsec.1"
%(extra)s
}
"""


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def _one(tmp_path: Path, capsys: pytest.CaptureFixture[str], head: str = "",
         peer: str = f'"{FOREIGN_PEER}"', extra: str = "") -> dict:  # type: ignore[type-arg]
    project(tmp_path, GATEWAY % {"head": head, "peer": peer, "extra": extra})
    _, report, _ = run_json(capsys, ".", "--no-cache")
    [finding] = [f for f in report["findings"] if f["check_id"] == "XB101"]
    return finding


def test_unresolved_variable_is_named_with_its_remedy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='variable "region" {}\nprovider "aws" {\n'
             '  region = var.region\n}\n')
    assert f["severity"] == "warning"
    assert "var.region has no default" in f["message"]
    assert "Resolve it with a value for that variable (tfvars, --var-file or --var)" \
        in f["message"]
    assert f["local"]["value"] == "region" and f["local"]["class"] == "unknown"


def test_no_region_anywhere_names_where_to_set_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='provider "aws" {}\n')
    assert f["local"] == {"class": "unknown", "value": "region", "reason": f["local"]["reason"]}
    assert "no region is set for aws_customer_gateway.office" in f["local"]["reason"]
    assert f["message"].endswith(
        "Resolve it with a region on the provider, or default_region in the policy")


def test_empty_region_shows_as_empty_quotes(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='provider "aws" {\n  region = ""\n}\n')
    assert 'region is ""' in f["message"] and "region is empty" not in f["message"]
    assert f["local"]["value"] == "region"


def test_masked_peer_is_not_called_a_host_name(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='provider "aws" {\n  region = "cn-north-1"\n}\n',
             peer='"**.**.**.**"')
    assert "neither an IP address nor a host name" in f["message"]
    assert "is a host name" not in f["message"]


def test_host_name_peer_points_at_the_host_lists(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='provider "aws" {\n  region = "cn-north-1"\n}\n',
             peer='"vpn.example.com"')
    assert f["message"].endswith("Resolve it with domestic_hosts or foreign_hosts in the policy")


def test_odd_values_are_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys, head='provider "aws" {\n  region = "cn-north-1"\n}\n',
             peer='"vpn .example.com"')
    assert 'ip_address "vpn .example.com" is' in f["message"]


def test_data_source_blocker_is_named(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    f = _one(tmp_path, capsys,
             head='provider "aws" {\n  region = "cn-north-1"\n}\n'
                  'data "aws_ip_ranges" "x" {\n  services = ["ec2"]\n}\n',
             peer="data.aws_ip_ranges.x.cidr_blocks[0]")
    assert "data.aws_ip_ranges.x" in f["message"]


def test_unknown_region_name_is_quoted(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, 'provider "huaweicloud" {\n  region = "cn-north-4"\n}\n'
            'resource "huaweicloud_cc_inter_region_bandwidth" "dr" {\n'
            '  cloud_connection_id  = "cc-1"\n  bandwidth_package_id = "bwp-1"\n'
            '  bandwidth = 5\n  inter_region_ids = ["cn-north-4", "dr_region"]\n}\n')
    _, report, _ = run_json(capsys, ".", "--no-cache")
    [f] = [f for f in report["findings"] if f["check_id"] == "XB204"]
    assert 'inter_region_ids "dr_region" is not a region huaweicloud knows' \
        in f["message"]
    assert f["message"].endswith("Correct the name no catalogue knows")


def test_text_ends_line_never_shows_a_question_mark(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, GATEWAY % {"head": 'variable "region" {}\nprovider "aws" {\n'
                                         '  region = var.region\n}\n',
                                 "peer": '"vpn.example.com"', "extra": ""})
    _, out, _ = run(capsys, ".", "--no-cache")
    ends = [ln for ln in out.splitlines() if ln.strip().startswith("ends:")]
    assert ends and all("?" not in ln for ln in ends)


def test_a_peer_behind_an_unread_module_names_terraform_init(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A peer read from a module that was never downloaded: the hint is `terraform init`, not
    a tfvars value (seen on terraform-aws-vpn-gateway's examples)."""
    project(tmp_path, 'provider "aws" {\n  region = "cn-north-1"\n}\n'
            'module "peer" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n'
            'resource "aws_customer_gateway" "c" {\n  bgp_asn = 65000\n'
            '  ip_address = module.peer.public_ip\n  type = "ipsec.1"\n}\n')
    _, report, _ = run_json(capsys, ".", "--no-cache")
    [f] = [f for f in report["findings"] if f["check_id"] == "XB101"]
    assert "not available locally" in f["message"]
    assert "Resolve it with `terraform init` before scanning" in f["message"]
