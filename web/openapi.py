"""``/openapi.json``: a hand-written OpenAPI 3.1 description of the JSON API and the pages.

Hand-written rather than generated: Starlette has no parameter metadata, and the
description doubles as the contract the schemathesis run in
``tests/reliability/test_openapi_fuzz.py`` holds the live server to. The search
parameters are listed once and shared by the search page, the API and the feed.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from indexer import (
    FACETS,
    GROUPS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
    Hit,
    PassageView,
    Section,
)

_NULLABLE_STRING = {"type": ["string", "null"]}


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
    _query("from", "From this date (YYYY, YYYY-MM or YYYY-MM-DD).", {"type": "string"}),
    _query("to", "Up to this date, inclusive.", {"type": "string"}),
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

ERROR = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "additionalProperties": False,
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "count", "selected"],
    "properties": {
        "value": {"type": "string"},
        "count": {"type": "integer", "minimum": 0},
        "selected": {"type": "boolean"},
    },
}
_JSON_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}


def object_schema(shape: type, **details: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a flat result type, from its fields (what ``to_json`` writes);
    ``details`` add to a field's schema (an enum, a pattern, a description)."""
    properties: dict[str, Any] = {}
    for item in dataclasses.fields(shape):
        kinds = ["null" if part == "None" else _JSON_TYPES[part]
                 for part in (part.strip() for part in str(item.type).split("|"))]  # fmt: skip
        properties[item.name] = {"type": kinds[0] if len(kinds) == 1 else kinds}
        properties[item.name].update(details.get(item.name, {}))
    return {"type": "object", "required": list(properties), "properties": properties}


HIT = object_schema(
    Hit,
    section={"enum": [str(section) for section in Section]},
    url={"pattern": "^/post/"},
    snippet={"description": "HTML: escaped text, matches in <mark>."},
)
PASSAGE = object_schema(
    PassageView,
    section={"enum": [str(section) for section in Section]},
    html={"description": "HTML: escaped text, the query's words in <mark>."},
)
SEARCH_RESULT = {
    "type": "object",
    "required": [
        "query",
        "filters",
        "sort",
        "page",
        "per_page",
        "total",
        "total_posts",
        "hits",
        "facets",
        "facets_truncated",
        "suggestion",
        "warnings",
    ],
    "properties": {
        "query": {"type": "string"},
        "filters": {"type": "object"},
        "sort": {"type": "string", "enum": list(SORTS)},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1},
        "total": {"type": "integer", "minimum": 0},
        "total_posts": {"type": "integer", "minimum": 0},
        "hits": {"type": "array", "items": HIT},
        "group": {"type": "string", "enum": list(GROUPS)},
        "groups": {
            "type": "array",
            "description": "With group=post: the page's posts, each with its best passages "
            "(`hits`), `matches` in all and `more` not shown.",
            "items": {
                "type": "object",
                "required": ["post_id", "matches", "more", "hits"],
                "properties": {
                    "post_id": {"type": "string"},
                    "matches": {"type": "integer", "minimum": 1},
                    "more": {"type": "integer", "minimum": 0},
                    "hits": {"type": "array", "items": HIT},
                },
            },
        },
        "facets": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": FACET_VALUE},
        },
        "facets_truncated": {"type": "object", "additionalProperties": {"type": "boolean"}},
        "suggestion": _NULLABLE_STRING,
        "warnings": {"type": "array", "items": {"type": "string"}},
    },
}
POST = {
    "type": "object",
    "required": ["post_id", "title", "url", "date", "author", "categories", "tags", "passages"],
    "properties": {
        "post_id": {"type": "string"},
        "title": {"type": "string"},
        "categories": {"type": "array", "items": {"type": "string"}},
        "tags": {"type": "array", "items": {"type": "string"}},
        "captured": {**_NULLABLE_STRING, "description": "Web archives: capture time (UTC)"},
        "capture_url": {"type": "string", "description": "Web archives: the captured URL"},
        "passages": {
            "type": "array",
            "items": PASSAGE,
        },
    },
}
HEALTH = {
    "type": "object",
    "required": ["status", "passages", "posts", "generation"],
    "properties": {
        "status": {"const": "ok"},
        "passages": {"type": "integer"},
        "posts": {"type": "integer"},
        "generation": {"type": "integer"},
    },
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
