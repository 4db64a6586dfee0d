"""Searchers of the latest committed generation, opened once and lent one at a time.

Opening a Whoosh searcher reads the table of contents (the pickled schema) and opens
every segment's term index: ~0.5 ms at 20k passages, more with more segments, paid by
every request when each opened its own. A pool keeps the searchers of one
generation: a request borrows one (never shared between threads: Whoosh's file
readers seek), and returns it when done. Before lending, the pool asks which
generation is the latest (a listing of the index folder, ~0.05 ms). ``refresh()`` is
never used (its bug: README, "Why these dependencies", whoosh). A searcher whose read
failed is closed, not returned.

A newer generation is switched to in one of two ways. Without ``prepare``, at once:
the next request opens a searcher of it (and builds what searches of it need on its
own path). With ``prepare`` (the server), in the background: a thread opens the new
generation's searchers and runs ``prepare`` on one (its snapshot: facet arrays,
lengths), while requests go on borrowing the older generation's
searchers; the switch happens when it is ready, and the older searchers are closed as
they come back. A commit then costs requests nothing on their path (issue 23: p99 722
ms under an update every 5 s was requests waiting for the new snapshot).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from indexer.errors import NotFound, QueryError, SearchTimeout

KEPT_PER_GENERATION = 8  # at most this many idle searchers (one per search thread)
# Searchers a prepared generation starts with: one per search thread, so that the next
# switch finds one idle for each request while it is prepared.
PREPARED_SEARCHERS = 4
# How long a request waits for a searcher to come back while a new generation is
# prepared and none is idle, before it opens and prepares the new one on its path.
WAIT_FOR_IDLE_S = 0.25

_log = logging.getLogger(__name__)
_REQUEST_ERRORS = (QueryError, NotFound, SearchTimeout)


class SearcherPool:
    """Idle searchers of one generation at a time; ``open_searcher`` opens a new one."""

    def __init__(
        self,
        open_searcher: Callable[[], Any],
        latest_generation: Callable[[], int],
        prepare: Callable[[Any], None] | None = None,
    ) -> None:
        self._open = open_searcher
        self._latest = latest_generation
        self._prepare = prepare
        self._lock = threading.Lock()
        self._returned = threading.Condition(self._lock)  # a searcher came back
        self._generation = -1
        self._idle: list[Any] = []
        self._lent = 0  # searchers out on loan
        self._preparing = False
        self._failed = -1  # a generation whose preparation failed: switched to on the path

    @staticmethod
    def generation_of(searcher: Any) -> int:
        return int(searcher.reader().generation() or 0)

    def _take(self, newest: bool) -> Any:
        latest = self._latest()
        stale: list[Any] = []
        with self._lock:
            self._lent += 1
            if latest != self._generation:
                if not newest and self._in_background(latest):
                    return self._idle.pop()  # the older generation serves meanwhile
                stale, self._idle, self._generation = self._idle, [], latest
            taken = self._idle.pop() if self._idle else None
        for searcher in stale:
            searcher.close()
        return taken if taken is not None else self._open()

    def _in_background(self, latest: int) -> bool:
        """Under the lock: whether ``latest`` is (being) prepared in the background while
        an idle searcher serves: of the older generation, or of ``latest`` once switched
        to. With none idle but some lent, one coming back is waited for (a request takes
        milliseconds; preparing a generation on this request's path, hundreds)."""
        if self._prepare is None or self._generation < 0 or latest == self._failed:
            return False
        if not self._preparing:
            self._preparing = True
            threading.Thread(
                target=self._switch, args=(latest,), name="prepare-generation", daemon=True
            ).start()
        if not self._idle and self._lent > 1:  # others hold searchers: one comes back
            self._returned.wait_for(lambda: bool(self._idle), timeout=WAIT_FOR_IDLE_S)
        return bool(self._idle)

    def _switch(self, latest: int) -> None:
        """Open and prepare the latest generation, then lend its searchers."""
        try:
            opened = [self._open()]
            generation = self.generation_of(opened[0])
            assert self._prepare is not None
            self._prepare(opened[0])
            opened += [self._open() for _ in range(PREPARED_SEARCHERS - 1)]
            latest = self._latest()
        except Exception:  # the request path meets the same failure and reports it
            _log.exception("preparing generation %s failed", latest)
            with self._lock:
                self._failed, self._preparing = latest, False
            return
        ready = [searcher for searcher in opened if self.generation_of(searcher) == generation]
        stale = [searcher for searcher in opened if searcher not in ready]
        with self._lock:
            if generation == latest != self._generation:  # not overtaken meanwhile
                stale, self._idle, self._generation = stale + self._idle, ready, generation
                self._returned.notify_all()
            else:
                stale += ready
            self._preparing = False
        for searcher in stale:
            searcher.close()

    def _give_back(self, searcher: Any) -> None:
        with self._lock:
            keep = (
                self.generation_of(searcher) == self._generation
                and len(self._idle) < KEPT_PER_GENERATION
            )
            if keep:
                self._idle.append(searcher)
                self._returned.notify()
        if not keep:
            searcher.close()

    def _returning(self) -> None:
        with self._lock:
            self._lent -= 1

    @contextmanager
    def lease(self, newest: bool = False) -> Iterator[Any]:
        """A searcher for the ``with`` block: of the latest generation, or of the one
        before while the latest is prepared (``newest``: the latest in any case). An
        exception inside closes it rather than lending it again, unless it is the
        request's own (a query that cannot be searched, an unknown post, the time
        budget): the searcher read nothing wrong, and closing it made the next request
        open one (and left none idle for a background switch: issue 23's loadtest)."""
        try:
            searcher = self._take(newest)
            try:
                yield searcher
            except _REQUEST_ERRORS:
                self._give_back(searcher)
                raise
            except BaseException:
                searcher.close()
                raise
            self._give_back(searcher)
        finally:
            self._returning()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for searcher in idle:
            searcher.close()
