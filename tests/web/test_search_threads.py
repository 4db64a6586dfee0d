"""Where the app runs a search: always in the search threads, never on the event loop
(a search there would stop the worker's every other connection while it runs), alone
or not; searches under way together run side by side, so that a short one is answered
while a long one still runs, and the loop answers other requests meanwhile."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from indexer import ArchiveIndex, SearchRequest, SearchResult, build_request
from web.app import create_app

SLOW_S = 0.5  # what the stand-in adds to a search for "slow"


class RecordingIndex(ArchiveIndex):
    """The real index, noting the thread of each search; "slow" takes SLOW_S longer."""

    def __init__(self, *arguments: Any, **options: Any) -> None:
        super().__init__(*arguments, **options)
        self.threads: list[str] = []

    def search(self, request: SearchRequest, time_limit_s: float | None = None) -> SearchResult:
        self.threads.append(threading.current_thread().name)
        if request.query == "slow":
            time.sleep(SLOW_S)  # holds its thread as a long search holds the GIL's turn
        return super().search(request, time_limit_s)


async def _ask(index_dir: Path, *queries: str) -> tuple[RecordingIndex, list[Any]]:
    """The queries sent at once to the app: the index, and (query, status, total) in the
    order answered."""
    archive = RecordingIndex(index_dir)
    app = create_app(index_dir, open_index=lambda _: archive)
    answered: list[Any] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

            async def ask(query: str) -> None:
                response = await client.get("/api/search", params={"q": query})
                body = response.json()
                answered.append((query, response.status_code, body.get("total")))

            await asyncio.gather(*(ask(query) for query in queries))
    return archive, answered


def test_a_lone_search_runs_in_the_search_threads_and_answers_as_the_library(
    index_dir: Path,
) -> None:
    archive, answered = asyncio.run(_ask(index_dir, "police"))
    assert [(query, status) for query, status, _ in answered] == [("police", 200)]
    assert answered[0][2] == ArchiveIndex.open(index_dir).search(build_request("police")).total
    assert answered[0][2] > 0
    assert archive.threads != [threading.main_thread().name]  # never the event loop's
    assert all(name.startswith("search") for name in archive.threads), archive.threads


def test_searches_under_way_together_go_to_the_pool(index_dir: Path) -> None:
    archive, answered = asyncio.run(_ask(index_dir, "slow", "police"))
    assert len(archive.threads) == 2
    assert all(name.startswith("search") for name in archive.threads), archive.threads
    assert [query for query, *_ in answered] == ["police", "slow"]  # not queued behind it
    assert all(status == 200 for _, status, _ in answered)


def test_the_event_loop_answers_other_requests_while_a_lone_search_runs(
    index_dir: Path,
) -> None:
    """A long search alone in the process still leaves the loop free: the stylesheet
    asked for after it is served before the search ends."""
    archive = RecordingIndex(index_dir)
    app = create_app(index_dir, open_index=lambda _: archive)
    answered: list[str] = []

    async def scenario() -> None:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:

                async def get(path: str, name: str, delay: float = 0.0) -> None:
                    await asyncio.sleep(delay)
                    response = await client.get(path)
                    assert response.status_code == 200
                    answered.append(name)

                await asyncio.gather(
                    get("/api/search?q=slow", "search"),
                    get("/static/app.css", "stylesheet", delay=SLOW_S / 5),
                )

    asyncio.run(scenario())
    assert answered == ["stylesheet", "search"]
