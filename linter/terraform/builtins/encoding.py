"""Encoding functions beyond the core set: base64gzip, csvdecode, textdecodebase64,
textencodebase64, urlencode, yamldecode, yamlencode."""

from __future__ import annotations

import base64
import binascii
import codecs
import functools
import io
import urllib.parse
from collections.abc import Callable
from typing import Any

from .base import MAX_BUILT, FunctionError, strict, text

MAX_ALIASES = 100  # YAML aliases expanded: "billion laughs" documents stop here


def _codec(name: Any) -> str:
    try:
        return codecs.lookup(text(name)).name
    except LookupError as exc:
        raise FunctionError(f"unknown encoding {text(name)[:40]!r}") from exc


def _textencode(s: Any, encoding: Any) -> Any:
    try:
        raw = text(s).encode(_codec(encoding))
    except UnicodeError as exc:
        raise FunctionError("the string cannot be represented in that encoding") from exc
    return base64.b64encode(raw).decode("ascii")


def _textdecode(s: Any, encoding: Any) -> Any:
    try:
        raw = base64.b64decode(text(s), validate=True)
        return raw.decode(_codec(encoding))
    except (binascii.Error, UnicodeError) as exc:
        raise FunctionError("invalid base64 or text in that encoding") from exc


def _gzip(s: Any) -> Any:
    # mtime 0 and the default level, as Terraform (Go) writes: the header matches; the deflate
    # stream of another implementation may differ in bytes, never in what it decompresses to
    import gzip

    return base64.b64encode(gzip.compress(text(s).encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")


def _csvdecode(s: Any) -> Any:
    """The first row names the columns; every row a map of strings."""
    import csv

    try:
        rows = list(csv.reader(io.StringIO(text(s)), strict=True))
    except csv.Error as exc:
        raise FunctionError(f"invalid CSV ({exc})") from exc
    if not rows:
        raise FunctionError("missing header line")
    header, body = rows[0], [r for r in rows[1:] if r]
    for r in body:
        if len(r) != len(header):
            raise FunctionError("a row with the wrong number of fields")
    return [dict(zip(header, r, strict=True)) for r in body]


@functools.cache  # PyYAML is imported when yamldecode is first called
def _loader() -> Any:
    import yaml

    class _Loader(yaml.SafeLoader):
        """The safe loader (the Python one: its composer can be extended), counting aliases so
        an alias bomb is refused instead of expanded."""

        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise FunctionError("too many YAML aliases")
            return super().compose_node(parent, index)
    return _Loader


def _plain(v: Any, budget: list[int]) -> Any:
    """YAML values as Terraform's: maps with string keys, dates and timestamps as text. Aliases
    are expanded, so the values built are counted: a few aliases of aliases expand to millions."""
    budget[0] -= 1
    if budget[0] < 0:
        raise FunctionError("value too large to evaluate statically")
    if isinstance(v, dict):
        return {str(k): _plain(x, budget) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x, budget) for x in v]
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def _yamldecode(s: Any) -> Any:
    import yaml

    try:
        docs = list(yaml.load_all(text(s), Loader=_loader()))
        if len(docs) > 1:
            raise FunctionError("more than one YAML document")
        return _plain(docs[0], [MAX_BUILT // 4]) if docs else None
    except (yaml.YAMLError, RecursionError) as exc:  # a recursive alias, a syntax error
        raise FunctionError("invalid YAML") from exc


def _yamlencode(v: Any) -> Any:
    import yaml

    try:
        out = yaml.safe_dump(v, default_flow_style=False, sort_keys=True, allow_unicode=True)
    except (yaml.YAMLError, RecursionError) as exc:  # a resource object, not data
        raise FunctionError("not a plain value") from exc
    if len(out) > MAX_BUILT:
        raise FunctionError("value too large to evaluate statically")
    return out


TABLE: dict[str, Callable[..., Any]] = {
    "base64gzip": strict(_gzip),
    "csvdecode": strict(_csvdecode),
    "textdecodebase64": strict(_textdecode),
    "textencodebase64": strict(_textencode),
    "urlencode": strict(lambda s: urllib.parse.quote_plus(text(s), safe="")),
    "yamldecode": strict(_yamldecode),
    "yamlencode": strict(_yamlencode),
}
