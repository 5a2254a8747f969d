"""Kubernetes objects in parsed documents: identity, `kind: List`, pod templates, config lookup."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..model import End, EndClass, Origin
from ..records import dataclass
from ..signatures import decode_base64
from .paths import Found, parse_path, walk
from .yaml_positions import Document, YList, YMap, _ymap

if TYPE_CHECKING:
    from ..geo.geography import Catalogue
    from ..policy import Policy
    from ..subject import PodView
    from ..suppressions import Suppression
    from .pods import PodFacts

# kinds whose pod spec sits at a known path (catalogue §0.2)
_POD_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "PodTemplate": ("template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
_TEMPLATE_PATH = ("spec", "template", "spec")
MAX_LIST_DEPTH = 4


@dataclass
class K8sObject:
    obj: YMap
    kind: str
    api_version: str
    name: str
    namespace: str | None
    file: str  # as shown in the report
    doc: Document
    region_start: int  # first line whose comments belong to this object
    end_line: int
    outer_start: int | None = None  # a List's own comment region, for items inside it
    outer_line: int | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # set by the scan: its suppressions, where its cluster runs, a workload's container facts
    # (pods.py) and the objects scanned with it (its `peers`)
    attached: tuple[Suppression, ...] = ()
    where: End | None = None
    facts: PodFacts | None = None
    scan: list[K8sObject] = field(default_factory=list, repr=False)

    # -- the Subject protocol (subject.py) ---------------------------------------------------
    @property
    def platform(self) -> str:
        return "kubernetes"

    @property
    def type(self) -> str:
        return self.kind

    @property
    def address(self) -> str:
        return self.resource

    @property
    def instance(self) -> str:
        return self.resource

    @property
    def column(self) -> int:
        return self.obj.column

    @property
    def root(self) -> str | None:
        return None

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        return self.attached

    @property
    def api_group(self) -> str | None:
        return self.group

    @property
    def pod(self) -> PodView | None:
        return self.facts.view if self.facts is not None else None

    def found(self, path: str) -> list[Found]:
        """Scalar values at a target path, with where each was found; `config.KEY` and
        `config.*` are the decoded keys of a ConfigMap or Secret."""
        steps = parse_path(path)
        if self.facts is not None and steps and steps[0].key in ("containers", "pod", "ports"):
            return self.facts.found(path)
        if steps and steps[0].key == "config":
            src = config_source(self)
            if src is None or len(steps) != 2:
                return []
            keys = sorted(src.values) if steps[1].key == "*" else [steps[1].key]
            return [Found(src.values[k], f"config {k}", k, src.value_lines.get(k, self.line))
                    for k in keys if k in src.values]
        # `spec.ports[]`: the entries of a list, whatever they are
        return list(walk(self.obj, steps, self.line, items=path.endswith("[]")))

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        return [(f.value, f.line) for f in self.found(path)]

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        return [(f.value, f.line, f.key, f.path) for f in self.found(path)]

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        return [(f.value, f.line) for f in walk(value, parse_path(path), self.line)]

    def has(self, name: str) -> bool:
        return bool(self.found(name))

    def get(self, name: str) -> Any:
        found = self.found(name)
        return found[0].value if found else None

    def attr_line(self, name: str) -> int | None:
        found = self.found(name)
        return found[0].line if found else None

    def follow(self, path: str, types: tuple[str, ...]) -> K8sObject | None:
        return None  # references between objects are resolved by the front end (pods.py)

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[K8sObject]:
        return iter(())

    def peers(self, types: tuple[str, ...]) -> Iterator[K8sObject]:
        """The objects scanned with it, of the kinds in `types` (every one when empty)."""
        return (o for o in self.scan if not types or o.kind in types)

    def configuration(self) -> object:
        return id(self.scan)  # the manifest set scanned together (alive for the whole scan)

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        """Where the cluster runs, as the scan located it (policy paths, region hints)."""
        return self.where or End(EndClass.UNKNOWN, "cluster", "the cluster's region is unknown")

    def origins(self, path: str) -> tuple[Origin, ...]:
        """The ConfigMap/Secret keys behind a pod fact (`containers[0].env.SERVER`)."""
        try:
            return self.facts.origins(path) if self.facts is not None else ()
        except ValueError:  # an End.attribute is not always a path
            return ()

    # -- identity ------------------------------------------------------------------------------
    @property
    def line(self) -> int:
        return self.obj.line

    @property
    def resource(self) -> str:
        """SPEC §7: `Kind/name`, or `Kind/namespace/name` when metadata.namespace is set."""
        if self.namespace:
            return f"{self.kind}/{self.namespace}/{self.name}"
        return f"{self.kind}/{self.name}"

    @property
    def group(self) -> str:
        return self.api_version.rsplit("/", 1)[0] if "/" in self.api_version else ""

    @property
    def metadata(self) -> YMap:
        m = self.obj.get("metadata")
        # `metadata: null`, a list or a string (or none at all): an empty mapping placed at the
        # object, so callers can read `.line` and `.get` without checking the type again
        return m if isinstance(m, YMap) else _ymap(self.obj.line, self.obj.column)

    def labels(self) -> dict[str, Any]:
        v = self.metadata.get("labels")
        return v if isinstance(v, dict) else {}

    def annotations(self) -> dict[str, Any]:
        v = self.metadata.get("annotations")
        return v if isinstance(v, dict) else {}


def _is_object(value: Any) -> bool:
    return (isinstance(value, YMap) and isinstance(value.get("kind"), str)
            and isinstance(value.get("apiVersion"), str))


def objects_in(docs: list[Document], file: str) -> Iterator[K8sObject]:
    """Every Kubernetes object: documents with apiVersion and kind; List items recursively."""
    for doc in docs:
        yield from _walk(doc.value, doc, file, doc.region_start, doc.end_line, None, None, 0)


def _walk(value: Any, doc: Document, file: str, start: int, end: int, outer_start: int | None,
          outer_line: int | None, depth: int) -> Iterator[K8sObject]:
    if not _is_object(value):
        return
    kind = value["kind"]
    items = value.get("items")
    if kind.endswith("List") and isinstance(items, YList) and depth < MAX_LIST_DEPTH:
        prev = value.line_of("items") + 1
        for i, item in enumerate(items):
            item_end = getattr(item, "end_line", items.line_of(i))
            yield from _walk(item, doc, file, prev, item_end,
                             outer_start if outer_start is not None else start,
                             outer_line if outer_line is not None else value.line, depth + 1)
            prev = item_end + 1
        return
    meta = value.get("metadata")
    name, namespace = "(unnamed)", None
    if isinstance(meta, YMap):
        raw = meta.get("name")
        if raw is None and meta.get("generateName"):
            raw = f"{meta['generateName']}*"
        if raw is not None:
            name = str(raw)
        if meta.get("namespace") not in (None, ""):
            namespace = str(meta["namespace"])
    yield K8sObject(value, kind, value["apiVersion"], name, namespace, file, doc, start, end,
                    outer_start, outer_line)


def pod_spec(obj: K8sObject) -> YMap | None:
    """The pod spec of a workload (core kinds, and CRDs that embed a pod template)."""
    path = _POD_PATHS.get(obj.kind, _TEMPLATE_PATH)
    cur: Any = obj.obj
    for key in path:
        if not isinstance(cur, YMap):
            return None
        cur = cur.get(key)
    if isinstance(cur, YMap) and isinstance(cur.get("containers"), YList):
        return cur
    return None


def pod_template_metadata(obj: K8sObject) -> YMap | None:
    path = {"Pod": ("metadata",), "CronJob": ("spec", "jobTemplate", "spec", "template",
                                              "metadata")}.get(obj.kind,
                                                               ("spec", "template", "metadata"))
    cur: Any = obj.obj
    for key in path:
        if not isinstance(cur, YMap):
            return None
        cur = cur.get(key)
    return cur if isinstance(cur, YMap) else None


def containers(spec: YMap) -> Iterator[tuple[str, YMap]]:
    for key in ("initContainers", "containers", "ephemeralContainers"):
        items = spec.get(key)
        if isinstance(items, YList):
            for c in items:
                if isinstance(c, YMap):
                    yield key, c


@dataclass
class ConfigSource:
    """A ConfigMap or Secret: its keys decoded to text."""

    kind: str
    name: str
    namespace: str | None
    file: str
    line: int
    values: dict[str, str]
    value_lines: dict[str, int]

    @property
    def resource(self) -> str:
        ns = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind}/{ns}{self.name}"


def config_source(obj: K8sObject) -> ConfigSource | None:
    if obj.kind not in ("ConfigMap", "Secret") or obj.api_version != "v1":
        return None
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for section, encoded in (("data", obj.kind == "Secret"), ("stringData", False),
                             ("binaryData", True)):
        block = obj.obj.get(section)
        if not isinstance(block, YMap):
            continue
        for k, v in block.items():
            if v is None:
                continue
            text = str(v)
            values[k] = decode_base64(text) if encoded else text
            lines[k] = block.line_of(k)
    return ConfigSource(obj.kind, obj.name, obj.namespace, obj.file, obj.line, values, lines)


class ConfigIndex:
    """ConfigMaps and Secrets of the whole input set, looked up by namespace and name."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, str], list[ConfigSource]] = {}

    def add(self, src: ConfigSource) -> None:
        self._by.setdefault((src.kind, src.name), []).append(src)

    def get(self, kind: str, name: str, namespace: str | None,
            near: str = "") -> ConfigSource | None:
        """The ConfigMap/Secret a pod in `near` (its file) refers to: same namespace first
        (or unspecified), then the same file, then the nearest directory."""
        found = self._by.get((kind, name))
        if not found:
            return None
        same = [s for s in found if s.namespace == namespace] or \
            [s for s in found if s.namespace is None or namespace is None]
        if not same:
            return None
        return max(same, key=lambda s: (s.file == near, _common(s.file, near)))

    def all(self) -> Iterator[ConfigSource]:
        for group in self._by.values():
            yield from group


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split("/")[:-1], b.split("/")[:-1], strict=False):
        if x != y:
            break
        n += 1
    return n
