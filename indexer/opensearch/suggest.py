""" "Did you mean" on the cluster: ``indexer.query.suggest`` itself, its vocabulary and
word frequencies asked of the cluster in three requests at most (frequencies of the
typed words; the words sharing their first letters; those candidates' frequencies)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whoosh.support.levenshtein import damerau_levenshtein

from indexer.analysis.analyzers import index_term
from indexer.query.suggest import MAX_DISTANCE, RARE, SHARED_PREFIX, suggest

from .connection import Connection


class _Frequencies:
    """``doc_frequency`` of text terms, fetched ahead in batches, as ``suggest`` asks."""

    def __init__(self, connection: Connection, languages: tuple[str, ...]) -> None:
        self.connection = connection
        self.languages = languages
        self.known: dict[str, int] = {}

    def fetch(self, words: list[str]) -> None:
        terms = {
            term for word in words for code in self.languages if (term := index_term(word, code))
        }
        missing = sorted(terms - set(self.known))
        self.known.update(self.connection.text_frequencies(missing, self.languages))

    def frequency(self, word: str) -> int:
        terms = {index_term(word, code) for code in self.languages}
        return max((self.known.get(term, 0) for term in terms if term), default=0)

    def doc_frequency(self, fieldname: str, text: Any) -> int:
        if text not in self.known:
            self.known.update(self.connection.text_frequencies([text], self.languages))
        return self.known[text]


def suggest_on_cluster(
    connection: Connection, query_text: str, words: Sequence[str], languages: tuple[str, ...]
) -> str | None:
    frequencies = _Frequencies(connection, languages)
    asked = [word.lower() for word in words if len(word) >= 3 and word.isalpha()]
    frequencies.fetch(asked)
    rare = [word for word in asked if frequencies.frequency(word) <= RARE]
    if not rare:
        return None
    vocabulary = connection.words_starting(sorted({word[:SHARED_PREFIX] for word in rare}))
    near = [
        candidate
        for candidate in vocabulary
        if any(
            candidate.startswith(word[:SHARED_PREFIX])
            and abs(len(candidate) - len(word)) <= MAX_DISTANCE
            and damerau_levenshtein(word, candidate, MAX_DISTANCE + 1) <= MAX_DISTANCE
            for word in rare
        )
    ]
    frequencies.fetch(near)
    return suggest(query_text, words, frequencies, lambda: vocabulary, languages)
