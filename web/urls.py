"""Pure helpers that build the search page's links from its query parameters.

Parameters travel as an ordered list of ``(key, value)`` pairs so repeated keys
(``author=a&author=b``) survive. Every helper returns a new list; nothing here
knows about requests or templates, so the toggle logic is tested on its own.

Changing what is searched (a filter, the query or the sort) always drops
``page``: page 4 of the old result set means nothing in the new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, quote_plus

from indexer import DATE_RANGE, FACETS

Params = list[tuple[str, str]]

FILTER_KEYS = (*(facet.parameter for facet in FACETS.values()), *DATE_RANGE.parameters)
# Kept by "clear all": what is searched and how it is shown, not how it is narrowed.
KEPT_ON_CLEAR = ("q", "sort", "per_page", "group")
# Everything that makes a result page what it is: a post link carries these so the
# post page can lead back to exactly that page.
SEARCH_KEYS = ("q", *FILTER_KEYS, "sort", "page", "per_page", "group")


def clean(pairs: Iterable[tuple[str, str]]) -> Params:
    """Drop empty values (an unfilled form field sends ``from=``) and repeated pairs."""
    seen: set[tuple[str, str]] = set()
    result: Params = []
    for key, value in pairs:
        if value.strip() and (key, value) not in seen:
            seen.add((key, value))
            result.append((key, value))
    return result


def url(path: str, params: Params) -> str:
    """``urlencode``'s query string; a result page links ~75 variants of the same few
    pairs (each facet value toggled), so each pair is quoted once (66% of the page's
    link building was quoting them again)."""
    return f"{path}?{'&'.join(_pair(key, value) for key, value in params)}" if params else path


@lru_cache(maxsize=4096)
def _pair(key: str, value: str) -> str:
    return f"{quote_plus(key)}={quote_plus(value)}"


def without(params: Params, *keys: str) -> Params:
    return [(key, value) for key, value in params if key not in keys]


def same_value(key: str, one: str, other: str) -> bool:
    """Whether two values of parameter ``key`` select the same thing: a facet compares
    them as its filter does (``Daniel Leidert`` and ``daniel leidert``)."""
    facet = FACETS.get(key)
    return one == other or (facet is not None and facet.key(one) == facet.key(other))


def toggle(params: Params, key: str, value: str) -> Params:
    """Select ``value`` for a multi-valued filter, or unselect it when selected (as typed
    or as the facet lists it)."""
    remaining = without(params, "page")
    kept = [pair for pair in remaining if not (pair[0] == key and same_value(key, pair[1], value))]
    return kept if len(kept) < len(remaining) else [*remaining, (key, value)]


def narrowed(params: Params, key: str, value: str) -> Params:
    """The same search with ``value`` selected for ``key`` (kept when it already is)."""
    remaining = without(params, "page")
    if any(pair[0] == key and same_value(key, pair[1], value) for pair in remaining):
        return remaining
    return [*remaining, (key, value)]


def replace(params: Params, key: str, value: str | None) -> Params:
    """Set a single-valued parameter (``None`` removes it); resets paging."""
    remaining = without(params, key, "page")
    return remaining if value is None else [*remaining, (key, value)]


def toggle_year(params: Params, year: str) -> Params:
    """A year link selects that year, or clears it; either way a month filter goes too."""
    selected = ("year", year) in params
    return replace(without(params, "month"), "year", None if selected else year)


def toggle_month(params: Params, month: str) -> Params:
    """A month link selects that month inside its year, or clears it."""
    selected = ("month", month) in params
    return replace(params, "month", None if selected else month)


def clear_filters(params: Params) -> Params:
    return [(key, value) for key, value in params if key in KEPT_ON_CLEAR]


def with_page(params: Params, page: int) -> Params:
    """Go to a page of the same search; page 1 is the URL without ``page``."""
    remaining = without(params, "page")
    return remaining if page <= 1 else [*remaining, ("page", str(page))]


def search_state(params: Params) -> Params:
    """The parameters of ``params`` that describe a result page (see ``SEARCH_KEYS``)."""
    return [(key, value) for key, value in params if key in SEARCH_KEYS]


def post_link(post_id: str, query: str = "", anchor: str = "", state: Params | None = None) -> str:
    """Link to a passage of a post, carrying the query so the post page highlights it,
    and (``state``) the result page it came from, so "back to the results" returns there."""
    link = f"/post/{quote(post_id, safe='')}"
    carried = search_state(state) if state is not None else ([("q", query)] if query else [])
    carried = [(key, value) for key, value in carried if value.strip()]
    link = url(link, carried)
    if anchor:
        link += "#" + quote(anchor, safe="")
    return link
