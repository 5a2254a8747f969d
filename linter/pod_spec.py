"""A pod's view (subject.PodView) built from a plain Kubernetes pod spec (camelCase, as the API
writes it): for front ends whose workloads are not YAML documents with positions, such as
Terraform resources that deploy Kubernetes objects. Env is resolved through `envFrom` and
`valueFrom` and ConfigMaps/Secrets are mounted through volumes by a lookup the front end gives;
`$(VAR)` is substituted into command and args. Every element is placed at one line and column
(the resource's): the finding stays at the resource, like every other Terraform finding.

Values that are not plain text (unknown until apply) are left out: a peer that is not named is
judged as not named."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import lazy_re
from .model import Origin
from .records import dataclass
from .subject import ConfigText, ContainerView, EnvValue, HostPort, PodView
from .tunnels import is_system_image, split_command, substitute


@dataclass(frozen=True)
class ConfigData:
    """A ConfigMap or Secret the pod can read: its keys as text, and where it is declared."""

    resource: str  # how it reads in messages: `kubernetes_secret.frp`
    values: Mapping[str, str]
    file: str
    line: int


Lookup = Callable[[str, str], "ConfigData | None"]  # (kind, name) -> the ConfigMap/Secret


def _map(node: Any) -> Mapping[str, Any]:
    return node if isinstance(node, Mapping) else {}


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _origin(src: ConfigData, key: str) -> Origin:
    return Origin(src.file, src.line, f"{src.resource} key {key}")


def _env(c: Mapping[str, Any], lookup: Lookup, line: int) -> dict[str, EnvValue]:
    out: dict[str, EnvValue] = {}
    for ref in _list(c.get("envFrom")):
        ref = _map(ref)
        prefix = _text(ref.get("prefix")) or ""
        for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            name = _text(_map(ref.get(key)).get("name"))
            src = lookup(kind, name) if name else None
            if src is None:
                continue
            for k, v in sorted(src.values.items()):
                out[prefix + k] = EnvValue(prefix + k, v, line, f"{src.resource} {k}",
                                           _origin(src, k))
    for item in _list(c.get("env")):
        item = _map(item)
        name = _text(item.get("name"))
        if not name:
            continue
        literal = _text(item.get("value"))
        if literal is not None:
            out[name] = EnvValue(name, literal, line, f"env {name}")
            continue
        vf = _map(item.get("valueFrom"))
        for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
            ref = _map(vf.get(key))
            ref_name, wanted = _text(ref.get("name")), _text(ref.get("key"))
            src = lookup(kind, ref_name) if ref_name and wanted else None
            if src is not None and wanted is not None and wanted in src.values:
                out[name] = EnvValue(name, src.values[wanted], line,
                                     f"env {name} from {src.resource}", _origin(src, wanted))
    return out


def _volume_sources(vol: Mapping[str, Any], lookup: Lookup) -> list[ConfigData]:
    refs: list[tuple[str, str | None]] = [
        ("ConfigMap", _text(_map(vol.get("configMap")).get("name"))),
        ("Secret", _text(_map(vol.get("secret")).get("secretName")))]
    for s in _list(_map(vol.get("projected")).get("sources")):
        s = _map(s)
        refs += [("ConfigMap", _text(_map(s.get("configMap")).get("name"))),
                 ("Secret", _text(_map(s.get("secret")).get("name")))]
    return [src for kind, name in refs if name and (src := lookup(kind, name)) is not None]


def _container(c: Mapping[str, Any], spec: Mapping[str, Any], lookup: Lookup, line: int,
               column: int) -> ContainerView:
    env = _env(c, lookup, line)
    literal = {k: e.value for k, e in env.items()}
    words: list[str] = []
    for key in ("command", "args"):
        part = c.get(key)
        words += [t for w in _list(part) if (t := _text(w)) is not None] \
            if isinstance(part, list) else [t] if (t := _text(part)) else []
    argv = tuple(split_command(substitute(w, literal) for w in words))
    image = _text(c.get("image")) or ""
    volumes = {_text(v.get("name")): v for v in map(_map, _list(spec.get("volumes")))}
    mounted: list[ConfigText] = []
    host_paths: list[str] = []
    for m in map(_map, _list(c.get("volumeMounts"))):
        vol = volumes.get(_text(m.get("name")))
        if vol is None:
            continue
        for src in _volume_sources(vol, lookup):
            mounted += [ConfigText(v, f"{src.resource} {k}", None, _origin(src, k))
                        for k, v in sorted(src.values.items())]
        path = _text(_map(vol.get("hostPath")).get("path"))
        if path:
            host_paths.append(path.rstrip("/"))
    sc = _map(c.get("securityContext"))
    caps = tuple(t.upper().removeprefix("CAP_")
                 for a in _list(_map(sc.get("capabilities")).get("add"))
                 if (t := _text(a)) is not None)
    res = _map(c.get("resources"))
    resources = tuple(str(k) for section in ("limits", "requests")
                      for k in _map(res.get(section)))
    ports = tuple(HostPort(int(p["hostPort"]), (_text(p.get("protocol")) or "TCP").upper(), line)
                  for p in map(_map, _list(c.get("ports")))
                  if isinstance(p.get("hostPort"), int) and not isinstance(p["hostPort"], bool))
    name = _text(c.get("name"))
    return ContainerView(f"container {name}" if name else "a container", line, column, image,
                         bool(image) and is_system_image(image), argv, env, tuple(mounted),
                         caps, sc.get("privileged") is True, tuple(host_paths), resources, ports)


def pod_view(spec: Mapping[str, Any], lookup: Lookup, line: int, column: int) -> PodView:
    """The view of the pod `spec` describes (init, regular and ephemeral containers)."""
    containers = tuple(_container(_map(c), spec, lookup, line, column)
                       for key in ("initContainers", "containers", "ephemeralContainers")
                       for c in _list(spec.get(key)) if isinstance(c, Mapping))
    sysctls = tuple((n, (_text(s.get("value")) or "").strip().lower(), line)
                    for s in map(_map, _list(_map(spec.get("securityContext")).get("sysctls")))
                    if (n := _text(s.get("name"))))
    return PodView(containers, sysctls)


_FACT = lazy_re.compile(r"^containers(?:\[(\d*)\])?\.(image|env\.(\*|[A-Za-z_][A-Za-z0-9_.\-]*))$")


def view_facts(pod: PodView, path: str) -> list[tuple[Any, int | None, str, str]] | None:
    """The pod facts a target reads by path (`containers[].image`, `containers[].env.NAME`,
    `containers[].env.*`) as (value, line, key, where); None for any other path."""
    m = _FACT.match(path)
    if m is None:
        return None
    out: list[tuple[Any, int | None, str, str]] = []
    for i, c in enumerate(pod.containers):
        if m.group(1) and int(m.group(1)) != i:
            continue
        if m.group(2) == "image":
            out += [(c.image, c.line, "image", f"containers[{i}].image")] if c.image else []
            continue
        names = sorted(c.env) if m.group(3) == "*" else [m.group(3)]
        out += [(c.env[n].value, c.env[n].line, n, f"containers[{i}].env.{n}")
                for n in names if n in c.env]
    return out
