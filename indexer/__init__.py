"""archive-search: full-text search for blog archives (the library).

The public API used by the CLI and the web app::

    report = index_archive([Path("data")], Path(".index"))
    archive = ArchiveIndex.open(Path(".index"))
    result = archive.search(build_request("vice squad", section=["quote"]))
    post = archive.post(result.hits[0].post_id, query="vice squad")
"""

from __future__ import annotations

from indexer import errors
from indexer.archive import ArchiveIndex
from indexer.build.indexing import FileOutcome, IndexRunSummary, index_archive
from indexer.contract.facets import FACETS, MAX_FILTER_VALUES, Facet
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
from indexer.opensearch.mapping import export_opensearch
from indexer.search.export import EXPORT_FIELDS, Export

__all__ = [
    "DEFAULT_PER_PAGE",
    "EXPORT_FIELDS",
    "FACETS",
    "GROUPS",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_QUERY_LENGTH",
    "SORTS",
    "ArchiveIndex",
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
]
