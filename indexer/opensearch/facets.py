"""Facets on the cluster as the registry defines them (``indexer.contract.facets``).

A facet with a ``key`` (names folded, a site by its host, a language by its code) is
counted and filtered by that key: the document holds the value as written in ``<name>``
and its key in ``<name>_key``, and ``<name>_spelling`` pairs the two, so a key is shown as
its commonest spelling in the whole index, and keys of equal counts are ordered by their
first spelling, as the local facet columns do (``search/facet_arrays.py``). So that ties at
a facet's cut are decided the same way, a limited keyed facet asks for ``CANDIDATES`` times
its size and is cut here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from indexer.contract.facets import FACETS, Facet
from indexer.contract.request import SearchRequest
from indexer.contract.results import FacetValue

Dsl = dict[str, Any]
KEYED = tuple(name for name, facet in FACETS.items() if type(facet).key is not Facet.key)
SEPARATOR = "\x1f"  # between a key and its spelling (a control character: in neither)
CANDIDATES = 3
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


Spellings = dict[str, tuple[str, str]]  # key -> (commonest spelling, first spelling)


def commonest(aggs: Any, shown: dict[str, list[str]]) -> dict[str, Spellings]:
    """Per keyed facet, each shown key's commonest spelling (ties: the first in order)
    and its first spelling in order."""
    found: dict[str, Spellings] = {}
    for name, wanted in shown.items():
        spelled: Spellings = {}
        for bucket in aggs.get(name, {}).get("pairs", {}).get("buckets", []):
            key, _, spelling = str(bucket["key"]).partition(SEPARATOR)
            if key in wanted:  # most common first
                most, first = spelled.get(key, (spelling, spelling))
                spelled[key] = (most, min(first, spelling))
        found[name] = spelled
    return found


def facet_counts(
    aggs: Any, request: SearchRequest, spellings: dict[str, Spellings]
) -> tuple[dict[str, list[FacetValue]], dict[str, bool]]:
    """Each facet's values (shown spelled), counts and selection, and whether it was cut."""
    facets: dict[str, list[FacetValue]] = {}
    truncated: dict[str, bool] = {}
    for name, facet in FACETS.items():
        counted = aggs[name]
        spelled = {key: most for key, (most, _) in spellings.get(name, {}).items()}
        shown, truncated[name] = _cut(counted, name, facet, request, spellings.get(name, {}))
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


def _buckets(counted: Any, name: str) -> list[tuple[str, int]]:
    key = "key_as_string" if name in HISTOGRAMS else "key"
    return [(str(b[key]), int(b["doc_count"])) for b in counted["values"]["buckets"]]


def bucket_count(name: str, facet: Facet, request: SearchRequest) -> int:
    """How many buckets to ask for: one more than shown (whether the list was cut), more
    for a keyed facet (its ties are ordered here), every value for an unlimited one."""
    limit = request.facet_size if facet.limited else 0
    if not limit:
        return 0
    return limit * CANDIDATES + 1 if name in KEYED else limit + 1


def _cut(
    counted: Any, name: str, facet: Facet, request: SearchRequest, spellings: Spellings
) -> tuple[list[tuple[str, int]], bool]:
    buckets = _buckets(counted, name)
    if name in KEYED:  # equal counts in the order of each key's first spelling
        buckets.sort(key=lambda pair: (-pair[1], spellings.get(pair[0], (pair[0], pair[0]))[1]))
    limit = request.facet_size if facet.limited else 0
    return (buckets[:limit] if limit else buckets), bool(limit) and len(buckets) > limit


def shown_keys(aggs: Any) -> dict[str, list[str]]:
    """The keys each keyed facet may show (the spellings to look up)."""
    return {name: [key for key, _ in _buckets(aggs[name], name)] for name in KEYED}
