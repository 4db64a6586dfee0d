"""Captures of the same page in a web archive, made one post.

A crawl holds a post many times: captured on several days, and under URL
variants (``?replytocom=12``, ``#comments``, ``/amp/``, ``/comment-page-2/``,
a trailing slash, http and https). ``capture_key`` maps all of them to one key
(``core.urls.address_key``, the one URL identity).
``merge_captures`` takes the post from the newest capture that holds it and
makes its comment thread the union of every capture's: a comment deleted after
one crawl is still in the archive, so it stays, with the date of the last
capture that showed it. Listing pages (home, category, tag, author, search,
date archives) show many posts' excerpts and are not posts themselves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

from indexer.core.models import Passage, Post, Section
from indexer.core.urls import address_key, is_variant

_LISTING_PATH_RE = re.compile(
    r"/(?:category|categories|tag|tags|topics?|author|search|label)(?:/|$)"
    r"|/page/\d+/?$"
    r"|^/(?:19|20)\d\d(?:/\d\d){0,2}/?$"  # date archives: /2012/, /2012/06/, /2012/06/14/
    r"|_archive\.html$",  # Blogger's monthly archive
    re.I,
)
_LISTING_PARAMS = frozenset({"s", "cat", "tag", "author", "paged", "updated-max", "m"})
_BODY_CLASS_RE = re.compile(rb"<body\b[^>]*?\bclass\s*=\s*[\"']([^\"']*)", re.I)
_LISTING_BODY_CLASSES = frozenset(
    {"archive", "category", "tag", "search", "search-results", "author", "date", "blog", "paged"}
)
# One per post on a listing: <article>, WordPress's hentry, Blogger's post-outer.
_POST_CONTAINER_RE = re.compile(
    rb"<article\b|class\s*=\s*[\"'][^\"']*\b(?:hentry|post-outer)\b", re.I
)
_SINGLE_BODY_CLASSES = frozenset({"single", "single-post", "page", "singular", "attachment"})


def capture_key(uri: str) -> str:
    """The page a capture is of: its address's key (``core.urls``, the one identity)."""
    return address_key(uri) or uri.strip()


def is_listing_url(uri: str) -> bool:
    """Front page, category/tag/author/search pages and date archives, by their URL."""
    parts = urlsplit(uri.strip())
    names = {name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if names & _LISTING_PARAMS:
        return True
    return not parts.query and bool(_LISTING_PATH_RE.search(parts.path))


def is_listing_page(page: bytes, uri: str) -> bool:
    """A listing by its markup: WordPress's ``<body>`` classes (``archive category``), or a
    front page showing several posts (a site whose front page is one article is read)."""
    match = _BODY_CLASS_RE.search(page[:65536])
    if match:
        tokens = set(match.group(1).decode("ascii", "replace").lower().split())
        if tokens & _SINGLE_BODY_CLASSES:
            return False
        if tokens & _LISTING_BODY_CLASSES:
            return True
    front = urlsplit(uri.strip()).path.strip("/") == ""
    return front and len(_POST_CONTAINER_RE.findall(page)) >= 2


@dataclasses.dataclass(frozen=True)
class ParsedCapture:
    """One capture's post, as the saved-page reader read it."""

    post: Post
    uri: str
    captured: datetime


def _comment_key(passage: Passage) -> tuple[str, str, str, str]:
    moment = passage.date.isoformat() if passage.date else ""
    return (str(passage.section), passage.author, moment, " ".join(passage.text.split()))


def _holds_post(capture: ParsedCapture) -> bool:
    return any(p.section in (Section.POST, Section.QUOTE) for p in capture.post.passages)


def merge_captures(captures: list[ParsedCapture]) -> Post:
    """One post from all captures of a page (any order); see the module docstring."""
    ordered = sorted(captures, key=lambda c: c.captured, reverse=True)
    # The post's own URL beats a variant (an AMP page is a thinner copy) of the same day.
    holding = [c for c in ordered if _holds_post(c)] or ordered
    same_day = [c for c in holding if c.captured.date() == holding[0].captured.date()]
    main = next((c for c in same_day if not is_variant(c.uri)), same_day[0])
    post = main.post
    body = [
        dataclasses.replace(p, captured=main.captured)
        for p in post.passages
        if p.section in (Section.POST, Section.QUOTE)
    ]
    responses = _union_of_responses([main, *[c for c in ordered if c is not main]])
    merged = dataclasses.replace(
        post,
        passages=body + responses,
        capture_url=main.uri,
        captured=main.captured,
    )
    return merged


def _union_of_responses(captures: list[ParsedCapture]) -> list[Passage]:
    """Comments and pingbacks of every capture, the first capture's order and anchors first.

    A response only older captures hold is placed after the response that precedes it
    there, with an anchor made from its content (stable across re-reads); replies keep
    pointing at their parent under its merged anchor.
    """
    merged: list[Passage] = []
    position: dict[tuple[str, str, str, str], int] = {}
    used_anchors: set[str] = set()
    for capture in captures:
        renamed: dict[str, str] = {}
        previous_index = -1
        for passage in capture.post.passages:
            if passage.section not in (Section.COMMENT, Section.PINGBACK):
                continue
            key = _comment_key(passage)
            if key in position:
                index = position[key]
                renamed[passage.anchor] = merged[index].anchor
                previous_index = index
                continue
            anchor = passage.anchor
            if anchor in used_anchors:
                digest = hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:8]
                anchor = f"{passage.section.value}-{digest}"
            renamed[passage.anchor] = anchor
            used_anchors.add(anchor)
            new = dataclasses.replace(
                passage,
                anchor=anchor,
                parent=renamed.get(passage.parent, passage.parent),
                captured=capture.captured,
            )
            index = previous_index + 1
            merged.insert(index, new)
            position = {_comment_key(p): i for i, p in enumerate(merged)}
            previous_index = index
    return merged
