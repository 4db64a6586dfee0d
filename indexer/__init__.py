"""archive-search: full-text search for blog archives (the library).

The public API used by the CLI and the web app::

    report = index_archive([Path("data")], Path(".index"))
    archive = open_archive(Path(".index"))  # or open_archive(..., cluster=Cluster(url))
    result = archive.search(build_request("vice squad", section=["quote"]))
    post = archive.post(result.hits[0].post_id, query="vice squad")
"""

from __future__ import annotations

from indexer import errors
from indexer.archive import ArchiveIndex
from indexer.backends import Archive, index_archive, open_archive
from indexer.build.indexing import FileOutcome, IndexRunSummary
from indexer.contract.facets import DATE_RANGE, FACETS, MAX_FILTER_VALUES, Facet
from indexer.contract.params import MAX_PAGE, build_request
from indexer.contract.request import (
    DEFAULT_PER_PAGE,
    GROUPS,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
    SearchRequest,
)
from indexer.contract.results import (
    MATCHED_IN,
    FacetValue,
    Hit,
    IndexStats,
    PassageView,
    PostHits,
    PostView,
    SearchResult,
    fields_json,
    json_keys,
)
from indexer.core.models import DatePrecision, Passage, Post, Section
from indexer.opensearch.config import DEFAULT_INDEX_NAME, DEFAULT_REPLICAS, DEFAULT_SHARDS, Cluster
from indexer.opensearch.mapping import export_opensearch
from indexer.search.export import EXPORT_FIELDS, Export

__all__ = [
    "DATE_RANGE",
    "DEFAULT_INDEX_NAME",
    "DEFAULT_PER_PAGE",
    "DEFAULT_REPLICAS",
    "DEFAULT_SHARDS",
    "EXPORT_FIELDS",
    "FACETS",
    "GROUPS",
    "MATCHED_IN",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_QUERY_LENGTH",
    "SORTS",
    "Archive",
    "ArchiveIndex",
    "Cluster",
    "DatePrecision",
    "Export",
    "Facet",
    "FacetValue",
    "FileOutcome",
    "Hit",
    "IndexRunSummary",
    "IndexStats",
    "Passage",
    "PassageView",
    "Post",
    "PostHits",
    "PostView",
    "SearchRequest",
    "SearchResult",
    "Section",
    "build_request",
    "errors",
    "export_opensearch",
    "fields_json",
    "index_archive",
    "json_keys",
    "open_archive",
]
