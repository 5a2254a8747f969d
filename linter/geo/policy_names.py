"""Region names in a policy file, checked against the provider catalogues (SPEC §9): a
`default_region`, `kubernetes.region` or `kubernetes.paths` value no provider knows is a usage
error (exit 2) naming the value, where it is, and the nearest known names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..policy import PolicyError
from .geography import Catalogue, load_catalogue
from .names import nearest, nearest_anywhere, providers_knowing, suggestion


def check_region_names(raw: dict[str, Any], path: Path, text: str,
                       catalogue: Catalogue | None = None) -> None:
    """Raise a PolicyError for the first region name in `raw` that no catalogue knows."""
    default = raw.get("default_region")
    k8s = raw.get("kubernetes") or {}
    if default is None and not k8s.get("region") and not k8s.get("paths"):
        return
    cat = catalogue or load_catalogue()
    if isinstance(default, str):
        _known_somewhere(cat, default, ("default_region",), path, text, zones=False)
    elif isinstance(default, dict):
        for name, region in sorted(default.items()):
            where = ("default_region", name)
            provider = cat.providers.get(name)
            if provider is None:
                hint = suggestion(_close(name, sorted(cat.providers)))
                raise PolicyError(f"{_at(path, text, where)}: invalid policy at "
                                  f"default_region.{name}: {name!r} is not a provider exitlint "
                                  f"knows ({hint or 'known: ' + ', '.join(sorted(cat.providers))})")
            if provider.norm(region) not in provider.regions:
                hint = suggestion(nearest(provider, region))
                others = [p.name for p in providers_knowing(cat, region)]
                extra = f"; {region} is a region of {', '.join(others)}" if others else ""
                raise PolicyError(f"{_at(path, text, where)}: invalid policy at "
                                  f"default_region.{name}: {region!r} is not a region of {name}"
                                  f"{' (' + hint + ')' if hint else ''}{extra}")
    if isinstance(k8s.get("region"), str):
        _known_somewhere(cat, k8s["region"], ("kubernetes", "region"), path, text, zones=True)
    for glob, region in sorted((k8s.get("paths") or {}).items()):
        if isinstance(region, str):
            _known_somewhere(cat, region, ("kubernetes", "paths", glob), path, text, zones=True)


def _known_somewhere(cat: Catalogue, value: str, where: tuple[str, ...], path: Path, text: str,
                     zones: bool) -> None:
    if providers_knowing(cat, value, zones=zones):
        return
    hint = suggestion(nearest_anywhere(cat, value))
    raise PolicyError(f"{_at(path, text, where)}: invalid policy at {'.'.join(where)}: "
                      f"{value!r} is not a region of any provider exitlint knows"
                      f"{' (' + hint + ')' if hint else ''}")


def _close(value: str, names: list[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(value, names, n=3, cutoff=0.6)


def _at(path: Path, text: str, keys: tuple[str, ...]) -> str:
    """`path:line:column` of the value at `keys` in a YAML policy; `path` when not found (a
    pyproject.toml, or a document the composer cannot read)."""
    import yaml

    from .. import data_files

    if path.name == "pyproject.toml":
        return str(path)
    try:
        node: Any = yaml.compose(text, Loader=data_files.safe_loader())
    except yaml.YAMLError:
        return str(path)
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return str(path)
        node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        if node is None:
            return str(path)
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
