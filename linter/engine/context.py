"""What every input front end (Terraform, plan JSON, Kubernetes) receives for one scan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..geo.geography import Catalogue
from ..model import Finding, ScanError
from ..policy import Policy
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


@dataclass
class PartResult:
    """What one front end found; the app merges, sorts and fingerprints."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    files: int = 0
    resources: int = 0
    notes: list[str] = field(default_factory=list)
