"""JSON endpoints: the twin of every page, and the health check.

``/api/search`` returns exactly ``SearchResult.to_json()``, the contract the
CLI's ``query --json`` prints, for the same parameters as the search page.
"""

from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from indexer import build_request
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
    return JSONResponse(result.to_json())


async def api_export(request: Request) -> Response:
    """``/api/search.csv`` and ``.jsonl``: every matching passage, streamed, in the
    search's order; ``X-Total-Count`` says how many rows follow."""
    format_name = request.path_params["format"]
    if format_name not in FORMATS:
        raise NotFound(f"no export as {format_name[:20]!r}: use search.csv or search.jsonl")
    export = await service_of(request).export(request_from(request.query_params))
    base_url = str(request.base_url).rstrip("/")
    return StreamingResponse(
        chunks(format_name, export, base_url),
        media_type=FORMATS[format_name],
        headers={
            "Content-Disposition": f'attachment; filename="search.{format_name}"',
            "X-Total-Count": str(export.total),
        },
        background=BackgroundTask(export.close),
    )


async def api_post(request: Request) -> Response:
    query = request.query_params.get("q", "")
    build_request(query)  # same length limit as searching
    post = await service_of(request).post(request.path_params["post_id"], query)
    return JSONResponse(post.to_json())


async def healthz(request: Request) -> Response:
    """200 with index stats; a missing or damaged index answers 503 through the error handler."""
    stats = await service_of(request).stats()
    return JSONResponse({"status": "ok", **stats.to_json()})
