"""``/openapi.json``: the OpenAPI 3.1 description of the JSON API and the pages.

The response schemas are generated from the library's result types (``web/schemas.py``).
The parameters come from the facet registry plus a few written here, since Starlette
has no parameter metadata. The description is the contract the schemathesis run in
``tests/reliability/test_openapi_fuzz.py`` holds the live server to.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from indexer import (
    DATE_RANGE,
    FACETS,
    GROUPS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
)
from web.responses import JSONResponse
from web.schemas import ERROR, HEALTH, POST, SEARCH_RESULT


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def _repeatable(name: str, description: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        **_query(
            name,
            f"{description} Repeatable: OR within the facet.",
            {"type": "array", "maxItems": MAX_FILTER_VALUES, "items": item},
        ),
        "style": "form",
        "explode": True,
    }


QUERY = _query(
    "q",
    'The query: words (AND), OR, NOT / -word, "phrases", title:, author:, section:, '
    "word* (3+ letters), word~ / word~2.",
    {"type": "string", "maxLength": MAX_QUERY_LENGTH},
)
SEARCH_PARAMETERS = [
    QUERY,
    *(
        (_query if facet.single_selection else _repeatable)(
            facet.parameter, facet.help, facet.value_schema()
        )
        for facet in FACETS.values()
    ),
    *(_query(bound.parameter, bound.help, {"type": "string"}) for bound in DATE_RANGE.bounds),
    _query(
        "sort",
        "Default: relevance with a query, oldest without.",
        {"type": "string", "enum": list(SORTS)},
    ),
    _query("page", "Result page.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
    _query(
        "per_page", "Hits per page.", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}
    ),
    _query(
        "group",
        "passage (default of the API): a page of passages; post (default of the page): a page "
        "of posts, each with its best 3 passages in `groups`.",
        {"type": "string", "enum": list(GROUPS)},
    ),
]
FACET_SIZE = _query(
    "facet_size",
    "Values listed per facet whose list is cut ("
    + ", ".join(facet.name for facet in FACETS.values() if facet.limited)
    + "); 0 lists them all.",
    {"type": "integer", "minimum": 0, "maximum": 10000},
)
POST_ID = {
    "name": "post_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "A post id, as in a hit's post_id.",
}


def _errors(media_type: str, *statuses: int) -> dict[str, Any]:
    """Error responses: the JSON error shape on JSON routes, else a page or plain text."""
    reasons = {
        400: "A parameter or the query is invalid (the message says which and why).",
        404: "No such post.",
        413: "Request bodies are not accepted.",
        414: "The address is too long.",
        431: "The request headers are too large.",
        503: "No usable index (missing or damaged: the message says what to run), or the "
        "search ran over its time budget.",
    }
    content = (
        {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        if media_type == "application/json"
        else {media_type: {"schema": {"type": "string"}}}
    )
    return {
        str(status): {"description": reasons[status], "content": content} for status in statuses
    }


def _ok(media_type: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"200": {"description": description, "content": {media_type: {"schema": schema}}}}


def _operation(
    summary: str, parameters: list[dict[str, Any]], responses: dict[str, Any], operation_id: str
) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": parameters,
            "responses": responses,
        }
    }


HTML = "text/html"
JSON = "application/json"
DESCRIPTION: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "archive-search",
        "version": "1",
        "description": "Full-text search of a blog archive: posts, quotes, comments and "
        "pingbacks. Every error on a JSON route has the shape "
        '{"error": {"code": ..., "message": ...}}.',
    },
    "paths": {
        "/api/search": _operation(
            "Search passages (the search page's data)",
            [*SEARCH_PARAMETERS, FACET_SIZE],
            {
                **_ok(JSON, {"$ref": "#/components/schemas/SearchResult"}, "Results and facets."),
                **_errors(JSON, 400, 413, 414, 431, 503),
            },
            "api_search",
        ),
        "/api/search.csv": _operation(
            "Every matching passage as CSV, streamed (X-Total-Count: the rows)",
            SEARCH_PARAMETERS,
            {
                **_ok("text/csv", {"type": "string"}, "A header row, then one row a passage."),
                **_errors(JSON, 400, 413, 414, 431, 503),
            },
            "api_export_csv",
        ),
        "/api/search.jsonl": _operation(
            "Every matching passage as JSON Lines, streamed (X-Total-Count: the lines)",
            SEARCH_PARAMETERS,
            {
                **_ok("application/x-ndjson", {"type": "string"}, "One object a passage."),
                **_errors(JSON, 400, 413, 414, 431, 503),
            },
            "api_export_jsonl",
        ),
        "/api/post/{post_id}": _operation(
            "One post with all its passages (q marks matches)",
            [POST_ID, QUERY],
            {
                **_ok(JSON, {"$ref": "#/components/schemas/Post"}, "The post."),
                **_errors(JSON, 400, 404, 413, 414, 431, 503),
            },
            "api_post",
        ),
        "/healthz": _operation(
            "Index statistics; 503 with the error shape when the index is missing or damaged",
            [],
            {
                **_ok(JSON, {"$ref": "#/components/schemas/Health"}, "Serving."),
                **_errors(JSON, 413, 431, 503),
            },
            "healthz",
        ),
        "/": _operation(
            "The search page",
            SEARCH_PARAMETERS,
            {
                **_ok(HTML, {"type": "string"}, "The page."),
                **_errors(HTML, 400, 413, 414, 431, 503),
            },
            "search_page",
        ),
        "/post/{post_id}": _operation(
            "The post page",
            [POST_ID, QUERY],
            {
                **_ok(HTML, {"type": "string"}, "The page."),
                **_errors(HTML, 400, 404, 413, 414, 431, 503),
            },
            "post_page",
        ),
        "/search.atom": _operation(
            "An Atom feed of a search, newest first",
            SEARCH_PARAMETERS,
            {
                **_ok("application/atom+xml", {"type": "string"}, "The feed."),
                **_errors("text/plain", 400, 413, 414, 431, 503),  # feed readers show text
            },
            "search_feed",
        ),
    },
    "components": {
        "schemas": {
            "Error": ERROR,
            "SearchResult": SEARCH_RESULT,
            "Post": POST,
            "Health": HEALTH,
        },
    },
}


async def openapi_description(request: Request) -> Response:
    return JSONResponse(DESCRIPTION)
