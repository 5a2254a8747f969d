"""Check documentation pages, generated from the check's metadata and its examples."""

from __future__ import annotations

from pathlib import Path

from .engine.catalog import Check
from .resources import data_root


def _example(check: Check, key: str) -> str:
    rel = check.examples.get(key)
    if not rel:
        return ""
    for base in (data_root(), Path(__file__).resolve().parent.parent):
        path = base / rel
        if path.is_file():
            files = [path]
        elif path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            continue
        chunks = []
        for f in files:
            lang = "yaml" if f.suffix in (".yaml", ".yml") else "hcl"
            chunks.append(f"`{rel}/{f.name}`:\n\n```{lang}\n"
                          f"{f.read_text(encoding='utf-8').rstrip()}\n```\n" if path.is_dir()
                          else f"```{lang}\n{f.read_text(encoding='utf-8').rstrip()}\n```\n")
        return "\n".join(chunks)
    return f"(see `{rel}` in the exitlint repository)\n"


def render_check_page(check: Check) -> str:
    types = sorted({t for target in check.targets for t in target.types})
    lines = [
        f"# {check.id}: {check.title}",
        "",
        f"- **Name:** `{check.name}`",
        f"- **Category:** {check.category}",
        f"- **Severity:** {check.severity.value}",
    ]
    if types:
        lines.append(f"- **Resource types:** {', '.join(f'`{t}`' for t in types)}")
    lines += ["", "## What it flags", "", check.summary, "", "## Why", "", check.rationale, ""]
    bad, good = _example(check, "noncompliant"), _example(check, "compliant")
    if bad:
        lines += ["## Non-compliant example", "", bad]
    if good:
        lines += ["## Compliant example", "", good]
    lines += ["## How to fix", "", check.fix, ""]
    lines += ["## How to approve or suppress", ""]
    if check.approve:
        lines += [check.approve, ""]
    lines += [
        "A link leased from China Telecom, China Unicom or China Mobile with an approval reference "
        "is declared once in `.exitlint.yaml` under `approved_exits` (carrier, approval, expires, "
        "match). To accept one finding in place, put a comment on the line before the block:",
        "",
        f"```hcl\n# exitlint:ignore {check.id} reason=\"why this is acceptable\" "
        "until=2027-01-01\n```",
        "",
    ]
    if check.references:
        lines += ["## References", ""] + [f"- {r}" for r in check.references] + [""]
    return "\n".join(lines)
