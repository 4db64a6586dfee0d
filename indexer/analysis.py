"""The Whoosh analyzers: how text becomes terms.

Stop words stay in the index (so "officer the work" is not a match for the
phrase "officer work"); the query layer drops them from plain word lists, so
they never decide or dominate scoring (see query.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, ClassVar

from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
)
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map

from .text import INVISIBLE_CHARACTERS

# Words joined by dots stay one token ("h.e.a.t"); invisible characters are
# allowed inside a token so that "ad\u200bmin" stays one word (they are then removed).
_WORD = rf"[\w{INVISIBLE_CHARACTERS}]+"
TOKEN_PATTERN = rf"{_WORD}(?:\.{_WORD})*"
MAX_TOKEN_LENGTH = 64
TOKEN_RE = re.compile(TOKEN_PATTERN)  # RegexTokenizer compiles the same pattern the same way
# The Snowball English stemmer: what StemFilter(lang="en") uses.
english_stem = stemmer_for_language("en")
_INVISIBLE_TABLE = {ord(character): None for character in INVISIBLE_CHARACTERS}


class InvisibleCharacterFilter(Filter):  # type: ignore[misc]
    """Removes zero-width and direction-control characters from tokens; drops
    tokens left empty and over-long ones (base64 blobs, URLs glued together)."""

    _table: ClassVar[dict[int, None]] = _INVISIBLE_TABLE

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
def reference_text_analyzer() -> Any:
    """The text analysis as a chain of Whoosh's own filters: what ``text_analyzer`` does
    in one cached step per word (tests hold the two to the same terms)."""
    return (
        _tokenizer()
        | InvisibleCharacterFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(stemfn=english_stem, cachesize=100000)
    )


class TermFilter(Filter):  # type: ignore[misc]
    """Invisible characters out, lowercase, accents folded, Snowball stem: the whole
    chain in one step, cached per distinct word (four generator layers per token cost
    more than the stemming itself when building an index)."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            term = index_term(token.text)
            if term is not None:
                token.text = term
                yield token


@cache
def text_analyzer() -> Any:
    """Body and title text: tokenise, lowercase, fold accents, English stemming."""
    return _tokenizer() | TermFilter()


@cache
def name_analyzer() -> Any:
    """Author names: words, lowercase, accents folded, no stemming."""
    return _tokenizer() | InvisibleCharacterFilter() | LowercaseFilter() | CharsetFilter(accent_map)


@cache
def spelling_analyzer() -> Any:
    """The vocabulary for "did you mean": words as written (lowercased), not stems."""
    return _tokenizer() | InvisibleCharacterFilter() | LowercaseFilter()


@lru_cache(maxsize=200000)
def index_term(word: str) -> str | None:
    """The term ``text_analyzer`` indexes for one token, or None when it drops it.

    The same steps as the analyzer chain, for one word at a time: highlighting
    calls this for every word of a snippet, and a cache beats the generator chain.
    """
    text = word.translate(_INVISIBLE_TABLE)
    if not text or len(text) > MAX_TOKEN_LENGTH:
        return None
    return str(english_stem(text.lower().translate(accent_map)))


@cache
def stemmed_stop_words() -> frozenset[str]:
    """Stop words as the index holds them (Snowball: "was" stays "was", "this" is "this")."""
    return frozenset(STOP_WORDS) | frozenset(
        term for term in (index_term(word) for word in STOP_WORDS) if term
    )
