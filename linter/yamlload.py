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
# on with the result cache; entries are keyed on each file's size, mtime and inode.
_DATA_CACHE: dict[str, Any] = {"dir": None}


def use_data_cache(directory: Any) -> None:
    """Keep parsed data files under `directory` (None: always parse the YAML)."""
    _DATA_CACHE["dir"] = directory


def load_file(path: Any) -> Any:
    """One data file's content, from the cache when the file is unchanged."""
    import hashlib
    import json
    import os

    from .fileio import stat_signature, write_json_atomic

    directory = _DATA_CACHE["dir"]
    signature = stat_signature(path) if directory is not None else None
    if signature is None:
        return load(path.read_text(encoding="utf-8"))
    key = hashlib.sha256(f"{path}|{signature}".encode()).hexdigest()
    entry = os.path.join(directory, "data", key[:2], key + ".json")
    try:
        with open(entry, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        pass
    data = load(path.read_text(encoding="utf-8"))
    write_json_atomic(entry, data)
    return data
