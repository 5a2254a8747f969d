"""Known tunnel and proxy Helm charts (`checks/charts.yaml`), shared by the front ends that see
a chart deployed without its templates: GitOps releases of a remote chart (Kubernetes) and
Terraform `helm_release`. A release is identified by its chart name, its repository, or the
image its values set, and stands for a container of that image with the environment its
values give it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .records import dataclass
from .resources import checks_dir
from .tunnels import match_image


@dataclass(frozen=True)
class KnownChart:
    software: str
    charts: tuple[str, ...]
    repositories: tuple[str, ...]
    image: str
    image_values: tuple[str, ...]
    env_values: tuple[tuple[str, str], ...]


@lru_cache(maxsize=2)
def known_charts(root: Path | None = None) -> tuple[KnownChart, ...]:
    import yaml  # only when a chart is identified

    path = (root or checks_dir()) / "charts.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return tuple(KnownChart(str(c["software"]), tuple(c.get("charts") or ()),
                            tuple(c.get("repositories") or ()), str(c["image"]),
                            tuple(c.get("image_values") or ()),
                            tuple((str(k), str(v)) for k, v in (c.get("env_values") or {}).items()))
                 for c in (raw or {}).get("charts") or ())


def chart_name(chart: str) -> str:
    """`oci://ghcr.io/x/cloudflare-tunnel:0.3` -> `cloudflare-tunnel`."""
    return chart.rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0]


def identify_chart(chart: str, repository: str,
                   values: dict[str, Any]) -> tuple[KnownChart, str] | None:
    """The known chart a release deploys, and the image it runs."""
    name = chart_name(chart).lower()
    for known in known_charts():
        image = _image(values, known)
        if image is not None and (m := match_image(image)) is not None:
            if m[0].name == known.software:
                return known, image
            continue  # the values run other software than the chart's default
        if name in known.charts or any(s in repository for s in known.repositories):
            return known, image or known.image
    return None


def _image(values: dict[str, Any], known: KnownChart) -> str | None:
    for path in known.image_values:
        parts = path.split(".")
        node: Any = values
        for p in parts:
            node = node.get(p) if isinstance(node, dict) else None
        if isinstance(node, str) and node:
            parent: Any = values
            for p in parts[:-1]:
                parent = parent.get(p) if isinstance(parent, dict) else None
            tag = parent.get("tag") if isinstance(parent, dict) and parts[-1] == "repository" \
                else None
            return f"{node}:{tag}" if isinstance(tag, (str, int, float)) and tag else node
    return None


def chart_env(values: dict[str, Any], known: KnownChart) -> list[dict[str, str]]:
    """The environment the chart gives its container from the release's values."""
    env = []
    for dotted, var in known.env_values:
        node: Any = values
        for p in dotted.split("."):
            node = node.get(p) if isinstance(node, dict) else None
        if isinstance(node, (str, int, float)) and not isinstance(node, bool):
            env.append({"name": var, "value": str(node)})
        elif isinstance(node, list) and all(isinstance(x, str) for x in node):
            env.append({"name": var, "value": " ".join(node)})
    return env


def set_value(values: dict[str, Any], dotted: str, value: Any) -> None:
    """`--set a.b=v` into a values tree."""
    parts = dotted.split(".")
    node = values
    for p in parts[:-1]:
        nxt = node.get(p)
        if not isinstance(nxt, dict):
            nxt = node[p] = {}
        node = nxt
    node[parts[-1]] = value


def set_scalar(value: Any) -> Any:
    """A `--set` value as Helm reads it: true/false, null and numbers are typed, else a string."""
    if not isinstance(value, str):
        return value
    if value in ("true", "false"):
        return value == "true"
    if value == "null":
        return None
    try:
        return int(value)
    except ValueError:
        return value
