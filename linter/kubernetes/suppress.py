"""Suppressions in manifests (SPEC §5): `# exitlint:ignore XB701 reason="..."` comments before or
inside a document, and the annotation `exitlint.io/ignore: "XB701,XB702: reason"` on the object."""

from __future__ import annotations

import re

from .. import lazy_re
from ..suppressions import ANNOTATION, Suppression, parse_annotation, parse_suppression
from .objects import K8sObject, pod_template_metadata
from .yaml_positions import YMap

_COMMENT = lazy_re.compile(r"(?:^|\s)#(.*exitlint:[A-Za-z].*)$", re.I)


def comment_suppressions(text: str) -> list[Suppression]:
    out: list[Suppression] = []
    if "exitlint:" not in text.lower():
        return out
    for number, line in enumerate(text.splitlines(), 1):
        m = _COMMENT.search(line)
        if m is None:
            continue
        s = parse_suppression(m.group(1), number, m.start(1))
        if s is not None:
            out.append(s)
    return out


def annotation_suppressions(obj: K8sObject) -> list[Suppression]:
    out: list[Suppression] = []
    for meta in (obj.metadata, pod_template_metadata(obj)):
        if not isinstance(meta, YMap):
            continue
        ann = meta.get("annotations")
        if isinstance(ann, YMap) and ann.get(ANNOTATION) is not None:
            out.append(parse_annotation(str(ann[ANNOTATION]), ann.line_of(ANNOTATION),
                                        ann.column_of(ANNOTATION)))
    return out


def comments_for(obj: K8sObject, comments: list[Suppression]) -> list[Suppression]:
    """Comments before the object (after the previous one) or inside it; for an item of a
    `kind: List`, also the comments before the List itself."""
    out = [s for s in comments if obj.region_start <= s.line <= obj.end_line]
    if obj.outer_start is not None and obj.outer_line is not None:
        out += [s for s in comments if obj.outer_start <= s.line < obj.outer_line]
    return out
