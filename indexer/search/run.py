"""One search against one searcher: text matches, filters, disjunctive facets,
ordering, paging and hits, within a time budget."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import numpy as np

from indexer.contract.facets import FACETS
from indexer.contract.request import PASSAGES_PER_POST, SearchRequest
from indexer.contract.results import FacetValue, Hit, PostHits, SearchResult
from indexer.errors import SearchTimeout
from indexer.query.parse import PROXIMITY_CANDIDATES, PROXIMITY_FACTOR, PROXIMITY_LIMIT
from indexer.query.parsed import ParsedQuery
from indexer.query.suggest import suggest
from indexer.search.facet_arrays import FacetTable, Mask
from indexer.search.ranking import Ranking
from indexer.search.scoring import Scorer, top_documents
from indexer.search.snapshot import Snapshot
from indexer.search.views import hit_view
from indexer.store.schema import date_key

SUGGEST_AT_MOST = 5  # matching passages: "did you mean" only for results this small


def _distinct(values: Any) -> int:
    """How many distinct integers: a bincount, not ``np.unique``'s sort (6x faster for
    a million matches)."""
    if not values.size:
        return 0
    return int(np.count_nonzero(np.bincount(values - values.min())))


class Deadline:
    """A search's time budget, checked between (and inside) the expensive steps."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.until = time.perf_counter() + seconds if seconds else None

    def remaining(self) -> float | None:
        return None if self.until is None else max(0.001, self.until - time.perf_counter())

    def check(self) -> None:
        if self.until is not None and time.perf_counter() > self.until:
            raise SearchTimeout(
                f"the search took longer than {self.seconds:g} s and was stopped: "
                "add words or filters to narrow it"
            )


class SearchRun:
    """One search against one searcher: masks, facets, ordering, hits."""

    def __init__(
        self, searcher: Any, snapshot: Snapshot, request: SearchRequest, deadline: Deadline
    ) -> None:
        self.searcher = searcher
        self.snapshot = snapshot
        self.request = request
        self.deadline = deadline
        self.scores: Any = None  # BM25 per document, when there is a query
        self.reader = searcher.reader()
        self.table: FacetTable = snapshot.table
        self.parsed: ParsedQuery | None = None  # shared by the snapshot: never changed here
        if request.query.strip():
            self.parsed = snapshot.parsed(request.query, searcher.schema, self.reader)
        # This run's own list: the parsed query is shared by every search of its text.
        self.warnings: list[str] = list(self.parsed.warnings) if self.parsed else []

    def _text_mask(self) -> Mask:
        if self.parsed is None:
            return self.table.alive.copy()
        scorer = Scorer(self.searcher, self.snapshot, self.deadline.check)
        proximity = self.parsed.proximity
        if proximity is not None and self._few_holding(proximity):
            scorer.read_positions(proximity)  # the positions are read next: one read
        mask, self.scores = scorer.evaluate(self.parsed.query)
        self.deadline.check()
        if proximity is not None and 0 < int(mask.sum()) <= PROXIMITY_LIMIT:
            # Only the best by BM25 can reach a shown page once boosted: positions are
            # read for those, not for every match (docs/performance.md).
            candidates = top_documents(mask, self.scores, PROXIMITY_CANDIDATES)
            in_order = scorer.phrase_among(proximity, candidates)
            self.scores = np.where(in_order, self.scores * PROXIMITY_FACTOR, self.scores)
        relaxed = self.parsed.relaxed()
        if relaxed is not None and not (mask & self.table.alive).any():
            # A remembered title or a pasted sentence with one word wrong or missing:
            # rather than nothing, the passages with most of the words, and say so.
            words, minimum = relaxed
            mask, self.scores = scorer.evaluate_most(words, minimum)
            self.warnings.append(
                f"no passage has all {len(words)} words; passages with at least {minimum} "
                "of them are shown, those with most first"
            )
        return mask & self.table.alive

    def _few_holding(self, proximity: Any) -> bool:
        """Whether a word of the typed-order phrase is in at most PROXIMITY_LIMIT
        passages, so that the match set is small enough for positions to be read."""
        phrase = proximity.subqueries[0] if hasattr(proximity, "subqueries") else proximity
        return (
            min(
                self.snapshot.doc_frequency(self.reader, phrase.fieldname, word)
                for word in phrase.words
            )
            <= PROXIMITY_LIMIT
        )

    def _filter_masks(self) -> dict[str, Mask]:
        request, table = self.request, self.table
        masks: dict[str, Mask] = {}
        for name, selected in request.selections.items():
            if selected:
                masks[name] = table.columns[name].mask_for(selected, table.size)
        if request.date_from or request.date_to:
            low = date_key(datetime.combine(request.date_from, datetime.min.time())) if (
                request.date_from) else None  # fmt: skip
            high = date_key(datetime.combine(request.date_to, datetime.max.time())) if (
                request.date_to) else None  # fmt: skip
            mask = table.date_keys > date_key(None)
            if low is not None:
                mask &= table.date_keys >= low
            if high is not None:
                mask &= table.date_keys <= high
            masks["range"] = mask
        return masks

    @staticmethod
    def _combine(base: Mask, masks: dict[str, Mask], *excluded: str) -> Mask:
        combined = base.copy()
        for name, mask in masks.items():
            if name not in excluded:
                combined &= mask
        return combined

    def matches(self) -> tuple[Mask, dict[str, Mask], Mask]:
        """The text matches, each filter's mask, and the match set (all of them combined)."""
        base = self._text_mask()
        masks = self._filter_masks()
        final = self._combine(base, masks)
        self.deadline.check()
        return base, masks, final

    def run(self) -> SearchResult:
        request, table = self.request, self.table
        base, masks, final = self.matches()
        # The match set as document numbers, once: what follows is work in the matches,
        # not more passes over the whole index.
        matched = np.flatnonzero(final)
        facets: dict[str, list[FacetValue]] = {}
        truncated: dict[str, bool] = {}
        # Each facet is counted without the selections it excludes: its own (disjunctive
        # faceting) and, for years, the month drilled down into.
        for name, facet in FACETS.items():
            limit = request.facet_size if facet.limited else 0
            own = any(part in masks for part in facet.excludes)
            matching = self._combine(base, masks, *facet.excludes) if own else final
            facets[name], truncated[name] = table.facet_values(
                name,
                matching,
                request.selected(name),
                limit,
                in_value_order=facet.in_value_order,
                documents=None if own else matched,
            )

        post_ordinals = table.columns["post_id"].ordinals
        assert post_ordinals is not None
        owners = post_ordinals[matched]
        total = int(matched.size)
        total_posts = _distinct(owners)
        self.deadline.check()
        groups = self._post_groups(final) if request.group == "post" else None
        if groups is None:
            hits = self._hits(self._page_documents(final))
        else:
            hits = [hit for group in groups for hit in group.hits]
        suggestion = None
        # "Did you mean" only when the result is empty or tiny: a typo that still finds
        # plenty needs no correction, and the edit-distance search costs ~1/4 of a query.
        if self.parsed is not None and total <= SUGGEST_AT_MOST:
            suggestion = suggest(
                request.query,
                self.parsed.words,
                self.reader,
                lambda: self.snapshot.vocabulary(self.reader),
                self.snapshot.languages,
            )
        return SearchResult(
            request=request,
            sorted_by=self.sort(),
            parsed_query=self.parsed.describe() if self.parsed else "<every passage>",
            total=total,
            total_posts=total_posts,
            hits=hits,
            facets=facets,
            facets_truncated=truncated,
            suggestion=suggestion,
            warnings=list(self.warnings),
            post_matches=self._post_matches(matched, owners, hits),
            groups=groups,
        )

    def sort(self) -> str:
        sort = self.request.effective_sort
        if sort == "relevance" and not (self.parsed and self.parsed.scored):
            sort = "oldest"  # only exclusions: nothing to rank by, listed as without a query
        return sort

    def ranking(self) -> Ranking:
        return Ranking(self.table, self.sort(), self.scores)

    def _page_documents(self, final: Mask) -> list[tuple[int, float | None]]:
        request = self.request
        offset = (request.page - 1) * request.per_page
        chosen = self.ranking().first(final, offset + request.per_page)[offset:]
        return [(int(docnum), self._score(docnum)) for docnum in chosen]

    def _score(self, docnum: int) -> float | None:
        return None if self.scores is None else round(float(self.scores[docnum]), 4)

    def _post_groups(self, final: Mask) -> list[PostHits]:
        """A page of posts, each with its best passages, in the order of its best one."""
        request = self.request
        post_ordinals = self.table.columns["post_id"].ordinals
        assert post_ordinals is not None
        offset = (request.page - 1) * request.per_page
        ranking = self.ranking()
        # The match set's documents and their posts once; each post's matches are then a
        # selection from those, not another pass over the whole index.
        documents = np.flatnonzero(final)
        owners = post_ordinals[documents]
        groups = []
        for ordinal in ranking.posts(final, post_ordinals, offset + request.per_page)[offset:]:
            own = documents[owners == ordinal]
            best = ranking.order(own, PASSAGES_PER_POST)
            hits = self._hits([(int(docnum), self._score(docnum)) for docnum in best])
            groups.append(PostHits(hits[0].post_id, hits, len(own)))
        return groups

    def _hits(self, documents: list[tuple[int, float | None]]) -> list[Hit]:
        terms = self.parsed.highlight_terms() if self.parsed else frozenset()
        phrases = self.parsed.highlight_phrases() if self.parsed else frozenset()
        names = self.parsed.highlight_names() if self.parsed else frozenset()
        return [
            hit_view(self.searcher.stored_fields(docnum), terms, phrases, score, names=names)
            for docnum, score in documents
        ]

    def _post_matches(
        self, matched: Any, owners: Any, hits: list[Hit]
    ) -> dict[str, dict[str, int]]:
        """Per post of the page: its matching passages per section. ``matched``: the match
        set's documents, ``owners``: their posts' ordinals. One pass over the matches for
        the whole page (it was three passes over the whole index per post)."""
        posts = self.table.columns["post_id"]
        sections = self.table.columns["section"]
        assert sections.ordinals is not None
        shown = list(dict.fromkeys(hit.post_id for hit in hits))
        row_of = np.full(len(posts.values) + 1, -1, dtype=np.int64)  # last slot: ordinal -1
        for row, post_id in enumerate(shown):
            ordinal = posts.ordinal_of.get(post_id)
            if ordinal is not None:
                row_of[ordinal] = row
        rows = row_of[owners]
        kept = rows >= 0
        width = len(sections.values)
        cells = rows[kept] * width + sections.ordinals[matched[kept]]
        counts = np.bincount(cells, minlength=len(shown) * width).reshape(len(shown), width)
        return {
            post_id: {
                sections.values[number]: int(count)
                for number, count in enumerate(counts[row])
                if count
            }
            for row, post_id in enumerate(shown)
        }
