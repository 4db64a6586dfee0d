"""Highlighting stems only the words that share a first letter with a query term
(highlight.match_spans): every stemmer must keep a word's first letter."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.lang.snowball import classes

from indexer.analysis.analyzers import TOKEN_RE, index_term
from indexer.search.highlight import snippet

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html")),
    *sorted((ROOT / "tests" / "fixtures" / "textpages").glob("*.txt")),
]


@pytest.mark.parametrize("language", sorted(classes))
def test_every_stemmer_keeps_a_words_first_letter(language: str) -> None:
    words = {
        word
        for path in TEXTS
        for word in TOKEN_RE.findall(path.read_text(encoding="utf-8", errors="replace"))
        if word.isascii()
    }
    assert len(words) > 1000
    changed = {}
    for word in words:
        term = index_term(word, language)
        if term and term[0] != word[0].lower():
            changed[word] = term
    assert changed == {}


def test_a_stemmed_word_is_marked_and_others_are_not() -> None:
    terms = frozenset({index_term("police", "en"), index_term("happy", "en")})
    marked = snippet("Policing made Happiness; polite people.", terms, language="en")
    assert marked == "<mark>Policing</mark> made <mark>Happiness</mark>; polite people."


@pytest.mark.parametrize(("language", "word"), [("ar", "heads")])
def test_a_word_a_stemmer_fails_on_is_kept_as_written(language: str, word: str) -> None:
    assert index_term(word, language) == word
    terms = frozenset({index_term(word, language)})
    assert snippet(f"we {word} here", terms, language=language) == f"we <mark>{word}</mark> here"


def test_a_word_whooshs_spanish_failed_on_is_stemmed_and_marked() -> None:
    # Whoosh's port raised IndexError on "argue" (the word was kept); Snowball stems it.
    assert index_term("argue", "es") == "argu"
    marked = snippet("we argue here", frozenset({"argu"}), language="es")
    assert marked == "we <mark>argue</mark> here"
