"""Terraform built-in functions the static evaluator understands.

Arguments arrive evaluated. A function given an Unknown returns an Unknown that keeps
the first reason, so messages can say what was unresolved.
"""

from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from collections.abc import Callable
from typing import Any

from .. import data_files, lazy_re
from ..resources import checks_dir
from .builtins import collection, crypto, dates, encoding, filesystem, network, numeric, strings
from .builtins.base import FunctionError as FunctionError  # raised by the functions
from .builtins.base import as_set, number, shallow, strict, unique, whole
from .builtins.base import seq as _seq
from .builtins.base import text as _str
from .values import (
    ResourceRef,
    Unknown,
    first_unknown,
    is_known,
    is_obj,
    position_unknown,
    to_str,
    unknown_elements,
)

MAX_RANGE = 10_000  # `range()` beyond this is refused: statically useless, dangerous in memory


_SPEC = lazy_re.compile(r"%(?:(%)|([-+ #0]*)(?:\[(\d+)\])?(\d*)(?:\.(\d*))?([sdvqftbxXeEgGo]))")
MAX_WIDTH = 1000  # a width or precision beyond this is not formatted statically


def _format(fmt: Any, *args: Any) -> Any:
    """Terraform's format(): Go's verbs with flags, width, precision and explicit argument
    indexes (`%[2]s`)."""
    text = _str(fmt)
    out = []
    pos, nxt = 0, 0
    for m in _SPEC.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        if m.group(1):
            out.append("%")
            continue
        flags, index, width, precision, verb = m.group(2, 3, 4, 5, 6)
        if index:
            nxt = int(index) - 1
        if not 0 <= nxt < len(args):
            raise FunctionError("format: not enough arguments")
        a = args[nxt]
        nxt += 1
        if len(width) > 4 or (precision and len(precision) > 4) or int(width or 0) > MAX_WIDTH \
                or int(precision or 0) > MAX_WIDTH:
            raise FunctionError("format: width or precision too large")
        out.append(_verb(a, flags, width, precision, verb))
    out.append(text[pos:])
    return "".join(out)


def _verb(a: Any, flags: str, width: str, precision: str | None, verb: str) -> str:
    align = "<" if "-" in flags else ""
    fill = "0" if "0" in flags and not align and verb not in "sqvt" else ""
    sign = "+" if "+" in flags else (" " if " " in flags else "")
    alt = "#" if "#" in flags else ""
    prec = f".{precision or 0}" if precision is not None else ""
    if verb in "dbxXo":
        n = whole(a)
        body = format(n, f"{sign}{alt}{fill}{width}{verb}")
    elif verb in "eEfgG":
        x = float(number(a))
        body = format(x, f"{sign}{fill}{width}{prec}{verb}")
    else:
        if verb == "t":
            if not isinstance(a, bool):
                raise FunctionError("format: %t needs a bool")
            body = "true" if a else "false"
        elif verb == "q":
            body = json.dumps(_str(a), ensure_ascii=False)
        elif verb == "v" and (alt or isinstance(a, (list, dict))):
            body = json.dumps(a, separators=(",", ":"), sort_keys=True)
        else:
            body = _str(a)
        if precision is not None and verb == "s":
            body = body[: int(precision or 0)]
        body = format(body, f"{align or '>'}{width}") if width else body
        return body
    if align and width:
        body = format(body.strip(), f"<{width}")
    return body


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
    """A list that is unknown as a whole keeps its place as an UnknownElements marker: the
    known elements of the other lists stay known (unknown is per element)."""
    out: list[Any] = []
    for seq in lists:
        if isinstance(seq, (Unknown, ResourceRef)):
            out.append(unknown_elements(seq))
            continue
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
    return position_unknown(items) or items[int(idx) % len(items)]


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


def _toset(v: Any) -> Any:
    return as_set(_seq(v))  # unknown elements stay, each on its own


def _length(v: Any) -> Any:
    if isinstance(v, list):
        return position_unknown(v) or len(v)
    if isinstance(v, (dict, str)):
        return len(v)
    if is_obj(v):
        return len(v.keys())
    raise FunctionError("length: unsupported value")


def _flatten(v: Any) -> Any:
    out: list[Any] = []
    for x in _seq(v):
        if isinstance(x, list):
            out.extend(_flatten(x))
        elif isinstance(x, (Unknown, ResourceRef)):
            out.append(unknown_elements(x))  # it may be a list: how many elements is unknown
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
    marker = position_unknown(items)
    if marker is not None:
        return marker
    if not items:
        return None
    if len(items) > 1:
        raise FunctionError("one: more than one element")
    return items[0]


def _contains(seq: Any, v: Any) -> Any:
    items = _seq(seq)
    if v in items:
        return True
    return first_unknown([v, *items]) or False


def _distinct(seq: Any) -> Any:
    return unique(_seq(seq))


def _split(sep: Any, s: Any) -> Any:
    return _str(s).split(_str(sep))


MAX_REGEX_INPUT = 4096
_GO_REPL = lazy_re.compile(r"\$(?:\$|\{(\w+)\}|(\w+))|\\")


def compile_regex(pattern: str) -> Any:
    """An RE2 pattern (raises FunctionError when it is not one)."""
    return _regex(pattern)


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

    out: str = _GO_REPL.sub(sub, repl)
    return out


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


def _substr(s: Any, offset: Any, length: Any) -> Any:
    """A negative offset counts from the end; a negative length takes the rest."""
    text, start, count = _str(s), whole(offset), whole(length)
    if start < 0:
        start = max(0, start + len(text))
    return text[start:] if count < 0 else text[start : start + count]


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


def _decode_tfvars(v: Any) -> Any:
    """provider::terraform::decode_tfvars: the values of a tfvars text (literals only)."""
    from ..hcl.parser import parse_hcl
    from .files import tfvars_values  # files imports the evaluator, which imports this module

    outcome = parse_hcl(_str(v).encode("utf-8"), "<decode_tfvars>", lazy=False)
    if outcome.error is not None or outcome.file.body.blocks:
        raise FunctionError("not valid tfvars text")
    values = tfvars_values(outcome.file)
    if not is_known(values):
        raise FunctionError("tfvars text may hold only literal values")
    return values


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "lookup": _lookup,
    "merge": _merge,
    "concat": _concat,
    "format": strict(_format),
    "join": strict(lambda sep, *lists: _str(sep).join(_str(x) for seq in lists for x in _seq(seq))),
    "coalesce": _coalesce,
    "coalescelist": lambda *ls: next((x for x in ls if isinstance(x, Unknown) or x), []),
    "tostring": strict(_tostring),
    "tonumber": strict(_tonumber),
    "tobool": strict(_tobool),
    "toset": shallow(_toset),
    "tolist": lambda v: v if isinstance(v, (list, Unknown)) else _seq(v),
    "tomap": lambda v: v,
    "element": shallow(_element),
    "keys": shallow(_keys),
    "values": _values,
    "lower": strict(lambda s: _str(s).lower()),
    "upper": strict(lambda s: _str(s).upper()),
    "title": strict(lambda s: _str(s).title()),
    "trimspace": strict(lambda s: _str(s).strip()),
    "trim": strict(lambda s, c: _str(s).strip(_str(c))),
    "trimprefix": strict(lambda s, p: _str(s).removeprefix(_str(p))),
    "trimsuffix": strict(lambda s, p: _str(s).removesuffix(_str(p))),
    "replace": strict(_replace),
    "regex": strict(_regex_fn),
    "regexall": strict(_regexall),
    "split": strict(_split),
    "substr": strict(_substr),
    "startswith": strict(lambda s, p: _str(s).startswith(_str(p))),
    "endswith": strict(lambda s, p: _str(s).endswith(_str(p))),
    "length": shallow(_length),
    "flatten": shallow(_flatten),
    "compact": shallow(lambda seq: [x for x in _seq(seq) if x is not None and x != ""]),
    "distinct": shallow(_distinct),
    "contains": shallow(_contains),
    "range": strict(_range),
    "base64decode": strict(_b64decode),
    "base64encode": strict(lambda s: base64.b64encode(_str(s).encode()).decode()),
    "jsonencode": strict(lambda v: json.dumps(v, separators=(",", ":"), sort_keys=True)),
    "jsondecode": strict(_jsondecode),
    "zipmap": shallow(_zipmap),
    "one": shallow(_one),
    "reverse": shallow(lambda seq: list(reversed(_seq(seq)))),
    "sort": strict(lambda seq: sorted(_str(x) for x in _seq(seq))),
    # sensitivity is not tracked: the value is the value
    "sensitive": lambda v: v,
    "nonsensitive": lambda v: v,
    "decode_tfvars": strict(_decode_tfvars),
    **numeric.TABLE, **strings.TABLE, **collection.TABLE, **encoding.TABLE, **network.TABLE,
    **dates.TABLE, **crypto.TABLE, **filesystem.TABLE,
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


@functools.lru_cache(maxsize=1)
def documented() -> dict[str, dict[str, Any]]:
    """Terraform's documented functions (checks/terraform_functions.yaml): name -> category
    and, for those unknown by design, why."""
    raw = data_files.load_file(checks_dir() / "terraform_functions.yaml") or {}
    table = raw.get("functions") if isinstance(raw, dict) else None
    return {str(k): dict(v) for k, v in table.items()} if isinstance(table, dict) else {}


def call(name: str, args: list[Any]) -> Any:
    """Apply a built-in; unknown functions and failures become Unknown, never exceptions."""
    return call_sized(name, args)[0]


def call_sized(name: str, args: list[Any]) -> tuple[Any, int]:
    """`call`, and the weight of what it built (for the evaluator's byte budget)."""
    name = name.removeprefix("provider::terraform::")
    fn = FUNCTIONS.get(name)
    if fn is None:
        why = documented().get(name, {}).get("unknown")
        if isinstance(why, str):
            return Unknown(f"{name}() is unknown until Terraform runs ({why})"), 0
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
