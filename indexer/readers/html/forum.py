"""A forum topic's first post, read like its replies (``comments.py``): its author, date
and text become the post's."""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from indexer.core.models import Passage
from indexer.readers.html.comments import comment_passages, find_comment_items
from indexer.readers.html.discussion import Discussion, find_discussion
from indexer.readers.html.frames import inline_frames
from indexer.readers.html.marks import DATE_LIKE_RE, name_node
from indexer.readers.htmlclean import Block


def first_post(block: etree._Element, captured: datetime | None = None) -> Passage:
    """A forum topic's first post, read like a comment: its author, date and text."""
    [passage], _ = comment_passages([block], None, captured)
    return passage


def first_post_blocks(first: Passage) -> list[Block]:
    return [Block("paragraph", part) for part in first.text.split("\n\n") if part.strip()]


_SUBJECT_TOKEN_RE = re.compile(r"(?:^|[-_])(?:title|subject)(?:$|[-_])", re.I)


def subject_of(post: etree._Element) -> str:
    """A forum post's own subject line (phpBB's ``h3``, vBulletin's ``h2.title``, a
    ``subject``/``title`` element): the topic's title; "" if it shows none."""
    name = name_node(post)
    named = " ".join(name.text_content().split()) if name is not None else ""
    found = [
        node
        for node in post.iterdescendants()
        if isinstance(node.tag, str)
        and " ".join(node.text_content().split()) not in ("", named)
        and not DATE_LIKE_RE.search(node.text_content())
        and (
            node.tag in ("h1", "h2", "h3", "h4")
            or any(_SUBJECT_TOKEN_RE.search(t) for t in (node.get("class") or "").split())
        )
        and " ".join(node.text_content().split())
    ]
    inner = [node for node in found if not any(d in found for d in node.iterdescendants())]
    return " ".join(inner[0].text_content().split()) if inner else ""


def page_family(root: etree._Element) -> str:
    """Which family of thread a parsed page shows (``make eval`` counts pages by it): a
    forum topic (its first block is the post), a submission thread (a lone block before
    the run is: old reddit), a comment system's or a blog theme's comment thread, or none."""
    inline_frames(root)
    for element in root.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    discussion = find_discussion(root)
    if discussion is not None and discussion.post is not None:
        return "submission thread" if _is_lead(discussion) else "forum topic"
    if find_comment_items(root):
        return "comment thread (theme)"
    if discussion is not None:
        return "comment thread (signed blocks)"
    return "no thread"


def _is_lead(discussion: Discussion) -> bool:
    """Whether the post stands apart from the run (not its first block)."""
    post = discussion.post
    return post is not None and all(
        post.getparent() is not block.getparent() for block in discussion.blocks[1:]
    )
