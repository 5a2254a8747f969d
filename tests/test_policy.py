"""The policy file (SPEC §4): discovery, approved exits, hygiene, validation, overrides."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from _cases import UNKNOWN_PEER, cgw, ids, project, run, run_json, vpn, write
from exitlint.policy import find_policy, load_policy


@pytest.fixture(autouse=True)
def _cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # report paths are relative to the working directory


FUTURE = (dt.date.today() + dt.timedelta(days=365)).isoformat()
PAST = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def exit_policy(match: str, *, expires: str = FUTURE, approval: str = '"CU-IPLC-2026-0042"',
                quote_date: bool = False) -> str:
    date = f'"{expires}"' if quote_date else expires
    approval_line = f"    approval: {approval}\n" if approval else ""
    return ("version: 1\n"
            "approved_exits:\n"
            "  - id: cu-iplc\n"
            "    carrier: china-unicom\n"
            f"{approval_line}"
            f"    expires: {date}\n"
            "    match:\n"
            f"      {match}\n")


# ---- discovery ---------------------------------------------------------------------------

def test_nearest_policy_wins(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".exitlint.yaml", "version: 1\n")
    inner = write(tmp_path, "env/prod/.exitlint.yaml", "version: 1\n")
    (tmp_path / "env/prod/net").mkdir()
    assert find_policy(tmp_path / "env/prod/net") == inner
    assert find_policy(tmp_path / "env") == tmp_path / ".exitlint.yaml"


def test_discovery_stops_at_git_root(tmp_path: Path) -> None:
    write(tmp_path, ".exitlint.yaml", "version: 1\n")  # outside the work tree
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "mod").mkdir()
    assert find_policy(repo / "mod") is None


def test_pyproject_tool_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.exitlint]\nversion = 1\n'
          'domestic_cidrs = ["18.184.0.0/16"]\n')
    assert find_policy(tmp_path) == tmp_path / "pyproject.toml"
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and report["findings"] == []


def test_pyproject_without_section_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert find_policy(tmp_path) is None


def test_policy_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    write(tmp_path, "conf/strict.yaml", "version: 1\ndomestic_cidrs: [18.184.10.0/24]\n")
    assert run_json(capsys, ".")[0] == 1
    code, report, _ = run_json(capsys, ".", "--policy", "conf/strict.yaml")
    assert code == 0 and report["findings"] == []


def test_missing_policy_option_is_usage_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw())
    code, _, err = run(capsys, ".", "--policy", "nope.yaml")
    assert code == 2 and "nope.yaml" in err


# ---- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("quoted", [False, True])
def test_expires_quoted_or_not(tmp_path: Path, quoted: bool) -> None:
    path = write(tmp_path, ".exitlint.yaml",
                 exit_policy("regions: [eu-central-1]", expires="2027-06-30", quote_date=quoted))
    policy = load_policy(path)
    assert policy.exits[0].expires == dt.date(2027, 6, 30)
    assert policy.exits[0].line == 3


# ---- approved exits ------------------------------------------------------------------------

def approved(report: dict[str, Any]) -> list[str]:
    """Check IDs of the findings an approved exit covers (kept in the report, SPEC §9)."""
    return [f["check_id"] for f in report["findings"] if f["status"] == "approved"]


def open_ids(report: dict[str, Any]) -> list[str]:
    return [f["check_id"] for f in report["findings"] if f["status"] == "open"]


@pytest.mark.parametrize(("match", "hygiene"), [
    ("resources: [aws_customer_gateway.office]", ["XB907"]),  # no far-end constraint
    ('resources: ["aws_customer_gateway.*"]', ["XB907"]),
    ("peer_cidrs: [18.184.0.0/16]", []),
    ("resources: [aws_customer_gateway.office]\n      peer_cidrs: [18.184.0.0/16]", []),
])
def test_approved_exit_matches(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               match: str, hygiene: list[str]) -> None:
    project(tmp_path, cgw(), exit_policy(match))
    code, report, _ = run_json(capsys, ".")
    assert code == 0, report["findings"]
    assert approved(report) == ["XB101"] and open_ids(report) == hygiene


@pytest.mark.parametrize("match", [
    "resources: [aws_vpn_connection.other]",
    "peer_cidrs: [8.8.8.0/24]",
    "regions: [ap-east-1]",
    "regions: [cn-north-1]",  # the near end's region: regions test the far end only
])
def test_approved_exit_not_matching(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    match: str) -> None:
    project(tmp_path, cgw(), exit_policy(match))
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and [i for i in ids(report) if i != "XB907"] == ["XB101"]
    assert approved(report) == []


def test_all_given_match_fields_must_match(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    match = "resources: [aws_customer_gateway.office]\n      peer_cidrs: [8.8.8.0/24]"
    project(tmp_path, cgw(), exit_policy(match))
    assert ids(run_json(capsys, ".")[1]) == ["XB101"]


def test_resource_glob_covers_module_path(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, 'module "net" {\n  source = "./net"\n}\n',
            exit_policy('resources: ["module.net.*"]'))
    write(tmp_path, "net/main.tf", cgw())
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and approved(report) == ["XB101"] and open_ids(report) == ["XB907"]


def test_paths_glob_from_policy_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_policy('paths: ["*.tf"]'))
    report = run_json(capsys, ".")[1]
    assert approved(report) == ["XB101"] and open_ids(report) == ["XB907"]


def test_paths_relative_to_policy_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    project(repo, cgw(), exit_policy('paths: ["main.tf"]'))
    code, report, _ = run_json(capsys, "repo")  # cwd is the parent of the policy's directory
    assert approved(report) == ["XB101"] and code == 0


def test_expired_exit_reports_xb901_and_link_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_policy("regions: [cn-north-1]", expires=PAST))
    code, report, _ = run_json(capsys, ".")
    assert code == 1
    by_id = {f["check_id"]: f for f in report["findings"]}
    assert set(by_id) == {"XB101", "XB901"}
    assert by_id["XB901"]["file"] == ".exitlint.yaml"
    assert by_id["XB901"]["line"] == 3  # the `- id:` entry of the exit
    assert by_id["XB901"]["kind"] == "policy" and by_id["XB901"]["severity"] == "error"
    assert by_id["XB101"]["resource"] == "aws_customer_gateway.office"
    assert by_id["XB101"]["suppressed"] is False


def test_exit_without_approval_is_xb902(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_policy("regions: [cn-north-1]", approval=""))
    code, report, _ = run_json(capsys, ".")
    assert code == 1
    assert sorted(ids(report)) == ["XB101", "XB902"]
    xb902 = next(f for f in report["findings"] if f["check_id"] == "XB902")
    assert (xb902["file"], xb902["line"]) == (".exitlint.yaml", 3)


@pytest.mark.parametrize("placeholder", ["TBD", "todo", "-", "N/A", "  ?  ", "Pending.", "---"])
def test_placeholder_approval_is_xb902_and_approves_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], placeholder: str) -> None:
    """SPEC §5: a placeholder reference (`TBD`, `TODO`, `-`) counts as none at all."""
    project(tmp_path, cgw(), exit_policy("peer_cidrs: [18.184.10.10/32]",
                                         approval=json.dumps(placeholder)))
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and sorted(ids(report)) == ["XB101", "XB902"]
    assert approved(report) == []
    xb902 = next(f for f in report["findings"] if f["check_id"] == "XB902")
    assert "placeholder" in xb902["message"]


@pytest.mark.parametrize("reference", ["CU-IPLC-2026-0042", "MIIT 2026-17", "42", "TBD-2026-7"])
def test_a_real_reference_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 reference: str) -> None:
    project(tmp_path, cgw(), exit_policy("peer_cidrs: [18.184.10.10/32]",
                                         approval=json.dumps(reference)))
    code, report, _ = run_json(capsys, ".")
    assert approved(report) == ["XB101"] and "XB902" not in ids(report), code


# ---- malformed policies --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "field"), [
    ("version: 1\nbogus_key: 1\n", "bogus_key"),
    ("version: 1\napproved_exits:\n  - id: x\n    carrier: 42\n    approval: a\n"
     "    match: {regions: [x]}\n", "carrier"),
    ("version: 1\nunknown: maybe\n", "unknown"),
    ("version: 1\nchecks: {XB101: {severity: fatal}}\n", "checks"),
    ("version: 1\ndomestic_cidrs: [not-a-cidr]\n", "domestic_cidrs"),
    ("version: 1\napproved_exits:\n  - id: x\n    carrier: china-mobile\n    approval: a\n"
     "    expires: '2027-02-30'\n    match: {regions: [x]}\n", "expires"),
])
def test_invalid_policy_is_usage_error_naming_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, field: str) -> None:
    project(tmp_path, cgw(), text)
    code, _, err = run(capsys, ".")
    assert code == 2
    assert field in err, err
    assert "Traceback" not in err


def test_unquoted_impossible_date_is_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), "version: 1\napproved_exits:\n  - id: x\n    carrier: china-mobile\n"
            "    approval: a\n    expires: 2027-02-30\n    match: {regions: [x]}\n")
    code, _, err = run(capsys, ".")
    assert code == 2 and "expires" in err


def test_invalid_yaml_is_usage_error_with_position(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), "version: 1\ndomestic_cidrs: [1.2.3.0/24\nfoo: : :\n")
    code, _, err = run(capsys, ".")
    assert code == 2
    assert ".exitlint.yaml" in err and "YAML" in err


# ---- unknown handling and check overrides --------------------------------------------------

def test_unknown_peer_is_warning_by_default(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer=UNKNOWN_PEER))
    code, report, _ = run_json(capsys, ".")
    assert code == 0
    assert [(f["check_id"], f["severity"]) for f in report["findings"]] == [("XB101", "warning")]


def test_unknown_ignore_drops_warnings(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer=UNKNOWN_PEER), "version: 1\nunknown: ignore\n")
    assert run_json(capsys, ".")[1]["findings"] == []


def test_unknown_error_raises_warnings(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer=UNKNOWN_PEER), "version: 1\nunknown: error\n")
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and report["findings"][0]["severity"] == "error"


@pytest.mark.parametrize("setting", ["disabled", "{disabled: true}"])
def test_check_disabled(tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str) -> None:
    project(tmp_path, vpn(), f"version: 1\nchecks:\n  XB101: {setting}\n")
    code, report, _ = run_json(capsys, ".")
    assert code == 0 and "XB101" not in ids(report)


def test_check_severity_override(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), "version: 1\nchecks:\n  XB101: {severity: warning}\n")
    code, report, _ = run_json(capsys, ".")
    assert code == 0
    assert [f["severity"] for f in report["findings"]] == ["warning"]
    assert run_json(capsys, ".", "--fail-on", "warning")[0] == 1


def test_default_region_for_unresolved_provider(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    tf = cgw().replace('  region = "cn-north-1"\n', "")
    project(tmp_path, tf, "version: 1\ndefault_region: cn-northwest-1\n")
    code, report, _ = run_json(capsys, ".")
    assert code == 1
    [f] = report["findings"]
    assert f["severity"] == "error" and f["local"]["value"] == "cn-northwest-1"


# ---- symlinks, quoting, TOML depth (red team 2: D14, D22) ----------------------------------

def test_find_policy_refuses_a_symlink_out_of_the_work_tree(tmp_path: Path) -> None:
    from exitlint.policy import PolicyError

    secret = write(tmp_path, "secret.txt", "token-1234\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".exitlint.yaml").symlink_to(secret)
    with pytest.raises(PolicyError, match="outside the repository") as info:
        find_policy(repo)
    assert "token-1234" not in str(info.value)


def test_validation_error_quotes_a_long_value_short(tmp_path: Path) -> None:
    from exitlint.policy import PolicyError

    long_value = "k" * 5000
    path = write(tmp_path, ".exitlint.yaml", f"version: 1\nunknown: {long_value}\n")
    with pytest.raises(PolicyError, match="unknown") as info:
        load_policy(path)
    assert long_value[:100] not in str(info.value) and len(str(info.value)) < 500


def test_deeply_nested_pyproject_is_a_policy_error(tmp_path: Path) -> None:
    from exitlint.policy import PolicyError

    path = write(tmp_path, "pyproject.toml",
                 "[tool.exitlint]\nversion = 1\nx = " + "[" * 3000 + "]" * 3000 + "\n")
    with pytest.raises(PolicyError, match=r"pyproject\.toml"):
        load_policy(path)


# ---- default_region for manifests: a single name, never a per-provider map (SPEC §9) --------

SHADOWSOCKS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: proxy}
spec:
  template:
    spec:
      containers:
        - name: ss
          image: shadowsocks/shadowsocks-libev:v3.3.5
"""


@pytest.mark.parametrize(("default_region", "expected"), [
    ("eastasia", []),  # one name: the manifest's cluster is in Hong Kong
    ("{azurerm: eastasia}", ["XB701"]),  # a map is for Terraform: the cluster is assumed mainland
])
def test_default_region_map_does_not_apply_to_manifests(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], default_region: str,
        expected: list[str]) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "deploy.yaml", SHADOWSOCKS)
    write(tmp_path, ".exitlint.yaml", f"version: 1\ndefault_region: {default_region}\n")
    _, report, _ = run_json(capsys, ".")
    assert ids(report) == expected


# ---- approved links in reports (issue 14, SPEC §9) ------------------------------------------

REPORT_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"
TODAY = "2027-06-10"  # every test below passes --today: the output depends on nothing else
FOR_EACH = """\
provider "aws" {
  region = "cn-north-1"
}

resource "aws_customer_gateway" "office" {
  for_each   = { a = "18.184.1.1", b = "8.8.8.8" }
  bgp_asn    = 65010
  ip_address = each.value
  type       = "ipsec.1"
}
"""


def exit_yaml(match: str, *, carrier: str = "china-unicom", expires: str = "2027-12-31",
              extra: str = "") -> str:
    return ("version: 1\n"
            f"{extra}"
            "approved_exits:\n"
            "  - id: cu-iplc\n"
            f"    carrier: {carrier}\n"
            "    managed_by: BT China\n"
            "    approval: CU-IPLC-2026-0042\n"
            f"    expires: {expires}\n"
            "    match:\n"
            f"      {match}\n")


def test_approved_link_is_reported_with_its_exit(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]"))
    code, report, _ = run_json(capsys, ".", "--today", TODAY)
    assert code == 0
    [f] = report["findings"]
    assert (f["check_id"], f["status"], f["suppressed"], f["severity"]) == (
        "XB101", "approved", True, "error")  # keeps its severity, never fails the run
    assert f["approved_exit"] == {"id": "cu-iplc", "carrier": "china-unicom",
                                  "managed_by": "BT China", "approval": "CU-IPLC-2026-0042",
                                  "expires": "2027-12-31"}
    assert report["summary"]["approved"] == 1 and report["summary"]["findings"] == 0
    assert report["summary"]["suppressed"] == 0  # inline suppressions only
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text())).validate(report)


def test_approved_link_in_text_only_with_show_approved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]"))
    code, out, _ = run(capsys, ".", "--today", TODAY, "--format", "text")
    assert code == 0 and "XB101" not in out and "1 approved" in out.splitlines()[-1]
    code, out, _ = run(capsys, ".", "--today", TODAY, "--format", "text", "--show-approved")
    assert code == 0
    assert "main.tf:6:1: XB101 error [approved] aws_customer_gateway.office" in out
    assert ("approved by exit cu-iplc (china-unicom, approval CU-IPLC-2026-0042, expires "
            "2027-12-31, managed by BT China)") in out


def test_approved_and_unapproved_instances_are_separate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, FOR_EACH, exit_yaml("peer_cidrs: [18.184.0.0/16]"))
    code, report, _ = run_json(capsys, ".", "--today", TODAY)
    assert code == 1  # the 8.8.8.8 instance is not approved
    got = sorted((f["status"], f["remote"]["value"]) for f in report["findings"])
    assert got == [("approved", "18.184.1.1"), ("open", "8.8.8.8")]
    assert report["summary"]["approved"] == 1 and report["summary"]["by_severity"]["error"] == 1


def _cen(*members: tuple[str, str]) -> str:
    text = 'provider "alicloud" {\n  region = "cn-shanghai"\n}\n' \
        'resource "alicloud_cen_instance" "cen" {}\n'
    for name, region in members:
        text += (f'resource "alicloud_cen_instance_attachment" "{name}" {{\n'
                 "  instance_id              = alicloud_cen_instance.cen.id\n"
                 f'  child_instance_id        = "vpc-{name}"\n'
                 '  child_instance_type      = "VPC"\n'
                 f'  child_instance_region_id = "{region}"\n}}\n')
    return text


@pytest.mark.parametrize(("regions", "status"), [
    ("[cn-hongkong]", "open"),  # the Singapore member is a crossing link nobody approved
    ("[cn-hongkong, ap-southeast-1]", "approved"),
])
def test_hub_finding_approved_only_when_every_link_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], regions: str, status: str) -> None:
    project(tmp_path, _cen(("sh", "cn-shanghai"), ("hk", "cn-hongkong"),
                           ("sg", "ap-southeast-1")),
            exit_yaml(f"resources: [alicloud_cen_instance_attachment.sh]\n      regions: {regions}"))
    report = run_json(capsys, ".", "--today", TODAY)[1]
    [sh] = [f for f in report["findings"]
            if f["resource"] == "alicloud_cen_instance_attachment.sh"]
    assert sh["check_id"] == "XB203" and sh["status"] == status


def test_match_checks_limits_the_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]\n      checks: [XB102]"))
    code, report, _ = run_json(capsys, ".", "--today", TODAY)
    assert code == 1 and open_ids(report) == ["XB101"]
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]\n      checks: [XB101]"))
    assert approved(run_json(capsys, ".", "--today", TODAY)[1]) == ["XB101"]


@pytest.mark.parametrize(("peer", "status"), [
    (UNKNOWN_PEER, "approved"),  # vpn.example.com
    ("vpn.other.org", "open"),
])
def test_match_hosts_globs_the_far_end(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       peer: str, status: str) -> None:
    project(tmp_path, cgw(peer=peer), exit_yaml('hosts: ["*.EXAMPLE.com"]'))
    [f] = [f for f in run_json(capsys, ".", "--today", TODAY)[1]["findings"]
           if f["check_id"] == "XB101"]
    assert f["status"] == status


def test_unresolved_far_end_matches_no_host_or_cidr(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    tf = cgw(peer="${var.peer}").replace('provider "aws"', 'variable "peer" {}\n\nprovider "aws"')
    project(tmp_path, tf, exit_yaml('hosts: ["*"]\n      peer_cidrs: ["0.0.0.0/0"]'))
    report = run_json(capsys, ".", "--today", TODAY)[1]
    assert [f["status"] for f in report["findings"] if f["check_id"] == "XB101"] == ["open"]


def test_ipv6_peer_cidr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(peer="2a00:1450:4001::1"), exit_yaml('peer_cidrs: ["2a00:1450::/32"]'))
    report = run_json(capsys, ".", "--today", TODAY)[1]
    assert [f["status"] for f in report["findings"] if f["check_id"] == "XB101"] == ["approved"]


# ---- exits' own hygiene: expiring soon, overbroad, carrier --------------------------------

@pytest.mark.parametrize(("today", "days", "expected"), [
    ("2027-12-01", "", ["XB906"]),  # 30 days left, default expiry_warning_days 30
    ("2027-12-31", "", ["XB906"]),  # its last day still counts, and still warns
    ("2027-11-30", "", []),  # 31 days left
    ("2027-12-01", "expiry_warning_days: 10\n", []),
    ("2027-12-25", "expiry_warning_days: 10\n", ["XB906"]),
])
def test_expiring_soon_is_xb906(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                today: str, days: str, expected: list[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]", extra=days))
    code, report, _ = run_json(capsys, ".", "--today", today)
    assert code == 0 and open_ids(report) == expected and approved(report) == ["XB101"]
    if expected:
        [f] = [f for f in report["findings"] if f["check_id"] == "XB906"]
        line = 3 + days.count("\n")  # the `- id:` entry
        assert (f["file"], f["line"], f["severity"]) == (".exitlint.yaml", line, "warning")
        assert f["resource"] == "approved_exits[cu-iplc]" and "2027-12-31" in f["message"]


def test_scan_date_from_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]"))
    monkeypatch.setenv("EXITLINT_TODAY", "2028-01-01")  # past expiry: XB901, link open again
    code, report, _ = run_json(capsys, ".")
    assert code == 1 and sorted(open_ids(report)) == ["XB101", "XB901"]
    first = run(capsys, ".", "--format", "json")[1]
    assert first == run(capsys, ".", "--format", "json")[1]  # deterministic given the date
    monkeypatch.setenv("EXITLINT_TODAY", "tomorrow")
    code, _, err = run(capsys, ".")
    assert code == 2 and "EXITLINT_TODAY 'tomorrow' is not a date" in err
    code, _, err = run(capsys, ".", "--today", "2027-02-30")
    assert code == 2 and "--today" in err and "Traceback" not in err


@pytest.mark.parametrize(("match", "why"), [
    ("resources: [aws_customer_gateway.office]", "no constraint on the far end"),
    ('resources: ["**"]\n      peer_cidrs: [18.184.0.0/16]', "resources '**' matches every"),
    ('resources: ["*"]', "no constraint on the far end (peer_cidrs, regions or hosts) and "
                         "resources '*'"),
])
def test_overbroad_exit_is_xb907_and_still_approves(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], match: str, why: str) -> None:
    project(tmp_path, cgw(), exit_yaml(match))
    code, report, _ = run_json(capsys, ".", "--today", TODAY)
    assert code == 0 and approved(report) == ["XB101"] and open_ids(report) == ["XB907"]
    [f] = [f for f in report["findings"] if f["check_id"] == "XB907"]
    assert why in f["message"] and (f["line"], f["severity"]) == (3, "warning")


def test_domestic_licensee_carrier_is_xb908_saying_why(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]", carrier="bt-china"))
    code, report, err = run_json(capsys, ".", "--today", TODAY)
    assert code == 1 and "Traceback" not in err  # the policy stays valid (SPEC §5)
    assert sorted(open_ids(report)) == ["XB101", "XB908"] and approved(report) == []
    [f] = [f for f in report["findings"] if f["check_id"] == "XB908"]
    assert (f["file"], f["line"], f["column"], f["severity"]) == (".exitlint.yaml", 4, 14, "error")
    for words in ("'bt-china'", "only China Telecom, China Unicom and China Mobile", "(B13)",
                  "(A24-1)", "managed_by"):
        assert words in f["message"]
    code, out, _ = run(capsys, ".", "--today", TODAY, "--format", "text")
    assert ".exitlint.yaml:4:14: XB908 error approved_exits[cu-iplc]" in out


def test_unknown_carrier_name_is_xb908(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, cgw(), exit_yaml("peer_cidrs: [18.184.0.0/16]", carrier="equinix"))
    code, report, _ = run_json(capsys, ".", "--today", TODAY)
    assert code == 1 and sorted(open_ids(report)) == ["XB101", "XB908"]
