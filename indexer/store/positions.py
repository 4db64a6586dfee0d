"""Term positions read and matched in bulk: exact phrases as array work.

Whoosh's Positions format stores, per posting, the position count (4 bytes,
big-endian) and the pickled list of position deltas (protocol 2). Whoosh's
phrase matcher (and a walk of its matchers) decodes these one document at a time
in Python: ~200 ms for two common words at 100k passages, almost all of it spent
on documents that hold both words but not side by side. Here a term's raw values
are read once per segment as one byte buffer with offsets (``segments.leaf_values``,
cached by ``SegmentCache.values``); a phrase's candidates then have their
deltas unpickled in one ``pickle.loads`` of their items spliced into a single
list, and positions are matched as sorted integer keys (document, start).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

Documents = npt.NDArray[np.int64]
# What every value starts with after its count: PROTO 2, EMPTY_LIST, BINPUT 0.
_LIST_HEAD = b"\x80\x02]q\x00"
_HEAD = 4 + len(_LIST_HEAD)  # count, then the list
_BATCH = 1000  # pickle appends in batches of this many: longer lists are decoded alone
_SHIFT = 32  # a key is (row << _SHIFT) + start position


class RawValues(NamedTuple):
    """A term's postings in one segment: document numbers and, per posting, its
    encoded value (``buffer[offsets[i]:offsets[i + 1]]``)."""

    ids: Documents
    buffer: npt.NDArray[np.uint8]
    offsets: npt.NDArray[np.int64]


def empty_values() -> RawValues:
    return RawValues(
        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint8), np.zeros(1, dtype=np.int64)
    )


def raw_values(ids: list[Any], values: list[bytes]) -> RawValues:
    """``RawValues`` from document-number arrays and the postings' encoded values."""
    if not values:
        return empty_values()
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)), out=offsets[1:])
    buffer = np.frombuffer(b"".join(values), dtype=np.uint8)
    return RawValues(np.concatenate(ids), buffer, offsets)


def positions(values: RawValues, rows: Documents) -> tuple[Documents, Documents]:
    """The positions of postings ``rows``: (count per row, positions row after row)."""
    starts, ends = values.offsets[rows], values.offsets[rows + 1]
    buffer = values.buffer
    if not rows.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    counts = (
        buffer[starts].astype(np.int64) << 24
        | buffer[starts + 1].astype(np.int64) << 16
        | buffer[starts + 2].astype(np.int64) << 8
        | buffer[starts + 3].astype(np.int64)
    )
    deltas = _spliced(buffer, starts, ends, counts)
    if deltas is None:  # not the layout expected: each value decoded alone
        deltas = np.fromiter(_one_by_one(buffer, starts, ends), dtype=np.int64)
    # Deltas to positions: a running sum, restarted at each row's first position.
    running = np.cumsum(deltas)
    before = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=before[1:])
    carried = running[before] - deltas[before]
    return counts, running - np.repeat(carried, counts)


def _one_by_one(buffer: Any, starts: Any, ends: Any) -> Iterator[int]:
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        yield from pickle.loads(buffer[start + 4 : end].tobytes())


def _spliced(buffer: Any, starts: Any, ends: Any, counts: Any) -> Documents | None:
    """All rows' deltas from one ``pickle.loads``: each value's items (between its MARK or
    list and its APPENDS or APPEND) spliced into one list; None if any value is not laid
    out as Python's protocol-2 pickle of a short list."""
    if counts.min() < 1 or counts.max() > _BATCH:
        return None
    single = counts == 1
    heads = buffer[starts[:, None] + np.arange(4, _HEAD)]
    if not (heads == np.frombuffer(_LIST_HEAD, dtype=np.uint8)).all():
        return None
    first = np.where(single, starts + _HEAD, starts + _HEAD + 1)  # after "(" (MARK)
    last = ends - 2  # before "a." (APPEND) or "e." (APPENDS)
    closing = np.where(single, ord("a"), ord("e"))
    if (buffer[last] != closing).any() or (buffer[ends - 1] != ord(".")).any():
        return None
    if (buffer[first[~single] - 1] != ord("(")).any():
        return None
    lengths = last - first
    inside = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    items = buffer[np.repeat(first, lengths) + inside].tobytes()
    try:
        decoded = pickle.loads(b"\x80\x02](" + items + b"e.")
    except (pickle.UnpicklingError, ValueError, EOFError, IndexError):
        return None
    deltas = np.asarray(decoded, dtype=np.int64)
    return deltas if deltas.size == int(counts.sum()) else None


def phrase_documents(words: Iterable[RawValues], documents: Documents) -> Documents:
    """Which of ``documents`` (ascending, the segment's own numbers) hold the words at
    consecutive positions: word ``k`` at ``start + k``, as Whoosh's phrase matcher
    (slop 1) requires. The candidates shrink word by word: positions are decoded only
    for documents still in the running, and a word is read only while some are."""
    candidates = documents
    keys: Documents | None = None
    for shift, values in enumerate(words):
        rows = np.searchsorted(values.ids, candidates)
        present = rows < values.ids.size
        present[present] = values.ids[rows[present]] == candidates[present]
        candidates, rows = candidates[present], rows[present]
        if keys is not None:  # the keys of documents still in the running
            keys = _renumber(keys[present[keys >> _SHIFT]], present)
        if not candidates.size:
            return candidates
        counts, places = positions(values, rows)
        ranks = np.repeat(np.arange(candidates.size, dtype=np.int64), counts)
        starting = places >= shift  # a phrase starts at position 0 at the earliest
        word_keys = (ranks[starting] << _SHIFT) + (places[starting] - shift)
        keys = word_keys if keys is None else _common(keys, word_keys)
        held = _distinct_sorted(keys >> _SHIFT)  # keys are sorted: so are their rows
        candidates = candidates[held]
        keys = _renumber(keys, _mask(held, counts.size))
    return candidates


def _common(keys: Documents, word_keys: Documents) -> Documents:
    """The keys in both, sorted (``np.intersect1d``'s answer): each of ``keys`` (sorted,
    distinct) looked up in ``word_keys`` by binary search, rather than a sort of both;
    ``word_keys`` is ascending when positions are, else it is sorted first."""
    if word_keys.size > 1 and not (word_keys[1:] > word_keys[:-1]).all():
        return np.intersect1d(keys, word_keys)
    if not word_keys.size:
        return word_keys
    found = np.searchsorted(word_keys, keys)
    found[found == word_keys.size] = 0
    kept: Documents = keys[word_keys[found] == keys]
    return kept


def _distinct_sorted(rows: Documents) -> Documents:
    """``np.unique`` of an ascending array, without its sort."""
    if rows.size < 2:
        return rows
    first = np.empty(rows.size, dtype=bool)
    first[0] = True
    np.not_equal(rows[1:], rows[:-1], out=first[1:])
    distinct: Documents = rows[first]
    return distinct


def _mask(chosen: Documents, size: int) -> npt.NDArray[np.bool_]:
    mask = np.zeros(size, dtype=bool)
    mask[chosen] = True
    return mask


def _renumber(keys: Documents, kept: npt.NDArray[np.bool_]) -> Documents:
    """Keys whose rows are all in ``kept``, with each row renumbered to its rank among
    the kept rows."""
    new_rank = np.cumsum(kept, dtype=np.int64) - 1
    rows = keys >> _SHIFT
    renumbered: Documents = (new_rank[rows] << _SHIFT) + (keys - (rows << _SHIFT))
    return renumbered
