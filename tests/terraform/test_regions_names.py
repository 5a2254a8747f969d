"""Region names no catalogue knows are unknown, never "outside"; default_region per provider
(SPEC §9 "Where an end is", issue 12 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cases import FOREIGN_PEER, cgw, project, run, run_json
from _cases import findings_of as hits
from _cases import scan_text as scan
from exitlint.geo.geography import load_catalogue
from exitlint.geo.region import classify_region
from exitlint.model import EndClass


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _cgw_in(region: str, peer: str = FOREIGN_PEER) -> str:
    return cgw(peer=peer).replace('region = "cn-north-1"', f'region = "{region}"')


@pytest.mark.parametrize(("provider", "value", "suggested"), [
    ("aws", "cn-nroth-1", "cn-north-1"),
    ("aws", "cn-northwest1", "cn-northwest-1"),
    ("alicloud", "cn-shangai", "cn-shanghai"),
    ("azurerm", "chinaeast9", "chinaeast2"),
    ("tencentcloud", "ap-shangai", "ap-shanghai"),
])
def test_typo_is_unknown_and_names_the_nearest(provider: str, value: str,
                                               suggested: str) -> None:
    end = classify_region(load_catalogue().providers[provider], value)
    assert end.cls is EndClass.UNKNOWN and end.unknown_name
    assert f'"{value}"' in end.reason
    assert "did you mean" in end.reason and suggested in end.reason.split("did you mean", 1)[1]


def test_other_clouds_name_says_whose_it_is() -> None:
    cat = load_catalogue()
    end = classify_region(cat.providers["aws"], "cn-shanghai", catalogue=cat)
    assert end.cls is EndClass.UNKNOWN and end.unknown_name
    assert "cn-shanghai is a region of alicloud" in end.reason


def test_known_region_is_no_unknown_name() -> None:
    for name in ("cn-north-1", "ap-east-1", "us-east-1"):
        end = classify_region(load_catalogue().providers["aws"], name)
        assert end.cls is not EndClass.UNKNOWN and not end.unknown_name


def test_google_has_no_mainland_region_so_any_name_is_outside() -> None:
    end = classify_region(load_catalogue().providers["google"], "asia-east9")
    assert end.cls is EndClass.NON_MAINLAND and not end.unknown_name


@pytest.mark.parametrize("region", ["cn-nroth-1", "cn-shanghai"])
def test_vpn_from_a_misspelt_region_to_the_us_is_a_warning(tmp_path: Path, region: str) -> None:
    [f] = hits(scan(tmp_path, _cgw_in(region)), "XB101")
    assert f.severity.value == "warning"
    assert f.local.cls is EndClass.UNKNOWN and f.local.value == region
    assert region in f.message
    # the fix is the name, not a tfvars value or default_region (which never replaces it)
    assert f.message.endswith("Correct the name no catalogue knows")


def test_unknown_ignore_does_not_silence_a_misspelt_region(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    project(tmp_path, _cgw_in("cn-nroth-1"), "version: 1\nunknown: ignore\n")
    code, report, _ = run_json(capsys, ".")
    [f] = report["findings"]
    assert f["check_id"] == "XB101" and f["severity"] == "warning"
    assert "did you mean cn-north-1" in f["message"]
    # an end that is merely unresolved (a host name) is still silenced by `unknown: ignore`
    project(tmp_path, cgw(peer="vpn.example.com"), "version: 1\nunknown: ignore\n")
    assert run_json(capsys, ".")[1]["findings"] == []


def test_default_region_never_replaces_a_written_misspelt_name(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    project(tmp_path, _cgw_in("cn-nroth-1"), "version: 1\ndefault_region: cn-north-1\n")
    [f] = run_json(capsys, ".")[1]["findings"]
    assert f["severity"] == "warning" and f["local"]["value"] == "cn-nroth-1"


NO_REGION_AWS = cgw().replace('  region = "cn-north-1"\n', "")
NO_REGION_BOTH = NO_REGION_AWS + '''
resource "huaweicloud_vpn_customer_gateway" "peer" {
  name     = "peer"
  id_value = "18.184.10.10"
}
'''


def _local_values(report: dict) -> dict[str, tuple[str, str]]:
    return {f["resource"]: (f["severity"], f["local"]["value"]) for f in report["findings"]}


def test_default_region_map_applies_per_provider(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, NO_REGION_BOTH,
            "version: 1\ndefault_region: {aws: cn-north-1, huaweicloud: ap-southeast-1}\n")
    got = _local_values(run_json(capsys, ".")[1])
    assert got["aws_customer_gateway.office"] == ("error", "cn-north-1")
    # Huawei Singapore to a US address: both outside, nothing
    assert "huaweicloud_vpn_customer_gateway.peer" not in got


def test_single_default_region_applies_only_where_the_provider_knows_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, NO_REGION_BOTH, "version: 1\ndefault_region: cn-northwest-1\n")
    report = run_json(capsys, ".")[1]
    got = _local_values(report)
    assert got["aws_customer_gateway.office"] == ("error", "cn-northwest-1")
    # cn-northwest-1 is no Huawei region: unknown, and the message says
    # how to give Huawei its own default
    assert got["huaweicloud_vpn_customer_gateway.peer"][0] == "warning"
    [hw] = [f for f in report["findings"] if f["resource"].startswith("huaweicloud")]
    assert "default_region cn-northwest-1 is not a region of huaweicloud" in hw["message"]
    assert "default_region: {huaweicloud: ...}" in hw["message"]


@pytest.mark.parametrize(("policy", "expected"), [
    ("default_region: cn-nroth-1", r"\.exitlint\.yaml:2:17: invalid policy at default_region: "
                                   r"'cn-nroth-1' is not a region of any provider exitlint knows "
                                   r"\(did you mean cn-north-1"),
    ("default_region: {aws: cn-shanghai}", r"default_region\.aws: 'cn-shanghai' is not a region "
                                           r"of aws.*cn-shanghai is a region of alicloud"),
    ("default_region: {amazon: cn-north-1}", r"'amazon' is not a provider exitlint knows"),
    ("kubernetes: {region: cn-hongkongg}", r"kubernetes\.region: 'cn-hongkongg'.*did you mean "
                                           r"cn-hongkong"),
    ('kubernetes: {paths: {"hk/**": hongkong}}', r"kubernetes\.paths\.hk/\*\*: 'hongkong'"),
])
def test_policy_region_names_are_validated(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           policy: str, expected: str) -> None:
    import re

    project(tmp_path, cgw(), f"version: 1\n{policy}\n")
    code, _, err = run(capsys, ".")
    assert code == 2 and re.search(expected, err), err
    assert "Traceback" not in err


@pytest.mark.parametrize("policy", [
    "default_region: cn-shanghai",  # alicloud's: valid, applied where a provider knows it
    "default_region: {aws: cn-northwest-1, alicloud: cn-shanghai}",
    "default_region: {azurerm: China East 2}",  # normalised as Azure does
    "kubernetes: {region: cn-beijing-a}",  # a zone ID reduces to its region
    'kubernetes: {paths: {"hk/**": ap-east-1}}',
])
def test_valid_region_names_load(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 policy: str) -> None:
    project(tmp_path, cgw(peer="114.114.114.114"), f"version: 1\n{policy}\n")
    assert run(capsys, ".")[0] == 0


def test_map_default_region_does_not_apply_to_manifests(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    from exitlint.policy import load_policy

    project(tmp_path, cgw(), "version: 1\ndefault_region: {alicloud: cn-hongkong}\n")
    policy = load_policy(tmp_path / ".exitlint.yaml")
    assert policy.default_region is None and policy.default_regions == {"alicloud": "cn-hongkong"}


def test_a_null_region_argument_is_unset_and_the_provider_region_applies(tmp_path: Path) -> None:
    """`region = var.region` with a null default (terraform-aws-modules style) is Terraform's
    "not set": the provider's region applies, never an empty or unknown region."""
    text = _cgw_in("cn-north-1").replace(
        'resource "aws_customer_gateway"',
        'variable "region" {\n  default = null\n}\n\nresource "aws_customer_gateway"', 1)
    text = text.replace('  bgp_asn', '  region     = var.region\n  bgp_asn', 1)
    assert "region     = var.region" in text
    [f] = hits(scan(tmp_path, text), "XB101", "aws_customer_gateway.office")
    assert f.severity.value == "error"
    assert f.local.cls is EndClass.MAINLAND and f.local.value == "cn-north-1"
