"""A segment's postings of the fields Whoosh analyses (ids, facets, names, spelling
words), kept as arrays per field instead of a tuple per posting in Whoosh's pool.

Whoosh's pool sorts its tuples in memory up to its limit (128 MB, ~750k postings, a
worker's share of ~60k passages) and past it writes sorted runs to disk, merged back
a posting at a time through a heap: at 1M passages that merge and the runs were ~15%
of a build. Here a posting is four numbers (term, document, weight, value), values
and terms numbered per field; past the limit the arrays spill as they are
(``runs``), and the flush sorts them by term with numpy.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from indexer.store import runs

Term = tuple[str, bytes, list[int], list[float], list[bytes]]  # field, term, ids, weights, values
Posting = tuple[bytes, int, float, bytes]  # what ``field.index`` gives: term, freq, weight, value
POSTING_BYTES = 40  # four numbers held, about as much again while a flush sorts


class FieldKeys:
    """One field's postings in a segment, in document order."""

    def __init__(self) -> None:
        self.numbers: dict[bytes, int] = {}  # term -> its number
        self.terms: list[bytes] = []
        self.value_numbers: dict[bytes, int] = {}
        self.values: list[bytes] = []
        self.term_ids = array("i")
        self.documents = array("i")
        self.weights = array("d")
        self.value_ids = array("i")
        self.runs: list[runs.Run] = []

    def add(self, docnum: int, postings: Iterable[Posting]) -> tuple[int, int]:
        """A document's postings for this field: (how many, the sum of frequencies)."""
        numbers, value_numbers = self.numbers, self.value_numbers
        count = length = 0
        for tbytes, freq, weight, vbytes in postings:
            number = numbers.get(tbytes)
            if number is None:
                number = numbers[tbytes] = len(self.terms)
                self.terms.append(tbytes)
            value = value_numbers.get(vbytes or b"")
            if value is None:
                value = value_numbers[vbytes or b""] = len(self.values)
                self.values.append(vbytes or b"")
            self.term_ids.append(number)
            self.weights.append(weight)
            self.value_ids.append(value)
            count += 1
            length += freq
        self.documents.extend([docnum] * count)
        return count, length

    def spill(self) -> None:
        """The postings held so far to a temporary file, read back at the flush."""
        if self.documents:
            held: list[array[Any]] = [self.term_ids, self.documents, self.weights, self.value_ids]
            self.runs.append(runs.spill(held))
            self._clear()

    def _clear(self) -> None:
        self.term_ids, self.documents = array("i"), array("i")
        self.weights, self.value_ids = array("d"), array("i")

    def _parts(self) -> Iterator[runs.Arrays]:
        for run in self.runs:
            yield tuple(runs.read(run, "iidi"))
        if self.documents:
            yield (
                np.frombuffer(self.term_ids, dtype=np.int32),
                np.frombuffer(self.documents, dtype=np.int32),
                np.frombuffer(self.weights, dtype=np.float64),
                np.frombuffer(self.value_ids, dtype=np.int32),
            )

    def postings(self, name: str, chunk_size: int) -> Iterator[Term]:
        """Every term's postings in term order, in document order within a term."""
        in_order, rank = runs.term_ranks(self.terms)
        values = self.values
        for ranks, documents, weights, value_ids in runs.chunks(
            self._parts, rank, bool(self.runs), chunk_size
        ):
            order = np.argsort(ranks, kind="stable")  # documents stay in order
            ranks = ranks[order]
            starts = np.flatnonzero(runs.changes(ranks)).tolist()
            term_ranks = ranks[starts].tolist()
            ids, scores = documents[order].tolist(), weights[order].tolist()
            kept = value_ids[order].tolist()
            del order, ranks
            ends = [*starts[1:], len(ids)]
            for a, b, rank_of in zip(starts, ends, term_ranks, strict=True):
                term = self.terms[in_order[rank_of]]
                yield name, term, ids[a:b], scores[a:b], [values[v] for v in kept[a:b]]
        runs.close(self.runs)
        self.runs = []
        self._clear()
