"""Classify a region ID of a provider, and terms of a vocabulary (areas, locations, carriers)."""

from __future__ import annotations

from ..model import End, EndClass
from .geography import Catalogue, Provider, Vocabulary

_CLASSES = {"mainland": EndClass.MAINLAND, "non-mainland": EndClass.NON_MAINLAND,
            "unknown": EndClass.UNKNOWN}


def classify_region(provider: Provider, value: str, attribute: str | None = None,
                    line: int | None = None, how: str = "",
                    catalogue: Catalogue | None = None) -> End:
    """A region ID of `provider`. An ID its catalogue does not list is unknown, never outside
    the mainland (unless the provider has no mainland region at all), and the end says so with
    the nearest names it knows (and, given the `catalogue`, the providers that know it)."""
    key = provider.norm(value)
    label = attribute or "region"
    region = provider.regions.get(key)
    suffix = f" ({how})" if how else ""
    if region is not None:
        if region.mainland:
            return End(EndClass.MAINLAND, region.id,
                       f"{label} {region.id} ({region.name}) is in mainland China{suffix}",
                       attribute, line)
        if region.place:
            return End(EndClass.NON_MAINLAND, region.id, f"{label} {region.id} is {region.place}"
                       f", outside mainland China{suffix}", attribute, line)
        return End(EndClass.NON_MAINLAND, region.id,
                   f"{label} {region.id} ({region.name}) is outside mainland China{suffix}",
                   attribute, line)
    cls = _CLASSES.get(provider.unlisted, EndClass.UNKNOWN)
    if cls is EndClass.NON_MAINLAND:  # a provider with no region in the mainland at all
        return End(cls, value, f"{label} {value} is not a mainland region of {provider.name}"
                   f"{suffix}", attribute, line)
    from .names import unknown_region_note  # only for a name no catalogue knows

    note = unknown_region_note(catalogue, provider, value)
    return End(EndClass.UNKNOWN, value, f'{label} "{value}" is not a region {provider.name} '
               f"knows{suffix}" + (f" ({note})" if note else ""), attribute, line,
               unknown_name=True)


def classify_term(vocab: Vocabulary, value: str, attribute: str | None = None,
                  line: int | None = None) -> End | None:
    """A vocabulary term; None when the term says nothing about where the end is."""
    term = vocab.lookup(value)
    if term is None:
        return End(EndClass.UNKNOWN, value, f"{value!r} is not a known {vocab.name} value",
                   attribute, line)
    if term.cls == "neutral":
        return None
    cls = _CLASSES.get(term.cls, EndClass.UNKNOWN)
    where = {"mainland": "in mainland China", "non-mainland": "outside mainland China"}.get(
        term.cls, "of unknown location")
    return End(cls, term.key, f"{attribute or vocab.name} {term.key} ({term.name}) is {where}",
               attribute, line)
