"""A text rendering's comments and pingbacks as passages: a comment indented under
another is a reply to it; "NAME Says: DATE" over "[…] excerpt […]" is a pingback."""

from __future__ import annotations

import re

from indexer.core.models import DatePrecision, Passage, Section
from indexer.core.text import clean_name
from indexer.readers.base import ReadContext
from indexer.readers.commentwords import (
    EDIT_WORDS,
    PING_EXCERPT_RE,
    ping_title_site,
    without_echoed_subject,
)
from indexer.readers.names import commenter_name
from indexer.readers.text.body import paragraphs_of
from indexer.readers.text.comments import RawComment

# "Pingback: Post | Site Edit": the edit link of the blog's owner, saved with the page.
_EDIT_TAIL_RE = re.compile(rf"\s+\(?(?:{EDIT_WORDS})\)?\s*$", re.I)


def comment_passages(raw: list[RawComment], context: ReadContext) -> list[Passage]:
    """Comment passages; a comment indented under another is a reply to it."""
    passages = []
    open_threads: list[tuple[int, str]] = []  # (indent, anchor) of the comments above
    for comment in raw:  # "NAME Says: DATE" over "[…] excerpt […]": an old theme's pingback
        if not comment.ping and PING_EXCERPT_RE.match(" ".join(comment.text_lines).strip()):
            comment.ping = True
            comment.lines = [(comment.line, comment.author), *comment.lines]
    pings = [comment for comment in raw if comment.ping]
    for number, comment in enumerate((c for c in raw if not c.ping), start=1):
        text = without_echoed_subject(
            "\n\n".join(paragraphs_of([line.strip() for line in comment.text_lines]))
        )
        if not text:
            continue
        while open_threads and open_threads[-1][0] >= comment.indent:
            open_threads.pop()
        parent = open_threads[-1][1] if open_threads else ""
        open_threads.append((comment.indent, f"comment-{number}"))
        if comment.date is None:
            context.warn(f"comment by {comment.author or 'unknown'} has no date", comment.line + 1)
        passages.append(
            Passage(
                section=Section.COMMENT,
                anchor=f"comment-{number}",
                text=text,
                author=commenter_name(comment.author),
                parent=parent,
                date=comment.date,
                date_precision=precision(comment),
            )
        )
    for number, ping in enumerate(pings, start=1):
        first, *rest = [line.strip() for line in ping.text_lines]
        title, site = ping_title_site(_EDIT_TAIL_RE.sub("", first))
        excerpt = "\n\n".join(paragraphs_of(rest))
        passages.append(
            Passage(
                section=Section.PINGBACK,
                anchor=f"pingback-{number}",
                text=excerpt or _EDIT_TAIL_RE.sub("", first),
                author=clean_name(site),
                title=title,
                date=ping.date,
                date_precision=precision(ping),
            )
        )
    return passages


def precision(comment: RawComment) -> DatePrecision:
    if comment.date is None:
        return DatePrecision.UNKNOWN
    return DatePrecision.MINUTE if comment.has_time else DatePrecision.DAY
