"""Resolve the end specifications of a check target on a Terraform resource."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..classify.address import classify_address, classify_host
from ..classify.catalogue import Catalogue
from ..classify.region import classify_region, classify_term
from ..model import End, EndClass
from ..policy import Policy
from ..terraform.instances import ResourceInstance
from ..terraform.regions import follow, resource_region
from ..terraform.values import ResourceRef, Unknown, first_unknown, values_at

_FIXED = {c.value: c for c in EndClass}


@dataclass
class Context:
    catalogue: Catalogue
    policy: Policy
    cache: dict[Any, Any] = field(default_factory=dict)  # per-scan memo (group membership)


def _unknown(attr: str, value: Any, line: int | None) -> End:
    u = first_unknown(value) or Unknown("not a plain value")
    return End(EndClass.UNKNOWN, attr, f"{attr} is unknown: {u.reason}", attr, line)


def resolve(specs: tuple[dict[str, Any], ...] | list[dict[str, Any]], inst: ResourceInstance,
            ctx: Context, depth: int = 0) -> list[End]:
    """Ends from the first spec that applies (its attribute is set); [] when none does."""
    for i, spec in enumerate(specs):
        ends = _one(spec, inst, ctx, depth, last=i == len(specs) - 1)
        if ends is not None:
            return ends
    return []


def _one(spec: dict[str, Any], inst: ResourceInstance, ctx: Context, depth: int,
         last: bool = True) -> list[End] | None:
    if "fixed" in spec:
        return [End(_FIXED[spec["fixed"]], spec.get("value", spec["fixed"]), spec.get("reason", ""))]
    if spec.get("region") == "self":
        return [resource_region(inst, ctx.catalogue, ctx.policy)]
    if "referenced_by" in spec:
        return _referrer_ends(spec, inst, ctx, depth)
    if "follow" in spec:
        attr = spec["follow"]
        found = values_at(inst, attr)
        if not found:
            return None
        target = follow(inst, attr, tuple(spec.get("types", ())))
        if (target is None or depth > 4) and not last:
            return None  # a literal ID or unknown reference: the next spec may still answer
        if target is None or depth > 4:
            value, line = found[0]
            return [_unknown(attr, value, line)] if not isinstance(value, str) \
                else [End(EndClass.UNKNOWN, value, f"{attr} refers to {value}, which is not "
                          "declared in the scanned configuration", attr, line)]
        ends = resolve(spec.get("end", ()), target, ctx, depth + 1)
        return [End(e.cls, e.value, f"{e.reason} (via {target.address})", e.attribute, e.line)
                for e in ends] or None
    for kind in ("region", "ip", "host", "term", "region_in"):
        if kind in spec:
            return _attribute_ends(kind, spec, inst, ctx)
    return None


def _referrer_ends(spec: dict[str, Any], inst: ResourceInstance, ctx: Context,
                   depth: int) -> list[End] | None:
    """Ends from the resources that refer to this one (a route table entry pointing at a VPN
    gateway reaches the connections that use that gateway)."""
    attr = spec["referenced_by"]
    types = set(spec.get("types", ()))
    ends: list[End] = []
    for module in inst.module.root_module.walk():
        for key in sorted(module.source.resources):
            if key.split(".", 1)[0] not in types:
                continue
            for other in module.resource_instances(key):
                refs = [v for v, _ in values_at(other, attr)]
                if any(isinstance(v, ResourceRef) and v.target is inst for v in refs):
                    ends += [End(e.cls, e.value, f"{e.reason} (via {other.address})",
                                 e.attribute, e.line)
                             for e in resolve(spec.get("end", ()), other, ctx, depth + 1)]
    return ends or None


def _embedded_region(provider: Any, value: str, attr: str, line: int | None) -> End:
    """A region ID inside another identifier, e.g. access point `ap-cn-hangzhou-yh-B`."""
    text = value.lower()
    best = max((rid for rid in provider.regions if rid in text), key=len, default=None)
    if best is None:
        return End(EndClass.UNKNOWN, value, f"{attr} {value} names no known {provider.name} region",
                   attr, line)
    end = classify_region(provider, best, attr, line)
    return End(end.cls, value, f"{attr} {value} is in region {best}: {end.reason}", attr, line)


def _attribute_ends(kind: str, spec: dict[str, Any], inst: ResourceInstance,
                    ctx: Context) -> list[End] | None:
    attr = spec[kind]
    found = values_at(inst, attr)
    if "index" in spec:
        idx = int(spec["index"])
        found = found[idx : idx + 1] if idx < len(found) else []
    if not found:
        if kind == "region" and spec.get("default") == "self":
            end = resource_region(inst, ctx.catalogue, ctx.policy)
            return [End(end.cls, end.value, f"{end.reason} ({attr} not set: same region)",
                        attr, end.line)]
        return None
    classify: Callable[[str, int | None], End | None]
    if kind == "ip":
        def classify(v: str, line: int | None) -> End | None:
            return classify_address(v, ctx.policy, attr, line)
    elif kind == "host":
        def classify(v: str, line: int | None) -> End | None:
            return classify_host(v, ctx.policy, attr, line)
    elif kind in ("region", "region_in"):
        provider = ctx.catalogue.provider_for_type(spec.get("provider_type", inst.type))
        if provider is None:
            return None
        if kind == "region_in":
            def classify(v: str, line: int | None) -> End | None:
                return _embedded_region(provider, v, attr, line)
        else:
            def classify(v: str, line: int | None) -> End | None:
                return classify_region(provider, v, attr, line)
    else:
        vocab = ctx.catalogue.vocabularies.get(spec["vocabulary"])
        if vocab is None:
            return None

        def classify(v: str, line: int | None) -> End | None:
            return classify_term(vocab, v, attr, line)
    ends: list[End] = []
    for value, line in found:
        if isinstance(value, str) and value.strip():
            classified = classify(value, line)
            if classified is not None:
                ends.append(classified)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            continue
        else:
            ends.append(_unknown(attr, value, line))
    return ends or None
