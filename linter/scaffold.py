"""`exitlint new-check`: the files a new check starts from, written into a source checkout.

A check is its definition (checks/<platform>/XBnnn-name.yaml), a non-compliant and a compliant
example, and the findings the non-compliant one must raise (expected.yaml). The templates are in
checks/templates/new-check/; every TODO they leave is flagged by `exitlint docs --check` until it
is replaced (docs.unfinished_checks).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import lazy_re
from .records import dataclass
from .resources import checks_dir

if TYPE_CHECKING:
    from string import Template

PLATFORMS = ("terraform", "kubernetes")
DEFAULT_CATEGORY = {"terraform": "vpn", "kubernetes": "kubernetes"}
# schemas/check.schema.json `category` (tests/checks/test_new_check.py keeps them equal)
CATEGORIES = ("vpn", "peering", "private-line", "acceleration", "remote-access", "compute",
              "kubernetes", "multicluster", "policy", "completeness")
_ID = lazy_re.compile(r"XB[0-9]{3}")  # used by `new-check` only; every run imports PLATFORMS
_NAME = lazy_re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_EXAMPLE_SUFFIX = {"terraform": ".tf", "kubernetes": ".yaml"}
_EXAMPLE_FILE = {"terraform": "main.tf", "kubernetes": "manifest.yaml"}


class ScaffoldError(Exception):
    """The check cannot be scaffolded (bad ID or name, or it would overwrite something)."""


@dataclass(frozen=True)
class NewCheck:
    id: str
    name: str
    platform: str  # terraform | kubernetes
    category: str
    severity: str = "error"
    provider: str = "aws"  # Terraform: examples/<provider>/

    @property
    def example_dir(self) -> str:
        """Relative to the checkout: examples/<provider or kubernetes>/XBnnn-name."""
        group = "kubernetes" if self.platform == "kubernetes" else self.provider
        return f"examples/{group}/{self.id}-{self.name}"


def _template(name: str) -> Template:
    from string import Template  # `new-check` only; the CLI imports this module for PLATFORMS

    return Template((checks_dir() / "templates" / "new-check" / name).read_text(encoding="utf-8"))


def planned_files(check: NewCheck) -> dict[str, str]:
    """Path relative to the checkout -> content, for every file of the new check."""
    _validate(check)
    values = {"id": check.id, "name": check.name, "category": check.category,
              "severity": check.severity, "example": check.example_dir,
              "platform": check.platform}
    targets = _template(f"targets-{check.platform}.yaml.tmpl").substitute(values).rstrip("\n")
    suffix = _EXAMPLE_SUFFIX[check.platform]
    example = _EXAMPLE_FILE[check.platform]
    return {
        f"checks/{check.platform}/{check.id}-{check.name}.yaml":
            _template("check.yaml.tmpl").substitute(values, targets=targets),
        f"{check.example_dir}/noncompliant/{example}":
            _template(f"noncompliant{suffix}.tmpl").substitute(values),
        f"{check.example_dir}/compliant/{example}":
            _template(f"compliant{suffix}.tmpl").substitute(values),
        f"{check.example_dir}/expected.yaml": _template("expected.yaml.tmpl").substitute(values),
    }


def _validate(check: NewCheck) -> None:
    if not _ID.fullmatch(check.id):
        raise ScaffoldError(f"{check.id!r} is not a check ID (XB and three digits)")
    if not _NAME.fullmatch(check.name):
        raise ScaffoldError(f"{check.name!r} is not a check name (lower-case words joined by -)")
    if check.platform not in PLATFORMS:
        raise ScaffoldError(f"platform {check.platform!r} is not one of {', '.join(PLATFORMS)}")
    if not _NAME.fullmatch(check.provider):
        raise ScaffoldError(f"{check.provider!r} is not a provider name")


def existing_ids(root: Path) -> set[str]:
    """Check IDs defined in the checkout, whatever their platform."""
    return {p.name.split("-", 1)[0] for p in (root / "checks").glob("*/XB[0-9][0-9][0-9]-*.yaml")}


def write_check(root: Path, check: NewCheck) -> list[str]:
    """Write the new check's files under `root`; nothing is written when the ID is taken or any
    file or example directory already exists. Returns the paths written."""
    files = planned_files(check)
    if check.id in existing_ids(root):
        raise ScaffoldError(f"{check.id} already exists in {root / 'checks'}")
    taken = [rel for rel in (*files, check.example_dir) if (root / rel).exists()
             or (root / rel).is_symlink()]
    if taken:
        raise ScaffoldError(f"not overwriting {', '.join(sorted(taken))}")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as fh:  # never replaces a file
            fh.write(text)
    return list(files)
