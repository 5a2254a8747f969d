"""Workload checks (XB701-XB706): tunnel, VPN and proxy software in pods, their remote
endpoints, and the weak signals (tun devices, exposed VPN ports, forwarding sysctls)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..engine.catalog import CheckCatalog
from ..engine.decide import Verdict, decide, rank
from ..engine.evaluators import Hit
from ..model import End, EndClass
from ..policy import Policy
from .endpoints import (
    Endpoint,
    classify_endpoint,
    config_endpoints,
    flag_values,
    host_of,
    split_command,
    substitute,
)
from .loader import YList, YMap
from .objects import ConfigIndex, ConfigSource, K8sObject, containers
from .software import Software, is_system_image, match_command, match_image, software_list

CIRCUMVENTION, FOREIGN_EDGE, VPN = "XB701", "XB702", "XB703"
TUN_DEVICE, VPN_PORT, FORWARDING = "XB704", "XB705", "XB706"
STRONG = (CIRCUMVENTION, FOREIGN_EDGE, VPN)

# (protocol, port) -> name: ports that only VPN and tunnel software listens on
VPN_PORTS: dict[tuple[str, int], str] = {
    ("UDP", 51820): "WireGuard (UDP 51820)", ("UDP", 1194): "OpenVPN (UDP 1194)",
    ("TCP", 1194): "OpenVPN (TCP 1194)", ("UDP", 500): "IKE (UDP 500)",
    ("UDP", 4500): "IPsec NAT-T (UDP 4500)", ("UDP", 1701): "L2TP (UDP 1701)",
    ("TCP", 1723): "PPTP (TCP 1723)", ("UDP", 41641): "Tailscale (UDP 41641)",
    ("UDP", 9993): "ZeroTier (UDP 9993)", ("UDP", 4242): "Nebula (UDP 4242)",
    ("UDP", 51840): "Liqo gateway (UDP 51840)", ("TCP", 5555): "SoftEther (TCP 5555)",
    ("TCP", 8388): "Shadowsocks (TCP 8388)", ("UDP", 8388): "Shadowsocks (UDP 8388)",
}
TUN_RESOURCES = ("squat.ai/tun", "devic.es/tun", "devices.anza-labs.dev/tun")
FORWARDING_SYSCTLS = {
    "net.ipv4.ip_forward", "net.ipv4.conf.all.forwarding", "net.ipv6.conf.all.forwarding",
    "net.ipv4.conf.all.src_valid_mark", "net.ipv4.conf.default.forwarding",
    "net.ipv6.conf.default.forwarding",
}
_SYSCTL_CMD = re.compile(r"(net\.ipv[46]\.(?:ip_forward|conf\.(?:all|default)\.(?:forwarding|"
                         r"src_valid_mark)))\s*=\s*1\b")
# content signatures of tunnel configuration mounted into a container whose image is not known
_SIGNATURES: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = (
    ("WireGuard", (re.compile(r"(?m)^\s*\[Peer\]"), re.compile(r"(?m)^\s*(?:Endpoint|PublicKey)\s*="))),
    ("OpenVPN", (re.compile(r"(?m)^\s*client\s*$"), re.compile(r"(?m)^\s*remote\s+\S+"))),
    ("strongSwan / Libreswan (IPsec)", (re.compile(r"(?m)^\s*conn\s+\S+"),
                                        re.compile(r"(?m)^\s*right\s*="))),
    ("strongSwan / Libreswan (IPsec)", (re.compile(r"(?m)^\s*remote_addrs\s*="),)),
    ("frp", (re.compile(r"(?m)^\s*serverAddr\s*="), re.compile(r"(?m)^\s*\[\[(?:proxies|visitors)\]\]"))),
    ("frp", (re.compile(r"(?m)^\s*\[common\]"), re.compile(r"(?m)^\s*server_addr\s*="))),
    ("V2Ray", (re.compile(r'"outbounds?"'), re.compile(r'"(?:vmess|vless|vnext)"'))),
    ("Clash / mihomo", (re.compile(r"(?m)^proxies:"), re.compile(r"(?m)^proxy-groups:"))),
)
_ENV_SIGNATURES = {"TS_AUTHKEY": "Tailscale", "TS_AUTH_KEY": "Tailscale",
                   "NGROK_AUTHTOKEN": "ngrok", "NB_SETUP_KEY": "NetBird",
                   "ZEROTIER_JOIN_NETWORKS": "ZeroTier"}


@dataclass(frozen=True)
class KHit:
    check_id: str
    evaluator: str  # "link": decided from two ends; "flag": the setting is the signal
    hit: Hit
    line: int
    column: int


@dataclass
class EnvVar:
    name: str
    value: str
    line: int
    source: str


@dataclass
class Scope:
    """What workload evaluation needs from the whole scan."""

    policy: Policy
    catalog: CheckCatalog
    configs: ConfigIndex
    control_servers: dict[str, list[End]] = field(default_factory=dict)  # software -> login servers


def _by_name(catalog: CheckCatalog, name: str) -> Software | None:
    return next((s for s in software_list(catalog) if s.name == name), None)


def _env(container: YMap, namespace: str | None, configs: ConfigIndex,
         near: str) -> dict[str, EnvVar]:
    out: dict[str, EnvVar] = {}
    env_from = container.get("envFrom")
    if isinstance(env_from, YList):
        for i, ref in enumerate(env_from):
            if not isinstance(ref, YMap):
                continue
            prefix = str(ref.get("prefix") or "")
            for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                target = ref.get(key)
                if isinstance(target, YMap) and target.get("name"):
                    src = configs.get(kind, str(target["name"]), namespace, near)
                    if src is not None:
                        for k, v in src.values.items():
                            out[prefix + k] = EnvVar(prefix + k, v, env_from.line_of(i),
                                                     f"{src.resource} {k}")
    env = container.get("env")
    if isinstance(env, YList):
        for i, item in enumerate(env):
            if not isinstance(item, YMap) or not item.get("name"):
                continue
            name = str(item["name"])
            if "value" in item and item["value"] is not None:
                out[name] = EnvVar(name, _text(item["value"]), env.line_of(i), f"env {name}")
                continue
            vf = item.get("valueFrom")
            if not isinstance(vf, YMap):
                continue
            for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                ref = vf.get(key)
                if isinstance(ref, YMap) and ref.get("name") and ref.get("key"):
                    src = configs.get(kind, str(ref["name"]), namespace, near)
                    if src is not None and str(ref["key"]) in src.values:
                        out[name] = EnvVar(name, src.values[str(ref["key"])], env.line_of(i),
                                           f"env {name} from {src.resource}")
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _mounted(spec: YMap, container: YMap, namespace: str | None, configs: ConfigIndex,
             near: str) -> list[tuple[ConfigSource, str]]:
    """ConfigMaps and Secrets mounted into the container (by volume), as (source, mount path)."""
    mounts = container.get("volumeMounts")
    volumes = spec.get("volumes")
    if not isinstance(mounts, YList) or not isinstance(volumes, YList):
        return []
    by_name = {str(v.get("name")): v for v in volumes if isinstance(v, YMap)}
    out: list[tuple[ConfigSource, str]] = []
    for m in mounts:
        if not isinstance(m, YMap):
            continue
        vol = by_name.get(str(m.get("name")))
        if vol is None:
            continue
        path = str(m.get("mountPath") or "")
        refs: list[tuple[str, str]] = []
        cm = vol.get("configMap")
        if isinstance(cm, YMap) and cm.get("name"):
            refs.append(("ConfigMap", str(cm["name"])))
        sec = vol.get("secret")
        if isinstance(sec, YMap) and sec.get("secretName"):
            refs.append(("Secret", str(sec["secretName"])))
        proj = vol.get("projected")
        if isinstance(proj, YMap) and isinstance(proj.get("sources"), YList):
            for s in proj["sources"]:
                if not isinstance(s, YMap):
                    continue
                for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                    r = s.get(key)
                    if isinstance(r, YMap) and r.get("name"):
                        refs.append((kind, str(r["name"])))
        for kind, name in refs:
            src = configs.get(kind, name, namespace, near)
            if src is not None:
                out.append((src, path))
    return out


@dataclass
class _Container:
    node: YMap
    section: str
    image: str
    argv: list[str]
    env: dict[str, EnvVar]
    configs: list[tuple[ConfigSource, str]]
    system: bool
    software: Software | None = None
    how: str = ""

    @property
    def line(self) -> int:
        return self.node.line_of("image") if "image" in self.node else self.node.line

    @property
    def column(self) -> int:
        return self.node.column_of("image") if "image" in self.node else self.node.column

    @property
    def label(self) -> str:
        name = self.node.get("name")
        return f"container {name}" if name else "a container"


def _identify(c: _Container, catalog: CheckCatalog) -> None:
    if c.image:
        m = match_image(c.image, catalog)
        if m is not None:
            c.software, c.how = m[0], f"image {c.image}"
            return
    if c.system:
        return
    sw = match_command(c.argv, catalog)
    if sw is not None:
        c.software, c.how = sw, "its command runs " + (c.argv[0] if c.argv else sw.name)
        return
    for name, software in _ENV_SIGNATURES.items():
        if name in c.env:
            found = _by_name(catalog, software)
            if found is not None:
                c.software, c.how = found, f"env {name}"
                return
    if "TUNNEL_TOKEN" in c.env and "tunnel" in c.argv:
        c.software, c.how = _by_name(catalog, "Cloudflare Tunnel (cloudflared)"), "env TUNNEL_TOKEN"
        if c.software is not None:
            return
    texts = [(v, f"{src.resource} {k}") for src, _ in c.configs for k, v in src.values.items()]
    texts += [(e.value, e.source) for e in c.env.values() if "\n" in e.value]
    for software, patterns in _SIGNATURES:
        for text, where in texts:
            if all(p.search(text) for p in patterns):
                c.software, c.how = _by_name(catalog, software), f"{software} configuration in {where}"
                if c.software is not None:
                    return


def _config_texts(c: _Container) -> list[tuple[str, str, int | None]]:
    out: list[tuple[str, str, int | None]] = []
    for src, _ in c.configs:
        for k, v in sorted(src.values.items()):
            out.append((v, f"{src.resource} {k}", None))
    for e in c.env.values():
        out.append((e.value, e.source, e.line))
    return out


def _endpoints(c: _Container, sw: Software, names: tuple[str, ...],
               flags: tuple[str, ...], texts: bool) -> list[Endpoint]:
    out: list[Endpoint] = []
    for name in names:
        e = c.env.get(name)
        if e is not None:
            for piece in re.split(r"[,\s]+", e.value.strip()):
                host = host_of(piece)
                if host:
                    out.append(Endpoint(host, piece, e.source, e.line))
    argv = c.argv
    extra = c.env.get("TS_EXTRA_ARGS")
    if extra is not None:
        argv = argv + split_command([extra.value])
    for value in flag_values(argv, flags):
        host = host_of(value)
        if host:
            out.append(Endpoint(host, value, f"{c.label} argument {value}", c.line))
    if texts:
        if sw.name == "Chisel" and "client" in argv:
            i = argv.index("client")
            rest = [a for a in argv[i + 1:] if not a.startswith("-")]
            if rest and host_of(rest[0]):
                out.append(Endpoint(str(host_of(rest[0])), rest[0], f"{c.label} chisel client",
                                    c.line))
        for text, where, line in _config_texts(c):
            out.extend(config_endpoints(text, where, line))
    return out


def _worst(local: End, remotes: list[End]) -> tuple[End, Verdict | None]:
    best: tuple[End, Verdict | None] | None = None
    for r in remotes:
        v = decide(local, r)
        if best is None or rank(v) > rank(best[1]):
            best = (r, v)
    return best if best is not None else (remotes[0], None)


def _software_hit(c: _Container, sw: Software, local: End, scope: Scope,
                  obj: K8sObject) -> KHit | None:
    policy = scope.policy
    detail = f"{c.label} runs {sw.name} ({c.how})"
    if sw.kind == "circumvention":
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} is a circumvention proxy: it exists to carry traffic across "
                     "the border, whatever peer it names")
        return _hit(CIRCUMVENTION, "link", local, remote, c.line, c.column, detail)
    if sw.kind == "foreign-edge":
        servers = _endpoints(c, sw, sw.control_env, sw.control_flags, False)
        if sw.name == "Tailscale":
            servers += [e for text, where, line in _config_texts(c)
                        for e in config_endpoints(text, where, line) if "--login-server" in e.source]
        if servers:
            ends = [classify_endpoint(e, policy) for e in servers]
            scope.control_servers.setdefault(sw.name, []).extend(ends)
            remote, verdict = _worst(local, ends)
            if verdict is None:
                return None
            remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}",
                         remote.attribute, remote.line)
            return _hit(FOREIGN_EDGE, "link", local, remote, remote.line or c.line, c.column, detail)
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} connects to {sw.control_plane or 'a relay'}, operated outside "
                     "mainland China (no self-hosted domestic control server is configured)")
        return _hit(FOREIGN_EDGE, "link", local, remote, c.line, c.column, detail)
    found = _endpoints(c, sw, sw.endpoint_env, sw.endpoint_flags, True)
    if found:
        ends = [classify_endpoint(e, policy) for e in found]
        remote, verdict = _worst(local, ends)
        if verdict is None:
            return None
        return _hit(VPN, "link", local, remote, remote.line or c.line, c.column, detail)
    if sw.role == "server":
        remote = End(EndClass.ANYWHERE, "VPN clients", f"{sw.name} is a VPN server: it accepts "
                     "clients from any address, in or outside the mainland")
    else:
        remote = End(EndClass.UNKNOWN, sw.name, f"the peer of {sw.name} is not named in the "
                     "manifests (env, args or a mounted ConfigMap/Secret)")
    return _hit(VPN, "link", local, remote, c.line, c.column, detail)


def _hit(check_id: str, evaluator: str, local: End, remote: End, line: int, column: int,
         detail: str) -> KHit | None:
    verdict = decide(local, remote)
    if verdict is None:
        return None
    return KHit(check_id, evaluator, Hit(verdict, local, remote, line, detail), line, column)


def _caps(c: YMap) -> tuple[bool, bool]:
    """(has NET_ADMIN, privileged)"""
    sc = c.get("securityContext")
    if not isinstance(sc, YMap):
        return False, False
    privileged = sc.get("privileged") is True
    caps = sc.get("capabilities")
    added = caps.get("add") if isinstance(caps, YMap) else None
    net_admin = isinstance(added, YList) and any(
        str(a).upper().removeprefix("CAP_") in ("NET_ADMIN", "ALL") for a in added)
    return net_admin, privileged


def _tun(spec: YMap, c: YMap) -> str | None:
    volumes = spec.get("volumes")
    tun_vols = set()
    if isinstance(volumes, YList):
        for v in volumes:
            hp = v.get("hostPath") if isinstance(v, YMap) else None
            if isinstance(hp, YMap) and str(hp.get("path", "")).rstrip("/") in ("/dev/net/tun",
                                                                                 "/dev/net"):
                tun_vols.add(str(v.get("name")))
    mounts = c.get("volumeMounts")
    if isinstance(mounts, YList) and any(isinstance(m, YMap) and str(m.get("name")) in tun_vols
                                         for m in mounts):
        return "/dev/net/tun"
    res = c.get("resources")
    if isinstance(res, YMap):
        for section in ("limits", "requests"):
            block = res.get(section)
            if isinstance(block, YMap):
                for key in block:
                    if key in TUN_RESOURCES or key.endswith("/tun"):
                        return f"device resource {key}"
    return None


def workload_hits(obj: K8sObject, spec: YMap, local: End, scope: Scope) -> list[KHit]:
    namespace = obj.namespace
    items: list[_Container] = []
    for section, node in containers(spec):
        env = _env(node, namespace, scope.configs, obj.file)
        literal = {k: v.value for k, v in env.items()}
        words: list[Any] = []
        for key in ("command", "args"):
            part = node.get(key)
            if isinstance(part, YList):
                words.extend(part)
            elif isinstance(part, str):
                words.append(part)
        argv = split_command(substitute(str(a), literal) for a in words)
        image = str(node.get("image") or "")
        c = _Container(node, section, image, argv, env,
                       _mounted(spec, node, namespace, scope.configs, obj.file),
                       bool(image) and is_system_image(image))
        _identify(c, scope.catalog)
        items.append(c)
    hits: list[KHit] = []
    for c in items:
        if c.software is not None:
            h = _software_hit(c, c.software, local, scope, obj)
            if h is not None:
                hits.append(h)
    if any(h.check_id in STRONG for h in hits) or any(c.software for c in items):
        return _per_check(hits)
    if local.cls not in (EndClass.MAINLAND, EndClass.UNKNOWN):
        return []
    system = any(c.system for c in items)
    for c in items:
        if c.system:
            continue
        net_admin, privileged = _caps(c.node)
        tun = _tun(spec, c.node)
        if tun and (net_admin or privileged):
            power = "NET_ADMIN" if net_admin else "privileged"
            remote = End(EndClass.UNKNOWN, "tun device",
                         f"{c.label} can create tunnel interfaces ({power} with {tun}): a VPN "
                         "client or server whose peer is not named")
            h = _hit(TUN_DEVICE, "flag", local, remote, c.line, c.column, "")
            if h is not None:
                hits.append(h)
        ports = c.node.get("ports")
        if isinstance(ports, YList):
            for i, p in enumerate(ports):
                if not isinstance(p, YMap) or not isinstance(p.get("hostPort"), int):
                    continue
                proto = str(p.get("protocol") or "TCP").upper()
                name = VPN_PORTS.get((proto, int(p["hostPort"])))
                if name:
                    remote = End(EndClass.ANYWHERE, f"hostPort {p['hostPort']}/{proto}",
                                 f"{c.label} opens {name} on the node's address (hostPort)")
                    h = _hit(VPN_PORT, "flag", local, remote, ports.line_of(i), c.column, "")
                    if h is not None:
                        hits.append(h)
    if not system:
        hits.extend(_forwarding(spec, items, local))
    return _per_check(hits)


def _forwarding(spec: YMap, items: list[_Container], local: End) -> list[KHit]:
    out: list[KHit] = []
    sc = spec.get("securityContext")
    sysctls = sc.get("sysctls") if isinstance(sc, YMap) else None
    if isinstance(sysctls, YList):
        for i, s in enumerate(sysctls):
            if not isinstance(s, YMap):
                continue
            name, value = str(s.get("name", "")), str(s.get("value", "")).strip().lower()
            if name in FORWARDING_SYSCTLS and value in ("1", "true"):
                remote = End(EndClass.UNKNOWN, "forwarded traffic",
                             f"the pod sets sysctl {name}={value}: it routes traffic for other "
                             "hosts (router, NAT or VPN gateway)")
                h = _hit(FORWARDING, "flag", local, remote, sysctls.line_of(i), 1, "")
                if h is not None:
                    out.append(h)
    for c in items:
        m = _SYSCTL_CMD.search(" ".join(c.argv))
        if m and not c.system:
            remote = End(EndClass.UNKNOWN, "forwarded traffic",
                         f"{c.label} runs sysctl {m.group(1)}=1: the pod routes traffic for "
                         "other hosts (router, NAT or VPN gateway)")
            h = _hit(FORWARDING, "flag", local, remote, c.line, c.column, "")
            if h is not None:
                out.append(h)
    return out


def _per_check(hits: list[KHit]) -> list[KHit]:
    """One hit per check per object: the worst one."""
    best: dict[str, KHit] = {}
    for h in hits:
        cur = best.get(h.check_id)
        if cur is None or rank(h.hit.verdict) > rank(cur.hit.verdict):
            best[h.check_id] = h
    return [best[k] for k in sorted(best)]


# -- Services, Ingresses and operator resources --------------------------------------------------
def service_hits(obj: K8sObject, local: End, scope: Scope) -> list[KHit]:
    spec = obj.obj.get("spec")
    if not isinstance(spec, YMap):
        return []
    hits: list[KHit] = []
    edge = _operator_service(obj, spec, local, scope)
    if edge is not None:
        hits.append(edge)
    kind = str(spec.get("type") or "ClusterIP")
    external = isinstance(spec.get("externalIPs"), YList) and bool(spec["externalIPs"])
    if kind not in ("LoadBalancer", "NodePort") and not external:
        return hits
    if local.cls not in (EndClass.MAINLAND, EndClass.UNKNOWN):
        return hits
    ports = spec.get("ports")
    if not isinstance(ports, YList):
        return hits
    ranges = spec.get("loadBalancerSourceRanges")
    for i, p in enumerate(ports):
        if not isinstance(p, YMap):
            continue
        proto = str(p.get("protocol") or "TCP").upper()
        numbers = [int(p[k]) for k in ("port", "targetPort") if isinstance(p.get(k), int)]
        name = next((VPN_PORTS[(proto, n)] for n in numbers if (proto, n) in VPN_PORTS), None)
        if name is None:
            continue
        remotes: list[End] = []
        if kind == "LoadBalancer" and isinstance(ranges, YList) and ranges:
            from ..classify.address import classify_address

            remotes = [classify_address(str(r), scope.policy, "loadBalancerSourceRanges",
                                        ranges.line_of(j)) for j, r in enumerate(ranges)]
        else:
            remotes = [End(EndClass.ANYWHERE, "0.0.0.0/0",
                           f"{kind} Service opens {name} to any address")]
        remote, verdict = _worst(local, remotes)
        if verdict is None:
            continue
        detail = f"{kind} Service exposes {name}"
        hits.append(KHit(VPN_PORT, "flag", Hit(verdict, local, remote, ports.line_of(i), detail),
                         ports.line_of(i), p.column))
    return _per_check(hits)


def _operator_service(obj: K8sObject, spec: YMap, local: End, scope: Scope) -> KHit | None:
    ann = obj.annotations()
    if spec.get("loadBalancerClass") == "tailscale" or str(ann.get("tailscale.com/expose", "")
                                                           ).lower() == "true":
        line = obj.obj.line
        return _edge_object(obj, "Tailscale", "the Service is exposed on a tailnet", local, scope,
                            line)
    return None


def _edge_object(obj: K8sObject, software: str, detail: str, local: End, scope: Scope,
                 line: int) -> KHit | None:
    sw = _by_name(scope.catalog, software)
    servers = scope.control_servers.get(software)
    if servers:
        remote, verdict = _worst(local, servers)
        if verdict is None:
            return None
        remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}")
    else:
        plane = sw.control_plane if sw is not None else "a relay"
        remote = End(EndClass.NON_MAINLAND, software, f"{software} connects to {plane}, operated "
                     "outside mainland China")
    return _hit(FOREIGN_EDGE, "link", local, remote, line, obj.obj.column, detail)


# operator resources of foreign-edge tunnels: (API group suffix, kinds, software, what it does)
EDGE_RESOURCES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("tailscale.com", ("Connector", "ProxyGroup", "PeerRelay"), "Tailscale",
     "joins the cluster to a tailnet"),
    ("k8s.ngrok.com", ("AgentEndpoint", "CloudEndpoint", "HTTPSEdge", "TCPEdge", "TLSEdge",
                       "Tunnel", "Domain", "BoundEndpoint"), "ngrok",
     "publishes a service through the ngrok edge"),
    ("ngrok.com", ("AgentEndpoint", "CloudEndpoint"), "ngrok",
     "publishes a service through the ngrok edge"),
    ("cfargotunnel.com", ("Tunnel", "ClusterTunnel", "TunnelBinding"),
     "Cloudflare Tunnel (cloudflared)", "publishes a service through a Cloudflare Tunnel"),
    ("cloudflare-operator.io", ("Tunnel", "ClusterTunnel", "TunnelBinding"),
     "Cloudflare Tunnel (cloudflared)", "publishes a service through a Cloudflare Tunnel"),
    ("netbird.io", ("NBRoutingPeer", "RoutingPeer", "NBSetupKey", "SetupKey"), "NetBird",
     "joins the cluster to a NetBird network"),
)


def edge_resource_hits(obj: K8sObject, local: End, scope: Scope) -> list[KHit]:
    group = obj.group
    if obj.kind == "Tailnet" and group.endswith("tailscale.com"):
        spec = obj.obj.get("spec")
        url = spec.get("loginUrl") if isinstance(spec, YMap) else None
        if isinstance(spec, YMap) and url and host_of(str(url)):
            ep = Endpoint(str(host_of(str(url))), str(url), "spec.loginUrl", spec.line_of("loginUrl"))
            remote = classify_endpoint(ep, scope.policy)
            h = _hit(FOREIGN_EDGE, "link", local, remote, spec.line_of("loginUrl"), 1,
                     "Tailnet control server")
            return [h] if h is not None else []
    if obj.kind == "Ingress":
        spec = obj.obj.get("spec")
        cls = spec.get("ingressClassName") if isinstance(spec, YMap) else None
        cls = cls or obj.annotations().get("kubernetes.io/ingress.class")
        software = {"tailscale": "Tailscale", "ngrok": "ngrok"}.get(str(cls or "").lower())
        if software:
            h = _edge_object(obj, software, f"Ingress class {cls} publishes it through "
                             f"{software}", local, scope, obj.obj.line)
            return [h] if h is not None else []
        return []
    for suffix, kinds, software, what in EDGE_RESOURCES:
        if obj.kind in kinds and (group == suffix or group.endswith("." + suffix)):
            h = _edge_object(obj, software, f"{obj.kind} {what}", local, scope, obj.obj.line)
            return [h] if h is not None else []
    return []
