"""Snippets: matched terms in ``<mark>``, everything else HTML-escaped.

This is the only place that produces HTML from archived text. Callers may
mark its output safe and nothing else: every character of the passage goes
through ``html.escape`` (quotes included), and the only tags added are
``<mark>`` and ``</mark>``.

A word matches when its indexed term (``analysis.index_term``: the analyzer's
exact steps, cached per word) is one of the query's terms, so "policing" is
marked for a search on "police", as the index matched it.
"""

from __future__ import annotations

import html

from .analysis import TOKEN_RE, index_term

SNIPPET_CHARACTERS = 240
FRAGMENT_CHARACTERS = 160  # matches closer than this share one fragment
SURROUND = 50  # context on each side of a fragment's matches
FRAGMENTS = 3
ELLIPSIS = " … "

Span = tuple[int, int]


def match_spans(text: str, terms: frozenset[str]) -> list[Span]:
    """Character spans of the words of ``text`` that the query's terms match."""
    if not terms:
        return []
    return [match.span() for match in TOKEN_RE.finditer(text) if index_term(match.group()) in terms]


def _render(text: str, start: int, end: int, spans: list[Span]) -> str:
    pieces = []
    position = start
    for span_start, span_end in spans:
        pieces.append(html.escape(text[position:span_start], quote=True))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end], quote=True)}</mark>")
        position = span_end
    pieces.append(html.escape(text[position:end], quote=True))
    return "".join(pieces)


def _fragments(text: str, spans: list[Span]) -> list[tuple[int, int, list[Span]]]:
    """The first few windows of context around the matches, cut at spaces."""
    fragments: list[tuple[int, int, list[Span]]] = []
    index = 0
    while index < len(spans) and len(fragments) < FRAGMENTS:
        group = [spans[index]]
        index += 1
        while index < len(spans) and spans[index][1] - group[0][0] <= FRAGMENT_CHARACTERS:
            group.append(spans[index])
            index += 1
        start = max(0, group[0][0] - SURROUND)
        if start > 0:
            space = text.find(" ", start, group[0][0])
            start = space + 1 if space >= 0 else start
        end = min(len(text), group[-1][1] + SURROUND)
        if end < len(text):
            space = text.rfind(" ", group[-1][1], end)
            end = space if space >= 0 else end
        fragments.append((start, end, group))
    return fragments


def _opening(text: str, limit: int) -> str:
    """The passage's start, cut at a word boundary."""
    if len(text) <= limit:
        return html.escape(text, quote=True)
    cut = text[:limit].rsplit(" ", 1)[0]
    return html.escape(cut, quote=True) + "…"


def snippet(text: str, terms: frozenset[str], limit: int = SNIPPET_CHARACTERS) -> str:
    """A few fragments around the matches; the passage's start when nothing matches."""
    text = " ".join(text.split())
    spans = match_spans(text, terms)
    if not spans:
        return _opening(text, limit)
    return ELLIPSIS.join(
        _render(text, start, end, group) for start, end, group in _fragments(text, spans)
    )


def highlight_whole(text: str, terms: frozenset[str]) -> tuple[str, bool]:
    """The whole passage escaped, with every match marked; and whether any matched."""
    spans = match_spans(text, terms)
    return _render(text, 0, len(text), spans), bool(spans)
