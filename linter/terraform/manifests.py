"""Kubernetes objects declared through Terraform, as subjects the Kubernetes check targets judge.

`kubernetes_manifest.manifest` (an HCL object) and `kubectl_manifest.yaml_body` (YAML text,
often `file()`/`templatefile()`, or one entry of `data.kubectl_file_documents`) create any
Kubernetes object: a Karmada `Cluster`, an Argo CD cluster Secret, a Submariner broker, a
Tailscale `Connector`; a typed resource (`kubernetes_secret`, `_service` ...) creates one of its
kind. Each object becomes a `ManifestObject`: its type is the object's kind and
its API group the object's, so every Kubernetes target applies to it with the same path language
(`spec.endpoints[].host`, `metadata.labels["x/y"]`, `config.*` for the decoded keys of a
ConfigMap or Secret, `containers[].env.NAME` for its pod). It keeps the Terraform resource's
address, root and suppressions; a value is located at the key written in the configuration
when the manifest is an HCL object or inline YAML, else at the attribute, and its chain
(`related`) names the variables, locals and module arguments behind it, and the line of the
YAML file that `file()` read.

What cannot be read is said, never dropped: a manifest that is unknown (an unresolved
variable, a `templatefile` variable that shapes the YAML: manifest_yaml.py), invalid YAML, an
object without a known kind or apiVersion, documents of a `yaml_body` beyond the one the provider applies (see
`NOT_READ`, the `limit` target that reports them, in checks/)."""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..hcl import ast as A
from ..model import End, ResourceRef, Unknown
from ..records import dataclass
from .deployers import deployers, object_pod, plain, stack_region

# The paths, YAML and pod tables below are imported where a manifest or typed Kubernetes
# resource is read: `expand` runs on every Terraform scan, and most have none (~3 ms at
# start-up, a pre-commit run's).
if TYPE_CHECKING:
    from ..geo.geography import Catalogue
    from ..model import Origin
    from ..policy import Policy
    from ..subject import PodView, Subject
    from ..suppressions import Suppression
    from .manifest_paths import Found, KeyPath

NOT_READ = "terraform:manifest-not-read"  # the cut kind of a manifest that could not be read


# -- one object, where it is written -------------------------------------------------------------
@dataclass(frozen=True)
class ManifestDoc:
    """One Kubernetes object a resource declares, with where its keys are written."""

    obj: dict[str, Any]
    attr: str  # the resource attribute holding it
    line: int  # that attribute's line
    lines: dict[KeyPath, int]  # keys -> line in the resource's file
    file: str | None = None  # the YAML file `file()`/`templatefile()` read it from
    file_lines: dict[KeyPath, int] | None = None  # keys -> line in that file
    index: int = 0  # the document's position in a YAML text
    text: bool = False  # read from YAML text (its keys are not HCL keys of the attribute)
    # a typed resource (kubernetes_secret ...): the resource attribute behind each top-level
    # key of the object (`stringData` -> `data`, `metadata` -> `metadata`)
    typed: dict[str, str] | None = None

    def line_of(self, keys: KeyPath) -> int:
        """The line of the nearest written key on the way to `keys` in the Terraform file."""
        for n in range(len(keys), 0, -1):
            found = self.lines.get(keys[:n])
            if found is not None:
                return found
        return self.line

    def file_line(self, keys: KeyPath) -> int | None:
        for n in range(len(keys), 0, -1):
            found = (self.file_lines or {}).get(keys[:n])
            if found is not None:
                return found
        return None


# -- reading a resource's manifest ---------------------------------------------------------------
def _attr_expr(inst: Subject, attr: str) -> A.Expr | None:
    decl = getattr(inst, "decl", None)
    if decl is None:
        return None
    found = decl.block.body.attributes.get(attr)
    return found.expr if found is not None else None


def _text_source(inst: Subject, expr: A.Expr | None) -> tuple[int | None, str | None]:
    """Where the YAML text of an attribute is written: the first line of an inline string or
    heredoc in the resource's file, or the display path of the file `file()`/`templatefile()`
    reads (relative to the scan root)."""
    if isinstance(expr, A.Call) and expr.name == "yamldecode" and len(expr.args) == 1:
        return _text_source(inst, expr.args[0])
    if isinstance(expr, (A.Template, A.Literal)):
        # a heredoc's text starts on the line after its marker; a quoted string spans one
        # line, so the lines of the YAML inside it (written with \n) are not lines of the file
        heredoc = expr.pos.end_line > expr.pos.line
        return (expr.pos.line + 1 if heredoc else None), None
    from .instances import ResourceInstance  # instances imports this module

    if isinstance(expr, A.Call) and expr.name in ("file", "templatefile") and expr.args and \
            isinstance(inst, ResourceInstance):
        module = inst.module
        path = module.project.evaluator.evaluate(expr.args[0], inst.scope)
        if not isinstance(path, str):
            return None, None
        full = inst.scope.relative_to_cwd(path)  # where file() read it
        try:
            rel = posixpath.relpath(full.resolve().as_posix(),
                                    module.source.dir.resolve().as_posix())
        except (OSError, ValueError):
            return None, None
        return None, posixpath.normpath(posixpath.join(posixpath.dirname(inst.file), rel))
    return None, None


def read_manifest(inst: Subject) -> tuple[list[ManifestDoc], list[str]]:
    """The objects a manifest resource declares, and what could not be read of it; read once
    per resource instance (the pods of the configuration look their ConfigMaps up in it)."""
    memo = getattr(inst, "_manifest_docs", None)
    if memo is None:
        memo = _read_manifest(inst)
        with contextlib.suppress(AttributeError):  # no __dict__: read each time
            inst._manifest_docs = memo  # type: ignore[attr-defined]
    return memo


def _read_manifest(inst: Subject) -> tuple[list[ManifestDoc], list[str]]:
    from .manifest_paths import hcl_lines  # manifest resources only (see the imports)
    from .manifest_yaml import Holes, holed_text, unknown_reason, yaml_documents

    d = deployers()
    attr = d.manifests[inst.type]
    if not inst.has(attr):
        return [], []
    line = inst.attr_line(attr) or inst.line
    value = inst.get(attr)
    expr = _attr_expr(inst, attr)
    what = f"{inst.address}: {attr}"
    reason = unknown_reason(value)
    holes = Holes()
    text: Any = value
    if reason is not None:
        # a template whose interpolations are unknown: its YAML is read with unknown values
        text = holed_text(inst, expr, holes)
        if text is None:
            return [], [f"{what} is unknown ({reason}): the Kubernetes object it declares was "
                        "not checked"]
    found: list[ManifestDoc] = []
    problems: list[str] = []
    if inst.type in d.manifest_text or (not isinstance(value, dict) and isinstance(text, str)):
        if not isinstance(text, str):
            return [], [f"{what} is not text: the Kubernetes object it declares was not checked"]
        docs = yaml_documents(text)
        if isinstance(docs, str):
            return [], [f"{what} cannot be read: {docs}; the Kubernetes object it declares was "
                        "not checked"]
        try:
            docs = [(holes.fill(data), lines) for data, lines in docs]
        except ValueError:
            return [], [f"{what} is unknown ({reason}) where it gives the object's shape: the "
                        "Kubernetes object it declares was not checked"]
        base, file = _text_source(inst, expr)
        docs = [(data, lines) for data, lines in docs if data not in (None, {}, "")]
        if len(docs) > 1:
            problems.append(f"{what} holds {len(docs)} YAML documents and {inst.type} applies "
                            "only one: the first was checked, the others were not (split them, "
                            "e.g. with data.kubectl_file_documents)")
        for i, (data, ylines) in enumerate(docs[:1]):
            tf_lines = {k: base + v for k, v in ylines.items()} if base is not None else {}
            found.append(ManifestDoc(data, attr, line, tf_lines, file,
                                     {k: v + 1 for k, v in ylines.items()} if file else None,
                                     i, text=True))
    else:
        found.append(ManifestDoc(plain(value), attr, line, hcl_lines(expr)))
    docs_ok: list[ManifestDoc] = []
    for doc in found:
        obj = doc.obj
        if not isinstance(obj, dict):
            problems.append(f"{what} is not a Kubernetes object: it was not checked")
            continue
        for field in ("apiVersion", "kind"):
            r = unknown_reason(obj.get(field))
            if r is not None:
                problems.append(f"{what}: {field} is unknown ({r}): the object was not checked")
                break
            if not isinstance(obj.get(field), str):
                problems.append(f"{what} has no {field}: the object was not checked")
                break
        else:
            docs_ok.append(doc)
    return docs_ok, problems


def config_keys(obj: dict[str, Any]) -> list[tuple[str, Any, KeyPath, str]]:
    """The keys of a ConfigMap or Secret (`v1`) as (key, text or marker, keys, where): Secret
    `data` and `binaryData` decoded from base64, `stringData` as written (later wins)."""
    from ..signatures import decode_base64  # Kubernetes objects only (see the imports)
    from .manifest_paths import shown

    kind = obj.get("kind")
    if kind not in ("ConfigMap", "Secret") or obj.get("apiVersion") != "v1":
        return []
    out: dict[str, tuple[str, Any, KeyPath, str]] = {}
    for section, encoded in (("data", kind == "Secret"), ("stringData", False),
                             ("binaryData", True)):
        block = obj.get(section)
        if not isinstance(block, dict):
            continue
        for k in sorted(block):
            v = block[k]
            if v is None:
                continue
            if isinstance(v, str):
                v = decode_base64(v) if encoded else v
            elif not isinstance(v, (Unknown, ResourceRef)):
                v = str(v)
            out[str(k)] = (str(k), v, (section, str(k)), shown(section, str(k)))
    return [out[k] for k in sorted(out)]


# -- the subject ---------------------------------------------------------------------------------
class ManifestObject:
    """A Kubernetes object declared by a Terraform resource (the Subject protocol)."""

    platform = "terraform"

    def __init__(self, inst: Subject, doc: ManifestDoc) -> None:
        self.inst = inst
        self.doc = doc
        self._pod: tuple[PodView | None] | None = None

    # identity: the resource's, located at the manifest
    @property
    def type(self) -> str:
        return str(self.doc.obj.get("kind"))

    @property
    def api_group(self) -> str | None:
        version = str(self.doc.obj.get("apiVersion"))
        return version.rsplit("/", 1)[0] if "/" in version else ""

    @property
    def address(self) -> str:
        return self.inst.address

    @property
    def instance(self) -> str:
        return self.inst.instance

    @property
    def file(self) -> str:
        return self.inst.file

    @property
    def line(self) -> int:
        return self.doc.line

    @property
    def column(self) -> int:
        return self.inst.column

    @property
    def end_line(self) -> int | None:
        return self.inst.end_line

    @property
    def root(self) -> str | None:
        return self.inst.root

    @property
    def suppressions(self) -> tuple[Suppression, ...]:
        """The resource's comments, and the object's `exitlint.io/ignore` annotation (SPEC
        §5) at the line that writes it."""
        from ..suppressions import ANNOTATION, parse_annotation

        meta = self.doc.obj.get("metadata")
        notes = meta.get("annotations") if isinstance(meta, dict) else None
        value = notes.get(ANNOTATION) if isinstance(notes, dict) else None
        if not isinstance(value, str):
            return self.inst.suppressions
        line = self.doc.line_of(("metadata", "annotations", ANNOTATION))
        return (*self.inst.suppressions, parse_annotation(value, line, 1))

    # values, by the Kubernetes targets' paths
    def _found(self, path: str, items: bool = False) -> list[Found]:
        from .manifest_paths import Found, parse_path, walk  # see the imports
        from .manifest_yaml import unknown_reason

        steps = parse_path(path)
        if not steps:
            return []
        if steps[0].key == "config":
            if len(steps) != 2:
                return []
            # every key (`config.*`) reads what each key is known to hold: an unknown
            # password is no sign of a kubeconfig; a key read by name may be unknown
            wanted = steps[1].key
            return [Found(v, keys, where, k) for k, v, keys, where in config_keys(self.doc.obj)
                    if wanted == k or (wanted == "*" and unknown_reason(v) is None)]
        return list(walk(self.doc.obj, steps, items=items))

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        if path.startswith("containers"):
            from ..pod_spec import view_facts  # see the imports

            pod = self.pod
            return (view_facts(pod, path) or []) if pod is not None else []
        return [(f.value, self.doc.line_of(f.keys), f.key, f.where)
                for f in self._found(path, items=path.endswith("[]"))]

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        return [(v, line) for v, line, _, _ in self.keyed(path)]

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        from .manifest_paths import parse_path, walk  # see the imports

        steps = parse_path(path)
        return [(f.value, self.line) for f in walk(value, steps)] if steps else []

    def has(self, name: str) -> bool:
        return bool(self.keyed(name))

    def get(self, name: str) -> Any:
        found = self.keyed(name)
        return found[0][0] if found else None

    def attr_line(self, name: str) -> int | None:
        found = self.keyed(name)
        return found[0][1] if found else None

    @property
    def pod(self) -> PodView | None:
        if self._pod is None:
            from .deployers import manifest_config

            self._pod = (object_pod(self.doc.obj, lambda kind, name: manifest_config(
                self.inst, kind, name), self.line, self.column),)
        return self._pod[0]

    # the configuration around it
    def follow(self, path: str, types: tuple[str, ...]) -> Subject | None:
        return None

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[Subject]:
        return iter(())

    def peers(self, types: tuple[str, ...]) -> Iterator[Subject]:
        """The Kubernetes objects the configuration declares (manifests, typed objects), of the
        kinds in `types`; every one when empty, with the workload and release resources too
        (whose pods name a tunnel's control server)."""
        d = deployers()
        for other in self.inst.peers(tuple(sorted(d.manifests))):
            for doc in read_manifest(other)[0]:
                if not types or doc.obj.get("kind") in types:
                    yield ManifestObject(other, doc)
        for other in self.inst.peers(tuple(sorted(d.objects))):
            if not types or d.objects[other.type].get("kind") in types:
                yield ManifestObject(other, typed_object(other))
        if not types:
            yield from self.inst.peers(tuple(sorted({*d.workloads, *d.releases})))

    def configuration(self) -> object:
        return self.inst.configuration()

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        return stack_region(self.inst, catalogue, policy)

    def origins(self, path: str) -> tuple[Origin, ...]:
        """The YAML file line `file()` read it from, then the variables, locals and module
        arguments behind the value at `path` (a `where` of `keyed`)."""
        from ..model import Origin
        from .manifest_paths import where_keys  # see the imports

        keys = where_keys(path) if path and not path.startswith("containers") else None
        if keys is None:
            return ()
        out: list[Origin] = []
        at = self.doc.file_line(keys)
        if self.doc.file is not None and at is not None:
            out.append(Origin(self.doc.file, at, f"{path} in {self.doc.file}"))
        from .instances import ResourceInstance
        from .provenance import origins_at

        if not isinstance(self.inst, ResourceInstance):  # a plan holds values only
            return tuple(out)
        if self.doc.typed is not None:  # a typed resource: its attribute (or metadata entry)
            attr = self.doc.typed.get(str(keys[0])) if keys else None
            if attr == "metadata" and len(keys) > 1:
                attr, keys = f"metadata.{keys[1]}", keys[1:]
            if attr is None or attr == "spec":  # blocks named otherwise: not followed
                return tuple(out)
            found = origins_at(self.inst, attr, keys[1:])
        else:
            steps = keys if not self.doc.text else ()
            found = origins_at(self.inst, self.doc.attr, steps)
        out += [o for o in found if o not in out]
        return tuple(out)


_META_ARGUMENTS = frozenset({"count", "for_each", "provider", "depends_on", "lifecycle",
                             "timeouts", "wait_for_load_balancer", "wait_for_rollout",
                             "wait_for_default_service_account", "immutable_fields"})


def typed_object(inst: Subject) -> ManifestDoc:
    """The Kubernetes object a typed resource (deployers.yaml `objects`) creates, in the API's
    names, with where its attributes and metadata entries are written."""
    from .deployers import to_api
    from .manifest_paths import hcl_lines  # typed Kubernetes resources only (see the imports)

    spec = deployers().objects[inst.type]
    rename = {str(k): str(v) for k, v in (spec.get("rename") or {}).items()}
    obj: dict[str, Any] = {"apiVersion": str(spec["apiVersion"]), "kind": str(spec["kind"])}
    attrs: dict[str, str] = {}
    lines: dict[KeyPath, int] = {}
    keys = inst.keys() if hasattr(inst, "keys") else []
    for name in keys:
        if name in _META_ARGUMENTS or not inst.has(name):
            continue
        value = plain(inst.get(name))
        if name == "metadata":  # a block: one object, its maps as written (no renaming)
            api = "metadata"
            value = value[0] if isinstance(value, list) and value else value
        else:
            api = rename.get(name) or str(next(iter(to_api({name: None}))))
            value = to_api(value)
            if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict) and \
                    _attr_expr(inst, name) is None:
                value = value[0]  # a single nested block (spec), not a list attribute
        obj[api] = value
        attrs[api] = name
        at = inst.attr_line(name)
        if at is not None:
            lines[(api,)] = at
        for sub, line in hcl_lines(_attr_expr(inst, name)).items():
            here = (api, *sub)
            lines[here] = line
    meta = _block(inst, "metadata")
    if meta is not None:
        for attr in meta.body.attributes.values():
            lines[("metadata", attr.name)] = attr.pos.line
            for sub, line in hcl_lines(attr.expr).items():
                here = ("metadata", attr.name, *sub)
                lines[here] = line
    return ManifestDoc(obj, "", inst.line, lines, typed=attrs)


def _block(inst: Subject, name: str) -> A.Block | None:
    decl = getattr(inst, "decl", None)
    if decl is None:
        return None
    return next((b for b in decl.block.body.blocks if b.type == name), None)


def manifest_subjects(inst: Subject) -> tuple[list[ManifestObject], list[str]]:
    docs, problems = read_manifest(inst)
    return [ManifestObject(inst, doc) for doc in docs], problems


def expand(subjects: Iterator[Subject] | list[Any],
           cut: Callable[[Subject, str], None]) -> Iterator[Subject]:
    """The subjects, with each manifest resource replaced by the objects it declares; what
    could not be read of one is handed to `cut` (a `NOT_READ` cut at the resource)."""
    d = deployers()
    for s in subjects:
        if s.type in d.objects:
            yield ManifestObject(s, typed_object(s))
            continue
        if s.type not in d.manifests:
            yield s
            continue
        objects, problems = manifest_subjects(s)
        for problem in problems:
            cut(s, problem)
        yield from objects
