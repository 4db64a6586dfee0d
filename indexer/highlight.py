"""Snippets: matched terms in ``<mark>``, everything else HTML-escaped.

This is the only place that produces HTML from archived text. Callers may
mark its output safe and nothing else: every character of the passage goes
through ``html.escape`` (quotes included), and the only tags added are
``<mark>`` and ``</mark>``.
"""

from __future__ import annotations

import html
from typing import Any

from whoosh import highlight

from .analysis import text_analyzer

SNIPPET_CHARACTERS = 240
FRAGMENTS = 3
ELLIPSIS = " … "


class MarkFormatter(highlight.Formatter):  # type: ignore[misc]
    between = ELLIPSIS

    def _text(self, text: str) -> str:
        return html.escape(text, quote=True)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=True)}</mark>"


def _opening(text: str, limit: int) -> str:
    """The passage's start, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return html.escape(text, quote=True)
    cut = text[:limit].rsplit(" ", 1)[0]
    return html.escape(cut, quote=True) + "…"


def snippet(text: str, terms: frozenset[str], limit: int = SNIPPET_CHARACTERS) -> str:
    """A few fragments around the matches; the passage's start when nothing matches."""
    if terms and text:
        fragmenter = highlight.ContextFragmenter(maxchars=limit // 2 + 40, surround=50)
        marked = highlight.highlight(
            " ".join(text.split()),
            terms,
            text_analyzer(),
            fragmenter,
            MarkFormatter(),
            top=FRAGMENTS,
            order=highlight.FIRST,
        )
        if marked:
            return str(marked)
    return _opening(text, limit)


def highlight_whole(text: str, terms: frozenset[str]) -> tuple[str, bool]:
    """The whole passage escaped, with every match marked; and whether any matched."""
    if terms and text:
        marked = highlight.highlight(
            text, terms, text_analyzer(), highlight.WholeFragmenter(charlimit=None),
            MarkFormatter(), top=1,
        )  # fmt: skip
        if marked:
            return str(marked), True
    return html.escape(text, quote=True), False
