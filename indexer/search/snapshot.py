"""What searches derive from one committed index generation, built once.

A ``Snapshot`` holds the generation's facet columns, dates and positions (as
arrays over its documents), its live documents, its field lengths with their
means (BM25), the spelling vocabulary ("did you mean") and recently parsed
queries. Threads share it (what it fills in lazily is behind a lock);
``ArchiveIndex`` owns it, keeps the latest one and drops it when a newer
generation is opened. Posting lists and the per-segment
arrays the snapshot is assembled from live in the index's ``SegmentCache``: a
commit that adds one small segment rereads only that segment.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.query.parse import index_languages, parse_query
from indexer.query.parsed import ParsedQuery
from indexer.search.facet_arrays import FacetTable, Mask
from indexer.store.segments import SegmentCache

Scores = npt.NDArray[np.float32]
PARSED_QUERIES_KEPT = 1024


class Snapshot:
    """One generation's derived arrays; every method takes a reader of that generation."""

    def __init__(self, reader: Any, segments: SegmentCache) -> None:
        self.generation = int(reader.generation() or 0)
        self.segments = segments
        self.table = FacetTable(reader, segments)
        self.alive: Mask = self.table.alive
        self.live_count = max(1, int(self.alive.sum()))
        # Read once: a walk of the language field's terms was ~6% of a small query.
        self.languages = index_languages(reader)
        self._lock = threading.Lock()
        self._lengths: dict[str, tuple[Scores, float]] = {}
        self._vocabulary: list[str] | None = None
        self._parsed: OrderedDict[str, ParsedQuery] = OrderedDict()
        self.lengths(reader, "text")  # every scored search needs it: built with the rest

    def parsed(self, text: str, schema: Any, reader: Any) -> ParsedQuery:
        """The query parsed against this generation, the last ``PARSED_QUERIES_KEPT`` kept:
        parsing is ~15% of a small query, and wildcard and fuzzy words expand against the
        generation's terms."""
        with self._lock:
            parsed = self._parsed.get(text)
            if parsed is not None:
                self._parsed.move_to_end(text)
                return parsed
        # A QueryError is raised, never kept.
        parsed = parse_query(text, schema, _CachedFrequencies(reader, self), self.languages)
        with self._lock:
            self._parsed[text] = parsed
            while len(self._parsed) > PARSED_QUERIES_KEPT:
                self._parsed.popitem(last=False)
        return parsed

    def postings(self, reader: Any, fieldname: str, text: str) -> tuple[Any, Any]:
        """A term's (document numbers, weights) over the generation, deletions included."""
        term = reader.schema[fieldname].to_bytes(text)
        ids: list[Any] = []
        weights: list[Any] = []
        for leaf, offset in reader.leaf_readers():
            leaf_ids, leaf_weights = self.segments.postings(leaf, fieldname, term)
            ids.append(leaf_ids + offset)
            weights.append(leaf_weights)
        return (
            np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
            np.concatenate(weights) if weights else np.zeros(0, dtype=np.float32),
        )

    def doc_frequency(self, reader: Any, fieldname: str, text: Any) -> int:
        """As ``reader.doc_frequency``, from the segments' cached term infos: the parse's
        "does this word exist?" and the postings read after it share one lookup."""
        if fieldname not in reader.schema:
            return int(reader.doc_frequency(fieldname, text))  # raises as Whoosh does
        term = reader.schema[fieldname].to_bytes(text)
        infos = [
            self.segments.term_info(leaf, fieldname, term) for leaf, _ in reader.leaf_readers()
        ]
        return sum(int(info.doc_frequency()) for info in infos if info is not None)

    def lengths(self, reader: Any, fieldname: str) -> tuple[Scores, float]:
        """Per-document field lengths and their mean over live documents."""
        with self._lock:
            known = self._lengths.get(fieldname)
        if known is not None:
            return known
        parts = [self.segments.lengths(leaf, fieldname) for leaf, _ in reader.leaf_readers()]
        lengths = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
        live = lengths[self.alive]
        mean = float(live.mean()) if live.size and live.mean() > 0 else 1.0
        with self._lock:
            self._lengths[fieldname] = (lengths, mean)
        return lengths, mean

    def vocabulary(self, reader: Any) -> list[str]:
        """The ``spell`` field's words, sorted; loaded on the first suggestion."""
        with self._lock:
            words = self._vocabulary
        if words is None:
            words = sorted(term.decode("utf-8") for term in reader.lexicon("spell"))
            with self._lock:
                self._vocabulary = words
        return words


class _CachedFrequencies:
    """A reader whose ``doc_frequency`` comes from the snapshot's segment cache."""

    def __init__(self, reader: Any, snapshot: Snapshot) -> None:
        self._reader = reader
        self._snapshot = snapshot

    def doc_frequency(self, fieldname: str, text: Any) -> int:
        return self._snapshot.doc_frequency(self._reader, fieldname, text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)
