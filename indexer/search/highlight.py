"""Snippets: matched terms in ``<mark>``, everything else HTML-escaped.

This is the only place that produces HTML from archived text. Callers may
mark its output safe and nothing else: every character of the passage goes
through ``html.escape`` (quotes included), and the only tags added are
``<mark>`` and ``</mark>``.

A word matches when its indexed term (``analysis.word_terms``: the analyzer's
exact steps in the passage's language, cached per word) is one of the query's
terms, so "policing" is marked for a search on "police", as the index matched
it. A phrase is marked only where its words occur in sequence.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from whoosh import query as whoosh_query
from whoosh.support.levenshtein import damerau_levenshtein

from indexer.analysis.analyzers import WORD_RE, index_term, word_terms
from indexer.search.ascii_spans import ascii_phrase_spans, ascii_word_spans, ascii_words

SNIPPET_CHARACTERS = 240
FRAGMENT_CHARACTERS = 160  # matches closer than this share one fragment
SURROUND = 50  # context on each side of a fragment's matches
FRAGMENTS = 3
ELLIPSIS = " … "

Span = tuple[int, int]
Phrases = frozenset[tuple[str, ...]]
_NO_PHRASES: Phrases = frozenset()


def match_spans(
    text: str, terms: frozenset[str], phrases: Phrases = _NO_PHRASES, language: str = "en"
) -> list[Span]:
    """Character spans of ``text`` that the query matched, in order, never overlapping:
    words whose term is one of ``terms``, and whole occurrences of ``phrases``."""
    if not terms and not phrases:
        return []
    # Stemmers strip suffixes and keep a word's first letter (checked on 141k words of
    # the shared fixtures, every language): a word can only match a term it shares its
    # first letter with, so most words of a shown passage are never stemmed.
    initials = frozenset(term[:1] for term in terms) | {word[:1] for p in phrases for word in p}
    if ascii_words(text):  # the common case: the regex engine finds candidates
        if not phrases:
            return _merged(ascii_word_spans(text, terms, initials, language))
        wanted = terms | {word for phrase in phrases for word in phrase}
        spans, at = ascii_phrase_spans(text, terms, wanted, language)
    else:
        spans, at = _word_spans(text, terms, initials, bool(phrases), language)
    for phrase in phrases:
        for first in sorted(at):
            ends = _phrase_end(at, first, phrase)
            if ends is not None:
                spans.append(ends)
    return _merged(spans)


def _word_spans(
    text: str, terms: frozenset[str], initials: frozenset[str], phrases: bool, language: str
) -> tuple[list[Span], dict[int, list[tuple[str, int, int]]]]:
    """The spans of matched words, and (for phrases) every term at its position:
    position -> (term, start, end)."""
    spans: list[Span] = []
    at: dict[int, list[tuple[str, int, int]]] = {}
    position = 0
    for match in WORD_RE.finditer(text):
        word = match.group()
        if word.isascii() and "-" not in word:
            if word[:1].lower() not in initials:
                position += 1  # an ASCII word is one position, whether a term or not
                continue
            if not phrases:  # one word, one term
                if index_term(word, language) in terms:
                    spans.append(match.span())
                continue
        found = word_terms(word, language)
        for term, start, end, offset in found:
            span = (match.start() + start, match.start() + end)
            if term in terms:
                spans.append(span)
            if phrases:
                at.setdefault(position + offset, []).append((term, *span))
        position += max(offset for _, _, _, offset in found) + 1 if found else 1
    return spans, at


def _phrase_end(
    at: dict[int, list[tuple[str, int, int]]], first: int, phrase: tuple[str, ...]
) -> Span | None:
    """The span of ``phrase`` when it starts at position ``first``."""
    start = end = -1
    for index, word in enumerate(phrase):
        hit = next((entry for entry in at.get(first + index, ()) if entry[0] == word), None)
        if hit is None:
            return None
        if index == 0:
            start = hit[1]
        end = max(end, hit[2])
    return start, end


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, start: int, end: int, spans: list[Span]) -> str:
    pieces = []
    position = start
    for span_start, span_end in spans:
        pieces.append(html.escape(text[position:span_start], quote=True))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end], quote=True)}</mark>")
        position = span_end
    pieces.append(html.escape(text[position:end], quote=True))
    return "".join(pieces)


def _groups(spans: list[Span]) -> list[list[Span]]:
    """Matches close enough to share one fragment."""
    groups: list[list[Span]] = []
    for span in spans:
        if groups and span[1] - groups[-1][0][0] <= FRAGMENT_CHARACTERS:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _fragments(text: str, spans: list[Span]) -> list[tuple[int, int, list[Span]]]:
    """The best few windows of context around the matches (most distinct matched words,
    then most matches, then earliest), shown in text order, cut at spaces, never
    overlapping one another."""
    groups = _groups(spans)

    def rank(numbered: tuple[int, list[Span]]) -> tuple[int, int, int]:
        number, group = numbered
        distinct = {text[start:end].lower() for start, end in group}
        return (-len(distinct), -len(group), number)

    chosen = sorted(sorted(enumerate(groups), key=rank)[:FRAGMENTS])
    fragments: list[tuple[int, int, list[Span]]] = []
    previous_end = 0
    for _, group in chosen:
        start = group[0][0] - SURROUND
        if start <= previous_end:  # touching the previous fragment: continue from it
            start = previous_end
        else:
            space = text.find(" ", start, group[0][0])
            start = space + 1 if space >= 0 else start
        end = min(len(text), group[-1][1] + SURROUND)
        if end < len(text):
            space = text.rfind(" ", group[-1][1], end)
            end = space if space >= 0 else end
        fragments.append((start, end, group))
        previous_end = end
    return fragments


def _opening(text: str, limit: int) -> str:
    """The passage's start, cut at a word boundary."""
    if len(text) <= limit:
        return html.escape(text, quote=True)
    cut = text[:limit].rsplit(" ", 1)[0]
    return html.escape(cut, quote=True) + "…"


def snippet(
    text: str,
    terms: frozenset[str],
    limit: int = SNIPPET_CHARACTERS,
    *,
    phrases: Phrases = _NO_PHRASES,
    language: str = "en",
) -> str:
    """A few fragments around the matches; the passage's start when nothing matches."""
    text = " ".join(text.split())
    spans = match_spans(text, terms, phrases, language)
    if not spans:
        return _opening(text, limit)
    return ELLIPSIS.join(
        _render(text, start, end, group) for start, end, group in _fragments(text, spans)
    )


def highlight_whole(
    text: str, terms: frozenset[str], phrases: Phrases = _NO_PHRASES, language: str = "en"
) -> tuple[str, bool]:
    """The whole passage escaped, with every match marked; and whether any matched."""
    spans = match_spans(text, terms, phrases, language)
    return _render(text, 0, len(text), spans), bool(spans)


# Prefix and fuzzy words a cluster expanded without saying into what: the passage's own
# words such a word matches are marked, as the local index's expansions are.
def _matches(term: str, node: Any) -> bool:
    word = str(node.text)
    if isinstance(node, whoosh_query.FuzzyTerm):
        distance = int(node.maxdist)
        return (
            term[:1] == word[:1]  # the parser's expansion keeps the first letter
            and abs(len(term) - len(word)) <= distance
            and damerau_levenshtein(term, word, distance + 1) <= distance
        )
    return term.startswith(word)


def passage_terms(
    terms: frozenset[str], expanding: Sequence[Any], text: str, language: str
) -> frozenset[str]:
    """``terms`` and the passage's terms that one of the ``expanding`` words matches."""
    if not expanding:
        return terms
    found = {
        term
        for word in dict.fromkeys(WORD_RE.findall(text))
        for term in _terms_of(word, language)
        if any(_matches(term, n) for n in expanding)
    }
    return terms | found


def _terms_of(word: str, language: str) -> list[str]:
    """A word's terms: one, or a compound's parts and joined form."""
    if "-" in word:
        return [term for term, _, _, _ in word_terms(word, language)]
    term = index_term(word, language)
    return [term] if term else []
