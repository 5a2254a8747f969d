"""The register of cross-border links (`--format register-csv`, `register-md`), the places a
link's ends are drawn at (reporters/links.py), and the text report's border summary line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from _cases import DOMESTIC_PEER, UNKNOWN_PEER, cgw, project, run, vpn, write
from _report_dicts import ANY, BJ, HK, PRIVATE, SH, UNKNOWN, US, approved, finding, report

from exitlint.reporters.links import border_summary, place, provider
from exitlint.reporters.register import COLUMNS, register_today, render_csv
from exitlint.reporters.register_md import render_markdown

TODAY = dt.date(2027, 6, 1)


def _rows(rep: dict[str, Any], today: dt.date = TODAY) -> list[dict[str, str]]:
    out = io.StringIO()
    render_csv(rep, out, today)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_every_crossing_link_approved_or_not_with_days_left() -> None:
    rows = _rows(report(
        finding(),
        approved(),
        approved("aws_vpn_connection.old", expires="2027-05-20"),
        finding("XB101", "aws_customer_gateway.w", remote=UNKNOWN, severity="warning"),
        finding("XB101", "aws_customer_gateway.s", suppressed=True,
                suppression_reason="leased via CU contract 42"),
        finding("XB501", "aws_ec2_client_vpn_endpoint.staff", remote=ANY, severity="warning"),
        finding("XB101", "aws_customer_gateway.lan", remote=PRIVATE, severity="info"),
        finding("XB001", "aws_instance.many", local=None, remote=None, severity="warning"),
        finding("XB101", "alicloud_vpn_customer_gateway.hz", local=HK, remote=SH),
    ))
    assert [(r["status"], r["resource"]) for r in rows] == [
        ("unapproved", "aws_customer_gateway.office"),
        ("approved", "aws_vpn_connection.fra"),
        ("approved", "aws_vpn_connection.old"),
        ("unresolved", "aws_customer_gateway.w"),
        ("suppressed", "aws_customer_gateway.s"),
        ("unapproved", "aws_ec2_client_vpn_endpoint.staff"),
        ("unapproved", "alicloud_vpn_customer_gateway.hz"),
    ]  # the internal link and XB001 (no link) are not in the register
    fra = rows[1]
    assert (fra["carrier"], fra["approved_exit"], fra["approval"], fra["expires"],
            fra["days_left"], fra["managed_by"]) == (
        "china-unicom", "cu-iplc-sha-fra", "CU-IPLC-2026-0042", "2027-06-30", "29",
        "Acme Net Ops")
    assert (fra["mainland_end"], fra["far_end"], fra["far_place"]) == (
        "cn-north-1 (mainland)", "18.184.10.10 (non-mainland)", "US addresses (abroad)")
    assert rows[2]["days_left"] == "-12" and rows[2]["note"] == "approval expired"
    assert rows[3]["note"] == "variable peer has no value"
    assert rows[4]["note"] == "suppressed: leased via CU contract 42"
    assert rows[0]["carrier"] == rows[0]["days_left"] == ""
    hz = rows[6]  # its mainland end is the finding's remote end
    assert (hz["mainland_end"], hz["far_place"]) == ("cn-shanghai (mainland)",
                                                     "ap-east-1 (hk-mo-tw)")
    assert list(rows[0]) == list(COLUMNS)


def test_an_approval_object_is_read_too() -> None:
    nested = finding(status="approved", suppressed=True,
                     approved_exit={"id": "ct-cn2-sh-sg", "carrier": "china-telecom",
                                    "approval": "CT-2026-7", "expires": "2027-06-11"})
    [row] = _rows(report(nested))
    assert (row["approved_exit"], row["carrier"], row["approval"], row["days_left"]) == (
        "ct-cn2-sh-sg", "china-telecom", "CT-2026-7", "10")


def test_cells_from_the_code_never_become_formulas() -> None:
    rows = _rows(report(finding("XB101", '=HYPERLINK("http://e.test","x")',
                                remote={"class": "non-mainland", "value": "@SUM(A1)",
                                        "reason": "registered to US"}),
                        approved(expires="2027-05-01")))
    assert rows[0]["resource"] == "'=HYPERLINK(\"http://e.test\",\"x\")"
    assert rows[0]["far_end"] == "'@SUM(A1) (non-mainland)"
    assert rows[1]["days_left"] == "-31"  # a number, not text


def test_the_markdown_register() -> None:
    out = io.StringIO()
    render_markdown(report(finding(), approved(), finding("XB201", "a|b", remote=HK)), out, TODAY)
    text = out.getvalue()
    assert text.startswith("# Register of cross-border links\n\n3 links cross, or may cross, the "
                           "border of mainland China: 2 unapproved, 0 unresolved, 0 suppressed, "
                           "1 approved. Days left are counted from 2027-06-01.\n")
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and "---" not in ln]
    assert len(rows) == 4 and all(ln.count("|") == 13 for ln in rows)
    assert ("| approved | XB101 | aws_vpn_connection.fra | main.tf:9 | cn-north-1 (mainland) | "
            "18.184.10.10 (non-mainland) | china-unicom | cu-iplc-sha-fra | CU-IPLC-2026-0042 | "
            "2027-06-30 | 29 |  |") in text
    assert "a&#124;b" in text


def test_today_comes_from_exitlint_today() -> None:
    assert register_today({"EXITLINT_TODAY": "2027-01-02"}) == dt.date(2027, 1, 2)
    assert register_today({}) == dt.date.today()
    with pytest.raises(ValueError, match="EXITLINT_TODAY='soon' is not a date"):
        register_today({"EXITLINT_TODAY": "soon"})


def test_register_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, vpn())
    write(tmp_path, "w/main.tf", cgw(peer=UNKNOWN_PEER))
    monkeypatch.setenv("EXITLINT_TODAY", "2027-06-01")
    code, out, _ = run(capsys, ".", "--format", "register-csv")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["status"], r["resource"], r["file"]) for r in rows] == [
        ("unapproved", "aws_customer_gateway.office", "main.tf"),
        ("unapproved", "aws_vpn_connection.office", "main.tf"),
        ("unresolved", "aws_customer_gateway.office", "w/main.tf")]
    code, out, _ = run(capsys, ".", "--format", "text", "--output", f"register-md={tmp_path / 'r.md'}")
    assert "Days left are counted from 2027-06-01." in (tmp_path / "r.md").read_text()
    monkeypatch.setenv("EXITLINT_TODAY", "June")
    code, out, err = run(capsys, ".", "--format", "register-md")
    assert code == 2 and out == ""
    assert "EXITLINT_TODAY='June' is not a date (YYYY-MM-DD)" in err


# --- places and the text summary line ---------------------------------------------------------

@pytest.mark.parametrize(("end", "zone", "label"), [
    (HK, "hk-mo-tw", "ap-east-1"),
    (US, "abroad", "US addresses"),
    (BJ, "mainland", "cn-north-1"),
    ({"class": "non-mainland", "value": "58.176.0.1", "reason": "peer 58.176.0.1 is registered to HK (Hong Kong)"},
     "hk-mo-tw", "HK addresses"),
    ({"class": "non-mainland", "value": "2001:b000::1", "reason": "peer 2001:b000::1 is registered to TW"},
     "hk-mo-tw", "TW addresses"),
    ({"class": "non-mainland", "value": "2a00:1450::/32", "reason": "cidr 2a00:1450::/32 is registered to IE"},
     "abroad", "IE addresses"),
    ({"class": "non-mainland", "value": "Asia-Pacific",
      "reason": "geographic_region_ids Asia-Pacific (Asia Pacific (includes China (Hong Kong))) is outside mainland China"},
     "abroad", "Asia-Pacific"),
    ({"class": "non-mainland", "value": "ap-east-1", "reason": "region ap-east-1 (China (Hong Kong)) is outside mainland China"},
     "hk-mo-tw", "ap-east-1"),
    ({"class": "mainland", "value": "114.114.114.114", "reason": "is registered to CN (mainland China)"},
     "mainland", "CN addresses"),
    (PRIVATE, "internal", "internal networks"),
    (ANY, "anywhere", "any address"),
    (UNKNOWN, "unknown", "unresolved"),
])
def test_where_an_end_is_drawn(end: dict[str, str], zone: str, label: str) -> None:
    assert (place(end).zone, place(end).label) == (zone, label)


def test_provider_of_a_finding() -> None:
    assert provider(finding(resource="module.a.module.b.aws_vpn_connection.x")) == "aws"
    assert provider(finding(resource="alicloud_vpn_gateway.x")) == "alicloud"
    assert provider(finding(kind="kubernetes", resource="Deployment/a")) == "kubernetes"


def test_border_summary_counts_active_crossing_links_by_pair() -> None:
    many = [finding("XB101", f"r{i}", remote={"class": "non-mainland", "value": f"p{i}",
                                               "reason": "outside"}) for i in range(5)]
    line = border_summary(report(finding(), finding(line=20), finding("XB201", remote=HK),
                                 approved(), finding(remote=UNKNOWN, severity="warning"),
                                 *many)["findings"])
    assert line == ("links across the border: 8 (cn-north-1 -> US addresses 2, cn-north-1 -> "
                    "ap-east-1 1, cn-north-1 -> p0 1, cn-north-1 -> p1 1, 3 more pairs)")
    assert border_summary(report(approved(), finding(remote=UNKNOWN))["findings"]) is None


def test_text_output_ends_with_the_border_line(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, vpn())
    write(tmp_path, "hk/main.tf", cgw(peer="58.176.0.1"))
    for args in ((), ("--quiet",)):
        lines = run(capsys, ".", *args)[1].splitlines()
        assert lines[-2] == ("links across the border: 3 (cn-north-1 -> US addresses 2, "
                             "cn-north-1 -> HK addresses 1)")
        assert lines[-1].startswith("2 files, 4 resources: 3 errors")
    project(tmp_path, vpn(DOMESTIC_PEER))
    (tmp_path / "hk" / "main.tf").unlink()
    code, out, _ = run(capsys, ".")
    assert code == 0 and "links across the border" not in out


def test_register_command_lists_links_and_never_fails_on_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`exitlint register [--csv] PATHS`: the scan in a register format, exit 0 on findings."""
    from exitlint.cli import main

    project(tmp_path, cgw())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EXITLINT_TODAY", "2027-01-15")
    assert main(["register", ".", "--no-cache"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Register of cross-border links")
    assert "| unapproved | XB101 | aws_customer_gateway.office |" in markdown
    assert main(["register", "--csv", ".", "--no-cache"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["status"], r["check"], r["resource"]) for r in rows] == \
        [("unapproved", "XB101", "aws_customer_gateway.office")]
    assert main([".", "--no-cache", "--quiet"]) == 1  # the same tree fails a scan
