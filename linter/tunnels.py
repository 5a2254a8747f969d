"""Tunnel software and its remote endpoints, shared by the engine's `software` detector (on
Kubernetes workloads and Terraform boot scripts alike) and the Kubernetes front end's pod facts.

Software: recognised in container images and commands, with the system workloads that
legitimately hold network privileges. The tables are data (`checks/software.yaml`, read through
`signatures.py`); what stays here is the genuinely heuristic part: image reference parsing,
splitting command lines and finding the programs a shell script starts.

Remote endpoints named in settings and tunnel configuration, and their class.

Endpoints come as `host:port`, `[v6]:port`, URLs (`wss://host:8123`, `https://user:pw@host`),
port ranges (`host:20000-50000`) or bare hosts; the host is classified with the same classifier
as Terraform (SPEC §2), plus two Kubernetes facts: cluster-internal service names are internal,
and the vendors' own relay and control-plane hosts are outside the mainland.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from .geo.address import classify_address, classify_host
from .model import End, EndClass, Origin
from .policy import Policy
from .records import dataclass
from .signatures import Software, SoftwareIndex, host_of, load_signatures

__all__ = ["Endpoint", "Software", "classify_endpoint", "config_endpoints", "flag_values",
           "host_of", "image_path", "is_system_image", "match_command", "match_image",
           "software_index", "split_command", "substitute", "vendor_of"]


@dataclass(frozen=True)
class Endpoint:
    """One remote end found in the manifests, before classification."""

    host: str
    raw: str
    source: str  # where it was found, for the message ("env NB_MANAGEMENT_URL", "ConfigMap/x wg0.conf")
    line: int | None
    origin: Origin | None = None  # the ConfigMap/Secret key it came from, when not the object itself


def _internal_name(host: str) -> bool:
    return ("." not in host or host.endswith((".svc", ".svc.cluster.local", ".cluster.local",
                                              ".local", ".internal", ".localdomain"))
            or host == "localhost")


def vendor_of(host: str) -> str | None:
    return load_signatures().vendor_of(host)


def classify_endpoint(ep: Endpoint, policy: Policy) -> End:
    host = ep.host
    try:
        ipaddress.ip_address(host)
        end = classify_address(host, policy, ep.source, ep.line)
        return End(end.cls, host, end.reason, ep.source, ep.line)
    except ValueError:
        pass
    end = classify_host(host, policy, ep.source, ep.line)
    if end.cls is not EndClass.UNKNOWN:
        return end
    vendor = vendor_of(host)
    if vendor:
        return End(EndClass.NON_MAINLAND, host, f"{ep.source} {host} is operated by {vendor} "
                   "outside mainland China", ep.source, ep.line)
    if _internal_name(host):
        return End(EndClass.INTERNAL, host, f"{ep.source} {host} is a cluster-internal name",
                   ep.source, ep.line)
    return end


# -- tunnel configuration text ----------------------------------------------------------------
def config_endpoints(text: str, source: str, first_line: int | None,
                     origin: Origin | None = None,
                     only: tuple[str, ...] = ()) -> list[Endpoint]:
    """Peers named in WireGuard, OpenVPN, IPsec, frp, Nebula ... configuration text
    (`peer_syntax` in signatures.yaml; `only` limits it to some syntaxes)."""
    out: list[Endpoint] = []
    for m in load_signatures().peers(text, only):
        line = None if first_line is None else first_line + text.count("\n", 0, m.offset)
        out.append(Endpoint(m.host, m.raw, f"{source} ({m.syntax})", line, origin))
    return out


# -- command lines ------------------------------------------------------------------------------
def split_command(parts: Iterable[object]) -> list[str]:
    """argv of command + args, with `sh -c "script"` scripts split into words too."""
    argv: list[str] = []
    for part in parts:
        text = str(part)
        if any(ch.isspace() for ch in text.strip()):
            text = text.replace("\n", " ; ")
            if len(text) > 20000:
                argv.extend(text.split())
                continue
            import shlex  # only for a command line with arguments

            try:
                argv.extend(shlex.split(text, comments=True))
            except ValueError:
                argv.extend(text.split())
        else:
            argv.append(text)
    return argv


def flag_values(argv: list[str], flags: Iterable[str]) -> list[str]:
    wanted = tuple(flags)
    out: list[str] = []
    for i, word in enumerate(argv):
        for flag in wanted:
            if word == flag and i + 1 < len(argv):
                out.append(argv[i + 1])
            elif flag.startswith("--") and word.startswith(flag + "="):
                out.append(word[len(flag) + 1:])
    return out


_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def substitute(text: str, env: dict[str, str]) -> str:
    """Kubernetes `$(VAR)` expansion in command and args."""
    if "$(" not in text:
        return text
    return _VAR.sub(lambda m: env.get(m.group(1), m.group(0)), text)


# -- software ------------------------------------------------------------------------------
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


