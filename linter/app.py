"""One scan: discover → parse → evaluate → decide → approve/suppress → result."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .classify.catalogue import load_catalogue
from .discovery import discover, git_root
from .engine.catalog import load_checks
from .engine.context import InputContext, PartResult
from .engine.ends import Context
from .engine.exits import ExitMatcher
from .model import End, Finding, ScanError, ScanResult
from .policy import Policy, PolicyError, find_policy, load_policy
from .terraform.loader import FileReader, cli_var_value, tfvars_values
from .terraform.scan import TerraformJob, scan_terraform


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
    jobs: int = 1  # worker processes for Terraform; 0 = all cores
    use_cache: bool = False  # the CLI turns the result cache on unless --no-cache
    cache_dir: Path | None = None
    stdin_text: str | None = None  # `exitlint -`: manifests (or plan JSON) on standard input
    plan_paths: list[Path] = field(default_factory=list)  # `--plan FILE`: read as plan JSON
    plan_stdin: str | None = None  # `--plan -`: plan JSON on standard input


def _display_fn(base: Path) -> Any:
    @functools.cache  # called for every file and finding; relpath is slow
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
    for item in options.variables:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--var {item!r} is not NAME=VALUE")
        values[name.strip()] = cli_var_value(raw)
    return values


def scan(options: ScanOptions) -> ScanResult:
    base = (options.base or _scan_root(options.paths)).resolve()
    display = _display_fn(base)
    policy = load_scan_policy(options, display)
    today = options.today or dt.date.today()
    result = ScanResult()
    found = discover(options.paths, options.allow_outside_root)
    for missing in found.missing:
        raise UsageError(f"path {missing} does not exist")
    first = options.paths[0].resolve() if options.paths else base
    allowed = Path("/") if options.allow_outside_root else (git_root(first) or
                                                              (base if first.is_relative_to(base)
                                                               else first))
    reader = FileReader(display, options.max_file_size, allowed_root=allowed)
    cli_values = _cli_vars(options, reader)
    if options.use_cache:
        from . import yamlload

        yamlload.use_data_cache(str(options.cache_dir or _default_cache_dir()))
    catalog = load_checks()
    ctx = Context(load_catalogue(), policy)
    exits = ExitMatcher(policy, today, base)
    ictx = InputContext(display, policy, catalog, ctx.catalogue, today, exits,
                        options.max_file_size)
    job = TerraformJob(ictx, cli_values, allowed, options.max_file_size)
    cache = _result_cache(options, policy, cli_values, allowed, base, today)
    terraform = scan_terraform(
        found.terraform, [p.parent for p in found.tfvars if p in found.explicit], job, reader,
        options.jobs if options.jobs > 0 else (os.cpu_count() or 1),
        cache.load if cache else None, cache.store if cache else None, cache)
    findings = terraform.findings
    resources = terraform.resources
    result.notes.extend(terraform.notes)
    other = _scan_other(found.other, options.stdin_text, ictx, options, cache)
    resources += other.resources
    result.notes.extend(other.notes)
    findings.extend(exits.hygiene_findings(catalog, policy))
    if found.explicit:
        shown = {display(p) for p in found.explicit}
        # named files (pre-commit): their findings, plus the policy file's own hygiene findings
        findings = [f for f in findings if f.span.file in shown or f.span.file == policy.rel_path]
        result.errors = [e for e in terraform.errors if e.file in shown]
    else:
        result.errors = list(terraform.errors)
    findings.extend(other.findings)  # front ends scan only what they were given
    result.errors.extend(other.errors)
    # never opened: a FIFO would block, a symlink out of the repository could leak a secret
    result.errors.extend(ScanError(display(p), 1, 1, "not a regular file (FIFO, socket or "
                                   "device); skipped") for p in found.irregular)
    result.errors.extend(ScanError(display(p), 1, 1, "symlink to a file outside the "
                                   "repository; not read (use --allow-outside-root to read it)")
                         for p in found.outside)
    result.findings = sorted((_with_fingerprint(f) for f in findings), key=Finding.sort_key)
    result.errors.sort(key=ScanError.sort_key)
    result.notes = sorted(set(result.notes))
    result.files = (len(found.terraform) + len(found.tfvars) + other.files
                    + len(found.irregular) + len(found.outside))
    result.resources = resources
    return result


def _scan_other(files: list[Path], stdin_text: str | None, ictx: InputContext,
                options: ScanOptions | None = None, cache: Any = None) -> PartResult:
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
        _merge_part(out, _kubernetes(manifests, stdin_text, ictx, cache))
    return out


def _kubernetes(manifests: list[Path], stdin_text: str | None, ictx: InputContext,
                cache: Any) -> PartResult:
    """The Kubernetes front end, reused from the cache when no manifest changed."""
    from .kubernetes.scan import scan_manifests

    if cache is None or stdin_text is not None:
        return scan_manifests(manifests, stdin_text, ictx)
    entry = cache.part_path("kubernetes", manifests)  # stat every manifest once
    hit = cache.load_part(entry)
    if hit is not None:
        try:
            return PartResult(cache.decode_findings(hit["findings"]),
                              [ScanError(*e) for e in hit["errors"]], int(hit["files"]),
                              int(hit["resources"]), list(hit["notes"]))
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # a corrupt entry: recompute
    part = scan_manifests(manifests, stdin_text, ictx)
    cache.store_part(entry, {
        "findings": cache.encode_findings(part.findings),
        "errors": [[e.file, e.line, e.column, e.message] for e in part.errors],
        "files": part.files, "resources": part.resources, "notes": part.notes})
    return part


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


def _default_cache_dir() -> Path:
    from .cache import default_cache_dir

    return default_cache_dir()


def _result_cache(options: ScanOptions, policy: Policy, values: dict[str, Any], allowed: Path,
                  base: Path, today: dt.date) -> Any:
    if not options.use_cache:
        return None
    from .cache import ResultCache, default_cache_dir

    policy_text = ""
    if policy.path is not None:
        try:
            policy_text = policy.path.read_text(encoding="utf-8")
        except OSError:
            policy_text = ""
    settings = json.dumps([str(policy.path), policy_text, repr(sorted(values.items())),
                           str(allowed), str(base), today.isoformat(), options.max_file_size],
                          sort_keys=True)
    return ResultCache(options.cache_dir or default_cache_dir(),
                       hashlib.sha256(settings.encode()).hexdigest())


def _with_fingerprint(f: Finding) -> Finding:
    remote = f.remote.value if f.remote else ""
    digest = hashlib.sha256(f"{f.check_id}|{f.span.file}|{f.resource}|{remote}".encode())
    return replace(f, fingerprint=digest.hexdigest()[:32])


__all__ = ["End", "ScanOptions", "UsageError", "scan"]
