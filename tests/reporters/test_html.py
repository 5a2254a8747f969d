"""`--format html`: the map of the border and the findings table (linter/reporters/html.py)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from _cases import UNKNOWN_PEER, cgw, project, run, vpn, write
from _report_dicts import ANY, HK, PRIVATE, SH, UNKNOWN, US, approved, finding, report

from exitlint.reporters.html import PLACES_PER_ZONE, SINGLE_LINKS, render_report


def _page(rep: dict[str, Any]) -> str:
    out = io.StringIO()
    render_report(rep, out)
    return out.getvalue()


def _links(page: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', m))
            for m in re.findall(r'<g (class="link[^>]*)>', page)]


def _data(page: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="exitlint-data">(.*?)</script>', page,
                      re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_each_link_is_drawn_between_its_places_and_coloured_by_verdict() -> None:
    page = _page(report(finding(), finding("XB201", "aws_vpc_peering_connection.hk", remote=HK),
                        finding("XB101", "aws_customer_gateway.w", remote=UNKNOWN,
                                severity="warning"),
                        approved(), finding("XB001", "aws_instance.many", local=None, remote=None,
                                            severity="warning")))
    drawn = _links(page)
    # cn-north-1 -> US addresses holds the error and the approved link: two paths, each its own
    assert sorted((d["data-verdict"], d["data-title"]) for d in drawn) == [
        ("approved", "cn-north-1 → US addresses: 1 link"),
        ("error", "cn-north-1 → US addresses: 1 link"),
        ("error", "cn-north-1 → ap-east-1: 1 link"),
        ("warning", "cn-north-1 → unresolved: 1 link"),
    ]
    assert sum(int(d["data-links"]) for d in drawn) == 4  # XB001 has no link
    assert 'stroke="#2e7d32"' in page and 'stroke="#c62828"' in page  # approved green, error red
    assert ">Hong Kong · Macau · Taiwan</text>" in page and ">Abroad</text>" in page
    assert ">Unresolved</text>" in page
    # labelled with check ID and resource
    assert ">XB201 aws_vpc_peering_connection.hk</text>" in page
    data = _data(page)["findings"]
    assert data[3]["approval"] == {"exit_id": "cu-iplc-sha-fra", "carrier": "china-unicom",
                                   "approval": "CU-IPLC-2026-0042", "expires": "2027-06-30",
                                   "managed_by": "Acme Net Ops"}
    assert data[0]["related"] == [{"file": "terraform.tfvars", "line": 2,
                                   "message": "terraform.tfvars peer"}]
    assert data[0]["fix"].startswith("Remove the link")
    assert "1 link across the border without approval" not in page  # two unapproved
    assert "<strong>2 links across the border without approval</strong>" in page
    assert "1 approved" in page


def test_a_busy_place_pair_is_one_bundle_and_many_places_collapse() -> None:
    many = [finding("XB601", f"aws_security_group.sg{i}", line=i + 1) for i in range(10)]
    few = [finding("XB201", f"aws_vpc_peering_connection.p{i}", remote=HK, line=100 + i)
           for i in range(SINGLE_LINKS)]
    page = _page(report(*many, *few))
    drawn = _links(page)
    bundles = [d for d in drawn if d["data-links"] != "1"]
    assert [(d["data-links"], d["data-title"]) for d in bundles] == [
        ("10", "cn-north-1 → US addresses: 10 links")]
    assert len(drawn) == 1 + SINGLE_LINKS
    assert ">10 links · XB601</text>" in page

    spread = [finding("XB101", f"aws_customer_gateway.c{i}", line=i + 1,
                      remote={"class": "non-mainland", "value": f"region-{i:02d}",
                              "reason": f"region-{i:02d} is outside mainland China"})
              for i in range(PLACES_PER_ZONE + 6)]
    page = _page(report(*spread))
    abroad_nodes = re.findall(r'<g class="node abroad"><title>([^<]*)</title>', page)
    assert len(abroad_nodes) == PLACES_PER_ZONE
    assert "7 other places" in abroad_nodes
    assert sum(int(d["data-links"]) for d in _links(page)) == PLACES_PER_ZONE + 6  # none lost
    assert 'class="map-svg"' in page  # 30 links: labels always shown
    crowd = [finding("XB101", f"aws_customer_gateway.c{i}", line=i + 1,
                     remote={"class": "non-mainland", "value": f"198.51.100.{i}",
                             "reason": f"ip {i} is registered to {c}"})
             for i, c in enumerate(["DE", "JP", "SG", "US", "GB"] * 10)]
    page = _page(report(*crowd))
    # fifty peers in five countries: five nodes, five bundles
    assert len(re.findall(r'<g class="node abroad">', page)) == 5
    assert sorted(d["data-links"] for d in _links(page)) == ["10"] * 5


def test_internal_networks_sit_apart_and_anywhere_has_its_own_node() -> None:
    page = _page(report(finding("XB501", "aws_ec2_client_vpn_endpoint.staff", remote=ANY,
                                severity="warning"),
                        finding("XB101", "aws_customer_gateway.lan", remote=PRIVATE,
                                severity="info")))
    assert '<g class="node anywhere"><title>any address</title>' in page
    assert '<g class="node internal"><title>internal networks</title>' in page
    assert ">Internal networks</text>" in page and ">Any address</text>" in page


def test_links_with_no_mainland_end_are_drawn_below_the_mainland() -> None:
    page = _page(report(finding(remote=UNKNOWN, severity="warning"),
                        finding("XB301", "x.y", local=UNKNOWN, remote=UNKNOWN, severity="warning"),
                        finding("XB101", "a.b", local=US, remote=UNKNOWN, severity="warning")))
    # one "unresolved" box on each side: a place that is the near end of one link and the far
    # end of another is drawn twice, never one box with a curve from itself to itself
    nodes = re.findall(r'<g class="node (\w[\w-]*)"><title>[^<]*</title><rect x="(\d+)" y="(\d+)"',
                       page)
    assert sorted((z, x) for z, x, _ in nodes) == [
        ("abroad", "20"), ("mainland", "20"), ("unknown", "20"), ("unknown", "830")]
    pink = re.search(r'<rect x="0" y="0" width="550" height="(\d+)" fill="#fff8f8"/>', page)
    mainland_y = next(int(y) for z, _, y in nodes if z == "mainland")
    assert pink is not None and mainland_y < int(pink.group(1)) < min(
        int(y) for z, x, y in nodes if z != "mainland" and x == "20")
    assert sum(int(d["data-links"]) for d in _links(page)) == 3


def test_the_mainland_end_is_drawn_on_the_mainland_side_whichever_end_it_is() -> None:
    f = finding("XB101", "alicloud_vpn_customer_gateway.hz", local=HK, remote=SH)
    page = _page(report(f))
    assert [d["data-title"] for d in _links(page)] == ["cn-shanghai → ap-east-1: 1 link"]
    row = _data(page)["findings"][0]
    assert row["inner"]["value"] == "cn-shanghai" and row["outer"]["value"] == "ap-east-1"


def test_the_page_is_self_contained_and_its_csp_allows_only_itself() -> None:
    page = _page(report(finding(), approved()))
    urls = set(re.findall(r"(?:https?|ftp)://[^\s\"'<>]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched
    assert not re.search(r"<(?:link|img|iframe)[^>]+(?:src|href)=\"(?!data:)", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None and "default-src 'none'" in csp.group(1)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert script is not None and style is not None
    for body, directive in ((script.group(1), "script-src"), (style.group(1), "style-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp.group(1)


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = '"><img src=x onerror=alert(1)></script><script>alert(2)</script>\u202e\x1b[31m'
    f = finding("XB101", evil, file=f"{evil}.tf",
                remote={"class": "non-mainland", "value": evil, "reason": evil},
                message=evil, fix=evil, related=[{"file": evil, "line": 1, "message": evil}])
    page = _page(report(f))
    assert "<img" not in page and "<script>alert" not in page
    assert page.count("<script") == 2  # the data block and the page's own script
    assert "\u202e" not in page and "\x1b" not in page
    assert "\\u202e" in page  # shown as a visible escape
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    data = _data(page)["findings"][0]
    assert data["resource"].startswith('"><img src=x onerror=alert(1)></script>')  # intact text


def test_same_input_same_bytes_and_no_findings(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, vpn())
    first = run(capsys, ".", "--format", "html", "--no-cache")
    second = run(capsys, ".", "--format", "html", "--jobs", "1")
    assert first[0] == second[0] == 1
    assert first[1] == second[1] and first[1].startswith("<!DOCTYPE html>")
    clean = _page(report())
    assert "No link reported across the border" in clean and "No findings." in clean


# --- in a real browser ------------------------------------------------------------------------

SHADOWSOCKS = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: %s
  namespace: tools
spec:
  template:
    spec:
      containers:
        - name: sslocal
          image: shadowsocks/shadowsocks-libev:v3.3.5
          command: ["ss-local"]
          args: ["-s", "18.184.10.10", "-p", "8388", "-l", "1080"]
"""
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def browser() -> Any:
    from _browser import browser as open_browser

    with open_browser() as b:
        yield b


def _scan_to_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, Any]]:
    project(tmp_path, vpn())
    write(tmp_path, "hk/main.tf", cgw(peer="58.176.0.1"))
    write(tmp_path, "w/main.tf", cgw(peer=UNKNOWN_PEER))
    write(tmp_path, "k8s/proxy.yaml", SHADOWSOCKS % json.dumps(HOSTILE))
    out = tmp_path / "report.html"
    code, text, _ = run(capsys, ".", "--format", "json", "--output", f"html={out}")
    assert code == 1
    return out, json.loads(text)


def test_the_page_in_a_browser(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch, browser: Any) -> None:
    from _browser import ARTIFACTS, Visit

    monkeypatch.chdir(tmp_path)
    out, rep = _scan_to_html(tmp_path, capsys)
    expected_links = sum(1 for f in rep["findings"] if "local" in f and "remote" in f)
    assert expected_links >= 4
    visit = Visit(browser, out.resolve().as_uri())
    page = visit.page
    try:
        drawn = page.evaluate("Array.from(document.querySelectorAll('svg .link'))"
                              ".reduce((n, g) => n + Number(g.dataset.links), 0)")
        assert drawn == expected_links
        assert page.locator("#findings tbody tr").count() == len(rep["findings"])
        # hover a link: the side panel shows its finding, the chain and the fix
        page.locator('svg .link[data-title^="cn-north-1 → US addresses"]').first.focus()
        details = page.inner_text("#details")
        assert "aws_customer_gateway.office" in details and "fix" in details
        assert "18.184.10.10" in details
        # the hostile Deployment name: shown as text everywhere, never run
        for link in page.locator("svg .link").all():
            link.dispatch_event("click")
        for row in page.locator("#findings tbody tr").all():
            row.click()
        assert page.locator(f"td:has-text('{HOSTILE}')").count() == 1
        page.locator("svg .link", has_text="XB701").first.dispatch_event("click")
        assert HOSTILE in page.inner_text("#details")
        # filters
        page.select_option("select[name=check]", "XB701")
        assert page.inner_text("#shown") == "1"
        assert page.locator("#findings tbody tr:not([hidden])").count() == 1
        page.select_option("select[name=check]", "")
        page.fill("input[name=text]", "58.176.0.1")
        assert int(page.inner_text("#shown")) == sum(
            1 for f in rep["findings"] if "58.176.0.1" in json.dumps(f))
        page.fill("input[name=text]", "")
        page.locator("svg .link").first.focus()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
        page.screenshot(path=str(tmp_path / "html-report.png"), full_page=True)
        assert (tmp_path / "html-report.png").stat().st_size > 10_000
        assert visit.dialogs == []
        assert visit.errors == []
        assert [m for m in visit.console if m[0] in ("error", "warning")] == []
        assert visit.network == []
    finally:
        visit.close()


def test_the_examples_page_in_a_browser(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        browser: Any) -> None:
    """Every bundled example at once: about 180 findings, readable, nothing lost."""
    from _browser import ARTIFACTS, Visit

    examples = Path(__file__).resolve().parents[2] / "examples"
    out = tmp_path / "examples.html"
    code, text, _ = run(capsys, str(examples), "--format", "json", "--output", f"html={out}")
    rep = json.loads(text)
    visit = Visit(browser, out.resolve().as_uri(), height=1200)
    try:
        drawn = visit.page.evaluate("Array.from(document.querySelectorAll('svg .link'))"
                                    ".reduce((n, g) => n + Number(g.dataset.links), 0)")
        assert drawn == sum(1 for f in rep["findings"] if "local" in f and "remote" in f)
        assert visit.page.locator("svg.dense").count() == 1  # labels on hover only
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / "html-examples.png"))
        assert visit.errors == [] and visit.network == []
        assert [m for m in visit.console if m[0] in ("error", "warning")] == []
    finally:
        visit.close()
    assert out.stat().st_size < 2_000_000
    assert code == 1

