"""The typed-order boost reads positions only for its candidates, and finds exactly
the passages Whoosh's phrase matcher finds among them."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from whoosh import query as whoosh_query

from indexer import ArchiveIndex, build_request
from indexer.query.parse import parse_query
from indexer.search.run import SearchRun
from indexer.search.scoring import Scorer
from indexer.store import segments
from indexer.store.postings import leaf_postings


@pytest.mark.parametrize("typed", ["vice squad", "the police", "squad vice", "of the"])
def test_candidates_holding_the_typed_order_are_whooshs_phrase_matches(
    core_index: ArchiveIndex, typed: str
) -> None:
    core_index.search(build_request(typed))  # builds the snapshot
    snapshot = core_index.snapshot
    assert snapshot is not None
    with core_index._searcher() as searcher:
        parsed = parse_query(typed, searcher.schema, searcher.reader())
        scorer = Scorer(searcher, snapshot)
        matches, _ = scorer.evaluate(parsed.query)
        whoosh_phrase, _ = scorer._by_whoosh(parsed.proximity)  # Whoosh's own matcher
        everyone = np.flatnonzero(matches)
        assert everyone.size
        ours = scorer.phrase_among(parsed.proximity, everyone)
        assert np.array_equal(ours, whoosh_phrase & matches)
        # Only the candidates asked about are ever marked.
        some = everyone[::2]
        marked = scorer.phrase_among(parsed.proximity, some)
        assert set(np.flatnonzero(marked)) == set(some) & set(np.flatnonzero(ours))
    if typed == "vice squad":
        assert ours.any()
    if typed == "squad vice":
        assert not ours.any()


@pytest.mark.parametrize(
    "typed",
    ['"vice squad"', '"the police"', '"of the"', '"squad vice"', '"the the"',
     'police "in the"', '"sex work" -police', 'title:"the police"', '"nosuchword police"'],
)  # fmt: skip
def test_phrases_match_and_score_as_whooshs_phrase_matcher(
    core_index: ArchiveIndex, typed: str
) -> None:
    """Exact phrases are matched from the words' arrays and positions of those documents
    only (``Scorer._phrase``): the same documents and scores as Whoosh's matcher."""
    core_index.search(build_request(typed))
    snapshot = core_index.snapshot
    assert snapshot is not None
    phrases = 0
    with core_index._searcher() as searcher:
        parsed = parse_query(typed, searcher.schema, searcher.reader())
        scorer = Scorer(searcher, snapshot)
        for node in parsed.query.leaves():
            if isinstance(node, whoosh_query.Phrase):
                phrases += 1
                ours, our_scores = scorer.evaluate(node)
                theirs, their_scores = scorer._by_whoosh(node)
                assert np.array_equal(ours, theirs), node
                assert np.allclose(our_scores, their_scores), node
    assert phrases
    if typed == '"vice squad"':
        assert core_index.search(build_request(typed)).total > 0


def test_positions_read_first_change_no_answer(generated_index: ArchiveIndex) -> None:
    """Words in few passages have their positions read with their postings, before
    scoring (one read of each block, no postings-only read of the text's words): the same
    passages, order and scores as reading them after, in a new handle with nothing cached."""
    index_dir = generated_index.index_dir
    with generated_index._searcher() as searcher:  # words in 30-300 passages
        frequent = searcher.reader().most_frequent_terms("text", 400)
        common = [term.decode() for count, term in frequent if 30 <= count <= 300][:6]
    typed = [f"{a} {b}" for a, b in itertools.pairwise(common)]
    first, after = ArchiveIndex.open(index_dir), ArchiveIndex.open(index_dir)
    reads: list[str] = []

    def postings_only(leaf: Any, fieldname: str, *arguments: Any) -> Any:
        reads.append(fieldname)
        return leaf_postings(leaf, fieldname, *arguments)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segments, "leaf_postings", postings_only)
        for text in typed:
            reads.clear()
            ours = first.search(build_request(text, per_page=50))
            assert "text" not in reads, text
            patch.setattr(SearchRun, "_few_holding", lambda self, proximity: False)
            theirs = after.search(build_request(text, per_page=50))
            patch.undo()
            patch.setattr(segments, "leaf_postings", postings_only)
            assert [(h.id, h.score) for h in ours.hits] == [(h.id, h.score) for h in theirs.hits]
            assert ours.total == theirs.total
            assert "text" in reads  # read apart by the handle that reads positions after
