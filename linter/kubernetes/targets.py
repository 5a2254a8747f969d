"""Check targets on Kubernetes objects: which targets apply to an object (`kinds`, `api_group`,
`when`), the values at a path, and the remote endpoints a target's `remote:` names.

Paths are those of `paths.py`; on a ConfigMap or Secret, `config.<key>` / `config.*` are its
keys decoded to text (data, stringData, binaryData).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..engine.catalog import Check, CheckCatalog, Target
from ..signatures import host_of, load_signatures
from .endpoints import Endpoint
from .objects import K8sObject, pod_spec
from .paths import Found


def values_at(obj: K8sObject, path: str) -> list[Found]:
    """Scalar values at `path` on the object, each with where it was found."""
    return obj.found(path)


# -- which targets apply ------------------------------------------------------------------------
def _group_matches(group: str, wanted: str) -> bool:
    return group == wanted or (wanted != "" and group.endswith("." + wanted))


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def condition_holds(cond: dict[str, Any], obj: K8sObject) -> bool:
    """One `when:` condition: equals, in, not_in, matches (a regular expression) or present."""
    values = [_norm(f.value) for f in values_at(obj, cond["attribute"])]
    if "present" in cond:
        return bool(values) is bool(cond["present"])
    if "equals" in cond:
        return _norm(cond["equals"]) in values
    if "in" in cond:
        return any(_norm(w) in values for w in cond["in"])
    if "not_in" in cond:
        return all(v not in [_norm(w) for w in cond["not_in"]] for v in values)
    if "matches" in cond:
        return any(re.search(cond["matches"], v) for v in values)
    return True


def applies(target: Target, obj: K8sObject) -> bool:
    kind_ok = obj.kind in target.types or (target.options.get("pod_template_kinds") is True
                                            and pod_spec(obj) is not None)
    if not kind_ok:
        return False
    if target.api_group is not None and not _group_matches(obj.group, target.api_group):
        return False
    return all(condition_holds(c, obj) for c in target.when)


# The detectors a Kubernetes target can name in `evaluator:` (the literal table; workloads.py,
# multicluster.py): software, setting and exposed_port run together on a pod spec so that weak
# signals can give way to named software (`yields_to`); exposed_port, edge_object and link run on
# other objects.
DETECTORS = frozenset({"software", "setting", "exposed_port", "edge_object", "link"})


def targets_for(obj: K8sObject, catalog: CheckCatalog) -> list[tuple[Check, Target]]:
    """The Kubernetes targets (of checks under checks/kubernetes) that apply to the object."""
    out: list[tuple[Check, Target]] = []
    for check in catalog.checks.values():
        if not check.path.startswith("kubernetes"):
            continue
        for t in check.targets:
            if t.evaluator not in DETECTORS:
                raise ValueError(f"{check.id}: no Kubernetes detector {t.evaluator!r}")
            if applies(t, obj):
                out.append((check, t))
    return out


# -- remote ends named by a target --------------------------------------------------------------
@dataclass(frozen=True)
class Named:
    endpoint: Endpoint
    key: str  # the mapping key it was found under, for `{key}` in messages


def remote_endpoints(target: Target, obj: K8sObject) -> Iterator[Named]:
    """Every endpoint the target's `remote: [{endpoint: PATH, ...}]` specs find on the object.

    pattern: a named text pattern (signatures.yaml) applied to the value; split: a separator
    between several endpoints in one value; source: how the place reads in the message
    (`{key}` is the key it was found under; default: the path)."""
    patterns = load_signatures().text_patterns
    for spec in target.remote:
        path = spec.get("endpoint")
        if not path:
            continue
        for found in values_at(obj, path):
            text = str(found.value)
            source = str(spec.get("source", "{path}")).format(key=found.key, path=found.path)
            if spec.get("pattern"):
                raws = [m.group(1) for m in patterns[spec["pattern"]].finditer(text)]
            elif spec.get("split"):
                raws = text.split(spec["split"])
            else:
                raws = [text]
            for raw in raws:
                host = host_of(raw)
                if host:
                    yield Named(Endpoint(host, raw.strip(), source, found.line), found.key)
