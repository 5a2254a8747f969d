"""`--format markdown`: verdict, Mermaid diagram, findings table, details (reporters/markdown.py)."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from _cases import UNKNOWN_PEER, cgw, project, run, vpn, write
from _report_dicts import HK, UNKNOWN, approved, finding, report

from exitlint.reporters.markdown import MAX_BYTES, MAX_EDGES, md, mermaid_label, render_report

# The whole grammar the diagram may use (a test, because GitHub renders what it parses).
GRAMMAR = [
    re.compile(r"flowchart LR"),
    re.compile(r'  subgraph [a-z_]+\["[^"]*"\]'),
    re.compile(r'    n\d+\["[^"]*"\]'),
    re.compile(r"  end"),
    re.compile(r'  n\d+ (-->|-\.->)\|"[^"]*"\| n\d+'),
    re.compile(r"  linkStyle \d+ stroke:#[0-9a-f]{6},stroke-width:\dpx"),
]
LABEL = re.compile(r'"([^"]*)"')


def _md(rep: dict[str, Any], **kw: Any) -> str:
    out = io.StringIO()
    render_report(rep, out, **kw)
    return out.getvalue()


def _mermaid(text: str) -> str:
    block = re.search(r"```mermaid\n(.*?)\n```", text, re.S)
    assert block is not None
    return block.group(1)


def _check_grammar(chart: str) -> None:
    for line in chart.splitlines():
        assert any(g.fullmatch(line) for g in GRAMMAR), line
        for label in LABEL.findall(line):
            assert re.fullmatch(r"(?:[A-Za-z0-9 ._/:,=+-]|#\d+;)*", label), label


def test_verdict_diagram_and_table() -> None:
    text = _md(report(finding(), finding("XB201", "aws_vpc_peering_connection.hk", remote=HK),
                      finding("XB101", "aws_customer_gateway.w", remote=UNKNOWN,
                              severity="warning"),
                      approved(), finding("XB001", "aws_instance.x", local=None, remote=None,
                                          severity="warning")))
    first = text.splitlines()[0]
    assert first == "### ❌ exitlint: 2 links across the border without approval"
    assert "2 errors, 2 warnings, 0 info, 1 approved, 1 suppressed, 1 files" in text
    chart = _mermaid(text)
    _check_grammar(chart)
    # the links that cross: the unresolved one is in the table, not the diagram
    assert chart.count("-->") + chart.count("-.->") == 2  # US pair (error + approved) and HK
    assert '-->|"2 links: XB101"|' in chart and 'stroke:#c62828' in chart  # worst of the pair
    assert 'subgraph hk_mo_tw["Hong Kong #183; Macau #183; Taiwan"]' in chart
    assert "unresolved" not in chart
    assert "#### Findings (4)" in text
    table = [ln for ln in text.splitlines() if ln.startswith("| ❌") or ln.startswith("| ⚠️")]
    assert len(table) == 4 and all(ln.count(" | ") == 4 for ln in table)
    assert "<details><summary>Approved and suppressed (1)</summary>" in text
    assert "| ✅ approved | XB101 | aws_vpn_connection.fra |" in text
    assert "cu-iplc-sha-fra | china-unicom | CU-IPLC-2026-0042 | 2027-06-30 |" in text
    assert "<details><summary>Details (4)</summary>" in text
    assert "- via terraform.tfvars:2: terraform.tfvars peer" in text
    assert text.count("<details>") == text.count("</details>")


def test_a_clean_report_is_one_green_line() -> None:
    text = _md(report())
    assert text.startswith("### ✅ exitlint: no unapproved link across the border\n")
    assert "```mermaid" not in text and "<details>" not in text


def test_hostile_values_cannot_break_out() -> None:
    evil = 'x"]; click n0 call alert() |a| `b` <script>@octocat ![t](https://e.test/t.png) $x$ \u202e'
    rep = report(finding("XB101", evil, remote={"class": "non-mainland", "value": evil,
                                                 "reason": "is registered to US"},
                         message=evil, file="a|b.tf"))
    text = _md(rep)
    chart = _mermaid(text)
    _check_grammar(chart)
    assert "click" in chart and "call alert" in chart  # only as text inside a quoted label
    rows = [ln for ln in text.splitlines() if ln.startswith("| ❌")]
    assert len(rows) == 1 and rows[0].count("|") == 6  # no cell added by the value's pipes
    for raw in ("<script>", "@octocat", "![t]", "`b`", "$x$", "\u202e"):
        assert raw not in text
    assert "&#64;octocat" in text and "&#92;u202e" in text  # shown as a visible escape


def test_mermaid_label_and_cell_escaping() -> None:
    assert mermaid_label('a"b') == '"a#34;b"'
    assert mermaid_label("cn-north-1 → US") == '"cn-north-1 #8594; US"'
    assert len(mermaid_label("x" * 500)) < 80 * 6
    assert md("a|b\n<i>") == "a&#124;b &#60;i&#62;"


def test_many_pairs_are_capped_in_the_diagram() -> None:
    findings = [finding("XB101", f"aws_customer_gateway.c{i}", line=i + 1,
                        remote={"class": "non-mainland", "value": f"r-{i:03d}",
                                "reason": "is outside mainland China"})
                for i in range(MAX_EDGES + 15)]
    text = _md(report(*findings))
    chart = _mermaid(text)
    _check_grammar(chart)
    assert chart.count("-->") == MAX_EDGES
    assert "_15 more place pairs are not drawn._" in text
    assert len(chart) < 50_000  # Mermaid's default maxTextSize


def test_stays_within_the_job_summary_limit_and_counts_what_it_cut() -> None:
    findings = [finding("XB601", f"aws_security_group_rule.r{i}", line=i + 1,
                        message="m" * 300) for i in range(6000)]
    text = _md(report(*findings))
    assert len(text.encode()) <= MAX_BYTES
    cut = re.search(r"_(\d+) more rows are not shown: this summary stops at 1024 KiB", text)
    assert cut is not None
    shown_rows = sum(1 for ln in text.splitlines() if ln.startswith("| ❌"))
    shown_details = text.count("\n**XB601** error ")
    assert shown_rows + shown_details + int(cut.group(1)) == 2 * 6000
    assert text.rstrip().endswith("the JSON or SARIF report has everything._")
    assert text.count("<details>") == text.count("</details>")
    small = _md(report(*findings[:50]), max_bytes=20_000)
    assert len(small.encode()) <= 20_000 and "more rows are not shown" in small


def test_new_findings_against_a_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    project(tmp_path, vpn())
    assert run(capsys, ".", "--write-baseline", "base.json")[0] == 0
    write(tmp_path, "hk/main.tf", cgw(peer="58.176.0.1"))
    code, text, _ = run(capsys, ".", "--baseline", "base.json", "--format", "markdown")
    assert code == 1
    assert "#### New findings (1)" in text and "2 baselined" in text
    assert "2 findings recorded in the baseline are not shown." in text
    assert "hk/main.tf:6" in text and "| main.tf:9" not in text


# --- Mermaid's own parser, in the browser ------------------------------------------------------

def _mermaid_js() -> str:
    path = os.environ.get("EXITLINT_MERMAID_JS", "")
    if not path or not Path(path).is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("EXITLINT_MERMAID_JS is not set on CI (.ci/run installs mermaid)")
        pytest.skip("set EXITLINT_MERMAID_JS to mermaid.min.js (npm install mermaid)")
    return Path(path).read_text(encoding="utf-8")


def test_mermaid_parses_and_renders_the_diagram(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from _browser import ARTIFACTS, browser

    script = _mermaid_js()
    monkeypatch.chdir(tmp_path)
    project(tmp_path, vpn())
    write(tmp_path, "hk/main.tf", cgw(peer="58.176.0.1"))
    write(tmp_path, "w/main.tf", cgw(peer=UNKNOWN_PEER))
    text = run(capsys, ".", "--format", "markdown")[1]
    charts = [_mermaid(text)]
    evil = 'x"]; click n0 call alert() |a| `b` <b>%%{init: {}}%% -->|y| n9 end \\ #1;'
    charts.append(_mermaid(_md(report(
        finding("XB101", evil, remote={"class": "non-mainland", "value": evil,
                                       "reason": "registered to US"}),
        approved(resource=evil)))))
    with browser() as b:
        page = b.new_page()
        page.set_content("<html><body><div id='out'></div></body></html>")
        page.add_script_tag(content=script)
        page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        for i, chart in enumerate(charts):
            result = page.evaluate(
                "async (t) => { try { await mermaid.parse(t); return 'ok'; }"
                " catch (e) { return String(e.message || e); } }", chart)
            assert result == "ok", (result, chart)
            svg = page.evaluate("async (t) => (await mermaid.render('m" + str(i) + "', t)).svg",
                                chart)
            assert svg.count('class="edgeLabel"') >= 2
            assert "<script" not in svg and "onerror" not in svg.lower()
        page.evaluate("async (t) => { document.getElementById('out').innerHTML ="
                      " (await mermaid.render('shot', t)).svg; }", charts[0])
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#out").screenshot(path=str(ARTIFACTS / "markdown-mermaid.png"))
        # the parser is real: a broken diagram is refused
        broken = page.evaluate("async (t) => { try { await mermaid.parse(t); return 'ok'; }"
                               " catch (e) { return 'refused'; } }", "flowchart LR\n a -->|x| \n")
        assert broken == "refused"
