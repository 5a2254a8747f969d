"""`--format html`: one self-contained page with the picture of the border and the findings.

Mainland China on the left, the border in the middle, Hong Kong/Macau/Taiwan, abroad, "any
address" and unresolved ends on the right, internal networks in a box of their own below. Each
link is drawn between its two places and coloured by verdict; a place pair with more than
`SINGLE_LINKS` links is drawn as one bundle. Hovering or clicking a link shows its findings
(ends, the chain of places its values came from, the approval, the fix); the findings table
below filters by check, verdict, provider and file.

Nothing is fetched: CSS, script and SVG are inline, and the page's Content-Security-Policy
allows no network at all and only its own script and style (by hash). Every string from the
scanned code is escaped (HTML text and attributes; the data block as JSON with `<`, `>`, `&`
escaped), control and bidi characters are shown as visible escapes. Same input, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from importlib.resources import files
from typing import IO, Any

from .. import __version__
from ..model import ScanResult
from ..records import dataclass
from . import ReportOptions, terminal_safe
from .json_report import report_dict
from .links import (
    VERDICT_COLOURS,
    VERDICTS,
    ZONE_TITLES,
    ZONES,
    Link,
    Place,
    approval,
    by_pair,
    links,
    provider,
    verdict,
    verdict_facts,
    worst,
)

SINGLE_LINKS = 3  # a place pair with more links than this is drawn as one bundle
PLACES_PER_ZONE = 24  # further places of a zone are drawn as one "N other places" node
DENSE = 40  # with more drawn links than this, labels show on hover only
_W, _NODE_W, _NODE_H, _GAP, _TITLE_H = 1100, 250, 26, 6, 26
_LEFT_X, _RIGHT_X, _BORDER_X = 20, 830, 550
_LABEL_H = 15
_LABEL_DRIFT = 30  # furthest a label may sit from where its curve crosses the border


def _t(value: Any) -> str:
    """Text from the input, safe in HTML text and attribute values."""
    return html.escape(terminal_safe(str(value)), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _asset(name: str) -> str:
    return files(__package__).joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _json_block(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _capped(items: Sequence[Link]) -> list[Link]:
    """Links with the places beyond the PLACES_PER_ZONE busiest of a zone merged into one node
    per zone and side, so the picture stays readable whatever the repository."""
    out = list(items)
    for side in ("inner", "outer"):
        counts: dict[Place, int] = {}
        for lk in out:
            p = getattr(lk, side)
            counts[p] = counts.get(p, 0) + 1
        by_zone: dict[str, list[Place]] = {}
        for p in sorted(counts, key=lambda p: (-counts[p], p.key)):
            by_zone.setdefault(p.zone, []).append(p)
        merged: dict[Place, Place] = {}
        for zone, places in by_zone.items():
            rest = places[PLACES_PER_ZONE - 1:] if len(places) > PLACES_PER_ZONE else []
            for p in rest:
                merged[p] = Place(zone, f"{len(rest)} other places")
        if merged:
            out = [replace(lk, **{side: merged.get(getattr(lk, side), getattr(lk, side))})
                   for lk in out]
    return out


@dataclass
class _Layout:
    # (side, place) -> (x, y) of the box's top-left corner; the side (inner, outer, internal)
    # keeps a place that is an inner end of one link and an outer end of another apart
    nodes: dict[tuple[str, Place], tuple[float, float]]
    titles: list[tuple[float, float, str]]
    height: float
    mainland_end: float = 0.0  # bottom of the mainland places (ends of links with none are below)


def _column(places: list[Place], x: float, y: float, zones: Sequence[str],
            layout: _Layout, side: str) -> float:
    for zone in zones:
        here = [p for p in places if p.zone == zone]
        if not here:
            continue
        if zone != "mainland" or x != _LEFT_X:  # the left side is titled "Mainland China"
            layout.titles.append((x, y + 16, ZONE_TITLES[zone]))
            y += _TITLE_H
        for p in here:
            layout.nodes[(side, p)] = (x, y)
            y += _NODE_H + _GAP
        y += 10
        if side == "inner" and zone == "mainland":
            layout.mainland_end = y
    return y


def _layout(drawn: Sequence[Link]) -> _Layout:
    inner = sorted({lk.inner for lk in drawn}, key=lambda p: p.key)
    outer = sorted({lk.outer for lk in drawn}, key=lambda p: p.key)
    internal = [p for p in inner + outer if p.zone == "internal"]
    layout = _Layout({}, [], 0)
    top = 56
    left = ([p for p in inner if p.zone != "internal"], _LEFT_X, ("mainland", *ZONES))
    right = ([p for p in outer if p.zone != "internal"], _RIGHT_X, (*ZONES, "mainland"))
    # the shorter column is centred beside the longer one: shorter curves, fewer crossings
    left_h = _column(left[0], left[1], 0, left[2], _Layout({}, [], 0), "inner")
    right_h = _column(right[0], right[1], 0, right[2], _Layout({}, [], 0), "outer")
    left_end = _column(*left[:2], top + max(0.0, (right_h - left_h) / 2), left[2], layout,
                       "inner")
    right_end = _column(*right[:2], top + max(0.0, (left_h - right_h) / 2), right[2], layout,
                        "outer")
    bottom = max(left_end, right_end, top + 40)
    if internal:
        bottom = _column(sorted(set(internal), key=lambda p: p.key), (_W - _NODE_W) / 2,
                         bottom + 10, ("internal",), layout, "internal")
    layout.height = bottom + 10
    return layout


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    mx = (x1 + x2) / 2
    return f"M{x1:.1f},{y1:.1f} C{mx:.1f},{y1:.1f} {mx:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


def _spread(wanted: Sequence[float], gap: float) -> list[float]:
    """Positions as close to `wanted` as they can be with at least `gap` between any two (the
    labels sit on the border line, where every curve crosses it)."""
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    out = [0.0] * len(wanted)
    last = -gap
    for i in order:
        last = out[i] = max(wanted[i], last + gap)
    return out


def _anchor(layout: _Layout, place: Place, right_side: bool) -> tuple[float, float]:
    side = "internal" if place.zone == "internal" else "outer" if right_side else "inner"
    x, y = layout.nodes[(side, place)]
    if place.zone == "internal":
        return x + _NODE_W / 2, y
    return (x if right_side else x + _NODE_W), y + _NODE_H / 2


def _link_title(group: Sequence[Link]) -> str:
    first = group[0]
    return f"{first.inner.label} → {first.outer.label}: {len(group)} link{'s' * (len(group) > 1)}"


def _svg(all_links: Sequence[Link]) -> tuple[str, int]:
    """The map, and the number of links drawn (bundles count their links)."""
    drawn = _capped(all_links)
    layout = _layout(drawn)
    groups = by_pair(drawn)
    n_paths = sum(len(g) if len(g) <= SINGLE_LINKS else 1 for g in groups.values())
    out: list[str] = ["", "", ""]  # the frame, drawn last: labels may make the map taller
    h = layout.height
    dense = n_paths > DENSE
    out.append(f'<text class="border-label" x="{_BORDER_X}" y="22" text-anchor="middle">'
               'border of mainland China</text>')
    out.append(f'<text class="side-title" x="{_LEFT_X}" y="24">Mainland China</text>')
    out.append(f'<text class="side-title" x="{_RIGHT_X}" y="24">Outside mainland China</text>')
    for x, y, title in layout.titles:
        out.append(f'<text class="zone-title" x="{x:.0f}" y="{y:.0f}">{_t(title)}</text>')
    labels: list[tuple[int, float, str]] = []  # (where in out, y at the border line, text)
    for (inner, outer), group in groups.items():
        x1, y1 = _anchor(layout, inner, False)
        x2, y2 = _anchor(layout, outer, True)
        parts = [group] if len(group) > SINGLE_LINKS else [[lk] for lk in group]
        for j, part in enumerate(parts):
            off = (j - (len(parts) - 1) / 2) * 5
            shade = worst(lk.verdict for lk in part)
            width = 2.0 if len(part) == 1 else min(2 + 1.6 * math.log2(len(part)), 10)
            dash = ' stroke-dasharray="6 4"' if shade == "suppressed" or not part[0].crosses \
                else ""
            d = _curve(x1, y1 + off, x2, y2 + off)
            ids = " ".join(str(lk.index) for lk in part)
            if len(part) == 1:
                f = part[0].finding
                label = f"{f.get('check_id', '')} {f.get('resource') or ''}"
            else:
                checks = sorted({str(lk.finding.get("check_id", "")) for lk in part})
                label = f"{len(part)} links · " + ", ".join(checks[:4]) + \
                    (f" +{len(checks) - 4}" if len(checks) > 4 else "")
            title = _link_title(part) + "\n" + "\n".join(
                f"{lk.finding.get('check_id', '')} {lk.verdict} {lk.finding.get('resource') or ''}"
                for lk in part[:12]) + ("\n…" if len(part) > 12 else "")
            out.append(f'<g class="link v-{shade}" tabindex="0" data-f="{ids}" '
                       f'data-links="{len(part)}" data-verdict="{shade}" '
                       f'data-title="{_t(_link_title(part))}">')
            out.append(f"<title>{_t(title)}</title>")
            out.append(f'<path class="edge" d="{d}" stroke="{VERDICT_COLOURS[shade]}" '
                       f'stroke-width="{width:.1f}"{dash}/>')
            out.append(f'<path class="hit" d="{d}"/>')
            labels.append((len(out), (y1 + y2) / 2 + off, label))
            out.append("")  # the label, placed below once every curve is known
            out.append("</g>")
    for (_, place), (x, y) in sorted(layout.nodes.items(),
                                     key=lambda kv: (kv[0][0], kv[0][1].key)):
        out.append(f'<g class="node {place.zone}"><title>{_t(place.label)}</title>'
                   f'<rect x="{x:.0f}" y="{y:.0f}" width="{_NODE_W}" height="{_NODE_H}" rx="4"/>'
                   f'<text x="{x + 8:.0f}" y="{y + 17:.0f}">{_t(_short(place.label, 36))}</text></g>')
    # on a dense map labels show one at a time (hover), each where its curve crosses the border;
    # otherwise they are spread along the border line so that none hides another
    # (also when spreading would move a label far from its curve)
    wanted = [y for _, y, _ in labels]
    spread = _spread(wanted, _LABEL_H)
    dense = dense or any(b - a > _LABEL_DRIFT for a, b in zip(wanted, spread, strict=True))
    for (at, _, label), y in zip(labels, wanted if dense else spread, strict=True):
        out[at] = (f'<text x="{_BORDER_X}" y="{y - 4:.1f}" text-anchor="middle">'
                   f"{_t(_short(label, 52))}</text>")
        h = max(h, y + 8)
    out[0] = (f'<svg class="map-svg{" dense" if dense else ""}" '
              f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {h:.0f}" role="img" '
              f'aria-label="Links across the border of mainland China" '
              f'data-links="{len(all_links)}">')
    # the mainland's side; the inner ends of links with no mainland end sit below it
    pink = layout.mainland_end if layout.mainland_end and layout.mainland_end < h - 20 else h
    out[1] = f'<rect x="0" y="0" width="{_BORDER_X}" height="{pink:.0f}" fill="#fff8f8"/>'
    out[2] = (f'<line x1="{_BORDER_X}" y1="30" x2="{_BORDER_X}" y2="{h - 4:.0f}" '
              'stroke="#a02020" stroke-width="2" stroke-dasharray="8 5"/>')
    if not drawn:
        out.append(f'<text x="{_W / 2:.0f}" y="{h / 2 + 10:.0f}" text-anchor="middle" '
                   'class="zone-title">No link reported across the border</text>')
    out.append("</svg>")
    return "\n".join(out), len(all_links)


def _end(end: Any) -> dict[str, str] | None:
    if not isinstance(end, Mapping):
        return None
    return {"cls": terminal_safe(str(end.get("class", ""))),
            "value": terminal_safe(str(end.get("value", ""))),
            "reason": terminal_safe(str(end.get("reason", "")))}


def _data(findings: Sequence[Mapping[str, Any]], by_index: Mapping[int, Link]) -> dict[str, Any]:
    rows = []
    for i, f in enumerate(findings):
        lk = by_index.get(i)
        inner, outer = f.get("local"), f.get("remote")
        if lk is not None and lk.swapped:
            inner, outer = outer, inner  # the mainland end first, as drawn
        appr = approval(f)
        rows.append({
            "check": str(f.get("check_id", "")), "title": terminal_safe(str(f.get("title", ""))),
            "verdict": lk.verdict if lk else verdict(f),
            "resource": terminal_safe(str(f.get("resource") or "")),
            "file": terminal_safe(str(f.get("file", ""))), "line": f.get("line", 0),
            "root": terminal_safe(str(f.get("root") or "")),
            "message": terminal_safe(str(f.get("message", ""))),
            "inner": _end(inner), "outer": _end(outer),
            "related": [{"file": terminal_safe(str(o.get("file", ""))), "line": o.get("line", 0),
                         "message": terminal_safe(str(o.get("message", "")))}
                        for o in f.get("related") or [] if isinstance(o, Mapping)],
            "fix": terminal_safe(" ".join(str(f.get("fix", "")).split())),
            "suppression_reason": terminal_safe(str(f.get("suppression_reason") or "")),
            "approval": None if appr is None else {k: terminal_safe(v) for k, v in (
                ("exit_id", appr.exit_id), ("carrier", appr.carrier), ("approval", appr.approval),
                ("expires", appr.expires), ("managed_by", appr.managed_by))},
        })
    return {"findings": rows}


def _select(name: str, label: str, values: Sequence[str]) -> str:
    options = "".join(f'<option value="{_t(v)}">{_t(v)}</option>' for v in values)
    return (f'<label>{label}<select name="{name}"><option value="">all</option>{options}'
            "</select></label>")


def _table(rows: Sequence[Mapping[str, Any]], findings: Sequence[Mapping[str, Any]]) -> str:
    present = {r["verdict"] for r in rows}
    filters = ('<div class="filters">'
               + _select("check", "Check", sorted({r["check"] for r in rows}))
               + _select("verdict", "Severity / verdict", [v for v in VERDICTS if v in present])
               + _select("provider", "Provider", sorted({provider(f) for f in findings}))
               + _select("file", "File", sorted({r["file"] for r in rows}))
               + '<label>Text<input name="text" type="search" placeholder="resource, value…">'
               + f'</label><span class="count"><span id="shown">{len(rows)}</span> of '
               + f"{len(rows)} findings shown</span></div>")
    body = []
    for i, (r, f) in enumerate(zip(rows, findings, strict=True)):
        ends = ""
        if r["inner"] and r["outer"]:
            ends = (f'<div class="ends">{_t(r["inner"]["value"])} ({_t(r["inner"]["cls"])}) ↔ '
                    f'{_t(r["outer"]["value"])} ({_t(r["outer"]["cls"])})</div>')
        root = f" [{_t(r['root'])}]" if r["root"] not in ("", ".") else ""
        body.append(
            f'<tr data-f="{i}" data-check="{_t(r["check"])}" data-verdict="{_t(r["verdict"])}" '
            f'data-provider="{_t(provider(f))}" data-file="{_t(r["file"])}" '
            f'data-title="{_t(r["check"] + " " + r["resource"])}">'
            f'<td class="verdict"><span class="badge b-{_t(r["verdict"])}">{_t(r["verdict"])}</span></td>'
            f'<td class="check">{_t(r["check"])}</td><td>{_t(r["resource"])}{root}</td>'
            f'<td class="loc">{_t(r["file"])}:{_t(r["line"])}</td><td class="prov">{_t(provider(f))}</td>'
            f"<td>{_t(r['message'])}{ends}</td></tr>")
    if not body:
        return filters + '<p class="empty">No findings.</p>'
    return (filters + '<table id="findings"><thead><tr><th>Verdict</th><th>Check</th>'
            "<th>Resource</th><th>File</th><th>Provider</th><th>Finding</th></tr></thead><tbody>"
            + "\n".join(body) + "</tbody></table>")


def _verdict_line(report: Mapping[str, Any], all_links: Sequence[Link], baselined: int) -> str:
    crossing = [lk for lk in all_links if lk.crosses]
    unapproved = sum(1 for lk in crossing if lk.active)
    approved = sum(1 for lk in crossing if lk.verdict == "approved")
    head = (f"<strong>{unapproved} link{'s' * (unapproved != 1)} across the border without "
            "approval</strong>" if unapproved else "<strong>No unapproved link across the border"
            "</strong>")
    extra = verdict_facts(report, approved, baselined, "baselined (not shown)")
    return f"{head} · {', '.join(extra)} · {report['summary']['files']} files scanned"


def render_report(report: Mapping[str, Any], stream: IO[str], baselined: int = 0) -> None:
    """Write the page for a JSON report (`json_report.report_dict`)."""
    findings: list[Mapping[str, Any]] = list(report["findings"])
    all_links = links(findings)
    by_index = {lk.index: lk for lk in all_links}
    data = _data(findings, by_index)
    svg, _ = _svg(all_links)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    legend = "".join(f'<li class="v-{v}">{v}</li>' for v in VERDICTS)
    errors = "".join(f"<li>{_t(e['file'])}:{_t(e['line'])}:{_t(e['column'])}: {_t(e['message'])}"
                     "</li>" for e in report["errors"])
    stream.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n<link rel="icon" href="data:,">\n'
        f"<title>exitlint: links across the border</title>\n<style>{css}</style>\n</head>\n<body>\n"
        f'<header><h1>exitlint: links across the border of mainland China</h1>'
        f'<p class="verdict">{_verdict_line(report, all_links, baselined)}</p>'
        f'<ul class="legend">{legend}</ul></header>\n<main>\n'
        f'<div class="board"><div class="map">{svg}</div>'
        '<aside class="side" id="details"><h3>Details</h3><p class="hint">Hover over or click '
        "a link (or a row of the table) to see its findings, where their values came from, "
        "and the fix.</p></aside></div>\n"
        + (f"<h2>Files that could not be read</h2><ul>{errors}</ul>\n" if errors else "")
        + f"<h2>Findings</h2>\n{_table(data['findings'], findings)}\n"
        f"<footer>exitlint {_t(__version__)}; the picture groups addresses by registration "
        "country and draws more than "
        f"{SINGLE_LINKS} links between the same two places as one bundle.</footer>\n</main>\n"
        f'<script type="application/json" id="exitlint-data">{_json_block(data)}</script>\n'
        f"<script>{js}</script>\n</body>\n</html>\n")


def render(result: ScanResult, stream: IO[str], options: ReportOptions) -> None:
    render_report(report_dict(result, options.baselined), stream, options.baselined)
