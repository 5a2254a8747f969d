"""Hand-written `terraform show -json` plan documents, in the shape Terraform 1.9 writes
(format_version "1.2"): `planned_values` without the values known only after apply,
`resource_changes[].change.after_unknown` marking them, and `configuration` with
`provider_config`, `provider_config_key`, `expressions` (`constant_value` / `references`, a
reference listed with each shorter form of it, as Terraform lists them), `module_calls` and
module `outputs`. Built from a compact description so each test states only what it is about."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_KEY = re.compile(r'\[("(?:[^"\\]|\\.)*"|\d+)\]$')


def refs(*traversals: str) -> dict[str, Any]:
    """`references` as Terraform lists them: `aws_eip.x.public_ip` also gives `aws_eip.x`."""
    out: list[str] = []
    for t in traversals:
        parts = t.split(".")
        if parts[0] in ("var", "local", "count", "each", "path"):
            out.append(t)
            continue
        if parts[0] == "module":
            out += [t, ".".join(parts[:2])] if len(parts) > 2 else [t]
            continue
        for n in range(len(parts), 1, -1):
            out.append(".".join(parts[:n]))
    return {"references": list(dict.fromkeys(out))}


def const(value: Any) -> dict[str, Any]:
    return {"constant_value": value}


@dataclass
class Res:
    """One managed resource instance: `address` with module path and key as Terraform prints it."""

    address: str
    values: dict[str, Any] = field(default_factory=dict)
    unknown: dict[str, Any] = field(default_factory=dict)
    expressions: dict[str, Any] = field(default_factory=dict)
    provider: str | None = None  # provider_config_key; default: the type's prefix

    @property
    def module(self) -> str:
        head, _, _ = self.address.rpartition(".")
        return head.rpartition(".")[0] if "." in head else ""

    @property
    def static_module(self) -> str:
        return re.sub(r'\[("(?:[^"\\]|\\.)*"|\d+)\]', "", self.module)

    @property
    def type_name(self) -> tuple[str, str]:
        local = self.address[len(self.module) + 1:] if self.module else self.address
        local = _KEY.sub("", local)
        type_, name = local.split(".")
        return type_, name

    @property
    def index(self) -> Any:
        m = _KEY.search(self.address)
        return json.loads(m.group(1)) if m else None


def plan(resources: list[Res], providers: dict[str, dict[str, Any]],
         calls: dict[str, dict[str, Any]] | None = None,
         variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """A plan document. `providers`: key -> expressions; `calls`: static module path
    (`module.edge`) -> {"source", "expressions", "outputs": {name: expression}}."""
    modules: dict[str, list[dict[str, Any]]] = {}
    config: dict[str, dict[str, Any]] = {"": {"resources": []}}
    for static in sorted(calls or {}):
        config.setdefault(static, {"resources": []})
    changes = []
    for r in resources:
        type_, name = r.type_name
        raw: dict[str, Any] = {"address": r.address, "mode": "managed", "type": type_,
                               "name": name, "schema_version": 0, "values": r.values,
                               "sensitive_values": {}}
        if r.index is not None:
            raw["index"] = r.index
        modules.setdefault(r.module, []).append(raw)
        changes.append({"address": r.address, "mode": "managed", "type": type_, "name": name,
                        "change": {"actions": ["create"], "before": None, "after": r.values,
                                   "after_unknown": {"id": True, **r.unknown}}})
        mod = config.setdefault(r.static_module, {"resources": []})
        if not any(c["type"] == type_ and c["name"] == name for c in mod["resources"]):
            mod["resources"].append({
                "address": f"{type_}.{name}", "mode": "managed", "type": type_, "name": name,
                "provider_config_key": r.provider or type_.split("_", 1)[0],
                "expressions": r.expressions, "schema_version": 0})
    return {
        "format_version": "1.2", "terraform_version": "1.9.8",
        "variables": {k: {"value": v} for k, v in (variables or {}).items()},
        "planned_values": {"root_module": _planned("", modules)},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                key: {"name": key.split(".")[0], **({"alias": key.split(".")[1]}
                                                    if "." in key else {}),
                      "expressions": exprs}
                for key, exprs in providers.items()},
            "root_module": _config("", config, calls or {})},
    }


_CALL = r'module\.[\w-]+(\["(?:[^"\\]|\\.)*"\]|\[\d+\])?'


def _planned(address: str, modules: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out: dict[str, Any] = {"resources": modules.get(address, [])}
    if address:
        out["address"] = address
    prefix = f"{address}." if address else ""
    known = set(modules)  # a module instance holding only modules is listed through them
    direct = sorted({m[:len(prefix)] + re.match(_CALL, m[len(prefix):]).group(0)  # type: ignore[union-attr]
                     for m in known if m.startswith(prefix) and m != address and
                     re.match(_CALL, m[len(prefix):])})
    if direct:
        out["child_modules"] = [_planned(c, modules) for c in direct]
    return out


def _config(static: str, config: dict[str, dict[str, Any]],
            calls: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"resources": config.get(static, {}).get("resources", [])}
    prefix = f"{static}." if static else ""
    children = sorted(c for c in config if re.fullmatch(re.escape(prefix) + r"module\.[\w-]+", c))
    if children:
        out["module_calls"] = {}
        for child in children:
            call = calls.get(child, {})
            module = _config(child, config, calls)
            module["outputs"] = {k: {"expression": v}
                                 for k, v in call.get("outputs", {}).items()}
            out["module_calls"][child.rsplit(".", 1)[-1]] = {
                "source": call.get("source", "./" + child.rsplit(".", 1)[-1]),
                "expressions": call.get("expressions", {}), "module": module}
    return out
