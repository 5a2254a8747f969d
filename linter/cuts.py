"""Parts of a configuration a front end did not reach, as subjects the checks judge.

A limit that stops evaluation (the 65th instance, a module that cannot be read, a chart that
cannot be rendered) must never pass silently: each becomes a `Cut`, a subject whose type names
what was cut (`terraform:evaluation-limit`, `terraform:module-unavailable`,
`kubernetes:not-rendered`) at the block or file that was cut. Which check reports it, with which
severity rules, is data (the `limit` targets of the completeness checks).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .model import End, EndClass, Origin
from .records import dataclass

if TYPE_CHECKING:
    from .geo.geography import Catalogue
    from .policy import Policy
    from .subject import Subject
    from .suppressions import Suppression

MAX_MERGED = 3  # further messages of one block after the first; the rest are dropped


@dataclass(frozen=True)
class LimitHit:
    """Evaluation stopped short at a resource or module block."""

    kind: str  # "<platform>:<what was cut>", the subject type checks target
    file: str
    line: int
    column: int
    end_line: int
    address: str  # the resource or module call, module path included, no instance key
    message: str


def record(hits: dict[Any, LimitHit], key: Any, hit: LimitHit) -> None:
    """Keep one cut per key (block): the messages of several cuts merged, at most MAX_MERGED."""
    old = hits.get(key)
    if old is not None:
        if hit.message in old.message.split("; also: ") or \
                old.message.count("; also: ") >= MAX_MERGED:
            return
        hit = LimitHit(hit.kind, hit.file, hit.line, hit.column, hit.end_line, hit.address,
                       f"{old.message}; also: {hit.message}")
    hits[key] = hit


@dataclass(frozen=True)
class Cut:
    """A Subject (linter/subject.py): the block a LimitHit names, with the suppressions on it.
    No root: a module that cannot be read is one finding however many roots call it."""

    hit: LimitHit
    suppressions: tuple[Suppression, ...] = ()

    root = None
    api_group = None
    pod = None

    @property
    def type(self) -> str:
        return self.hit.kind

    @property
    def platform(self) -> str:
        return self.hit.kind.split(":", 1)[0]

    @property
    def address(self) -> str:
        return self.hit.address

    @property
    def instance(self) -> str:
        return self.hit.address

    @property
    def file(self) -> str:
        return self.hit.file

    @property
    def line(self) -> int:
        return self.hit.line

    @property
    def column(self) -> int:
        return self.hit.column

    @property
    def end_line(self) -> int | None:
        return self.hit.end_line

    def has(self, name: str) -> bool:
        return name == "message"

    def get(self, name: str) -> Any:
        return self.hit.message if name == "message" else None

    def attr_line(self, name: str) -> int | None:
        return self.hit.line if name == "message" else None

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        return [(self.hit.message, self.hit.line)] if path == "message" else []

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        return []

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        return [(v, line, path, path) for v, line in self.values(path)]

    def follow(self, path: str, types: tuple[str, ...]) -> Subject | None:
        return None

    def referrers(self, path: str, types: tuple[str, ...]) -> Iterator[Subject]:
        return iter(())

    def peers(self, types: tuple[str, ...]) -> Iterator[Subject]:
        return iter(())

    def configuration(self) -> object:
        return self

    def location(self, catalogue: Catalogue, policy: Policy) -> End:
        return End(EndClass.UNKNOWN, "", "")

    def origins(self, path: str) -> tuple[Origin, ...]:
        return ()
