"""How the web app talks to the library: query parameters in, blocking calls off the loop.

Whoosh searching is pure Python and blocking, so every library call runs in a
small dedicated thread pool (``run_in_executor``); the event loop only waits. Never
on the loop, even alone: a search there would stop every other connection of the
worker (reading requests, accepting, static files) for as long as it runs.
The library opens a fresh searcher per call, so sharing one ``ArchiveIndex``
across those threads is safe.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from starlette.datastructures import QueryParams

from indexer import (
    DATE_RANGE,
    FACETS,
    Cluster,
    Export,
    IndexStats,
    PostView,
    SearchRequest,
    SearchResult,
    build_request,
    open_archive,
)
from indexer.errors import ClusterUnavailable, IndexDamaged, IndexMissing
from web import settings

Result = TypeVar("Result")


class Archive(Protocol):
    """The part of ``indexer.ArchiveIndex`` (and of the cluster backend) the web app uses."""

    def search(self, request: SearchRequest) -> SearchResult: ...

    def post(self, post_id: str, query: str = "") -> PostView: ...

    def stats(self) -> IndexStats: ...

    def export(self, request: SearchRequest) -> Export: ...


OpenIndex = Callable[[Path], Archive]


def open_archive_index(
    index_dir: Path,
    time_limit_s: float | None = settings.SEARCH_TIME_LIMIT_S,
    cluster: Cluster | None = None,
) -> Archive:
    """The local index in ``index_dir``, or the cluster's when one is given. A local
    index prepares each commit in the background, the generation before answering
    meanwhile: no request waits for a new generation's facet arrays (issue 23)."""
    archive: Archive = open_archive(
        index_dir, cluster=cluster, time_limit_s=time_limit_s, background=True
    )
    return archive


def request_from(query_params: QueryParams, **overrides: Any) -> SearchRequest:
    """Validate the page's query parameters (raises ``BadParameter`` / ``QueryTooLong``).

    ``overrides`` replace raw values after validation, so ``sort=foo`` is a 400 on
    the feed too, although the feed always sorts newest first.
    """
    values: dict[str, Any] = {
        "query": query_params.get("q"),
        **{name: query_params.getlist(facet.parameter) for name, facet in FACETS.items()},
        **{bound.keyword: query_params.get(bound.parameter) for bound in DATE_RANGE.bounds},
        "sort": query_params.get("sort"),
        "page": query_params.get("page"),
        "per_page": query_params.get("per_page"),
        "group": query_params.get("group"),
    }
    if not overrides.keys() & values.keys():  # nothing replaced: one validation
        return build_request(**values, **overrides)
    build_request(**values)  # the values replaced must be valid too
    return build_request(**{**values, **overrides})


class SearchService:
    """The index, opened once at startup, and the thread pool its calls run in.

    If the index is missing or damaged at startup the app still starts and
    answers 503 with the library's message; each later request tries to open
    it again, so indexing while the server runs needs no restart.
    """

    def __init__(self, index_dir: Path, open_index: OpenIndex, executor: Executor) -> None:
        self.index_dir = index_dir
        self._open_index = open_index
        self._executor = executor
        self._archive: Archive | None = None
        self._lock = asyncio.Lock()

    async def _in_thread(self, function: Callable[..., Result], *arguments: Any) -> Result:
        loop = asyncio.get_running_loop()
        # The library turns unreadable index files into IndexDamaged (503, "rebuild");
        # anything else raised here is a bug, answered 500 by the error handler.
        return await loop.run_in_executor(self._executor, partial(function, *arguments))

    async def open(self) -> None:
        """Open the index now; a missing or damaged index is reported per request instead."""
        with contextlib.suppress(IndexMissing, IndexDamaged, ClusterUnavailable):
            archive = await self.archive()
            warm = getattr(archive, "warm", None)  # stand-in archives in tests have none
            if warm is not None:
                await self._in_thread(warm)  # facet arrays now, not on the first search

    async def archive(self) -> Archive:
        if self._archive is not None:
            return self._archive
        async with self._lock:
            if self._archive is None:
                self._archive = await self._in_thread(self._open_index, self.index_dir)
        return self._archive

    async def search(self, request: SearchRequest) -> SearchResult:
        archive = await self.archive()
        return await self._in_thread(archive.search, request)

    async def search_then(
        self, request: SearchRequest, more: Callable[[SearchResult], list[SearchRequest]]
    ) -> tuple[SearchResult, list[SearchResult]]:
        """A search, then the searches ``more`` asks for given its result, in one trip to
        the pool: one wait for a thread, not one each."""
        archive = await self.archive()

        def searches() -> tuple[SearchResult, list[SearchResult]]:
            result = archive.search(request)
            return result, [archive.search(each) for each in more(result)]

        return await self._in_thread(searches)

    async def post(self, post_id: str, query: str = "") -> PostView:
        archive = await self.archive()
        return await self._in_thread(archive.post, post_id, query)

    async def export(self, request: SearchRequest) -> Export:
        """The match set, computed in the pool; its rows are read as they are streamed."""
        archive = await self.archive()
        return await self._in_thread(archive.export, request)

    async def stats(self) -> IndexStats:
        archive = await self.archive()
        return await self._in_thread(archive.stats)
