"""The read side: ``ArchiveIndex.search``, ``.post`` and ``.stats``.

Every call opens its own Whoosh searcher on the latest committed generation
and closes it before returning: searchers are never shared between threads and
``refresh()`` is never used (it closes readers other threads still use, and in
the forks it returns duplicates). On a non-compound index that costs ~0.25 ms.
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
from whoosh import query as whoosh_query

from indexer.build.manifest import Manifest
from indexer.contract.request import SearchRequest
from indexer.contract.results import IndexStats, PassageView, PostView, SearchResult
from indexer.errors import IndexDamaged, NotFound, QueryError, StorageFailure
from indexer.search.export import Export
from indexer.search.highlight import highlight_whole
from indexer.search.run import Deadline, SearchRun
from indexer.search.snapshot import Snapshot
from indexer.store.searchers import SearcherPool
from indexer.store.segments import SegmentCache
from indexer.store.storage import Guarded, open_index

_Result = TypeVar("_Result")


class ArchiveIndex:
    """A handle on an on-disk index; safe to share between threads.

    ``time_limit_s`` bounds every search (``SearchTimeout`` past it), so one
    expensive query cannot occupy a server worker for long.
    """

    def __init__(self, index_dir: Path, time_limit_s: float | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.time_limit_s = time_limit_s
        self._index = open_index(self.index_dir)
        self._segments = SegmentCache()
        # The pool holds the Whoosh index, not this handle, so that this handle can go;
        # its idle searchers hold files open: closed then (or at exit).
        self._searchers = SearcherPool(
            partial(_open_searcher, self._index, self.index_dir),
            partial(_latest_generation, self._index, self.index_dir),
        )
        weakref.finalize(self, self._searchers.close)
        self._snapshot: Snapshot | None = None
        self._snapshot_lock = threading.Lock()  # one thread builds, the others wait for it

    @classmethod
    def open(cls, index_dir: Path, time_limit_s: float | None = None) -> ArchiveIndex:
        """Raises IndexMissing or IndexDamaged, each saying what to run next."""
        return cls(index_dir, time_limit_s)

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
        with self._searchers.lease() as searcher:
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
        with self._snapshot_lock:
            current = self._snapshot
            if current is not None and current.generation == generation:
                return current
            built = Snapshot(reader, self._segments)
            if current is None or current.generation < generation:
                self._snapshot = built  # the older one goes with its last reader
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
            return Export(searcher, run)
        except StorageFailure as failure:
            searcher.close()
            raise self._damaged(failure) from failure.error
        except BaseException:
            searcher.close()
            raise

    def post(self, post_id: str, query: str = "") -> PostView:
        return self._read(lambda searcher: self._post(searcher, post_id, query))

    def _post(self, searcher: Any, post_id: str, query: str) -> PostView:
        documents = sorted(
            searcher.documents(post_id=post_id), key=lambda fields: fields["position"]
        )
        if not documents:
            raise NotFound(f"no post {post_id[:120]!r} in this archive: search for it at /")
        terms: frozenset[str] = frozenset()
        phrases: frozenset[tuple[str, ...]] = frozenset()
        matched_ids: set[str] = set()
        if query.strip():
            try:
                reader = searcher.reader()
                parsed = self._snapshot_of(reader).parsed(query, searcher.schema, reader)
            except QueryError:  # a bad query only loses the highlighting here
                parsed = None
            if parsed is not None:
                terms, phrases = parsed.highlight_terms(), parsed.highlight_phrases()
                within = whoosh_query.And([parsed.query, whoosh_query.Term("post_id", post_id)])
                matched_ids = {
                    searcher.stored_fields(docnum)["id"]
                    for docnum in searcher.docs_for_query(within)
                }
        passages = []
        for fields in documents:
            marked, has_mark = highlight_whole(
                fields.get("text", ""), terms, phrases, fields.get("language", "en")
            )
            passages.append(
                PassageView(
                    id=fields["id"],
                    anchor=fields["anchor"],
                    section=fields["section"],
                    author=fields.get("author", ""),
                    date=fields.get("date") or None,
                    date_precision=fields.get("date_precision", "unknown"),
                    title=fields.get("title", ""),
                    parent=fields.get("parent", ""),
                    position=fields["position"],
                    html=marked,
                    matched=fields["id"] in matched_ids or (not matched_ids and has_mark),
                    captured=fields.get("captured") or None,
                    url=fields.get("url", ""),
                    utc_offset=fields.get("utc_offset") or None,
                )
            )
        first = documents[0]
        return PostView(
            post_id=post_id,
            title=first.get("post_title", ""),
            url=first.get("post_url", ""),
            date=first.get("post_date") or None,
            date_precision=first.get("post_date_precision", "unknown"),
            author=first.get("post_author", ""),
            source=first.get("source", ""),
            categories=_split(first.get("category", "")),
            tags=_split(first.get("tag", "")),
            passages=passages,
            query=query,
            first_match=next((view.anchor for view in passages if view.matched), None),
            captured=first.get("post_captured") or None,
            capture_url=first.get("post_capture_url", ""),
            utc_offset=first.get("post_utc_offset") or None,
        )

    def warm(self) -> None:
        """Build the current generation's snapshot, spelling vocabulary included, now: a
        server calls this at startup so that no user's first search waits for it."""

        def build(searcher: Any) -> None:
            self._snapshot_of(searcher.reader()).vocabulary(searcher.reader())

        self._read(build)

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
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


def _latest_generation(index: Any, index_dir: Path) -> int:
    try:
        return int(index.latest_generation())
    except OSError as error:  # the index folder went away
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


def _split(value: str) -> list[str]:
    return [part for part in value.split(",") if part]
