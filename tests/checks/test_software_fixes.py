"""Fix hints per software (`software_fixes:` in a check definition): a finding about cloudflared
is told what fits cloudflared, one about Tailscale what fits Tailscale, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from _cases import run, run_json, write
from exitlint.engine.catalog import check_from_dict, load_checks

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "check.schema.json").read_text(encoding="utf-8"))
SOFTWARE = {s["name"]: s for s in
            yaml.safe_load((ROOT / "checks" / "software.yaml").read_text(encoding="utf-8"))
            ["software"]}
# checks whose findings are about software, and every piece of software each can report
SOFTWARE_CHECKS = ("XB602", "XB701", "XB702", "XB703")


def _reachable(check_id: str) -> set[str]:
    """The software a check's targets can name: by `software_kinds` (workloads), by
    `options.software` (operator objects, Services, Ingresses), or any software a boot script
    can be recognised by (`scripts:` targets)."""
    check = load_checks().checks[check_id]
    names: set[str] = set()
    for t in check.targets:
        if t.options.get("software"):
            names.add(str(t.options["software"]))
        if t.evaluator != "software":
            continue
        if t.scripts:
            names |= {n for n, s in SOFTWARE.items() if s.get("script_patterns")}
        else:
            kinds = set(t.options.get("software_kinds") or ())
            names |= {n for n, s in SOFTWARE.items() if not kinds or s["kind"] in kinds}
    return names


@pytest.mark.parametrize("check_id", SOFTWARE_CHECKS)
def test_every_software_a_check_reports_has_its_fix(check_id: str) -> None:
    check = load_checks().checks[check_id]
    reachable = _reachable(check_id)
    assert reachable
    assert set(check.software_fixes) == reachable, (
        f"missing {sorted(reachable - set(check.software_fixes))}, "
        f"never used {sorted(set(check.software_fixes) - reachable)}")
    for name, text in check.software_fixes.items():
        assert text != check.fix and len(text) > 40, (check_id, name)


def test_every_software_fixes_key_names_software_the_check_reports() -> None:
    for check in load_checks().checks.values():
        if check.software_fixes:
            assert set(check.software_fixes) <= _reachable(check.id), check.id


def test_headscale_is_advice_for_tailscale_only() -> None:
    # Tailscale's own fix, Headscale's (the server), and ZeroTier's (a tailnet replaces it)
    may_name_headscale = {"Tailscale", "Headscale (Tailscale control server)", "ZeroTier"}
    for check_id in SOFTWARE_CHECKS:
        check = load_checks().checks[check_id]
        for name, text in check.software_fixes.items():
            if "Headscale" in text or "--login-server" in text:
                assert name in may_name_headscale, (check_id, name)
    xb702 = load_checks().checks["XB702"]
    assert "Headscale" not in xb702.fix_for("Deployment", "Cloudflare Tunnel (cloudflared)")
    assert "--login-server" in xb702.fix_for("Deployment", "Tailscale")


def test_fix_for_prefers_software_then_type_then_provider() -> None:
    check = check_from_dict({
        "id": "XB999", "name": "x", "title": "A title long enough", "category": "compute",
        "severity": "error", "fix": "generic fix",
        "fixes": {"aws": "aws fix", "aws_instance": "the type's fix"},
        "software_fixes": {"Tailscale": "the Tailscale fix"},
        "targets": []}, "x.yaml")
    assert check.fix_for("aws_instance", "Tailscale") == "the Tailscale fix"
    assert check.fix_for("aws_instance", "WireGuard") == "the type's fix"
    assert check.fix_for("aws_launch_template", None) == "aws fix"
    assert check.fix_for("Deployment", "ngrok") == "generic fix"


# -- the schema ----------------------------------------------------------------------------------
def _definition(**extra: object) -> dict[str, object]:
    return {"id": "XB999", "name": "some-tunnel", "title": "A title long enough",
            "category": "kubernetes", "severity": "error",
            "summary": "A summary that is long enough.", "rationale": "A rationale long enough.",
            "fix": "Remove the tunnel.", "targets": [], **extra}


def _errors(raw: dict[str, object]) -> list[str]:
    return [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(raw)]


def test_schema_accepts_software_fixes() -> None:
    assert _errors(_definition(software_fixes={
        "Cloudflare Tunnel (cloudflared)": "Remove cloudflared and publish otherwise.",
        "L2TP/PPTP server": "Remove the server from the instance."})) == []


@pytest.mark.parametrize("bad", [
    {"Tailscale": "short"},                     # a hint too short to say anything
    {"Tailscale": ["Remove it and use Headscale."]},  # not text
    {"": "Remove the tunnel, whatever it is."},  # no name
    {"Tailscale ": "Remove the tunnel, whatever it is."},  # not a name as written
    {"*": "Remove the tunnel, whatever it is."},  # not a glob
])
def test_schema_rejects_a_malformed_software_fix(bad: dict[str, object]) -> None:
    assert _errors(_definition(software_fixes=bad))
    assert _errors(_definition(software_fixes="Remove the tunnel."))


# -- findings in every format --------------------------------------------------------------------
CLOUDFLARED = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: tunnel, namespace: web}
spec:
  template:
    spec:
      containers:
        - name: cloudflared
          image: cloudflare/cloudflared:2024.6.1
          args: [tunnel, run]
"""

TAILSCALE = """\
apiVersion: v1
kind: Pod
metadata: {name: subnet-router}
spec:
  containers:
    - name: tailscale
      image: ghcr.io/tailscale/tailscale:v1.66
      env: [{name: TS_ROUTES, value: 10.0.0.0/16}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: ngrok
  rules: [{host: shop.example.com}]
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "cloudflared.yaml", CLOUDFLARED)
    write(tmp_path, "tailscale.yaml", TAILSCALE)
    return tmp_path


def _by_resource(report: dict[str, object]) -> dict[str, str]:
    return {f["resource"]: f["fix"] for f in report["findings"]}  # type: ignore[index]


def test_json_carries_the_softwares_fix(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = run_json(capsys, str(tree), "--no-cache")
    assert code == 1
    fixes = _by_resource(report)
    cloudflared = fixes["Deployment/web/tunnel"]
    assert "Headscale" not in cloudflared and "--login-server" not in cloudflared
    assert "cannot be self-hosted" in cloudflared and "cloudflared" in cloudflared
    assert "Headscale" in fixes["Pod/subnet-router"]
    assert "--login-server" in fixes["Pod/subnet-router"]
    ngrok = fixes["Ingress/shop"]  # an edge_object target names its software
    assert "ngrok" in ngrok and "Headscale" not in ngrok


def test_sarif_results_carry_the_softwares_fix(tree: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(tree), "--no-cache", "--format", "sarif")
    assert code == 1
    results = {r["properties"]["resource"]: r for r in json.loads(out)["runs"][0]["results"]}
    xb702 = load_checks().checks["XB702"]
    cloudflared = results["Deployment/web/tunnel"]
    want = xb702.fix_for("Deployment", "Cloudflare Tunnel (cloudflared)")
    assert cloudflared["properties"]["fix"] == " ".join(want.split())
    assert cloudflared["message"]["text"].endswith("How to fix: " + " ".join(want.split()))
    assert "Headscale" in results["Pod/subnet-router"]["properties"]["fix"]


def test_sarif_says_no_fix_twice_when_it_is_the_rules(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A finding whose fix is the check's own leaves it to the rule's help."""
    write(tmp_path, "proxy.yaml", """\
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          containers:
            - name: app
              image: registry.example.cn/shop/app:1
              env: [{name: HTTPS_PROXY, value: "http://18.184.10.10:3128"}]
        """)
    code, out, _ = run(capsys, str(tmp_path), "--no-cache", "--format", "sarif")
    assert code == 0  # a warning
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "XB707"
    assert "fix" not in result["properties"] and "How to fix" not in result["message"]["text"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "github", "html"])
def test_other_formats_show_the_softwares_fix(tree: Path, fmt: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(tree), "--no-cache", "--format", fmt)
    assert code == 1
    assert "cannot be self-hosted" in out  # cloudflared's and ngrok's
    assert "--login-server" in out  # Tailscale's


def test_boot_script_finding_gets_its_softwares_fix(capsys: pytest.CaptureFixture[str]) -> None:
    example = ROOT / "examples" / "azure" / "XB602-tailscale-scale-set" / "noncompliant"
    _, report, _ = run_json(capsys, str(example), "--no-cache")
    [hit] = [f for f in report["findings"] if f["check_id"] == "XB602"]
    assert "tailscale up --login-server" in hit["fix"]


def test_explain_lists_the_per_software_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "XB702")
    assert code == 0
    fixes = out.split("## How to fix", 1)[1].split("## How to approve", 1)[0]
    assert "For this software:" in fixes
    for name in load_checks().checks["XB702"].software_fixes:
        assert f"- **{name}**: " in fixes
