"""A hit and a post's page from passages' stored fields, whichever backend read them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from indexer.contract.results import Hit, PassageView, PostView
from indexer.search.highlight import highlight_whole, passage_terms, snippet


def _split(value: str | list[str]) -> list[str]:
    if isinstance(value, list):
        return value
    return [part for part in value.split(",") if part]


def hit_view(
    fields: Mapping[str, Any],
    terms: frozenset[str],
    phrases: frozenset[tuple[str, ...]],
    score: float | None,
    expanding: Sequence[Any] = (),
) -> Hit:
    """One matching passage, ready to show: its snippet marks ``terms`` and ``phrases``
    (and the words of ``expanding`` it holds: ``highlight.passage_terms``)."""
    text, language = fields.get("text", ""), fields.get("language") or "en"
    return Hit(
        id=fields["id"],
        post_id=fields["post_id"],
        post_title=fields.get("post_title", ""),
        post_date=fields.get("post_date") or None,
        post_url=fields.get("post_url", ""),
        section=fields["section"],
        author=fields.get("author") or "",
        date=fields.get("date") or None,
        date_precision=fields.get("date_precision") or "unknown",
        anchor=fields["anchor"],
        url=f"/post/{fields['post_id']}#{fields['anchor']}",
        snippet=snippet(
            text,
            passage_terms(terms, expanding, text, language),
            phrases=phrases,
            language=language,
        ),
        score=score,
        title=fields.get("title", ""),
        parent=fields.get("parent", ""),
        source=fields.get("source", ""),
        position=int(fields.get("position", 0)),
        utc_offset=fields.get("utc_offset") or None,
    )


def post_view(
    post_id: str,
    documents: list[Mapping[str, Any]],
    query: str,
    terms: frozenset[str],
    phrases: frozenset[tuple[str, ...]],
    matched_ids: set[str],
    expanding: Sequence[Any] = (),
) -> PostView:
    """``documents``: the post's passages in page order; ``matched_ids``: those the query
    matches (none: each passage the highlighting marks counts as matched); ``expanding``:
    prefix and fuzzy words the backend expanded itself (``highlight.passage_terms``)."""
    passages = []
    for fields in documents:
        text, language = fields.get("text", ""), fields.get("language") or "en"
        marked, has_mark = highlight_whole(
            text, passage_terms(terms, expanding, text, language), phrases, language
        )
        passages.append(
            PassageView(
                id=fields["id"],
                anchor=fields["anchor"],
                section=fields["section"],
                author=fields.get("author") or "",
                date=fields.get("date") or None,
                date_precision=fields.get("date_precision") or "unknown",
                title=fields.get("title", ""),
                parent=fields.get("parent", ""),
                position=fields["position"],
                html=marked,
                matched=fields["id"] in matched_ids or (not matched_ids and has_mark),
                captured=fields.get("captured") or None,
                url=fields.get("url", ""),
                utc_offset=fields.get("utc_offset") or None,
            )
        )
    first = documents[0]
    return PostView(
        post_id=post_id,
        title=first.get("post_title", ""),
        url=first.get("post_url", ""),
        date=first.get("post_date") or None,
        date_precision=first.get("post_date_precision") or "unknown",
        author=first.get("post_author", ""),
        source=first.get("source", ""),
        categories=_split(first.get("category") or ""),
        tags=_split(first.get("tag") or ""),
        passages=passages,
        query=query,
        first_match=next((view.anchor for view in passages if view.matched), None),
        captured=first.get("post_captured") or None,
        capture_url=first.get("post_capture_url", ""),
        utc_offset=first.get("post_utc_offset") or None,
    )
