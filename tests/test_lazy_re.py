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


def test_equal_hashed_and_pickled_as_the_pattern_it_stands_for() -> None:
    import pickle

    a, b = lazy_re.compile(r"x+", re.I), lazy_re.compile(r"x+", re.I)
    assert a == b and hash(a) == hash(b) and a != lazy_re.compile(r"x+")
    a.search("xx")  # compiled or not, the same pattern
    assert a == b
    copy = pickle.loads(pickle.dumps(a))
    assert copy == a and copy.search("aXX").group() == "XX"


def test_every_bundled_signature_pattern_compiles() -> None:
    """The software and peer tables compile their patterns on first use: a broken pattern in
    checks/ must still fail here, not in the middle of a user's scan."""
    from exitlint.signatures import load_signatures

    sig = load_signatures()
    patterns = [p.pattern for p in sig.peer_syntax] + list(sig.text_patterns.values())
    for sw in sig.software.software:
        patterns += [sw.script, sw.shell, sw.config_env_template]
        patterns += [p for group in sw.config_signatures for p in group]
    patterns += [g for g, _ in sig.software.bare_globs] + [sig.software.system_images]
    compiled = [p for p in patterns if p is not None]
    assert len(compiled) > 20
    for p in compiled:
        assert isinstance(p.groups, int), p  # reading `groups` compiles it: re.error if broken
