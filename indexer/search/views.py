"""A hit and a post's page from passages' stored fields, whichever backend read them.

The stored fields are read under the contract's names once (``rows.passage_fields``);
the text and the post's title are marked with the same terms, and a passage whose text
has nothing marked says why it matched (``marks.matched_in``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from indexer.contract.results import Hit, PassageView, PostView
from indexer.search.highlight import highlight_whole, passage_terms, snippet
from indexer.search.marks import matched_in
from indexer.search.rows import passage_fields

Phrases = frozenset[tuple[str, ...]]
# A hit's fields read as stored (the rest are the search's own).
_HIT_FIELDS = tuple(
    field.name
    for field in fields(Hit)
    if field.name not in ("snippet", "score", "post_title_html", "matched_in")
)
# A passage view's fields read as a hit's are.
_PASSAGE_FIELDS = (
    "id", "anchor", "section", "author", "date", "date_precision", "title", "parent",
    "position", "language", "utc_offset",
)  # fmt: skip


def _marked(
    text: str,
    terms: frozenset[str],
    phrases: Phrases,
    language: str,
    expanding: Sequence[Any],
) -> tuple[str, bool]:
    """``text`` escaped, every match marked; and whether any was."""
    return highlight_whole(text, passage_terms(terms, expanding, text, language), phrases, language)


def hit_view(
    stored: Mapping[str, Any],
    terms: frozenset[str],
    phrases: Phrases,
    score: float | None,
    expanding: Sequence[Any] = (),
    names: frozenset[str] = frozenset(),
) -> Hit:
    """One matching passage, ready to show: its snippet and its post's title mark
    ``terms`` and ``phrases`` (and the words of ``expanding`` they hold:
    ``highlight.passage_terms``); ``names``: the name words the query searched."""
    row = passage_fields(stored)
    text, language = stored.get("text", ""), row["language"] or "en"
    text_html = snippet(
        text, passage_terms(terms, expanding, text, language), phrases=phrases, language=language
    )
    title_html, title_marked = _marked(row["post_title"], terms, phrases, language, expanding)
    return Hit(
        **{name: row[name] for name in _HIT_FIELDS},
        snippet=text_html,
        score=score,
        post_title_html=title_html,
        matched_in=matched_in(stored, names, "<mark>" in text_html, title_marked),
    )


def post_view(
    post_id: str,
    documents: list[Mapping[str, Any]],
    query: str,
    terms: frozenset[str],
    phrases: Phrases,
    matched_ids: set[str],
    expanding: Sequence[Any] = (),
    names: frozenset[str] = frozenset(),
) -> PostView:
    """``documents``: the post's passages in page order; ``matched_ids``: those the query
    matches (none: each passage the highlighting marks counts as matched); ``expanding``:
    prefix and fuzzy words the backend expanded itself (``highlight.passage_terms``)."""
    first = passage_fields(documents[0])
    language = first["language"] or "en"
    title_html, title_marked = _marked(first["post_title"], terms, phrases, language, expanding)
    passages = []
    for stored in documents:
        row = passage_fields(stored)
        marked, has_mark = _marked(
            stored.get("text", ""), terms, phrases, row["language"] or "en", expanding
        )
        matched = row["id"] in matched_ids or (not matched_ids and has_mark)
        passages.append(
            PassageView(
                **{name: row[name] for name in _PASSAGE_FIELDS},
                html=marked,
                matched=matched,
                captured=stored.get("captured") or None,
                url=stored.get("url", ""),  # its own link (a pingback's), not its page here
                matched_in=matched_in(stored, names, has_mark, title_marked) if matched else "",
            )
        )
    return PostView(
        post_id=post_id,
        title=first["post_title"],
        url=first["post_url"],
        date=first["post_date"],
        date_precision=documents[0].get("post_date_precision") or "unknown",
        author=documents[0].get("post_author", ""),
        source=first["source"],
        categories=first["categories"],
        tags=first["tags"],
        passages=passages,
        query=query,
        first_match=next((view.anchor for view in passages if view.matched), None),
        captured=documents[0].get("post_captured") or None,
        capture_url=documents[0].get("post_capture_url", ""),
        site=first["site"],
        title_html=title_html,
        utc_offset=documents[0].get("post_utc_offset") or None,
    )
