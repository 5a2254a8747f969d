"""The directories a scan may read files from: the repositories of the paths it was given.

A module source or a symlinked file outside them is not read (a pull request must not make the
scan print pieces of files elsewhere on the machine). Each named path brings its own
repository: its git work tree, else the report's base directory when the path is inside it,
else the path itself. `exitlint repo-a repo-b` therefore reads each repository's own modules
(it used to take the first path's repository for all of them and refuse the second's modules).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .records import dataclass


@dataclass(frozen=True)
class Repositories:
    roots: tuple[Path, ...]  # resolved, none inside another, sorted

    @classmethod
    def of(cls, directories: Iterable[Path]) -> Repositories:
        resolved = sorted({Path(os.path.realpath(d)) for d in directories}, key=lambda p: p.parts)
        kept: list[Path] = []
        for d in resolved:  # sorted: a directory comes after every directory holding it
            if not any(d.is_relative_to(k) for k in kept):
                kept.append(d)
        return cls(tuple(kept))

    def holds(self, resolved: Path) -> bool:
        """Whether a resolved path is inside one of the repositories."""
        return any(resolved.is_relative_to(root) for root in self.roots)

    def __str__(self) -> str:
        return os.pathsep.join(map(str, self.roots))


EVERYWHERE = Repositories((Path("/"),))  # --allow-outside-root
