"""The order of a match set, for a page of passages, a page of posts, or an export.

One ordering decides all three, so a post's place on a page grouped by post is
the place of its best passage, and an export lists passages in the page's order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.search.facet_arrays import FacetTable, Mask
from indexer.search.scoring import top_documents
from indexer.store.schema import date_key

Documents = npt.NDArray[np.int64]


class Ranking:
    """Orders documents of a match set by relevance (BM25), newest or oldest first.

    Ties go to the earlier document (index position), so pages never overlap.
    """

    def __init__(self, table: FacetTable, sort: str, scores: Any = None) -> None:
        self.table = table
        self.sort = sort if scores is not None or sort != "relevance" else "oldest"
        self.scores = scores

    def first(self, mask: Mask, count: int | None = None) -> Documents:
        """The first ``count`` documents of ``mask`` in order (``None``: all of them)."""
        if not mask.any() or count == 0:
            return np.zeros(0, dtype=np.int64)
        if self.sort == "relevance":  # a partial sort: only the best ``count`` are ordered
            return top_documents(mask, self.scores, int(mask.sum()) if count is None else count)
        return self.order(np.flatnonzero(mask), count)

    def order(self, documents: Documents, count: int | None = None) -> Documents:
        """``documents`` (a few, such as one post's matches) in order; the first ``count``."""
        if self.sort == "relevance":
            order = np.lexsort((documents, -self.scores[documents]))
        else:
            keys = self.table.date_keys[documents]
            positions = self.table.positions[documents]
            if self.sort == "newest":
                order = np.lexsort((positions, -keys))
            else:  # oldest; undated passages last
                order = np.lexsort((positions, keys, keys == date_key(None)))
        chosen = order if count is None else order[:count]
        return documents[chosen].astype(np.int64)

    def posts(self, mask: Mask, post_ordinals: Any, count: int) -> npt.NDArray[np.int64]:
        """The first ``count`` posts, each placed where its best passage is.

        Only a prefix of the ranked passages is needed: widened until it holds
        ``count`` distinct posts (or is the whole match set).
        """
        total = int(mask.sum())
        # By date the whole order costs one sort anyway; by relevance, grow a prefix.
        prefix = max(64, count * 4) if self.sort == "relevance" else total
        while True:
            ranked = self.first(mask, min(prefix, total))
            owners = post_ordinals[ranked]
            _, first_seen = np.unique(owners, return_index=True)
            ordered = owners[np.sort(first_seen)]
            if len(ordered) >= count or len(ranked) >= total:
                result: npt.NDArray[np.int64] = ordered[:count].astype(np.int64)
                return result
            prefix *= 4
