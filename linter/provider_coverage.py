"""The coverage table (docs/coverage.md): per provider, the Terraform resource types exitlint checks,
with their check IDs (from the check catalogue), and the types it knowingly leaves out, with the
reason (checks/coverage/<provider>.yaml).

Regenerate docs/coverage.md from a source checkout with:
    exitlint docs --write
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import data_files
from .engine.catalog import CheckCatalog, load_checks
from .records import dataclass
from .resources import checks_dir, source_root

REGENERATE = "exitlint docs --write"


@dataclass(frozen=True)
class OutOfScope:
    types: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ProviderCoverage:
    provider: str
    checked: dict[str, tuple[str, ...]]  # resource type -> check IDs
    out_of_scope: tuple[OutOfScope, ...] = ()
    data_sources: tuple[str, ...] = ()

    @property
    def excluded(self) -> set[str]:
        return {t for entry in self.out_of_scope for t in entry.types}


def _provider_names(root: Path) -> list[str]:
    names = {p.stem for p in (root / "providers").glob("*.yaml")}
    names |= {p.stem for p in (root / "coverage").glob("*.yaml")}
    return sorted(names)


def provider_of(rtype: str, providers: list[str]) -> str | None:
    """The provider whose prefix the type carries (the longest, so volcenginecc_ is not volcengine_)."""
    matches = [p for p in providers if rtype.startswith(p + "_")]
    return max(matches, key=len) if matches else None


def _checked(catalog: CheckCatalog, providers: list[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, set[str]]] = {}
    for check in catalog.checks.values():
        for target in check.targets:
            for rtype in target.types:
                provider = provider_of(rtype, providers)
                if provider is not None:
                    out.setdefault(provider, {}).setdefault(rtype, set()).add(check.id)
    return {p: {t: tuple(sorted(ids)) for t, ids in sorted(types.items())}
            for p, types in out.items()}


def _out_of_scope(raw: dict[str, Any]) -> tuple[OutOfScope, ...]:
    return tuple(OutOfScope(tuple(entry["types"]), " ".join(str(entry["reason"]).split()))
                 for entry in raw.get("out_of_scope") or [])


def load_coverage(root: Path | None = None,
                  catalog: CheckCatalog | None = None) -> dict[str, ProviderCoverage]:
    base = root or checks_dir()
    providers = _provider_names(base)
    checked = _checked(catalog or load_checks(base), providers)
    coverage: dict[str, ProviderCoverage] = {}
    for name in providers:
        path = base / "coverage" / f"{name}.yaml"
        raw: dict[str, Any] = (data_files.load_file(path) or {}) \
            if path.is_file() else {}
        types = checked.get(name, {})
        if not types and not raw:
            continue
        coverage[name] = ProviderCoverage(name, types, _out_of_scope(raw),
                                          tuple(sorted(raw.get("data_sources") or [])))
    return coverage


def _code(types: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"`{t}`" for t in types)


def render(coverage: dict[str, ProviderCoverage]) -> str:
    lines = [
        "# Coverage",
        "",
        "Per provider: the Terraform resource types exitlint checks, with their check IDs, and the",
        "connectivity resource types it knowingly leaves out, with the reason. Generated from",
        "`checks/terraform` and `checks/coverage/<provider>.yaml`; do not edit by hand. Regenerate with:",
        "",
        "```sh",
        REGENERATE,
        "```",
        "",
    ]
    for name, cov in coverage.items():
        lines += [f"## {name}", "",
                  f"{len(cov.checked)} resource types checked, {len(cov.excluded)} out of scope.", ""]
        if cov.checked:
            lines += ["| Checked resource type | Checks |", "|---|---|"]
            lines += [f"| `{t}` | {', '.join(ids)} |" for t, ids in cov.checked.items()]
            lines.append("")
        if cov.out_of_scope:
            lines += ["| Out of scope | Why |", "|---|---|"]
            lines += [f"| {_code(e.types)} | {e.reason.replace('|', '/')} |" for e in cov.out_of_scope]
            lines.append("")
        if cov.data_sources:
            lines += [f"Data sources named in the catalogue (they read, and create nothing): "
                      f"{_code(cov.data_sources)}.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def default_path() -> Path:
    """docs/coverage.md of the source checkout exitlint runs from, else of the current directory."""
    return (source_root() or Path.cwd()) / "docs" / "coverage.md"


def write(path: Path | None = None) -> Path:
    """Write the coverage table (docs/coverage.md of the source checkout unless a path is given)."""
    target = path or default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(load_coverage()), encoding="utf-8")
    return target
