"""Where a Terraform resource is: its own argument, its parent, its provider, defaults (SPEC §2)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, cast

from ..geo.computed import REGION, owned_end
from ..geo.geography import Catalogue, Provider
from ..geo.region import classify_region
from ..hcl import ast as A
from ..model import End, EndClass
from ..policy import Policy
from ..records import dataclass
from .values import ResourceRef, Unknown, first_unknown, values_at

if TYPE_CHECKING:
    from .instances import ModuleInstance, ResourceInstance
    from .source import Decl

_MAX_HOPS = 8


class Binding(Protocol):
    """The provider configuration a resource is bound to: an HCL provider block, or a plan's
    `provider_config` entry."""

    @property
    def key(self) -> str:
        """`aws` or `aws.hk`, as the resource names it."""

    @property
    def where(self) -> str:
        """The display path of the file holding the configuration, for messages."""

    def value(self, attr: str) -> tuple[Any, int | None] | None:
        """The evaluated value of a provider argument and its line; None when not set."""


class Located(Protocol):
    """What finding a Terraform resource's region reads (ResourceInstance, PlanResource)."""

    @property
    def type(self) -> str: ...

    @property
    def address(self) -> str: ...

    def has(self, name: str) -> bool: ...

    def get(self, name: str) -> Any: ...

    def attr_line(self, name: str) -> int | None: ...

    def follow(self, path: str, types: tuple[str, ...]) -> Any: ...

    def binding(self) -> Binding | None: ...


@dataclass(frozen=True)
class HclBinding:
    """A provider block of the configuration, its arguments evaluated in its module."""

    key: str
    module: ModuleInstance
    decl: Decl

    @property
    def where(self) -> str:
        return self.decl.file

    def value(self, attr: str) -> tuple[Any, int | None] | None:
        found = self.decl.block.body.attributes.get(attr)
        if found is None:
            return None
        return (self.module.project.evaluator.evaluate(found.expr, self.module.scope()),
                found.pos.line)


def binding(inst: ResourceInstance) -> HclBinding | None:
    bound = inst.module.provider(provider_key(inst))
    if bound is None:
        return None
    module, decl = bound
    # named as the configuration is declared (`alicloud.hk` in the root), not as the module
    # that received it calls it (`alicloud.peer`)
    alias = decl.block.body.attributes.get("alias")
    key = decl.block.labels[0]
    if alias is not None and isinstance(alias.expr, A.Literal):
        key = f"{key}.{alias.expr.value}"
    return HclBinding(key, module, decl)


# Arguments a proxy configuration block may hold (Terraform: a provider block in a child module
# that is empty or holds only these stands for a configuration passed in or inherited).
PROXY_ARGUMENTS = frozenset({"alias", "configuration_aliases"})


def is_proxy_block(block: A.Block) -> bool:
    """True for a provider block that configures nothing (SPEC §9): in a child module it is a
    proxy for the caller's configuration, not a fresh one with the provider's default region."""
    return not block.body.blocks and set(block.body.attributes) <= PROXY_ARGUMENTS


def provider_key(inst: ResourceInstance) -> str:
    attr = inst.decl.block.body.attributes.get("provider")
    if attr is not None and isinstance(attr.expr, A.Traversal):
        steps = [s.name for s in attr.expr.steps if isinstance(s, A.GetAttr)]
        return ".".join([attr.expr.root, *steps])
    return inst.type.split("_", 1)[0]


def follow(inst: ResourceInstance, attribute: str, types: tuple[str, ...]) -> ResourceInstance | None:
    """The resource an attribute refers to: by reference, or by the referenced resource's name."""
    found = values_at(inst, attribute)  # dotted paths reach into nested blocks
    value = found[0][0] if found else None
    if (isinstance(value, ResourceRef) and value.target is not None
            and (not types or value.target.type in types)):
        return cast("ResourceInstance", value.target)
    if isinstance(value, str):
        # Azure style: `virtual_network_name = "hub"`, or an ARM ID ending in the name.
        wanted = value.rsplit("/", 1)[-1]
        for module in (inst.module, *inst.module.root_module.walk()):
            for key in sorted(module.source.resources):
                if key.split(".", 1)[0] not in types:
                    continue
                for cand in module.resource_instances(key):
                    if cand.get("name") == wanted:
                        return cand
    return None


def resource_region(inst: Located, catalogue: Catalogue, policy: Policy, hops: int = 0) -> End:
    provider = catalogue.provider_for_type(inst.type)
    if provider is None and hops == 0:
        from .deployers import deployers, stack_region
        if deployers().deploys(inst.type):  # Kubernetes objects: the stack's region (SPEC §9)
            return stack_region(inst, catalogue, policy)  # type: ignore[arg-type]
    if provider is None:
        return End(EndClass.UNKNOWN, "", f"{inst.type} belongs to no provider in the catalogue")
    bound = inst.binding()
    # 1. the resource's own argument
    for attr in provider.resource_attributes:
        if inst.has(attr):
            value = inst.get(attr)
            if value is None:  # `region = var.region` whose value is null: unset (Terraform's rule)
                continue
            if isinstance(value, str) and value.strip():
                return classify_region(provider, value, attr, inst.attr_line(attr),
                                       catalogue=catalogue)
            env_end = _environment(provider, bound)
            if env_end is not None and env_end.cls is not EndClass.UNKNOWN:
                return env_end
            return _from_value(provider, value, attr, inst.attr_line(attr), policy, "", catalogue)
    # 2. the parent it lives in (Azure child resources)
    if hops < _MAX_HOPS:
        for rule in provider.inherit:
            if inst.has(rule.attribute):
                parent = inst.follow(rule.attribute, rule.types)
                if parent is not None:
                    end = resource_region(parent, catalogue, policy, hops + 1)
                    return replace(end, reason=f"{end.reason}, inherited from {parent.address}")
    # 3. the provider configuration it is bound to
    if bound is not None:
        for attr in provider.provider_attributes:
            found = bound.value(attr)
            if found is not None and found[0] is not None:  # null is unset
                return _from_value(provider, found[0], attr, found[1], policy,
                                   f"provider {bound.key} in {bound.where}", catalogue)
        env_end = _environment(provider, bound)
        if env_end is not None and env_end.cls is not EndClass.UNKNOWN:
            return env_end
    # 4. documented provider default, 5. the policy's default_region
    if provider.default:
        return classify_region(provider, provider.default,
                               how=f"the {provider.name} provider's default region")
    default = policy_default(provider, policy)
    if default is not None:
        return classify_region(provider, default, how="default_region in the policy")
    return _unknown_region(provider, f"no region is set for {inst.address} (set it on the "
                           f"provider, or default_region in the policy)"
                           f"{_unused_default(provider, policy)}")


def policy_default(provider: Provider, policy: Policy) -> str | None:
    """The policy's default_region for this provider: its entry in a per-provider map, else a
    single name this provider's catalogue knows (another cloud's name never applies)."""
    if provider.name in policy.default_regions:
        return policy.default_regions[provider.name]
    single = policy.default_region
    if single and provider.norm(single) in provider.regions:
        return single
    return None


def _unused_default(provider: Provider, policy: Policy) -> str:
    """Why a single default_region in the policy did not apply, when it did not."""
    if policy.default_region and policy_default(provider, policy) is None:
        return (f"; default_region {policy.default_region} is not a region of {provider.name}: "
                f"give one per provider (default_region: {{{provider.name}: ...}})")
    return ""


def _environment(provider: Provider, bound: Binding | None) -> End | None:
    if not provider.environment_attribute or bound is None:
        return None
    found = bound.value(provider.environment_attribute)
    value = found[0] if found is not None else None
    if not isinstance(value, str):
        return None
    key = bound.key
    cls = provider.environments.get(value.strip().lower())
    if cls == "mainland":
        return End(EndClass.MAINLAND, value, f"provider {key} uses environment {value!r}, "
                   "whose regions are all in mainland China")
    if cls == "non-mainland":
        return End(EndClass.NON_MAINLAND, value, f"provider {key} uses environment {value!r}, "
                   "which has no region in mainland China")
    return None


def _unknown_region(provider: Provider, reason: str) -> End:
    if provider.unknown == "non-mainland":
        return End(EndClass.NON_MAINLAND, provider.name,
                   f"{provider.name} has no region in mainland China")
    if provider.unknown == "mainland":
        return End(EndClass.MAINLAND, provider.name, f"{provider.name} regions are all mainland")
    return End(EndClass.UNKNOWN, "region", reason)  # named, never blank


def _from_value(provider: Provider, value: Any, attr: str, line: int | None,
                policy: Policy, how: str, catalogue: Catalogue) -> End:
    if isinstance(value, str) and value.strip():
        return classify_region(provider, value, attr, line,
                               how if how != "its own argument" else "", catalogue)
    owned = owned_end(value, REGION, attr, line, catalogue, policy)  # another resource's region
    if owned is not None:
        return owned
    u = first_unknown(value) or Unknown(f'{attr} is ""')
    default = policy_default(provider, policy)
    if default is not None:
        end = classify_region(provider, default, how="default_region in the policy")
        return replace(end, reason=f"{end.reason}; {attr} is unknown: {u.reason}")
    return _unknown_region(provider, f"{attr} is unknown: {u.reason}"
                           f"{_unused_default(provider, policy)}")
