"""A ``SearchRequest`` as the body of one search request: the text query, the filters
as a ``post_filter``, each facet counted by an aggregation filtered by every selection
but those it excludes (disjunctive faceting, as ``indexer.contract.facets`` declares),
the date facets as date histograms, ordering and paging."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from indexer.contract.facets import FACETS, Facet
from indexer.contract.request import PASSAGES_PER_POST, SearchRequest

from .facets import HISTOGRAMS, bucket_count, counted_field, keys

Dsl = dict[str, Any]
FACET_BUCKETS = 10_000  # every value of a facet listed whole (section, language, dates)
POSTS_PRECISION = 40_000  # distinct posts counted exactly up to this many (then ~1%)
DATE_FORMAT = "yyyy-MM-dd'T'HH:mm"


def filter_clauses(request: SearchRequest) -> dict[str, Dsl]:
    """Each selection as a filter (OR within a facet), and the date range as ``range``."""
    clauses: dict[str, Dsl] = {
        name: {"terms": {counted_field(name): keys(name, selected)}}
        for name, selected in request.selections.items()
        if selected
    }
    if request.date_from or request.date_to:
        bounds: Dsl = {"format": DATE_FORMAT}
        if request.date_from:
            bounds["gte"] = datetime.combine(request.date_from, time.min).strftime("%Y-%m-%dT%H:%M")
        if request.date_to:
            bounds["lte"] = datetime.combine(request.date_to, time(23, 59)).strftime(
                "%Y-%m-%dT%H:%M"
            )
        clauses["range"] = {"range": {"date": bounds}}
    return clauses


def combined(clauses: dict[str, Dsl], *excluded: str) -> Dsl:
    kept = [clause for name, clause in clauses.items() if name not in excluded]
    return {"bool": {"filter": kept}}


def _counting(name: str, facet: Facet, request: SearchRequest) -> Dsl:
    if name in HISTOGRAMS:
        interval, shown = HISTOGRAMS[name]
        values: Dsl = {"date_histogram": {"field": "date", "calendar_interval": interval,
                                          "format": shown, "min_doc_count": 1}}  # fmt: skip
    else:
        size = bucket_count(name, facet, request) or FACET_BUCKETS
        values = {"terms": {"field": counted_field(name), "size": size}}
    aggregations: Dsl = {"values": values}
    selected = request.selected(name)
    if selected:  # a selected value's count even when it is not among the most common
        aggregations["selected"] = {
            "filters": {
                "filters": {
                    key: {"term": {counted_field(name): key}} for key in keys(name, selected)
                }
            }
        }
    return aggregations


def aggregations(request: SearchRequest, clauses: dict[str, Dsl]) -> Dsl:
    """Per facet its counts; ``final``: the match set's distinct posts; ``base``: the text
    matches before any filter (aggregations see the query, not the post filter)."""
    aggs: Dsl = {
        name: {
            "filter": combined(clauses, *facet.excludes),
            "aggs": _counting(name, facet, request),
        }
        for name, facet in FACETS.items()
    }
    aggs["final"] = {
        "filter": combined(clauses),
        "aggs": {"posts": {"cardinality": {"field": "post_id",
                                           "precision_threshold": POSTS_PRECISION}}},
    }  # fmt: skip
    aggs["base"] = {"filter": {"match_all": {}}}
    return aggs


def sort_clauses(sort: str) -> list[Dsl]:
    """The order of ``indexer.search.ranking``: by score, or by date with undated passages
    last, then page order; ties by post and passage id (Whoosh ties by index position)."""
    tie = [{"position": "asc"}, {"id": "asc"}]
    if sort == "relevance":
        return [{"_score": "desc"}, {"post_id": "asc"}, *tie]
    order = "desc" if sort == "newest" else "asc"
    return [{"date": {"order": order, "missing": "_last"}}, *tie]


def search_body(request: SearchRequest, text: Dsl, sort: str, timeout_ms: int | None) -> Dsl:
    clauses = filter_clauses(request)
    offset = (request.page - 1) * request.per_page
    body: Dsl = {
        "query": text,
        "post_filter": combined(clauses),
        "aggs": aggregations(request, clauses),
        "sort": sort_clauses(sort),
        "from": offset,
        "size": request.per_page,
        "track_total_hits": True,
        "_source": {"excludes": ["spell", "address", "run"]},
    }
    if timeout_ms:
        body["timeout"] = f"{timeout_ms}ms"
    if request.group == "post":
        body["collapse"] = {
            "field": "post_id",
            "inner_hits": {"name": "best", "size": PASSAGES_PER_POST, "sort": body["sort"],
                           "_source": body["_source"]},
        }  # fmt: skip
    return body


def final_query(text: Dsl, request: SearchRequest) -> Dsl:
    """The match set as one query: the text and every filter."""
    return {"bool": {"must": [text], "filter": combined(filter_clauses(request))["bool"]["filter"]}}


def post_matches_body(text: Dsl, request: SearchRequest, post_ids: list[str]) -> Dsl:
    """Per post of a page: its matching passages per section, over the whole match set."""
    return {
        "size": 0,
        "query": final_query(text, request),
        "aggs": {
            "posts": {
                "terms": {"field": "post_id", "include": post_ids, "size": len(post_ids)},
                "aggs": {"sections": {"terms": {"field": "section", "size": 100}}},
            }
        },
    }
