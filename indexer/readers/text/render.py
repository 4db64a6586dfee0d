"""A whole web page rendered as text ("save as text", ``w3m -dump``): find the post in it.

Markup is gone, so the post is found by shape: the body is the largest run of
prose blocks (long lines with sentence punctuation), allowing headings, lists
and captions between them, and broken by furniture (share buttons, related
posts, forms) and by comment headers; the title is the heading-like line near
it that a byline or date follows (``texttitle``); date and author come from that
byline (``textbyline``);
the comment thread follows the body (see ``textcomments``). A page with no
such body (a category index, a search page, a menu) is not a post: it is
reported and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from indexer.core.models import DatePrecision, Post
from indexer.errors import ArchiveFileError
from indexer.readers.base import ReadContext
from indexer.readers.names import author_name
from indexer.readers.text.body import split_body
from indexer.readers.text.byline import byline_author, byline_date, is_dateline
from indexer.readers.text.cards import card_messages
from indexer.readers.text.comments import RawComment, find_comments
from indexer.readers.text.forum import own_byline, topic_messages, until_controls
from indexer.readers.text.furniture import BULLET_RE, is_blank, is_furniture, is_prose, words
from indexer.readers.text.passages import comment_passages, precision
from indexer.readers.text.postfooter import Footer, is_post_footer, post_footer
from indexer.readers.text.threadmarks import (
    THREAD_HEADER_RE,
    find_thread_header,
    is_thread_header,
)
from indexer.readers.text.title import find_title

_MIN_BODY_WORDS = 20
_MIN_SHORT_BODY_WORDS = 8
# vBulletin's "Thread: Title": the label is no part of the topic's title.
_TOPIC_LABEL_RE = re.compile(r"^(?:thread|topic|thema|sujet|tema|temat|тема)\s*:\s*", re.I)
_MAX_LINES = 10_000
_MAX_GAP_LINES = 24
# Furniture that ends a post body for certain (the page goes on with widgets).
_HARD_STOP_RE = re.compile(
    r"^\s*(?:share this|teilen mit|bitte teile|diesen beitrag teilen|related|ähnliche beiträge|"
    r"das könnte (?:dich|sie) auch|you (?:might|may) also like|leave a (?:reply|comment)|"
    r"schreibe? (?:einen|deinen) kommentar|kommentar verfassen|hinterlasse|post a comment|"
    r"antworten abbrechen|cancel reply|about the author|über den autor|über die autorin)",
    re.I,
)


@dataclass(frozen=True)
class _Block:
    start: int  # first line index
    end: int  # one past the last line
    words: int
    prose: bool
    hard_stop: bool
    after_header: bool  # right below a comment header: a comment's text


def parse_rendered_page(lines: list[str], context: ReadContext) -> Post:
    if len(lines) > _MAX_LINES:  # no web page is this long; a runaway file is cut short
        context.warn(f"only the first {_MAX_LINES} of {len(lines)} lines were read")
        lines = lines[:_MAX_LINES]
    messages = card_messages(lines)
    if messages is not None:  # posts under member cards: their own texts, not the run found
        return _topic(lines, messages, (0, 0), context)
    breaks = _comment_header_lines(lines)
    blocks = _blocks(lines, breaks)
    body_start, body_end = _main_run(blocks, lines)
    headers = sorted(
        line
        for line in breaks
        if not THREAD_HEADER_RE.match(lines[line]) and not is_post_footer(lines[line])
    )
    messages = topic_messages(lines, headers, body_start, body_end)
    if messages is not None:
        return _topic(lines, messages, (body_start, body_end), context)
    if body_end <= body_start:
        raise ArchiveFileError(
            context.source,
            "no post found in this text page (no run of running text: an index, "
            "search or menu page?); skipped",
        )
    thread = find_thread_header(lines, body_end, len(lines))
    title_line, title_end, title = find_title(lines, body_start, body_end, thread)
    if body_start <= title_line < body_end:  # what stood above the title was not the post
        body_start = next(
            (block.start for block in blocks if block.start >= title_end and block.prose),
            body_start,
        )
    date = byline_date(lines, title_line, body_start, body_end)
    raw = _thread(lines, body_end, thread, date)
    body_lines = [
        line
        for line in lines[body_start:body_end]
        if not is_furniture(line) and not is_post_footer(line)
    ]
    post = Post(title=title, source=context.source)
    post.date = date
    post.date_precision = DatePrecision.DAY if date else DatePrecision.UNKNOWN
    post.author = author_name(byline_author(lines, title_line, body_start))
    if not post.author:
        _forum_byline(post, own_byline(lines, headers, title_end, body_start))
    _footer(post, post_footer(lines, body_start, body_end if thread is None else thread))
    post.passages.extend(split_body(_dedent(body_lines), post.date))
    post.passages.extend(comment_passages(raw, context))
    if post.date is None:
        context.warn("no post date found in this text page")
    return post


def _thread(
    lines: list[str], body_end: int, thread: int | None, date: datetime | None
) -> list[RawComment]:
    """The comments below the body. Some stand between the body and a thread header
    below them ("Kommentar schreiben" under the thread): there only sure headers count."""
    raw = find_comments(lines, body_end, len(lines) if thread is None else thread, date, True)
    if thread is not None:
        raw += find_comments(lines, thread + 1, len(lines), date, strict=False)
    return raw


def _footer(post: Post, footer: Footer | None) -> None:
    """A post footer's author where the byline named none, its date where the byline
    gave none, its time on the byline's day ("Eingestellt von Henrike um 09:30")."""
    if footer is None:
        return
    post.author = post.author or author_name(footer.author)
    if footer.date is not None and (post.date is None or footer.date.date() == post.date.date()):
        post.date = footer.date
        post.date_precision = DatePrecision.MINUTE if footer.has_time else DatePrecision.DAY
    elif footer.time is not None and post.date is not None:
        post.date = post.date.replace(hour=footer.time[0], minute=footer.time[1])
        post.date_precision = DatePrecision.MINUTE


def _forum_byline(post: Post, byline: RawComment | None) -> None:
    """A forum post's own header line: its author, and its minute on the post's day."""
    if byline is None or not byline.author:
        return
    post.author = author_name(byline.author)
    if byline.date is not None and (post.date is None or byline.date.date() == post.date.date()):
        post.date, post.date_precision = byline.date, precision(byline)


def _topic(
    lines: list[str], messages: list[RawComment], body: tuple[int, int], context: ReadContext
) -> Post:
    """A forum topic: its first message is the post, the others its comments; the first
    message's text is the body found when that stands under its header (it ends where
    the page's furniture starts)."""
    first, replies = messages[0], messages[1:]
    _, _, title = find_title(lines, first.line, replies[0].line, None)
    title = _TOPIC_LABEL_RE.sub("", title)
    post = Post(title=title, source=context.source, author=author_name(first.author))
    post.date, post.date_precision = first.date, precision(first)
    text = until_controls([line.strip() for line in first.text_lines])
    if first.line < body[0] < body[1] <= replies[0].line:
        text = [line for line in lines[body[0] : body[1]] if not is_furniture(line)]
    post.passages.extend(split_body(_dedent(text), post.date))
    post.passages.extend(comment_passages(replies, context))
    if post.date is None:
        context.warn("no post date found in this text page")
    return post


def _comment_header_lines(lines: list[str]) -> set[int]:
    """Lines that open a thread or a comment: a post body never runs across them."""
    found = {
        index
        for index, line in enumerate(lines)
        if is_thread_header(lines, index) or is_post_footer(line)
    }
    for comment in find_comments(lines, 0, len(lines), None, strict=True):
        if comment.certain:
            found.add(comment.line)
    return found


def _blocks(lines: list[str], breaks: set[int]) -> list[_Block]:
    """Blank-line paragraphs, split at bullets and furniture; a header line stands alone."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        if is_blank(line) or index in breaks:
            if start is not None:
                spans.append((start, index))
            start = None
            if index in breaks:
                spans.append((index, index + 1))
        elif start is None:
            start = index
        elif BULLET_RE.match(line) or _HARD_STOP_RE.match(line):
            spans.append((start, index))
            start = index
    if start is not None:
        spans.append((start, len(lines)))
    # The first header on a page may be the post's own byline ("19.10.2019 11:36 Name"),
    # unless a thread header ("4 Kommentare") stands first.
    ordered = sorted(breaks)
    comment_breaks = set(ordered)
    if ordered and not THREAD_HEADER_RE.match(lines[ordered[0]]):
        comment_breaks.discard(ordered[0])
    blocks = []
    for first, end in spans:
        chunk = lines[first:end]
        blocks.append(
            _Block(
                first,
                end,
                sum(words(line) for line in chunk),
                _is_prose_block(chunk),
                any(_HARD_STOP_RE.match(line) for line in chunk) or first in breaks,
                any(index in comment_breaks for index in range(first - 4, first)),
            )
        )
    return blocks


def _is_prose_block(chunk: list[str]) -> bool:
    """Running text: a prose line, or a wrapped paragraph of a dozen words and more."""
    if _HARD_STOP_RE.match(chunk[0]) or (len(chunk) == 1 and is_dateline(chunk[0])):
        return False
    if any(is_prose(line) and not is_furniture(line) for line in chunk):
        return True
    text = " ".join(BULLET_RE.sub("", line).strip() for line in chunk)
    return len(text) >= 80 and words(text) >= 12 and bool(re.search(r"[.!?]", text))


def _main_run(blocks: list[_Block], lines: list[str]) -> tuple[int, int]:
    """Line range of the run of prose blocks with the most words.

    Runs right below a comment header are comments; a run before the first
    thread header ("4 Antworten") is preferred when it is long enough.
    """
    thread = next(
        (
            block.start
            for block in blocks
            if block.end - block.start == 1 and THREAD_HEADER_RE.match(lines[block.start])
        ),
        None,
    )
    runs = _runs([block for block in blocks if not block.after_header])
    if thread is not None:
        before = [run for run in runs if run[1] <= thread and run[2] >= _MIN_BODY_WORDS]
        runs = before or runs
    if not runs:
        return 0, 0
    start, end, count = max(runs, key=lambda run: run[2])
    # a short post (a link aggregator's question) above the replies' headers is the post
    first_reply = next((block.start for block in blocks if block.after_header), len(lines))
    short = count >= _MIN_SHORT_BODY_WORDS and end <= first_reply
    return (start, end) if count >= _MIN_BODY_WORDS or short else (0, 0)


def _runs(blocks: list[_Block]) -> list[tuple[int, int, int]]:
    """(start line, end line, words) of each run of prose blocks."""
    runs: list[tuple[int, int, int]] = []
    run_start: _Block | None = None
    run_end: _Block | None = None
    run_words = 0
    for block in blocks:
        if block.hard_stop or (run_end is not None and block.start - run_end.end > _MAX_GAP_LINES):
            if run_start is not None and run_end is not None:
                runs.append((run_start.start, run_end.end, run_words))
            run_start = run_end = None
            run_words = 0
            if block.hard_stop:
                continue
        if block.prose:
            if run_start is None:
                run_start = block
            run_end = block
            run_words += block.words
    if run_start is not None and run_end is not None:
        runs.append((run_start.start, run_end.end, run_words))
    return runs


def _dedent(lines: list[str]) -> list[str]:
    return [
        BULLET_RE.sub("• ", line.strip(), count=1) if BULLET_RE.match(line) else line.strip()
        for line in lines
    ]
