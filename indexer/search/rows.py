"""A passage's stored fields under the contract's names: one mapping for the hits of a
search and the rows of an export, so both cite a passage the same way."""

from __future__ import annotations

from typing import Any


def split_values(joined: str) -> list[str]:
    """A multi-valued field as stored (comma-joined; commas inside values were spaces)."""
    return [part for part in joined.split(",") if part]


def passage_fields(stored: dict[str, Any]) -> dict[str, Any]:
    """What a hit and an export row say of a passage (``url``: its page in the web app,
    ``post_url``: the original)."""
    return {
        "id": stored["id"],
        "post_id": stored["post_id"],
        "post_title": stored.get("post_title", ""),
        "post_date": stored.get("post_date") or None,
        "post_url": stored.get("post_url", ""),
        "site": stored.get("site", ""),
        "section": stored["section"],
        "author": stored.get("author", ""),
        "date": stored.get("date") or None,
        "date_precision": stored.get("date_precision", "unknown"),
        "language": stored.get("language", ""),
        "categories": split_values(stored.get("category", "")),
        "tags": split_values(stored.get("tag", "")),
        "anchor": stored["anchor"],
        "url": f"/post/{stored['post_id']}#{stored['anchor']}",
        "title": stored.get("title", ""),
        "parent": stored.get("parent", ""),
        "source": stored.get("source", ""),
        "position": stored.get("position", 0),
    }
