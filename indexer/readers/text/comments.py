"""Comment threads in the text rendering of a page, by their shape, in many themes.

A thread is a run of comments, each opening with a header line (``commentheader``),
usually after a thread header such as "4 Antworten" (``threadmarks``). Reply buttons
("Antworten", "Reply") are dropped. Without a thread header only headers that look
like a comment's (a time of day, or "says"/"sagt") are taken, so a dated
related-posts list is not a thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from indexer.readers.commentwords import EDIT_WORDS, PING_WORDS, REPLY_WORDS, SAYS_WORDS
from indexer.readers.text.commentheader import (
    NAME_AT_RE,
    SAYS_ANYWHERE_RE,
    SAYS_RE,
    author_above,
    clean_author,
    header_at,
    is_avatar_of,
    looks_like_name,
    sure_relative,
    words_below,
)
from indexer.readers.text.furniture import (
    BULLET_RE,
    is_furniture,
    is_profile_line,
    profile_value,
    words,
)
from indexer.readers.text.threadmarks import THREAD_END_RE

# A name line above a comment's text when the date stands below it (Blogger's classic
# "NAME said..."; the comment's text is what follows).
_NAME_SAYS_LINE_RE = re.compile(
    rf"^\s*(?P<name>\S.{{0,60}}?)\s+(?:{SAYS_WORDS})\s*(?::|\.\.\.|…)\s*$", re.I
)
# "2. Pingback: Post | Site" in the thread: a pingback, undated.
_PING_LINE_RE = re.compile(rf"^\s*(?:\d{{1,3}}\.\s+|[•●◦▪]\s+)?(?:{PING_WORDS})\s*:\s*", re.I)
_AVATAR_RE = re.compile(r"^\s*\[[^\]]{1,12}\]\s*$")  # "[ava]": an avatar's cut-off alt text
_REPLY_LINE_RE = re.compile(
    # a row of controls, run together by the rendering: "ReplyEditDelete", "| Reply"
    rf"^\s*(?:\|\s*)?(?:(?:{REPLY_WORDS}|{EDIT_WORDS}|delete|löschen|share|report|respect|"
    r"like|quote|permalink|embed|teilen|melden)\s*[↓↑→]?\s*)+$|"  # Twenty Eleven's "Reply ↓"
    # the parent a reply names ("In reply to NAME"): the thread's shape, not text
    r"^\s*(?:in reply to|als antwort auf|en réponse à|en respuesta a)\s+\S+(?:\s\S+)?\s*$|"
    rf"^\s*(?:\(?(?:{EDIT_WORDS})\)?|"
    r"replies|zitieren|melden|like|likes?|gefällt mir|"
    r"permalink|permanenter link|report|quote|delete|löschen|"
    r"zum antworten anmelden.*|log in to reply|login to reply|\d+\s+likes?|"
    r"reply to this comment|auf diesen kommentar antworten|loading\.\.\.|"
    r"nach oben|back to top|top|go up.*|reply with quote(?: reply with quote)?|"
    r"view \d+ more repl(?:y|ies)|\d+ stars?|[\[(]?\d+[\])]?|[•●◦▪□■☆★-]|"
    r"\d{1,3}\.(?:\s*\[[^\]]*\])*)\s*$",  # a bare item number with its avatar
    re.I,
)


@dataclass
class RawComment:
    """A comment found in the text: where it starts, who, when, and its lines."""

    line: int
    author: str
    date: datetime | None
    has_time: bool
    certain: bool  # a time of day or "says": surely a comment's header
    indent: int = 0  # of its first line: replies stand indented under their parent
    ping: bool = False  # a pingback or trackback ("Pingback: Post | Site")
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line index, text)

    @property
    def text_lines(self) -> list[str]:
        return [text for _, text in self.lines]


def find_comments(
    lines: list[str], start: int, end: int, page_date: datetime | None, strict: bool
) -> list[RawComment]:
    """Comments between ``start`` and ``end``; ``strict`` without a thread header."""
    scan = _ThreadScan(lines, start, page_date, strict)
    for index in range(start, end):
        line = lines[index]
        if scan.comments and THREAD_END_RE.match(line):
            break
        if not (scan.ping(index, line) or scan.header(index)):
            scan.text(index, line)
    return scan.finish()


class _ThreadScan:
    """One pass over a thread's lines: headers open comments, lines below fill them."""

    def __init__(
        self, lines: list[str], start: int, page_date: datetime | None, strict: bool
    ) -> None:
        self.lines, self.start, self.page_date, self.strict = lines, start, page_date, strict
        self.comments: list[RawComment] = []
        self.leading: list[tuple[int, str]] = []  # text before the first header
        self.stopped = False  # furniture after a comment: its text has ended

    def ping(self, index: int, line: str) -> bool:
        if not (self.comments and _PING_LINE_RE.match(line)):
            return False
        indent = len(line) - len(line.lstrip())
        ping = RawComment(index, "", None, False, True, indent, ping=True)
        ping.lines.append((index, _PING_LINE_RE.sub("", line)))
        self.comments.append(ping)
        self.stopped = False
        return True

    def header(self, index: int) -> bool:
        """Opens a comment when line ``index`` is a comment's header."""
        lines = self.lines
        span, moment, before, relative = header_at(lines, index, self.page_date)
        is_header = span is not None or moment is not None or relative
        says = is_header and (bool(SAYS_ANYWHERE_RE.search(lines[index]) or SAYS_RE.search(before)))
        certain = (
            says
            or (span is not None and span.has_time)
            or (relative and sure_relative(lines[index]))
        )
        if is_header and self.strict and not certain:
            # a date alone: a comment when a name stands before it ("Name am 8.6.2020")
            # and text follows
            is_header = looks_like_name(before) and (
                words_below(lines, index) >= 12 or bool(NAME_AT_RE.search(before))
            )
        if not is_header:
            return False
        author, first = self._author(index, before)
        if self.comments:  # the name line above was taken as the previous comment's text
            self.comments[-1].lines = [item for item in self.comments[-1].lines if item[0] < first]
        has_time = span is not None and span.has_time
        indent = len(lines[first]) - len(lines[first].lstrip())
        self.comments.append(RawComment(index, author, moment, has_time, certain, indent))
        self.stopped = False
        return True

    def _author(self, index: int, before: str) -> tuple[str, int]:
        """The header's name and the line the comment starts at (a name line above)."""
        author, first = clean_author(before), index
        if not author:
            author, first = author_above(self.lines, index, self.start)
            if author and first > self.start and is_avatar_of(self.lines[first - 1], author):
                first -= 1  # "1. Sam Avatar" above "Sam": the avatar's alt text
        return author, first

    def text(self, index: int, line: str) -> None:
        if not self.comments:
            if line.strip() and not is_furniture(line) and not _REPLY_LINE_RE.match(line):
                self.leading.append((index, line))
        elif _REPLY_LINE_RE.match(line) and _text_words(self.comments[-1]):
            self.stopped = True  # the buttons under a comment's text: the comment ends
        elif self._skipped(index, line):
            pass
        elif (is_furniture(line) and not line.strip().startswith("[")) or (
            BULLET_RE.match(line) and words(line) <= 4 and not line.startswith("    ")
        ):
            self.stopped = True
        else:
            self.comments[-1].lines.append((index, line))

    def _skipped(self, index: int, line: str) -> bool:
        """Controls, avatars, profile lines: never a comment's text."""
        return bool(
            self.stopped
            or _REPLY_LINE_RE.match(line)
            or _AVATAR_RE.match(line)
            or is_profile_line(line)
            or profile_value(self.lines, index, self.start)
        )

    def finish(self) -> list[RawComment]:
        comments, leading = self.comments, self.leading
        if comments and not _text_words(comments[-1]) and sum(words(t) for _, t in leading) >= 3:
            # Headers below their text ("Kommentar von X — 2019-01-01 @ 00:45 | Antworten"):
            # each comment's text is what stands above its header.
            texts = [leading, *(comment.lines for comment in comments[:-1])]
            for comment, text in zip(comments, texts, strict=True):
                comment.lines = [item for item in text if not _AVATAR_RE.match(item[1])]
                _name_from_says_line(comment)
        return [comment for comment in comments if _text_words(comment) >= 1]


def _name_from_says_line(comment: RawComment) -> None:
    """ "NAME said..." heading a comment's text: its author, not its text."""
    first = next((item for item in comment.lines if item[1].strip()), None)
    match = _NAME_SAYS_LINE_RE.match(first[1]) if first else None
    if match and first is not None:
        comment.author = comment.author or clean_author(match["name"])
        comment.lines = [item for item in comment.lines if item is not first]


def _text_words(comment: RawComment) -> int:
    return sum(words(line) for line in comment.text_lines)
