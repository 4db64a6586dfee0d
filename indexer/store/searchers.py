"""Searchers of the latest committed generation, opened once and lent one at a time.

Opening a Whoosh searcher reads the table of contents (the pickled schema) and opens
every segment's term index: ~0.5 ms at 20k passages, more with more segments, paid by
every request when each opened its own. A pool keeps the searchers of the newest
generation: a request borrows one (never shared between threads: Whoosh's file
readers seek), and returns it when done. Before lending, the pool asks which
generation is the latest (a listing of the index folder, ~0.05 ms), so a commit is
seen by the next request exactly as with a new searcher; the older generation's
searchers are closed as they come back. ``refresh()`` is never used (its bug:
README, "Why these dependencies", whoosh). A searcher whose read failed is closed, not returned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

KEPT_PER_GENERATION = 8  # at most this many idle searchers (one per search thread)


class SearcherPool:
    """Idle searchers of one generation at a time; ``open_searcher`` opens a new one."""

    def __init__(
        self, open_searcher: Callable[[], Any], latest_generation: Callable[[], int]
    ) -> None:
        self._open = open_searcher
        self._latest = latest_generation
        self._lock = threading.Lock()
        self._generation = -1
        self._idle: list[Any] = []

    @staticmethod
    def generation_of(searcher: Any) -> int:
        return int(searcher.reader().generation() or 0)

    def _take(self) -> Any:
        latest = self._latest()
        stale: list[Any] = []
        with self._lock:
            if latest != self._generation:
                stale, self._idle, self._generation = self._idle, [], latest
            taken = self._idle.pop() if self._idle else None
        for searcher in stale:
            searcher.close()
        return taken if taken is not None else self._open()

    def _give_back(self, searcher: Any) -> None:
        with self._lock:
            keep = (
                self.generation_of(searcher) == self._generation
                and len(self._idle) < KEPT_PER_GENERATION
            )
            if keep:
                self._idle.append(searcher)
        if not keep:
            searcher.close()

    @contextmanager
    def lease(self) -> Iterator[Any]:
        """A searcher of the latest generation for the ``with`` block; any exception
        inside closes it rather than lending it again."""
        searcher = self._take()
        try:
            yield searcher
        except BaseException:
            searcher.close()
            raise
        self._give_back(searcher)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for searcher in idle:
            searcher.close()
