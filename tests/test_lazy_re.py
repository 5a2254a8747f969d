"""Patterns compiled on first use behave as re.compile's (issue 16: start-up time)."""

from __future__ import annotations

import re

import pytest
from exitlint import lazy_re


def test_not_compiled_until_used_then_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = re.compile

    def spy(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)
    monkeypatch.setattr(lazy_re.re, "compile", spy)
    pattern = lazy_re.compile(r"(\d+)-(\d+)")
    assert calls == []
    assert pattern.fullmatch("10-20").groups() == ("10", "20")
    assert pattern.sub(r"\2-\1", "1-2 3-4") == "2-1 4-3"
    assert calls == [r"(\d+)-(\d+)"]


def test_flags_and_bytes_are_kept() -> None:
    comment = lazy_re.compile(r"/\*.*?\*/", re.DOTALL)
    assert comment.sub("", "a/*\n*/b") == "ab"
    assert lazy_re.compile(rb"(?i)exitlint").search(b"# ExitLint:ignore") is not None
    with pytest.raises(re.error):  # an invalid pattern fails where it is used
        lazy_re.compile("(").match("x")
