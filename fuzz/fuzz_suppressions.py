"""atheris: the suppression comment parser: a Suppression or None."""

from __future__ import annotations

import datetime as dt

import atheris

with atheris.instrument_imports():
    from exitlint.suppressions import parse_suppression

from _common import run


def target(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(1024)
    s = parse_suppression("# exitlint:ignore " + text, 1, 1)
    if s is not None:
        s.expired(dt.date(2026, 1, 1))
    parse_suppression(text, 1, 1)


if __name__ == "__main__":
    run(target)
