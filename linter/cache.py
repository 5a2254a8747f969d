"""Result cache: per root module, keyed on exitlint's version, the scan settings and the content
of every file the result depends on. Stored as JSON in the user's cache directory (never in the
repository unless asked); written atomically, so concurrent runs are safe; a corrupt or stale
entry is ignored."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import __version__
from .fileio import stat_signature, write_json_atomic
from .model import End, EndClass, Finding, ScanError, Severity, Span
from .terraform.scan import RootResult
from .terraform.source import is_terraform

FORMAT = 1


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "exitlint"


def _listing(directory: Path | str) -> list[str]:
    try:
        return sorted(name for name in os.listdir(directory) if is_terraform(name))
    except OSError:
        return []


def _end(e: End | None) -> Any:
    return None if e is None else [e.cls.value, e.value, e.reason, e.attribute, e.line]


def _unend(raw: Any) -> End | None:
    return None if raw is None else End(EndClass(raw[0]), raw[1], raw[2], raw[3], raw[4])


def _finding(f: Finding) -> dict[str, Any]:
    return {"c": f.check_id, "s": f.severity.value, "t": f.title, "m": f.message,
            "sp": [f.span.file, f.span.line, f.span.column, f.span.end_line], "r": f.resource,
            "k": f.kind, "l": _end(f.local), "rm": _end(f.remote), "fx": f.fix,
            "sup": f.suppressed, "sr": f.suppression_reason}


def _unfinding(d: dict[str, Any]) -> Finding:
    sp = d["sp"]
    return Finding(d["c"], Severity(d["s"]), d["t"], d["m"], Span(sp[0], sp[1], sp[2], sp[3]),
                   d["r"], d["k"], _unend(d["l"]), _unend(d["rm"]), d["fx"], d["sup"], d["sr"])


def _engine_stamp() -> str:
    """Identity of the installed engine and bundled data, so a changed exitlint (a development
    checkout, a reinstall without a version bump) never reuses results of another one."""
    from .resources import checks_dir

    here = Path(__file__).resolve().parent
    parts = []
    for root in (here, checks_dir()):
        for dirpath, _dirs, names in sorted(os.walk(root)):
            for name in sorted(names):
                if name.endswith((".py", ".yaml")):
                    parts.append(f"{name}:{stat_signature(os.path.join(dirpath, name))}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class ResultCache:
    def __init__(self, directory: Path, settings: str) -> None:
        self.directory = directory
        self.salt = f"{FORMAT}|{__version__}|{_engine_stamp()}|{settings}"

    def _path(self, root: Path) -> Path:
        key = hashlib.sha256(f"{self.salt}|{root}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def load(self, root: Path) -> RootResult | None:
        try:
            raw = json.loads(self._path(root).read_text(encoding="utf-8"))
            if raw.get("salt") != self.salt:
                return None
            for path, digest in raw["deps"].items():
                if stat_signature(path) != digest:
                    return None
            for directory, names in raw["dirs"].items():
                if _listing(directory) != names:
                    return None
            # deps stay empty: a cache hit is never stored again
            return RootResult(
                root, [_unfinding(f) for f in raw["findings"]],
                [ScanError(*e) for e in raw["errors"]], list(raw["notes"]),
                int(raw["resources"]), [])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # missing, corrupt or from another version: recompute

    def store(self, res: RootResult) -> None:
        deps = {str(p): stat_signature(p) for p in res.deps}
        if any(d is None for d in deps.values()):
            return  # something vanished while scanning: do not cache
        entry = {
            "salt": self.salt, "deps": deps,
            "dirs": {str(d): _listing(d) for d in sorted({p.parent for p in res.deps})},
            "findings": [_finding(f) for f in res.findings],
            "errors": [[e.file, e.line, e.column, e.message] for e in res.errors],
            "notes": res.notes, "resources": res.resources,
        }
        write_json_atomic(self._path(res.root), entry)

    # -- module calls per directory (root detection without reading every file) ----------
    def _calls_path(self) -> Path:
        return self.directory / "calls.json"

    def load_calls(self) -> dict[str, Any]:
        try:
            raw = json.loads(self._calls_path().read_text(encoding="utf-8"))
            return raw if isinstance(raw, dict) and raw.get("salt") == self.salt else {}
        except (OSError, ValueError):
            return {}

    def store_calls(self, index: dict[str, Any]) -> None:
        write_json_atomic(self._calls_path(), {**index, "salt": self.salt})

    # -- a whole front end's result (Kubernetes), keyed on every input file ----------------
    def part_path(self, name: str, files: list[Path]) -> Path:
        """Where a front end's result over exactly these files (as they are now) is kept."""
        key = hashlib.sha256(f"{self.salt}|{name}|{self.signature(files)}".encode())
        return self.directory / "parts" / f"{key.hexdigest()}.json"

    @staticmethod
    def load_part(path: Path) -> dict[str, Any] | None:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return raw if isinstance(raw, dict) else None
        except (OSError, ValueError):
            return None

    @staticmethod
    def store_part(path: Path, data: dict[str, Any]) -> None:
        write_json_atomic(path, data)

    @staticmethod
    def signature(files: list[Path]) -> str:
        return "|".join(f"{p}={stat_signature(p)}" for p in sorted(files))

    @staticmethod
    def encode_findings(findings: list[Finding]) -> list[dict[str, Any]]:
        return [_finding(f) for f in findings]

    @staticmethod
    def decode_findings(raw: list[dict[str, Any]]) -> list[Finding]:
        return [_unfinding(f) for f in raw]
