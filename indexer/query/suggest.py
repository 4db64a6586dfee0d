""" "Did you mean": a correction from the archive's own vocabulary, never applied silently.

The vocabulary is the unstemmed ``spell`` field (each word written once per indexing
run), so suggestions are words as people wrote them ("searching"), not stems
("search"); how common a word is comes from its stem in the ``text`` field. It is loaded once per
index generation into a sorted list (``Snapshot.vocabulary``): Whoosh's corrector walks an automaton
through the on-disk term table with a seek per step (~50 ms a word at 20k
passages); here only words sharing the first two letters and of similar length
get an edit distance.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.support.levenshtein import damerau_levenshtein

from indexer.analysis.analyzers import index_term

# A word in at most this many passages may be corrected: none, as a word that matched
# is what the person meant ("Juni" is not "jung", "then" not "the"), however rare.
RARE = 0
MUCH_MORE_COMMON = 5  # a corrected word is replaced only by a word this many times more common
MAX_DISTANCE = 2
SHARED_PREFIX = 2
_STEMMED = ("text", "title_words")  # the fields a plain word searches by its stems


def _closest(
    word: str, vocabulary: list[str], reader: Any, languages: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """(distance, -frequency, candidate) for words within MAX_DISTANCE edits."""
    prefix = word[:SHARED_PREFIX]
    start = bisect_left(vocabulary, prefix)
    found = []
    for candidate in vocabulary[start:]:
        if not candidate.startswith(prefix):
            break
        if candidate == word or abs(len(candidate) - len(word)) > MAX_DISTANCE:
            continue
        distance = damerau_levenshtein(word, candidate, MAX_DISTANCE + 1)
        if distance <= MAX_DISTANCE:
            found.append((distance, -_frequency(reader, candidate, languages), candidate))
    return sorted(found)


def _frequency(reader: Any, word: str, languages: tuple[str, ...]) -> int:
    """In how many passages the word occurs, by its stem in each language the index holds
    (as searches match it; the largest count): a German word is not rare for lacking an
    English stem. Titles and authors' names count too: a plain word searches them."""
    terms = {index_term(word, language) for language in languages} - {None}
    counts = [reader.doc_frequency(field, term) for field in _STEMMED for term in terms]
    name = index_term(word, None)
    if name:
        counts.append(reader.doc_frequency("author_words", name))
    return max((int(count) for count in counts), default=0)


def suggest(
    query_text: str,
    words: Sequence[str],
    reader: Any,
    vocabulary: Callable[[], list[str]],
    languages: tuple[str, ...],
) -> str | None:
    """The query with absent words replaced by close, common ones; None if no change.

    ``vocabulary`` gives the sorted ``spell`` words of the reader's generation (``Snapshot``),
    asked for only when a word is rare; ``languages`` are the index's (``index_languages``).
    """
    replacements: dict[str, str] = {}
    for word in words:
        lowered = word.lower()
        if len(lowered) < 3 or not lowered.isalpha():
            continue
        frequency = _frequency(reader, lowered, languages)
        if frequency > RARE:
            continue
        for _, negative_frequency, candidate in _closest(lowered, vocabulary(), reader, languages):
            if -negative_frequency >= max(1, frequency * MUCH_MORE_COMMON):
                replacements[word] = candidate
                break
    if not replacements:
        return None
    return re.sub(
        r"\w+", lambda match: replacements.get(match.group(0), match.group(0)), query_text
    )
