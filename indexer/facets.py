"""Facet counts and filters as numpy arrays, built once per index generation.

Whoosh's per-hit facet collectors are the slowest part of a faceted search
(see shared notes, "Facets"). Instead, each facet field becomes an array of
value ordinals indexed by document number; a filter is a boolean mask, a count
is a ``bincount`` over the matching documents. Counts for a facet ignore that
facet's own selection (disjunctive faceting), so users can widen as well as
narrow.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .columns import field_documents, live_documents, numeric_column
from .results import FacetValue

Mask = npt.NDArray[np.bool_]
SINGLE_VALUED = ("author", "section", "year", "month", "post_id")
MULTI_VALUED = ("category", "tag")


@dataclass
class FacetColumn:
    """One facet field: its distinct values and, per document, which ones it has."""

    values: list[str]
    ordinal_of: dict[str, int]
    # Single-valued: ordinals[doc] (-1 when empty). Multi-valued: (docs, ordinals) pairs.
    ordinals: npt.NDArray[np.int32] | None = None
    pair_docs: npt.NDArray[np.int64] | None = None
    pair_ordinals: npt.NDArray[np.int32] | None = None

    def mask_for(self, selected: tuple[str, ...], size: int) -> Mask:
        """Documents having any of ``selected`` (OR within a facet)."""
        # A lookup table indexed by ordinal (np.isin would sort the whole column);
        # its extra last slot is what ordinal -1 (no value) reads: False.
        wanted = np.zeros(len(self.values) + 1, dtype=bool)
        wanted[[self.ordinal_of[value] for value in selected if value in self.ordinal_of]] = True
        if self.ordinals is not None:
            return wanted[self.ordinals]
        mask = np.zeros(size, dtype=bool)
        if self.pair_docs is not None and self.pair_ordinals is not None:
            mask[self.pair_docs[wanted[self.pair_ordinals]]] = True
        return mask

    def counts(self, matching: Mask) -> npt.NDArray[np.int64]:
        if self.ordinals is not None:
            chosen = self.ordinals[matching]
            return np.bincount(chosen[chosen >= 0], minlength=len(self.values))
        assert self.pair_docs is not None and self.pair_ordinals is not None
        return np.bincount(self.pair_ordinals[matching[self.pair_docs]], minlength=len(self.values))


class FacetTable:
    """All facet columns of one index generation, plus dates and live documents."""

    def __init__(self, reader: Any) -> None:
        self.size = reader.doc_count_all()
        self.alive = live_documents(reader)
        self.columns: dict[str, FacetColumn] = {}
        for name in SINGLE_VALUED:
            self.columns[name] = self._single(reader, name)
        for name in MULTI_VALUED:
            self.columns[name] = self._multi(reader, name)
        self.date_keys = numeric_column(reader, "date_key")
        self.positions = numeric_column(reader, "position")

    @staticmethod
    def _terms(reader: Any, name: str) -> list[tuple[str, Any]]:
        """Each distinct value with the documents holding it, in value order."""
        return [
            (term.decode("utf-8"), documents)
            for term, documents in field_documents(reader, name)
            if term and len(documents)  # an empty value (no author, no date) is no facet value
        ]

    def _single(self, reader: Any, name: str) -> FacetColumn:
        """One value per document: ordinals set a value's whole posting list at a time."""
        terms = self._terms(reader, name)
        ordinals = np.full(self.size, -1, dtype=np.int32)
        for number, (_, documents) in enumerate(terms):
            ordinals[documents] = number
        values = [value for value, _ in terms]
        return FacetColumn(values, {v: n for n, v in enumerate(values)}, ordinals=ordinals)

    def _multi(self, reader: Any, name: str) -> FacetColumn:
        terms = self._terms(reader, name)
        values = [value for value, _ in terms]
        docs = [documents for _, documents in terms]
        ordinals = [
            np.full(len(documents), n, dtype=np.int32) for n, (_, documents) in enumerate(terms)
        ]
        return FacetColumn(
            values,
            {value: number for number, value in enumerate(values)},
            pair_docs=np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
            pair_ordinals=np.concatenate(ordinals) if ordinals else np.zeros(0, dtype=np.int32),
        )

    def facet_values(
        self, name: str, matching: Mask, selected: tuple[str, ...], limit: int
    ) -> tuple[list[FacetValue], bool]:
        """Values with their counts (most first; dates in date order), and whether cut."""
        column = self.columns[name]
        counts = column.counts(matching)
        present = np.flatnonzero(counts)  # values are sorted, so ordinals are in value order
        truncated = bool(limit) and len(present) > limit
        if name in ("year", "month"):
            shown = present.tolist()
        else:
            if truncated:  # only the top few need a full sort: numpy picks them first
                threshold = np.partition(counts[present], len(present) - limit)[
                    len(present) - limit
                ]
                present = present[counts[present] >= threshold]
            ranked = present[np.lexsort((present, -counts[present]))]
            shown = (ranked[:limit] if limit else ranked).tolist()
        result = [
            FacetValue(
                column.values[number], int(counts[number]), column.values[number] in selected
            )
            for number in shown
        ]
        # A selected value always shows, even with no matches left or beyond the cut.
        listed = {value.value for value in result}
        for value in selected:
            if value not in listed:
                number = column.ordinal_of.get(value)
                count = int(counts[number]) if number is not None else 0
                result.append(FacetValue(value, count, True))
        return result, truncated


_cache_lock = threading.Lock()
_cache: OrderedDict[tuple[str, int], FacetTable] = OrderedDict()
_CACHE_SIZE = 4


def facet_table(index_dir: str, reader: Any) -> FacetTable:
    """The facet table of the reader's generation, built once and shared by threads.

    A table is read-only once built, so sharing it is safe (unlike a searcher).
    """
    key = (index_dir, int(reader.generation()))
    with _cache_lock:
        table = _cache.get(key)
        if table is not None:
            _cache.move_to_end(key)
            return table
        table = FacetTable(reader)
        _cache[key] = table
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
        return table
