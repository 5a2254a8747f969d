"""The region catalogue and vocabularies, read from `checks/providers` and `checks/vocabularies`."""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import data_files
from ..records import dataclass
from ..resources import checks_dir


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    mainland: bool
    place: str | None


@dataclass(frozen=True)
class Inherit:
    attribute: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Provider:
    name: str
    prefixes: tuple[str, ...]
    resource_attributes: tuple[str, ...]
    provider_attributes: tuple[str, ...]
    default: str | None
    unknown: str
    unlisted: str
    normalise: str
    inherit: tuple[Inherit, ...]
    regions: dict[str, Region]
    environment_attribute: str | None = None
    environment_default: str | None = None
    environments: dict[str, str] = field(default_factory=dict)

    def norm(self, value: str) -> str:
        v = value.strip().lower()
        return v.replace(" ", "") if self.normalise == "lower-no-spaces" else v


@dataclass(frozen=True)
class Term:
    key: str
    cls: str
    name: str
    carrier: str | None
    licensed: bool | None


@dataclass(frozen=True)
class Vocabulary:
    name: str
    match: str
    values: dict[str, Term]

    def norm(self, value: str) -> str:
        if self.match == "exact":
            return value.strip()
        v = value.strip().lower()
        return v.replace(" ", "") if self.match == "lower-no-spaces" else v

    def lookup(self, value: str) -> Term | None:
        return self.values.get(self.norm(value))


@dataclass(frozen=True)
class Catalogue:
    providers: dict[str, Provider]
    vocabularies: dict[str, Vocabulary]

    def provider_for_type(self, resource_type: str) -> Provider | None:
        best: Provider | None = None
        best_len = 0
        for p in self.providers.values():
            for prefix in p.prefixes:
                if resource_type.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = p, len(prefix)
        return best


def _provider(doc: dict[str, Any]) -> Provider:
    r = doc["region"]
    env = doc.get("environment") or {}
    norm = r["normalise"]
    p = Provider(
        name=doc["provider"], prefixes=tuple(doc["resource_prefixes"]),
        resource_attributes=tuple(r["resource_attributes"]),
        provider_attributes=tuple(r["provider_attributes"]), default=r.get("default"),
        unknown=r["unknown"], unlisted=r["unlisted"], normalise=norm,
        inherit=tuple(Inherit(i["attribute"], tuple(i["types"])) for i in r.get("inherit", [])),
        regions={}, environment_attribute=env.get("attribute"),
        environment_default=env.get("default"), environments=dict(env.get("values", {})),
    )
    for rid, info in (doc.get("regions") or {}).items():
        key = p.norm(str(rid))
        p.regions[key] = Region(str(rid), info.get("name", str(rid)), bool(info["mainland"]),
                                info.get("place"))
    return p


def _vocabulary(doc: dict[str, Any]) -> Vocabulary:
    v = Vocabulary(doc["vocabulary"], doc.get("match", "case-insensitive"), {})
    for key, info in (doc.get("values") or {}).items():
        v.values[v.norm(str(key))] = Term(str(key), info["class"], info.get("name", str(key)),
                                          info.get("carrier"), info.get("licensed"))
    return v


def _read_all(directory: Path, data: data_files.DataFiles | None) -> list[dict[str, Any]]:
    if not directory.is_dir():
        return []
    return [data_files.load_file(p, data) for p in sorted(directory.glob("*.yaml"))]


@lru_cache(maxsize=4)
def load_catalogue(root: Path | None = None, data: data_files.DataFiles | None = None) -> Catalogue:
    base = root or checks_dir()
    providers = {d["provider"]: _provider(d) for d in _read_all(base / "providers", data)}
    vocabs = {d["vocabulary"]: _vocabulary(d) for d in _read_all(base / "vocabularies", data)}
    return Catalogue(providers, vocabs)
