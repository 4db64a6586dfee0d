"""Segment data as numpy arrays, read in bulk and cached per segment.

Whoosh's public readers return one value per Python call; at a million
passages that is seconds per facet or sort column. The readers below read the
same on-disk structures (W3 codec) in bulk. Every array is indexed by the
segment's own document number, except ``live_documents`` (the reader's global
numbers: segments concatenated in order).

A Whoosh segment never changes once written (deletions are kept apart, in the
table of contents), so whatever is read from it stays valid across commits.
Caching per segment rather than per index generation means a commit that adds
one small segment costs only that segment: the large ones keep their facet
ordinals, field lengths, numeric columns and posting lists. Cached arrays never
reflect deletions; callers add the segment's base and mask deleted documents.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import _length_byte_cache

from indexer.store.positions import RawValues
from indexer.store.postings import (
    _decodes,
    field_documents,
    leaf_postings,
    leaf_term_info,
    leaf_values,
)

_BYTE_TO_LENGTH = np.asarray(_length_byte_cache, dtype=np.float32)
# NUMERIC columns hold "sortable" unsigned big-endian integers (signed values offset).
_NUMERIC_DTYPES = {"B": ">u1", "H": ">u2", "I": ">u4", "Q": ">u8"}


def _column_bytes(leaf: Any, column_name: str, column_type: Any) -> bytes | None:
    perdoc = leaf._perdoc
    if not perdoc.has_column(column_name):
        return None
    perdoc.column_reader(column_name, column_type)  # opens the file; the reader closes it
    colfile, offset, length = perdoc._colfiles[column_name]
    return bytes(colfile.get(offset, length))


def _fit(values: Any, count: int, fill: Any) -> Any:
    """Documents after the last written value have the column's default."""
    if len(values) >= count:
        return values[:count]
    return np.concatenate([values, np.full(count - len(values), fill, dtype=values.dtype)])


@_decodes
def field_lengths(leaf: Any, fieldname: str) -> npt.NDArray[np.float32]:
    """Per-document token counts of a field in one segment (Whoosh's one-byte approximation)."""
    raw = _column_bytes(leaf, f"_{fieldname}_len", LENGTHS_COLUMN)
    codes = np.frombuffer(raw, dtype=np.uint8) if raw else np.zeros(0, dtype=np.uint8)
    lengths: npt.NDArray[np.float32] = _BYTE_TO_LENGTH[_fit(codes, leaf.doc_count_all(), 0)]
    return lengths


@_decodes
def numeric_column(leaf: Any, fieldname: str) -> npt.NDArray[np.int64]:
    """A sortable NUMERIC (int) field's values for every document of one segment."""
    field = leaf.schema[fieldname]
    dtype = np.dtype(_NUMERIC_DTYPES[field.sortable_typecode])
    raw = _column_bytes(leaf, fieldname, field.column_type)
    values = np.frombuffer(raw, dtype=dtype) if raw else np.zeros(0, dtype=dtype)
    sortable = _fit(values.astype(np.uint64), leaf.doc_count_all(), np.uint64(0))
    # Signed values are stored offset by 2**(bits-1): subtracting it in uint64 and
    # casting gives the two's-complement value.
    offset = np.uint64(1 << (field.bits - 1)) if field.signed else np.uint64(0)
    numbers: npt.NDArray[np.int64] = (sortable - offset).astype(np.int64)
    return numbers


@_decodes
def live_documents(reader: Any) -> npt.NDArray[np.bool_]:
    """True for every document not deleted."""
    parts = []
    for leaf, _ in reader.leaf_readers():
        alive = np.ones(leaf.doc_count_all(), dtype=bool)
        if leaf.has_deletions():
            alive[np.fromiter(leaf._perdoc.deleted_docs(), dtype=np.int64)] = False
        parts.append(alive)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


# The per-segment cache, one per open index (``ArchiveIndex`` owns it)

CACHE_BYTES = 512 * 1024 * 1024
_Value = TypeVar("_Value")


def _arrays_bytes(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, tuple | list):
        return sum(_arrays_bytes(item) for item in value) + 64
    return 64


class SegmentCache:
    """Arrays read from the segments of one index, least recently used first out,
    bounded by bytes. Keys are segment ids: unique within one index folder."""

    def __init__(self, limit_bytes: int = CACHE_BYTES) -> None:
        self.limit_bytes = limit_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self.lock = threading.Lock()

    def _get(self, key: tuple[Any, ...], compute: Callable[[], _Value]) -> _Value:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
                return entry[0]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: readers of other keys go on
        size = _arrays_bytes(value)
        with self.lock:
            if key not in self.entries:
                self.entries[key] = (value, size)
                self.size += size
                while self.size > self.limit_bytes and len(self.entries) > 1:
                    _, (_, dropped) = self.entries.popitem(last=False)
                    self.size -= dropped
        return value

    def term_info(self, leaf: Any, fieldname: str, term: bytes) -> Any:
        """A term's ``TermInfo`` in one segment, or None: looked up once, for the query's
        parse (does the word exist?) and for its postings."""
        return self._get(
            (_segment_id(leaf), "info", fieldname, term),
            lambda: leaf_term_info(leaf, fieldname, term),
        )

    def postings(self, leaf: Any, fieldname: str, term: bytes) -> Any:
        """A term's (document numbers, weights) in one segment."""
        return self._get(
            (_segment_id(leaf), "postings", fieldname, term),
            lambda: leaf_postings(leaf, fieldname, term, self.term_info(leaf, fieldname, term)),
        )

    def values(self, leaf: Any, fieldname: str, term: bytes) -> RawValues:
        """A term's postings with their encoded positions in one segment (phrases); its
        ``postings`` are kept from the same read."""
        segment = _segment_id(leaf)

        def read() -> RawValues:
            info = self.term_info(leaf, fieldname, term)
            postings, values = leaf_values(leaf, fieldname, term, info)
            self._get((segment, "postings", fieldname, term), lambda: postings)
            return values

        return self._get((segment, "values", fieldname, term), read)

    def lengths(self, leaf: Any, fieldname: str) -> npt.NDArray[np.float32]:
        return self._get(
            (_segment_id(leaf), "lengths", fieldname), lambda: field_lengths(leaf, fieldname)
        )

    def numbers(self, leaf: Any, fieldname: str) -> npt.NDArray[np.int64]:
        return self._get(
            (_segment_id(leaf), "numbers", fieldname), lambda: numeric_column(leaf, fieldname)
        )

    def facet_pairs(self, leaf: Any, fieldname: str) -> Any:
        """A field's non-empty values in one segment, sorted, and (documents, value ordinals)."""
        return self._get(
            (_segment_id(leaf), "facet", fieldname), lambda: _facet_pairs(leaf, fieldname)
        )


def _segment_id(leaf: Any) -> str:
    return str(leaf._segment.segment_id())


def _facet_pairs(leaf: Any, fieldname: str) -> tuple[list[str], Any, Any]:
    values: list[str] = []
    docs: list[Any] = []
    ordinals: list[Any] = []
    for term, documents in field_documents(leaf, fieldname):
        if term and len(documents):
            docs.append(documents)
            ordinals.append(np.full(len(documents), len(values), dtype=np.int32))
            values.append(term.decode("utf-8"))
    # Document numbers in 32 bits where they fit (a segment of under 2**31 documents):
    # these pairs stay cached for the process's life, a fifth of a server's memory at 1M.
    dtype = np.int32 if leaf.doc_count_all() < 2**31 else np.int64
    return (
        values,
        np.concatenate(docs).astype(dtype) if docs else np.zeros(0, dtype=dtype),
        np.concatenate(ordinals) if ordinals else np.zeros(0, dtype=np.int32),
    )
