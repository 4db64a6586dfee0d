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
from .facets import FACETS, Facet
from .indexing import FileOutcome, IndexReport, index_archive
from .models import DatePrecision, Passage, Post, Section
from .params import build_request
from .request import SearchRequest
from .results import (
    FacetValue,
    Hit,
    IndexStats,
    PassageView,
    PostHits,
    PostView,
    SearchResult,
)

__all__ = [
    "EXPORT_FIELDS",
    "FACETS",
    "ArchiveIndex",
    "DatePrecision",
    "Export",
    "Facet",
    "FacetValue",
    "FileOutcome",
    "Hit",
    "IndexReport",
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
    "index_archive",
]
