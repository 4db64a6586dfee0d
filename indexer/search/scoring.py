"""Match and score a query in numpy: each posting list read once, a block at a time.

Whoosh walks postings one document at a time in Python, twice in a faceted
search (once for the match set, once more to score it). Here every term's
posting list becomes two arrays (document numbers, term frequencies), read
block by block from the segment files and cached per segment (``snapshot.py``); the
boolean structure of the query becomes array operations and BM25 is computed
over whole arrays. Phrases (which need positions) and anything unusual keep
Whoosh's own matching for their document set.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import query as whoosh_query

from indexer.search.facet_arrays import Mask
from indexer.search.snapshot import Scores, Snapshot
from indexer.store.positions import phrase_documents

K1 = 1.2
FIELD_B = {"text": 0.75, "title_words": 0.5, "author_words": 0.0}


class Scorer:
    """BM25 over arrays for one searcher, with its generation's snapshot."""

    def __init__(self, searcher: Any, snapshot: Snapshot, checkpoint: Any = None) -> None:
        self.searcher = searcher
        self.checkpoint = checkpoint or (lambda: None)  # raises when over the time budget
        self.reader = searcher.reader()
        self.snapshot = snapshot
        self.alive = snapshot.alive
        self.size = len(self.alive)
        self.document_count = snapshot.live_count

    def postings(self, fieldname: str, text: str) -> tuple[Any, Any]:
        entry = self.snapshot.postings(self.reader, fieldname, text)
        self.checkpoint()
        return entry

    def lengths(self, fieldname: str) -> tuple[Scores, float]:
        return self.snapshot.lengths(self.reader, fieldname)

    def term(self, fieldname: str, text: str, boost: float) -> tuple[Mask, Scores]:
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        self._add_term(mask, scores, fieldname, text, boost)
        return mask, scores

    def _add_term(
        self, mask: Mask, scores: Scores, fieldname: str, text: str, boost: float
    ) -> None:
        """Marks the term's live documents in ``mask`` and adds their BM25 to ``scores``:
        work in the term's postings only, none over the whole index (at a million
        passages each whole-array step costs about a millisecond)."""
        ids, frequencies = self.postings(fieldname, text)
        if not len(ids):
            return
        live = self.alive[ids]  # a term's document numbers are distinct
        if fieldname not in FIELD_B:  # looked up, not scored (a pasted link's address)
            mask[ids[live]] = True
            return
        frequency = int(live.sum())
        idf = math.log(1 + (self.document_count - frequency + 0.5) / (frequency + 0.5))
        lengths, mean = self.lengths(fieldname)
        b = FIELD_B.get(fieldname, 0.75)
        norm = K1 * ((1 - b) + b * lengths[ids] / mean)
        weight = idf * boost  # field weights arrive as the query's boosts (query.py)
        values = weight * frequencies * (K1 + 1) / (frequencies + norm)
        mask[ids[live]] = True
        scores[ids] += np.where(live, values, np.float32(0))

    def evaluate(self, node: Any) -> tuple[Mask, Scores]:
        """The documents ``node`` matches and their scores."""
        if isinstance(node, whoosh_query.Term):
            return self.term(node.fieldname, node.text, node.boost)
        if isinstance(node, whoosh_query.Or) and _all_terms(node.subqueries):
            # A word in each field and language: summed term by term, in the same order
            # (so the same float32 sums) as the general case below.
            mask = np.zeros(self.size, dtype=bool)
            scores = np.zeros(self.size, dtype=np.float32)
            for child in node.subqueries:
                self._add_term(mask, scores, child.fieldname, child.text, child.boost)
            if node.boost != 1:
                scores *= node.boost
            return mask, scores
        if isinstance(node, whoosh_query.And | whoosh_query.Or):
            parts = [self.evaluate(child) for child in node.subqueries]
            if not parts:
                return self._nothing()
            combine = np.logical_and if isinstance(node, whoosh_query.And) else np.logical_or
            mask = parts[0][0].copy()
            scores = parts[0][1].copy()
            for child_mask, child_scores in parts[1:]:
                mask = combine(mask, child_mask)
                scores += child_scores
            scores[~mask] = 0
            return mask, scores * node.boost
        if isinstance(node, whoosh_query.AndNot):
            mask, scores = self.evaluate(node.a)
            excluded, _ = self.evaluate(node.b)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0).astype(np.float32)
        if isinstance(node, whoosh_query.AndMaybe | whoosh_query.Require):
            mask, scores = self.evaluate(node.a)
            other_mask, other_scores = self.evaluate(node.b)
            if isinstance(node, whoosh_query.Require):
                mask = mask & other_mask
            return mask, np.where(mask, scores + other_scores, 0).astype(np.float32)
        if isinstance(node, whoosh_query.Not):
            excluded, _ = self.evaluate(node.query)
            return self.alive & ~excluded, np.zeros(self.size, dtype=np.float32)
        if isinstance(node, whoosh_query.Every):
            return self.alive.copy(), np.zeros(self.size, dtype=np.float32)
        if node is whoosh_query.NullQuery or isinstance(node, type(whoosh_query.NullQuery)):
            return self._nothing()
        if _exact_phrase(node, self.reader.schema):
            return self._phrase(node)
        return self._by_whoosh(node)

    def _phrase(self, node: Any) -> tuple[Mask, Scores]:
        """An exact phrase: the documents holding all its words (arrays), then positions
        read for those only (``phrase_among``); Whoosh's phrase matcher walked the same
        documents through a chain of Python matchers. Scored as ``_by_whoosh`` scores."""
        self.read_positions(node)
        mask = self.alive.copy()
        scores = np.zeros(self.size, dtype=np.float32)
        for word in node.words:
            word_mask, word_scores = self.term(node.fieldname, word, node.boost)
            mask &= word_mask
            if node.fieldname in FIELD_B:
                scores += word_scores
        if mask.any():
            mask &= self.phrase_among(node, np.flatnonzero(mask))
        scores[~mask] = 0
        return mask, scores

    def read_positions(self, node: Any) -> None:
        """Reads the postings of the words of ``node`` (a Phrase, or an Or of them) with
        their positions, into the segment cache: each block read once for both, where
        scoring first and positions next read every block twice."""
        phrases = list(node.subqueries) if isinstance(node, whoosh_query.Or) else [node]
        segments = self.snapshot.segments
        for leaf, _ in self.reader.leaf_readers():
            for phrase in phrases:
                field = leaf.schema[phrase.fieldname]
                for word in phrase.words:
                    segments.values(leaf, phrase.fieldname, field.to_bytes(word))

    def evaluate_most(self, nodes: list[Any], minimum: int) -> tuple[Mask, Scores]:
        """Documents matching at least ``minimum`` of ``nodes``; the score of those
        matched, scaled by the share matched (coordination, as Lucene's classic had)."""
        count = np.zeros(self.size, dtype=np.int32)
        scores = np.zeros(self.size, dtype=np.float32)
        for node in nodes:
            child_mask, child_scores = self.evaluate(node)
            count += child_mask
            scores += child_scores
        mask = (count >= minimum) & self.alive
        scores *= count / max(1, len(nodes))
        scores[~mask] = 0
        return mask, scores.astype(np.float32)

    def phrase_among(self, node: Any, candidates: npt.NDArray[np.int64]) -> Mask:
        """Which of ``candidates`` hold the phrase ``node`` (a Phrase, or an Or of them:
        one per language): positions are read for those documents only, not for every
        document holding all the words as Whoosh's phrase matcher does."""
        phrases = list(node.subqueries) if isinstance(node, whoosh_query.Or) else [node]
        if not all(isinstance(p, whoosh_query.Phrase) and p.slop == 1 for p in phrases):
            return self._by_whoosh(node)[0]  # not the typed-words phrase: Whoosh's matcher
        mask = np.zeros(self.size, dtype=bool)
        ordered = np.sort(candidates)
        for leaf, base in self.reader.leaf_readers():
            local = ordered[(ordered >= base) & (ordered < base + leaf.doc_count_all())] - base
            if local.size:
                for phrase in phrases:
                    mask[base + self._holding(leaf, phrase, local)] = True
        self.checkpoint()
        return mask & self.alive

    def _holding(self, leaf: Any, phrase: Any, documents: npt.NDArray[np.int64]) -> Any:
        """The ``documents`` (ascending, the leaf's own numbers) holding ``phrase``'s words
        at consecutive positions: positions read in bulk (``indexer.store.positions``)."""
        field = leaf.schema[phrase.fieldname]
        segments = self.snapshot.segments
        words = (
            segments.values(leaf, phrase.fieldname, field.to_bytes(word)) for word in phrase.words
        )
        return phrase_documents(words, documents)

    def _nothing(self) -> tuple[Mask, Scores]:
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32)

    def _by_whoosh(self, node: Any) -> tuple[Mask, Scores]:
        """Phrases and the like: Whoosh finds the documents; their words score them."""
        mask = np.zeros(self.size, dtype=bool)
        documents = np.fromiter(self.searcher.docs_for_query(node), dtype=np.int64)
        mask[documents] = True
        mask &= self.alive
        scores = np.zeros(self.size, dtype=np.float32)
        for fieldname, text in node.iter_all_terms(phrases=True):
            if fieldname in FIELD_B:
                scores += self.term(fieldname, text, node.boost)[1]
        scores[~mask] = 0
        return mask, scores


def _all_terms(nodes: list[Any]) -> bool:
    return bool(nodes) and all(isinstance(node, whoosh_query.Term) for node in nodes)


def _exact_phrase(node: Any, schema: Any) -> bool:
    """A phrase of two or more words in sequence (slop 1) on a field with positions."""
    return (
        isinstance(node, whoosh_query.Phrase)
        and node.slop == 1
        and len(node.words) >= 2
        and node.fieldname in schema
        and bool(schema[node.fieldname].format.supports("positions"))
    )


def top_documents(mask: Mask, scores: Scores, count: int) -> npt.NDArray[np.int64]:
    """The ``count`` best documents of ``mask``, best first; ties go to the earlier
    document, deterministically, so consecutive pages never overlap or skip."""
    candidates = np.flatnonzero(mask)
    if count <= 0:
        return candidates[:0]
    if len(candidates) > count:
        candidate_scores = scores[candidates]
        threshold = np.partition(candidate_scores, len(candidates) - count)[len(candidates) - count]
        candidates = candidates[candidate_scores >= threshold]  # every tie at the threshold
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order][:count]
