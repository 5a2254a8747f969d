"""Fix hints per provider or resource type (`fixes:` in a check definition), issue 12 item 13."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from _cases import run_json
from exitlint.engine.catalog import check_from_dict, load_checks

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ROOT / "checks"
AWS_REGIONS = ("cn-north-1", "cn-northwest-1")


def _provider_names() -> set[str]:
    names = set()
    for path in (CHECKS / "providers").glob("*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.add(raw["provider"])
        names.update(p.rstrip("_") for p in raw.get("resource_prefixes", []))
    return names


def test_fix_for_prefers_type_then_provider_then_check() -> None:
    check = check_from_dict({
        "id": "XB999", "name": "x", "title": "A title long enough", "category": "vpn",
        "severity": "error", "fix": "generic fix",
        "fixes": {"alicloud": "alicloud fix", "alicloud_cen_thing": "the type's fix"},
        "targets": []}, "x.yaml")
    assert check.fix_for("alicloud_cen_thing") == "the type's fix"
    assert check.fix_for("alicloud_vpc_peer_connection") == "alicloud fix"
    assert check.fix_for("aws_vpc_peering_connection") == "generic fix"
    assert check.fix_for("Deployment") == "generic fix"


def test_every_fixes_key_reaches_a_target() -> None:
    """A key that is no provider and no resource type of the check would never apply."""
    providers = _provider_names()
    for check in load_checks().checks.values():
        types = {t for target in check.targets for t in target.types}
        for key in check.fixes:
            assert key in types or (key in providers and any(
                t.split("_", 1)[0] == key for t in types)), (check.id, key)


@pytest.mark.parametrize("check_id", sorted(load_checks().checks))
def test_no_aws_region_in_hints_for_other_providers(check_id: str) -> None:
    """AWS's China Regions named in a hint shown on another cloud's resource mislead."""
    check = load_checks().checks[check_id]
    for t in {t for target in check.targets for t in target.types}:
        if t.startswith("aws_") or not t.islower():
            continue
        hint = check.fix_for(t)
        assert not any(r in hint for r in AWS_REGIONS), (check_id, t, hint)


@pytest.fixture
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(("example", "provider", "says"), [
    ("alicloud/XB202-tr-peer-attachment", "alicloud", "transit routers"),
    ("aws/XB202-tgw-peering", "aws", "cn-north-1 and cn-northwest-1"),
    ("alicloud/XB402-cdn-scope", "alicloud", 'scope = "domestic"'),
    ("tencentcloud/XB402-cdn-area", "tencentcloud", 'area = "mainland"'),
    ("azure/XB301-expressroute", "azurerm", "Beijing2"),
])
def test_findings_carry_their_providers_fix(example: str, provider: str, says: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, report, _ = run_json(capsys, str(ROOT / "examples" / example / "noncompliant"),
                            "--no-cache")
    hits = [f for f in report["findings"] if f["check_id"][:3] in ("XB2", "XB3", "XB4")]
    assert hits
    for f in hits:
        assert says in f["fix"], f
        if provider != "aws":
            assert not any(r in f["fix"] for r in AWS_REGIONS)


def test_check_page_lists_the_fixes_per_provider() -> None:
    from exitlint.docs import render_check_page

    page = render_check_page(load_checks().checks["XB202"])
    section = page.split("## How to fix", 1)[1].split("## How to approve", 1)[0]
    assert "- **`alicloud`** resources:" in section and "- **`aws`** resources:" in section
