"""Check definitions read from `checks/{terraform,kubernetes,policy}/*.yaml` and the target packs
(validated in tests, not at run time), indexed by the subjects they apply to."""

from __future__ import annotations

from dataclasses import field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import data_files
from ..model import Severity
from ..records import dataclass
from ..resources import checks_dir

if TYPE_CHECKING:
    from ..subject import Subject


@dataclass(frozen=True)
class Target:
    types: tuple[str, ...]
    evaluator: str
    when: tuple[dict[str, Any], ...] = ()
    local: tuple[dict[str, Any], ...] = ()
    remote: tuple[dict[str, Any], ...] = ()
    rule: dict[str, Any] = field(default_factory=dict)
    scripts: tuple[str, ...] = ()
    message: str = ""
    group: dict[str, Any] = field(default_factory=dict)
    # Kubernetes targets: `kinds:` (kept in `types`), the API group (suffix) they must have
    # (None: any), named detector options, and the checks whose detection they give way to
    api_group: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    yields_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    id: str
    name: str
    title: str
    category: str
    severity: Severity
    summary: str
    rationale: str
    fix: str
    approve: str
    references: tuple[str, ...]
    examples: dict[str, str]
    targets: tuple[Target, ...]
    path: str
    # `fixes:` the fix for findings on one resource type (or Kubernetes kind) or one
    # provider's resources (the type's prefix: `alicloud`, `aws`); `fix` for the rest
    fixes: dict[str, str] = field(default_factory=dict)
    # `software_fixes:` the fix for findings about one piece of software (its name in
    # checks/software.yaml: `Tailscale`, `Cloudflare Tunnel (cloudflared)`); wins over `fixes`
    software_fixes: dict[str, str] = field(default_factory=dict)

    def fix_for(self, resource_type: str, software: str | None = None) -> str:
        """The fix hint for a finding on a resource of `resource_type` (`aws_vpn_connection`,
        or a Kubernetes kind) about `software` (if any): by software, then by type, then by
        provider, then the check's own."""
        if software is not None and software in self.software_fixes:
            return self.software_fixes[software]
        if not self.fixes:
            return self.fix
        return self.fixes.get(resource_type) or \
            self.fixes.get(resource_type.split("_", 1)[0]) or self.fix

    @property
    def help_uri(self) -> str:
        return f"https://github.com/exitlint/exitlint/blob/main/docs/checks/{self.id}.md"


def _target(raw: dict[str, Any]) -> Target:
    types = raw.get("types") or raw.get("kinds") or [raw["type"]]
    return Target(
        types=tuple(types), evaluator=raw.get("evaluator", "link"),
        when=tuple(raw.get("when", [])), local=tuple(raw.get("local", [{"region": "self"}])),
        remote=tuple(raw.get("remote", [])), rule=dict(raw.get("rule", {})),
        scripts=tuple(raw.get("scripts", [])), message=raw.get("message", ""),
        group=dict(raw.get("group", {})),
        api_group=raw.get("api_group"), options=dict(raw.get("options", {})),
        yields_to=tuple(raw.get("yields_to", [])),
    )


def check_from_dict(raw: dict[str, Any], path: str) -> Check:
    return Check(
        id=raw["id"], name=raw["name"], title=raw["title"], category=raw["category"],
        severity=Severity(raw["severity"]), summary=raw.get("summary", "").strip(),
        rationale=raw.get("rationale", "").strip(), fix=raw.get("fix", "").strip(),
        approve=raw.get("approve", "").strip(), references=tuple(raw.get("references", [])),
        examples=dict(raw.get("examples", {})),
        targets=tuple(_target(t) for t in raw.get("targets", [])), path=path,
        fixes={k: str(v).strip() for k, v in (raw.get("fixes") or {}).items()},
        software_fixes={k: str(v).strip()
                        for k, v in (raw.get("software_fixes") or {}).items()},
    )


@dataclass(frozen=True)
class CheckCatalog:
    checks: dict[str, Check]
    by_type: dict[str, tuple[tuple[Check, Target], ...]]  # resource type or kind -> targets
    software: tuple[dict[str, Any], ...]
    # targets that also apply to any subject with a pod template (`pod_template_kinds`)
    pod_templates: tuple[tuple[Check, Target], ...] = ()

    def get(self, check_id: str) -> Check | None:
        return self.checks.get(check_id.upper())

    def targets_for(self, subject: Subject) -> list[tuple[Check, Target]]:
        """The targets that apply to a subject: by its type (resource type, kind), plus those
        of every kind with a pod template when it has one, less those of another API group."""
        pairs = list(self.by_type.get(subject.type, ()))
        if self.pod_templates and subject.pod is not None:
            known = {id(t) for _, t in pairs}
            pairs += [(c, t) for c, t in self.pod_templates if id(t) not in known]
        group = subject.api_group
        return [(c, t) for c, t in pairs
                if t.api_group is None or (group is not None and _in_group(group, t.api_group))]


def _in_group(group: str, wanted: str) -> bool:
    """`wanted` is the API group or a suffix of it (`cilium.io` for `isovalent.cilium.io`)."""
    return group == wanted or (wanted != "" and group.endswith("." + wanted))


def _files(base: Path) -> list[Path]:
    return sorted(p for sub in ("terraform", "policy", "kubernetes") if (base / sub).is_dir()
                  for p in (base / sub).glob("*.yaml"))


@lru_cache(maxsize=4)
def load_checks(root: Path | None = None, data: data_files.DataFiles | None = None) -> CheckCatalog:
    """The check catalogue under `root` (default: the bundled one), read through `data` (the
    app's parsed-data cache; default: parse the YAML)."""
    base = root or checks_dir()
    checks: dict[str, Check] = {}
    by_type: dict[str, list[tuple[Check, Target]]] = {}
    for path in _files(base):
        raw = data_files.load_file(path, data)
        check = check_from_dict(raw, str(path.relative_to(base)))
        checks[check.id] = check
        for target in check.targets:
            for t in target.types:
                by_type.setdefault(t, []).append((check, target))
    packs = base / "terraform" / "targets"
    for path in sorted(packs.glob("*.yaml")) if packs.is_dir() else []:
        raw = data_files.load_file(path, data) or {}
        for check_id, targets in (raw.get("checks") or {}).items():
            base_check = checks.get(check_id)
            if base_check is None:
                continue
            extra = tuple(_target(t) for t in targets)
            checks[check_id] = extended = replace(base_check, targets=base_check.targets + extra)
            for target in extra:
                for t in target.types:
                    by_type.setdefault(t, []).append((extended, target))
    # by_type holds the check as first loaded; refresh to the version with every target
    by_type = {t: [(checks[c.id], tg) for c, tg in pairs] for t, pairs in by_type.items()}
    software: tuple[dict[str, Any], ...] = ()
    sw_path = base / "software.yaml"
    if sw_path.is_file():
        software = tuple(data_files.load_file(sw_path, data)["software"])
    templates = tuple((c, t) for c in sorted(checks.values(), key=lambda c: c.id)
                      for t in c.targets if t.options.get("pod_template_kinds") is True)
    return CheckCatalog(dict(sorted(checks.items())),
                        {k: tuple(v) for k, v in by_type.items()}, software, templates)
