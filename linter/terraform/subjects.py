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
    _pod: tuple[PodView | None] | None = None

    @property
    def pod(self) -> PodView | None:
        """The pod a resource that deploys Kubernetes objects runs (deployers.py); None for
        every other resource (boot scripts are read by `scripts:`)."""
        if self._pod is None:
            from .deployers import deployed_pod, deployers

            deploys = deployers().deploys(str(getattr(self, "type", "")))
            self._pod = (deployed_pod(self) if deploys else None,)  # type: ignore[arg-type]
        return self._pod[0]

    def _limit(self, message: str) -> None:
        """A limit met while a check reads a value (an evaluation-limit cut on the subject)."""
        raise NotImplementedError

    def _pod_facts(self, path: str) -> list[tuple[Any, int | None, str, str]] | None:
        """A pod fact path (`containers[].env.NAME`) on a resource that deploys a pod."""
        if not path.startswith("containers"):
            return None
        pod = self.pod
        if pod is None:
            return None
        from ..pod_spec import view_facts  # resources that deploy a pod only: ~1 ms at start-up

        return view_facts(pod, path)

    def values(self, path: str) -> list[tuple[Any, int | None]]:
        facts = self._pod_facts(path)
        if facts is not None:
            return [(v, line) for v, line, _, _ in facts]
        with limit_sink(self._limit):
            return values_at(self, path)

    def values_in(self, value: Any, path: str) -> list[tuple[Any, int | None]]:
        with limit_sink(self._limit):
            return values_at(value, path)

    def keyed(self, path: str) -> list[tuple[Any, int | None, str, str]]:
        facts = self._pod_facts(path)
        if facts is not None:
            return facts
        key = path.rsplit(".", 1)[-1]
        return [(v, line, key, path) for v, line in self.values(path)]
