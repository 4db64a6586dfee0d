"""Posting lists read in bulk from a segment's files (W3 codec): a term's document
numbers with their weights or their encoded positions, a block at a time (Whoosh's
matchers step one posting per Python call). ``segments.SegmentCache`` caches them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound
from zlib_ng import zlib_ng

from indexer.errors import StorageFailure
from indexer.store.blocks import decode_block
from indexer.store.damage import is_damage
from indexer.store.positions import RawValues, empty_values, raw_values

_Decoded = TypeVar("_Decoded")


def _decodes(function: Callable[..., _Decoded]) -> Callable[..., _Decoded]:
    """Marks a reader of segment files: what damaged files raise inside is a
    ``StorageFailure`` (damaged files, or files a merging commit deleted); a bug stays one."""

    @wraps(function)
    def decoding(*args: Any, **kwargs: Any) -> _Decoded:
        try:
            return function(*args, **kwargs)
        except Exception as error:
            if not is_damage(error):
                raise
            raise StorageFailure(error) from error

    return decoding


def _blocks(matcher: Any, *parts: str) -> Iterator[tuple[Any, ...]]:
    """A leaf matcher's postings as (document numbers, *parts) runs: its blocks, or one
    run for a short list stored inline in the term index. ``parts``: "weights" and/or
    "values" (the encoded positions), read from the same block."""
    if isinstance(matcher, W3LeafMatcher):  # a block at a time
        values = "values" in parts
        while matcher.is_active():
            if matcher._data is None:
                matcher._data = _block_data(matcher, values)
            for part in parts:
                if getattr(matcher, f"_{part}") is None:
                    getattr(matcher, f"_read_{part}")()
            yield _block_ids(matcher), *(getattr(matcher, f"_{part}") for part in parts)
            matcher._next_block()
        return
    runs: list[list[Any]] = [[] for _ in range(len(parts) + 1)]
    readers = [matcher.id, *(matcher.weight if p == "weights" else matcher.value for p in parts)]
    while matcher.is_active():
        for run, read in zip(runs, readers, strict=True):
            run.append(read())
        matcher.next()
    yield tuple(runs)


def _block_data(matcher: Any, values: bool) -> tuple[Any, Any, Any]:
    """The current block's (ids, weights, values) as Whoosh's ``_read_data`` reads them,
    decoded by ``blocks.decode_block`` (values None unless asked for)."""
    raw = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    if matcher._compression:  # zlib-ng's inflate: the same bytes, ~40% less time
        raw = zlib_ng.decompress(raw)
    return decode_block(bytes(raw), matcher._blocklength, values)


def _block_ids(matcher: Any) -> Any:
    """The current block's document numbers: its stored deltas summed by numpy, not by
    Whoosh's ``delta_decode`` generator (a Python step per posting)."""
    if matcher._ids is not None:
        return matcher._ids
    if matcher._data is None:
        matcher._read_data()
    deltas = matcher._data[0]
    if matcher._byteids:
        return np.asarray(deltas)
    # An array first: np.cumsum of a tuple converts it on a slower path (~2.5x).
    return np.array(deltas, dtype=np.int64).cumsum()


def _matcher_arrays(matcher: Any) -> tuple[Any, Any]:
    """All postings of a leaf matcher as (document numbers, weights)."""
    ids: list[Any] = []
    weights: list[Any] = []
    for block_ids, block_weights in _blocks(matcher, "weights"):
        ids.append(np.asarray(block_ids, dtype=np.int64))
        weights.append(np.asarray(block_weights, dtype=np.float32))
    return (
        np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
        np.concatenate(weights).astype(np.float32) if weights else np.zeros(0, dtype=np.float32),
    )


@_decodes
def leaf_term_info(leaf: Any, fieldname: str, term: bytes) -> Any:
    """A term's ``TermInfo`` in one segment (its document frequency, where its postings
    are), None if the segment lacks it: one lookup in the segment's term index."""
    try:
        return leaf._terms.term_info(fieldname, term)
    except TermNotFound:
        return None


@_decodes
def leaf_postings(leaf: Any, fieldname: str, term: bytes, info: Any) -> tuple[Any, Any]:
    """A term's postings in one segment: (document numbers, weights), deletions included;
    ``info`` is its ``leaf_term_info``."""
    if info is None:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    terms = leaf._terms
    return _matcher_arrays(
        terms._codec.postings_reader(
            terms._postfile, info, leaf.schema[fieldname].format, term=(fieldname, term)
        )
    )


@_decodes
def leaf_values(
    leaf: Any, fieldname: str, term: bytes, info: Any
) -> tuple[tuple[Any, Any], RawValues]:
    """A term's postings in one segment, (document numbers, weights) as ``leaf_postings``
    reads them, and with their encoded values (positions): one read of each block."""
    if info is None:
        return leaf_postings(leaf, fieldname, term, info), empty_values()
    terms = leaf._terms
    matcher = terms._codec.postings_reader(
        terms._postfile, info, leaf.schema[fieldname].format, term=(fieldname, term)
    )
    ids: list[Any] = []
    weights: list[Any] = []
    values: list[bytes] = []
    for block_ids, block_weights, block_values in _blocks(matcher, "weights", "values"):
        ids.append(np.asarray(block_ids, dtype=np.int64))
        weights.append(np.asarray(block_weights, dtype=np.float32))
        values.extend(block_values)
    postings = (np.concatenate(ids), np.concatenate(weights).astype(np.float32))
    return postings, raw_values(ids, values)


@_decodes
def field_documents(leaf: Any, fieldname: str) -> list[tuple[bytes, npt.NDArray[np.int64]]]:
    """Every term of a field in one segment with the documents holding it, in term
    order: one sequential walk of the segment's term table, not a lookup per term."""
    terms = leaf._terms
    postings_format = leaf.schema[fieldname].format
    found = []
    for (name, term), info in terms.items_from(fieldname, b""):
        if name != fieldname:
            break
        matcher = terms._codec.postings_reader(
            terms._postfile, info, postings_format, term=(fieldname, term)
        )
        found.append((term, _matcher_arrays(matcher)[0]))
    return found
