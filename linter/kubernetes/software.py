"""Recognise tunnel, VPN and proxy software in container images and commands
(`checks/software.yaml`), and the system workloads that legitimately hold network privileges."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ..engine.catalog import CheckCatalog


@dataclass(frozen=True)
class Software:
    name: str
    kind: str  # circumvention | foreign-edge | vpn
    role: str  # client | server
    images: tuple[str, ...]
    bare_images: tuple[str, ...]
    commands: tuple[str, ...]
    script: re.Pattern[str] | None
    endpoint_env: tuple[str, ...]
    endpoint_flags: tuple[str, ...]
    control_env: tuple[str, ...]
    control_flags: tuple[str, ...]
    control_plane: str


def _software(raw: dict[str, Any]) -> Software:
    patterns = raw.get("script_patterns") or []
    return Software(
        name=raw["name"], kind=raw["kind"], role=raw.get("role", "client"),
        images=tuple(i.lower() for i in raw.get("images", [])),
        bare_images=tuple(i.lower() for i in raw.get("bare_images", [])),
        commands=tuple(raw.get("commands", [])),
        script=re.compile("|".join(patterns), re.I) if patterns else None,
        endpoint_env=tuple(raw.get("endpoint_env", [])),
        endpoint_flags=tuple(raw.get("endpoint_flags", [])),
        control_env=tuple(raw.get("control_env", [])),
        control_flags=tuple(raw.get("control_flags", [])),
        control_plane=raw.get("control_plane", ""),
    )


@dataclass(frozen=True)
class _Index:
    software: tuple[Software, ...]
    strong: dict[str, Software]  # `ns/name` (or longer path suffix) -> software
    bare: dict[str, Software]
    bare_globs: tuple[tuple[re.Pattern[str], Software], ...]
    commands: dict[str, Software]


_CACHE: dict[int, tuple[CheckCatalog, _Index]] = {}


def _index(catalog: CheckCatalog) -> _Index:
    cached = _CACHE.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        items = tuple(_software(s) for s in catalog.software)
        strong: dict[str, Software] = {}
        bare: dict[str, Software] = {}
        globs: list[tuple[re.Pattern[str], Software]] = []
        commands: dict[str, Software] = {}
        for sw in items:
            for i in sw.images:
                strong.setdefault(i, sw)
            for b in sw.bare_images:
                if "*" in b or "?" in b:
                    globs.append((re.compile(fnmatch.translate(b)), sw))
                else:
                    bare.setdefault(b, sw)
            for c in sw.commands:
                commands.setdefault(c, sw)
        cached = (catalog, _Index(items, strong, bare, tuple(globs), commands))
        _CACHE[id(catalog)] = cached
    return cached[1]


def software_list(catalog: CheckCatalog) -> tuple[Software, ...]:
    return _index(catalog).software


def image_path(image: str) -> str:
    """`registry/ns/name:tag@sha256:...` → `ns/name` path without registry, tag and digest."""
    ref = image.strip().lower().split("@", 1)[0]
    parts = ref.split("/")
    last = parts[-1]
    if ":" in last:
        parts[-1] = last.split(":", 1)[0]
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    if len(parts) == 1:
        parts = ["library", *parts]
    return "/".join(p for p in parts if p)


def match_image(image: str, catalog: CheckCatalog) -> tuple[Software, str] | None:
    """(software, "strong"|"weak") for an image; strong `namespace/name` pairs win over bare names."""
    path = image_path(image)
    if not path:
        return None
    idx = _index(catalog)
    parts = path.split("/")
    for n in range(len(parts), 1, -1):
        sw = idx.strong.get("/".join(parts[-n:]))
        if sw is not None:
            return sw, "strong"
    name = parts[-1]
    sw = idx.bare.get(name)
    if sw is not None:
        return sw, "weak"
    for pattern, software in idx.bare_globs:
        if pattern.match(name):
            return software, "weak"
    return None


_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "then", "do", "else", "(", "{", "!"})
_PREFIXES = frozenset({"exec", "sudo", "nohup", "env", "command", "time", "nice", "timeout",
                       "setsid", "tini", "--", "dumb-init", "su-exec", "gosu"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "busybox"})


def _programs(argv: list[str]) -> list[str]:
    """Programs a command line starts: argv[0], and the first word of each command of a shell
    script (`sh -c "modprobe wireguard && wg-quick up wg0"`)."""
    if not argv:
        return []
    first = PurePosixPath(argv[0]).name
    out = [first]
    if first in _SHELLS:
        start = True
        for word in argv[1:]:
            for piece in re.split(r"(;|&&|\|\||\||\n)", word):
                w = piece.strip()
                if not w:
                    continue
                if w in _SEPARATORS or w == "\n":
                    start = True
                    continue
                if start:
                    if "=" in w or w in _PREFIXES or w.startswith("-"):
                        continue
                    out.append(PurePosixPath(w).name)
                    start = False
    return out


def match_command(argv: list[str], catalog: CheckCatalog) -> Software | None:
    """The tunnel program a container runs (its command, or a command of its shell script)."""
    idx = _index(catalog)
    for program in _programs(argv):
        sw = idx.commands.get(program)
        if sw is not None:
            return sw
    script = " ".join(argv[1:]) if argv and PurePosixPath(argv[0]).name in _SHELLS else ""
    if re.search(r"\bmodprobe\s+wireguard\b|\bip\s+link\s+add\b[^\n;&|]*\btype\s+wireguard\b",
                 script):
        return next((s for s in idx.software if s.name == "WireGuard"), None)
    return None


# -- legitimate system workloads (catalogue §3.2) -----------------------------------------------
# image path suffixes (registry and tag ignored) of CNI agents, kube-proxy, cloud node agents,
# service-mesh init containers and load-balancer speakers: they hold NET_ADMIN, host networking
# or forwarding sysctls for ordinary reasons and are never flagged for those alone.
SYSTEM_IMAGES: tuple[str, ...] = (
    "*/kube-proxy", "*/kube-proxy-amd64", "*/kube-proxy-arm64",
    "calico/*", "*/calico/*", "calico-*/*", "tigera/*", "*/tigera/*",
    "cilium/*", "*/cilium/*", "*/cilium", "*/cilium-*",
    "flannel/*", "*/flannel", "*/flannel-cni-plugin", "coreos/flannel", "*/mirrored-flannelcni-*",
    "*/amazon-k8s-cni", "*/amazon-k8s-cni-init", "*/aws-network-policy-agent", "*/aws-node",
    "kubeovn/*", "*/kube-ovn", "*/kube-ovn-*",
    "*/terway", "*/terway-*", "acs/*",
    "tkeimages/*", "*/tke-*", "*/yangtse*", "*/canal*", "*/cello*", "*/icagent",
    "antrea/*", "*/antrea-*", "weaveworks/*", "*/weave-kube", "*/weave-npc",
    "cloudnativelabs/kube-router", "*/kube-router", "*/multus-cni*", "*/whereabouts",
    "*/sriov-*", "*/spiderpool*", "*/spidernet-*",
    "istio/*", "*/proxyv2", "*/install-cni", "*/ztunnel", "*/istio-cni",
    "linkerd/*", "*/proxy-init", "*/linkerd2-proxy-init",
    "*/k8s-dns-node-cache", "*/node-cache", "*/kube-vip", "kube-vip/*", "metallb/*",
    "*/metallb-speaker", "*/keepalived", "*/aad-pod-identity/*",
    "*/konnectivity-agent", "kas-network-proxy/*", "*/azure-cni*", "*/azure-npm", "*/azure-ip-masq-agent*",
    "*/ip-masq-agent*", "*/netd", "*/gke-*", "*/hcp-tunnel-front", "*/tunnel-front",
    "*/aks-link",
    "*/raven-agent", "*/edge-tunnel-agent", "*/gardener/vpn-*", "*/openshift-sdn*",
    "*/ovn-kubernetes*", "*/ovnkube*", "*/kube-network-policies",
    "*/network-policy-controller", "*/contiv*", "*/romana*", "*/kube-flannel*", "*/nsx-ncp*",
    "*/vpc-cni*", "*/cni-metrics-helper", "*/node-problem-detector",
    "submariner/*", "*/submariner-*", "*/lighthouse-*",
)


_SYSTEM = re.compile("|".join(fnmatch.translate(g) for g in SYSTEM_IMAGES))


def is_system_image(image: str) -> bool:
    return bool(_SYSTEM.match(image_path(image)))
