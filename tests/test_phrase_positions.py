"""Exact phrases matched from positions read in bulk (``indexer.store.positions``): the
positions decoded are the ones Whoosh encoded, and the passages found are exactly those
Whoosh's own phrase matcher finds, on an archive where common words sit side by side in
few of the passages holding both."""

from __future__ import annotations

import random

import numpy as np
from whoosh import query as whoosh_query
from whoosh.formats import Positions

from indexer import ArchiveIndex, build_request
from indexer.query.parse import parse_query
from indexer.search.scoring import Scorer
from indexer.store.positions import phrase_documents, positions, raw_values
from tests.benchmark.generate import Generator
from tests.benchmark.vocabulary import HEAD_WORDS

LISTS = [
    [0],
    [7],
    [3, 4],
    [255, 256, 65_535, 65_536, 70_000],  # one-, two- and four-byte pickled deltas
    list(range(0, 3000, 3))[:999],
    list(range(1000)),  # exactly one pickle batch
    list(range(1001)),  # two batches, the second of one item (APPEND, not APPENDS)
    list(range(0, 5000, 2)),
]


def test_positions_are_the_ones_whoosh_encoded() -> None:
    encoded = [Positions().encode(places) for places in LISTS]
    values = raw_values([np.arange(len(LISTS), dtype=np.int64)], encoded)
    everyone = np.arange(len(LISTS), dtype=np.int64)
    for rows in (everyone, everyone[:4], everyone[[1, 3]], everyone[4:6], everyone[::-1]):
        counts, places = positions(values, rows)
        expected = [LISTS[row] for row in rows]
        assert counts.tolist() == [len(places) for places in expected]
        assert places.tolist() == [place for row in expected for place in row]


def test_a_value_not_laid_out_as_expected_is_decoded_alone() -> None:
    """A value pickled otherwise (protocol 3 here) still decodes, on the slow path."""
    import pickle
    import struct

    odd = struct.pack(">I", 3) + pickle.dumps([2, 1, 1], 3)
    values = raw_values([np.arange(2, dtype=np.int64)], [Positions().encode([5, 9]), odd])
    counts, places = positions(values, np.arange(2, dtype=np.int64))
    assert counts.tolist() == [2, 3]
    assert places.tolist() == [5, 9, 2, 3, 4]


def test_phrase_documents_needs_the_words_side_by_side() -> None:
    first = raw_values(
        [np.asarray([0, 1, 2, 3], dtype=np.int64)],
        [Positions().encode(p) for p in ([0], [4, 9], [1], [0, 2])],
    )
    second = raw_values(
        [np.asarray([0, 1, 3], dtype=np.int64)],
        [Positions().encode(p) for p in ([1], [2, 5], [2, 3])],
    )
    documents = np.arange(4, dtype=np.int64)
    assert phrase_documents([first, second], documents).tolist() == [0, 1, 3]
    assert phrase_documents([second, first], documents).tolist() == []
    assert phrase_documents([first, second], documents[2:]).tolist() == [3]


def _held(lists: list[dict[int, list[int]]], documents: list[int]) -> list[int]:
    """The documents with word ``k`` at ``start + k`` for some start, by sets."""
    return [
        document
        for document in documents
        if all(document in places for places in lists)
        and any(
            all(start + k in set(places[document]) for k, places in enumerate(lists))
            for start in lists[0][document]
        )
    ]


def test_phrase_documents_agrees_with_sets_of_positions() -> None:
    """Random words over 60 documents, two and three long, the same word twice, and
    positions encoded out of order (the slow path of the key intersection)."""
    chooser = random.Random(11)
    for trial in range(120):
        words = []
        for _ in range(chooser.choice((2, 3))):
            places = {
                document: sorted(chooser.sample(range(40), chooser.randint(1, 12)))
                for document in sorted(chooser.sample(range(60), chooser.randint(1, 50)))
            }
            if trial % 7 == 0:  # not ascending: Positions encodes what it is given
                places = {document: row[::-1] for document, row in places.items()}
            words.append(places)
        if trial % 5 == 0:
            words[1] = words[0]
        values = [
            raw_values(
                [np.asarray(list(places), dtype=np.int64)],
                [Positions().encode(row) for row in places.values()],
            )
            for places in words
        ]
        documents = sorted(chooser.sample(range(60), chooser.randint(1, 60)))
        expected = _held(words, documents)
        assert phrase_documents(values, np.asarray(documents, dtype=np.int64)).tolist() == (
            expected
        ), trial


def _phrases() -> list[str]:
    """Pairs of common words (seldom adjacent), the same word twice, and runs of the
    text's words, two and three long."""
    generator = Generator(3)
    common = list(generator.words.items[len(HEAD_WORDS) : len(HEAD_WORDS) + 12])
    chooser = random.Random(5)
    phrases = [f'"{a} {b}"' for a, b in (chooser.sample(common, 2) for _ in range(12))]
    phrases += [f'"{common[0]} {common[0]}"', f'"{common[1]} {common[0]} {common[2]}"']
    for number in range(8):
        words = generator.post(number).title.lower().split()
        phrases += [f'"{" ".join(words[:2])}"', f'"{" ".join(words[:3])}"']
    return phrases


def test_phrases_find_what_whooshs_matcher_finds(generated_index: ArchiveIndex) -> None:
    generated_index.search(build_request("x"))  # builds the snapshot
    snapshot = generated_index.snapshot
    assert snapshot is not None
    found = 0
    with generated_index._searcher() as searcher:
        scorer = Scorer(searcher, snapshot)
        for typed in _phrases():
            parsed = parse_query(typed, searcher.schema, searcher.reader())
            for node in parsed.query.leaves():
                if isinstance(node, whoosh_query.Phrase):
                    ours, our_scores = scorer.evaluate(node)
                    theirs, their_scores = scorer._by_whoosh(node)
                    assert np.array_equal(ours, theirs), typed
                    assert np.allclose(our_scores, their_scores), typed
                    found += int(ours.sum())
    assert found > 0
