"""A passage's stored fields under the contract's names: one mapping for the hits of a
search, the post page and the rows of an export, so all cite a passage the same way,
whichever backend read it (the index's stored fields, a cluster's ``_source``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def split_values(joined: str | list[str] | None) -> list[str]:
    """A multi-valued field as stored: comma-joined (commas inside values were made
    spaces), or a list (a cluster's document)."""
    if isinstance(joined, list):
        return joined
    return [part for part in (joined or "").split(",") if part]


def passage_fields(stored: Mapping[str, Any]) -> dict[str, Any]:
    """What a hit and an export row say of a passage (``url``: its page in the web app,
    ``post_url``: the original)."""
    return {
        "id": stored["id"],
        "post_id": stored["post_id"],
        "post_title": stored.get("post_title", ""),
        "post_date": stored.get("post_date") or None,
        "post_url": stored.get("post_url", ""),
        "site": stored.get("site") or "",
        "section": stored["section"],
        "author": stored.get("author") or "",
        "date": stored.get("date") or None,
        "date_precision": stored.get("date_precision") or "unknown",
        "utc_offset": stored.get("utc_offset") or None,
        "language": stored.get("language") or "",
        "categories": split_values(stored.get("category")),
        "tags": split_values(stored.get("tag")),
        "anchor": stored["anchor"],
        "url": f"/post/{stored['post_id']}#{stored['anchor']}",
        "title": stored.get("title", ""),
        "parent": stored.get("parent", ""),
        "source": stored.get("source", ""),
        "position": int(stored.get("position", 0)),
    }
