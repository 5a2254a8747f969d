"""What a detector found on a subject: the decided link, before it becomes a finding."""

from __future__ import annotations

from ..model import End, Origin
from ..records import dataclass
from .decide import Verdict


@dataclass(frozen=True)
class Hit:
    verdict: Verdict
    local: End
    remote: End
    line: int | None
    detail: str = ""
    # where in the subject the finding is placed (a container, a Service port); None: at the
    # subject's own line and column
    at: tuple[int, int] | None = None
    related: tuple[Origin, ...] = ()  # where the remote end was read (a ConfigMap key)
    worded: bool = False  # the detail already says the target's `message`
    # every link the hit stands for (a hub's members, each peer in a list), worst or not: an
    # approved exit approves the finding only when it approves each of them (SPEC §9)
    links: tuple[tuple[End, End], ...] = ()
    # the software the hit is about (a name in checks/software.yaml), for its per-software fix
    software: str | None = None


# Detectors whose hit is a setting that is the signal itself: the check's severity applies even
# when the far end is unknown ("cannot prove" is not the point).
DEFINITE = frozenset({"flag", "setting", "exposed_port"})
