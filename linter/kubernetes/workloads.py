"""Workload detectors: tunnel, VPN and proxy software in pods and their remote endpoints
(`software`), the weak signals a pod gives without naming software (`setting`: tun devices,
forwarding sysctls; `exposed_port`: hostPorts and Services exposing tunnel ports), and operator
resources of foreign-edge tunnels (`edge_object`).

Which check each detector reports under, and its tables (sysctl names, device resources, the
software kinds it covers, which checks it gives way to) come from the check targets in
checks/kubernetes/*.yaml; software, ports and peer syntax from checks/software.yaml and
checks/signatures.yaml. No check ID is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..engine.catalog import Check, Target
from ..engine.decide import Verdict, decide, rank
from ..engine.detectors import Hit
from ..model import End, EndClass, Origin
from ..policy import Policy
from ..signatures import Software, load_signatures
from .endpoints import (
    Endpoint,
    classify_endpoint,
    config_endpoints,
    flag_values,
    host_of,
    split_command,
)
from .objects import ConfigIndex, K8sObject
from .pods import Container, PodFacts, config_texts
from .software import match_command, match_image, software_index
from .yaml_positions import YList, YMap

Targets = list[tuple[Check, Target]]


@dataclass(frozen=True)
class KHit:
    check_id: str
    evaluator: str  # "link": decided from two ends; "flag": the setting is the signal
    hit: Hit
    line: int
    column: int
    related: tuple[Origin, ...] = ()  # the ConfigMap/Secret keys its remote end came from


@dataclass
class Scope:
    """What workload evaluation needs from the whole scan."""

    policy: Policy
    configs: ConfigIndex
    # software -> (control server, where it was named) of workloads seen so far
    control_servers: dict[str, list[tuple[End, Origin | None]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Identified:
    """The software the detectors recognised in a container, and how."""

    c: Container
    software: Software
    how: str


def _identify(c: Container) -> _Identified | None:
    """Which software the container runs: its image, else (unless a system image) its command,
    an env variable only that software reads, or its configuration text."""
    if c.image:
        m = match_image(c.image)
        if m is not None:
            return _Identified(c, m[0], f"image {c.image}")
    if c.system:
        return None
    sw = match_command(c.argv)
    if sw is not None:
        return _Identified(c, sw, "its command runs " + (c.argv[0] if c.argv else sw.name))
    catalogue = software_index().software
    for software in catalogue:
        for name, word in software.identify_env:
            if name in c.env and (word is None or word in c.argv):
                return _Identified(c, software, f"env {name}")
    texts = [(v, f"{src.resource} {k}") for src, _ in c.configs for k, v in src.values.items()]
    texts += [(e.value, e.source) for e in c.env.values() if "\n" in e.value]
    for software in catalogue:
        for patterns in software.config_signatures:
            for text, where in texts:
                if all(p.search(text) for p in patterns):
                    return _Identified(c, software, f"{software.name} configuration in {where}")
    return None


def _endpoints(c: Container, sw: Software, names: tuple[str, ...],
               flags: tuple[str, ...], texts: bool) -> list[Endpoint]:
    out: list[Endpoint] = []
    for name in names:
        e = c.env.get(name)
        if e is not None:
            for piece in re.split(r"[,\s]+", e.value.strip()):
                host = host_of(piece)
                if host:
                    out.append(Endpoint(host, piece, e.source, e.line, e.origin))
    argv = c.argv
    for name in sw.extra_args_env:
        extra = c.env.get(name)
        if extra is not None:
            argv = argv + split_command([extra.value])
    for value in flag_values(argv, flags):
        host = host_of(value)
        if host:
            out.append(Endpoint(host, value, f"{c.label} argument {value}", c.line))
    if texts:
        for word in sw.endpoint_args:
            if word in argv:
                rest = [a for a in argv[argv.index(word) + 1:] if not a.startswith("-")]
                host = host_of(rest[0]) if rest else None
                if host:
                    out.append(Endpoint(host, rest[0], f"{c.label} {sw.name.lower()} {word}",
                                        c.line))
        for t in config_texts(c):
            out.extend(config_endpoints(t.text, t.where, t.line, t.origin))
    return out


def _worst(local: End, remotes: list[tuple[End, Origin | None]]
           ) -> tuple[End, Verdict | None, Origin | None]:
    best: tuple[End, Verdict | None, Origin | None] | None = None
    for r, origin in remotes:
        v = decide(local, r)
        if best is None or rank(v) > rank(best[1]):
            best = (r, v, origin)
    return best if best is not None else (remotes[0][0], None, remotes[0][1])


def _related(origin: Origin | None) -> tuple[Origin, ...]:
    return (origin,) if origin is not None else ()


def _software_hit(found: _Identified, local: End, scope: Scope, check_id: str) -> KHit | None:
    c, sw, policy = found.c, found.software, scope.policy
    detail = f"{c.label} runs {sw.name} ({found.how})"
    if sw.kind == "circumvention":
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} is a circumvention proxy: it exists to carry traffic across "
                     "the border, whatever peer it names")
        return _hit(check_id, "link", local, remote, c.line, c.column, detail)
    if sw.kind == "foreign-edge":
        servers = _endpoints(c, sw, sw.control_env, sw.control_flags, False)
        if sw.control_syntax:
            servers += [e for t in config_texts(c)
                        for e in config_endpoints(t.text, t.where, t.line, t.origin,
                                                  sw.control_syntax)]
        if servers:
            ends = [(classify_endpoint(e, policy), e.origin) for e in servers]
            scope.control_servers.setdefault(sw.name, []).extend(ends)
            remote, verdict, origin = _worst(local, ends)
            if verdict is None:
                return None
            remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}",
                         remote.attribute, remote.line)
            return _hit(check_id, "link", local, remote, remote.line or c.line, c.column, detail,
                        _related(origin))
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} connects to {sw.control_plane or 'a relay'}, operated outside "
                     "mainland China (no self-hosted domestic control server is configured)")
        return _hit(check_id, "link", local, remote, c.line, c.column, detail)
    peers = _endpoints(c, sw, sw.endpoint_env, sw.endpoint_flags, True)
    if peers:
        remote, verdict, origin = _worst(local, [(classify_endpoint(e, policy), e.origin)
                                                 for e in peers])
        if verdict is None:
            return None
        return _hit(check_id, "link", local, remote, remote.line or c.line, c.column, detail,
                    _related(origin))
    if sw.role == "server":
        remote = End(EndClass.ANYWHERE, "VPN clients", f"{sw.name} is a VPN server: it accepts "
                     "clients from any address, in or outside the mainland")
    else:
        remote = End(EndClass.UNKNOWN, sw.name, f"the peer of {sw.name} is not named in the "
                     "manifests (env, args or a mounted ConfigMap/Secret)")
    return _hit(check_id, "link", local, remote, c.line, c.column, detail)


def _hit(check_id: str, evaluator: str, local: End, remote: End, line: int, column: int,
         detail: str, related: tuple[Origin, ...] = ()) -> KHit | None:
    verdict = decide(local, remote)
    if verdict is None:
        return None
    return KHit(check_id, evaluator, Hit(verdict, local, remote, line, detail), line, column,
                related)


# -- weak signals: `setting` and `exposed_port` ---------------------------------------------------
def _caps(c: YMap, wanted: tuple[str, ...]) -> tuple[bool, bool]:
    """(adds one of the `wanted` capabilities, privileged)"""
    sc = c.get("securityContext")
    if not isinstance(sc, YMap):
        return False, False
    privileged = sc.get("privileged") is True
    caps = sc.get("capabilities")
    added = caps.get("add") if isinstance(caps, YMap) else None
    has = isinstance(added, YList) and any(
        str(a).upper().removeprefix("CAP_") in wanted for a in added)
    return has, privileged


def _tun(spec: YMap, c: YMap, options: dict[str, Any]) -> str | None:
    volumes = spec.get("volumes")
    paths = tuple(options.get("device_paths", ()))
    tun_vols = set()
    if isinstance(volumes, YList):
        for v in volumes:
            hp = v.get("hostPath") if isinstance(v, YMap) else None
            if isinstance(hp, YMap) and str(hp.get("path", "")).rstrip("/") in paths:
                tun_vols.add(str(v.get("name")))
    mounts = c.get("volumeMounts")
    if isinstance(mounts, YList) and any(isinstance(m, YMap) and str(m.get("name")) in tun_vols
                                         for m in mounts):
        return paths[0] if paths else "a tun device"
    res = c.get("resources")
    resources = tuple(options.get("device_resources", ()))
    suffix = str(options.get("device_resource_suffix", "")) or None
    if isinstance(res, YMap):
        for section in ("limits", "requests"):
            block = res.get(section)
            if isinstance(block, YMap):
                for key in block:
                    if key in resources or (suffix is not None and key.endswith(suffix)):
                        return f"device resource {key}"
    return None


def _tun_device(check_id: str, options: dict[str, Any], spec: YMap, items: list[Container],
                local: End) -> list[KHit]:
    """A container that can create tunnel interfaces: a capability (or privileged) plus a tun
    device (hostPath or device-plugin resource)."""
    hits: list[KHit] = []
    caps = tuple(str(c).upper() for c in options.get("capabilities", ()))
    for c in items:
        if c.system:
            continue
        has_cap, privileged = _caps(c.node, caps)
        tun = _tun(spec, c.node, options)
        if tun and (has_cap or privileged):
            power = caps[0] if has_cap and caps else "privileged"
            remote = End(EndClass.UNKNOWN, "tun device",
                         f"{c.label} can create tunnel interfaces ({power} with {tun}): a VPN "
                         "client or server whose peer is not named")
            h = _hit(check_id, "flag", local, remote, c.line, c.column, "")
            if h is not None:
                hits.append(h)
    return hits


def _forwarding(check_id: str, options: dict[str, Any], spec: YMap, items: list[Container],
                local: End) -> list[KHit]:
    """Forwarding sysctls set on the pod, or by a container's command."""
    if any(c.system for c in items):  # a CNI or mesh pod routes by design
        return []
    out: list[KHit] = []
    names = set(options.get("sysctls", ()))
    sc = spec.get("securityContext")
    sysctls = sc.get("sysctls") if isinstance(sc, YMap) else None
    if isinstance(sysctls, YList):
        for i, s in enumerate(sysctls):
            if not isinstance(s, YMap):
                continue
            name, value = str(s.get("name", "")), str(s.get("value", "")).strip().lower()
            if name in names and value in ("1", "true"):
                remote = End(EndClass.UNKNOWN, "forwarded traffic",
                             f"the pod sets sysctl {name}={value}: it routes traffic for other "
                             "hosts (router, NAT or VPN gateway)")
                h = _hit(check_id, "flag", local, remote, sysctls.line_of(i), 1, "")
                if h is not None:
                    out.append(h)
    command = str(options.get("command_pattern") or "")
    for c in items if command else []:
        m = re.search(command, " ".join(c.argv))
        if m:
            remote = End(EndClass.UNKNOWN, "forwarded traffic",
                         f"{c.label} runs sysctl {m.group(1)}=1: the pod routes traffic for "
                         "other hosts (router, NAT or VPN gateway)")
            h = _hit(check_id, "flag", local, remote, c.line, c.column, "")
            if h is not None:
                out.append(h)
    return out


SETTINGS = {"tun_device": _tun_device, "forwarding_sysctl": _forwarding}


def _host_ports(check_id: str, items: list[Container], local: End) -> list[KHit]:
    """Tunnel ports opened on the node's address (hostPort)."""
    hits: list[KHit] = []
    sig = load_signatures()
    for c in items:
        ports = c.node.get("ports")
        if c.system or not isinstance(ports, YList):
            continue
        for i, p in enumerate(ports):
            if not isinstance(p, YMap) or not isinstance(p.get("hostPort"), int):
                continue
            proto = str(p.get("protocol") or "TCP").upper()
            name = sig.port_name(proto, int(p["hostPort"]))
            if name:
                remote = End(EndClass.ANYWHERE, f"hostPort {p['hostPort']}/{proto}",
                             f"{c.label} opens {name} on the node's address (hostPort)")
                h = _hit(check_id, "flag", local, remote, ports.line_of(i), c.column, "")
                if h is not None:
                    hits.append(h)
    return hits


def _gives_way(target: Target, identified: list[_Identified], targets: Targets) -> bool:
    """Whether the target yields: a container runs software that a check in its `yields_to`
    covers (a named tunnel explains the tun device, the port and the forwarding)."""
    kinds = {k for check, t in targets if check.id in target.yields_to
             and t.evaluator == "software" for k in t.options.get("software_kinds", ())}
    return any(i.software.kind in kinds for i in identified)


def workload_hits(pod: PodFacts, local: End, scope: Scope, targets: Targets) -> list[KHit]:
    """The `software`, `setting` and `exposed_port` detectors on one pod spec."""
    spec, items = pod.spec, pod.containers
    identified = [i for i in map(_identify, items) if i is not None]
    hits: list[KHit] = []
    for check, target in targets:
        if target.evaluator != "software":
            continue
        kinds = tuple(target.options.get("software_kinds", ()))
        for found in identified:
            if found.software.kind in kinds:
                h = _software_hit(found, local, scope, check.id)
                if h is not None:
                    hits.append(h)
    weak_ok = local.cls in (EndClass.MAINLAND, EndClass.UNKNOWN)
    for check, target in targets:
        if not weak_ok or target.evaluator not in ("setting", "exposed_port") or \
                _gives_way(target, identified, targets):
            continue
        if target.evaluator == "exposed_port":
            hits.extend(_host_ports(check.id, items, local))
        else:
            setting = SETTINGS[target.options["setting"]]
            hits.extend(setting(check.id, target.options, spec, items, local))
    return per_check(hits)


def per_check(hits: list[KHit]) -> list[KHit]:
    """One hit per check per object: the worst one."""
    best: dict[str, KHit] = {}
    for h in hits:
        cur = best.get(h.check_id)
        if cur is None or rank(h.hit.verdict) > rank(cur.hit.verdict):
            best[h.check_id] = h
    return [best[k] for k in sorted(best)]


# -- Services and operator resources --------------------------------------------------------------
def service_port_hits(check_id: str, obj: K8sObject, local: End, policy: Policy) -> list[KHit]:
    """`exposed_port` on a Service: a LoadBalancer, NodePort or external IP exposing a tunnel
    port, to the loadBalancerSourceRanges when set, else to any address."""
    spec = obj.obj.get("spec")
    if not isinstance(spec, YMap) or local.cls not in (EndClass.MAINLAND, EndClass.UNKNOWN):
        return []
    kind = str(spec.get("type") or "ClusterIP")
    external = isinstance(spec.get("externalIPs"), YList) and bool(spec["externalIPs"])
    ports = spec.get("ports")
    if (kind not in ("LoadBalancer", "NodePort") and not external) or \
            not isinstance(ports, YList):
        return []
    sig = load_signatures()
    ranges = spec.get("loadBalancerSourceRanges")
    hits: list[KHit] = []
    for i, p in enumerate(ports):
        if not isinstance(p, YMap):
            continue
        proto = str(p.get("protocol") or "TCP").upper()
        numbers = [int(p[k]) for k in ("port", "targetPort") if isinstance(p.get(k), int)]
        name = next((n for n in (sig.port_name(proto, x) for x in numbers) if n), None)
        if name is None:
            continue
        if kind == "LoadBalancer" and isinstance(ranges, YList) and ranges:
            from ..geo.address import classify_address

            remotes = [classify_address(str(r), policy, "loadBalancerSourceRanges",
                                        ranges.line_of(j)) for j, r in enumerate(ranges)]
        else:
            remotes = [End(EndClass.ANYWHERE, "0.0.0.0/0",
                           f"{kind} Service opens {name} to any address")]
        remote, verdict, _ = _worst(local, [(r, None) for r in remotes])
        if verdict is None:
            continue
        detail = f"{kind} Service exposes {name}"
        hits.append(KHit(check_id, "flag", Hit(verdict, local, remote, ports.line_of(i), detail),
                         ports.line_of(i), p.column))
    return per_check(hits)


def edge_object_hit(check_id: str, target: Target, obj: K8sObject, local: End,
                    scope: Scope) -> KHit | None:
    """`edge_object`: an operator resource, Service or Ingress that publishes through a
    foreign-edge tunnel (`options.software`); a self-hosted control server seen on the
    software's workloads in the same scan is decided instead of the vendor's."""
    software = str(target.options["software"])
    sw = software_index().named(software)
    servers = scope.control_servers.get(software)
    related: tuple[Origin, ...] = ()
    if servers:
        remote, verdict, origin = _worst(local, servers)
        if verdict is None:
            return None
        remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}")
        related = _related(origin)
    else:
        plane = sw.control_plane if sw is not None else "a relay"
        remote = End(EndClass.NON_MAINLAND, software, f"{software} connects to {plane}, operated "
                     "outside mainland China")
    return _hit(check_id, "link", local, remote, obj.obj.line, obj.obj.column,
                f"{obj.kind} {target.message}", related)
