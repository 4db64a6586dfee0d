"""Request limits: every route is a GET, so bodies, huge URLs and huge headers are refused.

uvicorn (h11) already refuses a request head over ``h11_max_incomplete_event_size``
at the protocol level (see ``server.py``); this middleware answers the smaller
abuses with the app's own error shape: 413 for any request body, 414 for an
over-long URL, 431 for over-large headers. Query length, filter counts, page and
facet sizes are checked later, by ``indexer.contract.params.build_request`` (400).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from web.error_pages import error_response

MAX_HEADER_BYTES = 8 * 1024  # all header names and values together
MAX_HEADER_COUNT = 100
MAX_TARGET_BYTES = 12 * 1024  # path + query string


def _refusal(scope: Scope) -> tuple[int, str, str] | None:
    headers = scope.get("headers", [])
    if (
        len(headers) > MAX_HEADER_COUNT
        or sum(len(name) + len(value) for name, value in headers) > MAX_HEADER_BYTES
    ):
        return (
            431,
            "headers_too_large",
            (
                f"the request headers are too large (at most {MAX_HEADER_COUNT} headers, "
                f"{MAX_HEADER_BYTES} bytes)"
            ),
        )
    target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(
        scope.get("query_string", b"")
    )
    if target > MAX_TARGET_BYTES:
        return 414, "uri_too_long", f"the address is too long (at most {MAX_TARGET_BYTES} bytes)"
    for name, value in headers:
        if name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
            return 413, "body_not_accepted", "this server takes no request bodies (GET only)"
    return None


class RequestLimitsMiddleware:
    """Refuses requests over the limits above before any endpoint runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = _refusal(scope) if scope["type"] == "http" else None
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, code, message = refusal
        response = error_response(Request(scope), status, code, message, {"Connection": "close"})
        await response(scope, receive, send)
