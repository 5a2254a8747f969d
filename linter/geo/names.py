"""Region names as written by users: which providers know one, and the nearest known names
("did you mean cn-north-1?") for one no catalogue knows (SPEC §9, "Where an end is")."""

from __future__ import annotations

from .. import lazy_re
from .geography import Catalogue, Provider

# Zone IDs reduce to their region: `cn-beijing-a`, `us-east-1a`, `ap-guangzhou-3`.
ZONE_SUFFIXES = (lazy_re.compile(r"^(.*\d)[a-z]$"), lazy_re.compile(r"^(.*)-[a-z]$"),
                 lazy_re.compile(r"^(.*)-\d{1,2}$"))

MAX_SUGGESTIONS = 3


def candidates(value: str) -> list[str]:
    """The value, then the region IDs it reduces to when it is a zone ID."""
    out = [value]
    for pattern in ZONE_SUFFIXES:
        m = pattern.match(value)
        if m and m.group(1) not in out:
            out.append(m.group(1))
    return out


def providers_knowing(catalogue: Catalogue, value: str, zones: bool = False) -> list[Provider]:
    """The providers whose catalogue lists `value` (or, with `zones`, the region of a zone ID),
    in name order."""
    names = candidates(value.strip().lower()) if zones else [value]
    return [p for _, p in sorted(catalogue.providers.items())
            if any(p.norm(n) in p.regions for n in names)]


def nearest(provider: Provider, value: str) -> list[str]:
    """The provider's region IDs closest to `value` (a typo, another cloud's name)."""
    ids = sorted(r.id for r in provider.regions.values())
    by_key = {provider.norm(i): i for i in ids}
    import difflib  # only for a name no catalogue knows

    found = difflib.get_close_matches(provider.norm(value), sorted(by_key), n=MAX_SUGGESTIONS,
                                      cutoff=0.6)
    return [by_key[k] for k in found]


def nearest_anywhere(catalogue: Catalogue, value: str) -> list[str]:
    """The region IDs of any provider closest to `value`, each once."""
    ids = sorted({r.id for p in catalogue.providers.values() for r in p.regions.values()})
    import difflib  # only for a name no catalogue knows

    return difflib.get_close_matches(value.strip().lower(), ids, n=MAX_SUGGESTIONS, cutoff=0.6)


def suggestion(names: list[str]) -> str:
    """`did you mean cn-north-1?` / `did you mean a, b or c?`; "" without candidates."""
    if not names:
        return ""
    if len(names) == 1:
        return f"did you mean {names[0]}?"
    return f"did you mean {', '.join(names[:-1])} or {names[-1]}?"


def unknown_region_note(catalogue: Catalogue | None, provider: Provider, value: str) -> str:
    """What a user can do about a region name `provider` does not know: the nearest names it
    does know, and the providers that do know this one (another cloud's name)."""
    parts = []
    hint = suggestion(nearest(provider, value))
    if hint:
        parts.append(hint)
    if catalogue is not None:
        others = [p.name for p in providers_knowing(catalogue, value) if p.name != provider.name]
        if others:
            parts.append(f"{value} is a region of {', '.join(others)}")
    return "; ".join(parts)
