"""One scan: discover → parse → evaluate → decide → approve/suppress → result."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .classify.catalogue import load_catalogue
from .discovery import discover
from .engine.catalog import Check, CheckCatalog, load_checks
from .engine.context import InputContext, PartResult
from .engine.ends import Context
from .engine.evaluators import Hit, evaluate_resource
from .engine.exits import ExitMatcher
from .engine.findings import link_finding, suppress, suppression_hygiene, usable
from .hcl.parser import HclSyntaxError, parse_expression
from .model import End, Finding, ScanError, ScanResult, Span
from .policy import Policy, PolicyError, find_policy, load_policy
from .suppressions import Suppression, parse_suppression
from .terraform.evaluate import Evaluator
from .terraform.instances import Limits, ModuleInstance, Project, ResourceInstance
from .terraform.loader import FileReader, auto_tfvars, tfvars_values


class UsageError(Exception):
    """Bad arguments or an invalid policy: exit 2 before scanning."""


@dataclass
class ScanOptions:
    paths: list[Path] = field(default_factory=lambda: [Path(".")])
    policy_path: Path | None = None
    var_files: list[Path] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    today: dt.date | None = None
    max_file_size: int = 5 * 1024 * 1024
    allow_outside_root: bool = False
    base: Path | None = None  # paths in the report are relative to this (default: cwd)
    stdin_text: str | None = None  # `exitlint -`: manifests (or plan JSON) on standard input
    plan_paths: list[Path] = field(default_factory=list)  # `--plan FILE`: read as plan JSON
    plan_stdin: str | None = None  # `--plan -`: plan JSON on standard input


def _display_fn(base: Path) -> Any:
    def display(path: Path) -> str:
        try:
            rel = os.path.relpath(path, base)
        except ValueError:
            rel = str(path)
        return rel.replace(os.sep, "/")
    return display


def _scan_root(paths: list[Path]) -> Path:
    """Report paths are relative to the current directory when every scanned path is inside it,
    else to the (first) scanned directory."""
    cwd = Path.cwd().resolve()
    resolved = [p.resolve() for p in paths] or [cwd]
    if all(p.is_relative_to(cwd) for p in resolved):
        return cwd
    first = resolved[0]
    return first if first.is_dir() else first.parent


def _git_root(path: Path) -> Path | None:
    p = path.resolve()
    for d in (p, *p.parents):
        if (d / ".git").exists():
            return d
    return None


def load_scan_policy(options: ScanOptions, display: Any) -> Policy:
    path = options.policy_path
    if path is None:
        start = options.paths[0] if options.paths else Path(".")
        path = find_policy(start if start.exists() else Path("."))
    if path is None:
        return Policy()
    if not path.is_file():
        raise UsageError(f"policy file {path} does not exist")
    try:
        return load_policy(path, display(path.resolve()))
    except PolicyError as exc:
        raise UsageError(str(exc)) from exc


def _cli_vars(options: ScanOptions, reader: FileReader) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for vf in options.var_files:
        if not vf.is_file():
            raise UsageError(f"--var-file {vf} does not exist")
        parsed = reader.parse(vf.resolve())
        if parsed is not None:
            values.update(tfvars_values(parsed))
    ev = Evaluator()
    for item in options.variables:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {item!r} is not NAME=VALUE")
        try:
            from .terraform.loader import _LiteralScope

            value = ev.evaluate(parse_expression(raw), _LiteralScope()) if raw.strip()[:1] in \
                ('"', "[", "{") or raw.strip() in ("true", "false", "null") or \
                raw.strip().lstrip("-").isdigit() else raw
        except HclSyntaxError:
            value = raw
        values[name.strip()] = value
    return values


def scan(options: ScanOptions) -> ScanResult:
    base = (options.base or _scan_root(options.paths)).resolve()
    display = _display_fn(base)
    policy = load_scan_policy(options, display)
    today = options.today or dt.date.today()
    result = ScanResult()
    found = discover(options.paths)
    for missing in found.missing:
        raise UsageError(f"path {missing} does not exist")
    reader = FileReader(display, options.max_file_size)
    cli_values = _cli_vars(options, reader)
    catalog = load_checks()
    ctx = Context(load_catalogue(), policy)
    first = options.paths[0].resolve() if options.paths else base
    allowed = Path("/") if options.allow_outside_root else (_git_root(first) or
                                                              (base if first.is_relative_to(base)
                                                               else first))
    dirs = sorted({p.parent for p in found.terraform} |
                  {p.parent for p in found.tfvars if p in found.explicit})
    roots = _root_modules(dirs, reader)
    raw_findings: dict[tuple[Any, ...], Finding] = {}
    exits = ExitMatcher(policy, today, base)
    resources = 0
    for root_dir in roots:
        source = reader.load_dir(root_dir)
        if source is None:
            continue
        inputs: dict[str, Any] = {}
        for tfv in auto_tfvars(root_dir):
            parsed = reader.parse(tfv)
            if parsed is not None:
                inputs.update(tfvars_values(parsed))
        inputs.update(cli_values)
        project = Project(reader.load_dir, Limits(allowed))
        root = ModuleInstance(project, source, (), None, None, None, inputs)
        for module in root.walk():
            for key in sorted(module.source.resources):
                if key.split(".", 1)[0] not in catalog.by_type:
                    resources += 1  # no check reads it: leave its body unconverted
                    continue
                instances = module.resource_instances(key)
                resources += max(1, len(instances))
                for inst in instances:
                    for check, evaluator, hit in evaluate_resource(inst, ctx, catalog,
                                                                   policy.disabled):
                        f = _finding(check, evaluator, hit, inst, policy, exits)
                        if f is not None:
                            raw_findings.setdefault((f.check_id, f.span.file, f.span.line,
                                                     f.resource, f.message), f)
        for file, line, message in project.notes:
            result.notes.append(f"{file}:{line}: {message}")
    reader.collect_deferred()
    findings = list(raw_findings.values())
    findings = _apply_suppressions(findings, reader, catalog, today, policy, result)
    other = _scan_other(found.other, options.stdin_text,
                        InputContext(display, policy, catalog, ctx.catalogue, today, exits,
                                     options.max_file_size), options)
    resources += other.resources
    result.notes.extend(other.notes)
    findings.extend(exits.hygiene_findings(catalog, policy))
    if found.explicit:
        shown = {display(p) for p in found.explicit}
        findings = [f for f in findings if f.span.file in shown or f.kind == "policy"]
        result.errors = [e for e in reader.errors.values() if e.file in shown]
    else:
        result.errors = list(reader.errors.values())
    findings.extend(other.findings)  # front ends scan only what they were given
    result.errors.extend(other.errors)
    result.findings = sorted((_with_fingerprint(f) for f in findings), key=Finding.sort_key)
    result.errors.sort(key=ScanError.sort_key)
    result.notes = sorted(set(result.notes))
    result.files = len(found.terraform) + len(found.tfvars) + other.files
    result.resources = resources
    return result


def _scan_other(files: list[Path], stdin_text: str | None, ictx: InputContext,
                options: ScanOptions | None = None) -> PartResult:
    """YAML/JSON files and standard input: a Terraform plan (`terraform show -json`, recognised
    by its content, or named with `--plan`) goes to the plan front end, everything else to the
    Kubernetes front end. Both are imported only when needed."""
    plan_paths = [p.resolve() for p in (options.plan_paths if options else [])]
    plan_stdin = options.plan_stdin if options else None
    out = PartResult()
    manifests: list[Path] = []
    plans: list[tuple[Path | None, str]] = []
    for p in files:
        text = _plan_text(p, ictx.max_file_size) if p.name.endswith(".json") else None
        if text is not None:
            plans.append((p, text))
        elif p not in plan_paths:
            manifests.append(p)
    for p in plan_paths:
        if p in files and any(q == p for q, _ in plans):
            continue
        try:
            plans.append((p, _read_limited(p, ictx.max_file_size)))
        except OSError as exc:
            out.files += 1
            out.errors.append(ScanError(ictx.display(p), 1, 1, f"cannot read: {exc}"))
    if stdin_text is not None and plan_stdin is None:
        from .terraform.plan import looks_like_plan

        if looks_like_plan(stdin_text):
            plan_stdin, stdin_text = stdin_text, None
    if plan_stdin is not None:
        plans.append((None, plan_stdin))
    if plans:
        from .terraform.plan import scan_plan

        for path, text in plans:
            _merge_part(out, scan_plan(text, path, ictx, base_dir=Path.cwd()))
    if manifests or stdin_text is not None:
        from .kubernetes.scan import scan_manifests

        _merge_part(out, scan_manifests(manifests, stdin_text, ictx))
    return out


class _TooLarge(OSError):
    pass


def _read_limited(path: Path, limit: int) -> str:
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(f"larger than {limit} bytes (--max-file-size)")
    return data.decode("utf-8", "replace")


def _plan_text(path: Path, limit: int) -> str | None:
    """The text of a `.json` file when it is a Terraform plan, else None (cheap sniff first)."""
    from .terraform.plan import looks_like_plan

    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
        if b'"format_version"' not in head and b'"planned_values"' not in head:
            return None
        text = _read_limited(path, limit)
    except OSError:
        return None
    return text if looks_like_plan(text) else None


def _merge_part(into: PartResult, part: PartResult) -> None:
    into.findings.extend(part.findings)
    into.errors.extend(part.errors)
    into.files += part.files
    into.resources += part.resources
    into.notes.extend(part.notes)


def _root_modules(dirs: list[Path], reader: FileReader) -> list[Path]:
    """Directories scanned as root modules: those no other scanned module calls."""
    calls: dict[Path, set[Path]] = {}
    for d in dirs:
        src = reader.load_dir(d)
        targets: set[Path] = set()
        if src is not None:
            for decl in src.modules.values():
                attr = decl.block.body.attributes.get("source")
                value = getattr(getattr(attr, "expr", None), "value", None)
                if isinstance(value, str) and value.startswith(("./", "../")):
                    target = (d / value).resolve()
                    if target != d:
                        targets.add(target)
        calls[d] = targets
    called = set().union(*calls.values()) if calls else set()
    roots = [d for d in dirs if d not in called]
    reached: set[Path] = set()

    def reach(d: Path) -> None:
        stack = [d]
        while stack:
            cur = stack.pop()
            if cur in reached:
                continue
            reached.add(cur)
            stack.extend(calls.get(cur, ()))

    for r in roots:
        reach(r)
    for d in dirs:  # modules only reachable through a cycle still get scanned once
        if d not in reached:
            roots.append(d)
            reach(d)
    return roots


def _finding(check: Check, evaluator: str, hit: Hit, inst: ResourceInstance, policy: Policy,
             exits: ExitMatcher) -> Finding | None:
    span = Span(inst.file, inst.line, inst.decl.block.pos.column, inst.end_line)
    return link_finding(check, evaluator, hit, resource=inst.address, span=span, kind="terraform",
                        policy=policy, exits=exits)


def _suppressions_for(reader: FileReader) -> dict[str, tuple[list[Suppression], set[int]]]:
    out: dict[str, tuple[list[Suppression], set[int]]] = {}
    for parsed in reader.parsed.values():
        if parsed is None:
            continue
        sups = [s for c in parsed.comments
                if (s := parse_suppression(c.text, c.line, c.column)) is not None]
        out[parsed.path] = (sups, {c.line for c in parsed.comments})
    return out


def _applies(s: Suppression, f: Finding, comment_lines: set[int]) -> bool:
    start, end = f.span.line, f.span.end_line or f.span.line
    if start <= s.line <= end:
        return True
    if s.line >= start:
        return False
    return all(ln in comment_lines for ln in range(s.line, start))


def _apply_suppressions(findings: list[Finding], reader: FileReader, catalog: CheckCatalog,
                        today: dt.date, policy: Policy, result: ScanResult) -> list[Finding]:
    per_file = _suppressions_for(reader)
    out: list[Finding] = []
    for f in findings:
        sups, comment_lines = per_file.get(f.span.file, ([], set()))
        match = next((s for s in sups if usable(s, f.check_id, today)
                      and _applies(s, f, comment_lines)), None)
        if match is not None:
            f = suppress(f, match)
        out.append(f)
    for file, (sups, _) in sorted(per_file.items()):
        for s in sups:
            out.extend(suppression_hygiene(s, file, catalog, today, policy))
    return out


def _with_fingerprint(f: Finding) -> Finding:
    remote = f.remote.value if f.remote else ""
    digest = hashlib.sha256(f"{f.check_id}|{f.span.file}|{f.resource}|{remote}".encode())
    return replace(f, fingerprint=digest.hexdigest()[:32])


__all__ = ["End", "ScanOptions", "UsageError", "scan"]
