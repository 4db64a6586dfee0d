"""archive-search: full-text search for blog archives (the library).

The public API used by the CLI and the web app::

    report = index_archive([Path("data")], Path(".index"))
    archive = ArchiveIndex.open(Path(".index"))
    result = archive.search(build_request("vice squad", section=["quote"]))
    post = archive.post(result.hits[0].post_id, query="vice squad")
"""

from __future__ import annotations

from . import errors
from .archive import ArchiveIndex
from .export import EXPORT_FIELDS, Export
from .facets import FACETS, MAX_FILTER_VALUES, Facet
from .indexing import FileOutcome, IndexRunSummary, index_archive
from .models import DatePrecision, Passage, Post, Section
from .opensearch import export_opensearch
from .params import MAX_PAGE, build_request
from .request import (
    DEFAULT_PER_PAGE,
    GROUPS,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
    SearchRequest,
)
from .results import (
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
