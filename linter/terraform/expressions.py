"""Evaluate HCL expressions statically against a scope.

The scope answers root names (`var`, `local`, `aws_instance`, `each`, ...); this module
knows only the expression language. Every failure becomes an `Unknown` with a reason;
evaluation is bounded in depth and steps so hostile input cannot hang it.
"""

from __future__ import annotations

import operator
import posixpath
from typing import Any, Protocol

from ..hcl import ast as A
from .builtins.filesystem import fileset_pattern
from .values import ResourceRef, Unknown, first_unknown, is_obj, position_unknown, to_str

MAX_DEPTH = 64
MAX_STEPS = 200_000  # per top-level evaluation
MAX_ITEMS = 10_000  # elements a `for` expression may produce
MAX_STRING = 1_000_000  # characters a template may produce
MAX_INT_BITS = 4096  # integer operands beyond this are not computed with (see _binary)
# Bytes of values built (string characters plus one per element, see functions.weight) per
# top-level evaluation, and over an evaluator's life (memoized values stay alive). Steps alone
# did not bound memory: 10,000 templates of 900 KB each built 8.4 GiB from a 617-byte file.
MAX_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024


class Scope(Protocol):
    def root(self, name: str) -> Any: ...

    def with_vars(self, values: dict[str, Any]) -> Scope: ...

    def file_text(self, path: str) -> str | Unknown: ...


class _Budget(Exception):
    pass


class _ByteBudget(_Budget):
    pass


class Evaluator:
    def __init__(self) -> None:
        self.depth = 0
        self.steps = 0
        self.built = 0  # bytes built in the current top-level evaluation
        self.total_built = 0  # bytes built over this evaluator's life

    def evaluate(self, expr: A.Expr, scope: Scope) -> Any:
        """Top-level entry: resets the step and byte budgets."""
        outer_steps, outer_built = self.steps, self.built
        if self.depth == 0:
            self.steps = 0
            self.built = 0
        try:
            return self._eval(expr, scope)
        except _ByteBudget:
            return Unknown("value larger than the evaluation budget")
        except _Budget:
            return Unknown("expression too large to evaluate statically")
        except RecursionError:
            return Unknown("expression nested too deeply")
        finally:
            if self.depth == 0:
                self.steps, self.built = outer_steps, outer_built

    def _charge(self, size: int) -> None:
        self.built += size
        self.total_built += size
        if self.built > MAX_BYTES or self.total_built > MAX_TOTAL_BYTES:
            raise _ByteBudget

    def _eval(self, expr: A.Expr, scope: Scope) -> Any:
        self.steps += 1
        if self.steps > MAX_STEPS or self.depth > MAX_DEPTH:
            raise _Budget
        self.depth += 1
        try:
            return self._dispatch(expr, scope)
        finally:
            self.depth -= 1

    def _dispatch(self, expr: A.Expr, scope: Scope) -> Any:
        if isinstance(expr, A.Literal):
            return expr.value
        if isinstance(expr, A.Traversal):
            return self.apply_steps(scope.root(expr.root), expr.steps, scope, expr.root)
        if isinstance(expr, A.Template):
            return self._template(expr, scope)
        if isinstance(expr, A.TupleExpr):
            self._charge(len(expr.items) + 1)
            return [self._eval(i, scope) for i in expr.items]
        if isinstance(expr, A.ObjectExpr):
            out: dict[str, Any] = {}
            for k, v in expr.items:
                key = to_str(self._eval(k, scope))
                if isinstance(key, Unknown):
                    return Unknown(f"object key is unknown ({key.reason})")
                self._charge(len(key) + 1)
                out[key] = self._eval(v, scope)
            return out
        if isinstance(expr, A.Call):
            return self._call(expr, scope)
        if isinstance(expr, A.Conditional):
            return self._conditional(expr, scope)
        if isinstance(expr, A.Binary):
            return self._binary(expr, scope)
        if isinstance(expr, A.Unary):
            v = self._eval(expr.operand, scope)
            if isinstance(v, (Unknown, ResourceRef)):
                return first_unknown(v)
            if expr.op == "!":
                return not v if isinstance(v, bool) else Unknown("! of a non-bool")
            return -v if isinstance(v, (int, float)) else Unknown("- of a non-number")
        if isinstance(expr, A.ForExpr):
            return self._for(expr, scope)
        if isinstance(expr, A.Relative):
            return self.apply_steps(self._eval(expr.source, scope), expr.steps, scope, "expression")
        return Unknown(f"{expr.what} is not evaluated statically")

    # -- pieces ---------------------------------------------------------------
    def apply_steps(self, value: Any, steps: tuple[A.Step, ...], scope: Scope, label: str) -> Any:
        for i, step in enumerate(steps):
            if isinstance(value, Unknown):
                return value
            if isinstance(step, A.Splat):
                rest = steps[i + 1 :]
                if value is None:
                    return []
                items = value if isinstance(value, list) else [value]
                return [self.apply_steps(v, rest, scope, label) for v in items]
            if isinstance(step, A.GetAttr):
                value = _get_attr(value, step.name, label)
                label = f"{label}.{step.name}"
            else:
                key = self._eval(step.key, scope)
                value = _index(value, key, label)
                label = f"{label}[{key!r}]"
        return value

    def _template(self, expr: A.Template, scope: Scope) -> Any:
        if len(expr.parts) == 1 and not isinstance(expr.parts[0], A.Literal):
            return self._eval(expr.parts[0], scope)  # "${x}" keeps x's type (and its origin)
        out: list[str] = []
        size = 0
        for part in expr.parts:
            v = self._eval(part, scope)
            s = to_str(v)
            if isinstance(s, Unknown):
                return s if not isinstance(v, ResourceRef) else first_unknown(v)
            out.append(s)
            # "${local.a}${local.a}" chained through locals doubles a string each time: refuse
            # results beyond MAX_STRING (a chain of 19 such locals raised MemoryError).
            size += len(s)
            if size > MAX_STRING:
                return Unknown(f"string longer than {MAX_STRING} characters")
        self._charge(size + 1)
        return "".join(out)

    def _call(self, expr: A.Call, scope: Scope) -> Any:
        name = expr.name
        if name in ("try", "can"):
            # try() returns its first argument that evaluates; statically, the first known one.
            last: Any = Unknown(f"{name}() without arguments")
            for arg in expr.args:
                last = self._eval(arg, scope)
                if not isinstance(last, Unknown):
                    return True if name == "can" else last
                if name == "can":
                    return last
            return last
        args = [self._eval(a, scope) for a in expr.args]
        if expr.expand_last and args:
            last = args.pop()
            if isinstance(last, Unknown):
                return last
            if not isinstance(last, list):
                return Unknown(f"{name}(...): expansion of a non-list")
            args.extend(last)
        if name.startswith("provider::"):
            from .deployers import deployers  # manifest decoders (provider::kubernetes::...)

            how = deployers().decoders.get(name)
            if how is not None:
                from .manifest_yaml import decode

                return decode(how, args)
        name = name.removeprefix("provider::terraform::")
        if name in FILE_FUNCTIONS:
            return self._file_function(name, args, scope)
        if name == "templatestring":
            return self._template_string(args, scope)
        # Terraform's function table: imported by the first call (~3 ms at start-up otherwise)
        from .functions import call_sized

        result, size = call_sized(name, args)
        self._charge(size)
        return result

    def _file_function(self, name: str, args: list[Any], scope: Scope) -> Any:
        if not args:
            return Unknown(f"{name}() without arguments")
        path = to_str(args[0])
        if isinstance(path, Unknown):
            return path
        if name == "abspath":
            return _abspath(path, scope)
        if name == "fileset":
            return self._fileset(path, args[1:], scope)
        text = scope.file_text(path)
        if name == "fileexists":
            return not isinstance(text, Unknown)
        if isinstance(text, Unknown):
            return text
        self._charge(len(text) + 1)
        from .functions import call  # see _call

        if name == "filebase64":
            return call("base64encode", [text])
        if name in _FILE_HASHES:
            if "\ufffd" in text:  # the file is read as UTF-8 text: its bytes are not known
                return Unknown(f"{name}(): {path} is not UTF-8 text")
            return call(_FILE_HASHES[name], [text])
        if name == "templatefile":
            from ..hcl.parser import HclSyntaxError, parse_template

            variables = args[1] if len(args) > 1 else {}
            if not isinstance(variables, dict):
                return Unknown("templatefile(): variables are unknown")
            try:
                tmpl = parse_template(text)
            except HclSyntaxError:
                return Unknown(f"templatefile(): {path} is not a valid template")
            return self._eval(tmpl, scope.with_vars(variables))
        return text

    def _template_string(self, args: list[Any], scope: Scope) -> Any:
        """templatestring(text, vars): the text rendered as a template, like templatefile()."""
        from ..hcl.parser import HclSyntaxError, parse_template

        if len(args) != 2:
            return Unknown("templatestring() takes a template and its variables")
        text, variables = args
        if isinstance(text, (Unknown, ResourceRef)) or not isinstance(text, str):
            return first_unknown(text) or Unknown("templatestring(): the template is not a string")
        if not isinstance(variables, dict):
            return first_unknown(variables) or Unknown("templatestring(): variables are unknown")
        try:
            tmpl = parse_template(text)
        except HclSyntaxError:
            return Unknown("templatestring(): not a valid template")
        return self._eval(tmpl, scope.with_vars(variables))

    def _fileset(self, path: str, rest: list[Any], scope: Scope) -> Any:
        """fileset(path, pattern): the files below `path` matching `pattern`, relative to it."""
        if len(rest) != 1:
            return Unknown("fileset() takes a directory and a pattern")
        pattern = to_str(rest[0])
        if isinstance(pattern, Unknown):
            return pattern
        lister = getattr(scope, "list_files", None)
        names = lister(path) if lister is not None else Unknown("fileset(): no files here")
        if isinstance(names, Unknown):
            return names
        from .functions import FunctionError, compile_regex  # see _call

        try:
            regex = compile_regex(fileset_pattern(pattern))
        except FunctionError as exc:
            return Unknown(f"fileset(): {exc}")
        found = [n for n in names if regex.fullmatch(n)]
        self._charge(sum(len(n) + 1 for n in found))
        return found

    def _conditional(self, expr: A.Conditional, scope: Scope) -> Any:
        cond = self._eval(expr.cond, scope)
        if isinstance(cond, bool):
            return self._eval(expr.then if cond else expr.other, scope)
        a = self._eval(expr.then, scope)
        b = self._eval(expr.other, scope)
        u = first_unknown(cond) or Unknown("condition is not a bool")
        return _either(a, b, u)

    def _binary(self, expr: A.Binary, scope: Scope) -> Any:
        op = expr.op
        left = self._eval(expr.left, scope)
        if op in ("&&", "||"):
            if op == "&&" and left is False:
                return False
            if op == "||" and left is True:
                return True
            right = self._eval(expr.right, scope)
            if op == "&&" and right is False:
                return False
            if op == "||" and right is True:
                return True
            if isinstance(left, bool) and isinstance(right, bool):
                return left and right if op == "&&" else left or right
            return first_unknown([left, right]) or Unknown(f"{op} of non-bools")
        right = self._eval(expr.right, scope)
        u = first_unknown([left, right])
        if u is not None:
            return u
        if op == "==":
            return left == right
        if op == "!=":
            return left != right
        fn = _ARITH.get(op)
        if fn is None:
            return Unknown(f"operator {op} not evaluated")
        # Terraform's arithmetic and comparison operators take numbers only. Python's would also
        # repeat strings and lists (`"x" * 1e9` allocated gigabytes) and `%`-format strings; and
        # squaring huge integers again and again never ends, so operands stay below MAX_INT_BITS.
        if not (_number(left) and _number(right)):
            return Unknown(f"operator {op} needs numbers")
        if any(isinstance(v, int) and v.bit_length() > MAX_INT_BITS for v in (left, right)):
            return Unknown(f"operator {op}: number too large to evaluate statically")
        try:
            return fn(left, right)
        except (TypeError, ZeroDivisionError, ValueError, OverflowError):
            return Unknown(f"operator {op} could not be applied")

    def _for(self, expr: A.ForExpr, scope: Scope) -> Any:
        coll = self._eval(expr.collection, scope)
        if isinstance(coll, (Unknown, ResourceRef)):
            return first_unknown(coll)
        if isinstance(coll, dict):
            pairs = list(coll.items())
        elif isinstance(coll, list):
            pairs = list(enumerate(coll))
        elif is_obj(coll):
            pairs = [(k, coll.get(k)) for k in list(coll.keys())]
        else:
            return Unknown("for expression over a value that is not a collection")
        if len(pairs) > MAX_ITEMS:
            return Unknown(f"for expression over more than {MAX_ITEMS} elements")
        items: list[Any] = []
        obj: dict[str, Any] = {}
        for k, v in pairs:
            names = {expr.value_var: v}
            if expr.key_var:
                names[expr.key_var] = k
            inner = scope.with_vars(names)
            maybe: Unknown | None = None  # the filter is unknown: this element may be absent
            if expr.cond is not None:
                c = self._eval(expr.cond, inner)
                if c is False:
                    continue
                if c is not True:
                    # unknown is per element: this element is unknown, the others stay known;
                    # its reason names what the filter depends on
                    blocker = first_unknown(c)
                    maybe = Unknown("for expression filter is unknown"
                                    + (f": {blocker.reason}" if blocker is not None else
                                       " (it is neither true nor false)"))
            if expr.key is None:
                self._charge(1)
                items.append(maybe or self._eval(expr.value, inner))
            else:
                key = to_str(self._eval(expr.key, inner))
                if isinstance(key, Unknown):
                    return key
                self._charge(len(key) + 1)
                val = maybe or self._eval(expr.value, inner)
                if expr.grouping:
                    obj.setdefault(key, []).append(val)
                else:
                    obj[key] = val
        return items if expr.key is None else obj


# Functions that read the repository through the scope (file_text, list_files)
FILE_FUNCTIONS = frozenset({"file", "filebase64", "templatefile", "fileexists", "fileset",
                            "abspath", "filemd5", "filesha1", "filesha256", "filesha512",
                            "filebase64sha256", "filebase64sha512"})
_FILE_HASHES = {"filemd5": "md5", "filesha1": "sha1", "filesha256": "sha256",
                "filesha512": "sha512", "filebase64sha256": "base64sha256",
                "filebase64sha512": "base64sha512"}
# Functions the evaluator computes itself (their arguments are evaluated lazily or read files)
EVALUATOR_FUNCTIONS = FILE_FUNCTIONS | {"try", "can", "templatestring"}


def _abspath(path: str, scope: Scope) -> Any:
    """abspath(): relative to the root module's directory (where Terraform runs)."""
    if posixpath.isabs(path):
        return posixpath.normpath(path)
    where = scope.root("path")
    root = where.get("root") if isinstance(where, dict) else None
    if not isinstance(root, str):
        return Unknown("abspath(): the root module's directory is not known here")
    return posixpath.normpath(posixpath.join(root, path))


def _either(a: Any, b: Any, cond: Unknown) -> Any:
    """The value of `cond ? a : b` when the condition is unknown: what both branches agree on.
    Lists of one length and objects with the same keys are compared element by element, so
    elements the condition does not change stay known (unknown is per element)."""
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and a != b:
        return [_either(x, y, cond) for x, y in zip(a, b, strict=True)]
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys() and a != b:
        return {k: _either(a[k], b[k], cond) for k in a}
    if a == b and not isinstance(a, Unknown):
        return a
    return Unknown(f"condition is unknown ({cond.reason}); the value is one of "
                   f"{_short(a)} or {_short(b)}")


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _short(v: Any) -> str:
    if isinstance(v, Unknown):
        return "an unknown value"
    return repr(v) if not isinstance(v, str) else v


def _get_attr(value: Any, name: str, label: str) -> Any:
    if isinstance(value, ResourceRef):
        return ResourceRef(value.address, f"{value.attr}.{name}", value.target)
    if isinstance(value, dict):
        if name in value:
            return value[name]
        return Unknown(f"no attribute {name!r} in {label}")
    if is_obj(value):
        return value.get(name)
    if isinstance(value, list):
        return Unknown(f"{label} is a list; use an index or a splat before .{name}")
    return Unknown(f"no attribute {name!r} in {label}")


def _index(value: Any, key: Any, label: str) -> Any:
    if isinstance(key, (Unknown, ResourceRef)):
        return first_unknown(key)
    if isinstance(value, ResourceRef):
        return ResourceRef(value.address, f"{value.attr}[{key!r}]", value.target)
    if isinstance(value, list):
        try:
            i = int(key)
            marker = position_unknown(value, i if i >= 0 else None)
            return marker if marker is not None else value[i]
        except (ValueError, TypeError, IndexError):
            return position_unknown(value) or Unknown(f"index {key!r} out of range in {label}")
    if isinstance(value, dict):
        k = to_str(key)
        if isinstance(k, str) and k in value:
            return value[k]
        return Unknown(f"no key {key!r} in {label}")
    if is_obj(value):
        k = to_str(key)
        return value.get(k) if isinstance(k, str) else k
    return Unknown(f"cannot index {label}")


_ARITH: dict[str, Any] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "%": operator.mod, "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge,
}
