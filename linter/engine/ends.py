"""Resolve the end specifications of a check target on a subject (a resource or object)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace
from typing import Any

from ..geo.address import classify_address, classify_host
from ..geo.computed import ADDRESS, REGION, owned_end
from ..geo.geography import Catalogue
from ..geo.region import classify_region, classify_term
from ..model import End, EndClass, ResourceRef, Unknown
from ..policy import Policy
from ..records import dataclass
from ..subject import Subject

_FIXED = {c.value: c for c in EndClass}


@dataclass
class Evaluation:
    """The state of one run of the pipeline: where ends are classified (catalogue, policy), a
    memo of what is computed over a configuration, and where each end was read."""

    catalogue: Catalogue
    policy: Policy
    cache: dict[Any, Any] = field(default_factory=dict)  # per-scan memo (group membership)
    # The subject and attribute path each end was read from, by id of the End (kept alive by
    # the entry): an end reached through a reference or a hub member came from another
    # subject, whose origins are the finding's `related` locations.
    sources: dict[int, tuple[End, Subject, str]] = field(default_factory=dict)

    def note(self, end: End, subject: Subject, path: str | None) -> End:
        if path:
            self.sources[id(end)] = (end, subject, path)
        return end

    def carry(self, new: End, old: End) -> End:
        """`new` rewords `old`: it comes from where `old` came from."""
        found = self.sources.get(id(old))
        if found is not None:
            self.sources[id(new)] = (new, found[1], found[2])
        return new

    def source(self, end: End) -> tuple[Subject, str] | None:
        found = self.sources.get(id(end))
        return (found[1], found[2]) if found is not None and found[0] is end else None


def first_unknown(value: Any) -> Unknown | None:
    """The first marker inside a value, as an Unknown (a reference is known only after apply)."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, ResourceRef):
        return Unknown(f"{value} is only known after apply")
    items = value if isinstance(value, list) else \
        list(value.values()) if isinstance(value, dict) else []
    return next((u for v in items if (u := first_unknown(v)) is not None), None)


def _unknown(attr: str, value: Any, line: int | None) -> End:
    u = first_unknown(value) or Unknown("not a plain value")
    return End(EndClass.UNKNOWN, attr, f"{attr} is unknown: {u.reason}", attr, line)


def resolve(specs: tuple[dict[str, Any], ...] | list[dict[str, Any]], subject: Subject,
            ctx: Evaluation, depth: int = 0) -> list[End]:
    """Ends from the first spec that applies (its attribute is set); [] when none does."""
    for i, spec in enumerate(specs):
        ends = _one(spec, subject, ctx, depth, last=i == len(specs) - 1)
        if ends is not None:
            return ends
    return []


def _one(spec: dict[str, Any], subject: Subject, ctx: Evaluation, depth: int,
         last: bool = True) -> list[End] | None:
    if "fixed" in spec:
        return [End(_FIXED[spec["fixed"]], spec.get("value", spec["fixed"]), spec.get("reason", ""))]
    if spec.get("region") == "self":
        end = subject.location(ctx.catalogue, ctx.policy)
        return [ctx.note(end, subject, end.attribute)]
    if "referenced_by" in spec:
        return _referrer_ends(spec, subject, ctx, depth)
    if "follow" in spec:
        attr = spec["follow"]
        found = subject.values(attr)
        if not found:
            return None
        target = subject.follow(attr, tuple(spec.get("types", ())))
        if (target is None or depth > 4) and not last:
            return None  # a literal ID or unknown reference: the next spec may still answer
        if target is None or depth > 4:
            value, line = found[0]
            return [_unknown(attr, value, line)] if not isinstance(value, str) \
                else [End(EndClass.UNKNOWN, value, f"{attr} refers to {value}, which is not "
                          "declared in the scanned configuration", attr, line)]
        ends = resolve(spec.get("end", ()), target, ctx, depth + 1)
        return [ctx.carry(replace(e, reason=f"{e.reason} (via {target.address})"), e)
                for e in ends] or None
    for kind in ("region", "ip", "host", "term", "region_in"):
        if kind in spec:
            return _attribute_ends(kind, spec, subject, ctx)
    return None


def _referrer_ends(spec: dict[str, Any], subject: Subject, ctx: Evaluation,
                   depth: int) -> list[End] | None:
    """Ends from the resources that refer to this one (a route table entry pointing at a VPN
    gateway reaches the connections that use that gateway)."""
    attr = spec["referenced_by"]
    ends: list[End] = []
    for other in subject.referrers(attr, tuple(spec.get("types", ()))):
        ends += [ctx.carry(replace(e, reason=f"{e.reason} (via {other.address})"), e)
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


def _attribute_ends(kind: str, spec: dict[str, Any], subject: Subject,
                    ctx: Evaluation) -> list[End] | None:
    attr = spec[kind]
    found = subject.values(attr)
    if "index" in spec:
        idx = int(spec["index"])
        found = found[idx : idx + 1] if idx < len(found) else []
    if not found:
        if kind == "region" and spec.get("default") == "self":
            end = subject.location(ctx.catalogue, ctx.policy)
            return [ctx.note(replace(end, reason=f"{end.reason} ({attr} not set: same region)",
                                     attribute=attr), subject, end.attribute)]
        return None
    classify: Callable[[str, int | None], End | None]
    if kind == "ip":
        def classify(v: str, line: int | None) -> End | None:
            return classify_address(v, ctx.policy, attr, line)
    elif kind == "host":
        def classify(v: str, line: int | None) -> End | None:
            return classify_host(v, ctx.policy, attr, line)
    elif kind in ("region", "region_in"):
        provider = ctx.catalogue.provider_for_type(spec.get("provider_type", subject.type))
        if provider is None:
            return None
        if kind == "region_in":
            def classify(v: str, line: int | None) -> End | None:
                return _embedded_region(provider, v, attr, line)
        else:
            def classify(v: str, line: int | None) -> End | None:
                return classify_region(provider, v, attr, line, catalogue=ctx.catalogue)
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
                ends.append(ctx.note(classified, subject, attr))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            continue
        else:  # a value another resource computes is where that resource is (SPEC §9)
            owned = owned_end(value, REGION if kind in ("region", "region_in") else ADDRESS,
                              attr, line, ctx.catalogue, ctx.policy)
            ends.append(ctx.note(owned or _unknown(attr, value, line), subject, attr))
    return ends or None
