"""Membership groups: every attachment of one hub (a CEN, CCN, cloud connection, central
network). A member is crossing when its own end and another member's end lie on different
sides of the border: the hub carries traffic between all of them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import End, ResourceRef
from ..subject import Subject
from .catalog import CheckCatalog, Target
from .ends import Evaluation, resolve

MAX_MEMBERS = 2000  # members considered per group: beyond it the group is judged on the first ones


def hub_key(target: Target, subject: Subject) -> str | None:
    """Identity of the hub this member joins, or None when it cannot be known."""
    for step in target.group.get("hub", []):
        if step.get("self"):
            return f"ref:{subject.address}"  # the hub is this resource (an accelerator, a gateway)
        current: Subject = subject
        if "follow" in step:
            followed = subject.follow(step["follow"], tuple(step.get("types", ())))
            if followed is None:
                continue
            current = followed
        found = current.values(step["attribute"])
        if not found:
            continue
        value = found[0][0]
        if isinstance(value, ResourceRef):
            return f"ref:{value.address}"
        if _is_subject(value):  # a whole resource: `hub = aws_thing.x`
            return f"ref:{value.address}"
        if isinstance(value, str) and value:
            return f"str:{value}"
    return None


def _is_subject(value: Any) -> bool:
    return not isinstance(value, (str, dict, list)) and hasattr(value, "address") and \
        hasattr(value, "follow")


def _members(name: str, subject: Subject, ctx: Evaluation,
             cat: CheckCatalog) -> list[tuple[str, Subject, list[End]]]:
    """Every member of the hubs named `name` in the subject's configuration, computed once per
    configuration."""
    key = ("group", name, subject.configuration())
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    targets: dict[str, list[Target]] = {}
    for rtype, pairs in cat.by_type.items():
        for _check, target in pairs:
            if target.evaluator == "group" and target.group.get("name") == name:
                targets.setdefault(rtype, []).append(target)
    members: list[tuple[str, Subject, list[End]]] = []
    for member in subject.peers(tuple(sorted(targets))):
        for target in targets.get(member.type, ()):
            hub = hub_key(target, member)
            if hub is not None and len(members) < MAX_MEMBERS:
                members.append((hub, member, resolve(target.local, member, ctx)))
    ctx.cache[key] = members
    return members


def group_pairs(target: Target, inst: Subject, ctx: Evaluation,
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
            remote = ctx.carry(replace(theirs, reason=f"{theirs.reason}; {member.address} "
                                       f"joins the same hub ({hub.split(':', 1)[1]})"), theirs)
            pairs.extend((mine, remote, mine.line, "") for mine in own)
    return pairs
