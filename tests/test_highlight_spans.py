"""Highlighting looks only at the words that can match (highlight.match_spans): the
spans must be exactly those of reading every word, on real pages in many languages."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from indexer.analysis.analyzers import TOKEN_RE, index_term, word_terms
from indexer.search.ascii_spans import ascii_words
from indexer.search.highlight import _merged, _phrase_end, _word_spans, match_spans

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    *sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html")),
    *sorted((ROOT / "tests" / "fixtures" / "textpages").glob("*.txt")),
]
Phrases = frozenset[tuple[str, ...]]


def every_word(text: str, terms: frozenset[str], phrases: Phrases, language: str) -> list:
    """The reference: each token's terms and positions, no shortcut."""
    spans, at, position = [], {}, 0
    for match in TOKEN_RE.finditer(text):
        found = word_terms(match.group(), language)
        for term, start, end, offset in found:
            span = (match.start() + start, match.start() + end)
            if term in terms:
                spans.append(span)
            at.setdefault(position + offset, []).append((term, *span))
        position += max(offset for _, _, _, offset in found) + 1 if found else 1
    for phrase in phrases:
        for first in sorted(at):
            ends = _phrase_end(at, first, phrase)
            if ends is not None:
                spans.append(ends)
    return _merged(spans)


TRICKY = (
    "Policing.police a.police police. .police ..police H.E.A.T.-Konferenz "
    "po\u200blice \u200bpolice Über über Ünited naïve Naïve Polizei-Razzia "
    "编译器的内存 内存 Пoлиция полиция _police 2012 2012-05 p.o.l.i.c.e"
)
TRICKY_ASCII = (  # ASCII text takes its own path
    "Policing.police a.police police. .police ..police H.E.A.T.-Konferenz x.p.police "
    "P.police _police 2012 2012-05 p.o.l.i.c.e 'police' (Police) e-mail E.mail"
)


@pytest.mark.parametrize("text", [TRICKY, TRICKY_ASCII], ids=["unicode", "ascii"])
def test_tricky_tokens_match_as_every_word_does(text: str) -> None:
    words = [match.group() for match in TOKEN_RE.finditer(text)]
    for language in ("en", "de", "ru", None):
        for word in words:
            terms = frozenset(term for term, *_ in word_terms(word, language))
            assert match_spans(text, terms, language=language or "en") == every_word(
                text, terms, frozenset(), language or "en"
            ), (word, language)


@pytest.mark.parametrize("text", [TRICKY, TRICKY_ASCII], ids=["unicode", "ascii"])
def test_tricky_tokens_match_phrases_as_every_word_does(text: str) -> None:
    """Each pair of neighbouring words as a phrase (ASCII text counts the positions of
    the words between candidates in the regex engine: dotted tokens must count once)."""
    words = [match.group() for match in TOKEN_RE.finditer(text)]
    marked = 0
    for language in ("en", "de"):
        for first, second in itertools.pairwise(words):
            phrase = tuple(t for word in (first, second) if (t := index_term(word, language)))
            if len(phrase) == 2:
                found = match_spans(text, frozenset(), frozenset({phrase}), language)
                assert found == every_word(text, frozenset(), frozenset({phrase}), language)
                marked += bool(found)
    assert marked


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_real_pages_match_as_every_word_does(path: Path) -> None:
    # Paragraph by paragraph, as passages are: most are ASCII, some not.
    paragraphs = [
        part
        for part in path.read_text(encoding="utf-8", errors="replace").split("\n\n")
        if len(TOKEN_RE.findall(part)) >= 5
    ]
    chooser = random.Random(path.name)
    for text in chooser.sample(paragraphs, min(40, len(paragraphs))):
        words = TOKEN_RE.findall(text)
        language = chooser.choice(("en", "de", "fr"))
        picked = chooser.sample(words, 2)
        terms = frozenset(t for word in picked if (t := index_term(word, language)))
        at = chooser.randrange(len(words) - 1)
        phrase = tuple(t for word in words[at : at + 2] if (t := index_term(word, language)))
        marked = match_spans(text, terms, language=language)
        assert marked == every_word(text, terms, frozenset(), language)
        assert marked  # the picked words are in the paragraph: a test that can fail
        phrases = frozenset({phrase}) if len(phrase) == 2 else frozenset()
        assert match_spans(text, terms, phrases, language) == every_word(
            text, terms, phrases, language
        )


COMPOUNDS = (  # words all ASCII, typographic punctuation between them
    "“Well-known” e-mail—state-of-the-art x.police, anti-police police-state: a police–state "
    "police.  x-police police-x-police ‘Police-Razzia’ 2012-05-01 … e.mail-police police-"
)


def general_path(text: str, terms: frozenset[str], phrases: Phrases, language: str) -> list:
    """``match_spans`` as it reads text with words that are not ASCII: every word."""
    initials = frozenset(t[:1] for t in terms) | {word[:1] for p in phrases for word in p}
    spans, at = _word_spans(text, terms, initials, bool(phrases), language)
    for phrase in phrases:
        spans.extend(ends for first in sorted(at) if (ends := _phrase_end(at, first, phrase)))
    return _merged(spans)


def _typographic_paragraphs(count: int) -> list[str]:
    """Paragraphs of the real pages whose words are ASCII but not all their characters."""
    found = []
    for path in TEXTS:
        for part in path.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            text = " ".join(part.split())
            if len(text) > 200 and not text.isascii() and ascii_words(text):
                found.append(text[:2000])
    return random.Random(1).sample(found, count)


@pytest.mark.parametrize("text", [TRICKY_ASCII, COMPOUNDS, *_typographic_paragraphs(8)])
def test_ascii_words_take_the_regex_path_with_the_same_spans(text: str) -> None:
    """Each pair of neighbouring terms (compounds' parts and joined forms too) as a
    phrase, and each term alone, beside another term: as reading every word."""
    text = " ".join(text.split())
    assert ascii_words(text)
    every = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
    for language in ("en", "de"):
        at = _word_spans(text, frozenset(), every, True, language)[1]
        entries = [(p, term) for p in sorted(at) for term, _, _ in at[p]]
        for (first, one), (second, other) in itertools.pairwise(entries):
            phrases = frozenset({(one, other)}) if second == first + 1 else frozenset()
            terms = frozenset({one, "police"})
            assert match_spans(text, terms, phrases, language) == general_path(
                text, terms, phrases, language
            ), (one, other, language)


def test_words_that_are_not_ascii_take_the_general_path() -> None:
    assert not ascii_words("naïve police")
    assert not ascii_words("po\u200blice")  # an invisible character inside a word
    assert ascii_words("“police” – ‘police’ … police")
