"""Terraform's built-in functions (terraform/functions.py, builtins/): known answers from the
documentation's examples, unknown and wrong arguments (an Unknown, never an exception), and
bounds on what a call may build."""

from __future__ import annotations

import time
from typing import Any

import pytest
from exitlint.terraform.functions import FUNCTIONS, call
from exitlint.terraform.values import ResourceRef, Unknown

U = Unknown("var.x has no value")


@pytest.mark.parametrize(("name", "args", "expected"), [
    # numeric
    ("abs", [-12.4], 12.4), ("ceil", [5.1], 6), ("ceil", [5], 5), ("floor", [4.9], 4),
    ("floor", [-1.5], -2), ("log", [16, 2], 4.0), ("max", [12, 54, 3], 54),
    ("min", ["12", 54, 3], 3), ("parseint", ["100", 10], 100), ("parseint", ["FF", 16], 255),
    ("parseint", ["-10", 2], -2), ("parseint", ["zA", 62], 35 * 62 + 36), ("pow", [3, 2], 9),
    ("pow", [4, 0.5], 2.0), ("signum", [-13], -1), ("signum", [0], 0), ("signum", [344], 1),
    # string
    ("format", ["Hello, %s!", "Ander"], "Hello, Ander!"),
    ("format", ["There are %d lights", 4], "There are 4 lights"),
    ("format", ["%-5s|%5s|%05d", "ab", "cd", 42], "ab   |   cd|00042"),
    ("format", ["fd00:%x::/64 %X %#x %b %o", 4096, 255, 255, 5, 8],
     "fd00:1000::/64 FF 0xff 101 10"),
    ("format", ["%.2f %8.3f %e", 3.14159, 3.14159, 1234.5], "3.14    3.142 1.234500e+03"),
    ("format", ["%t %q %v %#v", True, 'a"b', [1, "a"], {"a": 1}],
     'true "a\\"b" [1,"a"] {"a":1}'),
    ("format", ["%[2]s %[1]s %s", "a", "b"], "b a b"),  # after %[1]s comes argument 2
    ("format", ["%+d %.1s %5.1f%%", 5, "xyz", 99.5], "+5 x  99.5%"),
    ("chomp", ["hello\n\n"], "hello"), ("chomp", ["hello\r\n"], "hello"),
    ("formatlist", ["Hello, %s!", ["Valentina", "Ander"]], ["Hello, Valentina!", "Hello, Ander!"]),
    ("formatlist", ["%s, %s!", "Salutations", ["Valentina", "Ander"]],
     ["Salutations, Valentina!", "Salutations, Ander!"]),
    ("indent", [2, "[\n  foo,\n  bar,\n]\n"], "[\n    foo,\n    bar,\n  ]\n  "),
    ("strcontains", ["hello world", "wor"], True), ("strcontains", ["hello world", "wod"], False),
    ("substr", ["hello world", 1, 4], "ello"), ("substr", ["hello world", -5, -1], "world"),
    ("substr", ["hello world", -2, 2], "ld"), ("substr", ["hi", -9, 1], "h"),
    ("strrev", ["hello"], "olleh"), ("strrev", ["a ☃"], "☃ a"),
    # collection
    ("alltrue", [["true", True]], True), ("alltrue", [[True, False]], False),
    ("alltrue", [[]], True), ("anytrue", [["true"]], True), ("anytrue", [[]], False),
    ("chunklist", [["a", "b", "c", "d", "e"], 2], [["a", "b"], ["c", "d"], ["e"]]),
    ("chunklist", [["a", "b"], 0], [["a", "b"]]),
    ("index", [["a", "b", "c"], "b"], 1),
    ("matchkeys", [["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"]],
     ["i-abc", "i-def"]),
    ("setintersection", [["a", "b"], ["b", "c"], ["b", "d"]], ["b"]),
    ("setproduct", [["development", "staging"], ["app1", "app2"]],
     [["development", "app1"], ["development", "app2"], ["staging", "app1"],
      ["staging", "app2"]]),
    ("setsubtract", [["a", "b", "c"], ["a", "c"]], ["b"]),
    ("setunion", [["a", "b"], ["b", "c"], ["d"]], ["a", "b", "c", "d"]),
    ("slice", [["a", "b", "c", "d"], 1, 3], ["b", "c"]),
    ("sum", [[10, 13, 6, 4.5]], 33.5),
    ("transpose", [{"a": ["1", "2"], "b": ["2", "3"]}], {"1": ["a"], "2": ["a", "b"], "3": ["b"]}),
    # encoding
    ("csvdecode", ["a,b,c\n1,2,3\n4,5,6"], [{"a": "1", "b": "2", "c": "3"},
                                           {"a": "4", "b": "5", "c": "6"}]),
    ("textencodebase64", ["Hello World", "UTF-16LE"], "SABlAGwAbABvACAAVwBvAHIAbABkAA=="),
    ("textdecodebase64", ["SABlAGwAbABvACAAVwBvAHIAbABkAA==", "UTF-16LE"], "Hello World"),
    ("urlencode", ["Hello World!"], "Hello+World%21"),
    ("urlencode", ["foo:bar@localhost?foo=bar&bar=baz"],
     "foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz"),
    ("yamldecode", ["hello: world"], {"hello": "world"}),
    ("yamldecode", ['{"a": [1, true, null]}'], {"a": [1, True, None]}),
    ("yamldecode", ["true"], True),
    ("yamlencode", [{"a": "b", "c": "d"}], "a: b\nc: d\n"),
    # filesystem, pure
    ("basename", ["foo/bar/baz.txt"], "baz.txt"), ("basename", ["foo/bar/"], "bar"),
    ("dirname", ["foo/bar/baz.txt"], "foo/bar"), ("dirname", ["baz.txt"], "."),
    ("pathexpand", ["/etc/resolv.conf"], "/etc/resolv.conf"),
    # date and time
    ("formatdate", ["DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z"], "02 Jan 2018 23:12 UTC"),
    ("formatdate", ["EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01Z"],
     "Tuesday, 02-Jan-18 23:12:01 UTC"),
    ("formatdate", ["EEE, DD MMM YYYY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00"],
     "Tue, 02 Jan 2018 23:12:01 -0800"),
    ("formatdate", ["MMM DD, YYYY", "2018-01-02T23:12:01Z"], "Jan 02, 2018"),
    ("formatdate", ["HH:mmaa", "2018-01-02T23:12:01Z"], "11:12pm"),
    ("formatdate", ["'Day' D, ZZZZZ", "2018-01-02T23:12:01+05:30"], "Day 2, +05:30"),
    ("timeadd", ["2017-11-22T00:00:00Z", "10m"], "2017-11-22T00:10:00Z"),
    ("timeadd", ["2017-11-22T00:00:00+08:00", "-1h30m"], "2017-11-21T22:30:00+08:00"),
    ("timecmp", ["2017-11-22T00:00:00Z", "2017-11-22T00:00:00Z"], 0),
    ("timecmp", ["2017-11-22T00:00:00Z", "2017-11-22T01:00:00+02:00"], 1),
    # hash
    ("md5", ["hello world"], "5eb63bbbe01eeed093cb22bb8f5acdc3"),
    ("sha1", ["hello world"], "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"),
    ("sha256", ["hello world"], "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"),
    ("base64sha256", ["hello world"], "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="),
    ("sha512", ["x"], "a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42da89238b"
                      "c13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62"),
    ("uuidv5", ["dns", "www.terraform.io"], "a5008fae-b28c-5ba5-96cd-82b4c53552d6"),
    ("uuidv5", ["url", "https://www.terraform.io/"], "9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5"),
    # IP network (IPv4 and IPv6)
    ("cidrhost", ["10.12.112.0/20", 16], "10.12.112.16"),
    ("cidrhost", ["10.12.112.0/20", 268], "10.12.113.12"),
    ("cidrhost", ["10.12.112.0/20", -1], "10.12.127.255"),
    ("cidrhost", ["fd00:fd12:3456:7890:00a2::/72", 34], "fd00:fd12:3456:7890::22"),
    ("cidrnetmask", ["172.16.0.0/12"], "255.240.0.0"),
    ("cidrsubnet", ["172.16.0.0/12", 4, 2], "172.18.0.0/16"),
    ("cidrsubnet", ["10.1.2.0/24", 4, 15], "10.1.2.240/28"),
    ("cidrsubnet", ["fd00:fd12:3456:7890::/56", 16, 162], "fd00:fd12:3456:7800:a200::/72"),
    ("cidrsubnets", ["10.1.0.0/16", 4, 4, 8, 4],
     ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]),
    ("cidrsubnets", ["fd00:fd12:3456:7890::/56", 16, 16, 16, 32],
     ["fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72",
      "fd00:fd12:3456:7800:200::/72", "fd00:fd12:3456:7800:300::/88"]),
    # type conversion
    ("sensitive", ["x"], "x"), ("nonsensitive", [["x"]], ["x"]),
    # built-in provider functions
    ("provider::terraform::decode_tfvars", ['peer = "18.184.10.10"\nports = [500, 4500]\n'],
     {"peer": "18.184.10.10", "ports": [500, 4500]}),
])
def test_documented_examples(name: str, args: list[Any], expected: Any) -> None:
    assert call(name, args) == expected


def test_gzip_round_trips() -> None:
    import base64
    import gzip

    out = call("base64gzip", ["hello world"])
    assert gzip.decompress(base64.b64decode(out)) == b"hello world"


@pytest.mark.parametrize(("name", "args", "why"), [
    ("cidrhost", ["10.0.0.0/30", 4], "no host number"),
    ("cidrhost", ["10.0.0.0/30", -5], "no host number"),
    ("cidrnetmask", ["fd00::/8"], "IPv4"),
    ("cidrsubnet", ["10.0.0.0/30", 4, 0], "cannot extend"),
    ("cidrsubnet", ["10.0.0.0/16", 2, 4], "no network number"),
    ("cidrsubnets", ["10.0.0.0/30", 1, 1, 1], "not enough remaining address space"),
    ("cidrsubnets", ["fd00::/8", 33], "cannot extend"),
    ("cidrsubnets", ["10.0.0.0/8", 0], "cannot extend"),
    ("cidrhost", ["not-a-cidr", 1], "not a CIDR prefix"),
    ("index", [["a"], "z"], "not in the list"),
    ("slice", [["a"], 0, 2], "out of range"),
    ("sum", [[]], "empty"),
    ("parseint", ["12", 1], "base"), ("parseint", ["G", 16], "not a base-16 number"),
    ("timeadd", ["2017-11-22T00:00:00Z", "10 minutes"], "invalid duration"),
    ("format", ["%s %d", "x"], "not enough arguments"),
    ("format", ["%d", 3.5], "whole number"),
    ("format", ["%t", "yes"], "needs a bool"),
    ("format", ["%99999s", "x"], "too large"),
    ("formatdate", ["YYYY", "yesterday"], "RFC 3339"),
    ("formatdate", ["QQ", "2018-01-02T23:12:01Z"], "unsupported"),
    ("yamldecode", ["a: [1"], "invalid YAML"),
    ("yamldecode", ["a: 1\n---\nb: 2"], "more than one"),
    ("csvdecode", ["a,b\n1"], "wrong number of fields"),
    ("textencodebase64", ["x", "no-such-encoding"], "unknown encoding"),
    ("uuidv5", ["nope", "x"], "namespace"),
    ("log", [0, 10], "non-positive"),
    ("setsubtract", [["a"]], "two sets"),
    ("provider::terraform::decode_tfvars", ["peer = var.x"], "only literal values"),
    ("provider::terraform::decode_tfvars", ['resource "x" "y" {}'], "not valid tfvars"),
])
def test_invalid_arguments_are_unknown_with_a_reason(name: str, args: list[Any], why: str) -> None:
    value = call(name, args)
    assert isinstance(value, Unknown), value
    assert why in value.reason


def test_unknown_arguments_give_unknown_and_elements_stay_per_element() -> None:
    for name in ("cidrhost", "cidrsubnet", "formatdate", "md5", "parseint", "strrev", "floor"):
        value = call(name, [U, 1, 1][: 2 if name != "cidrsubnet" else 3])
        assert isinstance(value, Unknown) and value.reason == U.reason
    assert call("slice", [["a", U, "c"], 2, 3]) == ["c"]
    assert call("chunklist", [["a", U, "c"], 2])[1] == ["c"]
    assert call("alltrue", [[False, U]]) is False  # the known false decides
    assert isinstance(call("alltrue", [[True, U]]), Unknown)
    assert call("anytrue", [[U, True]]) is True
    assert isinstance(call("index", [[U, "b"], "b"]), Unknown)  # the unknown may be "b"
    assert call("index", [["b", U], "b"]) == 0
    assert isinstance(call("sum", [[1, U]]), Unknown)
    assert isinstance(call("setunion", [["a"], [U]]), Unknown)
    assert call("matchkeys", [[U, "v"], ["a", "b"], ["b"]]) == ["v"]
    ref = ResourceRef("aws_eip.x", "public_ip", None)
    assert isinstance(call("cidrhost", [ref, 1]), Unknown)


WRONG = [None, True, -1, 2**70, 1.5, "", "x", [], ["a", 1], {}, {"a": [1]}, U, float("nan"),
         float("inf")]


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_wrong_types_never_raise(name: str) -> None:
    """Every function, with every odd argument in the first two places: a value or an
    Unknown, never an exception (the fuzz tests draw more)."""
    for a in WRONG:
        for b in WRONG:
            for args in ([a], [a, b], [a, b, b], [b, a, 1]):
                call(name, list(args))


@pytest.mark.parametrize(("name", "args"), [
    ("range", [1e9]),
    ("range", [0, 1e12, 1]),
    ("cidrsubnets", ["fd00::/8", *([1] * 2000)]),
    ("strrev", ["a" * 5_000_000]),
    ("indent", [100_000, "\n" * 100_000]),
    ("setproduct", [list(range(1000)), list(range(1000)), list(range(1000))]),
    ("pow", [10, 10**9]),
    ("pow", [2**5000, 2]),
    ("parseint", ["1" * 5000, 10]),
    ("yamldecode", ["a: &a [x, x, x, x, x, x, x, x, x]\n"
                    + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                              for p, c in zip("abcdefgh", "bcdefghi", strict=True))]),
    ("yamldecode", ["a: &a [*a]"]),
    ("formatlist", ["%s", list(range(2_000_000))]),
    ("chunklist", [list(range(10)), 2**80]),
])
def test_huge_results_are_refused_quickly(name: str, args: list[Any]) -> None:
    started = time.monotonic()
    value = call(name, args)
    assert time.monotonic() - started < 5
    assert isinstance(value, Unknown) or name == "chunklist", (name, str(value)[:80])


def test_impure_functions_are_unknown_with_the_documented_reason() -> None:
    for name, why in (("timestamp", "apply"), ("plantimestamp", "plan"), ("uuid", "random"),
                      ("bcrypt", "salt"), ("provider::terraform::encode_expr", "HCL")):
        value = call(name, ["x"] if name in ("bcrypt", "provider::terraform::encode_expr") else [])
        assert isinstance(value, Unknown) and why in value.reason
    assert "not evaluated statically" in call("no_such_function", []).reason
