"""JSON endpoints: the twin of every page, and the health check.

``/api/search`` returns exactly ``SearchResult.to_json()``, the contract the
CLI's ``query --json`` prints, for the same parameters as the search page.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from indexer import FACETS, SearchRequest, build_request
from indexer.errors import NotFound
from web.exporting import FORMATS, chunks
from web.pages import service_of
from web.responses import JSONResponse
from web.searching import request_from


async def api_search(request: Request) -> Response:
    # facet_size=0 lists every facet value (what the "more" page shows).
    search_request = request_from(
        request.query_params, facet_size=request.query_params.get("facet_size")
    )
    result = await service_of(request).search(search_request)
    return JSONResponse(result.to_json(native=True))


async def api_export(request: Request) -> Response:
    """``/api/search.csv`` and ``.jsonl``: every matching passage, streamed, in the
    search's order; ``X-Total-Count`` says how many rows follow."""
    format_name = request.path_params["format"]
    if format_name not in FORMATS:
        raise NotFound(f"no export as {format_name[:20]!r}: use search.csv or search.jsonl")
    search_request = request_from(request.query_params)
    export = await service_of(request).export(search_request)
    base_url = str(request.base_url).rstrip("/")
    return StreamingResponse(
        chunks(format_name, export, base_url),
        media_type=FORMATS[format_name],
        headers={
            "Content-Disposition": content_disposition(search_request, format_name),
            "X-Total-Count": str(export.total),
        },
        background=BackgroundTask(export.close),
    )


_NAME_LENGTH = 120  # characters of a download's name before its extension


def _name_part(text: str, ascii_only: bool) -> str:
    """Words of ``text`` joined by hyphens: letters and digits only (ASCII, accents
    folded, for ``filename``; any script, for ``filename*``)."""
    if ascii_only:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[^\W_]+", text.lower()))


def download_name(search: SearchRequest, ascii_only: bool = True) -> str:
    """What was searched, as a file name: ``archive-search_police_author-x``."""
    parts = [_name_part(search.query, ascii_only)]
    for name, facet in FACETS.items():
        for value in search.selected(name):
            parts.append(f"{facet.parameter}-{_name_part(value, ascii_only)}")
    for bound, day in (("from", search.date_from), ("to", search.date_to)):
        if day is not None:
            parts.append(f"{bound}-{day.isoformat()}")
    name = "_".join(["archive-search", *(part for part in parts if part.strip("-"))])
    return name[:_NAME_LENGTH].rstrip("-_")


def content_disposition(search: SearchRequest, extension: str) -> str:
    """An attachment named for its search: an ASCII ``filename`` every client reads, and
    ``filename*`` (RFC 6266) keeping other scripts' words."""
    plain = f"{download_name(search)}.{extension}"
    full = f"{download_name(search, ascii_only=False)}.{extension}"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"


async def api_post(request: Request) -> Response:
    query = request.query_params.get("q", "")
    build_request(query)  # same length limit as searching
    post = await service_of(request).post(request.path_params["post_id"], query)
    return JSONResponse(post.to_json(native=True))


async def healthz(request: Request) -> Response:
    """200 with index stats; a missing or damaged index answers 503 through the error handler."""
    stats = await service_of(request).stats()
    return JSONResponse({"status": "ok", **stats.to_json()})
