"""Where a Terraform resource is: its own argument, its parent, its provider, defaults (SPEC §2)."""

from __future__ import annotations

from typing import Any

from ..classify.catalogue import Catalogue, Provider
from ..classify.region import classify_region
from ..hcl import ast as A
from ..model import End, EndClass
from ..policy import Policy
from .instances import ResourceInstance
from .values import ResourceRef, Unknown, first_unknown, values_at

_MAX_HOPS = 8


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
    if (isinstance(value, ResourceRef) and isinstance(value.target, ResourceInstance)
            and (not types or value.target.type in types)):
        return value.target
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


def resource_region(inst: ResourceInstance, catalogue: Catalogue, policy: Policy,
                    hops: int = 0) -> End:
    provider = catalogue.provider_for_type(inst.type)
    if provider is None:
        return End(EndClass.UNKNOWN, "", f"{inst.type} belongs to no provider in the catalogue")
    # 1. the resource's own argument
    for attr in provider.resource_attributes:
        if inst.has(attr):
            value = inst.get(attr)
            if isinstance(value, str) and value.strip():
                return classify_region(provider, value, attr, inst.attr_line(attr))
            env_end = _bound_environment(inst, provider)
            if env_end is not None:
                return env_end
            return _from_value(provider, value, attr, inst.attr_line(attr), inst, policy, "")
    # 2. the parent it lives in (Azure child resources)
    if hops < _MAX_HOPS:
        for rule in provider.inherit:
            if inst.has(rule.attribute):
                parent = follow(inst, rule.attribute, rule.types)
                if parent is not None:
                    end = resource_region(parent, catalogue, policy, hops + 1)
                    return End(end.cls, end.value, f"{end.reason}, inherited from {parent.address}",
                               end.attribute, end.line)
    # 3. the provider configuration it is bound to
    key = provider_key(inst)
    bound = inst.module.provider(key)
    if bound is not None:
        pmod, pdecl = bound
        pscope = pmod.scope()
        body = pdecl.block.body
        for attr in provider.provider_attributes:
            if attr in body.attributes:
                value = pmod.project.evaluator.evaluate(body.attributes[attr].expr, pscope)
                return _from_value(provider, value, attr, body.attributes[attr].pos.line, inst,
                                   policy, f"provider {key} in {pdecl.file}")
        env_end = _environment(provider, pmod, pdecl, key)
        if env_end is not None and env_end.cls is not EndClass.UNKNOWN:
            return env_end
    # 4. documented provider default, 5. the policy's default_region
    if provider.default:
        return classify_region(provider, provider.default,
                               how=f"the {provider.name} provider's default region")
    if policy.default_region:
        return classify_region(provider, policy.default_region,
                               how="default_region in the policy")
    return _unknown_region(provider, f"no region is set for {inst.address} "
                           f"(set it on the provider, or default_region in the policy)")


def _bound_environment(inst: ResourceInstance, provider: Provider) -> End | None:
    key = provider_key(inst)
    bound = inst.module.provider(key)
    if bound is None:
        return None
    end = _environment(provider, bound[0], bound[1], key)
    return end if end is not None and end.cls is not EndClass.UNKNOWN else None


def _environment(provider: Provider, pmod: Any, pdecl: Any, key: str) -> End | None:
    if not provider.environment_attribute:
        return None
    attr = pdecl.block.body.attributes.get(provider.environment_attribute)
    if attr is None:
        return None
    value = pmod.project.evaluator.evaluate(attr.expr, pmod.scope())
    if not isinstance(value, str):
        return None
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
    return End(EndClass.UNKNOWN, "", reason)


def _from_value(provider: Provider, value: Any, attr: str, line: int | None,
                inst: ResourceInstance, policy: Policy, how: str) -> End:
    if isinstance(value, str) and value.strip():
        return classify_region(provider, value, attr, line, how if how != "its own argument" else "")
    u = first_unknown(value) or Unknown(f"{attr} is empty")
    if policy.default_region:
        end = classify_region(provider, policy.default_region, how="default_region in the policy")
        return End(end.cls, end.value, f"{end.reason}; {attr} is unknown: {u.reason}")
    return _unknown_region(provider, f"{attr} is unknown: {u.reason}")
