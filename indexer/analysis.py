"""The Whoosh analyzers: how text becomes terms.

Stop words stay in the index (so "officer the work" is not a match for the
phrase "officer work"); the query layer drops them from plain word lists, so
they never decide or dominate scoring (see query.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, ClassVar

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from .text import INVISIBLE_CHARACTERS

# Words joined by dots stay one token ("h.e.a.t"); invisible characters are
# allowed inside a token so that "ad\u200bmin" stays one word (they are then removed).
_WORD = rf"[\w{INVISIBLE_CHARACTERS}]+"
TOKEN_PATTERN = rf"{_WORD}(?:\.{_WORD})*"
MAX_TOKEN_LENGTH = 64


class InvisibleCharacterFilter(Filter):  # type: ignore[misc]
    """Removes zero-width and direction-control characters from tokens; drops
    tokens left empty and over-long ones (base64 blobs, URLs glued together)."""

    _table: ClassVar[dict[int, None]] = {ord(character): None for character in INVISIBLE_CHARACTERS}

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        table = self._table
        for token in tokens:
            text = token.text.translate(table)
            if not text or len(text) > MAX_TOKEN_LENGTH:
                continue
            token.text = text
            yield token


def _tokenizer() -> RegexTokenizer:
    return RegexTokenizer(TOKEN_PATTERN)


@cache
def text_analyzer() -> Any:
    """Body and title text: tokenise, lowercase, fold accents, English stemming."""
    return (
        _tokenizer()
        | InvisibleCharacterFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(lang="en", cachesize=100000)
    )


@cache
def name_analyzer() -> Any:
    """Author names: words, lowercase, accents folded, no stemming."""
    return _tokenizer() | InvisibleCharacterFilter() | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def spelling_analyzer() -> Any:
    """The vocabulary for "did you mean": words as written (lowercased), not stems."""
    return _tokenizer() | InvisibleCharacterFilter() | LowercaseFilter()


@cache
def stemmed_stop_words() -> frozenset[str]:
    """Stop words as they look after stemming ("was" is indexed as "wa")."""
    return frozenset(STOP_WORDS) | frozenset(stem(word) for word in STOP_WORDS)
