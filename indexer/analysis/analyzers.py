"""The Whoosh analyzers: how text becomes terms.

Each passage is stemmed in its own language (``LanguageText``; Snowball where
Whoosh has a stemmer), accents folded for all; Chinese, Japanese and Korean runs
become overlapping bigrams. Stop words stay in the index (so "officer the work"
is not a match for the phrase "officer work"); the query layer drops them from
plain word lists, so they never decide or dominate scoring (see query.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Any, ClassVar

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
    Tokenizer,
)

from indexer.analysis.language import stemmer, stop_words
from indexer.analysis.variants import (
    CompoundFilter,
    compound_pattern,
    compound_terms,
    german_spelling,
)
from indexer.core.text import COMBINING_MARKS, INVISIBLE_CHARACTERS, fold

# Words joined by dots stay one token ("h.e.a.t"); invisible characters are
# allowed inside a token so that "ad\u200bmin" stays one word (they are then removed),
# and combining marks so that Indic, Thai or pointed Hebrew words stay whole.
_WORD = rf"[\w{COMBINING_MARKS}{INVISIBLE_CHARACTERS}]+"
TOKEN_PATTERN = rf"{_WORD}(?:\.{_WORD})*"
MAX_TOKEN_LENGTH = 64
TOKEN_RE = re.compile(TOKEN_PATTERN)  # RegexTokenizer compiles the same pattern the same way
# Text words: tokens, or hyphenated compounds of them (analysis/variants.py).
WORD_RE = re.compile(compound_pattern(TOKEN_PATTERN))
_INVISIBLE_TABLE = {ord(character): None for character in INVISIBLE_CHARACTERS}
# The same patterns for ASCII text, with ASCII classes: the same matches there (no mark
# or invisible character is ASCII), found ~3.5x faster than through the marks' ranges.
_ASCII_TOKEN = r"\w+(?:\.\w+)*"
_ASCII_TOKEN_RE = re.compile(_ASCII_TOKEN, re.ASCII)
_ASCII_WORD_RE = re.compile(compound_pattern(_ASCII_TOKEN), re.ASCII)


def text_words(text: str) -> list[str]:
    """``WORD_RE.findall(text)``."""
    words: list[str] = (_ASCII_WORD_RE if text.isascii() else WORD_RE).findall(text)
    return words


def text_tokens(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)``."""
    tokens: list[str] = (_ASCII_TOKEN_RE if text.isascii() else TOKEN_RE).findall(text)
    return tokens


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
    """English text analysis as a chain of Whoosh's own filters: what ``text_analyzer``
    does in one cached step per word (tests hold the two to the same terms)."""
    return (
        RegexTokenizer(WORD_RE.pattern)
        | CompoundFilter()
        | InvisibleCharacterFilter()
        | FoldFilter()
        | StemFilter(stemfn=stemmer("en"), cachesize=100000)
    )


class FoldFilter(Filter):  # type: ignore[misc]
    """Lowercase and accents folded, as ``text.fold`` does for every indexed word."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = fold(token.text)
            yield token


class LanguageText(str):
    """Text to index, carrying the language its words are stemmed in (Whoosh hands the
    analyzer nothing but the value). Stored values stay plain ``str``."""

    language: str

    def __new__(cls, text: str, language: str) -> LanguageText:
        value = super().__new__(cls, text)
        value.language = language
        return value


# Chinese, Japanese and Korean scripts: written without spaces between words. So are
# Thai, Lao, Myanmar and Khmer: without a dictionary (ICU's), their runs get the same
# character bigrams, so a word inside a sentence is found there too.
_CJK = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
)
_CJK_RUN_RE = re.compile(f"[{_CJK}]+|[^{_CJK}]+")
_CJK_RE = re.compile(f"[{_CJK}]")


def _cjk_terms(run: str, unigrams: bool) -> Iterator[tuple[str, int, int, int]]:
    """A run of CJK characters as Lucene's CJK analyzer splits it: overlapping bigrams
    (a lone character stays a unigram); with ``unigrams`` each character too, so a
    one-character word inside a sentence is found. Yields (term, start, end, position)."""
    if len(run) == 1:
        yield run, 0, 1, 0
        return
    last = len(run) - 2  # the run takes one position per bigram
    for offset in range(len(run) - 1):
        yield run[offset : offset + 2], offset, offset + 2, offset
        if unigrams:
            yield run[offset], offset, offset + 1, offset
    if unigrams:
        yield run[-1], len(run) - 1, len(run), last


@lru_cache(maxsize=100000)
def word_terms(
    word: str, language: str | None, unigrams: bool = True
) -> tuple[tuple[str, int, int, int], ...]:
    """The terms one word (a WORD_RE match) indexes: (term, start, end, relative
    position). ``language`` None: folded but not stemmed (how queries are read, before
    query.py stems each word for every language in the index). ``unigrams`` (indexing,
    not a query): CJK characters alone too, and a compound's joined form."""
    if "-" in word:
        return compound_terms(
            word,
            lambda part: word_terms(part, language, unigrams),
            lambda whole: index_term(whole, language),
            unigrams,
        )
    if word.isascii() or not _CJK_RE.search(word):
        term = index_term(word, language)
        return () if term is None else ((term, 0, len(word), 0),)
    terms: list[tuple[str, int, int, int]] = []
    position = 0
    for match in _CJK_RUN_RE.finditer(word):
        part, start = match.group(), match.start()
        if _CJK_RE.match(part):
            pieces = list(_cjk_terms(part, unigrams))
            terms.extend((text, start + a, start + b, position + p) for text, a, b, p in pieces)
            position += max(p for _, _, _, p in pieces) + 1
        else:
            for token in TOKEN_RE.finditer(part):
                term = index_term(token.group(), language)
                if term is not None:
                    terms.append((term, start + token.start(), start + token.end(), position))
                    position += 1
    return tuple(terms)


class ArchiveTokenizer(Tokenizer):  # type: ignore[misc]
    """Words (TOKEN_RE), invisible characters out, lowercase, accents folded, stemmed
    in the value's language (``LanguageText``), CJK runs as bigrams: the whole chain in
    one step, cached per distinct word (generator layers per token cost more than the
    stemming itself when building an index)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Any]:
        language = getattr(value, "language", None)
        unigrams = mode != "query"  # a query's CJK run is matched by its bigrams
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for match in WORD_RE.finditer(value):
            word = match.group()
            if word.isascii() and "-" not in word:  # the common case: one term
                term = index_term(word, language)
                if term is None:  # a dropped word still takes its position, as in Whoosh
                    position += 1
                    continue
                token.text = term
                token.stopped = False
                token.boost = 1.0
                if keeporiginal:
                    token.original = word
                if positions:
                    token.pos = position
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token
                position += 1
                continue
            terms = word_terms(word, language, unigrams)
            if not terms:
                position += 1
                continue
            for text, start, end, offset in terms:
                token.text = text
                token.stopped = False
                token.boost = 1.0
                if keeporiginal:
                    token.original = word[start:end]
                if positions:
                    token.pos = position + offset
                if chars:
                    token.startchar = start_char + match.start() + start
                    token.endchar = start_char + match.start() + end
                yield token
            position += max(offset for _, _, _, offset in terms) + 1


# Per language: word -> its term (str), None (dropped), or ((term, relative position),
# ...) for a word that is several terms (CJK bigrams). Plain dicts: a build looks up
# every word of every passage, and a dict hit costs less than an lru_cache call.
_WORD_CACHE: dict[str | None, dict[str, Any]] = {}
_WORD_CACHE_LIMIT = 200_000  # words per language before its cache starts over


def word_entry(word: str, language: str | None) -> Any:
    """A word's term (str), None (dropped), or ((term, relative position), ...)."""
    terms = word_terms(word, language, True)
    if not terms:
        return None
    if len(terms) == 1 and terms[0][3] == 0:
        return terms[0][0]
    return tuple((term, offset) for term, _, _, offset in terms)


def text_positions(text: str, language: str | None) -> dict[str, list[int]]:
    """Each term of ``text`` with its positions, exactly as ``ArchiveTokenizer`` indexes
    it (tests hold the two together), without a Token object per word."""
    cache = _WORD_CACHE.get(language)
    if cache is None or len(cache) > _WORD_CACHE_LIMIT:
        cache = _WORD_CACHE[language] = {}
    positions: dict[str, list[int]] = {}
    position = 0
    for word in text_words(text):
        entry = cache.get(word, cache)  # the dict itself: not looked up yet
        if entry is cache:
            entry = cache[word] = word_entry(word, language)
        if entry.__class__ is str:
            places = positions.get(entry)
            if places is None:
                positions[entry] = [position]
            else:
                places.append(position)
            position += 1
        elif entry is None:  # a dropped word still takes its position, as in Whoosh
            position += 1
        else:
            for term, offset in entry:
                positions.setdefault(term, []).append(position + offset)
            position += max(offset for _, offset in entry) + 1
    return positions


@cache
def text_analyzer() -> Any:
    """Body and title text: words, lowercase, accents folded, stemmed in the passage's
    language (unstemmed for a plain ``str``: query words), CJK as bigrams."""
    return ArchiveTokenizer()


@cache
def name_analyzer() -> Any:
    """Author names: words, lowercase, accents folded, no stemming."""
    return _tokenizer() | InvisibleCharacterFilter() | FoldFilter()


@cache
def spelling_analyzer() -> Any:
    """The vocabulary for "did you mean": words as written (lowercased), not stems."""
    return _tokenizer() | InvisibleCharacterFilter() | LowercaseFilter()


@lru_cache(maxsize=200000)
def index_term(word: str, language: str | None = "en") -> str | None:
    """The term one token becomes in ``language`` (None: not stemmed), or None when
    it is dropped: invisible characters out, lowercase, accents folded, stemmed.

    Highlighting calls this for every word of a snippet; a cache beats a filter chain.
    """
    text = word.translate(_INVISIBLE_TABLE)
    if not text or len(text) > MAX_TOKEN_LENGTH:
        return None
    folded = fold(text)
    if language == "de":
        folded = german_spelling(folded)
    stem = stemmer(language) if language else None
    return str(stem(folded)) if stem else folded


def is_stop_word(word: str, languages: Iterable[str]) -> bool:
    """Whether a (folded) query word is a stop word in English or any of ``languages``."""
    return word in stop_words("en") or any(word in stop_words(code) for code in languages)
