"""The read side: ``ArchiveIndex.search``, ``.post`` and ``.stats``.

Every call borrows a searcher from the pool (``store/searchers.py``) and gives it back
before returning: one of the latest committed generation or, with ``background``, of
the one before while the latest is prepared. A searcher is never used by two threads at
once, and ``refresh()`` is never used (it closes readers other threads still use, and in
the forks it returns duplicates).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from indexer.build.manifest import Manifest
from indexer.contract.request import SearchRequest
from indexer.contract.results import IndexStats, PostView, SearchResult
from indexer.errors import IndexDamaged, NotFound, QueryError, StorageFailure
from indexer.search.export import Export, index_export
from indexer.search.run import Deadline, SearchRun
from indexer.search.scoring import Scorer
from indexer.search.snapshot import Snapshot
from indexer.search.views import post_view
from indexer.store.damage import is_damage
from indexer.store.searchers import SearcherPool
from indexer.store.segments import SegmentCache
from indexer.store.storage import Guarded, open_index

_Result = TypeVar("_Result")


class ArchiveIndex:
    """A handle on an on-disk index; safe to share between threads.

    ``time_limit_s`` bounds every search (``SearchTimeout`` past it), so one
    expensive query cannot occupy a server worker for long.
    """

    def __init__(
        self, index_dir: Path, time_limit_s: float | None = None, background: bool = False
    ) -> None:
        self.index_dir = Path(index_dir)
        self.time_limit_s = time_limit_s
        self._index = open_index(self.index_dir)
        self._segments = SegmentCache()
        # The pool holds the Whoosh index, not this handle, so that this handle can go;
        # its idle searchers hold files open: closed then (or at exit).
        self._searchers = SearcherPool(
            partial(_open_searcher, self._index, self.index_dir),
            partial(_latest_generation, self._index, self.index_dir),
            partial(_prepare, weakref.ref(self)) if background else None,
        )
        weakref.finalize(self, self._searchers.close)
        self._snapshot: Snapshot | None = None
        self._previous: Snapshot | None = None  # the one before: serves while one is built
        self._snapshot_lock = threading.Lock()  # one thread builds, the others wait for it

    @classmethod
    def open(
        cls, index_dir: Path, time_limit_s: float | None = None, background: bool = False
    ) -> ArchiveIndex:
        """Raises IndexMissing or IndexDamaged, each saying what to run next.

        ``background``: a new commit is prepared (its searchers and snapshot) in a
        thread while searches go on answering from the generation before, rather than
        by the first search after the commit (``SearcherPool``).
        A server wants that; a program that commits and then searches wants the commit
        seen at once (the default)."""
        return cls(index_dir, time_limit_s, background)

    def _searcher(self) -> Any:
        return _open_searcher(self._index, self.index_dir)

    def _read(self, work: Callable[[Any], _Result]) -> _Result:
        """Run ``work`` on a searcher of the latest generation (``SearcherPool``).

        Whoosh opens a segment's column files lazily, so a commit that merges segments
        can delete files under a searcher opened just before it: such a read is retried
        once on the new generation. A ``StorageFailure`` (raised where index files are
        opened and decoded) with no commit in between means damaged files:
        ``IndexDamaged`` says to rebuild. Any other exception is a bug, raised as it is.
        """
        generation = None
        try:
            with self._searchers.lease() as searcher:
                generation = searcher.reader().generation()
                return work(searcher)
        except StorageFailure as failure:
            if generation is None or _latest_generation(self._index, self.index_dir) == generation:
                raise self._damaged(failure) from failure.error
        with self._searchers.lease(newest=True) as searcher:
            try:
                return work(searcher)
            except StorageFailure as failure:
                raise self._damaged(failure) from failure.error

    def _damaged(self, failure: StorageFailure) -> IndexDamaged:
        return IndexDamaged(str(self.index_dir), str(failure))

    @property
    def snapshot(self) -> Snapshot | None:
        """The latest generation's snapshot, once a read has built it."""
        return self._snapshot

    def _snapshot_of(self, reader: Any) -> Snapshot:
        """The snapshot of the reader's generation: built once, kept while it is the newest."""
        generation = int(reader.generation() or 0)
        for known in (self._snapshot, self._previous):  # no lock: a newer one may be building
            if known is not None and known.generation == generation:
                return known
        with self._snapshot_lock:
            current = self._snapshot
            if current is not None and current.generation == generation:
                return current
            built = Snapshot(reader, self._segments)
            if current is None or current.generation < generation:
                self._previous, self._snapshot = current, built
            return built

    def search(self, request: SearchRequest, time_limit_s: float | None = None) -> SearchResult:
        started = time.perf_counter()
        deadline = Deadline(time_limit_s or self.time_limit_s)
        result = self._read(
            lambda searcher: SearchRun(
                searcher, self._snapshot_of(searcher.reader()), request, deadline
            ).run()
        )
        result.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def export(self, request: SearchRequest) -> Export:
        """Every passage ``request`` matches, in its order, read as it is iterated.

        Matching is bounded by the time limit; reading rows is not. The export holds
        its searcher (and so its generation) until it is iterated to the end or closed.
        """
        searcher = self._searcher()
        try:
            snapshot = self._snapshot_of(searcher.reader())
            run = SearchRun(searcher, snapshot, request, Deadline(self.time_limit_s))
            return index_export(searcher, run)
        except StorageFailure as failure:
            searcher.close()
            raise self._damaged(failure) from failure.error
        except BaseException:
            searcher.close()
            raise

    def post(self, post_id: str, query: str = "") -> PostView:
        return self._read(lambda searcher: self._post(searcher, post_id, query))

    def _post(self, searcher: Any, post_id: str, query: str) -> PostView:
        stored = {
            number: searcher.stored_fields(number)
            for number in searcher.document_numbers(post_id=post_id)
        }
        if not stored:
            raise NotFound(f"no post {post_id[:120]!r} in this archive")
        documents = sorted(stored.values(), key=lambda fields: fields["position"])
        terms: frozenset[str] = frozenset()
        phrases: frozenset[tuple[str, ...]] = frozenset()
        names: frozenset[str] = frozenset()
        matched_ids: set[str] = set()
        if query.strip():
            reader = searcher.reader()
            snapshot = self._snapshot_of(reader)
            try:
                parsed = snapshot.parsed(query, searcher.schema, reader)
            except QueryError:  # a bad query only loses the highlighting here
                parsed = None
            if parsed is not None:
                terms, phrases = parsed.highlight_terms(), parsed.highlight_phrases()
                names = parsed.highlight_names()
                matched_ids = self._matched(searcher, snapshot, parsed.query, stored)
        return post_view(post_id, documents, query, terms, phrases, matched_ids, names=names)

    def _matched(
        self, searcher: Any, snapshot: Snapshot, query: Any, stored: dict[int, Any]
    ) -> set[str]:
        """The ids of the passages in ``stored`` (by document number) the query matches,
        by the arrays a search matches with (the same answer as the search page's), not
        Whoosh's matchers over the whole index (which were half of a post page's time)."""
        mask, _ = Scorer(searcher, snapshot, Deadline(self.time_limit_s).check).evaluate(query)
        mask &= snapshot.alive
        return {fields["id"] for number, fields in stored.items() if mask[number]}

    def warm(self) -> None:
        """Build the current generation's snapshot, spelling vocabulary included, now: a
        server calls this at startup so that no user's first search waits for it."""
        self._read(self._warm_with)

    def _warm_with(self, searcher: Any) -> None:
        self._snapshot_of(searcher.reader()).vocabulary(searcher.reader())

    def stats(self) -> IndexStats:
        return self._read(self._stats)

    def _stats(self, searcher: Any) -> IndexStats:
        reader = searcher.reader()
        table = self._snapshot_of(reader).table
        post_ordinals = table.columns["post_id"].ordinals
        assert post_ordinals is not None
        posts = int(np.unique(post_ordinals[table.alive & (post_ordinals >= 0)]).size)
        manifest = Manifest.load(self.index_dir)
        last_commit = None
        if manifest and manifest.last_commit:
            last_commit = datetime.fromtimestamp(manifest.last_commit).isoformat(timespec="seconds")
        return IndexStats(
            passages=searcher.doc_count(),
            posts=posts,
            last_commit=last_commit,
            generation=int(reader.generation() or 0),
            index_dir=str(self.index_dir),
        )


def _open_searcher(index: Any, index_dir: Path) -> Any:
    try:
        return Guarded(index.searcher())
    except Exception as error:  # a truncated or missing segment file
        if not is_damage(error):
            raise
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


def _prepare(handle: weakref.ReferenceType[ArchiveIndex], searcher: Any) -> None:
    """What every search of the searcher's generation needs (its snapshot), built before
    it is lent. Not the spelling vocabulary: ~0.2 s of CPU at 100k per commit and per
    worker, needed only by a search finding almost nothing; built when one does."""
    archive = handle()
    if archive is not None:
        archive._snapshot_of(searcher.reader())


def _latest_generation(index: Any, index_dir: Path) -> int:
    try:
        return int(index.latest_generation())
    except OSError as error:  # the index folder went away
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error
