"""The `link` detector on Kubernetes objects: the remote endpoints a target names
(`remote: [{endpoint: PATH}]`: multi-cluster, overlay, BGP and remote-control resources and
the Secrets and ConfigMaps that carry their settings), decided against the cluster's location.
Which objects and paths, and under which check, is data in checks/kubernetes/*.yaml."""

from __future__ import annotations

from ..engine.catalog import Check, Target
from ..engine.decide import decide
from ..engine.detectors import Hit
from ..model import End
from ..policy import Policy
from .endpoints import classify_endpoint
from .objects import K8sObject
from .targets import remote_endpoints
from .workloads import KHit


def link_hits(obj: K8sObject, local: End, policy: Policy,
              targets: list[tuple[Check, Target]]) -> list[KHit]:
    """Every link the object's `link` targets name, decided (one per endpoint)."""
    hits: list[KHit] = []
    for check, target in targets:
        if target.evaluator != "link":
            continue
        for named in remote_endpoints(target, obj):
            ep = named.endpoint
            remote = classify_endpoint(ep, policy)
            verdict = decide(local, remote)
            if verdict is None:
                continue
            line = ep.line or obj.line
            what = target.message.format(key=named.key)
            hits.append(KHit(check.id, "link",
                             Hit(verdict, local, remote, line, f"{obj.kind} {what}"), line, 1))
    return hits
