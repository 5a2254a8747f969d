"""Membership groups: every attachment of one hub (a CEN, CCN, cloud connection, central
network). A member is crossing when its own end and another member's end lie on different
sides of the border: the hub carries traffic between all of them."""

from __future__ import annotations

from typing import Any

from ..model import End
from ..terraform.instances import ResourceInstance
from ..terraform.regions import follow
from ..terraform.values import ResourceRef, values_at
from .catalog import CheckCatalog, Target
from .ends import Context, resolve

MAX_MEMBERS = 2000  # members considered per group: beyond it the group is judged on the first ones


def hub_key(target: Target, inst: ResourceInstance) -> str | None:
    """Identity of the hub this member joins, or None when it cannot be known."""
    for step in target.group.get("hub", []):
        if step.get("self"):
            return f"ref:{inst.address}"  # the hub is this resource (an accelerator, a gateway)
        current: Any = inst
        if "follow" in step:
            followed = follow(inst, step["follow"], tuple(step.get("types", ())))
            if followed is None:
                continue
            current = followed
        found = values_at(current, step["attribute"])
        if not found:
            continue
        value = found[0][0]
        if isinstance(value, ResourceRef):
            return f"ref:{value.address}"
        if isinstance(value, ResourceInstance):
            return f"ref:{value.address}"
        if isinstance(value, str) and value:
            return f"str:{value}"
    return None


def _members(name: str, inst: ResourceInstance, ctx: Context,
             cat: CheckCatalog) -> list[tuple[str, ResourceInstance, list[End]]]:
    root = inst.module.root_module
    key = ("group", name, id(root))
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    targets: dict[str, list[Target]] = {}
    for rtype, pairs in cat.by_type.items():
        for _check, target in pairs:
            if target.evaluator == "group" and target.group.get("name") == name:
                targets.setdefault(rtype, []).append(target)
    members: list[tuple[str, ResourceInstance, list[End]]] = []
    for module in root.walk():
        for res_key in sorted(module.source.resources):
            rtype = res_key.split(".", 1)[0]
            for target in targets.get(rtype, ()):
                for member in module.resource_instances(res_key):
                    hub = hub_key(target, member)
                    if hub is not None and len(members) < MAX_MEMBERS:
                        members.append((hub, member, resolve(target.local, member, ctx)))
    ctx.cache[key] = members
    return members


def group_pairs(target: Target, inst: ResourceInstance, ctx: Context,
                cat: CheckCatalog) -> list[tuple[End, End, int | None, str]]:
    hub = hub_key(target, inst)
    if hub is None:
        return []
    own = resolve(target.local, inst, ctx)
    pairs: list[tuple[End, End, int | None, str]] = []
    for other_hub, member, ends in _members(target.group["name"], inst, ctx, cat):
        if other_hub != hub or member is inst:
            continue
        for theirs in ends:
            remote = End(theirs.cls, theirs.value,
                         f"{theirs.reason}; {member.address} joins the same hub "
                         f"({hub.split(':', 1)[1]})", theirs.attribute, theirs.line)
            pairs.extend((mine, remote, mine.line, "") for mine in own)
    return pairs
