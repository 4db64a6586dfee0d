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
    PostView,
    SearchResult,
)

__all__ = [
    "FACETS",
    "ArchiveIndex",
    "DatePrecision",
    "Facet",
    "FacetValue",
    "FileOutcome",
    "Hit",
    "IndexReport",
    "IndexStats",
    "Passage",
    "PassageView",
    "Post",
    "PostView",
    "SearchRequest",
    "SearchResult",
    "Section",
    "build_request",
    "errors",
    "index_archive",
]
