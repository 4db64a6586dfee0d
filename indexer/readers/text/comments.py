"""Comment threads in the text rendering of a page, by their shape, in many themes.

A thread is a run of comments, each opening with a *header*: a short line
holding a date (with a year, or relative: "vor 3 Wochen"), with the author on
the same line or on the short line just above it::

     1. [avatar] Name sagt:                 Name says: May 3, 2012 at 2:00 pm
        18. Oktober 2019 um 15:05 Uhr       Name am 3. Mai 2012 um 14:00 Uhr
     ● Name                                 Name | Di, 21. April 2020 - 16:40
     18.10.2019, 16:18 Zitieren             par Name le 7 mai 2020 - 12:38.

Reply buttons ("Antworten", "Reply") are dropped; a thread usually follows a
header such as "4 Antworten", "2 Gedanken zu „…“", "12 Responses to …",
"Kommentare". Without such a header only headers that look like a comment's
(a time of day, or "says"/"sagt") are taken, so a dated related-posts list is not
a thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from indexer.readers.commentwords import (
    EDIT_WORDS,
    PING_WORDS,
    REPLY_WORDS,
    SAYS_WORDS,
)
from indexer.readers.text.dates import DateSpan, find_dates, has_relative
from indexer.readers.text.furniture import (
    BULLET_RE,
    is_furniture,
    is_profile_line,
    profile_value,
    words,
)

_COUNT = (
    r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|einen|zwei|drei|"
    r"vier|fünf|un|une|uno|una)"
)
_THREAD_WORDS = (
    r"(?:kommentare?|comments?|antworten|antwort|responses?|replies|reply|gedanken|gedanke|"
    r"thoughts?|commentaires?|comentarios?|commenti|reacties|reaktionen|meinungen|"
    r"pingbacks?|trackbacks?)"
)
_THREAD_STEMS = (
    "komment", "comment", "antwort", "respons", "repl", "gedanke", "thought", "reakt",
    "reacti", "diskussion", "discussion", "interactions", "back", "meinung", "comentar",
)  # fmt: skip
THREAD_HEADER_RE = re.compile(
    rf"^\s*(?:[{{(]\s*)?(?:{_COUNT}\s+{_THREAD_WORDS}\b|(?:kommentare|comments|commentaires|"
    r"comentarios|commenti|reacties|responses|reaktionen|leserkommentare|diskussion|discussion|"
    r"reader interactions|kommentare anzeigen)\s*(?:\(\d+\))?\s*:?\s*$)",
    re.I,
)
_SAYS_RE = re.compile(
    rf"(?:^|(?<=\s)|(?<=[a-zäöüß]))(?:{SAYS_WORDS})\s*[:,]?(?:\s+on)?\s*$",
    re.I,
)
_SAYS_ANYWHERE_RE = re.compile(rf"(?:^|(?<=\s))(?:{SAYS_WORDS})\s*[:,]", re.I)
# A name line above a comment's text when the date stands below it (Blogger's classic
# "NAME said..."; the comment's text is what follows).
_NAME_SAYS_LINE_RE = re.compile(
    rf"^\s*(?P<name>\S.{{0,60}}?)\s+(?:{SAYS_WORDS})\s*(?::|\.\.\.|…)\s*$", re.I
)
# "2. Pingback: Post | Site" in the thread: a pingback, undated.
_PING_LINE_RE = re.compile(rf"^\s*(?:\d{{1,3}}\.\s+|[•●◦▪]\s+)?(?:{PING_WORDS})\s*:\s*", re.I)
# A "Recent comments"/"Related posts" box after the thread: the thread ends there.
_THREAD_END_RE = re.compile(
    r"^\s*(?:recent comments|latest comments|neueste kommentare|letzte kommentare|"
    r"comentarios recientes|commentaires récents|commenti recenti|recente reacties|"
    r"ostatnie komentarze|senaste kommentarer|related posts|ähnliche beiträge)\s*$",
    re.I,
)
_AVATAR_RE = re.compile(r"^\s*\[[^\]]{1,12}\]\s*$")  # "[ava]": an avatar's cut-off alt text
_AUTHOR_NOISE_RE = re.compile(
    r"^\s*(?:#?\d{1,4}\.?\s+|[•●◦▪□■☆★*]\s*|\[[^\]]*\]\s*|kommentar von\s+|comment by\s+|"
    r"(?:benutzer)?avatar\s+|profilbild\s+|profile picture\s+|user avatar\s+|"
    r"(?:beitrag\s*)?von\s+|(?:posted\s+|post\s*)?by\s+|par\s+|por\s+|di\s+|view\s+)+",
    re.I,
)
_AUTHOR_TAIL_RE = re.compile(
    r"(?:[\s|/·•,–—#»-]|\b(?:am|on|le|el|il|at|um|op|posted|geschrieben|antworten|reply|"
    r"permalink|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\b\.?)+$",
    re.I,
)
_REPLY_LINE_RE = re.compile(
    # a row of controls, run together by the rendering: "ReplyEditDelete", "| Reply"
    rf"^\s*(?:\|\s*)?(?:(?:{REPLY_WORDS}|{EDIT_WORDS}|delete|löschen)\s*)+$|"
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
_NAME_AT_RE = re.compile(r"\s(?:am|le|on|el|il|op)\s*$", re.I)
# Quoting or linking text, not a name; a lone "»" separates a forum post's name and date.
_QUOTES_RE = re.compile(r"[„“”\"]|«[^»]*»|https?:")
_STARTER_RE = re.compile(
    r"^\s*(?:started by|thread starter|topic starter|gestartet von|thema gestartet von|"
    r"iniciado por|commencé par)\b",
    re.I,
)
_MAX_HEADER_WORDS = 12
_MAX_AUTHOR_WORDS = 6


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


def is_thread_header(lines: list[str], index: int) -> bool:
    """A line such as "4 Antworten" standing on its own, not "44 Kommentare" in a byline."""
    line = lines[index]
    folded = line.casefold()
    if len(line) > 160 or not any(stem in folded for stem in _THREAD_STEMS):
        return False  # cheap: most lines hold none of a thread header's words
    if words(line) > 16 or not THREAD_HEADER_RE.match(line):
        return False
    above = lines[index - 1] if index > 0 else ""
    counted = bool(re.match(r"\s*[{(]?\s*\w+\s+\w", lines[index]))
    return not counted or not above.strip() or is_furniture(above)


def find_thread_header(lines: list[str], start: int, end: int) -> int | None:
    for index in range(start, end):
        if is_thread_header(lines, index):
            return index
    return None


def _clean_author(text: str) -> str:
    text = _SAYS_RE.sub("", text)
    text = _AUTHOR_NOISE_RE.sub("", text)
    text = re.split(r"\s*•\s*", text, maxsplit=1)[0]  # "Owen•Author•": a badge after the name
    text = _AUTHOR_TAIL_RE.sub("", text).strip(" :\t")
    if re.search(r"[a-zäöüß]sagt$", text):  # "Lenasagt": a theme without the space
        text = text[:-4]
    return " ".join(text.split())


def _header_at(
    lines: list[str], index: int, page_date: datetime | None
) -> tuple[DateSpan | None, datetime | None, str, bool]:
    """The date, the same-line text of a header line and whether its date is relative
    (and so unknown), or nothing."""
    return _header_in(lines[index], page_date)


@lru_cache(maxsize=16384)  # a page is scanned twice (breaks, then its thread)
def _header_in(
    raw: str, page_date: datetime | None
) -> tuple[DateSpan | None, datetime | None, str, bool]:
    line = raw.strip()  # no bullet stripping: "18. Oktober" is not item 18
    if not line or words(line) > _MAX_HEADER_WORDS + 4 or is_profile_line(line):
        return None, None, "", False
    if _STARTER_RE.match(line):  # a topic's byline above its posts, not a post's header
        return None, None, "", False
    spans = find_dates(line)
    if spans:
        span = spans[0]
        before, after = line[: span.start], line[span.end :]
        if words(before) > _MAX_HEADER_WORDS or words(after) > 8 or _QUOTES_RE.search(before):
            return None, None, "", False
        return span, span.moment, before if before.strip() else "", False
    if has_relative(line) and words(line) <= 10 and page_date is not None:
        # "vor 3 Wochen" counts back from when the page was saved, which its text does not
        # tell (the post's date is no substitute: the comment is newer): a header, undated.
        return None, None, re.split(r"\bvor\b|\d", line)[0], True
    return None, None, "", False


def _author_above(lines: list[str], index: int, floor: int) -> tuple[str, int]:
    """A short name line just above a date-only header (at most two lines up)."""
    for above in range(index - 1, max(floor, index - 3) - 1, -1):
        text = lines[above].strip()
        if not text:
            continue
        if is_furniture(text) and not text.startswith("["):
            return "", index
        name = _clean_author(text)
        if name and words(name) <= _MAX_AUTHOR_WORDS and not find_dates(text):
            return name, above
        return "", index
    return "", index


def find_comments(
    lines: list[str], start: int, end: int, page_date: datetime | None, strict: bool
) -> list[RawComment]:
    """Comments between ``start`` and ``end``; ``strict`` without a thread header."""
    scan = _ThreadScan(lines, start, page_date, strict)
    for index in range(start, end):
        line = lines[index]
        if scan.comments and _THREAD_END_RE.match(line):
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
        span, moment, before, relative = _header_at(lines, index, self.page_date)
        is_header = span is not None or moment is not None or relative
        says = is_header and (
            bool(_SAYS_ANYWHERE_RE.search(lines[index]) or _SAYS_RE.search(before))
        )
        certain = says or (span is not None and span.has_time)
        if is_header and self.strict and not certain:
            # a date alone: a comment when a name stands before it ("Name am 8.6.2020")
            # and text follows
            is_header = _looks_like_name(before) and (
                _words_below(lines, index) >= 12 or bool(_NAME_AT_RE.search(before))
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
        author, first = _clean_author(before), index
        if not author:
            author, first = _author_above(self.lines, index, self.start)
            if author and first > self.start and _is_avatar_of(self.lines[first - 1], author):
                first -= 1  # "1. Sam Avatar" above "Sam": the avatar's alt text
        return author, first

    def text(self, index: int, line: str) -> None:
        if not self.comments:
            if line.strip() and not is_furniture(line) and not _REPLY_LINE_RE.match(line):
                self.leading.append((index, line))
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


def _is_avatar_of(line: str, author: str) -> bool:
    """An avatar's alt text standing above its commenter's name ("1. Sam Avatar")."""
    return author in line and words(line) <= words(author) + 2


def _name_from_says_line(comment: RawComment) -> None:
    """ "NAME said..." heading a comment's text: its author, not its text."""
    first = next((item for item in comment.lines if item[1].strip()), None)
    match = _NAME_SAYS_LINE_RE.match(first[1]) if first else None
    if match and first is not None:
        comment.author = comment.author or _clean_author(match["name"])
        comment.lines = [item for item in comment.lines if item is not first]


def _looks_like_name(text: str) -> bool:
    name = _clean_author(text)
    return 1 <= len(name.split()) <= 4 and not re.search(r"\d", name)


def _words_below(lines: list[str], index: int) -> int:
    """Words of the paragraph that follows line ``index`` (after blank lines)."""
    count = 0
    for line in lines[index + 1 : index + 12]:
        if line.strip():
            count += words(line)
        elif count:
            break
    return count


def _text_words(comment: RawComment) -> int:
    return sum(words(line) for line in comment.text_lines)
