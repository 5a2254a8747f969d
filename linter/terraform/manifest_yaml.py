"""YAML text that Terraform hands to Kubernetes (`kubectl_manifest.yaml_body`, the
`kubectl_file_documents` data source, `provider::kubernetes::manifest_decode`): its documents as
plain values with the line of each key, bounded like yamldecode; and a template whose
interpolations are unknown, read with those values unknown (a placeholder for each)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..hcl import ast as A
from ..model import ResourceRef, Unknown
from .manifest_paths import KeyPath

if TYPE_CHECKING:
    from ..subject import Subject

MAX_DOCUMENTS = 64  # YAML documents read from one text
MAX_NODES = 20_000  # YAML nodes whose lines are kept, per text
_MAX_DEPTH = 64


def unknown_reason(value: Any) -> str | None:
    if isinstance(value, Unknown):
        return value.reason
    if isinstance(value, ResourceRef):
        return f"{value} is only known after apply"
    return None


def _yaml_lines(node: Any) -> dict[KeyPath, int]:
    """Where each key and item of a composed YAML document is (0-based lines in its text)."""
    import yaml

    out: dict[KeyPath, int] = {}
    seen: set[int] = set()
    stack: list[tuple[Any, KeyPath]] = [(node, ())]
    while stack and len(out) < MAX_NODES:
        cur, keys = stack.pop()
        if id(cur) in seen or len(keys) > _MAX_DEPTH:
            continue
        seen.add(id(cur))
        if isinstance(cur, yaml.MappingNode):
            for k, v in cur.value:
                if isinstance(k, yaml.ScalarNode):
                    here = (*keys, str(k.value))
                    out[here] = k.start_mark.line
                    stack.append((v, here))
        elif isinstance(cur, yaml.SequenceNode):
            for i, v in enumerate(cur.value):
                at = (*keys, i)
                out[at] = v.start_mark.line
                stack.append((v, at))
    return out


def yaml_documents(text: str) -> list[tuple[Any, dict[KeyPath, int]]] | str:
    """The documents of a YAML text as plain values with the line (0-based) of each key, or
    why they cannot be read. Bounded like yamldecode (aliases, values built, documents)."""
    import yaml

    from .builtins.base import MAX_BUILT, FunctionError
    from .builtins.encoding import _loader, _plain

    loader = _loader()(text)
    docs: list[tuple[Any, dict[KeyPath, int]]] = []
    try:
        while loader.check_node():
            if len(docs) >= MAX_DOCUMENTS:
                return f"it holds more than {MAX_DOCUMENTS} YAML documents"
            node = loader.get_node()
            data = _plain(loader.construct_document(node), [MAX_BUILT // 4])
            docs.append((data, _yaml_lines(node)))
    except RecursionError:
        return "it is nested too deeply to be read"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        return f"it is not valid YAML{where}"
    except FunctionError as exc:
        return f"it cannot be read ({exc})"
    finally:
        loader.dispose()
    return docs


def split_documents(text: str) -> list[str] | str:
    """A multi-document YAML text as one text per non-empty document (what the kubectl
    provider's `kubectl_file_documents` data source splits it into), or why it cannot be read."""
    import yaml

    docs = yaml_documents(text)
    if isinstance(docs, str):
        return docs
    out: list[str] = []
    for data, _ in docs:
        if data in (None, {}, ""):
            continue
        try:
            out.append(yaml.safe_dump(data, default_flow_style=False, sort_keys=True))
        except (yaml.YAMLError, RecursionError):
            return "it cannot be read"
    return out


def self_link(doc: str) -> str | None:
    """The key of a document in `kubectl_file_documents.manifests`: the object's self link
    (`/apis/apps/v1/namespaces/ns/deployments/name`, `/api/v1/...` for the core group)."""
    docs = yaml_documents(doc)
    if isinstance(docs, str) or not docs or not isinstance(docs[0][0], dict):
        return None
    obj = docs[0][0]
    version, kind = obj.get("apiVersion"), obj.get("kind")
    meta = obj.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    name, namespace = meta.get("name"), meta.get("namespace")
    if not isinstance(version, str) or not isinstance(kind, str) or not isinstance(name, str):
        return None
    link = ("/api" if version == "v1" else "/apis") + f"/{version}"
    if isinstance(namespace, str) and namespace:
        link += f"/namespaces/{namespace}"
    return f"{link}/{kind.lower()}s/{name}"


def file_documents(content: Any, attr: str) -> Any:
    """`documents` or `manifests` of a `kubectl_file_documents` data source, from its content."""
    if isinstance(content, (Unknown, ResourceRef)):
        reason = content.reason if isinstance(content, Unknown) else \
            f"{content} is only known after apply"
        return Unknown(f"its content is unknown: {reason}")
    if not isinstance(content, str):
        return Unknown("its content is not text")
    docs = split_documents(content)
    if isinstance(docs, str):
        return Unknown(f"its content cannot be split into documents: {docs}")
    if attr == "documents":
        return docs
    out: dict[str, Any] = {}
    for i, doc in enumerate(docs):
        out[self_link(doc) or f"document {i + 1}"] = doc
    return out


# -- a YAML text whose interpolations are unknown ------------------------------------------------
_HOLE = "exitlintunknown{}x"  # a plain YAML scalar that survives quoting, base64 and case
_HOLE_RE = re.compile(r"exitlintunknown(\d+)x", re.I)
_MAX_HOLES = 256


class Holes:
    """Unknown values put into a text as placeholders, to be read back as unknown values."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def hole(self, value: Any) -> str | None:
        """A placeholder for an unknown scalar; None for a known value or an unknown
        collection (its shape, not only its value, is then unknown)."""
        reason = unknown_reason(value)
        if reason is None or len(self.reasons) >= _MAX_HOLES:
            return None
        self.reasons.append(reason)
        return _HOLE.format(len(self.reasons) - 1)

    def fill(self, node: Any, depth: int = 0) -> Any:
        """The parsed value with each placeholder read back as an unknown value; a
        placeholder in a mapping key raises ValueError (the object's shape is unknown)."""
        if depth > _MAX_DEPTH:
            raise ValueError("too deep")
        if isinstance(node, dict):
            if any(_HOLE_RE.search(str(k)) for k in node):
                raise ValueError("a key is unknown")
            return {k: self.fill(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [self.fill(v, depth + 1) for v in node]
        if isinstance(node, str):
            holes = [int(m.group(1)) for m in _HOLE_RE.finditer(node)]
            if holes:
                reasons = [self.reasons[i] for i in holes if i < len(self.reasons)]
                return Unknown(reasons[0] if reasons else "an interpolation is unknown")
        return node


def holed_text(inst: Subject, expr: A.Expr | None, holes: Holes) -> str | None:
    """The text of a YAML template (a heredoc or string with interpolations, `templatefile`,
    the text `yamldecode` reads) with each unknown interpolation or template variable as a
    placeholder; None when the text itself (not only values in it) is unknown."""
    from .instances import ResourceInstance
    from .values import to_str

    if not isinstance(inst, ResourceInstance) or expr is None:
        return None
    evaluator, scope = inst.module.project.evaluator, inst.scope
    if isinstance(expr, A.Call) and expr.name == "yamldecode" and len(expr.args) == 1:
        return holed_text(inst, expr.args[0], holes)
    if isinstance(expr, A.Template):
        out: list[str] = []
        for part in expr.parts:
            if isinstance(part, A.ForExpr):  # a `%{ for }` directive makes lines, not a value
                value = evaluator.evaluate(part, scope)
                text = to_str(value)
                if isinstance(text, Unknown):
                    return None
                out.append(text)
                continue
            value = evaluator.evaluate(part, scope)
            text = to_str(value)
            if isinstance(text, Unknown):
                hole = holes.hole(value)
                if hole is None:
                    return None
                text = hole
            out.append(text)
        return "".join(out)
    if isinstance(expr, A.Call) and expr.name == "templatefile" and len(expr.args) == 2:
        from ..hcl.parser import HclSyntaxError, parse_template

        variables = evaluator.evaluate(expr.args[1], scope)
        path = evaluator.evaluate(expr.args[0], scope)
        if not isinstance(variables, dict) or not isinstance(path, str):
            return None
        given: dict[str, Any] = {}
        for name, value in variables.items():
            hole = holes.hole(value) if unknown_reason(value) is not None else None
            if hole is None and unknown_reason(value) is not None:
                return None
            given[name] = hole if hole is not None else value
        text = scope.file_text(path)
        if isinstance(text, Unknown):
            return None
        try:
            template = parse_template(text)
        except HclSyntaxError:
            return None
        rendered = evaluator.evaluate(template, scope.with_vars(given))
        return rendered if isinstance(rendered, str) else None
    return None


def decode(how: str, args: list[Any]) -> Any:
    """A manifest-decoding provider function (deployers.yaml `decoders`): the objects of a YAML
    text, `one` (exactly one document, an object) or `all` (a list of objects)."""
    if len(args) != 1:
        return Unknown("a manifest decoder takes one argument")
    text = args[0]
    if unknown_reason(text) is not None:
        return text if isinstance(text, Unknown) else Unknown(str(unknown_reason(text)))
    if not isinstance(text, str):
        return Unknown("the manifest to decode is not text")
    docs = yaml_documents(text)
    if isinstance(docs, str):
        return Unknown(f"the manifest cannot be decoded: {docs}")
    objects = [data for data, _ in docs if data not in (None, {}, "")]
    if how == "one":
        return objects[0] if len(objects) == 1 else \
            Unknown(f"manifest_decode() needs one document, the text holds {len(objects)}")
    return objects
