"""What every Terraform subject (a resource instance of a source scan, a plan resource) answers
alike in the Subject protocol (linter/subject.py): values read by path, with a limit met while
reading reported on the subject itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .values import limit_sink, values_at

if TYPE_CHECKING:
    from ..subject import PodView


class TerraformSubject:
    platform = "terraform"
    api_group: str | None = None  # a Kubernetes notion
    pod: PodView | None = None  # a Kubernetes notion (boot scripts are read by `scripts:`)

    def _limit(self, message: str) -> None:
        """A limit met while a check reads a value (an evaluation-limit cut on the subject)."""
        raise NotImplementedError

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        with limit_sink(self._limit):
            return values_at(self, path)

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        with limit_sink(self._limit):
            return values_at(value, path)

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        key = path.rsplit(".", 1)[-1]
        return [(v, line, key, path) for v, line in self.values(path)]
