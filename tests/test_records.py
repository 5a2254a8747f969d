"""exitlint.records.dataclass against the standard library's: the same class body decorated
both ways must behave the same (construction, defaults, factories, repr, equality, hashing,
immutability, pickling, replace/fields/asdict), and what it does not support is refused."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import threading
from typing import Any

import pytest

from exitlint import records
from exitlint.hcl import ast as hcl_ast
from exitlint.model import Finding

SHAPES: list[dict[str, Any]] = [{}, {"frozen": True}, {"frozen": True, "slots": True},
                                {"slots": True}]


def _pair(**options: Any) -> tuple[type, type]:
    """The same class body, made by the standard decorator and by exitlint's."""
    made = []
    for deco in (dataclasses.dataclass, records.dataclass):
        @deco(**options)
        class Sample:
            """A sample."""

            name: str
            port: int = 443
            tags: list[str] = dataclasses.field(default_factory=list)
            secret: str = dataclasses.field(default="x", repr=False)
            note: str = dataclasses.field(default="", compare=False)
            derived: int = dataclasses.field(default=7, init=False)
        made.append(Sample)
    return made[0], made[1]


@pytest.mark.parametrize("options", SHAPES, ids=str)
def test_construction_and_defaults_match(options: dict[str, Any]) -> None:
    std, ours = _pair(**options)
    for args, kwargs in [(("a",), {}), (("a", 1, ["t"]), {"secret": "s", "note": "n"}),
                         ((), {"name": "b", "port": 2})]:
        a, b = std(*args, **kwargs), ours(*args, **kwargs)
        assert dataclasses.asdict(a) == dataclasses.asdict(b)
        assert repr(a) == repr(b) and "secret" not in repr(b)
    for bad_args, bad_kwargs in [((), {}), (("a",), {"derived": 1}), (("a",), {"nope": 1}),
                                 (("a", 1, [], "s", "n", 9), {})]:
        with pytest.raises(TypeError):
            std(*bad_args, **bad_kwargs)
        with pytest.raises(TypeError):
            ours(*bad_args, **bad_kwargs)


@pytest.mark.parametrize("options", SHAPES, ids=str)
def test_factories_give_each_instance_its_own_value(options: dict[str, Any]) -> None:
    _, ours = _pair(**options)
    one, two = ours("a"), ours("b")
    assert one.tags == [] and one.tags is not two.tags


@pytest.mark.parametrize("options", SHAPES, ids=str)
def test_equality_and_hash_match(options: dict[str, Any]) -> None:
    std, ours = _pair(**options)
    assert ours("a", note="x") == ours("a", note="y")  # compare=False field ignored
    assert ours("a") != ours("a", port=1)
    assert ours("a") != std("a")  # another class is never equal, as with dataclasses
    assert (ours("a") == 1) is False
    if options.get("frozen"):
        assert hash(ours("a", tags=())) == hash(ours("a", tags=(), note="z"))  # type: ignore[arg-type]
        assert len({ours("a", tags=()), ours("a", tags=())}) == 1  # type: ignore[arg-type]
    else:
        assert std.__hash__ is None and ours.__hash__ is None


@pytest.mark.parametrize("options", [o for o in SHAPES if o.get("frozen")], ids=str)
def test_frozen_refuses_assignment_and_deletion(options: dict[str, Any]) -> None:
    _, ours = _pair(**options)
    obj = ours("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.name = "b"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del obj.port
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError)):
        obj.other = 1


@pytest.mark.parametrize("options", SHAPES, ids=str)
def test_pickle_copy_replace_round_trip(options: dict[str, Any]) -> None:
    _, ours = _pair(**options)
    globals()["Sample"] = ours  # pickle finds classes by module attribute
    ours.__qualname__ = "Sample"
    try:
        obj = ours("a", 2, ["t"], "s", "n")
        for clone in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj), copy.copy(obj)):
            assert clone == obj and clone.note == "n" and clone.derived == 7
        changed = dataclasses.replace(obj, port=3)
        assert changed.port == 3 and changed.name == "a" and changed.secret == "s"
        assert [f.name for f in dataclasses.fields(obj)] == \
            ["name", "port", "tags", "secret", "note", "derived"]
    finally:
        del globals()["Sample"]


def test_inheritance_keeps_parent_fields_and_frozenness() -> None:
    @records.dataclass(frozen=True)
    class Parent:
        a: int
        b: int = 2

    @records.dataclass(frozen=True)
    class Child(Parent):
        c: int = 3

    child = Child(1, c=4)
    assert (child.a, child.b, child.c) == (1, 2, 4)
    assert child != Parent(1, 2) and Child(1, 2, 4) == child
    with pytest.raises(dataclasses.FrozenInstanceError):
        child.a = 5
    assert Parent(1) == Parent(1, 2)  # the parent's own __init__ still works after the child's


def test_explicit_methods_are_kept() -> None:
    @records.dataclass(frozen=True)
    class Named:
        value: str

        def __str__(self) -> str:
            return f"<{self.value}>"

        def __repr__(self) -> str:
            return "custom"

    assert str(Named("x")) == "<x>" and repr(Named("x")) == "custom"


@pytest.mark.parametrize("body", ["__post_init__", "kw_only", "default-order"])
def test_unsupported_features_are_refused(body: str) -> None:
    with pytest.raises(TypeError):
        if body == "__post_init__":
            @records.dataclass
            class A:
                x: int

                def __post_init__(self) -> None:
                    pass
        elif body == "kw_only":
            @records.dataclass
            class B:
                x: int = dataclasses.field(default=1, kw_only=True)
        else:
            @records.dataclass
            class C:
                x: int = 1
                y: int  # type: ignore[misc]  # a field without default after one with


def test_recursive_repr_does_not_overflow() -> None:
    @records.dataclass
    class Node:
        children: list[Any]

    node = Node([])
    node.children.append(node)
    assert repr(node) == "test_recursive_repr_does_not_overflow.<locals>.Node(children=[...])"


def test_first_instantiation_from_many_threads() -> None:
    @records.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int = 0

    out: list[Any] = []
    threads = [threading.Thread(target=lambda i=i: out.append(Point(i))) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(p.x for p in out) == list(range(16)) and all(p.y == 0 for p in out)


def test_package_classes_behave_as_dataclasses() -> None:
    """Two of the package's own: a slotted syntax node and the report's finding."""
    assert dataclasses.is_dataclass(hcl_ast.Literal) and dataclasses.is_dataclass(Finding)
    names = [f.name for f in dataclasses.fields(Finding)]
    assert names[:3] == ["check_id", "severity", "title"]
