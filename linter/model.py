"""Plain data shared by every layer: locations, ends of a link, findings, errors."""

from __future__ import annotations

import enum
from dataclasses import field
from typing import Any

from .records import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class EndClass(str, enum.Enum):
    """Where one end of a link is, per SPEC §2."""

    MAINLAND = "mainland"
    NON_MAINLAND = "non-mainland"
    UNKNOWN = "unknown"
    INTERNAL = "internal"  # private/shared/link-local address: reachable only over another link
    ANYWHERE = "anywhere"  # 0.0.0.0/0 or ::/0 in a security rule


def shown(value: str) -> str:
    """A value as a message quotes it: `""` when empty, in double quotes when it holds spaces,
    quotes or control characters (so its edges are visible), else as written."""
    if not value or any(c.isspace() or c in "\"'" or not c.isprintable() for c in value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


@dataclass(frozen=True)
class End:
    """One classified end of a link, with the evidence kept for the message."""

    cls: EndClass
    value: str
    reason: str
    attribute: str | None = None  # the attribute the value came from, when known
    line: int | None = None
    # A name no catalogue knows (a region typo, another cloud's region ID): the link's warning
    # is shown even with `unknown: ignore` (SPEC §9), since the user wrote something wrong.
    unknown_name: bool = False

    def to_json(self) -> dict[str, str]:
        out = {"class": self.cls.value, "value": self.value}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Span:
    file: str  # relative to the scan root, forward slashes
    line: int
    column: int = 1
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value that cannot be known without deploying (a variable with no value, a data source,
    a plan value known after apply, a `$(VAR)` with no definition); carries the reason."""

    reason: str

    def __str__(self) -> str:
        return f"<unknown: {self.reason}>"


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """An attribute of another resource, known only after apply, whose origin is still known,
    so a check can follow `customer_gateway_id` to the customer gateway (`target`, a Subject)."""

    address: str  # full address of the resource, module path included
    attr: str
    target: Any = None

    def __str__(self) -> str:
        return f"{self.address}.{self.attr}" if self.attr else self.address


@dataclass(frozen=True)
class Origin:
    """Where a value came from: one step of a finding's chain (a tfvars entry, a variable
    default, a module argument, a ConfigMap key), shown as JSON `related`, SARIF
    `relatedLocations` and text "via" lines."""

    file: str  # relative to the scan root, forward slashes
    line: int
    what: str  # e.g. 'variable "peer_ip" default', 'terraform.tfvars peer_ip', 'module.vpn argument'

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.what}


@dataclass(frozen=True)
class Approval:
    """The approved exit (policy `approved_exits` entry) that approves a link (SPEC §9)."""

    exit_id: str
    carrier: str
    approval: str
    expires: str | None  # ISO date, last day it counts
    managed_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.exit_id, "carrier": self.carrier, "managed_by": self.managed_by,
                "approval": self.approval, "expires": self.expires}


@dataclass(frozen=True)
class Finding:
    check_id: str
    severity: Severity
    title: str
    message: str
    span: Span
    resource: str
    kind: str  # terraform | kubernetes | policy
    local: End | None = None
    remote: End | None = None
    fix: str = ""
    suppressed: bool = False
    suppression_reason: str | None = None
    fingerprint: str = ""
    root: str | None = None  # the root module it was evaluated from (Terraform), else None
    related: tuple[Origin, ...] = ()  # where the values behind its ends came from
    approval: Approval | None = None  # set when an approved exit covers it (then suppressed)
    baselined: bool = False  # hidden by --baseline, listed only with --show-baselined

    @property
    def status(self) -> str:
        """`baselined` (a baseline entry hides it), `approved` (an approved exit covers it),
        `suppressed` (an inline suppression hides it) or `open`."""
        if self.baselined:
            return "baselined"
        if self.approval is not None:
            return "approved"
        return "suppressed" if self.suppressed else "open"

    def sort_key(self) -> tuple[str, int, str, str, str, str, str]:
        return (self.span.file, self.span.line, self.check_id, self.resource, self.root or "",
                self.status, self.message)


@dataclass(frozen=True)
class ScanError:
    file: str
    line: int
    column: int
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)


@dataclass
class ScanResult:
    files: int = 0
    resources: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Files left out by `exclude`/`--exclude`: (display path, pattern, where it was given)
    excluded: list[tuple[str, str, str]] = field(default_factory=list)
    # The checks this scan ran (engine.catalog.Check), set by the app: reporters list rules and
    # passing checks from here and never load the catalogue themselves. `Any` because the model
    # sits below the engine and must not import it.
    checks: tuple[Any, ...] = ()
    # The scan root's path inside its git work tree (`envs/prod`; "" at the top or outside a
    # work tree): SARIF makes report paths relative to the repository root with it.
    source_prefix: str = ""
