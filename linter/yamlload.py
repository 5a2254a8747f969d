"""Safe YAML loading: the C loader when present (much faster), never arbitrary objects."""

from __future__ import annotations

from typing import Any

import yaml

try:
    SafeLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML build
    SafeLoader = yaml.SafeLoader


def load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)


# -- bundled data files, parsed once and kept as JSON in the user's cache ---------------------
# Constructing Python objects from YAML is slow (the C loader only speeds up parsing): the
# check catalogue costs ~0.15 s per run, half of a pre-commit hook's budget. The app turns this
# on with the result cache. An entry is used only when it holds the content hash of the YAML
# it was made from: reading and hashing the file costs far less than parsing it, and an entry
# planted or left from another version of the file is never trusted.
_DATA_CACHE: dict[str, Any] = {"dir": None}
_MAX_ENTRY = 64 * 1024 * 1024


def use_data_cache(directory: Any) -> None:
    """Keep parsed data files under `directory` (None: always parse the YAML)."""
    _DATA_CACHE["dir"] = directory


def load_file(path: Any) -> Any:
    """One data file's content, from the cache when the entry was made from this content."""
    import hashlib
    import os

    from .fileio import read_json_capped, write_json_atomic

    data = path.read_bytes()
    directory = _DATA_CACHE["dir"]
    if directory is None:
        return load(data.decode("utf-8"))
    sha = hashlib.blake2b(data, digest_size=20).hexdigest()
    key = hashlib.sha256(f"data|{path}".encode("utf-8", "surrogatepass")).hexdigest()
    entry = os.path.join(directory, "data", key[:2], key + ".json")
    raw = read_json_capped(entry, _MAX_ENTRY)
    if isinstance(raw, dict) and set(raw) == {"sha", "sum", "data"} and raw["sha"] == sha \
            and raw["sum"] == _checksum(raw["data"]):
        return raw["data"]
    parsed = load(data.decode("utf-8"))
    write_json_atomic(entry, {"sha": sha, "sum": _checksum(parsed), "data": parsed})
    return parsed


def _checksum(data: Any) -> str:
    """Of the parsed data: an entry corrupted or edited after it was written is not used."""
    import hashlib
    import json

    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
