"""Date and time functions that are pure: formatdate, timeadd, timecmp (RFC 3339 timestamps,
Terraform's format specification and Go's duration syntax). timestamp() and plantimestamp()
are the time of the run: unknown by design."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ... import lazy_re
from .base import FunctionError, strict, text

_RFC3339 = lazy_re.compile(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
                      r"([Zz]|[+-]\d{2}:\d{2})\Z")
_DURATION = lazy_re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0,
          "h": 3600.0}
_SPEC = lazy_re.compile(r"'(?:[^']|'')*'|YYYY|YY|MMMM|MMM|MM|M|DD|D|EEEE|EEE|hh|h|HH|H|AA|aa|mm|m|"
                   r"ss|s|ZZZZZ|ZZZZ|ZZZ|Z|[A-Za-z]+|[^A-Za-z']+")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def parse_time(value: Any) -> dt.datetime:
    m = _RFC3339.match(text(value))
    if m is None:
        raise FunctionError("not an RFC 3339 timestamp")
    y, mo, d, h, mi, s, frac, zone = m.groups()
    if zone in ("Z", "z"):
        tz = dt.timezone.utc
    else:
        sign = -1 if zone[0] == "-" else 1
        tz = dt.timezone(sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
    micro = int((frac or ".0")[1:7].ljust(6, "0"))
    return dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), micro, tzinfo=tz)


def _offset(t: dt.datetime, colon: bool) -> str:
    off = t.utcoffset() or dt.timedelta()
    minutes = int(off.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hh, mm = divmod(abs(minutes), 60)
    return f"{sign}{hh:02d}{':' if colon else ''}{mm:02d}"


def format_time(t: dt.datetime) -> str:
    """RFC 3339 as Go prints it: Z for UTC, fractional seconds only when there are any."""
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    if t.microsecond:
        base += f".{t.microsecond:06d}".rstrip("0")
    off = t.utcoffset() or dt.timedelta()
    return base + ("Z" if not off else _offset(t, True))


def _formatdate(spec: Any, value: Any) -> Any:
    t = parse_time(value)
    utc = not t.utcoffset()
    hour12 = t.hour % 12 or 12
    tokens: dict[str, str] = {
        "YYYY": f"{t.year:04d}", "YY": f"{t.year % 100:02d}",
        "MMMM": _MONTHS[t.month - 1], "MMM": _MONTHS[t.month - 1][:3],
        "MM": f"{t.month:02d}", "M": str(t.month), "DD": f"{t.day:02d}", "D": str(t.day),
        "EEEE": _DAYS[t.weekday()], "EEE": _DAYS[t.weekday()][:3],
        "hh": f"{t.hour:02d}", "h": str(t.hour), "HH": f"{hour12:02d}", "H": str(hour12),
        "AA": "AM" if t.hour < 12 else "PM", "aa": "am" if t.hour < 12 else "pm",
        "mm": f"{t.minute:02d}", "m": str(t.minute), "ss": f"{t.second:02d}", "s": str(t.second),
        "ZZZZZ": _offset(t, True), "ZZZZ": _offset(t, False),
        "ZZZ": "UTC" if utc else _offset(t, False), "Z": "Z" if utc else _offset(t, True),
    }
    out = []
    for tok in _SPEC.findall(text(spec)):
        if tok.startswith("'"):
            out.append(tok[1:-1].replace("''", "'"))
        elif tok[0].isalpha():
            if tok not in tokens:
                raise FunctionError(f"unsupported date format sequence {tok[:20]!r}")
            out.append(tokens[tok])
        else:
            out.append(tok)
    return "".join(out)


def parse_duration(value: Any) -> dt.timedelta:
    s = text(value)
    sign = -1 if s.startswith("-") else 1
    body = s[1:] if s[:1] in "+-" else s
    if body == "0":
        return dt.timedelta()
    pos, seconds = 0, 0.0
    while pos < len(body):
        m = _DURATION.match(body, pos)
        if m is None or m.group(1) in ("", "."):
            raise FunctionError(f"invalid duration {s[:40]!r}")
        seconds += float(m.group(1)) * _UNITS[m.group(2)]
        pos = m.end()
    if not body:
        raise FunctionError("empty duration")
    return dt.timedelta(seconds=sign * seconds)


def _timeadd(value: Any, duration: Any) -> Any:
    return format_time(parse_time(value) + parse_duration(duration))


def _timecmp(a: Any, b: Any) -> Any:
    x, y = parse_time(a), parse_time(b)
    return (x > y) - (x < y)


TABLE: dict[str, Callable[..., Any]] = {
    "formatdate": strict(_formatdate),
    "timeadd": strict(_timeadd),
    "timecmp": strict(_timecmp),
}
