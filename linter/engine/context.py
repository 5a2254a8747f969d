"""What the engine's pipeline needs for one scan and one policy (the app builds it; front ends
receive a `subject.FrontEndContext` whose pipeline is bound to it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ..geo.geography import Catalogue
from ..policy import Policy
from ..records import dataclass
from .approved_exits import ExitMatcher
from .catalog import CheckCatalog


@dataclass
class InputContext:
    display: Callable[[Path], str]  # absolute path -> path as shown in the report
    policy: Policy
    catalog: CheckCatalog
    catalogue: Catalogue
    today: dt.date
    exits: ExitMatcher
    max_file_size: int
