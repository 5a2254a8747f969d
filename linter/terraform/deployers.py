"""Terraform resources that deploy Kubernetes objects (`checks/deployers.yaml`), judged like the
objects they create (SPEC §9): a workload resource (`kubernetes_deployment` ...), a
`kubernetes_manifest` holding a workload, or a `helm_release` of a known tunnel chart
(`checks/charts.yaml`) answers the Subject protocol's `pod` with the view of the pod it runs,
so the workload checks read it with the same detectors as a manifest. ConfigMaps and Secrets
the pod reads are the `kubernetes_config_map`/`kubernetes_secret` resources (and manifests) of
the same configuration, looked up by name. Where the cluster is: the region of the stack."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .. import data_files, lazy_re
from ..geo.region import classify_region
from ..model import End, EndClass
from ..records import dataclass
from ..resources import checks_dir
from .values import is_obj

if TYPE_CHECKING:
    from ..geo.geography import Catalogue
    from ..pod_spec import ConfigData
    from ..policy import Policy
    from ..subject import PodView, Subject

_MAX_DEPTH = 48
_MAX_STACK = 200  # resources of the stack read for its region


@dataclass(frozen=True)
class Deployers:
    workloads: dict[str, str]  # resource type -> pod spec path (provider block names)
    configs: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]  # kind, text, base64 attrs
    manifests: dict[str, str]  # resource type -> attribute holding the object
    manifest_text: tuple[str, ...]  # manifest types whose attribute is YAML text
    documents: dict[str, dict[str, str]]  # data source -> its content attribute and outputs
    objects: dict[str, dict[str, Any]]  # typed resource -> apiVersion, kind, rename
    decoders: dict[str, str]  # provider function decoding YAML manifests -> `one` | `all`
    manifest_pod_specs: dict[str, str]  # kind -> pod spec path (API names)
    releases: dict[str, dict[str, Any]]
    manifest_releases: dict[str, dict[str, str]]  # kind -> paths of chart, values ...
    block_names: dict[str, tuple[str, bool]]  # provider name -> (API name, single object)
    attribute_names: frozenset[str] = frozenset()  # block_names that rename attributes too

    def deploys(self, type_: str) -> bool:
        return type_ in self.workloads or type_ in self.manifests or type_ in self.releases \
            or type_ in self.objects


def deployers(data: data_files.DataFiles | None = None) -> Deployers:
    """`checks/deployers.yaml`, read once per process: through `data` (the user's cache of
    parsed data files) when the first caller has it; its content is the same either way."""
    return _loaded[0] if _loaded else _loaded.setdefault(0, _read(data))


_loaded: dict[int, Deployers] = {}  # filled on first use


def _read(data: data_files.DataFiles | None) -> Deployers:
    raw = data_files.load_file(checks_dir() / "deployers.yaml", data) or {}
    return Deployers(
        {str(k): str(v["pod_spec"]) for k, v in (raw.get("workloads") or {}).items()},
        {str(k): (str(v["kind"]), tuple(v.get("data") or ()), tuple(v.get("base64") or ()))
         for k, v in (raw.get("configs") or {}).items()},
        {str(k): str(v) for k, v in (raw.get("manifests") or {}).items()},
        tuple(str(t) for t in raw.get("manifest_text") or ()),
        {str(k): {str(a): str(p) for a, p in v.items()}
         for k, v in (raw.get("documents") or {}).items()},
        {str(k): dict(v) for k, v in (raw.get("objects") or {}).items()},
        {str(k): str(v) for k, v in (raw.get("decoders") or {}).items()},
        {str(k): str(v) for k, v in (raw.get("manifest_pod_specs") or {}).items()},
        {str(k): dict(v) for k, v in (raw.get("releases") or {}).items()},
        {str(k): {str(a): str(p) for a, p in v.items()}
         for k, v in (raw.get("manifest_releases") or {}).items()},
        {str(k): (str(v["name"]), bool(v.get("object"))) for k, v in
         (raw.get("block_names") or {}).items()},
        frozenset(str(k) for k, v in (raw.get("block_names") or {}).items()
                  if v.get("attribute")))


# -- values as plain data ---------------------------------------------------------------------
def plain(value: Any, depth: int = 0) -> Any:
    """A resource's value with its nested blocks as plain dicts and lists."""
    if depth > _MAX_DEPTH:
        return None
    if is_obj(value) and hasattr(value, "keys"):
        names: list[str] = list(value.keys())
        return {k: plain(value.get(k), depth + 1) for k in names}
    if isinstance(value, Mapping):
        return {str(k): plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, depth + 1) for v in value]
    return value


_SNAKE = lazy_re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def to_api(node: Any, depth: int = 0) -> Any:
    """The provider's block tree (singular snake_case blocks) as the Kubernetes API writes it."""
    if depth > _MAX_DEPTH:
        return None
    names = deployers().block_names
    if isinstance(node, list):
        return [to_api(v, depth + 1) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        plain_name = _camel(key) if _SNAKE.match(key) else key
        # block names rename blocks (lists); an attribute of the same name (a Service port's
        # `port`) keeps its own
        renamed = isinstance(value, list) or key in deployers().attribute_names
        name, single = names.get(key, (plain_name, False)) if renamed else (plain_name, False)
        if single and isinstance(value, list):
            value = value[0] if value else None
        out[name] = to_api(value, depth + 1)
    return out


def _at(node: Any, path: str) -> Any:
    """A dotted path into plain data; a one-element list (a nested block) is stepped into."""
    for step in path.split("."):
        if isinstance(node, list):
            node = node[0] if len(node) == 1 else None
        node = node.get(step) if isinstance(node, dict) else None
    if isinstance(node, list) and len(node) == 1 and isinstance(node[0], dict):
        node = node[0]
    return node


# -- the pod a resource runs ------------------------------------------------------------------
def deployed_pod(subject: Subject) -> PodView | None:
    """The pod the resource deploys, None when it deploys none (or is no deployer). The
    objects of a manifest resource are subjects of their own (manifests.ManifestObject)."""
    d = deployers()
    spec: Any = None
    if subject.type in d.workloads:
        path = d.workloads[subject.type]
        head = path.split(".", 1)[0]
        spec = to_api(_at({head: plain(subject.get(head))}, path))
    elif subject.type in d.releases:
        spec = _release_pod(subject, d.releases[subject.type])
    if not isinstance(spec, dict):
        return None
    from ..pod_spec import pod_view  # deployed pods only: ~1 ms at start-up of other scans

    return pod_view(spec, lambda kind, name: manifest_config(subject, kind, name),
                    subject.line, subject.column)


def object_pod(obj: dict[str, Any], lookup: Any, line: int, column: int) -> PodView | None:
    """The pod a Kubernetes object declared through Terraform runs: a workload's pod template,
    or a known tunnel chart released by a GitOps object (Argo CD Application, HelmRelease)."""
    d = deployers()
    kind = obj.get("kind")
    spec: Any = None
    if isinstance(kind, str) and kind in d.manifest_pod_specs:
        spec = _at(obj, d.manifest_pod_specs[kind])
    elif isinstance(kind, str) and kind in d.manifest_releases:
        spec = _manifest_release_pod(obj, d.manifest_releases[kind])
    if not isinstance(spec, dict):
        return None
    from ..pod_spec import pod_view  # see deployed_pod

    return pod_view(spec, lookup, line, column)


def _release_pod(subject: Subject, attrs: dict[str, Any]) -> dict[str, Any] | None:
    chart = subject.get(str(attrs["chart"]))
    repository = subject.get(str(attrs.get("repository", "")))
    return _chart_pod(chart, repository, release_values(subject, attrs))


def _chart_pod(chart: Any, repository: Any, values: dict[str, Any]) -> dict[str, Any] | None:
    """The pod a known tunnel chart runs with these values; None for any other chart."""
    if not isinstance(chart, str):
        return None
    from ..known_charts import chart_env, chart_name, identify_chart  # releases only

    known = identify_chart(chart, repository if isinstance(repository, str) else "", values)
    if known is None:
        return None
    container: dict[str, Any] = {"name": f"chart {chart_name(chart) or 'chart'}",
                                 "image": known[1], "env": chart_env(values, known[0])}
    return {"containers": [container]}


def _manifest_release_pod(obj: dict[str, Any], paths: dict[str, str]) -> dict[str, Any] | None:
    """A GitOps release (Argo CD Application, Flux HelmRelease) declared in a manifest."""
    values: dict[str, Any] = {}
    text = _at(obj, paths["values_text"]) if "values_text" in paths else None
    import yaml  # only for a release's values

    try:
        parsed = yaml.safe_load(text) if isinstance(text, str) else None
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, dict):
        values = _merge(values, parsed)
    given = _at(obj, paths["values"]) if "values" in paths else None
    if isinstance(given, dict):
        values = _merge(values, given)
    params = _at(obj, paths["parameters"]) if "parameters" in paths else None
    from ..known_charts import set_scalar, set_value
    for p in params if isinstance(params, list) else [params] if isinstance(params, dict) else []:
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            set_value(values, p["name"], set_scalar(p.get("value")))
    return _chart_pod(_at(obj, paths["chart"]),
                      _at(obj, paths["repository"]) if "repository" in paths else "", values)


def release_values(subject: Subject, attrs: dict[str, Any]) -> dict[str, Any]:
    """The release's values: its `values` documents merged in order, then its `set` blocks."""
    values: dict[str, Any] = {}
    docs = plain(subject.get(str(attrs.get("values", "values"))))
    import yaml  # only for a release's values

    for doc in docs if isinstance(docs, list) else []:
        try:
            data = yaml.safe_load(doc) if isinstance(doc, str) else None
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            values = _merge(values, data)
    from ..known_charts import set_scalar, set_value

    for block in attrs.get("set") or ():
        items = plain(subject.get(str(block)))
        for item in items if isinstance(items, list) else []:
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name and "value" in item:
                set_value(values, name, set_scalar(item["value"]))
    return values


def _merge(into: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(into)
    for k, v in extra.items():
        out[str(k)] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) \
            else v
    return out


def manifest_config(subject: Subject, kind: str, name: str) -> ConfigData | None:
    """The ConfigMap or Secret `name` declared in the subject's configuration, by a config
    resource or a manifest resource."""
    from ..pod_spec import ConfigData  # see deployed_pod

    d = deployers()
    types = tuple(t for t, (k, _, _) in d.configs.items() if k == kind)
    for other in subject.peers(types):
        meta = _at(plain(other.get("metadata")), "name") if other.has("metadata") else None
        if meta != name:
            continue
        _, text_attrs, b64_attrs = d.configs[other.type]
        keys: dict[str, str] = {}
        for attr, encoded in [(a, True) for a in b64_attrs] + [(a, False) for a in text_attrs]:
            data = plain(other.get(attr)) if other.has(attr) else None
            for k, v in data.items() if isinstance(data, dict) else ():
                if isinstance(v, str):
                    keys[str(k)] = _b64(v) if encoded else v
        return ConfigData(other.address, keys, other.file, other.line)
    from .manifests import config_keys, read_manifest  # manifests imports this module

    for other in subject.peers(tuple(d.manifests)):
        for doc in read_manifest(other)[0]:
            obj = doc.obj
            if obj.get("kind") != kind or _at(obj, "metadata.name") != name:
                continue
            keys = {k: v for k, v, _, _ in config_keys(obj) if isinstance(v, str)}
            return ConfigData(other.address, keys, other.file, doc.line)
    return None


def _b64(text: str) -> str:
    import base64  # Secrets declared in Terraform only: ~1 ms at start-up
    import binascii

    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return text


# -- where the cluster is ---------------------------------------------------------------------
def _stack_types(subject: Subject) -> Iterator[str]:
    """The resource types of the subject's configuration (a root module, a plan)."""
    from .instances import ResourceInstance
    from .plan import PlanResource

    if isinstance(subject, ResourceInstance):
        for module in subject.module.root_module.walk():
            yield from (k.split(".", 1)[0] for k in module.source.resources)
    elif isinstance(subject, PlanResource):
        for pm in subject.plan.root.walk():
            yield from (k.split(".", 1)[0] for k in pm.instances)


def stack_region(subject: Subject, catalogue: Catalogue, policy: Policy) -> End:
    """The region of the stack that deploys the object: the regions of the configuration's
    cloud resources when they are all on one side of the border, else default_region."""
    found: list[tuple[str, End]] = []
    read = 0
    for t in sorted(set(_stack_types(subject))):
        if catalogue.provider_for_type(t) is None:
            continue
        for other in subject.peers((t,)):
            read += 1
            if read > _MAX_STACK:
                break
            end = other.location(catalogue, policy)
            if end.cls in (EndClass.MAINLAND, EndClass.NON_MAINLAND):
                found.append((other.address, end))
    sides = {e.cls for _, e in found}
    if len(sides) == 1:
        address, end = found[0]
        return End(end.cls, end.value, f"{end.reason}: the region of the stack ({address}) "
                   f"that deploys {subject.address}", end.attribute, end.line)
    if policy.default_region:
        for provider in catalogue.providers.values():
            if provider.norm(policy.default_region) in provider.regions:
                return classify_region(provider, policy.default_region,
                                       how="default_region in the policy")
    why = "its resources are on both sides of the border" if sides else \
        "no resource of the stack has a region"
    return End(EndClass.UNKNOWN, "cluster", f"the cluster {subject.address} deploys to cannot be "
               f"placed: {why} (set default_region in the policy)")
