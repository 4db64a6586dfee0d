"""Facets on the cluster as the registry defines them (``indexer.contract.facets``).

A facet with a ``key`` (names folded, a site by its host, a language by its code) is
counted and filtered by that key: the document holds the value as written in ``<name>``
and its key in ``<name>_key``, and ``<name>_spelling`` pairs the two, so a key is shown as
its commonest spelling in the whole index, as the local index shows it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from indexer.contract.facets import FACETS, Facet
from indexer.contract.request import SearchRequest
from indexer.contract.results import FacetValue

Dsl = dict[str, Any]
KEYED = tuple(name for name, facet in FACETS.items() if type(facet).key is not Facet.key)
SEPARATOR = "\x1f"  # between a key and its spelling (a control character: in neither)
# The date facets as histograms of ``date``: their buckets are the facets' values.
HISTOGRAMS = {"year": ("year", "yyyy"), "month": ("month", "yyyy-MM")}


def counted_field(name: str) -> str:
    """The field a facet is filtered and counted by."""
    return f"{name}_key" if name in KEYED else name


def keys(name: str, values: Iterable[str]) -> list[str]:
    """What the filter compares ``values`` by, each once."""
    facet = FACETS[name]
    return list(dict.fromkeys(facet.key(value) for value in values))


def keyed_fields(name: str, written: list[str]) -> Dsl:
    """A document's key and spelling fields for a keyed facet's values as written."""
    facet = FACETS[name]
    return {
        f"{name}_key": keys(name, written) or None,
        f"{name}_spelling": [f"{facet.key(value)}{SEPARATOR}{value}" for value in written] or None,
    }


def spellings_body(shown: dict[str, list[str]]) -> Dsl:
    """For the keys of each keyed facet a page shows: their spellings' counts in the index."""
    aggs = {
        name: {
            "filter": {"terms": {counted_field(name): list(wanted)}},
            "aggs": {
                "pairs": {"terms": {"field": f"{name}_spelling", "size": 10 * len(wanted) + 100}}
            },
        }
        for name, wanted in shown.items()
        if wanted
    }
    return {"size": 0, "query": {"match_all": {}}, "aggs": aggs}


def commonest(aggs: Any, shown: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Per keyed facet, each shown key's commonest spelling (ties: the first in order)."""
    found: dict[str, dict[str, str]] = {}
    for name, wanted in shown.items():
        spelled: dict[str, str] = {}
        for bucket in aggs.get(name, {}).get("pairs", {}).get("buckets", []):
            key, _, spelling = str(bucket["key"]).partition(SEPARATOR)
            if key in wanted and key not in spelled:  # most common first
                spelled[key] = spelling
        found[name] = spelled
    return found


def facet_counts(
    aggs: Any, request: SearchRequest, spellings: dict[str, dict[str, str]]
) -> tuple[dict[str, list[FacetValue]], dict[str, bool]]:
    """Each facet's values (shown spelled), counts and selection, and whether it was cut."""
    facets: dict[str, list[FacetValue]] = {}
    truncated: dict[str, bool] = {}
    for name, facet in FACETS.items():
        counted = aggs[name]
        shown, truncated[name] = _buckets(counted, name, facet, request)
        spelled = spellings.get(name, {})
        chosen = set(keys(name, request.selected(name)))
        values = [
            FacetValue(spelled.get(key, key), count, key in chosen,
                       facet.label(spelled.get(key, key)))
            for key, count in shown
        ]  # fmt: skip
        listed = {key for key, _ in shown}
        selected_counts = counted.get("selected", {}).get("buckets", {})
        for value in request.selected(name):
            key = facet.key(value)
            if key not in listed:
                listed.add(key)
                count = int(selected_counts.get(key, {}).get("doc_count", 0))
                values.append(FacetValue(value, count, True, facet.label(value)))
        facets[name] = values
    return facets, truncated


def _buckets(
    counted: Any, name: str, facet: Facet, request: SearchRequest
) -> tuple[list[tuple[str, int]], bool]:
    key = "key_as_string" if name in HISTOGRAMS else "key"
    buckets = [(str(b[key]), int(b["doc_count"])) for b in counted["values"]["buckets"]]
    limit = request.facet_size if facet.limited else 0
    return (buckets[:limit] if limit else buckets), bool(limit) and len(buckets) > limit


def shown_keys(aggs: Any, request: SearchRequest) -> dict[str, list[str]]:
    """The keys each keyed facet will show (the spellings to look up)."""
    shown: dict[str, list[str]] = {}
    for name in KEYED:
        buckets, _ = _buckets(aggs[name], name, FACETS[name], request)
        shown[name] = [key for key, _ in buckets]
    return shown
