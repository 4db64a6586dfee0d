"""The Starlette application: routes, lifespan (index opened once), errors, headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import api, feeds, pages
from .errors import EXCEPTION_HANDLERS
from .searching import OpenIndex, SearchService, open_archive_index
from .security import SecurityHeadersMiddleware
from .templating import make_templates

STATIC_DIR = Path(__file__).parent / "static"
# Searching holds the GIL, so more threads add no throughput (see notes/whoosh.md);
# two keep a slow search from queueing every other request behind it.
DEFAULT_SEARCH_THREADS = 2


def create_app(
    index_dir: Path,
    *,
    search_threads: int = DEFAULT_SEARCH_THREADS,
    open_index: OpenIndex = open_archive_index,
) -> Starlette:
    """The web app over the index in ``index_dir``.

    ``open_index`` is how the index is opened (tests pass a stand-in to
    exercise failures); it runs once, in the lifespan, off the event loop.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        executor = ThreadPoolExecutor(max_workers=search_threads, thread_name_prefix="search")
        service = SearchService(Path(index_dir), open_index, executor)
        await service.open()
        app.state.service = service
        try:
            yield
        finally:
            executor.shutdown(wait=False, cancel_futures=True)

    routes = [
        Route("/", pages.search_page, name="search"),
        Route("/facets/{name}", pages.facet_page, name="facet"),
        Route("/post/{post_id}", pages.post_page, name="post"),
        Route("/api/search", api.api_search, name="api_search"),
        Route("/api/post/{post_id}", api.api_post, name="api_post"),
        Route("/healthz", api.healthz, name="healthz"),
        Route("/search.atom", feeds.search_feed, name="search_feed"),
        Route("/opensearch.xml", feeds.opensearch_description, name="opensearch"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeadersMiddleware)],
        exception_handlers=EXCEPTION_HANDLERS,  # type: ignore[arg-type]
        lifespan=lifespan,
    )
    app.state.templates = make_templates()
    return app
