"""py3langid's classifier with its automaton walked in numpy: the same answers.

py3langid walks a byte automaton (Aho-Corasick over the model's byte n-grams) in a
Python loop, one step per byte, and its scoring multiplies float16 rows: together ~16%
of a build's CPU (issue 23). Here the automaton's state after every byte is computed
for all bytes at once, and the model's rows are converted to float32 once. The feature
counts, their order and the arithmetic are py3langid's, so the probabilities are equal
to the bit (tests/test_language_detection.py, on every passage of the fixtures).
"""

from __future__ import annotations

import math

import numpy as np

from indexer.analysis.langmodel import LanguageModel

# An upper bound of the model's longest n-gram in bytes (6 in py3langid 0.4; any bound
# at least that gives the same states; ``automaton_depth`` finds it, a test checks it).
TRIE_DEPTH = 6


class VectorIdentifier:
    """``classify`` of a ``py3langid.langid.LanguageIdentifier`` made with
    ``norm_probs=True`` (the only use here), without its per-byte Python loop; its
    model's arrays may be memory-mapped (langmodel.py)."""

    def __init__(self, model: LanguageModel) -> None:
        from py3langid.langid import LanguageIdentifier

        self._encode = LanguageIdentifier._encode  # a static method: no model loaded
        self._nextmove = model.nextmove
        self._rowbase = model.rowbase
        self._output = model.output
        self._depth = TRIE_DEPTH
        self._table = model.table
        self._prior = model.prior
        self._classes = list(model.classes)
        self._aliases = model.aliases

    def classify(self, text: str) -> tuple[str, float]:
        """The most likely language and its probability, as py3langid's ``classify``."""
        return self.classify_many([text])[0]

    def classify_many(self, texts: list[str]) -> list[tuple[str, float]]:
        """``classify`` of each text, the automaton walked over all of them at once (a
        post's passages): one pass of array work instead of one per passage."""
        if not texts:
            return []
        encoded = [self._encode(text) for text in texts]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        starts = np.cumsum(lengths) - lengths
        offsets = np.arange(len(data), dtype=np.int64) - np.repeat(starts, lengths)
        features = self._output[self._states(data, offsets)]
        owners = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        kept = features >= 0
        # One sort for every text: (text, feature) keys, then first seen first per text
        # (py3langid's Counter order), texts in order.
        keys = owners[kept] * len(self._table) + features[kept]
        found, first, counts = np.unique(keys, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        found, counts = found[order], counts[order]
        bounds = np.searchsorted(found // len(self._table), np.arange(len(texts) + 1))
        found %= len(self._table)
        return [
            self._answer(found[a:b], counts[a:b], int(length))
            for a, b, length in zip(bounds[:-1], bounds[1:], lengths, strict=True)
        ]

    def _answer(self, found: np.ndarray, counts: np.ndarray, length: int) -> tuple[str, float]:
        """py3langid's scoring of one text's features (in first-seen order)."""
        if found.size:
            weights = np.log1p(counts.astype(np.float32))
            scores = weights @ self._table[found] + self._prior
        else:  # no feature: py3langid's uniform scores
            scores = np.zeros(len(self._classes), dtype=np.float32)
        scores *= 1.0 / math.sqrt(length or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for kept, folded in self._aliases:  # a label twice (script variants): summed
            scores[kept] += scores[folded]
            scores[folded] = 0.0
        best = int(scores.argmax())
        return self._classes[best], float(scores[best])

    def _states(self, data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """The automaton's state after each byte, each text (``offsets``: a byte's place
        in its own text) read from the start state. An Aho-Corasick state is the longest
        suffix of the input that is a node of the n-gram trie, so the last ``depth``
        bytes of the text decide it: walk every position's last bytes side by side."""
        count = len(data)
        states = np.zeros(count, dtype=np.int64)
        for back in range(min(self._depth, count) - 1, -1, -1):
            tail = states[back:]
            moved = self._nextmove[self._rowbase[tail] + data[: count - back]]
            if back:  # a byte of the text before: none for its first ``back`` bytes
                moved = np.where(offsets[back:] >= back, moved, tail)
            states[back:] = moved
        return states


def automaton_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """The depth of the trie (its longest n-gram, in bytes), by breadth-first search."""
    depth = np.full(len(rowbase), -1)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        reached = np.unique(nextmove[rowbase[frontier][:, None] + np.arange(256)[None, :]])
        frontier = reached[depth[reached] < 0]
        depth[frontier] = level
    return int(depth.max())
