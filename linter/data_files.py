"""Safe YAML loading: the C loader when present (much faster), never arbitrary objects."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from . import data_bundle
from .fileio import read_json_capped, write_json_atomic
from .hashes import sha256
from .records import dataclass
from .resources import data_root


@functools.cache  # PyYAML is imported on first use: a warm run reads the JSON copies only
def safe_loader() -> Any:
    import yaml

    try:
        loader: Any = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - pure-Python PyYAML build
        loader = yaml.SafeLoader
    return loader


def load(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=safe_loader())


# -- bundled data files, parsed once and kept as JSON in the user's cache ---------------------
# Constructing Python objects from YAML is slow (the C loader only speeds up parsing): the
# check catalogue costs a large share of a pre-commit hook's budget. An entry is used only
# when it holds the content hash of the YAML it was made from: reading and hashing the file
# costs far less than parsing it, and an entry planted or left from another version of the
# file is never trusted.
_MAX_ENTRY = 64 * 1024 * 1024


@dataclass(frozen=True)
class DataFiles:
    """Reads bundled data files (checks, providers, vocabularies). With a `cache_dir`, each
    parsed file is kept there as JSON and reused while the YAML is unchanged; without one,
    every load parses the YAML. Created by the app per scan and passed to the catalogue
    loaders; frozen and hashable, so the loaders' memo tables key on it."""

    cache_dir: str | None = None

    def load(self, path: Path) -> Any:
        """One data file's content: from the bundle pre-parsed at build time, else from the
        cache, each only when made from exactly this content; else parsed."""
        data = path.read_bytes()
        sha = data_bundle.content_key(data)  # the bundle's key and the cache entry's check
        found, value = data_bundle.lookup(_bundle_path(), sha)
        if found:
            return value
        if self.cache_dir is None:
            return load(data.decode("utf-8"))
        key = sha256(f"data|{path}".encode("utf-8", "surrogatepass")).hexdigest()
        entry = os.path.join(self.cache_dir, "data", key[:2], key + ".json")
        raw = read_json_capped(entry, _MAX_ENTRY)
        if isinstance(raw, dict) and set(raw) == {"sha", "sum", "data"} and raw["sha"] == sha \
                and raw["sum"] == _checksum(raw["data"]):
            return raw["data"]
        parsed = load(data.decode("utf-8"))
        write_json_atomic(entry, {"sha": sha, "sum": _checksum(parsed), "data": parsed})
        return parsed


def _bundle_path() -> Path:
    return data_root() / data_bundle.FILE_NAME


def load_file(path: Path, files: DataFiles | None = None) -> Any:
    """One data file's content, through `files` (default: parse it, no cache)."""
    return (files or DataFiles()).load(path)


def _checksum(data: Any) -> str:
    """Of the parsed data: an entry corrupted or edited after it was written is not used."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
