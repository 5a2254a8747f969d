"""Pod facts: what each container of a workload runs and sees, resolved the way the kubelet
resolves it: env from `env`, `envFrom` and `valueFrom` (ConfigMaps and Secrets of the scan),
`$(VAR)` substituted into command and args and shell scripts split into words, the ConfigMaps
and Secrets mounted into it (by volume, projected volumes included), and whether its image is a
known system image (CNI agents, kube-proxy, mesh init containers).

Every value read from a ConfigMap or Secret keeps its origin (file, line, `Kind/ns/name key K`),
so a finding can point at the key that gave it its remote end.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from ..model import Origin
from ..records import dataclass
from ..subject import ConfigText, ContainerView, EnvValue, HostPort, PodView
from ..tunnels import is_system_image, split_command, substitute
from .objects import ConfigIndex, ConfigSource, K8sObject, containers
from .paths import Found, parse_path
from .yaml_positions import YList, YMap


@dataclass
class EnvVar:
    name: str
    value: str
    line: int
    source: str
    origin: Origin | None = None  # the ConfigMap/Secret key it was read from


def key_origin(src: ConfigSource, key: str) -> Origin:
    return Origin(src.file, src.value_lines.get(key, src.line), f"{src.resource} key {key}")


def _env(container: YMap, namespace: str | None, configs: ConfigIndex,
         near: str) -> dict[str, EnvVar]:
    out: dict[str, EnvVar] = {}
    env_from = container.get("envFrom")
    if isinstance(env_from, YList):
        for i, ref in enumerate(env_from):
            if not isinstance(ref, YMap):
                continue
            prefix = str(ref.get("prefix") or "")
            for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                target = ref.get(key)
                if isinstance(target, YMap) and target.get("name"):
                    src = configs.get(kind, str(target["name"]), namespace, near)
                    if src is not None:
                        for k, v in src.values.items():
                            out[prefix + k] = EnvVar(prefix + k, v, env_from.line_of(i),
                                                     f"{src.resource} {k}", key_origin(src, k))
    env = container.get("env")
    if isinstance(env, YList):
        for i, item in enumerate(env):
            if not isinstance(item, YMap) or not item.get("name"):
                continue
            name = str(item["name"])
            if "value" in item and item["value"] is not None:
                out[name] = EnvVar(name, _text(item["value"]), env.line_of(i), f"env {name}")
                continue
            vf = item.get("valueFrom")
            if not isinstance(vf, YMap):
                continue
            for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                ref = vf.get(key)
                if isinstance(ref, YMap) and ref.get("name") and ref.get("key"):
                    src = configs.get(kind, str(ref["name"]), namespace, near)
                    k = str(ref["key"])
                    if src is not None and k in src.values:
                        out[name] = EnvVar(name, src.values[k], env.line_of(i),
                                           f"env {name} from {src.resource}", key_origin(src, k))
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _mounted(spec: YMap, container: YMap, namespace: str | None, configs: ConfigIndex,
             near: str) -> list[tuple[ConfigSource, str]]:
    """ConfigMaps and Secrets mounted into the container (by volume), as (source, mount path)."""
    mounts = container.get("volumeMounts")
    volumes = spec.get("volumes")
    if not isinstance(mounts, YList) or not isinstance(volumes, YList):
        return []
    by_name = {str(v.get("name")): v for v in volumes if isinstance(v, YMap)}
    out: list[tuple[ConfigSource, str]] = []
    for m in mounts:
        if not isinstance(m, YMap):
            continue
        vol = by_name.get(str(m.get("name")))
        if vol is None:
            continue
        path = str(m.get("mountPath") or "")
        for kind, name in _volume_refs(vol):
            src = configs.get(kind, name, namespace, near)
            if src is not None:
                out.append((src, path))
    return out


def _volume_refs(vol: YMap) -> list[tuple[str, str]]:
    refs: list[tuple[str, str]] = []
    cm = vol.get("configMap")
    if isinstance(cm, YMap) and cm.get("name"):
        refs.append(("ConfigMap", str(cm["name"])))
    sec = vol.get("secret")
    if isinstance(sec, YMap) and sec.get("secretName"):
        refs.append(("Secret", str(sec["secretName"])))
    proj = vol.get("projected")
    if isinstance(proj, YMap) and isinstance(proj.get("sources"), YList):
        for s in proj["sources"]:
            if not isinstance(s, YMap):
                continue
            for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                r = s.get(key)
                if isinstance(r, YMap) and r.get("name"):
                    refs.append((kind, str(r["name"])))
    return refs


@dataclass
class Container:
    node: YMap
    section: str
    image: str
    argv: list[str]
    env: dict[str, EnvVar]
    configs: list[tuple[ConfigSource, str]]
    system: bool

    @property
    def line(self) -> int:
        return self.node.line_of("image") if "image" in self.node else self.node.line

    @property
    def column(self) -> int:
        return self.node.column_of("image") if "image" in self.node else self.node.column

    @property
    def label(self) -> str:
        name = self.node.get("name")
        return f"container {name}" if name else "a container"


@dataclass(frozen=True)
class Text:
    """A configuration text a container sees: a mounted ConfigMap/Secret key or an env value."""

    text: str
    where: str
    line: int | None
    origin: Origin | None


def config_texts(c: Container) -> list[Text]:
    out: list[Text] = []
    for src, _ in c.configs:
        for k, v in sorted(src.values.items()):
            out.append(Text(v, f"{src.resource} {k}", None, key_origin(src, k)))
    for e in c.env.values():
        out.append(Text(e.value, e.source, e.line, e.origin))
    return out


def pod_containers(obj: K8sObject, spec: YMap, configs: ConfigIndex) -> list[Container]:
    """The facts of every container (init, regular and ephemeral) of a pod spec."""
    items: list[Container] = []
    for section, node in containers(spec):
        env = _env(node, obj.namespace, configs, obj.file)
        literal = {k: v.value for k, v in env.items()}
        words: list[Any] = []
        for key in ("command", "args"):
            part = node.get(key)
            if isinstance(part, YList):
                words.extend(part)
            elif isinstance(part, str):
                words.append(part)
        argv = split_command(substitute(str(a), literal) for a in words)
        image = str(node.get("image") or "")
        c = Container(node, section, image, argv, env,
                       _mounted(spec, node, obj.namespace, configs, obj.file),
                       bool(image) and is_system_image(image))
        items.append(c)
    return items



# -- pod facts as paths (the Subject protocol's `values` and `origins`) ---------------------------
FACT_ROOTS = frozenset({"containers", "pod", "ports"})


@dataclass(frozen=True)
class _Fact:
    found: Found
    origin: Origin | None = None


def _view(c: Container, spec: YMap) -> ContainerView:
    """The container as the engine's detectors see it (subject.ContainerView)."""
    node = c.node
    sc = node.get("securityContext")
    caps = sc.get("capabilities") if isinstance(sc, YMap) else None
    added = caps.get("add") if isinstance(caps, YMap) else None
    capabilities = tuple(str(a).upper().removeprefix("CAP_") for a in added) \
        if isinstance(added, YList) else ()
    volumes = spec.get("volumes")
    host: dict[str, str] = {}
    for v in volumes if isinstance(volumes, YList) else ():
        hp = v.get("hostPath") if isinstance(v, YMap) else None
        if isinstance(hp, YMap):
            host[str(v.get("name"))] = str(hp.get("path", "")).rstrip("/")
    mounts = node.get("volumeMounts")
    host_paths = tuple(host[str(m.get("name"))] for m in mounts
                       if isinstance(m, YMap) and str(m.get("name")) in host) \
        if isinstance(mounts, YList) else ()
    res = node.get("resources")
    resources = tuple(key for section in ("limits", "requests")
                      if isinstance(res, YMap) and isinstance(block := res.get(section), YMap)
                      for key in block)
    ports = node.get("ports")
    host_ports = tuple(HostPort(int(p["hostPort"]), str(p.get("protocol") or "TCP").upper(),
                                ports.line_of(i))
                       for i, p in enumerate(ports)
                       if isinstance(p, YMap) and isinstance(p.get("hostPort"), int)) \
        if isinstance(ports, YList) else ()
    mounted = tuple(ConfigText(v, f"{src.resource} {k}", None, key_origin(src, k))
                    for src, _ in c.configs for k, v in sorted(src.values.items()))
    env = {k: EnvValue(e.name, e.value, e.line, e.source, e.origin) for k, e in c.env.items()}
    return ContainerView(c.label, c.line, c.column, c.image, c.system, tuple(c.argv), env,
                         mounted, capabilities,
                         isinstance(sc, YMap) and sc.get("privileged") is True, host_paths,
                         resources, host_ports)


@dataclass
class PodFacts:
    """The facts of one workload, answered by path:

    - `containers[].image`, `containers[].system`;
    - `containers[].argv` (`$(VAR)` substituted, shell split; one value per word);
    - `containers[].env.NAME` / `containers[].env.*` (resolved through envFrom and valueFrom);
    - `containers[].config_texts` (mounted ConfigMap/Secret keys and env values);
    - `pod.sysctls` (`name=value`), `ports[].hostPort` (`hostPort/PROTOCOL`).

    Values read from a ConfigMap or Secret answer `origins()` with that key."""

    spec: YMap
    containers: list[Container]

    @cached_property
    def view(self) -> PodView:
        """The pod as the engine's detectors see it (the Subject protocol's `pod`)."""
        sc = self.spec.get("securityContext")
        items = sc.get("sysctls") if isinstance(sc, YMap) else None
        sysctls = tuple((str(s.get("name", "")), str(s.get("value", "")).strip().lower(),
                         items.line_of(i)) for i, s in enumerate(items) if isinstance(s, YMap)) \
            if isinstance(items, YList) else ()
        return PodView(tuple(_view(c, self.spec) for c in self.containers), sysctls)

    def found(self, path: str) -> list[Found]:
        return [f.found for f in self._facts(path)]

    def origins(self, path: str) -> tuple[Origin, ...]:
        """The origin of the values at `path`, or of the one value found at that exact place."""
        return tuple(dict.fromkeys(f.origin for f in self._facts(path) if f.origin is not None))

    def _facts(self, path: str) -> list[_Fact]:
        parsed = parse_path(path)
        steps = tuple(s.key for s in parsed)
        if steps == ("pod", "sysctls"):
            return self._sysctls()
        out: list[_Fact] = []
        for i, c in enumerate(self.containers):
            if parsed[0].index is not None and parsed[0].index != i:
                continue
            if steps[:1] == ("ports",) and steps[1:] == ("hostPort",):
                out += _host_ports(c, i)
            elif steps[:1] == ("containers",) and len(steps) > 1:
                out += _container_facts(c, f"containers[{i}]", steps[1:])
        return out

    def _sysctls(self) -> list[_Fact]:
        sc = self.spec.get("securityContext")
        items = sc.get("sysctls") if isinstance(sc, YMap) else None
        if not isinstance(items, YList):
            return []
        return [_Fact(Found(f"{s.get('name', '')}={s.get('value', '')}", f"pod.sysctls[{i}]",
                            "sysctls", items.line_of(i)))
                for i, s in enumerate(items) if isinstance(s, YMap)]


def _host_ports(c: Container, index: int) -> list[_Fact]:
    ports = c.node.get("ports")
    if not isinstance(ports, YList):
        return []
    return [_Fact(Found(f"{p['hostPort']}/{str(p.get('protocol') or 'TCP').upper()}",
                        f"containers[{index}].ports[{i}].hostPort", "hostPort", ports.line_of(i)))
            for i, p in enumerate(ports) if isinstance(p, YMap) and isinstance(p.get("hostPort"), int)]


def _container_facts(c: Container, at: str, rest: tuple[str, ...]) -> list[_Fact]:
    head = rest[0]
    if rest == ("image",) and c.image:
        return [_Fact(Found(c.image, f"{at}.image", "image", c.line))]
    if rest == ("system",):
        return [_Fact(Found(c.system, f"{at}.system", "system", c.line))]
    if rest == ("argv",):
        return [_Fact(Found(w, f"{at}.argv[{j}]", "argv", c.line)) for j, w in enumerate(c.argv)]
    if head == "env" and len(rest) == 2:
        names = sorted(c.env) if rest[1] == "*" else [rest[1]]
        return [_Fact(Found(c.env[n].value, f"{at}.env.{n}", n, c.env[n].line), c.env[n].origin)
                for n in names if n in c.env]
    if rest == ("config_texts",):
        return [_Fact(Found(t.text, f"{at}.config_texts[{j}]", t.where, t.line or c.line),
                      t.origin) for j, t in enumerate(config_texts(c))]
    return []
