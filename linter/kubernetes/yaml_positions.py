"""Read YAML and JSON manifests into plain values that remember their line numbers.

The tree is built from libyaml's parse events (the C parser, iterative, so deep nesting cannot
crash it), not from `yaml.load`: every mapping and sequence keeps the line of each key and item,
duplicate keys keep the last value (as the API server does) and are remembered, merge keys
(`<<: *base`) are applied, and aliases are shared but weighed, so an alias bomb is refused with a
clear message instead of being expanded while it is walked.
"""

from __future__ import annotations

import json
from dataclasses import field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .. import data_files
from ..records import dataclass

MAX_WEIGHT = 1_000_000  # values reachable through aliases, per document
MAX_DEPTH = 400

_STR = "tag:yaml.org,2002:str"
_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()


class YMap(dict[str, Any]):
    """A mapping with the position of itself and of each key."""

    __slots__ = ("column", "end_line", "key_columns", "key_lines", "line")
    line: int
    column: int
    end_line: int
    key_lines: dict[str, int]
    key_columns: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def column_of(self, key: str) -> int:
        return self.key_columns.get(key, self.column)


class YList(list[Any]):
    """A sequence with the position of itself and of each item."""

    __slots__ = ("column", "end_line", "item_lines", "line")
    line: int
    column: int
    end_line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


def _ymap(line: int, column: int) -> YMap:
    m = YMap()
    m.line, m.column, m.end_line = line, column, line
    m.key_lines, m.key_columns = {}, {}
    return m


def _ylist(line: int, column: int) -> YList:
    s = YList()
    s.line, s.column, s.end_line = line, column, line
    s.item_lines = []
    return s


class LoadError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


@dataclass
class Document:
    value: Any
    line: int  # first line of the document's content
    end_line: int
    region_start: int  # first line after the previous document: comments from here on belong to it
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (line, key)


def _end_line(mark: Any) -> int:
    # libyaml puts the end mark of a block collection at the start of the next line
    return int(mark.line) if mark.column == 0 and mark.line > 0 else int(mark.line) + 1


# first characters of plain scalars that may resolve to something other than a string
_MAYBE_TYPED = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None) | {""}


def _scalar(event: Any) -> Any:
    tag = event.tag
    value: str = event.value
    if tag is None or tag == "!":
        if event.implicit[0]:
            if value[:1] not in _MAYBE_TYPED:
                return value
            tag = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        else:
            return value
    if tag == _STR:
        return value
    node = ScalarNode(tag, value)
    try:
        if tag == "tag:yaml.org,2002:int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == "tag:yaml.org,2002:bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:null":
            return None
    except (ValueError, yaml.YAMLError):
        return value
    return value  # timestamps, binary and custom tags stay text


class _Frame:
    __slots__ = ("anchor", "container", "explicit", "key", "key_col", "key_line", "merge",
                 "merges", "weight")

    def __init__(self, container: YMap | YList, anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.merge = False
        self.key: str | None = None
        self.key_line = 0
        self.key_col = 0
        self.merges: list[Any] = []
        self.weight = 1
        self.explicit: set[str] = set()


def parse_yaml(text: str) -> list[Document]:
    """Every document of a YAML stream (JSON is YAML too). Raises LoadError."""
    try:
        return _Builder().run(text)
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        line, col = (m.line + 1, m.column + 1) if m is not None else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(line, col, f"invalid YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise LoadError(1, 1, f"invalid YAML: {exc}") from exc


_ScalarEvent, _AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
_MapStart, _SeqStart = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MapEnd, _SeqEnd = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DocStart, _DocEnd = yaml.DocumentStartEvent, yaml.DocumentEndEvent


class _Builder:
    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.pending: set[str] = set()
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.duplicates: list[tuple[int, str]] = []

    def attach(self, value: Any, weight: int, line: int, col: int, key_event: Any) -> None:
        stack = self.stack
        if not stack:
            self.root = value
            return
        top = stack[-1]
        top.weight += weight
        if weight > 1 and top.weight > MAX_WEIGHT:
            raise LoadError(line, col, f"YAML aliases expand to more than {MAX_WEIGHT:,} values "
                            "(an alias bomb?); the file is not scanned")
        c = top.container
        if type(c) is YList:
            c.append(value)
            c.item_lines.append(line)
            return
        assert isinstance(c, YMap)
        key = top.key
        if key is None:
            if type(key_event) is _ScalarEvent:
                text = str(key_event.value)
                top.merge = text == "<<" and key_event.implicit[0]
            else:
                text = json.dumps(value, sort_keys=True, default=str)[:200]
                top.merge = False
            top.key, top.key_line, top.key_col = text, line, col
            return
        top.key = None
        if top.merge:
            top.merge = False
            top.merges.extend(value if isinstance(value, list) else [value])
            return
        if key in c:
            self.duplicates.append((top.key_line, key))
        c[key] = value
        c.key_lines[key] = top.key_line
        c.key_columns[key] = top.key_col
        top.explicit.add(key)

    def run(self, text: str) -> list[Document]:
        docs, anchors, pending, stack = self.docs, self.anchors, self.pending, self.stack
        attach = self.attach
        doc_line = 1
        region_start = 1
        event: Any
        for event in yaml.parse(text, Loader=data_files.safe_loader()):
            cls = type(event)
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if cls is _ScalarEvent:
                value = _scalar(event)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                attach(value, 1, line, col, event)
            elif cls is _MapStart or cls is _SeqStart:
                if len(stack) >= MAX_DEPTH:
                    raise LoadError(line, col, f"YAML nested more than {MAX_DEPTH} levels deep; "
                                    "the file is not scanned")
                container: YMap | YList = _ymap(line, col) if cls is _MapStart else \
                    _ylist(line, col)
                if event.anchor:
                    pending.add(event.anchor)
                stack.append(_Frame(container, event.anchor))
            elif cls is _MapEnd or cls is _SeqEnd:
                frame = stack.pop()
                c = frame.container
                c.end_line = max(c.line, _end_line(event.end_mark))
                if frame.merges and isinstance(c, YMap):
                    _apply_merges(c, frame)
                if frame.anchor:
                    pending.discard(frame.anchor)
                    anchors[frame.anchor] = (c, frame.weight)
                attach(c, frame.weight, c.line, c.column, None)
            elif cls is _AliasEvent:
                if event.anchor in pending:
                    raise LoadError(line, col, f"recursive YAML alias *{event.anchor}")
                if event.anchor not in anchors:
                    raise LoadError(line, col, f"undefined YAML alias *{event.anchor}")
                value, weight = anchors[event.anchor]
                attach(value, weight, line, col, event)
            elif cls is _DocStart:
                self.root, self.duplicates = None, []
                anchors.clear()
                doc_line = line
            elif cls is _DocEnd:
                end = _end_line(event.end_mark)
                root = self.root
                end_line = max(getattr(root, "end_line", doc_line), doc_line)
                if root is not None:
                    docs.append(Document(root, getattr(root, "line", doc_line), end_line,
                                         region_start, self.duplicates))
                region_start = max(end, end_line) + 1
        return docs


def _apply_merges(c: YMap, frame: _Frame) -> None:
    for source in frame.merges:
        if not isinstance(source, YMap):
            continue
        for k, v in source.items():
            if k not in frame.explicit and k not in c:
                c[k] = v
                c.key_lines[k] = source.line_of(k)
                c.key_columns[k] = source.column_of(k)




def parse_json(text: str) -> list[Document]:
    """A JSON manifest: validated with the JSON parser, positions taken from the YAML events."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:
        raise LoadError(1, 1, "JSON nested too deeply; the file is not scanned") from exc
    try:
        docs = parse_yaml(text)
        if len(docs) == 1:
            return docs
    except LoadError:
        pass
    end = text.count("\n") + 1
    return [Document(_positioned(value, 1, 0), 1, end, 1)]


def _positioned(value: Any, line: int, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise LoadError(line, 1, f"JSON nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        m = _ymap(line, 1)
        for k, v in value.items():
            m[str(k)] = _positioned(v, line, depth + 1)
        return m
    if isinstance(value, list):
        s = _ylist(line, 1)
        for v in value:
            s.append(_positioned(v, line, depth + 1))
            s.item_lines.append(line)
        return s
    return value


def line_of(container: Any, key: str | int, default: int = 1) -> int:
    if isinstance(container, YMap) and isinstance(key, str):
        return container.line_of(key)
    if isinstance(container, YList) and isinstance(key, int):
        return container.line_of(key)
    return getattr(container, "line", default)
