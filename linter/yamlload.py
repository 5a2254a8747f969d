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
