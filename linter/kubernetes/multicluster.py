"""Multi-cluster, overlay and BGP links (XB801-XB809): the remote endpoint each resource names,
decided against the cluster's own location."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..engine.decide import decide, rank
from ..engine.evaluators import Hit
from ..model import End
from ..policy import Policy
from .endpoints import Endpoint, classify_endpoint, host_of
from .loader import YList, YMap
from .objects import K8sObject, decode_base64
from .workloads import KHit

SUBMARINER, SKUPPER, CLUSTERMESH, ISTIO, LINKERD = "XB801", "XB802", "XB803", "XB804", "XB805"
LIQO, KILO, BGP, REMOTE_CONTROL = "XB806", "XB807", "XB808", "XB809"


@dataclass(frozen=True)
class Rule:
    check_id: str
    group: str  # API group, or a suffix of it ("" for the core group)
    kinds: tuple[str, ...]
    paths: tuple[str, ...]  # dotted paths; `[]` walks a list, `*` every value of a mapping
    what: str


RULES: tuple[Rule, ...] = (
    Rule(SUBMARINER, "submariner.io", ("Submariner",), ("spec.brokerK8sApiServer",),
         "joins a Submariner broker"),
    Rule(SUBMARINER, "submariner.io", ("Endpoint",), ("spec.public_ip", "spec.hostname"),
         "is a Submariner gateway endpoint of the cluster set"),
    Rule(SUBMARINER, "submariner.io", ("Gateway",),
         ("status.connections[].endpoint.public_ip",), "connects Submariner gateways"),
    Rule(SKUPPER, "skupper.io", ("Link",), ("spec.endpoints[].host",),
         "links this Skupper site to a remote router"),
    Rule(SKUPPER, "skupper.io", ("AccessToken",), ("spec.url",),
         "redeems a Skupper access grant at a remote site"),
    Rule(ISTIO, "install.istio.io", ("IstioOperator",),
         ("spec.values.global.meshNetworks.*.gateways[].address",
          "spec.meshConfig.meshNetworks.*.gateways[].address"),
         "declares a remote mesh network gateway"),
    Rule(LINKERD, "multicluster.linkerd.io", ("Link",), ("spec.gatewayAddress",),
         "mirrors services from a remote Linkerd cluster"),
    Rule(LIQO, "liqo.io", ("ForeignCluster",),
         ("spec.foreignAuthUrl", "spec.foreignProxyUrl", "status.apiServerUrl",
          "status.foreignAuthUrl", "spec.networking.gatewayAddress"),
         "peers this cluster with a foreign Liqo cluster"),
    Rule(LIQO, "liqo.io", ("GatewayClient", "WgGatewayClient"),
         ("spec.endpoint.addresses[]", "spec.endpoint.address"),
         "opens a Liqo WireGuard tunnel to a remote gateway"),
    Rule(KILO, "kilo.squat.ai", ("Peer",),
         ("spec.endpoint.dnsOrIP.ip", "spec.endpoint.dnsOrIP.dns", "spec.endpoint.ip",
          "spec.endpoint.dns"), "adds a WireGuard peer to the Kilo mesh"),
    Rule(BGP, "projectcalico.org", ("BGPPeer",), ("spec.peerIP",), "peers BGP with a router"),
    Rule(BGP, "metallb.io", ("BGPPeer",), ("spec.peerAddress",), "peers BGP with a router"),
    Rule(BGP, "cilium.io", ("CiliumBGPPeeringPolicy",),
         ("spec.virtualRouters[].neighbors[].peerAddress",), "peers BGP with a router"),
    Rule(BGP, "cilium.io", ("CiliumBGPClusterConfig",),
         ("spec.bgpInstances[].peers[].peerAddress",), "peers BGP with a router"),
    Rule(BGP, "kubeovn.io", ("BgpConf",), ("spec.neighbours[]", "spec.neighbors[]"),
         "peers BGP with a router"),
    Rule(REMOTE_CONTROL, "multicluster.crd.antrea.io", ("ClusterSet",), ("spec.leaders[].server",),
         "joins an Antrea multi-cluster leader"),
    Rule(REMOTE_CONTROL, "cluster.karmada.io", ("Cluster",), ("spec.apiEndpoint",),
         "registers a member cluster with Karmada"),
    Rule(REMOTE_CONTROL, "core.kubefed.io", ("KubeFedCluster",), ("spec.apiEndpoint",),
         "federates a member cluster"),
    Rule(REMOTE_CONTROL, "cluster.open-cluster-management.io", ("ManagedCluster",),
         ("spec.managedClusterClientConfigs[].url",), "manages a remote cluster"),
)
_SERVER = re.compile(r"(?m)^\s*-?\s*server:\s*[\"']?([^\"'\s]+)")
_ETCD = re.compile(r"(?m)(?:^\s*-\s*|endpoints:\s*\[?\s*)[\"']?(https?://[^\"'\s,\]]+)")
_PEER = re.compile(r"(?m)peer-address:\s*[\"']?([^\"'\s]+)")


def _walk(node: Any, parts: list[str], trail: str) -> Iterator[tuple[Any, str, int]]:
    """(value, path, line) at a dotted path."""
    if not parts:
        return
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if key == "*":
        if isinstance(node, YMap):
            for k, v in node.items():
                yield from _step(v, rest, f"{trail}.{k}", node.line_of(k))
        return
    if not isinstance(node, YMap) or key not in node:
        return
    value, line, path = node[key], node.line_of(key), f"{trail}.{key}" if trail else key
    if many:
        if isinstance(value, YList):
            for i, item in enumerate(value):
                yield from _step(item, rest, f"{path}[{i}]", value.line_of(i))
        return
    yield from _step(value, rest, path, line)


def _step(value: Any, rest: list[str], path: str, line: int) -> Iterator[tuple[Any, str, int]]:
    if rest:
        yield from _walk(value, rest, path)
    elif value is not None and not isinstance(value, (YMap, YList)):
        yield value, path, line


def _group_matches(group: str, wanted: str) -> bool:
    return group == wanted or group.endswith("." + wanted)


def _pairs(obj: K8sObject) -> Iterator[tuple[str, str, Endpoint]]:
    """(check ID, what the resource does, endpoint) for every remote end the object names."""
    group = obj.group
    for rule in RULES:
        if obj.kind in rule.kinds and _group_matches(group, rule.group):
            for path in rule.paths:
                for value, where, line in _walk(obj.obj, path.split("."), ""):
                    host = host_of(str(value))
                    if host:
                        yield rule.check_id, rule.what, Endpoint(host, str(value), where, line)
    if obj.api_version == "v1" and obj.kind in ("Secret", "ConfigMap"):
        yield from _config_pairs(obj)
    if obj.api_version == "v1" and obj.kind == "Node":
        ann = obj.annotations()
        for key in ("kilo.squat.ai/force-endpoint", "kilo.squat.ai/endpoint"):
            host = host_of(str(ann.get(key, "")))
            if host:
                yield KILO, "announces a Kilo WireGuard endpoint", Endpoint(
                    host, str(ann[key]), f"annotation {key}", obj.metadata.line)


def _values(obj: K8sObject) -> Iterator[tuple[str, str, int]]:
    for section, encoded in (("data", obj.kind == "Secret"), ("stringData", False)):
        block = obj.obj.get(section)
        if isinstance(block, YMap):
            for k, v in block.items():
                if v is not None:
                    text = str(v)
                    yield k, decode_base64(text) if encoded else text, block.line_of(k)


def _config_pairs(obj: K8sObject) -> Iterator[tuple[str, str, Endpoint]]:
    labels, ann = obj.labels(), obj.annotations()
    meta_line = obj.metadata.line
    skupper_type = str(labels.get("skupper.io/type", ""))
    if obj.kind == "Secret" and skupper_type in ("connection-token", "token-claim"):
        for key in ("inter-router-host", "edge-host", "skupper.io/url"):
            host = host_of(str(ann.get(key, "")))
            if host:
                yield SKUPPER, "links this Skupper site to a remote site", Endpoint(
                    host, str(ann[key]), f"annotation {key}", meta_line)
    if obj.kind == "Secret" and obj.name == "cilium-clustermesh":
        for key, text, line in _values(obj):
            for m in _ETCD.finditer(text):
                host = host_of(m.group(1))
                if host:
                    yield CLUSTERMESH, f"meshes with remote cluster {key}", Endpoint(
                        host, m.group(1), f"etcd endpoint of {key}", line)
    istio = str(labels.get("istio/multiCluster", "")).lower() == "true"
    linkerd = obj.kind == "Secret" and str(obj.obj.get("type", "")) == \
        "mirror.linkerd.io/remote-kubeconfig"
    argo = str(labels.get("argocd.argoproj.io/secret-type", "")) == "cluster"
    if istio or linkerd or argo:
        check = ISTIO if istio else LINKERD if linkerd else REMOTE_CONTROL
        what = {ISTIO: "gives istiod the API server of a remote cluster",
                LINKERD: "gives Linkerd the API server of a remote cluster",
                REMOTE_CONTROL: "gives Argo CD a remote cluster to deploy to"}[check]
        for key, text, line in _values(obj):
            found = [m.group(1) for m in _SERVER.finditer(text)]
            if argo and key == "server":
                found = [text.strip()]
            for raw in found:
                host = host_of(raw)
                if host:
                    yield check, what, Endpoint(host, raw, f"API server in {key}", line)
    if obj.kind == "ConfigMap" and obj.name == "config" and "metallb" in (obj.namespace or ""):
        for key, text, line in _values(obj):
            for m in _PEER.finditer(text):
                host = host_of(m.group(1))
                if host:
                    yield BGP, "peers BGP with a router", Endpoint(
                        host, m.group(1), f"MetalLB peer-address in {key}", line)
    if obj.kind == "ConfigMap" and obj.name == "ovn-ic-config":
        block = obj.obj.get("data")
        if isinstance(block, YMap) and block.get("ic-db-host"):
            for piece in str(block["ic-db-host"]).split(","):
                host = host_of(piece)
                if host:
                    yield REMOTE_CONTROL, "joins a Kube-OVN interconnection database", Endpoint(
                        host, piece, "data.ic-db-host", block.line_of("ic-db-host"))


def multicluster_hits(obj: K8sObject, local: End, policy: Policy) -> list[KHit]:
    best: dict[str, KHit] = {}
    for check_id, what, ep in _pairs(obj):
        remote = classify_endpoint(ep, policy)
        verdict = decide(local, remote)
        if verdict is None:
            continue
        line = ep.line or obj.line
        hit = KHit(check_id, "link", Hit(verdict, local, remote, line, f"{obj.kind} {what}"),
                   line, 1)
        cur = best.get(check_id)
        if cur is None or rank(verdict) > rank(cur.hit.verdict):
            best[check_id] = hit
    return [best[k] for k in sorted(best)]
