"""Where a manifest's cluster runs (SPEC §2, Kubernetes clusters).

In order: the policy's `kubernetes.paths` (glob → region, relative to the policy file), then
`kubernetes.region`, then region hints in the manifest (node selectors and required node
affinities on the region/zone labels), then the policy's `default_region`; with none of these
the cluster is assumed to be in the mainland, and the scan says so once.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Any

from ..geo.geography import Catalogue
from ..geo.names import candidates, nearest_anywhere, suggestion
from ..geo.region import classify_region
from ..model import End, EndClass
from ..policy import Policy
from .yaml_positions import YList, YMap

REGION_LABELS = (
    "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/region",
    "sigma.ali/ecs-region-id",
    "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/zone",
    "sigma.ali/ecs-zone-id",
    "topology.diskplugin.csi.alibabacloud.com/zone",
)
ASSUMED_NOTE = ("Kubernetes manifests with no region information (no kubernetes.region or "
                "kubernetes.paths in the policy, no region node selector, no default_region) are "
                "assumed to run in mainland China")


def classify_any_region(catalogue: Catalogue, value: str, attribute: str,
                        line: int | None = None, how: str = "") -> End:
    """A region or zone ID of unknown provider: the providers that know it must agree."""
    raw = value.strip()
    for candidate in candidates(raw.lower()):
        known = []
        for p in catalogue.providers.values():
            region = p.regions.get(p.norm(candidate))
            if region is not None:
                known.append((p, region.mainland))
        if not known:
            continue
        if len({m for _, m in known}) == 1:
            end = classify_region(known[0][0], candidate, attribute, line, how)
            return End(end.cls, raw, end.reason, attribute, line)
        return End(EndClass.UNKNOWN, raw, f"{attribute} {raw} names a mainland region at one "
                   "cloud and a region outside it at another", attribute, line)
    hint = suggestion(nearest_anywhere(catalogue, raw))
    return End(EndClass.UNKNOWN, raw, f"{attribute} {raw!r} is not a region exitlint knows"
               + (f" ({hint})" if hint else ""), attribute, line, unknown_name=True)


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    options = {pattern}
    if pattern.startswith("**/"):
        options.add(pattern[3:])
    if pattern.endswith("/**"):
        options.add(pattern[:-3])
    return any(fnmatch.fnmatchcase(rel, p) for p in options)


class Locator:
    def __init__(self, policy: Policy, catalogue: Catalogue) -> None:
        self.policy = policy
        self.catalogue = catalogue
        self.assumed = False

    def from_policy(self, path: Path | None) -> End | None:
        """kubernetes.paths, then kubernetes.region."""
        p = self.policy
        if path is not None and p.k8s_paths and p.base_dir is not None:
            rel = os.path.relpath(path, p.base_dir).replace(os.sep, "/")
            matches = [g for g in p.k8s_paths if _glob_match(rel, g)]
            if matches:
                glob = max(matches, key=len)
                return classify_any_region(self.catalogue, str(p.k8s_paths[glob]),
                                           "cluster region",
                                           how=f"kubernetes.paths {glob!r} in the policy")
        if p.k8s_region:
            return classify_any_region(self.catalogue, p.k8s_region, "cluster region",
                                       how="kubernetes.region in the policy")
        return None

    def fallback(self) -> End:
        """default_region, else the assumption that the cluster is in the mainland."""
        if self.policy.default_region:
            return classify_any_region(self.catalogue, self.policy.default_region,
                                       "cluster region", how="default_region in the policy")
        self.assumed = True
        return End(EndClass.MAINLAND, "cluster", "the cluster is assumed to be in mainland China "
                   "(no region in the policy or the manifest)")

    def hint(self, spec: YMap | None) -> End | None:
        """Region labels the pod is pinned to by nodeSelector or required node affinity."""
        if spec is None:
            return None
        found: list[tuple[str, str, int]] = []
        sel = spec.get("nodeSelector")
        if isinstance(sel, YMap):
            for key in REGION_LABELS:
                if key in sel and sel[key] not in (None, ""):
                    found.append((key, str(sel[key]), sel.line_of(key)))
                    break
        for expr in _required_expressions(spec):
            label = str(expr.get("key"))
            if label in REGION_LABELS and str(expr.get("operator", "")).lower() == "in":
                values = expr.get("values")
                if isinstance(values, YList):
                    found.extend((label, str(v), values.line_of(i))
                                 for i, v in enumerate(values) if v not in (None, ""))
        if not found:
            return None
        ends = [classify_any_region(self.catalogue, value, f"node label {key}", line,
                                    how="node selector of the pod")
                for key, value, line in found]
        classes = {e.cls for e in ends}
        if len(classes) == 1:
            return ends[0]
        known = [e for e in ends if e.cls is not EndClass.UNKNOWN]
        if known and len({e.cls for e in known}) == 1:
            return known[0]
        return End(EndClass.UNKNOWN, ", ".join(e.value for e in ends),
                   "the pod may be scheduled both inside and outside mainland China "
                   f"({'; '.join(e.reason for e in ends)})", ends[0].attribute, ends[0].line)


def _required_expressions(spec: YMap) -> list[YMap]:
    out: list[YMap] = []
    node_aff: Any = spec.get("affinity")
    for key in ("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                "nodeSelectorTerms"):
        if not isinstance(node_aff, YMap):
            return out
        node_aff = node_aff.get(key)
    if not isinstance(node_aff, YList):
        return out
    for term in node_aff:
        if isinstance(term, YMap) and isinstance(term.get("matchExpressions"), YList):
            out.extend(e for e in term["matchExpressions"] if isinstance(e, YMap))
    return out
