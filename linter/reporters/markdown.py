"""`--format markdown`: a pull-request comment, GitHub job summary or GitLab MR note.

A one-line verdict, a Mermaid flowchart of the links that cross the border (GitHub and GitLab
render Mermaid in Markdown), the findings table (new ones only when a baseline hid others, with
their count), approved and suppressed links and per-finding details in collapsible `<details>`.
The whole stays within MAX_BYTES (GitHub's 1 MiB job summary limit): rows that do not fit are
left out and counted.

The Mermaid block keeps to a small grammar (`flowchart LR`, `subgraph id["label"]`, `end`,
`id["label"]`, `a -->|"label"| b`, `a -.->|"label"| b`, `linkStyle N stroke:#hex,...`), and
every label is made of letters, digits and `._/:,=+-` with everything else as a `#NNN;` entity
code, so no value from the scanned code can end a label or inject a directive. Table and detail
text from the input is escaped to HTML entities wherever Markdown or HTML would read it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO, Any

from ..model import ScanResult
from . import ReportOptions, terminal_safe
from .json_report import report_dict
from .links import (
    VERDICT_COLOURS,
    ZONE_TITLES,
    Link,
    Place,
    approval,
    by_pair,
    links,
    verdict,
    verdict_facts,
    worst,
)

MAX_BYTES = 1024 * 1024  # GitHub: "$GITHUB_STEP_SUMMARY upload aborted, supports content up to 1024k"
_RESERVE = 4096  # kept for the closing lines and the truncation note
MAX_EDGES = 60  # place pairs drawn in the diagram (Mermaid's default maxEdges is 500)
MAX_LABEL = 60
_ICON = {"error": "❌", "warning": "⚠️", "info": "\u2139\ufe0f", "approved": "✅", "suppressed": "🔕"}
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 ._/:,=+-]")
# Characters Markdown or HTML would read as syntax (links and images need `[`, raw HTML `<`,
# entities `&`, tables `|`, mentions `@`, code `` ` ``, math `$`, strike-through `~`, escapes `\`,
# headings `#`, emphasis `*`): written as numeric entities. `_` stays (intraword in resource
# names; at worst emphasis), as do parentheses (a link needs `]` first).
_MD_SPECIAL = re.compile(r"[\\`*\[\]<>#!|&@~$]")


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label: safe characters kept, every other one as `#NNN;`."""
    text = text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
    return '"' + "".join(c if _MERMAID_SAFE.fullmatch(c) else f"#{ord(c)};" for c in text) + '"'


def md(value: Any) -> str:
    """Text from the input, safe in a Markdown table cell, list item or HTML block."""
    text = terminal_safe(" ".join(str(value).split()))
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def _edge_label(group: Sequence[Link]) -> str:
    if len(group) == 1:
        f = group[0].finding
        return f"{f.get('check_id', '')} {f.get('resource') or ''}"
    checks = sorted({str(lk.finding.get("check_id", "")) for lk in group})
    more = f" +{len(checks) - 3}" if len(checks) > 3 else ""
    return f"{len(group)} links: {', '.join(checks[:3])}{more}"


def mermaid(all_links: Sequence[Link]) -> tuple[str, int]:
    """The flowchart of the links that cross, one edge per place pair; and how many pairs were
    left out (beyond MAX_EDGES, the least severe first)."""
    groups = by_pair(lk for lk in all_links if lk.crosses)
    ranked = sorted(groups.items(), key=lambda kv: (
        ("error", "warning", "info", "approved", "suppressed").index(worst(lk.verdict
                                                                          for lk in kv[1])),
        -len(kv[1]), kv[0][0].key, kv[0][1].key))
    kept = dict(sorted(ranked[:MAX_EDGES], key=lambda kv: (kv[0][0].key, kv[0][1].key)))
    ids: dict[Place, str] = {}
    for inner, outer in kept:
        for p in (inner, outer):
            ids.setdefault(p, f"n{len(ids)}")
    lines = ["flowchart LR"]
    for zone in ("mainland", "hk-mo-tw", "abroad", "anywhere"):
        here = sorted((p for p in ids if p.zone == zone), key=lambda p: p.key)
        if not here:
            continue
        lines.append(f"  subgraph {zone.replace('-', '_')}[{mermaid_label(ZONE_TITLES[zone])}]")
        lines += [f"    {ids[p]}[{mermaid_label(p.label)}]" for p in here]
        lines.append("  end")
    for i, ((inner, outer), group) in enumerate(kept.items()):
        shade = worst(lk.verdict for lk in group)
        arrow = "-.->" if shade in ("approved", "suppressed") else "-->"
        lines.append(f"  {ids[inner]} {arrow}|{mermaid_label(_edge_label(group))}| {ids[outer]}")
        width = 2 if len(group) == 1 else 4
        lines.append(f"  linkStyle {i} stroke:{VERDICT_COLOURS[shade]},stroke-width:{width}px")
    return "\n".join(lines), len(groups) - len(kept)


class _Budget:
    """Pieces of the document while they fit in `limit` bytes (UTF-8)."""

    def __init__(self, limit: int) -> None:
        self.parts: list[str] = []
        self.used = 0
        self.limit = limit
        self.left_out = 0
        self.full = False  # once a piece did not fit, no later one is added (no gaps)

    def add(self, text: str, *, force: bool = False) -> bool:
        size = len(text.encode("utf-8"))
        if not force and (self.full or self.used + size > self.limit):
            self.full = True
            return False
        self.parts.append(text)
        self.used += size
        return True


def _ends(f: Mapping[str, Any], lk: Link | None) -> str:
    local, remote = f.get("local"), f.get("remote")
    if not isinstance(local, Mapping) or not isinstance(remote, Mapping):
        return ""
    if lk is not None and lk.swapped:
        local, remote = remote, local
    far = str(remote.get("value", "?"))
    where = f" ({md(lk.outer.label)})" if lk is not None and lk.outer.label != far else ""
    return f"{md(local.get('value', '?'))} ↔ {md(far)}{where}"


def _row(f: Mapping[str, Any], lk: Link | None, shade: str) -> str:
    root = f.get("root")
    where = f"{md(f.get('file', ''))}:{f.get('line', '')}" + (
        f" [{md(root)}]" if root not in (None, "", ".") else "")
    return (f"| {_ICON.get(shade, '')} {shade} | {md(f.get('check_id', ''))} | "
            f"{md(f.get('resource') or '')} | {where} | {_ends(f, lk)} |\n")


def _approved_row(f: Mapping[str, Any], lk: Link | None, shade: str) -> str:
    appr = approval(f)
    exit_part = (f"{md(appr.exit_id)} | {md(appr.carrier)} | {md(appr.approval)} | "
                 f"{md(appr.expires)}") if appr else f"{md(f.get('suppression_reason') or '')} | | |"
    return (f"| {_ICON.get(shade, '')} {shade} | {md(f.get('check_id', ''))} | "
            f"{md(f.get('resource') or '')} | {_ends(f, lk)} | {exit_part} |\n")


def _detail(f: Mapping[str, Any], lk: Link | None, shade: str) -> str:
    out = [f"**{md(f.get('check_id', ''))}** {shade} {md(f.get('resource') or '')} · "
           f"{md(f.get('file', ''))}:{f.get('line', '')}\n\n{md(f.get('message', ''))}\n"]
    for name, key in (("local end", "local"), ("remote end", "remote")):
        end = f.get(key)
        if isinstance(end, Mapping):
            out.append(f"- {name}: {md(end.get('value', ''))} ({md(end.get('class', ''))}): "
                       f"{md(end.get('reason', ''))}")
    for o in f.get("related") or []:
        if isinstance(o, Mapping):
            out.append(f"- via {md(o.get('file', ''))}:{o.get('line', '')}: {md(o.get('message', ''))}")
    if f.get("fix"):
        out.append(f"- fix: {md(f.get('fix'))}")
    return "\n".join(out) + "\n\n"


def _verdict(report: Mapping[str, Any], all_links: Sequence[Link], baselined: int) -> str:
    sev = report["summary"]["by_severity"]
    crossing = [lk for lk in all_links if lk.crosses]
    unapproved = sum(1 for lk in crossing if lk.active)
    approved = sum(1 for lk in crossing if lk.verdict == "approved")
    icon = "❌" if sev["error"] or report["errors"] else "⚠️" if sev["warning"] else "✅"
    head = (f"{unapproved} link{'s' * (unapproved != 1)} across the border without approval"
            if unapproved else "no unapproved link across the border")
    facts = verdict_facts(report, approved, baselined, "baselined")
    facts.append(f"{report['summary']['files']} files")
    return f"### {icon} exitlint: {head}\n\n{', '.join(facts)}\n\n"


def render_report(report: Mapping[str, Any], stream: IO[str], baselined: int = 0,
                  max_bytes: int = MAX_BYTES) -> None:
    """Write the Markdown for a JSON report (`json_report.report_dict`)."""
    findings: list[Mapping[str, Any]] = list(report["findings"])
    all_links = links(findings)
    by_index = {lk.index: lk for lk in all_links}
    doc = _Budget(max_bytes - _RESERVE)
    doc.add(_verdict(report, all_links, baselined), force=True)
    if any(lk.crosses for lk in all_links):
        chart, not_drawn = mermaid(all_links)
        note = (f"\n_{not_drawn} more place pairs are not drawn._\n" if not_drawn else "")
        doc.add(f"```mermaid\n{chart}\n```\n{note}\n")
    active = [i for i, f in enumerate(findings) if verdict(f) not in ("approved", "suppressed")]
    quiet = [i for i, f in enumerate(findings) if verdict(f) in ("approved", "suppressed")]
    title = "New findings" if baselined else "Findings"
    if active:
        doc.add(f"#### {title} ({len(active)})\n\n| | Check | Resource | File | Ends |\n"
                "|---|---|---|---|---|\n", force=True)
        _rows(doc, [(_row, i) for i in active], findings, by_index)
        doc.add("\n", force=True)
    if baselined:
        doc.add(f"{baselined} findings recorded in the baseline are not shown.\n\n", force=True)
    if quiet:
        doc.add(f"<details><summary>Approved and suppressed ({len(quiet)})</summary>\n\n"
                "| | Check | Resource | Ends | Exit or reason | Carrier | Approval | Expires |\n"
                "|---|---|---|---|---|---|---|---|\n", force=True)
        _rows(doc, [(_approved_row, i) for i in quiet], findings, by_index)
        doc.add("\n</details>\n\n", force=True)
    if report["errors"]:
        doc.add(f"<details><summary>Files that could not be read ({len(report['errors'])})"
                "</summary>\n\n", force=True)
        for e in report["errors"]:
            if not doc.add(f"- {md(e['file'])}:{e['line']}:{e['column']}: {md(e['message'])}\n"):
                doc.left_out += 1
        doc.add("\n</details>\n\n", force=True)
    if active:
        doc.add(f"<details><summary>Details ({len(active)})</summary>\n\n", force=True)
        _rows(doc, [(_detail, i) for i in active], findings, by_index)
        doc.add("</details>\n", force=True)
    if doc.left_out:
        doc.add(f"\n_{doc.left_out} more rows are not shown: this summary stops at "
                f"{max_bytes // 1024} KiB; the JSON or SARIF report has everything._\n", force=True)
    stream.write("".join(doc.parts))


def _rows(doc: _Budget, items: Sequence[tuple[Any, int]], findings: Sequence[Mapping[str, Any]],
          by_index: Mapping[int, Link]) -> None:
    for fn, i in items:
        f = findings[i]
        if not doc.add(fn(f, by_index.get(i), verdict(f))):
            doc.left_out += 1


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    render_report(report_dict(result, options.baselined), stream, options.baselined)
