"""The package's `dataclass` decorator: the standard one's contract, without its compile cost at
import.

Python 3.11's `dataclasses` compiles every generated method when the class is created
(`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`, `__delattr__`). About a hundred
classes are created on every run, so that was a fifth of a pre-commit run's time. Here:

- `__eq__`, `__hash__`, `__repr__`, `__setattr__` and `__delattr__` are closures over an
  `operator.attrgetter` of the fields: nothing to compile, and as fast per call;
- `__init__` is compiled on the class's first instantiation (a run instantiates about half of
  them), then replaces itself.

The class is an ordinary dataclass otherwise: `dataclasses.fields`, `replace`, `asdict` and
`field(default_factory=..., init=..., repr=..., compare=..., hash=...)` work as with
`dataclasses.dataclass`, and tests/test_records.py holds each method to the standard library's
behaviour. Supported: defaults, factories, `frozen`, `slots`, inheritance between these classes.
`__post_init__` and keyword-only fields are refused rather than silently ignored; `InitVar` is
not supported (nothing in the package uses these).
"""

from __future__ import annotations

import dataclasses
import reprlib
import sys
from collections.abc import Callable
from operator import attrgetter
from threading import Lock
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # tells mypy that the decorator makes dataclasses (PEP 681)
    from typing_extensions import dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10: the marker only matters to type checkers
    def dataclass_transform(**_: Any) -> Callable[[Any], Any]:
        return lambda f: f

T = TypeVar("T")
_HAS_FACTORY = object()  # the __init__ default that stands for "call the field's factory"
_INIT_LOCK = Lock()  # two threads instantiating a class first compile its __init__ once


@dataclass_transform(field_specifiers=(dataclasses.field,))
def dataclass(cls: type[T] | None = None, /, *, frozen: bool = False,
              slots: bool = False) -> Any:
    """`@dataclass`, `@dataclass(frozen=True)`, `@dataclass(frozen=True, slots=True)`."""
    def wrap(c: type[T]) -> type[T]:
        return _build(c, frozen, slots)
    return wrap if cls is None else wrap(cls)


def _build(cls: type[T], frozen: bool, slots: bool) -> type[T]:
    for refused in ("__post_init__", "__setattr__", "__delattr__") if frozen else \
            ("__post_init__",):
        if refused in cls.__dict__:
            raise TypeError(f"{cls.__qualname__}: this dataclass cannot define {refused}")
    if not cls.__dict__.get("__doc__"):
        cls.__doc__ = cls.__name__  # dataclasses would build one with inspect.signature (slow)
    # Fields, __match_args__ and slots come from dataclasses; it generates no method here.
    cls = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    _check_order(cls, fields)
    own = cls.__dict__
    methods: dict[str, Any] = {"__init__": _lazy_init(cls, frozen)}
    methods["__repr__"] = _repr(cls, [f.name for f in fields if f.repr])
    compared = [f.name for f in fields if f.compare]
    methods["__eq__"] = _eq(compared)
    for name, method in methods.items():
        if name not in own:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
            setattr(cls, name, method)
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if not explicit_hash:  # dataclasses' rule for eq=True: a mutable class is unhashable
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        cls.__hash__ = _hash(hashed) if frozen else None  # type: ignore[assignment]
    if frozen:
        names = frozenset(f.name for f in fields)
        cls.__setattr__ = _frozen_setattr(cls, names)  # type: ignore[method-assign]
        cls.__delattr__ = _frozen_delattr(cls, names)  # type: ignore[method-assign]
        if slots:  # pickle restores a slotted object's state with setattr, refused here
            cls.__getstate__ = _getstate  # type: ignore[attr-defined]
            cls.__setstate__ = _setstate  # type: ignore[attr-defined]
    return cls


def _check_order(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> None:
    """What dataclasses refuses when the class is created (here __init__ is compiled later)."""
    with_default = False
    for f in fields:
        if f.kw_only is True:
            raise TypeError(f"{cls.__qualname__}.{f.name}: keyword-only fields are not "
                            "supported")
        if not f.init:
            continue
        if f.default is not dataclasses.MISSING or \
                f.default_factory is not dataclasses.MISSING:
            with_default = True
        elif with_default:
            raise TypeError(f"{cls.__qualname__}: non-default argument {f.name!r} follows "
                            "default argument")


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as a tuple (attrgetter returns a bare value for one name)."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return attrgetter(*names)


def _eq(names: list[str]) -> Callable[[Any, Any], Any]:
    values = _values(names)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented
    return __eq__


def _hash(names: list[str]) -> Callable[[Any], int]:
    values = _values(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))
    return __hash__


def _repr(cls: type, names: list[str]) -> Callable[[Any], str]:
    values = _values(names)

    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(names, values(self), strict=True))
        return f"{self.__class__.__qualname__}({shown})"
    return __repr__


def _frozen_setattr(cls: type[Any], names: frozenset[str]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    return __setattr__


def _frozen_delattr(cls: type[Any], names: frozenset[str]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __delattr__


def _lazy_init(cls: type, frozen: bool) -> Callable[..., None]:
    """An __init__ that compiles the real one, puts it on the class and calls it."""
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        with _INIT_LOCK:
            init = cls.__dict__["__init__"]
            if init is __init__:
                init = _compile_init(cls, frozen)
                init.__qualname__ = f"{cls.__qualname__}.__init__"
                cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **kwargs)
    return __init__


def _compile_init(cls: type, frozen: bool) -> Callable[..., None]:
    """The __init__ that dataclasses would generate, compiled from one source text."""
    assign = "_object_setattr(self, {name!r}, {value})" if frozen else "self.{name} = {value}"
    scope: dict[str, Any] = {"_HAS_FACTORY": _HAS_FACTORY,
                             "_object_setattr": object.__setattr__}
    params, body = ["self"], []
    for f in dataclasses.fields(cls):
        has_factory = f.default_factory is not dataclasses.MISSING
        scope[f"_dflt_{f.name}"] = f.default
        scope[f"_factory_{f.name}"] = f.default_factory
        if f.init:
            if has_factory:
                params.append(f"{f.name}=_HAS_FACTORY")
                value = f"_factory_{f.name}() if {f.name} is _HAS_FACTORY else {f.name}"
            elif f.default is not dataclasses.MISSING:
                params.append(f"{f.name}=_dflt_{f.name}")
                value = f.name
            else:
                params.append(f.name)
                value = f.name
        elif has_factory:
            value = f"_factory_{f.name}()"
        elif f.default is not dataclasses.MISSING:
            value = f"_dflt_{f.name}"
        else:
            continue
        body.append("    " + assign.format(name=f.name, value=value))
    source = f"def __init__({', '.join(params)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(compile(source, f"<dataclass {cls.__module__}.{cls.__qualname__}>", "exec"), scope)
    init: Callable[..., None] = scope["__init__"]
    return init


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=True):
        object.__setattr__(self, f.name, value)
