"""HTML pages: the search page, the "all values" page of a facet, and the post page.

Each endpoint validates, asks the library (off the event loop) and turns the
result into plain template data; the JSON twin of each page is in ``api.py``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from indexer import FACETS, build_request
from indexer.errors import NotFound
from indexer.results import SearchResult

from . import urls
from .results_view import count_sentence, group_hits, paging
from .searching import SearchService, request_from
from .sidebar import chips, date_facet, facet_groups, facet_links

# "" is the library's default order: best match with a query, oldest first without one;
# keeping it unset means a new query in the same form is ranked by relevance again.
SORT_CHOICES = (("newest", "Newest first"), ("oldest", "Oldest first"))
# Parameters the search box's form carries along as hidden fields: the filters.
_FORM_CARRIED = (*urls.FILTER_KEYS, "per_page")


def service_of(request: Request) -> SearchService:
    service: SearchService = request.app.state.service
    return service


def render(request: Request, template: str, context: dict[str, Any]) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)  # type: ignore[no-any-return]


def page_params(request: Request) -> urls.Params:
    return urls.clean(request.query_params.multi_items())


def search_context(result: SearchResult, params: urls.Params) -> dict[str, Any]:
    query = result.request.query
    suggestion_url = (
        urls.url("/", urls.replace(params, "q", result.suggestion)) if result.suggestion else None
    )
    feed_params = urls.without(params, "page", "sort", "per_page")
    return {
        "query": query,
        "result": result,
        "groups": group_hits(result),
        "facet_groups": facet_groups(result, params),
        "date_facet": date_facet(result, params),
        "chips": chips(result.request, params),
        "clear_url": urls.url("/", urls.clear_filters(params)),
        "count_sentence": count_sentence(result),
        "paging": paging(result, params),
        "suggestion_url": suggestion_url,
        "sort_choices": (("", "Best match" if query.strip() else "Default order"), *SORT_CHOICES),
        "sort_selected": "" if result.request.sort in (None, "relevance") else result.request.sort,
        "form_hidden": [(key, value) for key, value in params if key in _FORM_CARRIED],
        "json_url": urls.url("/api/search", params),
        "atom_url": urls.url("/search.atom", feed_params),
    }


async def search_page(request: Request) -> Response:
    search_request = request_from(request.query_params)
    result = await service_of(request).search(search_request)
    return render(request, "search.html", search_context(result, page_params(request)))


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
    return render(
        request,
        "post.html",
        {
            "post": post,
            "query": query,
            "body": [passage for passage in passages if passage.section in ("post", "quote")],
            "comments": [passage for passage in passages if passage.section == "comment"],
            "pingbacks": [passage for passage in passages if passage.section == "pingback"],
            "first_match_url": urls.post_link(post.post_id, query, post.first_match or ""),
            "plain_url": urls.post_link(post.post_id),
            "back_url": urls.url("/", [("q", query)]) if query.strip() else "/",
            "json_url": "/api" + urls.post_link(post.post_id, query),
        },
    )
