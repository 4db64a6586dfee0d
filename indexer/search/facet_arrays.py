"""Facet counts and filters as numpy arrays, built once per index generation.

Whoosh's per-hit facet collectors are the slowest part of a faceted search
(see shared notes, "Facets"). Instead, each facet field becomes an array of
value ordinals indexed by document number; a filter is a boolean mask, a count
is a ``bincount`` over the matching documents. Counts for a facet ignore that
facet's own selection (disjunctive faceting), so users can widen as well as
narrow. A facet whose values differ only as its ``key`` allows (``Debian`` and
``debian``) is one column value, shown as its commonest spelling: a filter typed either
way selects it, and its count is the sum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.contract.facets import FACETS
from indexer.contract.results import FacetValue
from indexer.store.segments import SegmentCache, live_documents

Mask = npt.NDArray[np.bool_]
# Besides the facets, post ids: counted per post and read for total_posts.
FIELDS = {"post_id": False, **{name: facet.multi_valued for name, facet in FACETS.items()}}


@dataclass
class FacetColumn:
    """One facet field: its distinct values and, per document, which ones it has."""

    values: list[str]  # sorted; merged spellings (Facet.merges_spellings): the commonest
    ordinal_of: dict[str, int]  # by the facet's key
    # Single-valued: ordinals[doc] (-1 when empty). Multi-valued: (docs, ordinals) pairs.
    ordinals: npt.NDArray[np.int32] | None = None
    pair_docs: npt.NDArray[Any] | None = None  # int32 where the index allows, else int64
    pair_ordinals: npt.NDArray[np.int32] | None = None
    key: Callable[[str], str] = str  # the facet's key (post ids: themselves)

    def ordinal(self, value: str) -> int | None:
        """The column value ``value`` selects, typed any way its facet allows."""
        return self.ordinal_of.get(self.key(value))

    def mask_for(self, selected: tuple[str, ...], size: int) -> Mask:
        """Documents having any of ``selected`` (OR within a facet)."""
        # A lookup table indexed by ordinal (np.isin would sort the whole column);
        # its extra last slot is what ordinal -1 (no value) reads: False.
        wanted = np.zeros(len(self.values) + 1, dtype=bool)
        wanted[[number for value in selected if (number := self.ordinal(value)) is not None]] = True
        if self.ordinals is not None:
            return wanted[self.ordinals]
        mask = np.zeros(size, dtype=bool)
        if self.pair_docs is not None and self.pair_ordinals is not None:
            mask[self.pair_docs[wanted[self.pair_ordinals]]] = True
        return mask

    def counts(self, matching: Mask, documents: Any = None) -> npt.NDArray[np.int64]:
        """Documents per value among ``matching``; ``documents``: the same set as
        document numbers, when the caller has them (a pass over the matches only)."""
        if self.ordinals is not None:
            chosen = self.ordinals[matching if documents is None else documents]
            return np.bincount(chosen[chosen >= 0], minlength=len(self.values))
        assert self.pair_docs is not None and self.pair_ordinals is not None
        return np.bincount(self.pair_ordinals[matching[self.pair_docs]], minlength=len(self.values))


class FacetTable:
    """All facet columns of one index generation, plus dates and live documents."""

    def __init__(self, reader: Any, segments: SegmentCache) -> None:
        self.segments = segments
        self.size = reader.doc_count_all()
        self.alive = live_documents(reader)
        leaves = list(reader.leaf_readers())
        self.columns: dict[str, FacetColumn] = {}
        for name, multi_valued in FIELDS.items():
            self.columns[name] = self._assemble(leaves, name, single=not multi_valued)
        self.date_keys = self._numbers(leaves, "date_key")
        self.positions = self._numbers(leaves, "position")

    def _assemble(self, leaves: list[tuple[Any, int]], name: str, single: bool) -> FacetColumn:
        """The generation's column from each segment's cached (values, docs, ordinals):
        only segments new since the last commit are read; the rest is array work."""
        parts = [(self.segments.facet_pairs(leaf, name), base) for leaf, base in leaves]
        values = sorted({value for (segment_values, _, _), _ in parts for value in segment_values})
        ordinal_of = {value: number for number, value in enumerate(values)}
        docs: list[Any] = []
        ordinals: list[Any] = []
        dtype = np.int32 if self.size < 2**31 else np.int64  # as the segments' (segments.py)
        for (segment_values, segment_docs, segment_ordinals), base in parts:
            to_global = np.asarray([ordinal_of[v] for v in segment_values], dtype=np.int32)
            docs.append(np.add(segment_docs, base, dtype=dtype))
            ordinals.append(
                to_global[segment_ordinals] if len(segment_ordinals) else segment_ordinals
            )
        all_docs = np.concatenate(docs) if docs else np.zeros(0, dtype=dtype)
        all_ordinals = np.concatenate(ordinals) if ordinals else np.zeros(0, dtype=np.int32)
        facet = FACETS.get(name)
        key: Callable[[str], str] = facet.key if facet is not None else str
        if facet is not None and facet.merges_spellings:
            values, ordinal_of, all_docs, all_ordinals = _by_key(
                values, all_docs, all_ordinals, _keys(name, values, key), single
            )
        if not single:
            return FacetColumn(
                values, ordinal_of, pair_docs=all_docs, pair_ordinals=all_ordinals, key=key
            )
        by_document = np.full(self.size, -1, dtype=np.int32)
        by_document[all_docs] = all_ordinals
        return FacetColumn(values, ordinal_of, ordinals=by_document, key=key)

    def _numbers(self, leaves: list[tuple[Any, int]], name: str) -> npt.NDArray[np.int64]:
        parts = [self.segments.numbers(leaf, name) for leaf, _ in leaves]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def facet_values(
        self,
        name: str,
        matching: Mask,
        selected: tuple[str, ...],
        limit: int,
        in_value_order: bool = False,
        documents: Any = None,
    ) -> tuple[list[FacetValue], bool]:
        """Values with their counts (most first; dates in date order), and whether cut.
        ``documents``: ``matching`` as document numbers, when the caller has them."""
        column = self.columns[name]
        counts = column.counts(matching, documents)
        present = np.flatnonzero(counts)  # values are sorted, so ordinals are in value order
        truncated = bool(limit) and len(present) > limit
        if in_value_order:
            shown = present.tolist()
        else:
            if truncated:  # only the top few need a full sort: numpy picks them first
                threshold = np.partition(counts[present], len(present) - limit)[
                    len(present) - limit
                ]
                present = present[counts[present] >= threshold]
            ranked = present[np.lexsort((present, -counts[present]))]
            shown = (ranked[:limit] if limit else ranked).tolist()
        facet = FACETS.get(name)
        label = facet.label if facet is not None else str
        chosen = {column.key(value) for value in selected}
        result = [
            FacetValue(
                column.values[number],
                int(counts[number]),
                column.key(column.values[number]) in chosen,
                label(column.values[number]),
            )
            for number in shown
        ]
        # A selected value always shows, even with no matches left or beyond the cut.
        listed = {column.key(value.value) for value in result}
        for value in selected:
            if column.key(value) not in listed:
                listed.add(column.key(value))
                number = column.ordinal(value)
                count = int(counts[number]) if number is not None else 0
                result.append(FacetValue(value, count, True, label(value)))
        return result, truncated


# Each facet's keys of the values seen, kept across generations: a commit adds a few
# values, and folding 100k names again for each generation's column costs a second.
_KEYS: dict[str, dict[str, str]] = {}
_KEYS_KEPT = 2_000_000


def _keys(name: str, values: list[str], key: Callable[[str], str]) -> list[str]:
    known = _KEYS.setdefault(name, {})
    if len(known) > _KEYS_KEPT:
        known.clear()
    keys = list(map(known.get, values))  # C speed when every value is known
    if None in keys:
        keys = [known.setdefault(value, key(value)) if found is None else found
                for value, found in zip(values, keys, strict=True)]  # fmt: skip
    return keys  # type: ignore[return-value]


def _by_key(
    values: list[str], docs: Any, ordinals: Any, keys: list[str], single: bool
) -> tuple[list[str], dict[str, int], Any, Any]:
    """The column's values merged by their ``keys``: each key once (in the order of its
    first spelling), shown as its commonest spelling; ordinals renumbered (a document
    with two spellings of one value has it once). Returns values, ordinal by key,
    documents and ordinals."""
    ordinal_of = dict(zip(keys, range(len(keys)), strict=True))
    if len(ordinal_of) == len(values):  # no two spellings of one key: nothing to merge
        return values, ordinal_of, docs, ordinals
    ordinal_of = {}
    renumber = np.fromiter(
        (ordinal_of.setdefault(key, len(ordinal_of)) for key in keys), np.int32, len(keys)
    )
    uses = np.bincount(ordinals, minlength=len(values))
    order = np.lexsort((-uses, renumber))  # by key, the commonest spelling first
    grouped = renumber[order]
    firsts = order[np.r_[True, grouped[1:] != grouped[:-1]]]
    shown = [values[number] for number in firsts.tolist()]
    ordinals = renumber[ordinals]
    if not single and len(docs):  # one (document, value) pair per document and value
        pairs = np.unique(docs.astype(np.int64) * len(shown) + ordinals)
        docs, ordinals = pairs // len(shown), (pairs % len(shown)).astype(np.int32)
    return shown, ordinal_of, docs, ordinals
