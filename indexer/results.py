"""What a search answers (``SearchResult``, ``Hit``) and the post and index views.

The CLI's ``query --json``, the web API and the HTML pages all render
``SearchResult.to_json()``: one contract, one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .request import SearchRequest


def fields_json(shape: Any) -> dict[str, Any]:
    """A flat result type as JSON: its fields, in order (``web/openapi.py`` describes the
    same fields from the type, so the contract is written once)."""
    return {item.name: getattr(shape, item.name) for item in fields(shape)}


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "count": self.count, "selected": self.selected}


@dataclass(frozen=True)
class Hit:
    """One matching passage, ready to show."""

    id: str
    post_id: str
    post_title: str
    post_date: str | None
    post_url: str
    section: str
    author: str
    date: str | None  # ISO, naive
    date_precision: str
    anchor: str
    url: str  # permalink in the web app: /post/<post_id>#<anchor>
    snippet: str  # HTML: matches in <mark>, everything else escaped
    score: float | None
    title: str = ""
    parent: str = ""
    source: str = ""
    position: int = 0

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


@dataclass(frozen=True)
class PostHits:
    """One post of a page grouped by post: its best passages and how many match in all."""

    post_id: str
    hits: list[Hit]  # the best PASSAGES_PER_POST, in the search's order
    matches: int  # matching passages of this post over the whole match set

    @property
    def more(self) -> int:
        return self.matches - len(self.hits)

    def to_json(self) -> dict[str, Any]:
        first = self.hits[0]
        return {
            "post_id": self.post_id,
            "post_title": first.post_title,
            "post_date": first.post_date,
            "url": f"/post/{self.post_id}",
            "matches": self.matches,
            "more": self.more,
            "hits": [hit.to_json() for hit in self.hits],
        }


@dataclass
class SearchResult:
    request: SearchRequest
    parsed_query: str  # Whoosh's repr of what was searched (for --explain)
    total: int  # matching passages
    total_posts: int  # distinct posts among them
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    facets_truncated: dict[str, bool]
    suggestion: str | None = None
    warnings: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    # For each post on this page: matching passages per section over the whole match set.
    post_matches: dict[str, dict[str, int]] = field(default_factory=dict)
    groups: list[PostHits] | None = None  # with group="post": the page's posts, in order

    @property
    def sort(self) -> str:
        return self.request.effective_sort

    @property
    def page_count(self) -> int:
        per_page = self.request.per_page
        paged = self.total_posts if self.request.group == "post" else self.total
        return max(1, (paged + per_page - 1) // per_page)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.request.query,
            "filters": self.request.filters_json(),
            "sort": self.sort,
            "group": self.request.group,
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pages": self.page_count,
            "total": self.total,
            "total_posts": self.total_posts,
            "hits": [hit.to_json() for hit in self.hits],
            **({} if self.groups is None else {"groups": [post.to_json() for post in self.groups]}),
            "facets": {
                name: [value.to_json() for value in values] for name, values in self.facets.items()
            },
            "facets_truncated": dict(self.facets_truncated),
            "suggestion": self.suggestion,
            "warnings": list(self.warnings),
            "post_matches": {post: dict(counts) for post, counts in self.post_matches.items()},
            "parsed_query": self.parsed_query,
            "elapsed_ms": round(self.elapsed_ms, 2),
        }


@dataclass(frozen=True)
class PassageView:
    """One passage of a post page; ``html`` is escaped text, query terms in <mark>."""

    id: str
    anchor: str
    section: str
    author: str
    date: str | None
    date_precision: str
    title: str
    parent: str
    position: int
    html: str
    matched: bool  # the page's query matches this passage
    captured: str | None = None  # web archives: when the crawler saw it (UTC)
    url: str = ""  # its own link, when the archive has it: a pingback's linking post

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


@dataclass(frozen=True)
class PostView:
    """A whole archived post as stored in the index, for the post page."""

    post_id: str
    title: str
    url: str
    date: str | None
    date_precision: str
    author: str
    source: str
    categories: list[str]
    tags: list[str]
    passages: list[PassageView]
    query: str = ""
    first_match: str | None = None  # anchor of the first passage the query matches
    # Web archives: the capture the post was taken from (UTC time, captured URL).
    captured: str | None = None
    capture_url: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "post_id": self.post_id,
            "title": self.title,
            "url": self.url,
            "date": self.date,
            "date_precision": self.date_precision,
            "author": self.author,
            "source": self.source,
            "categories": self.categories,
            "tags": self.tags,
            "query": self.query,
            "first_match": self.first_match,
            "captured": self.captured,
            "capture_url": self.capture_url,
            "passages": [passage.to_json() for passage in self.passages],
        }


@dataclass(frozen=True)
class IndexStats:
    passages: int
    posts: int
    last_commit: str | None  # ISO time of the last commit
    generation: int
    index_dir: str

    def to_json(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "posts": self.posts,
            "last_commit": self.last_commit,
            "generation": self.generation,
        }  # index_dir stays out: a server must not disclose its file-system layout
