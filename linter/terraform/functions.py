"""Terraform built-in functions the static evaluator understands.

Arguments arrive evaluated. A function given an Unknown returns an Unknown that keeps
the first reason, so messages can say what was unresolved.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from .values import ResourceRef, Unknown, first_unknown, is_known, is_obj, to_str

MAX_RANGE = 10_000  # `range()` beyond this is refused: statically useless, dangerous in memory


class FunctionError(Exception):
    pass


def _strict(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a function that needs fully known arguments."""

    def wrapper(*args: Any) -> Any:
        for a in args:
            u = first_unknown(a)
            if u is not None:
                return u
        return fn(*args)

    return wrapper


def _str(v: Any) -> str:
    s = to_str(v)
    if isinstance(s, Unknown):
        raise FunctionError(s.reason)
    return s


def _seq(v: Any) -> list[Any]:
    if isinstance(v, list):
        return v
    if isinstance(v, dict):
        return list(v.values())
    raise FunctionError("expected a list")


def _format(fmt: Any, *args: Any) -> Any:
    out = []
    it = iter(args)
    spec = re.compile(r"%(?:(%)|[-+ #0]*\d*(?:\.\d+)?([sdvqftbxXeEgGo]))")
    pos = 0
    for m in spec.finditer(_str(fmt)):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        if m.group(1):
            out.append("%")
            continue
        try:
            a = next(it)
        except StopIteration as exc:
            raise FunctionError("format: not enough arguments") from exc
        verb = m.group(2)
        if verb == "q":
            out.append(json.dumps(_str(a)))
        elif verb == "d":
            out.append(str(int(a)))
        else:
            out.append(_str(a))
    out.append(fmt[pos:])
    return "".join(out)


def _lookup(m: Any, key: Any, *default: Any) -> Any:
    if isinstance(m, Unknown):
        return m
    k = to_str(key)
    if isinstance(k, Unknown):
        return k
    if is_obj(m):
        return m.get(k)
    if not isinstance(m, dict):
        raise FunctionError("lookup: not a map")
    if k in m:
        return m[k]
    if default:
        return default[0]
    raise FunctionError(f"lookup: no key {k!r}")


def _merge(*maps: Any) -> Any:
    out: dict[str, Any] = {}
    for m in maps:
        if isinstance(m, Unknown):
            return m
        if m is None:
            continue
        if not isinstance(m, dict):
            return Unknown("merge of a value that is not a map")
        out.update(m)
    return out


def _concat(*lists: Any) -> Any:
    out: list[Any] = []
    for seq in lists:
        if isinstance(seq, Unknown):
            return seq
        out.extend(_seq(seq))
    return out


def _coalesce(*args: Any) -> Any:
    for a in args:
        if isinstance(a, (Unknown, ResourceRef)):
            return a
        if a is not None and a != "":
            return a
    raise FunctionError("coalesce: no non-null argument")


def _element(seq: Any, idx: Any) -> Any:
    items = _seq(seq)
    if not items:
        raise FunctionError("element: empty list")
    return items[int(idx) % len(items)]


def _keys(m: Any) -> Any:
    if isinstance(m, dict):
        return sorted(m)
    if is_obj(m):
        return sorted(m.keys())
    raise FunctionError("keys: not a map")


def _values(m: Any) -> Any:
    if isinstance(m, dict):
        return [m[k] for k in sorted(m)]
    raise FunctionError("values: not a map")


def _canon(v: Any) -> Any:
    """A hashable stand-in for a value, equal exactly when Terraform's values are equal
    (a bool is not the number 1; 1 and 1.0 are one number)."""
    if isinstance(v, bool):
        return ("b", v)
    if isinstance(v, (int, float)):
        return ("n", v)
    if isinstance(v, str):
        return ("s", v)
    if v is None:
        return ("z",)
    if isinstance(v, list):
        return ("l", tuple(_canon(x) for x in v))
    if isinstance(v, dict):
        return ("m", tuple(sorted((str(k), _canon(x)) for k, x in v.items())))
    return ("o", id(v))  # resource and module objects: the same object only


def _unique(seq: list[Any]) -> list[Any]:
    """The first occurrence of each value, in order: hashing keeps this linear (a membership
    test per element took hours on 600,000 elements)."""
    seen: set[Any] = set()
    out: list[Any] = []
    for x in seq:
        key = _canon(x)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def _toset(v: Any) -> Any:
    out = _unique(_seq(v))
    if all(isinstance(x, str) for x in out):
        out.sort()
    return out


def _length(v: Any) -> Any:
    if isinstance(v, (list, dict, str)):
        return len(v)
    if is_obj(v):
        return len(v.keys())
    raise FunctionError("length: unsupported value")


def _flatten(v: Any) -> Any:
    out: list[Any] = []
    for x in _seq(v):
        if isinstance(x, list):
            out.extend(_flatten(x))
        else:
            out.append(x)
    return out


def _range(*args: Any) -> Any:
    nums = [int(a) for a in args]
    r = range(*nums) if len(nums) > 1 else range(nums[0])
    if len(r) > MAX_RANGE:
        return Unknown(f"range() of {len(r)} elements exceeds the limit of {MAX_RANGE}")
    return list(r)


def _b64decode(v: Any) -> Any:
    try:
        return base64.b64decode(_str(v), validate=False).decode("utf-8", "replace")
    except (binascii.Error, ValueError) as exc:
        raise FunctionError("base64decode: invalid input") from exc


def _jsondecode(v: Any) -> Any:
    try:
        return json.loads(_str(v))
    except ValueError as exc:
        raise FunctionError("jsondecode: invalid JSON") from exc


def _zipmap(keys: Any, vals: Any) -> Any:
    return {_str(k): v for k, v in zip(_seq(keys), _seq(vals), strict=False)}


def _one(v: Any) -> Any:
    items = _seq(v)
    if not items:
        return None
    if len(items) > 1:
        raise FunctionError("one: more than one element")
    return items[0]


def _contains(seq: Any, v: Any) -> Any:
    return v in _seq(seq)


def _distinct(seq: Any) -> Any:
    return _unique(_seq(seq))


def _split(sep: Any, s: Any) -> Any:
    return _str(s).split(_str(sep))


MAX_REGEX_INPUT = 4096
_GO_REPL = re.compile(r"\$(?:\$|\{(\w+)\}|(\w+))|\\")


def _regex(pattern: str) -> Any:
    """Compile with RE2, the engine Terraform uses (Go's regexp): matching time is linear
    whatever the pattern. Python's `re` backtracks: `a?`*30 `a`*30, `a{0,1000}` three times
    and nested groups ran for minutes through `replace()`. Without RE2 nothing is matched."""
    try:
        import re2  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - google-re2 is a dependency
        raise FunctionError("regular expressions need the google-re2 package") from exc
    options = re2.Options()
    options.log_errors = False  # a bad pattern is an Unknown, not a line on stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise FunctionError("invalid regular expression (RE2 syntax)") from exc


def _go_template(repl: str) -> str:
    """Go's replacement syntax ($1, ${name}, $$) as a Python template (\\1, \\g<name>)."""

    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "\\":
            return "\\\\"
        if m.group(0) == "$$":
            return "$"
        return f"\\g<{m.group(1) or m.group(2)}>"

    return _GO_REPL.sub(sub, repl)


def _groups(m: Any) -> Any:
    """One match as Terraform's regex() returns it: the text, a map of named groups, or a
    list of groups (a group that did not take part is "")."""
    names = m.re.groupindex
    if names:
        return {name: m.group(name) or "" for name in names}
    if m.re.groups:
        return [g or "" for g in m.groups()]
    return m.group(0)


def _checked(s: Any) -> str:
    text = _str(s)
    if len(text) > MAX_REGEX_INPUT:
        raise FunctionError(f"input longer than {MAX_REGEX_INPUT} characters is not matched "
                            "statically")
    return text


def _regex_fn(pattern: Any, s: Any) -> Any:
    m = _regex(_str(pattern)).search(_checked(s))
    if m is None:
        raise FunctionError("no match")
    return _groups(m)


def _regexall(pattern: Any, s: Any) -> Any:
    return [_groups(m) for m in _regex(_str(pattern)).finditer(_checked(s))]


def _replace(s: Any, old: Any, new: Any) -> Any:
    old_s = _str(old)
    if len(old_s) > 1 and old_s.startswith("/") and old_s.endswith("/"):
        compiled = _regex(old_s[1:-1])
        try:
            return compiled.sub(_go_template(_str(new)), _checked(s))
        except (IndexError, re.error) as exc:  # a group the pattern does not have
            raise FunctionError("replace: bad replacement") from exc
    return _str(s).replace(old_s, _str(new))


def _tostring(v: Any) -> Any:
    if v is None:
        return None
    return _str(v)


def _tonumber(v: Any) -> Any:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    s = _str(v)
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError as exc:
            raise FunctionError("tonumber: not a number") from exc


def _tobool(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    s = _str(v)
    if s in ("true", "false"):
        return s == "true"
    raise FunctionError("tobool: not a bool")


def _yamlencode(value: Any) -> Any:
    try:
        return yaml.safe_dump(value, sort_keys=True)
    except yaml.YAMLError:
        return Unknown("yamlencode() of a value that is not plain data")


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "lookup": _lookup,
    "merge": _merge,
    "concat": _concat,
    "format": _strict(_format),
    "join": _strict(lambda sep, *lists: _str(sep).join(_str(x) for seq in lists for x in _seq(seq))),
    "coalesce": _coalesce,
    "coalescelist": lambda *ls: next((x for x in ls if isinstance(x, Unknown) or x), []),
    "tostring": _strict(_tostring),
    "tonumber": _strict(_tonumber),
    "tobool": _strict(_tobool),
    "toset": _strict(_toset),
    "tolist": lambda v: v if isinstance(v, (list, Unknown)) else _seq(v),
    "tomap": lambda v: v,
    "element": _strict(_element),
    "keys": _strict(_keys),
    "values": _values,
    "lower": _strict(lambda s: _str(s).lower()),
    "upper": _strict(lambda s: _str(s).upper()),
    "title": _strict(lambda s: _str(s).title()),
    "trimspace": _strict(lambda s: _str(s).strip()),
    "trim": _strict(lambda s, c: _str(s).strip(_str(c))),
    "trimprefix": _strict(lambda s, p: _str(s).removeprefix(_str(p))),
    "trimsuffix": _strict(lambda s, p: _str(s).removesuffix(_str(p))),
    "replace": _strict(_replace),
    "regex": _strict(_regex_fn),
    "regexall": _strict(_regexall),
    "split": _strict(_split),
    "substr": _strict(lambda s, o, n: _str(s)[int(o) : (None if int(n) < 0 else int(o) + int(n))]),
    "startswith": _strict(lambda s, p: _str(s).startswith(_str(p))),
    "endswith": _strict(lambda s, p: _str(s).endswith(_str(p))),
    "length": _strict(_length),
    "flatten": _strict(_flatten),
    "compact": _strict(lambda seq: [x for x in _seq(seq) if x not in (None, "")]),
    "distinct": _strict(_distinct),
    "contains": _strict(_contains),
    "range": _strict(_range),
    "min": _strict(lambda *a: min(a)),
    "max": _strict(lambda *a: max(a)),
    "abs": _strict(abs),
    "base64decode": _strict(_b64decode),
    "base64encode": _strict(lambda s: base64.b64encode(_str(s).encode()).decode()),
    "jsonencode": _strict(lambda v: json.dumps(v, separators=(",", ":"), sort_keys=True)),
    "jsondecode": _strict(_jsondecode),
    "yamlencode": _strict(_yamlencode),
    "zipmap": _strict(_zipmap),
    "one": _strict(_one),
    "reverse": _strict(lambda seq: list(reversed(_seq(seq)))),
    "sort": _strict(lambda seq: sorted(_str(x) for x in _seq(seq))),
}


MAX_VALUE = 1_000_000  # characters plus elements a function takes or returns (see _weight)


def _weight(value: Any, budget: int = MAX_VALUE) -> int:
    """Characters of the strings plus number of elements in `value`, counted up to just past
    `budget` (the walk stops there, so weighing a huge value is cheap)."""
    total = 0
    stack = [value]
    while stack and total <= budget:
        v = stack.pop()
        total += 1
        if isinstance(v, str):
            total += len(v)
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, dict):
            total += sum(len(str(k)) for k in v)
            stack.extend(v.values())
    return total


def call(name: str, args: list[Any]) -> Any:
    """Apply a built-in; unknown functions and failures become Unknown, never exceptions."""
    return call_sized(name, args)[0]


def call_sized(name: str, args: list[Any]) -> tuple[Any, int]:
    """`call`, and the weight of what it built (for the evaluator's byte budget)."""
    name = name.removeprefix("provider::terraform::")
    fn = FUNCTIONS.get(name)
    if fn is None:
        return Unknown(f"function {name}() is not evaluated statically"), 0
    # Bounded values in, bounded values out: doubling a string or list through a chain of
    # locals (`join("", [local.a, local.a])`, `flatten([...])`) ran out of memory.
    if _weight(args) > MAX_VALUE or (name == "replace" and _replace_grows(args)):
        return Unknown(f"{name}(): value too large to evaluate statically"), 0
    try:
        result = fn(*args)
    except FunctionError as exc:
        return Unknown(f"{name}(): {exc}"), 0
    except (TypeError, ValueError, IndexError, KeyError, ZeroDivisionError, AttributeError,
            RecursionError, OverflowError, MemoryError):
        return Unknown(f"{name}() could not be evaluated with these arguments"), 0
    size = _weight(result)
    if size > MAX_VALUE:
        return Unknown(f"{name}(): value too large to evaluate statically"), 0
    return result, size


def _replace_grows(args: list[Any]) -> bool:
    """A plain `replace` whose result would exceed MAX_VALUE (checked before building it)."""
    if len(args) != 3 or not all(isinstance(a, str) for a in args) or not args[1]:
        return False
    s, old, new = (str(a) for a in args)
    return len(s) + s.count(old) * max(0, len(new) - len(old)) > MAX_VALUE


__all__ = ["FUNCTIONS", "call", "call_sized", "is_known"]
