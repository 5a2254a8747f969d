"""The one interface between front ends and the engine.

A front end (Terraform HCL, Terraform plan JSON, Kubernetes manifests) turns each resource or
object into a Subject and hands them to the `Pipeline` it receives in its `FrontEndContext`;
the app binds that pipeline to the engine (engine/run.py). The engine never imports a front
end, and a front end never imports the engine. Values are plain Python values plus the markers
`Unknown` and `ResourceRef` from `model`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .model import End, Finding, Origin, ScanError
from .records import dataclass

if TYPE_CHECKING:
    from .geo.geography import Catalogue
    from .policy import Policy
    from .suppressions import Suppression


class Subject(Protocol):
    """One resource (Terraform) or object (Kubernetes), as checks see it."""

    @property
    def platform(self) -> str:
        """"terraform" or "kubernetes"."""

    @property
    def type(self) -> str:
        """`aws_vpn_connection`; for Kubernetes the kind (`Deployment`, `Submariner`)."""

    @property
    def address(self) -> str:
        """As Terraform prints it (module path included; instance key in plans), or
        `Kind/name`, `Kind/namespace/name` for Kubernetes."""

    @property
    def instance(self) -> str:
        """The address with instance keys (`module.a["x"].aws_vpn_connection.hq[0]`): names
        one instance in a finding that merges the instances of one resource. Equal to
        `address` when the address already names the instance (plans, Kubernetes)."""

    @property
    def file(self) -> str:
        """Display path of the file holding it (relative to the scan root)."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def end_line(self) -> int | None: ...

    @property
    def root(self) -> str | None:
        """The root module it was evaluated from (display path), None outside Terraform."""

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        """Suppression comments and annotations attached to it, found by the front end."""

    def has(self, name: str) -> bool: ...

    def get(self, name: str) -> Any: ...

    def attr_line(self, name: str) -> int | None: ...

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        """Values at a dotted path (nested blocks and lists flattened), each with its line."""

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        """Values at a dotted path inside a value this subject gave (one entry of a nested
        block list, such as a security group's `ingress`), read by the same rules."""

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        """`values(path)` as (value, line, key, where): the mapping key each was found under
        (`config.*` on a ConfigMap: each key) and the path with list indices, for messages."""

    @property
    def api_group(self) -> str | None:
        """Kubernetes: the API group of the object's apiVersion ("" for the core group);
        None elsewhere."""

    @property
    def pod(self) -> PodView | None:
        """What the pod of a workload runs and sees (any kind that embeds a pod template);
        None for everything else."""

    def follow(self, path: str, types: tuple[str, ...]) -> Subject | None:
        """The subject an attribute refers to (by reference or by name), of one of `types`."""

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[Subject]:
        """Subjects of `types` in the same configuration whose `path` refers to this one."""

    def peers(self, types: tuple[str, ...]) -> Iterator[Subject]:
        """Every subject of `types` in the same configuration (the members of a hub)."""

    def configuration(self) -> object:
        """Identity of the configuration it belongs to (a root module, a manifest set), for
        caching what the engine computes over its peers."""

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        """Where it runs: its region (Terraform: own argument, parent, provider, documented
        default, policy default), or the cluster's (Kubernetes)."""

    def origins(self, path: str) -> tuple[Origin, ...]:
        """Where the value at `path` came from, from the subject outward (a module argument,
        then the tfvars entry or variable default behind it; a ConfigMap key); empty when
        written in place."""


@dataclass(frozen=True)
class ConfigText:
    """A text a container sees: a mounted ConfigMap/Secret key or an env value."""

    text: str
    where: str  # `ConfigMap/ns/name key`, `env NAME`
    line: int | None
    origin: Origin | None = None  # the ConfigMap/Secret key it was read from


@dataclass(frozen=True)
class EnvValue:
    name: str
    value: str
    line: int
    source: str  # `env NAME`, `env NAME from Secret/x`
    origin: Origin | None = None


@dataclass(frozen=True)
class HostPort:
    port: int
    protocol: str  # TCP | UDP | SCTP
    line: int


@dataclass(frozen=True)
class ContainerView:
    """One container (init, regular or ephemeral) as the kubelet would run it: env resolved
    through envFrom and valueFrom, `$(VAR)` substituted into its command line and shell
    scripts split into words, the ConfigMap/Secret keys mounted into it."""

    label: str  # `container NAME`
    line: int
    column: int
    image: str
    system: bool  # a known system image (CNI agent, kube-proxy, mesh init container)
    argv: tuple[str, ...]
    env: dict[str, EnvValue]
    mounted: tuple[ConfigText, ...]
    capabilities: tuple[str, ...] = ()  # added capabilities, upper case without CAP_
    privileged: bool = False
    host_paths: tuple[str, ...] = ()  # hostPath volumes mounted into it (no trailing /)
    resources: tuple[str, ...] = ()  # resource names in its limits, then requests
    host_ports: tuple[HostPort, ...] = ()

    def texts(self) -> list[ConfigText]:
        """The configuration texts it sees: mounted keys, then env values."""
        return [*self.mounted, *(ConfigText(e.value, e.source, e.line, e.origin)
                                 for e in self.env.values())]


@dataclass(frozen=True)
class PodView:
    containers: tuple[ContainerView, ...]
    sysctls: tuple[tuple[str, str, int], ...] = ()  # (name, value, line) of securityContext


class Pipeline(Protocol):
    """The engine's one pipeline from subjects to findings (engine/run.py), as the app hands it
    to a front end."""

    def reads(self, type_: str) -> bool:
        """Whether any check has a target for subjects of this type (others need not be built)."""

    def types_read(self) -> frozenset[str]:
        """Every subject type some check targets (resource types, kinds, cut kinds)."""

    def judge(self, subjects: Iterable[Subject],
              loose: Iterable[tuple[str, Suppression]] = ()) -> list[Finding]:
        """Every finding on `subjects`, consumed in order and lazily (a generator may yield,
        after the others, subjects that evaluating them produced: the evaluation limits met),
        plus the hygiene findings of every suppression, attached (`subject.suppressions`) or
        `loose` (display file, suppression) that hides nothing. Deduplicated and sorted."""


@dataclass
class FrontEndContext:
    """What every front end (Terraform, plan JSON, Kubernetes) receives for one scan."""

    display: Callable[[Path], str]  # absolute path -> path as shown in the report
    policy: Policy
    catalogue: Catalogue
    today: dt.date
    max_file_size: int
    pipeline: Pipeline


@dataclass
class PartResult:
    """What one front end found; the app merges, sorts and fingerprints."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    files: int = 0
    resources: int = 0
    notes: list[str] = field(default_factory=list)


def finding_key(f: Finding) -> tuple[object, ...]:
    """What makes two findings one: check, location, resource, root, status (open, approved,
    suppressed: the engine deduplicates on it; front ends and the app across roots and
    policies)."""
    return (f.check_id, f.span.file, f.span.line, f.resource, f.root, f.status)
