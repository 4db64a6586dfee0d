"""Matched words of text whose words are all ASCII, found by the regex engine
(``highlight.match_spans``'s common case; typographic quotes and dashes around the
words are fine): only words that can match are looked at, a Python step per word of a
shown passage having been most of a snippet's cost. ``tests/test_highlight_spans.py``
holds both paths to reading every word."""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.analysis.analyzers import index_term, word_terms
from indexer.core.text import COMBINING_MARKS, INVISIBLE_CHARACTERS

Span = tuple[int, int]
Positions = dict[int, list[tuple[str, int, int]]]  # position -> (term, start, end)
# A character of a word (WORD_RE's) that is not ASCII: its regex-engine ``\w`` is not
# WORD_RE's word then, nor is a word one position.
_NON_ASCII_WORD = re.compile(rf"[^\x00-\x7f](?<=[\w{COMBINING_MARKS}{INVISIBLE_CHARACTERS}])")
# WORD_RE where words are ASCII, without its class of every combining mark: 3x faster.
_TAIL = r"(?:\.\w+)*(?:-\w+(?:\.\w+)*)*"  # dotted, then hyphenated parts
_WORD_RE = re.compile(rf"\w+{_TAIL}")


def ascii_words(text: str) -> bool:
    """Whether every word of ``text`` is ASCII (whatever the characters between)."""
    return text.isascii() or _NON_ASCII_WORD.search(text) is None


def ascii_word_spans(
    text: str, terms: frozenset[str], initials: frozenset[str], language: str
) -> list[Span]:
    """The spans of the words (and compounds' parts) whose term is one of ``terms``."""
    spans: list[Span] = []
    for match in _starting_with(initials).finditer(text):
        start, word = match.start(), match.group()
        if start > 1 and text[start - 1] in ".-" and _is_word(text[start - 2]):
            # inside a dotted token ("h.e.a.t"): not a word of its own; inside a
            # compound, only its parts (its joined form starts with its first letter)
            if text[start - 1] == "-":
                spans.extend(_part_spans(word, start, terms, language))
        elif "-" in word:  # a compound: its parts and its joined form
            spans.extend(
                (start + begin, start + end)
                for term, begin, end, _ in word_terms(word, language)
                if term in terms
            )
        elif index_term(word, language) in terms:
            spans.append(match.span())
    return spans


def _part_spans(word: str, start: int, terms: frozenset[str], language: str) -> list[Span]:
    """The matched parts of the tail of a compound (its head's initial was not asked)."""
    spans, offset = [], start
    for part in word.split("-"):
        if index_term(part, language) in terms:
            spans.append((offset, offset + len(part)))
        offset += len(part) + 1
    return spans


def ascii_phrase_spans(
    text: str, terms: frozenset[str], wanted: frozenset[str], language: str
) -> tuple[list[Span], Positions]:
    """``highlight._word_spans`` for phrases (``wanted``: ``terms`` and the phrases'
    words), kept to what matters: the spans of ``terms``, and the positions of the
    wanted terms only."""
    scan = _PhraseScan(text, terms, wanted, language)
    initials = frozenset(term[:1] for term in wanted)
    for match in _whole_words_starting_with(initials).finditer(text):
        start, word = match.start(), match.group()
        if "-" not in word and index_term(word, language) not in wanted:
            continue  # one position, counted with the words around it
        scan.skip_to(start)
        scan.add(word, start)
    scan.skip_to(len(text))
    return scan.spans, scan.at


class _PhraseScan:
    """Positions counted along the text: a word analysed where it may be wanted (it
    starts with a wanted initial, or is a compound: a position per part); the words
    between, one position each, counted by the regex engine."""

    def __init__(self, text: str, terms: frozenset[str], wanted: frozenset[str], language: str):
        self.text, self.terms, self.wanted, self.language = text, terms, wanted, language
        self.spans: list[Span] = []
        self.at: Positions = {}
        self.position = self.counted_to = 0

    def skip_to(self, end: int) -> None:
        """Counts the words from where the count stopped to ``end``; compounds among
        them are analysed (their parts can be wanted, and take a position each)."""
        text, start = self.text, self.counted_to
        if text.find("-", start, end) < 0:
            self.position += len(_WORD_RE.findall(text, start, end))
        else:
            for match in _WORD_RE.finditer(text, start, end):
                if "-" in match.group():
                    self.add(match.group(), match.start())
                else:
                    self.position += 1
        self.counted_to = end

    def add(self, word: str, start: int) -> None:
        """The word at ``start`` (where the count stands), as ``_word_spans`` reads it."""
        found = word_terms(word, self.language)
        for term, begin, end, offset in found:
            span = (start + begin, start + end)
            if term in self.terms:
                self.spans.append(span)
            if term in self.wanted:
                self.at.setdefault(self.position + offset, []).append((term, *span))
        self.position += max(offset for _, _, _, offset in found) + 1 if found else 1
        self.counted_to = start + len(word)


@lru_cache(maxsize=1024)
def _whole_words_starting_with(initials: frozenset[str]) -> re.Pattern[str]:
    """Whole words (``WORD_RE`` matches: not after a word character, nor after a dot or
    hyphen that follows one) starting with one of ``initials`` (either case). The
    letters come first in the pattern: the regex engine then skips to them."""
    letters = _letters(initials)
    if not letters:
        return re.compile(r"(?!)")
    return re.compile(rf"[{letters}](?<!\w[{letters}])(?<!\w[.-][{letters}])\w*{_TAIL}")


@lru_cache(maxsize=1024)
def _starting_with(initials: frozenset[str]) -> re.Pattern[str]:
    """The words of ``WORD_RE`` starting with one of ``initials`` (either case), or a
    word's rest inside a dotted token or a compound (the caller sees to those)."""
    letters = _letters(initials)
    if not letters:
        return re.compile(r"(?!)")
    return re.compile(rf"[{letters}](?<!\w[{letters}])\w*{_TAIL}")


def _letters(initials: frozenset[str]) -> str:
    """A character class's letters: the ASCII initials, in either case."""
    return "".join(
        re.escape(case)
        for initial in sorted(initials)
        if initial.isascii()
        for case in dict.fromkeys((initial.lower(), initial.upper()))
    )


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"
