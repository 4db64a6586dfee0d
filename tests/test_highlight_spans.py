"""Highlighting looks only at the words that can match (highlight.match_spans): the
spans must be exactly those of reading every word, on real pages in many languages."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from indexer.analysis.analyzers import TOKEN_RE, index_term, word_terms
from indexer.search.highlight import _merged, _phrase_end, match_spans

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
