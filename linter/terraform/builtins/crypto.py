"""Hash functions that are pure: md5, sha1, sha256, sha512, base64sha256, base64sha512 (of the
string's UTF-8 bytes) and uuidv5. bcrypt (random salt), uuid (random) and rsadecrypt (a
private key) are unknown by design."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from .base import FunctionError, strict, text

_NAMESPACES = {"dns": uuid.NAMESPACE_DNS, "url": uuid.NAMESPACE_URL, "oid": uuid.NAMESPACE_OID,
               "x500": uuid.NAMESPACE_X500}


def _digest(algorithm: str, s: Any) -> bytes:
    return hashlib.new(algorithm, text(s).encode("utf-8"), usedforsecurity=False).digest()


def _hex(algorithm: str) -> Callable[..., Any]:
    return strict(lambda s: _digest(algorithm, s).hex())


def _b64(algorithm: str) -> Callable[..., Any]:
    return strict(lambda s: base64.b64encode(_digest(algorithm, s)).decode("ascii"))


def _uuidv5(namespace: Any, name: Any) -> Any:
    ns = text(namespace)
    space = _NAMESPACES.get(ns)
    if space is None:
        try:
            space = uuid.UUID(ns)
        except ValueError as exc:
            raise FunctionError("namespace is not dns, url, oid, x500 or a UUID") from exc
    return str(uuid.uuid5(space, text(name)))


TABLE: dict[str, Callable[..., Any]] = {
    "md5": _hex("md5"),
    "sha1": _hex("sha1"),
    "sha256": _hex("sha256"),
    "sha512": _hex("sha512"),
    "base64sha256": _b64("sha256"),
    "base64sha512": _b64("sha512"),
    "uuidv5": strict(_uuidv5),
}
