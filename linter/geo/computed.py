"""Values another resource computes, located where that resource is (SPEC §9, "Where an end
is"): a VPN gateway's public IP, an EIP's address, a resource's computed `region`, and data
sources that only echo their provider's region (`data.aws_region.current`).

Which attributes these are is data, per provider, in `checks/computed/*.yaml`."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .. import data_files, lazy_re
from ..model import End, ResourceRef
from ..records import dataclass
from ..resources import checks_dir

if TYPE_CHECKING:
    from ..policy import Policy
    from .geography import Catalogue

ADDRESS, REGION = "address", "region"
_INDEX = lazy_re.compile(r"\[[^\]]*\]")


class Owner(Protocol):
    """The resource or data source a computed value comes from (a Subject, duck-typed: geo sits
    below the subject layer)."""

    @property
    def type(self) -> str: ...

    @property
    def address(self) -> str: ...

    def has(self, name: str) -> bool: ...

    def get(self, name: str) -> Any: ...

    def location(self, catalogue: Catalogue, policy: Policy) -> End: ...


@dataclass(frozen=True)
class Rule:
    """What one resource or data source type computes where it is."""

    addresses: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    when: tuple[tuple[str, Any], ...] = ()  # arguments that must hold these values
    unless_set: frozenset[str] = frozenset()  # arguments that select another region

    def kind(self, path: str) -> str | None:
        if path in self.addresses:
            return ADDRESS
        return REGION if path in self.regions else None

    def roots(self) -> frozenset[str]:
        """The top-level attributes the paths start with (`regions` of `regions.id`)."""
        return frozenset(p.split(".", 1)[0] for p in self.addresses | self.regions)

    def applies(self, owner: Owner) -> bool:
        if any(owner.has(name) for name in self.unless_set):
            return False
        return all(owner.get(name) == value for name, value in self.when)


@dataclass(frozen=True)
class ComputedTable:
    resources: dict[str, Rule]
    data_sources: dict[str, Rule]
    every: tuple[tuple[str, Rule], ...]  # (type prefix, what every type of it computes)

    def rules(self, type_: str, data: bool) -> list[Rule]:
        own = (self.data_sources if data else self.resources).get(type_)
        return [r for r in (own, *(rule for prefix, rule in self.every
                                   if type_.startswith(prefix))) if r is not None]

    def kind(self, owner: Owner, path: str) -> str | None:
        """ADDRESS or REGION when `path` of `owner` is located where the owner is."""
        for rule in self.rules(owner.type, is_data(owner.address, owner.type)):
            kind = rule.kind(path)
            if kind is not None and rule.applies(owner):
                return kind
        return None

    def echoes(self, owner: Owner, name: str) -> bool:
        """True when the top-level attribute `name` of `owner` holds such a value."""
        return any(name in rule.roots() and rule.applies(owner)
                   for rule in self.rules(owner.type, is_data(owner.address, owner.type)))


def _rule(doc: dict[str, Any] | None) -> Rule:
    doc = doc or {}
    return Rule(frozenset(doc.get("addresses", ())), frozenset(doc.get("regions", ())),
                tuple(sorted((doc.get("when") or {}).items())),
                frozenset(doc.get("unless_set", ())))


@lru_cache(maxsize=4)
def load_computed(root: Path | None = None) -> ComputedTable:
    base = (root or checks_dir()) / "computed"
    resources: dict[str, Rule] = {}
    data: dict[str, Rule] = {}
    every: list[tuple[str, Rule]] = []
    for path in sorted(base.glob("*.yaml")) if base.is_dir() else []:
        doc = data_files.load_file(path, None) or {}
        resources.update({t: _rule(r) for t, r in (doc.get("resources") or {}).items()})
        data.update({t: _rule(r) for t, r in (doc.get("data_sources") or {}).items()})
        if doc.get("every"):
            every.extend((prefix, _rule(doc["every"])) for prefix in doc["prefixes"])
    return ComputedTable(resources, data, tuple(every))


def is_data(address: str, type_: str) -> bool:
    """True for `data.aws_region.x` and `module.m.data.aws_region.x`."""
    parts = address.split(".")
    return any(p == "data" and parts[i + 1:i + 2] == [type_] for i, p in enumerate(parts))


def attribute_path(attr: str) -> str:
    """`regions[0].id` -> `regions.id`: the documented attribute, instance keys dropped."""
    return _INDEX.sub("", attr)


def echoes(owner: Owner, name: str) -> bool:
    """True when a data source's attribute `name` is its provider's region (or an address it
    owns): the evaluator keeps it as a reference to the data source instead of unknown."""
    return load_computed().echoes(owner, name)


def computes(owner: Owner, path: str) -> bool:
    """True when the attribute at `path` (`eip1.ip_address`) is one the provider computes where
    `owner` is: unset in a nested block, it is known after apply, not null."""
    return load_computed().kind(owner, attribute_path(path)) is not None


def owned_end(value: Any, want: str, attribute: str, line: int | None,
              catalogue: Catalogue, policy: Policy) -> End | None:
    """The end a computed value stands for: where the resource that computes it is. `want` is
    ADDRESS (an IP or host read) or REGION; None when `value` is no such value."""
    if not isinstance(value, ResourceRef) or value.target is None:
        return None
    owner: Owner = value.target
    path = attribute_path(value.attr)
    if load_computed().kind(owner, path) != want:
        return None
    where = owner.location(catalogue, policy)
    if want == REGION:
        reason = f"{attribute} is {value}: {where.reason}"
        return replace(where, reason=reason, attribute=attribute, line=line)
    reason = (f"{attribute} is {value}, computed by {owner.address} and located where it is: "
              f"{where.reason}")
    # the value is the owner's region, so `match.regions` of an approved exit can name it
    return replace(where, value=where.value or str(value), reason=reason, attribute=attribute,
                   line=line)
