"""The typed-order boost reads positions only for its candidates, and finds exactly
the passages Whoosh's phrase matcher finds among them."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import query as whoosh_query

from indexer import ArchiveIndex, build_request
from indexer.query.parse import parse_query
from indexer.search.scoring import Scorer


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
