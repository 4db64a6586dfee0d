"""The Starlette application: routes, lifespan (index opened once), errors, headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from indexer import Cluster
from web import api, feeds, openapi, pages, settings
from web.error_pages import EXCEPTION_HANDLERS
from web.limits import RequestLimitsMiddleware
from web.searching import OpenIndex, SearchService, open_archive_index
from web.security import SecurityHeadersMiddleware
from web.templating import make_templates

STATIC_DIR = Path(__file__).parent / "static"


def create_app(
    index_dir: Path,
    *,
    search_threads: int = settings.SEARCH_THREADS,
    search_time_limit_s: float | None = settings.SEARCH_TIME_LIMIT_S,
    open_index: OpenIndex | None = None,
    replay_url: str | None = None,
    cluster: Cluster | None = None,
) -> Starlette:
    """The web app over the index in ``index_dir``.

    ``search_time_limit_s`` bounds every search (over it: 503, the thread is freed;
    ``None`` means no bound). ``open_index`` is how the index is opened (tests pass a
    stand-in to exercise failures); it runs once, in the lifespan, off the event loop.
    ``replay_url`` is a pywb or Wayback base: post pages of web archives link their capture.
    ``cluster``: search this OpenSearch cluster instead of the index in ``index_dir``.
    """
    if open_index is None:
        open_index = partial(open_archive_index, time_limit_s=search_time_limit_s, cluster=cluster)

    opener: OpenIndex = open_index

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        executor = ThreadPoolExecutor(max_workers=search_threads, thread_name_prefix="search")
        service = SearchService(Path(index_dir), opener, executor)
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
        Route("/api/search.{format}", api.api_export, name="api_export"),
        Route("/api/post/{post_id}", api.api_post, name="api_post"),
        Route("/healthz", api.healthz, name="healthz"),
        Route("/search.atom", feeds.search_feed, name="search_feed"),
        Route("/opensearch.xml", feeds.opensearch_description, name="opensearch"),
        Route("/openapi.json", openapi.openapi_description, name="openapi"),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        # Limits run inside the headers middleware, so their refusals carry the headers too.
        middleware=[Middleware(SecurityHeadersMiddleware), Middleware(RequestLimitsMiddleware)],
        exception_handlers=EXCEPTION_HANDLERS,
        lifespan=lifespan,
    )
    app.state.templates = make_templates()
    app.state.replay_url = replay_url
    return app
