"""Regular expressions compiled on first use: a pattern that only some inputs need (a date
function's, standard input's, a tunnel program's signature) costs nothing at start-up, where
every compile adds to a pre-commit hook's time."""

from __future__ import annotations

import re
from typing import Any, cast, overload


class LazyPattern:
    """Stands for `re.compile(pattern, flags)`: its methods (`match`, `search`, `sub` ...)
    compile it the first time one is used. Equal, hashed and pickled as the pattern it stands
    for, so data holding one compares as data holding the compiled pattern would."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self._pattern, self._flags) == (other._pattern, other._flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._pattern, self._flags))

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyPattern, (self._pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self._pattern!r}, {self._flags})"


@overload
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]: ...
@overload
def compile(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...
def compile(pattern: str | bytes, flags: int = 0) -> re.Pattern[Any]:
    """Typed as the compiled pattern it behaves as (use its methods; it is not an instance of
    re.Pattern, so do not hand it to `re.sub` and friends as a pattern argument)."""
    return cast("re.Pattern[Any]", LazyPattern(pattern, flags))
