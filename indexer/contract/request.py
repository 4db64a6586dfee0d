"""What a search is asked: ``SearchRequest`` and the limits on it.

Build one from raw input with ``indexer.contract.params.build_request``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indexer.contract.facets import DATE_RANGE, FACETS

SORTS = ("relevance", "newest", "oldest")
# "passage": a page of passages; "post": a page of posts, each with its best passages.
GROUPS = ("passage", "post")
PASSAGES_PER_POST = 3
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 1000
DEFAULT_FACET_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    """A validated search. Build it with ``contract.params.build_request`` from raw input."""

    query: str = ""
    # Selected values per facet name (``indexer.contract.facets.FACETS``): OR within, AND across.
    selections: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    sort: str | None = None  # None: relevance with a query, oldest without
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    facet_size: int = DEFAULT_FACET_SIZE  # 0: every value
    group: str = "passage"  # one of GROUPS

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        return "relevance" if self.query.strip() else "oldest"

    def selected(self, name: str) -> tuple[str, ...]:
        return self.selections.get(name, ())

    @property
    def year(self) -> int | None:
        return next((int(value) for value in self.selected("year")), None)

    @property
    def month(self) -> str | None:
        return next(iter(self.selected("month")), None)

    def filters_json(self) -> dict[str, Any]:
        filters = {name: facet.to_json(self.selected(name)) for name, facet in FACETS.items()}
        for bound in DATE_RANGE.bounds:
            value = getattr(self, bound.keyword)
            filters[bound.parameter] = value.isoformat() if value else None
        return filters
