"""Recognise tunnel, VPN and proxy software in container images and commands, and the system
workloads that legitimately hold network privileges. The tables are data (`checks/software.yaml`,
read through `signatures.py`); what stays here is the genuinely heuristic part: image
reference parsing and finding the programs a shell script starts."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..signatures import Software, SoftwareIndex, load_signatures

__all__ = ["Software", "image_path", "is_system_image", "match_command", "match_image",
           "software_index"]


def software_index() -> SoftwareIndex:
    return load_signatures().software


def image_path(image: str) -> str:
    """`registry/ns/name:tag@sha256:...` → `ns/name` path without registry, tag and digest."""
    ref = image.strip().lower().split("@", 1)[0]
    parts = ref.split("/")
    last = parts[-1]
    if ":" in last:
        parts[-1] = last.split(":", 1)[0]
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        parts = parts[1:]
    if len(parts) == 1:
        parts = ["library", *parts]
    return "/".join(p for p in parts if p)


def match_image(image: str) -> tuple[Software, str] | None:
    """(software, "strong"|"weak") for an image; strong `namespace/name` pairs win over bare names."""
    path = image_path(image)
    if not path:
        return None
    idx = software_index()
    parts = path.split("/")
    for n in range(len(parts), 1, -1):
        sw = idx.strong.get("/".join(parts[-n:]))
        if sw is not None:
            return sw, "strong"
    name = parts[-1]
    sw = idx.bare.get(name)
    if sw is not None:
        return sw, "weak"
    for pattern, software in idx.bare_globs:
        if pattern.match(name):
            return software, "weak"
    return None


_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "then", "do", "else", "(", "{", "!"})
_PREFIXES = frozenset({"exec", "sudo", "nohup", "env", "command", "time", "nice", "timeout",
                       "setsid", "tini", "--", "dumb-init", "su-exec", "gosu"})
_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "busybox"})


def _programs(argv: list[str]) -> list[str]:
    """Programs a command line starts: argv[0], and the first word of each command of a shell
    script (`sh -c "modprobe wireguard && wg-quick up wg0"`)."""
    if not argv:
        return []
    first = PurePosixPath(argv[0]).name
    out = [first]
    if first in _SHELLS:
        start = True
        for word in argv[1:]:
            for piece in re.split(r"(;|&&|\|\||\||\n)", word):
                w = piece.strip()
                if not w:
                    continue
                if w in _SEPARATORS or w == "\n":
                    start = True
                    continue
                if start:
                    if "=" in w or w in _PREFIXES or w.startswith("-"):
                        continue
                    out.append(PurePosixPath(w).name)
                    start = False
    return out


def match_command(argv: list[str]) -> Software | None:
    """The tunnel program a container runs (its command, or a command of its shell script, or
    a `shell_patterns` match in that script)."""
    idx = software_index()
    for program in _programs(argv):
        sw = idx.commands.get(program)
        if sw is not None:
            return sw
    script = " ".join(argv[1:]) if argv and PurePosixPath(argv[0]).name in _SHELLS else ""
    if script:
        return next((s for s in idx.software if s.shell is not None and s.shell.search(script)),
                    None)
    return None


def is_system_image(image: str) -> bool:
    """A CNI agent, kube-proxy, mesh init container ... (`system_images` in software.yaml)."""
    pattern = software_index().system_images
    return pattern is not None and bool(pattern.match(image_path(image)))


