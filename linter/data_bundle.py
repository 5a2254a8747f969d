"""The check data pre-parsed at build time: one JSON file in the wheel, keyed by content hash.

Building Python objects from ~100 YAML files costs a cold run more than parsing the Terraform of
a small repository (PyYAML's C loader only speeds up the scanning, not the construction). The
wheel's build hook (hatch_build.py) runs `build` over checks/ and ships the result; at run time a
data file is taken from the bundle only when the blake2b hash of its exact bytes is a key there,
so an edited, replaced or newer YAML file is always parsed afresh: the bundle can be missing or
stale without changing an answer.

Standard library and PyYAML only, and no package-relative import: the build hook loads this file
by path, before exitlint is installed.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

# hashes.py's BLAKE2b (no package-relative import here): hashlib's digest without OpenSSL
if TYPE_CHECKING:
    from hashlib import blake2b
else:
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

FORMAT = 1
FILE_NAME = "parsed-data.json"  # beside checks/ in the installed package (exitlint/_data/)
_MAX_BYTES = 64 * 1024 * 1024


def content_key(data: bytes) -> str:
    """The bundle key of one data file: the hash of the bytes the YAML parser would read."""
    return blake2b(data, digest_size=20).hexdigest()


def _round_trips(value: Any) -> bool:
    """JSON gives back exactly this value (no dates, no non-string keys, no NaN)."""
    text = json.dumps(value, sort_keys=True, allow_nan=False, default=_refuse)
    return bool(json.loads(text) == value)


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)


def build(root: Path) -> str:
    """The bundle of every `*.yaml` under `root`, as deterministic JSON text. A file whose parsed
    value JSON cannot carry exactly is left out (and is parsed at run time as before)."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries: dict[str, Any] = {}
    for path in sorted(root.rglob("*.yaml")):
        raw = path.read_bytes()
        value = yaml.load(raw.decode("utf-8"), Loader=loader)
        try:
            if not _round_trips(value):
                continue
        except (TypeError, ValueError):
            continue
        # each value as its own JSON text: every lookup parses a fresh copy, so a caller that
        # changes what it got cannot change what the next caller gets
        entries[content_key(raw)] = json.dumps(value, sort_keys=True, ensure_ascii=False,
                                               separators=(",", ":"))
    return json.dumps({"format": FORMAT, "entries": entries}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@functools.cache
def _entries(bundle: Path) -> dict[str, str]:
    """The bundle's entries; empty when it is absent, oversized, unreadable or another format."""
    try:
        if bundle.stat().st_size > _MAX_BYTES:
            return {}
        raw = json.loads(bundle.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("format") != FORMAT \
            or not isinstance(raw.get("entries"), dict):
        return {}
    return {k: v for k, v in raw["entries"].items() if isinstance(v, str)}


def lookup(bundle: Path, key: str) -> tuple[bool, Any]:
    """(True, value) when `bundle` holds the parse of the bytes whose `content_key` is `key`,
    else (False, None)."""
    text = _entries(bundle).get(key)
    if text is None:
        return False, None
    return True, json.loads(text)
