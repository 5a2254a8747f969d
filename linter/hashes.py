"""SHA-256 and BLAKE2b for cache keys, data keys and fingerprints, without `hashlib`.

`import hashlib` loads OpenSSL's libcrypto (~3 ms, every run: a pre-commit hook's start-up
pays it on each commit) although exitlint uses only these two, which CPython also builds in.
The built-in ones give the same digests; hashlib's are used where they are missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import blake2b as blake2b
    from hashlib import sha256 as sha256
else:
    try:
        from _sha2 import sha256  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # CPython 3.10, 3.11
        except ImportError:
            from hashlib import sha256
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b

__all__ = ["blake2b", "sha256"]
