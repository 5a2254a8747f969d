"""Detectors of what runs on a machine or in a pod (named by a check target's `evaluator:`):

software      tunnel, VPN and proxy software, in a workload's containers (image, command, env
              only it reads, its configuration) or in a Terraform boot script (user data), and
              the remote end it names: peers in env, flags and configuration text (the
              `peer_syntax` of signatures.yaml), a self-hosted control server instead of the
              vendor's relays
setting       pod settings that are the signal themselves: a tun device with NET_ADMIN,
              forwarding sysctls
exposed_port  tunnel ports opened outside the cluster: hostPorts, LoadBalancer/NodePort Services
edge_object   operator resources, Services and Ingresses that publish through a foreign-edge
              tunnel (the control server a workload of the same configuration names, if any)
proxy_env     a mainland workload whose proxy variables (`HTTPS_PROXY` ..., any case, through
              env, envFrom or valueFrom) name a proxy outside the mainland

They read subjects through the Subject protocol only (`pod`, `values`); the tables (software,
ports, peer syntax) are the one copy in checks/software.yaml and checks/signatures.yaml, and
which check reports what is the targets' data (`options`, `yields_to`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..geo.address import classify_address
from ..model import End, EndClass, Origin, ResourceRef, Unknown
from ..records import dataclass
from ..signatures import Software, decode_base64, load_signatures
from ..subject import ConfigText, ContainerView, Subject
from ..tunnels import (
    Endpoint,
    classify_endpoint,
    config_endpoints,
    flag_values,
    host_of,
    match_command,
    match_image,
    software_index,
    split_command,
)
from .catalog import CheckCatalog, Target
from .decide import Verdict, decide, rank
from .ends import Evaluation, resolve
from .hit import Hit


@dataclass(frozen=True)
class _Runs:
    """Software recognised in a container or a boot script, and how."""

    c: ContainerView
    software: Software
    how: str
    script: bool = False  # found in a boot script (Terraform user data)


# -- recognising software ------------------------------------------------------------------------
def _identify(c: ContainerView) -> _Runs | None:
    """Which software the container runs: its image, else (unless a system image) its command,
    an env variable only that software reads, or its configuration text."""
    if c.image:
        m = match_image(c.image)
        if m is not None:
            return _Runs(c, m[0], f"image {c.image}")
    if c.system:
        return None
    sw = match_command(list(c.argv))
    if sw is not None:
        return _Runs(c, sw, "its command runs " + (c.argv[0] if c.argv else sw.name))
    catalogue = software_index().software
    for software in catalogue:
        for name, word in software.identify_env:
            if name in c.env and (word is None or word in c.argv):
                return _Runs(c, software, f"env {name}")
    texts = [(t.text, t.where) for t in c.mounted]
    texts += [(e.value, e.source) for e in c.env.values() if "\n" in e.value]
    for software in catalogue:
        for patterns in software.config_signatures:
            for text, where in texts:
                if all(p.search(text) for p in patterns):
                    return _Runs(c, software, f"{software.name} configuration in {where}")
    return None


def _scripts(target: Target, subject: Subject) -> list[_Runs]:
    """The software each boot script (`scripts:` attributes) installs or runs; the script is
    read as a container whose command line and only configuration text it is."""
    found: list[_Runs] = []
    for attr in target.scripts:
        for value, line in subject.values(attr):
            if not isinstance(value, str):
                continue
            text = decode_base64(value, guess=True)
            view = ContainerView(attr, line or subject.line, subject.column, "", False,
                                 tuple(split_command([text])), {},
                                 (ConfigText(text, attr, line),))
            found += [_Runs(view, sw, "installs or runs", script=True)
                      for sw in software_index().software
                      if sw.script is not None and sw.script.search(text)]
    return found


def _pod_runs(subject: Subject, ctx: Evaluation) -> list[_Runs]:
    """The software of each container of the subject's pod, recognised once per scan (the
    software, setting and exposed_port targets of one workload all ask)."""
    pod = subject.pod
    if pod is None:
        return []
    key = ("runs", id(pod))  # the pod view lives as long as its subject, for the whole scan
    if key not in ctx.cache:
        ctx.cache[key] = (pod, [r for r in map(_identify, pod.containers) if r is not None])
    runs: list[_Runs] = ctx.cache[key][1]
    return runs


def _running(target: Target, subject: Subject, ctx: Evaluation) -> list[_Runs]:
    if subject.pod is not None:
        return _pod_runs(subject, ctx)
    return _scripts(target, subject)


# -- the remote end software names ---------------------------------------------------------------
def _endpoints(c: ContainerView, sw: Software, names: tuple[str, ...],
               flags: tuple[str, ...], texts: bool) -> list[Endpoint]:
    out: list[Endpoint] = []
    for name in names:
        e = c.env.get(name)
        if e is not None:
            for piece in re.split(r"[,\s]+", e.value.strip()):
                host = host_of(piece)
                if host:
                    out.append(Endpoint(host, piece, e.source, e.line, e.origin))
    argv = list(c.argv)
    for name in sw.extra_args_env:
        extra = c.env.get(name)
        if extra is not None:
            argv = argv + split_command([extra.value])
    for value in flag_values(argv, flags):
        host = host_of(value)
        if host:
            # the message goes on with the host: name the argument only when it says more
            said = f"{c.label} argument" if value == host else f"{c.label} argument {value}"
            out.append(Endpoint(host, value, said, c.line))
    if texts:
        for word in sw.endpoint_args:
            if word in argv:
                rest = [a for a in argv[argv.index(word) + 1:] if not a.startswith("-")]
                host = host_of(rest[0]) if rest else None
                if host:
                    out.append(Endpoint(host, rest[0], f"{c.label} {sw.name.lower()} {word}",
                                        c.line))
        for t in c.texts():
            out.extend(config_endpoints(_expand(sw, t.text, c), t.where, t.line, t.origin))
    return out


def _expand(sw: Software, text: str, c: ContainerView) -> str:
    """The software's own `{{ .Envs.NAME }}`-style templating filled from the container's env
    (a variable the manifests do not set stays as written: its peer is not named)."""
    template = sw.config_env_template
    if template is None or "{{" not in text:
        return text
    return template.sub(lambda m: c.env[m.group(1)].value if m.group(1) in c.env
                        else m.group(0), text)


def _control_servers(c: ContainerView, sw: Software) -> list[Endpoint]:
    """The self-hosted control server a foreign-edge client is pointed at, if any."""
    servers = _endpoints(c, sw, sw.control_env, sw.control_flags, False)
    if sw.control_syntax:
        servers += [e for t in c.texts()
                    for e in config_endpoints(t.text, t.where, t.line, t.origin,
                                              sw.control_syntax)]
    return servers


def _worst(local: End, remotes: list[tuple[End, Origin | None]]
           ) -> tuple[End, Verdict | None, Origin | None]:
    best: tuple[End, Verdict | None, Origin | None] | None = None
    for r, origin in remotes:
        v = decide(local, r)
        if best is None or rank(v) > rank(best[1]):
            best = (r, v, origin)
    return best if best is not None else (remotes[0][0], None, remotes[0][1])


def _hit(local: End, remote: End, at: tuple[int, int], detail: str,
         related: Origin | tuple[Origin, ...] | None = None, *,
         worded: bool = False) -> Hit | None:
    verdict = decide(local, remote)
    if verdict is None:
        return None
    chain = related if isinstance(related, tuple) else (related,) if related is not None else ()
    return Hit(verdict, local, remote, at[0], detail, at=at, related=chain, worded=worded)


def _software_hit(found: _Runs, local: End, ctx: Evaluation) -> Hit | None:
    hit = _judge_software(found, local, ctx)
    return replace(hit, software=found.software.name) if hit is not None else None


def _judge_software(found: _Runs, local: End, ctx: Evaluation) -> Hit | None:
    c, sw, policy = found.c, found.software, ctx.policy
    at = (c.line, c.column)
    detail = (f"{c.label} installs or runs {sw.name}" if found.script
              else f"{c.label} runs {sw.name} ({found.how})")
    if sw.kind == "circumvention":
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} is a circumvention proxy: it exists to carry traffic across "
                     "the border, whatever peer it names")
        return _hit(local, remote, at, detail)
    if sw.kind == "foreign-edge":
        servers = _control_servers(c, sw)
        if servers:
            remote, verdict, origin = _worst(local, [(classify_endpoint(e, policy), e.origin)
                                                     for e in servers])
            if verdict is None:
                return None
            remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}",
                         remote.attribute, remote.line)
            return _hit(local, remote, (remote.line or c.line, c.column), detail, origin)
        remote = End(EndClass.NON_MAINLAND, sw.name,
                     f"{sw.name} connects to {sw.control_plane or 'a relay'}, operated outside "
                     "mainland China (no self-hosted domestic control server is configured)")
        return _hit(local, remote, at, detail)
    peers = _endpoints(c, sw, sw.endpoint_env, sw.endpoint_flags, True)
    if peers:
        remote, verdict, origin = _worst(local, [(classify_endpoint(e, policy), e.origin)
                                                 for e in peers])
        if verdict is None:
            return None
        return _hit(local, remote, (remote.line or c.line, c.column), detail, origin)
    if found.script:
        remote = End(EndClass.UNKNOWN, sw.name, f"{sw.name} tunnel: its peer is not named in "
                     "the script")
    elif sw.role == "server":
        remote = End(EndClass.ANYWHERE, "VPN clients", f"{sw.name} is a VPN server: it accepts "
                     "clients from any address, in or outside the mainland")
    else:
        remote = End(EndClass.UNKNOWN, sw.name, f"the peer of {sw.name} is not named in the "
                     "manifests (env, args or a mounted ConfigMap/Secret)")
    return _hit(local, remote, at, detail)


def _first_worst(hits: list[Hit | None]) -> Hit | None:
    best: Hit | None = None
    for h in hits:
        if h is not None and (best is None or rank(h.verdict) > rank(best.verdict)):
            best = h
    return best


def software(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    """Software of the target's `options.software_kinds` (default: every kind) in the
    subject's containers or boot scripts, judged by the remote end it names."""
    kinds = tuple(target.options.get("software_kinds", ()))
    found = [r for r in _running(target, subject, ctx) if not kinds or r.software.kind in kinds]
    if not found:
        return None
    locals_ = resolve(target.local, subject, ctx)
    hit = _first_worst([_software_hit(r, lo, ctx) for r in found for lo in locals_])
    if hit is not None and subject.pod is None:
        hit = replace(hit, at=None)  # a boot script's finding is at its resource, like all others
    return hit


# -- weak signals on a pod: `setting` and `exposed_port` ------------------------------------------
def _gives_way(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> bool:
    """Whether the target yields: a container runs software that a check in its `yields_to`
    covers (a named tunnel explains the tun device, the port and the forwarding)."""
    kinds = {k for other in target.yields_to if (check := cat.get(other)) is not None
             for t in check.targets if t.evaluator == "software"
             for k in t.options.get("software_kinds", ())}
    return any(r.software.kind in kinds for r in _pod_runs(subject, ctx))


def _weak_local(target: Target, subject: Subject, ctx: Evaluation) -> End | None:
    """The subject's end when a weak signal counts there (mainland or unknown), else None."""
    for local in resolve(target.local, subject, ctx):
        if local.cls in (EndClass.MAINLAND, EndClass.UNKNOWN):
            return local
    return None


def _tun(c: ContainerView, options: dict[str, Any]) -> str | None:
    paths = tuple(options.get("device_paths", ()))
    if any(p in paths for p in c.host_paths):
        return paths[0] if paths else "a tun device"
    resources = tuple(options.get("device_resources", ()))
    suffix = str(options.get("device_resource_suffix", "")) or None
    for key in c.resources:
        if key in resources or (suffix is not None and key.endswith(suffix)):
            return f"device resource {key}"
    return None


def _tun_device(options: dict[str, Any], subject: Subject, local: End) -> list[Hit | None]:
    """A container that can create tunnel interfaces: a capability (or privileged) plus a tun
    device (hostPath or device-plugin resource)."""
    pod = subject.pod
    caps = tuple(str(c).upper() for c in options.get("capabilities", ()))
    hits: list[Hit | None] = []
    for c in pod.containers if pod is not None else ():
        if c.system:
            continue
        has_cap = any(a in caps for a in c.capabilities)
        tun = _tun(c, options)
        if tun and (has_cap or c.privileged):
            power = caps[0] if has_cap and caps else "privileged"
            remote = End(EndClass.UNKNOWN, "tun device",
                         f"{c.label} can create tunnel interfaces ({power} with {tun}): a VPN "
                         "client or server whose peer is not named")
            hits.append(_hit(local, remote, (c.line, c.column), ""))
    return hits


def _forwarding(options: dict[str, Any], subject: Subject, local: End) -> list[Hit | None]:
    """Forwarding sysctls set on the pod, or by a container's command."""
    pod = subject.pod
    if pod is None or any(c.system for c in pod.containers):  # a CNI or mesh pod routes
        return []
    hits: list[Hit | None] = []
    names = set(options.get("sysctls", ()))
    for name, value, line in pod.sysctls:
        if name in names and value in ("1", "true"):
            remote = End(EndClass.UNKNOWN, "forwarded traffic",
                         f"the pod sets sysctl {name}={value}: it routes traffic for other "
                         "hosts (router, NAT or VPN gateway)")
            hits.append(_hit(local, remote, (line, 1), ""))
    command = str(options.get("command_pattern") or "")
    for c in pod.containers if command else ():
        m = re.search(command, " ".join(c.argv))
        if m:
            remote = End(EndClass.UNKNOWN, "forwarded traffic",
                         f"{c.label} runs sysctl {m.group(1)}=1: the pod routes traffic for "
                         "other hosts (router, NAT or VPN gateway)")
            hits.append(_hit(local, remote, (c.line, c.column), ""))
    return hits


SETTINGS = {"tun_device": _tun_device, "forwarding_sysctl": _forwarding}


def setting(target: Target, subject: Subject, ctx: Evaluation, cat: CheckCatalog) -> Hit | None:
    local = _weak_local(target, subject, ctx)
    if local is None or subject.pod is None or _gives_way(target, subject, ctx, cat):
        return None
    return _first_worst(SETTINGS[target.options["setting"]](target.options, subject, local))


def exposed_port(target: Target, subject: Subject, ctx: Evaluation,
                 cat: CheckCatalog) -> Hit | None:
    """Tunnel ports opened on the node's address (a pod's hostPorts), or by a Service."""
    local = _weak_local(target, subject, ctx)
    if local is None:
        return None
    pod = subject.pod
    if pod is None:
        return _service_ports(subject, local, ctx)
    if _gives_way(target, subject, ctx, cat):
        return None
    sig = load_signatures()
    hits: list[Hit | None] = []
    for c in pod.containers:
        if c.system:
            continue
        for p in c.host_ports:
            name = sig.port_name(p.protocol, p.port)
            if name:
                remote = End(EndClass.ANYWHERE, f"hostPort {p.port}/{p.protocol}",
                             f"{c.label} opens {name} on the node's address (hostPort)")
                hits.append(_hit(local, remote, (p.line, c.column), ""))
    return _first_worst(hits)


def _service_ports(subject: Subject, local: End, ctx: Evaluation) -> Hit | None:
    """A LoadBalancer, NodePort or external IP exposing a tunnel port: to the
    loadBalancerSourceRanges when set, else to any address."""
    kind = str(subject.get("spec.type") or "ClusterIP")
    external = bool(subject.values("spec.externalIPs[]"))
    ports = subject.values("spec.ports[]")
    if kind not in ("LoadBalancer", "NodePort") and not external:
        return None
    sig = load_signatures()
    ranges = subject.values("spec.loadBalancerSourceRanges[]")
    hits: list[Hit | None] = []
    for i, (_, line) in enumerate(ports):
        proto = str(subject.get(f"spec.ports[{i}].protocol") or "TCP").upper()
        numbers = [v for key in ("port", "targetPort")
                   for v in (subject.get(f"spec.ports[{i}].{key}"),)
                   if isinstance(v, int) and not isinstance(v, bool)]
        name = next((n for n in (sig.port_name(proto, x) for x in numbers) if n), None)
        if name is None:
            continue
        if kind == "LoadBalancer" and ranges:
            remotes = [classify_address(str(r), ctx.policy, "loadBalancerSourceRanges", at)
                       for r, at in ranges]
        else:
            remotes = [End(EndClass.ANYWHERE, "0.0.0.0/0",
                           f"{kind} Service opens {name} to any address")]
        remote, verdict, _ = _worst(local, [(r, None) for r in remotes])
        if verdict is None:
            continue
        where = line or subject.line
        hits.append(Hit(verdict, local, remote, where, f"{kind} Service exposes {name}",
                        at=(where, subject.column)))
    return _first_worst(hits)


# -- egress through a proxy named in the environment -----------------------------------------------
def proxy_env(target: Target, subject: Subject, ctx: Evaluation,
              cat: CheckCatalog) -> Hit | None:
    """A container of a mainland workload whose proxy variables (`options.env`, compared
    without case) name a proxy outside the mainland. Only a proxy proven abroad counts: an
    in-cluster, internal, private, domestic or unresolvable proxy raises nothing."""
    pod = subject.pod
    if pod is None:
        return None
    names = {str(n).upper() for n in target.options.get("env", ())}
    locals_ = [lo for lo in resolve(target.local, subject, ctx) if lo.cls is EndClass.MAINLAND]
    hits: list[Hit | None] = []
    for c in pod.containers if locals_ else ():
        for name in sorted(c.env):
            e = c.env[name]
            if name.upper() not in names or not e.value.strip():
                continue
            host = host_of(e.value.strip())
            if not host:
                continue
            remote = classify_endpoint(Endpoint(host, e.value.strip(), e.source, e.line,
                                                e.origin), ctx.policy)
            if remote.cls is not EndClass.NON_MAINLAND:
                continue
            detail = f"{c.label} sends its traffic through the proxy in {e.source}"
            hits += [_hit(lo, remote, (e.line or c.line, c.column), detail, e.origin)
                     for lo in locals_]
    return _first_worst(hits)


# -- operator resources of foreign-edge tunnels ---------------------------------------------------
def _servers_in(subject: Subject, name: str, ctx: Evaluation) -> list[tuple[End, Origin | None]]:
    """The control servers the workloads of the subject's configuration point `name` at."""
    key = ("control servers", subject.configuration(), name)
    if key not in ctx.cache:
        found: list[tuple[End, Origin | None]] = []
        for other in subject.peers(()):
            pod = other.pod
            for c in pod.containers if pod is not None else ():
                runs = _identify(c)
                if runs is not None and runs.software.name == name and \
                        runs.software.kind == "foreign-edge":
                    found += [(classify_endpoint(e, ctx.policy), e.origin)
                              for e in _control_servers(c, runs.software)]
        ctx.cache[key] = found
    servers: list[tuple[End, Origin | None]] = ctx.cache[key]
    return servers


def edge_object(target: Target, subject: Subject, ctx: Evaluation,
                cat: CheckCatalog) -> Hit | None:
    """An object that publishes through a foreign-edge tunnel (`options.software`); a
    self-hosted control server named by the software's workloads is decided instead of the
    vendor's relays."""
    name = str(target.options["software"])
    sw = software_index().named(name)
    at = (subject.line, subject.column)
    detail = f"{subject.type} {target.message}"
    servers = _servers_in(subject, name, ctx)
    hits: list[Hit | None] = []
    for local in resolve(target.local, subject, ctx):
        if servers:
            remote, verdict, origin = _worst(local, servers)
            if verdict is None:
                continue
            remote = End(remote.cls, remote.value, f"self-hosted control server: {remote.reason}")
            hits.append(_hit(local, remote, at, detail, origin, worded=True))
        else:
            plane = sw.control_plane if sw is not None else "a relay"
            remote = End(EndClass.NON_MAINLAND, name, f"{name} connects to {plane}, operated "
                         "outside mainland China")
            hits.append(_hit(local, remote, at, detail, worded=True))
    return _first_worst(hits)


# -- remote ends named at a path (multi-cluster, overlay, BGP, remote-control objects) -------------
def endpoint_link(target: Target, subject: Subject, ctx: Evaluation) -> Hit | None:
    """`link` whose `remote:` specs are `{endpoint: PATH}`: every endpoint found at each path
    (pattern: a named text pattern of signatures.yaml applied to the value; split: a separator
    between several endpoints in one value; source: how the place reads in the message, `{key}`
    the key it was found under, `{path}` where), decided against the subject's location."""
    patterns = load_signatures().text_patterns
    locals_ = resolve(target.local, subject, ctx)
    hits: list[Hit | None] = []
    for spec in target.remote:
        path = spec.get("endpoint")
        if not path:
            continue
        for value, line, key, where in subject.keyed(path):
            source = str(spec.get("source", "{path}")).format(key=key, path=where)
            detail = f"{subject.type} {target.message.format(key=key)}"
            if isinstance(value, (Unknown, ResourceRef)):  # Terraform: not resolved statically
                reason = value.reason if isinstance(value, Unknown) else \
                    f"{value} is only known after apply"
                remote = End(EndClass.UNKNOWN, where or path, f"{source} is unknown: {reason}")
                hits += [_hit(lo, remote, (line or subject.line, 1), detail,
                              tuple(subject.origins(where)) if where else None, worded=True)
                         for lo in locals_]
                continue
            text = str(value)
            if spec.get("pattern"):
                raws = [m.group(1) for m in patterns[spec["pattern"]].finditer(text)]
            elif spec.get("split"):
                raws = text.split(spec["split"])
            else:
                raws = [text]
            for raw in raws:
                host = host_of(raw)
                if not host:
                    continue
                remote = classify_endpoint(Endpoint(host, raw.strip(), source, line), ctx.policy)
                at = remote.line or line or subject.line
                # a value read from a ConfigMap/Secret key (a pod's env) points back at the key;
                # one written through Terraform at its variables, locals and YAML file
                related = tuple(subject.origins(where)) if where else None
                hits += [_hit(lo, remote, (at, 1), detail, related, worded=True)
                         for lo in locals_]
    return _first_worst(hits)
