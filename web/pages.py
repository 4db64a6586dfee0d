"""HTML pages: the search page, the "all values" page of a facet, and the post page.

Each endpoint validates, asks the library (off the event loop) and turns the
result into plain template data; the JSON twin of each page is in ``api.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from indexer import (
    DATE_RANGE,
    FACETS,
    MATCHED_IN,
    PostView,
    SearchRequest,
    SearchResult,
    build_request,
)
from indexer.errors import NotFound, QueryError
from web import urls
from web.chart import month_chart, year_chart
from web.results_view import count_sentence, group_hits, paging
from web.searching import SearchService, request_from
from web.sidebar import chips, date_facet, facet_groups, facet_links

# "" is the library's default order: best match with a query, oldest first without one;
# keeping it unset means a new query in the same form is ranked by relevance again.
SORT_CHOICES = (("newest", "Newest first"), ("oldest", "Oldest first"))
# Parameters the search box's form carries along as hidden fields: the filters.
_FORM_CARRIED = (*urls.FILTER_KEYS, "group")
PER_PAGE_CHOICES = ("10", "20", "50", "100")
# The page shows a page of posts, each with its best passages; ?group=passage lists
# passages one by one (the JSON API's default).
PAGE_GROUP = "post"
# Form fields an error can be shown beside; any other parameter's error is shown under
# the search box with a link that drops that parameter.
_FIELDS_IN_FORM = ("q", "sort", "per_page", *DATE_RANGE.parameters)


def service_of(request: Request) -> SearchService:
    service: SearchService = request.app.state.service
    return service


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, context, status_code=status_code
    )


def page_params(request: Request) -> urls.Params:
    return urls.clean(request.query_params.multi_items())


def _form_context(params: urls.Params, query: str, sort: str | None) -> dict[str, Any]:
    """The search form as the user left it: query, sort, per-page choice, carried filters."""
    per_page = dict(params).get("per_page", "")
    return {
        "query": query,
        "sort_choices": (
            ("", "Best match" if query.strip() else "Default (oldest first)"),
            *SORT_CHOICES,
        ),
        "sort_selected": "" if sort in (None, "", "relevance") else sort,
        "per_page_choices": PER_PAGE_CHOICES,
        "per_page_selected": per_page if per_page in PER_PAGE_CHOICES else "10",
        "form_hidden": [(key, value) for key, value in params if key in _FORM_CARRIED],
    }


def search_context(result: SearchResult, params: urls.Params) -> dict[str, Any]:
    query = result.request.query
    suggestion_url = (
        urls.url("/", urls.replace(params, "q", result.suggestion)) if result.suggestion else None
    )
    feed_params = urls.without(params, "page", "sort", "per_page", "group")
    export_params = urls.without(params, "page", "per_page", "group")
    dates = date_facet(result, params)
    return {
        **_form_context(params, query, result.request.sort),
        "result": result,
        "groups": group_hits(result, params),
        "facet_groups": facet_groups(result, params),
        "date_facet": dates,
        "year_chart": year_chart(dates.years),
        "month_chart": month_chart(dates.selected_year, dates.months)
        if dates.selected_year
        else None,
        "chips": chips(result.request, params),
        "clear_url": urls.url("/", urls.clear_filters(params)),
        "count_sentence": count_sentence(result),
        "paging": paging(result, params),
        "suggestion_url": suggestion_url,
        "json_url": urls.url("/api/search", params),
        "atom_url": urls.url("/search.atom", feed_params),
        "csv_url": urls.url("/api/search.csv", export_params),
        "jsonl_url": urls.url("/api/search.jsonl", export_params),
        "error": None,
    }


def error_context(params: urls.Params, error: QueryError) -> dict[str, Any]:
    """The search page for a search that could not run: the form keeps everything the
    user asked for, and the error sits beside the field that caused it."""
    values = dict(params)
    field = getattr(error, "field", None) or "q"
    remove_url = None
    if field not in _FIELDS_IN_FORM:
        remove_url = urls.url("/", urls.without(params, field, "page"))
    return {
        **_form_context(params, values.get("q", ""), values.get("sort")),
        "result": None,
        "error": {
            "field": field,
            "message": error.message,
            "code": error.kind,
            "remove_url": remove_url,
        },
        **{bound.keyword: values.get(bound.parameter, "") for bound in DATE_RANGE.bounds},
        "date_hidden": urls.without(params, *DATE_RANGE.parameters, "page"),
        "json_url": urls.url("/api/search", params),
        "atom_url": urls.url("/search.atom", urls.without(params, "page", "sort", "per_page")),
    }


@dataclass(frozen=True)
class Widening:
    """A filter of an empty search, and what removing it alone would find."""

    label: str
    url: str
    total: int


def widening_requests(params: urls.Params, result: SearchResult) -> list[SearchRequest]:
    """For a search that found nothing, a small search without each active filter."""
    if result.total:
        return []
    return [
        request_from(QueryParams(chip.url.partition("?")[2]), page=1, per_page=1, facet_size=1)
        for chip in chips(result.request, params)
    ]


def widenings(
    result: SearchResult, params: urls.Params, wider: list[SearchResult]
) -> list[Widening]:
    """Each active filter of an empty search with the count its removal gives."""
    if result.total:
        return []
    found = [
        Widening(chip.label, chip.url, each.total)
        for chip, each in zip(chips(result.request, params), wider, strict=True)
    ]
    return sorted(found, key=lambda widening: -widening.total)


async def search_page(request: Request) -> Response:
    params = page_params(request)
    try:
        search_request = request_from(
            request.query_params, group=request.query_params.get("group") or PAGE_GROUP
        )
        # The widening searches of an empty result run in the search's own trip to the
        # search threads: a trip each waited its turn behind every other request's
        # searches again (the loadtest's slowest pages).
        result, wider = await service_of(request).search_then(
            search_request, partial(widening_requests, params)
        )
    except QueryError as error:
        return render(request, "search.html", error_context(params, error), status_code=400)
    context = search_context(result, params)
    context["widenings"] = widenings(result, params, wider)
    return render(request, "search.html", context)


async def facet_page(request: Request) -> Response:
    """Every value of one facet (the sidebar's "more" link), each toggling it on the search."""
    name = request.path_params["name"]
    facet = FACETS.get(name)
    if facet is None or not facet.in_sidebar:
        raise NotFound(f"there is no facet called {name[:40]!r}")
    params = page_params(request)
    search_request = request_from(request.query_params, page=1, per_page=1, facet_size=0)
    result = await service_of(request).search(search_request)
    links = facet_links(name, result.facets.get(name, []), result.request.selected(name), params)
    return render(
        request,
        "facet.html",
        {
            "name": name,
            "title": facet.title,
            "links": links,
            "query": result.request.query,
            "back_url": urls.url("/", urls.without(params, "page")),
            "json_url": urls.url("/api/search", [*params, ("facet_size", "0")]),
        },
    )


async def post_page(request: Request) -> Response:
    post_id = request.path_params["post_id"]
    query = request.query_params.get("q", "")
    build_request(query)  # the same length check as searching (QueryTooLong -> 400)
    post = await service_of(request).post(post_id, query)
    passages = post.passages
    state = urls.search_state(page_params(request))
    return render(
        request,
        "post.html",
        {
            "post": post,
            "query": query,
            "body": [passage for passage in passages if passage.section in ("post", "quote")],
            "comments": [passage for passage in passages if passage.section == "comment"],
            "pingbacks": [passage for passage in passages if passage.section == "pingback"],
            "steps": match_steps(post),
            "first_match_url": urls.post_link(
                post.post_id, anchor=post.first_match or "", state=state
            ),
            "plain_url": urls.post_link(post.post_id, state=urls.without(state, "q")),
            "back_url": urls.url("/", state),
            "json_url": "/api" + urls.post_link(post.post_id, query),
            "replay_url": replay_link(
                request.app.state.replay_url, post.captured, post.capture_url
            ),
            "site_url": urls.url("/", [("site", post.site)]),
            "matched_in": MATCHED_IN,
        },
    )


def replay_link(base: str | None, captured: str | None, capture_url: str) -> str | None:
    """The capture in a pywb or Wayback replay tool: ``BASE/YYYYMMDDhhmmss/URL``."""
    if not base or not captured or not capture_url:
        return None
    stamp = "".join(character for character in captured if character.isdigit())[:14]
    return f"{base.rstrip('/')}/{stamp}/{capture_url}"


@dataclass(frozen=True)
class MatchStep:
    """Where a matching passage stands among the post's matches, for "previous / next"."""

    number: int
    count: int
    previous: str | None  # anchor
    next: str | None


def match_steps(post: PostView) -> dict[str, MatchStep]:
    """For each matching passage (by anchor), its number and its neighbours, in page order."""
    # The page shows the body (post and quotes) first, then comments, then pingbacks.
    body_first = sorted(
        (passage for passage in post.passages if passage.matched),
        key=lambda passage: {"comment": 1, "pingback": 2}.get(passage.section, 0),
    )
    anchors = [passage.anchor for passage in body_first]
    return {
        anchor: MatchStep(
            number=position + 1,
            count=len(anchors),
            previous=anchors[position - 1] if position else None,
            next=anchors[position + 1] if position + 1 < len(anchors) else None,
        )
        for position, anchor in enumerate(anchors)
    }
