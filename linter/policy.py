"""The policy file (.exitlint.yaml or [tool.exitlint]): find, load, validate (SPEC §4)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import re
import sys
from dataclasses import field
from pathlib import Path
from typing import Any

from . import data_files
from .fileio import read_json_capped, write_json_atomic
from .hashes import sha256
from .records import dataclass
from .resources import schemas_dir

POLICY_NAMES = (".exitlint.yaml", ".exitlint.yml")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class PolicyError(Exception):
    """An invalid policy: a usage error (exit 2) naming the file and field."""


@dataclass(frozen=True)
class ApprovedExit:
    id: str
    carrier: str
    approval: str
    expires: dt.date | None
    resources: tuple[str, ...]
    peer_cidrs: tuple[Network, ...]
    regions: tuple[str, ...]
    paths: tuple[str, ...]
    line: int
    hosts: tuple[str, ...] = ()  # host name globs of the far end (SPEC §9)
    checks: tuple[str, ...] = ()  # the checks it applies to (empty: every check)
    managed_by: str | None = None  # the licensed integrator that runs the line (free text)
    carrier_line: int = 0  # where `carrier:` is written (0: unknown), for XB908
    carrier_column: int = 0


@dataclass
class Policy:
    path: Path | None = None  # the file it came from; None for the built-in default
    rel_path: str = ""  # as shown in findings
    default_region: str | None = None  # one name: for resources whose provider knows it
    default_regions: dict[str, str] = field(default_factory=dict)  # per provider (SPEC §9)
    k8s_region: str | None = None
    k8s_paths: dict[str, str] = field(default_factory=dict)
    # chart directory (relative to the policy file) -> extra values files (relative to the chart)
    helm_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    domestic_cidrs: tuple[Network, ...] = ()
    foreign_cidrs: tuple[Network, ...] = ()
    domestic_hosts: tuple[str, ...] = ()
    foreign_hosts: tuple[str, ...] = ()
    exits: tuple[ApprovedExit, ...] = ()
    check_severity: dict[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    unknown: str = "warning"
    exclude: tuple[str, ...] = ()
    expiry_warning_days: int = 30  # an exit expiring this soon gets a warning (XB906)
    # which checks may be suppressed inline: True (all), False (none) or the named IDs
    inline_suppressions: bool | frozenset[str] = True

    def inline_allowed(self, check_id: str) -> bool:
        allowed = self.inline_suppressions
        return allowed if isinstance(allowed, bool) else check_id in allowed

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path else None


def _search_dirs(here: Path) -> tuple[list[Path], Path | None]:
    """`here` and its parents up to the git work tree root (all of them outside a work tree),
    and that root."""
    dirs = []
    for d in (here, *here.parents):
        dirs.append(d)
        if (d / ".git").exists():
            return dirs, d
    return dirs, None


def _inside(candidate: Path, root: Path) -> Path:
    """`candidate` when it resolves inside `root`; else a PolicyError that names it without
    reading it (a symlinked `.exitlint.yaml -> ~/.ssh/id_rsa` must never reach an error
    message)."""
    try:
        target = candidate.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the reader reports it as unreadable
        return candidate
    if not target.is_relative_to(root):
        raise PolicyError(f"{candidate}: the policy file is a symlink to a file outside the "
                          "repository; not read (name it with --policy to use it)")
    return candidate


def find_policy(start: Path) -> Path | None:
    """The nearest policy file from `start` upwards, stopping at the git work tree root. A
    candidate that resolves outside the work tree (outside one: outside its own directory) is
    refused with a PolicyError, never read."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    dirs, root = _search_dirs(here)
    for d in dirs:
        for name in POLICY_NAMES:
            if (d / name).is_file():
                return _inside(d / name, root or d)
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and "[tool.exitlint]" in _read(_inside(pyproject, root or d)):
            return pyproject
    return None


MAX_QUOTED = 80  # characters of a policy value quoted in an error message


def _short(value: Any) -> str:
    """A value as quoted in an error: enough to find it, never a whole file's worth."""
    text = repr(value)
    return text if len(text) <= MAX_QUOTED else f"{text[:MAX_QUOTED - 3]}..."


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read the policy file ({exc})") from exc


def _normalise_dates(node: Any) -> Any:
    # Users write `expires: 2027-06-30` unquoted; YAML turns it into a date.
    if isinstance(node, (dt.date, dt.datetime)):
        return node.strftime("%Y-%m-%d")
    if isinstance(node, dict):
        return {str(k): _normalise_dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_normalise_dates(v) for v in node]
    return node


MAX_POLICY_NODES = 100_000  # values in a policy once YAML aliases are expanded
MAX_POLICY_DEPTH = 100


def _check_size(raw: Any, path: Path) -> None:
    """Refuse a policy whose aliases refer to themselves (`a: &a [*a]`) or expand beyond
    MAX_POLICY_NODES (a billion-laughs bomb): normalising and validating it would never end."""
    count = 0
    stack: list[tuple[Any, int, frozenset[int]]] = [(raw, 0, frozenset())]
    while stack:
        node, depth, parents = stack.pop()
        count += 1
        if count > MAX_POLICY_NODES:
            raise PolicyError(f"{path}: invalid policy: more than {MAX_POLICY_NODES} values "
                              "(YAML aliases expanding too far?)")
        if isinstance(node, (dict, list)):
            if id(node) in parents:
                raise PolicyError(f"{path}: invalid policy: a YAML alias refers to itself")
            if depth > MAX_POLICY_DEPTH:
                raise PolicyError(f"{path}: invalid policy: nested more than "
                                  f"{MAX_POLICY_DEPTH} levels deep")
            inner = parents | {id(node)}
            values = node.values() if isinstance(node, dict) else node
            stack.extend((v, depth + 1, inner) for v in values)


@dataclass(frozen=True)
class ExitPlace:
    """Where an `approved_exits` entry and its `carrier:` value are written (1-based)."""

    line: int
    carrier_line: int = 0
    carrier_column: int = 0


def _exit_lines(text: str) -> list[ExitPlace]:
    """Place of each `approved_exits` entry, for XB9xx findings on the policy file."""
    import yaml

    try:
        root = yaml.compose(text, Loader=data_files.safe_loader())
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "approved_exits" and isinstance(value, yaml.SequenceNode):
            return [_exit_place(item) for item in value.value]
    return []


def _exit_place(item: Any) -> ExitPlace:
    import yaml

    line = item.start_mark.line + 1
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if getattr(key, "value", None) == "carrier":
                return ExitPlace(line, value.start_mark.line + 1, value.start_mark.column + 1)
    return ExitPlace(line)


def _bad_date(text: str, path: Path) -> str | None:
    for number, line in enumerate(text.splitlines(), 1):
        m = re.search(r"([A-Za-z_]+)\s*:\s*(\d{4}-\d{2}-\d{2})\b", line)
        if m is None:
            continue
        try:
            dt.date.fromisoformat(m.group(2))
        except ValueError:
            return (f"{path}:{number}: invalid policy at {m.group(1)}: {m.group(2)} is not a "
                    "valid date")
    return None


def load_policy(path: Path, display: str | None = None,
                valid_memo: tuple[Path, str] | None = None) -> Policy:
    """The policy file at `path`, validated (see validate_policy for `valid_memo`)."""
    text = _read(path)
    exit_lines: list[ExitPlace] = []
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib  # type: ignore[import-not-found,no-redef]

        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise PolicyError(f"{path}: invalid TOML ({exc})") from exc
        except RecursionError as exc:  # arrays nested deeper than the TOML parser can follow
            raise PolicyError(f"{path}: invalid policy: nested too deeply") from exc
        except MemoryError as exc:
            raise PolicyError(f"{path}: invalid policy: too large to load") from exc
        tool = doc.get("tool")
        raw = tool.get("exitlint", {}) if isinstance(tool, dict) else {}
    else:
        import yaml

        try:
            raw = data_files.load(text)
        except RecursionError as exc:  # nesting deeper than the YAML constructor can follow
            raise PolicyError(f"{path}: invalid policy: nested too deeply") from exc
        except MemoryError as exc:
            raise PolicyError(f"{path}: invalid policy: too large to load") from exc
        except ValueError as exc:  # an impossible unquoted date such as 2027-02-30
            raise PolicyError(_bad_date(text, path) or f"{path}: invalid policy: {exc}") from exc
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise PolicyError(f"{path}{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from exc
        exit_lines = _exit_lines(text)
    if raw is None:
        raw = {}
    _check_size(raw, path)
    raw = _normalise_dates(raw)
    validate_policy(raw, path, valid_memo)
    from .geo.policy_names import check_region_names  # reads the catalogue only when needed

    check_region_names(raw, path, text)
    return build_policy(raw, path, display or path.name, exit_lines)


def validate_policy(raw: Any, path: Path, valid_memo: tuple[Path, str] | None = None) -> None:
    """PolicyError unless `raw` is valid under schemas/policy.schema.json. With `valid_memo`
    (a cache directory and the engine stamp, which covers the schema and the jsonschema
    release), a policy found valid is remembered by its exact content, so that the next run
    (a pre-commit hook) neither imports jsonschema nor validates it again."""
    schema_text = (schemas_dir() / "policy.schema.json").read_bytes()
    memo = _valid_entry(valid_memo, schema_text, raw)
    if memo is not None and read_json_capped(memo[0], 4096) == {"valid": memo[1]}:
        return
    import jsonschema

    schema = json.loads(schema_text.decode("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(raw), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        err = errors[0]
        field_path = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        # jsonschema quotes the whole offending value: shorten it, so a policy holding a
        # file's content (a key, a token) is never printed whole.
        message = err.message.replace(repr(err.instance), _short(err.instance))
        if len(message) > 4 * MAX_QUOTED:
            message = f"{message[:4 * MAX_QUOTED - 3]}..."
        raise PolicyError(f"{path}: invalid policy at {field_path[:MAX_QUOTED]}: {message}")
    if memo is not None:
        write_json_atomic(memo[0], {"valid": memo[1]})


def _valid_entry(valid_memo: tuple[Path, str] | None, schema: bytes,
                 raw: Any) -> tuple[Path, str] | None:
    """Where a valid verdict on `raw` is kept, and the key it holds: the stamp, the schema and
    the policy's repr (which tells a date from a string, 1 from 1.0 and True)."""
    if valid_memo is None:
        return None
    directory, stamp = valid_memo
    h = sha256(f"policy-valid|{stamp}|".encode())
    h.update(sha256(schema).digest())
    try:
        h.update(repr(raw).encode("utf-8", "surrogatepass"))
    except RecursionError:
        return None
    key = h.hexdigest()
    return directory / "policy" / key[:2] / f"{key}.json", key


def _networks(values: list[str], path: Path, name: str) -> tuple[Network, ...]:
    out = []
    for v in values:
        try:
            out.append(ipaddress.ip_network(v, strict=False))
        except ValueError as exc:
            raise PolicyError(f"{path}: invalid policy at {name}: {_short(v)} is not a "
                              "CIDR") from exc
    return tuple(out)


def build_policy(raw: dict[str, Any], path: Path, display: str,
                 exit_lines: list[ExitPlace]) -> Policy:
    exits = []
    for i, e in enumerate(raw.get("approved_exits", [])):
        match = e.get("match", {})
        place = exit_lines[i] if i < len(exit_lines) else ExitPlace(1)
        expires = None
        if e.get("expires"):
            try:
                expires = dt.date.fromisoformat(e["expires"])
            except ValueError as exc:
                raise PolicyError(f"{path}: invalid policy at approved_exits.{i}.expires: "
                                  f"{_short(e['expires'])} is not a date") from exc
        exits.append(ApprovedExit(
            id=e["id"], carrier=e["carrier"], approval=str(e.get("approval") or "").strip(),
            expires=expires, resources=tuple(match.get("resources", [])),
            peer_cidrs=_networks(match.get("peer_cidrs", []), path,
                                 f"approved_exits.{i}.match.peer_cidrs"),
            regions=tuple(match.get("regions", [])), paths=tuple(match.get("paths", [])),
            line=place.line, hosts=tuple(match.get("hosts", [])),
            checks=tuple(match.get("checks", [])),
            managed_by=str(e["managed_by"]).strip() or None if e.get("managed_by") else None,
            carrier_line=place.carrier_line, carrier_column=place.carrier_column,
        ))
    severity: dict[str, str] = {}
    disabled: set[str] = set()
    for cid, setting in (raw.get("checks") or {}).items():
        if setting == "disabled" or (isinstance(setting, dict) and setting.get("disabled")):
            disabled.add(cid)
        elif isinstance(setting, dict) and "severity" in setting:
            severity[cid] = setting["severity"]
    k8s = raw.get("kubernetes") or {}
    default = raw.get("default_region")
    return Policy(
        path=path, rel_path=display,
        default_region=default if isinstance(default, str) else None,
        default_regions=dict(default) if isinstance(default, dict) else {},
        k8s_region=k8s.get("region"), k8s_paths=dict(k8s.get("paths") or {}),
        helm_values={str(k): tuple(v) for k, v in
                     ((k8s.get("helm") or {}).get("values") or {}).items()},
        domestic_cidrs=_networks(raw.get("domestic_cidrs", []), path, "domestic_cidrs"),
        foreign_cidrs=_networks(raw.get("foreign_cidrs", []), path, "foreign_cidrs"),
        domestic_hosts=tuple(raw.get("domestic_hosts", [])),
        foreign_hosts=tuple(raw.get("foreign_hosts", [])),
        exits=tuple(exits), check_severity=severity, disabled=frozenset(disabled),
        unknown=raw.get("unknown", "warning"), exclude=tuple(raw.get("exclude", [])),
        expiry_warning_days=int(raw.get("expiry_warning_days", 30)),
        inline_suppressions=_inline(raw.get("inline_suppressions", True)),
    )


def _inline(value: bool | list[str]) -> bool | frozenset[str]:
    """`inline_suppressions` as validated by the schema: a boolean or a list of check IDs."""
    return value if isinstance(value, bool) else frozenset(value)
