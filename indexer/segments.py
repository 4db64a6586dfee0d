"""Arrays derived from index segments, cached per segment.

A Whoosh segment never changes once written (deletions are kept apart, in the
table of contents), so whatever is read from it stays valid across commits.
Caching per segment rather than per index generation means a commit that adds
one small segment costs only that segment: the large ones keep their facet
ordinals, field lengths, numeric columns and posting lists. Every array here is
local to its segment (document numbers from 0) and never reflects deletions;
callers add the segment's base and mask deleted documents.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from .columns import field_documents, field_lengths, leaf_postings, numeric_column

CACHE_BYTES = 512 * 1024 * 1024
_Value = TypeVar("_Value")


class _SegmentCache:
    """One least-recently-used cache for all segments, bounded by bytes."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(
        self, key: tuple[Any, ...], compute: Callable[[], _Value], nbytes: Callable[[_Value], int]
    ) -> _Value:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
                return entry[0]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: readers of other keys go on
        size = nbytes(value)
        with self.lock:
            if key not in self.entries:
                self.entries[key] = (value, size)
                self.size += size
                while self.size > self.limit_bytes and len(self.entries) > 1:
                    _, (_, dropped) = self.entries.popitem(last=False)
                    self.size -= dropped
        return value


_cache = _SegmentCache(CACHE_BYTES)


def segment_key(leaf: Any) -> tuple[str, str]:
    """Segment names are unique within a folder only: a copied index has the same ones."""
    folder = getattr(leaf._storage, "folder", None) or str(id(leaf._storage))
    return str(folder), str(leaf._segment.segment_id())


def _arrays_bytes(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, tuple | list):
        return sum(_arrays_bytes(item) for item in value) + 64
    return 64


def postings(leaf: Any, fieldname: str, term: bytes) -> Any:
    """A term's (document numbers, weights) in one segment."""
    return _cache.get(
        (segment_key(leaf), "postings", fieldname, term),
        lambda: leaf_postings(leaf, fieldname, term),
        _arrays_bytes,
    )


def lengths(leaf: Any, fieldname: str) -> npt.NDArray[np.float32]:
    return _cache.get(
        (segment_key(leaf), "lengths", fieldname),
        lambda: field_lengths(leaf, fieldname),
        _arrays_bytes,
    )


def numbers(leaf: Any, fieldname: str) -> npt.NDArray[np.int64]:
    return _cache.get(
        (segment_key(leaf), "numbers", fieldname),
        lambda: numeric_column(leaf, fieldname),
        _arrays_bytes,
    )


def facet_pairs(leaf: Any, fieldname: str) -> Any:
    """A field's non-empty values in one segment, sorted, and (documents, value ordinals)."""

    def compute() -> tuple[list[str], Any, Any]:
        values: list[str] = []
        docs: list[Any] = []
        ordinals: list[Any] = []
        for term, documents in field_documents(leaf, fieldname):
            if term and len(documents):
                docs.append(documents)
                ordinals.append(np.full(len(documents), len(values), dtype=np.int32))
                values.append(term.decode("utf-8"))
        return (
            values,
            np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
            np.concatenate(ordinals) if ordinals else np.zeros(0, dtype=np.int32),
        )

    return _cache.get((segment_key(leaf), "facet", fieldname), compute, _arrays_bytes)
