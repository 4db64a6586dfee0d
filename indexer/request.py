"""What a search is asked: ``SearchRequest`` and the limits on it.

Build one from raw input with ``indexer.params.build_request``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import Section

SORTS = ("relevance", "newest", "oldest")
FACET_NAMES = ("author", "section", "year", "month", "category", "tag")
# Facets that a request can filter on by selecting values (OR within, AND across).
SELECTABLE_FACETS = ("author", "section", "category", "tag")
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 1000
DEFAULT_FACET_SIZE = 20


@dataclass(frozen=True)
class SearchRequest:
    """A validated search. Build it with ``indexer.params.build_request`` from raw input."""

    query: str = ""
    authors: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    year: int | None = None
    month: str | None = None  # "YYYY-MM"
    date_from: date | None = None  # inclusive
    date_to: date | None = None  # inclusive
    sort: str | None = None  # None: relevance with a query, oldest without
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    facet_size: int = DEFAULT_FACET_SIZE  # 0: every value

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        return "relevance" if self.query.strip() else "oldest"

    def selections(self) -> dict[str, tuple[str, ...]]:
        """Selected values per selectable facet."""
        return {
            "author": self.authors,
            "section": tuple(str(section) for section in self.sections),
            "category": self.categories,
            "tag": self.tags,
        }

    def filters_json(self) -> dict[str, Any]:
        return {
            "author": list(self.authors),
            "section": [str(section) for section in self.sections],
            "category": list(self.categories),
            "tag": list(self.tags),
            "year": self.year,
            "month": self.month,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
