"""What a search answers (``SearchResult``, ``Hit``) and the post and index views.

The CLI's ``query --json`` and the web API write ``SearchResult.to_json()``; the
HTML pages and the CLI's text read the same objects: one contract, the JSON keys
declared once, here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, ClassVar, NamedTuple

from indexer.contract.request import SearchRequest


def json_keys(shape: Any) -> tuple[str, ...]:
    """The keys a result type writes: its ``JSON_KEYS`` (fields and typed properties, in
    order) or else all its fields. ``web/openapi.py`` describes the same keys from their
    type hints, so the contract is written once."""
    return _layout(shape if isinstance(shape, type) else type(shape)).keys


class _Layout(NamedTuple):
    keys: tuple[str, ...]
    omitted: frozenset[str]  # left out rather than null
    read: Callable[[Any], Any]  # the keys' values, as a tuple
    plain: bool  # every value a str, number, bool or None: written as it is
    # Plain, and its keys are its fields in order: what an encoder that writes a dataclass
    # as an object of its fields (orjson) writes for it is this very JSON.
    native: bool


_PLAIN_TYPES = frozenset(
    {"str", "int", "float", "bool", "str | None", "int | None", "float | None"}
)
_LAYOUTS: dict[type, _Layout] = {}


def _layout(shape: type) -> _Layout:
    """A result type's layout, worked out once: a search result's JSON writes ~250
    facet values, and per-key lookups were most of its cost (~0.5 ms a result)."""
    known = _LAYOUTS.get(shape)
    if known is None:
        keys: tuple[str, ...] = getattr(shape, "JSON_KEYS", None) or tuple(
            item.name for item in fields(shape)
        )
        omitted: frozenset[str] = getattr(shape, "JSON_OMITTED_IF_NONE", frozenset())
        types = {item.name: str(item.type) for item in fields(shape)}
        plain = not omitted and all(types.get(key) in _PLAIN_TYPES for key in keys)
        native = plain and keys == tuple(types)
        getter = attrgetter(*keys)
        read = getter if len(keys) > 1 else (lambda shape: (getter(shape),))
        known = _LAYOUTS.setdefault(shape, _Layout(keys, omitted, read, plain, native))
    return known


def _json_value(value: Any, native: bool) -> Any:
    if hasattr(value, "to_json"):
        layout = _LAYOUTS.get(type(value))
        return value if native and layout and layout.native else value.to_json()
    if isinstance(value, list):
        kinds = set(map(type, value))
        if len(kinds) == 1 and (layout := _LAYOUTS.get(kinds.pop())) and layout.plain:
            if native and layout.native:
                return value
            # A run of one plain type (a facet's values): no call per item.
            return [dict(zip(layout.keys, layout.read(item), strict=True)) for item in value]
        return [_json_value(item, native) for item in value]
    if isinstance(value, dict):
        return {key: _json_value(item, native) for key, item in value.items()}
    return value


def fields_json(shape: Any, native: bool = False) -> dict[str, Any]:
    """A result as JSON: the value of each of its ``json_keys``, nested results as JSON;
    a key in ``JSON_OMITTED_IF_NONE`` is left out rather than null. ``native``: nested
    results whose JSON is their fields in order (``_Layout.native``: facet values, hits)
    are left as they are, for an encoder that writes dataclasses so (orjson: a search
    result's ~250 facet values cost ~0.2 ms as dicts)."""
    layout = _layout(type(shape))
    values = layout.read(shape)
    if layout.plain:
        return dict(zip(layout.keys, values, strict=True))
    return {
        key: _json_value(value, native)
        for key, value in zip(layout.keys, values, strict=True)
        if not (value is None and key in layout.omitted)
    }


@dataclass(frozen=True)
class FacetValue:
    value: str  # what the filter takes (a language's code)
    count: int
    selected: bool = False
    label: str = ""  # how people are shown it (a language's name)

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


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
    site: str = ""  # the blog the post belongs to: a host, or a folder's name
    language: str = ""  # the passage's language code ("und": unknown)
    post_title_html: str = ""  # the post's title escaped, the query's words in <mark>
    matched_in: str = ""  # a passage found with nothing of its text marked: "title", "author"
    utc_offset: str | None = None  # "+02:00" where the source states it: ``date`` is as shown

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


# What ``matched_in`` says to people: why a passage with nothing marked was found.
MATCHED_IN = {"title": "matched in the title", "author": "matched the author"}


@dataclass(frozen=True)
class PostHits:
    """One post of a page grouped by post: its best passages and how many match in all."""

    JSON_KEYS: ClassVar = ("post_id", "post_title", "post_date", "url", "matches", "more", "hits")

    post_id: str
    hits: list[Hit]  # the best PASSAGES_PER_POST, in the search's order
    matches: int  # matching passages of this post over the whole match set

    @property
    def post_title(self) -> str:
        return self.hits[0].post_title

    @property
    def post_date(self) -> str | None:
        return self.hits[0].post_date

    @property
    def url(self) -> str:
        return f"/post/{self.post_id}"

    @property
    def more(self) -> int:
        return self.matches - len(self.hits)

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


@dataclass
class SearchResult:
    # The request's echo first, then the answer; groups only with group="post".
    JSON_KEYS: ClassVar = (
        "query",
        "filters",
        "sort",
        "group",
        "page",
        "per_page",
        "pages",
        "total",
        "total_posts",
        "hits",
        "groups",
        "facets",
        "facets_truncated",
        "suggestion",
        "warnings",
        "post_matches",
        "parsed_query",
        "elapsed_ms",
    )
    JSON_OMITTED_IF_NONE: ClassVar = frozenset({"groups"})

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
    # The order used, when not the request's: a query of only exclusions has nothing to
    # rank by and is listed oldest first, as a search without a query.
    sorted_by: str = ""

    @property
    def query(self) -> str:
        return self.request.query

    @property
    def filters(self) -> dict[str, Any]:
        return self.request.filters_json()

    @property
    def sort(self) -> str:
        return self.sorted_by or self.request.effective_sort

    @property
    def group(self) -> str:
        return self.request.group

    @property
    def page(self) -> int:
        return self.request.page

    @property
    def per_page(self) -> int:
        return self.request.per_page

    @property
    def pages(self) -> int:
        per_page = self.request.per_page
        paged = self.total_posts if self.request.group == "post" else self.total
        return max(1, (paged + per_page - 1) // per_page)

    def to_json(self, native: bool = False) -> dict[str, Any]:
        return fields_json(self, native)


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
    language: str = ""
    matched_in: str = ""  # matched with nothing of its text marked: "title", "author"
    utc_offset: str | None = None  # "+02:00" where the source states it: ``date`` is as shown

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
    site: str = ""
    title_html: str = ""  # the title escaped, the query's words in <mark>
    utc_offset: str | None = None  # of ``date``, where the source states it

    def to_json(self, native: bool = False) -> dict[str, Any]:
        return fields_json(self, native)


@dataclass(frozen=True)
class IndexStats:
    JSON_KEYS: ClassVar = ("passages", "posts", "last_commit", "generation")  # not index_dir:
    # a server must not disclose its file-system layout

    passages: int
    posts: int
    last_commit: str | None  # ISO time of the last commit
    generation: int
    index_dir: str

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)
