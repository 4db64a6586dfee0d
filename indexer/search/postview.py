"""A whole post as the post page shows it: every passage escaped, the query's matches
marked in the text and the title, and why a passage with nothing marked matched."""

from __future__ import annotations

from typing import Any

from indexer.contract.results import PassageView, PostView
from indexer.query.parse import ParsedQuery
from indexer.search.marks import Marks
from indexer.search.rows import passage_fields


def post_view(
    documents: list[dict[str, Any]],
    query: str,
    parsed: ParsedQuery | None,
    matched_ids: set[str],
) -> PostView:
    """``documents``: the post's passages as stored, in page order; ``matched_ids``: those
    the query matches (empty: judged by what is marked)."""
    marks = Marks.of(parsed)
    first = passage_fields(documents[0])
    language = first["language"] or "en"
    title_html, title_marked = marks.whole(first["post_title"], language)
    passages = []
    for stored in documents:
        row = passage_fields(stored)
        marked, has_mark = marks.whole(stored.get("text", ""), row["language"] or "en")
        matched = row["id"] in matched_ids or (not matched_ids and has_mark)
        passages.append(
            PassageView(
                **{name: row[name] for name in _FROM_ROW},
                html=marked,
                matched=matched,
                captured=stored.get("captured") or None,
                url=stored.get("url", ""),  # its own link (a pingback's), not its page here
                matched_in=marks.why(stored, has_mark, title_marked) if matched else "",
            )
        )
    return PostView(
        post_id=first["post_id"],
        title=first["post_title"],
        url=first["post_url"],
        date=first["post_date"],
        date_precision=documents[0].get("post_date_precision", "unknown"),
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
    )


# A passage view's fields read as a hit's are (search/rows.py).
_FROM_ROW = (
    "id", "anchor", "section", "author", "date", "date_precision", "title", "parent",
    "position", "language",
)  # fmt: skip
