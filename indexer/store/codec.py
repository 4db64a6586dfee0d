"""The on-disk codec: Whoosh's W3 format, written with cheaper settings.

* ``length_stats = False``: Whoosh otherwise looks up the field length of the
  document of every posting while flushing a segment (one column read, or one
  ``stat()`` for fields without lengths, per posting: ~20% of a build). The
  per-block length bounds only serve Whoosh's block-quality skipping, which the
  numpy scorer does not use; without them Whoosh's own skipping is merely more
  conservative, never wrong.
* Blocks of 256 postings instead of 128, zlib level 1 instead of 3: half the
  blocks to pickle, compress and (at query time) decompress.
* Posting lists of fewer than 16 postings are inlined into the term table (Whoosh's
  own feature, broken in 2.7.4's writer and fixed here): most terms (passage ids,
  rare words, spelling words) then cost no block of their own. Measured at 4,015
  passages: build CPU 5.9 -> 4.9 s (-17%), index 20.7 -> 19.3 MB.
* Stored fields are read through a column reader whose per-document offsets are a
  numpy cumulative sum: Whoosh's derives them in a Python loop over every document
  of the segment, for every new searcher, i.e. every request (~2 ms at 20k
  passages, ~10 ms at 100k: the largest fixed cost of a query, docs/performance.md).

The format stays W3: any Whoosh 2.7 reader opens these segments. The class is
pickled into the index's table of contents by module path: moving or renaming it
needs a SCHEMA_VERSION bump (store/schema.py), so an older index is rebuilt.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
)
from whoosh.columns import CompressedBytesColumn, PickleColumn
from whoosh.system import pack_ushort

from indexer.store.termtable import TermTable

INLINE_LIMIT = 16
_TERM_INFO = W3TermInfo._struct  # flags, weight, doc count, lengths, max weight, ids


class _InliningPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 2.7.4's writer with its inlining fixed: it calls ``set_inline``, which
    W3TermInfo does not have (``set_inlined``), so stock Whoosh can only use
    ``inlinelimit=1`` (never inline). Readers of every 2.7 version read inlined terms."""

    def finish_postings(self) -> Any:
        terminfo: Any = getattr(self, "_terminfo")  # noqa: B009 (Whoosh's untyped attribute)
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            # A format without values (author, section: existence only) keeps none, and
            # Whoosh's ListMatcher then answers '' (str) for a value, which a merge
            # refuses: give each posting its empty bytes value.
            values = self._values or [b""] * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class DirectWriting(W3FieldWriter):  # type: ignore[misc]
    """Whoosh's field writer, fed a term's postings a block at a time (its own
    ``add_postings`` makes three calls and five type checks per posting), and also
    writing ``direct``: text postings the build kept out of Whoosh's pool
    (docwriter.DirectPostings). Same bytes as Whoosh's (tests/test_docwriter.py)."""

    direct: Any = None
    _tindex: Any

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        self._tindex = TermTable.adopt(self._tindex)

    def add_postings(self, schema: Any, lengths: Any, items: Iterable[Any]) -> None:
        if lengths is not None and self.direct is None:  # length statistics: Whoosh's way
            super().add_postings(schema, lengths, items)
            return
        terms = _pool_terms(items)
        if self.direct is not None:
            terms = _combined(terms, self.direct.terms())
        lastfn: str | None = None
        for fieldname, btext, ids, weights, values in terms:
            if fieldname != lastfn:
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn = fieldname
            self._add_term(btext, ids, weights, values)
        if lastfn is not None:
            self.finish_field()

    def _add_term(self, btext: bytes, ids: Any, weights: Any, values: list[bytes]) -> None:
        """What ``start_term``, one ``add`` per posting and ``finish_term`` do: a block
        is written once full and another posting follows (the last one may be inlined)."""
        if len(ids) < self._codec._inlinelimit:
            self._add_inlined(btext, ids, weights, values)
            return
        self.start_term(btext)
        postings: Any = self._postwriter
        limit = postings._blocklimit
        for start in range(0, len(ids), limit):
            if start:
                postings._write_block()
            block_weights = weights[start : start + limit]
            postings._ids = array("I", ids[start : start + limit])
            postings._weights = array("f", block_weights)
            # Copies: the build shares one bytes object among equal values, which pickle
            # would write as back-references, unlike Whoosh (keeps the bytes Whoosh's).
            postings._values = [
                bytes(memoryview(value)) for value in values[start : start + limit] if value
            ]
            postings._maxweight = max(0, max(block_weights))
        self.finish_term()

    def _add_inlined(self, btext: bytes, ids: Any, weights: Any, values: list[bytes]) -> None:
        """A short list's term-table row, as ``_InliningPostingsWriter`` and
        ``W3TermInfo.to_bytes`` make it, without their objects: most terms (passage
        ids, spelling words, rare words) are short, and per-term calls were most of a
        flush."""
        block_weights = array("f", weights)
        kept = [bytes(memoryview(value)) for value in values if value] or [b""] * len(ids)
        row = _TERM_INFO.pack(
            True,  # inlined
            sum(block_weights),
            len(ids),
            0,  # no length statistics (length_stats = False)
            0,
            max(0, max(block_weights)),
            ids[0],
            ids[-1],
        )
        inlined = (tuple(array("I", ids)), tuple(block_weights), tuple(kept))
        self._tindex.add(pack_ushort(self._fieldid) + btext, row + dumps(inlined, 2))


Term = tuple[str, bytes, Any, Any, list[bytes]]  # field, term, ids, weights, values


def _pool_terms(items: Iterable[Any]) -> Iterator[Term]:
    """Whoosh's sorted (field, term, document, weight, value) postings, a term at a time."""
    lastfn: str | None = None
    lasttext: bytes | None = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    for fieldname, btext, docnum, weight, value in items:
        if docnum == -1:  # Whoosh's marker for spelling words: not postings
            continue
        if btext != lasttext or fieldname != lastfn:
            if lastfn is not None:
                if fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if fieldname == lastfn and lasttext is not None and btext < lasttext:
                    raise OutOfOrderError(f"Term {lastfn}:{lasttext!r} .. {btext!r}")
                yield lastfn, lasttext or b"", ids, weights, values
                ids, weights, values = [], [], []
            lastfn, lasttext = fieldname, btext
        ids.append(docnum)
        weights.append(weight)
        values.append(value or b"")
    if lastfn is not None:
        yield lastfn, lasttext or b"", ids, weights, values


def _combined(first: Iterator[Term], second: Iterator[Term]) -> Iterator[Term]:
    """Two term streams in (field, term) order; a term in both (a merge's postings
    beside the build's own) gets their postings in document order."""
    merged = heapq.merge(first, second, key=lambda term: (term[0], term[1]))
    for (fieldname, btext), group in groupby(merged, key=lambda term: (term[0], term[1])):
        parts = list(group)
        if len(parts) == 1:
            yield parts[0]
            continue
        postings = sorted(
            (docnum, weight, value)
            for _, _, ids, weights, values in parts
            for docnum, weight, value in zip(ids, weights, values, strict=True)
        )
        yield (
            fieldname,
            btext,
            [docnum for docnum, _, _ in postings],
            [weight for _, weight, _ in postings],
            [value for _, _, value in postings],
        )


class _StoredBytesColumn(CompressedBytesColumn):  # type: ignore[misc]
    """Whoosh's stored-fields column (zlib-compressed bytes), read with vectorised offsets."""

    def reader(self, dbfile: Any, basepos: int, length: int, doccount: int) -> Any:
        return _StoredBytesReader(dbfile, basepos, length, doccount, self._module)


class _StoredBytesReader(CompressedBytesColumn.Reader):  # type: ignore[misc]
    def _read_offsets_and_lengths(self) -> None:
        dbfile, doccount = self._dbfile, self._doccount
        lastbyte = self._basepos + self._length - 1
        code = chr(dbfile.get_byte(lastbyte))
        if code == "X":  # offsets written out: Whoosh reads them as one array already
            super()._read_offsets_and_lengths()
            return
        if code not in "bBhHiIlLqQ":  # the last byte names the lengths' integer type
            raise ValueError(f"stored-fields column ends in {code!r}, not a type code")
        dtype = np.dtype(code).newbyteorder(">")  # Whoosh writes arrays big-endian
        start = lastbyte - dtype.itemsize * doccount
        lengths = np.frombuffer(dbfile.get(start, dtype.itemsize * doccount), dtype=dtype)
        self._lengths = lengths.astype(np.int64)
        self._offsets = np.zeros(doccount, dtype=np.int64)
        np.cumsum(self._lengths[:-1], out=self._offsets[1:])

    def __getitem__(self, docnum: int) -> bytes:
        length = int(self._lengths[docnum])
        if not length:
            return b""
        data = self._dbfile.get(self._basepos + int(self._offsets[docnum]), length)
        return bytes(self._decompress(data))

    def __iter__(self) -> Any:
        for docnum in range(self._doccount):
            yield self[docnum]


_STORED_COLUMN = PickleColumn(_StoredBytesColumn())


class _PerDocReader(W3PerDocReader):  # type: ignore[misc]
    def stored_fields(self, docnum: int) -> dict[str, Any]:
        reader = self._cached_reader("_stored", _STORED_COLUMN)
        if reader is None:  # Whoosh finds no such file: a commit removed it (or damage)
            raise FileNotFoundError(f"the stored fields of segment {self._segment} are gone")
        fields: dict[str, Any] | None = reader[docnum]
        return fields or {}


class ArchiveCodec(W3Codec):  # type: ignore[misc]
    length_stats = False

    def __init__(
        self, blocklimit: int = 256, compression: int = 1, inlinelimit: int = INLINE_LIMIT
    ) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return DirectWriting(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _PerDocReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
