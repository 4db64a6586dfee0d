"""The one mapping from exceptions to HTTP responses.

Library errors carry their own ``kind`` and ``http_status``; this module is
the only place they become responses: an HTML error page on HTML routes, and
the one JSON error body, ``{"error": {"code": ..., "message": ...}}``, on JSON
routes. Unexpected exceptions become a 500 without a traceback (it is logged).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from indexer import fields_json
from indexer.errors import ArchiveSearchError
from web.responses import JSONResponse
from web.security import SECURITY_HEADERS

logger = logging.getLogger("web")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}
# Per status: the page's title (the status in words) and its heading (what happened).
_TITLES = {
    400: ("Bad request", "That request could not be answered"),
    404: ("Page not found", "There is nothing at this address"),
    405: ("Method not allowed", "This address only answers to reading (GET)"),
    413: ("Request refused", "This server takes no uploads"),
    414: ("Address too long", "That address is too long to answer"),
    431: ("Request refused", "That request's headers are too large"),
    500: ("Server error", "Something went wrong on our side"),
    503: ("Archive unavailable", "The archive cannot answer right now"),
}


def is_json_route(path: str) -> bool:
    return path.startswith("/api/") or path in ("/healthz", "/openapi.json")


@dataclass(frozen=True)
class ErrorDetail:
    code: str  # the error's kind, e.g. bad_query, index_missing, not_found
    message: str  # what went wrong and what to do next

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


@dataclass(frozen=True)
class ErrorAnswer:
    """The JSON error shape, the same for every error on every JSON route (``/openapi.json``
    describes it from these types)."""

    error: ErrorDetail

    def to_json(self) -> dict[str, Any]:
        return fields_json(self)


def error_body(code: str, message: str) -> dict[str, Any]:
    return ErrorAnswer(ErrorDetail(code, message)).to_json()


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    all_headers = {**SECURITY_HEADERS, **(headers or {})}
    if is_json_route(request.url.path):
        return JSONResponse(error_body(code, message), status_code=status, headers=all_headers)
    if request.url.path == request.scope.get("root_path", "") + "/search.atom":
        # A feed reader shows plain text; an HTML page would be reported as a broken feed.
        return PlainTextResponse(
            f"Error {status} ({code}): {message}\n", status_code=status, headers=all_headers
        )
    title, heading = _TITLES.get(status, ("Error", "That request could not be answered"))
    templates = request.app.state.templates
    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        "error.html",
        {"status": status, "code": code, "title": title, "heading": heading, "message": message},
        status_code=status,
        headers=all_headers,
    )


async def handle_archive_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ArchiveSearchError)
    if error.http_status >= 500:
        logger.warning("%s %s: %s", request.method, request.url.path, error.message)
    return error_response(request, error.http_status, error.kind, error.message)


async def handle_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    code = _HTTP_CODES.get(error.status_code, "http_error")
    message = error.detail
    if error.status_code == 404:
        message = f"There is no page at {request.url.path[:200]}."
    return error_response(request, error.status_code, code, message, error.headers)


async def handle_unexpected_error(request: Request, error: Exception) -> Response:
    logger.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return error_response(
        request,
        500,
        "internal_error",
        "The server failed to answer this request; the error has been logged.",
    )


EXCEPTION_HANDLERS = {
    ArchiveSearchError: handle_archive_error,
    HTTPException: handle_http_error,
    Exception: handle_unexpected_error,
}
