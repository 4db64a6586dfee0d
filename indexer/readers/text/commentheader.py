"""A comment's header line in a text rendering: a short line holding a date (with a
year, or relative: "vor 3 Wochen"), with the author on the same line or on the short
line just above it::

     1. [avatar] Name sagt:                 Name says: May 3, 2012 at 2:00 pm
        18. Oktober 2019 um 15:05 Uhr       Name am 3. Mai 2012 um 14:00 Uhr
     ● Name                                 Name | Di, 21. April 2020 - 16:40
     18.10.2019, 16:18 Zitieren             par Name le 7 mai 2020 - 12:38.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from indexer.readers.calendarwords import weekday_names
from indexer.readers.commentwords import SAYS_WORDS
from indexer.readers.text.dates import DateSpan, find_dates, has_relative, relative_spans
from indexer.readers.text.furniture import is_furniture, is_profile_line, words
from indexer.readers.text.postfooter import is_post_footer

SAYS_RE = re.compile(
    rf"(?:^|(?<=\s)|(?<=[a-zäöüß]))(?:{SAYS_WORDS})\s*[:,]?(?:\s+on)?\s*$",
    re.I,
)
SAYS_ANYWHERE_RE = re.compile(rf"(?:^|(?<=\s))(?:{SAYS_WORDS})\s*[:,]", re.I)
_AUTHOR_NOISE_RE = re.compile(
    r"^\s*(?:#?\d{1,4}\.?\s+|[•●◦▪□■☆★*]\s*|\[[^\]]*\]\s*|kommentar von\s+|comment by\s+|"
    r"(?:benutzer)?avatar\s+|profilbild\s+|profile picture\s+|user avatar\s+|"
    r"(?:beitrag\s*)?von\s+|(?:posted\s+|post\s*)?by\s+|par\s+|por\s+|di\s+|view\s+)+",
    re.I,
)
_AUTHOR_TAIL_RE = re.compile(
    r"(?:[\s|/·•,–—#»-]|\[\w{1,3}\]|\b(?:am|on|le|el|il|at|um|op|posted|geschrieben|antworten|reply|"
    rf"permalink|{'|'.join(weekday_names(('en', 'de'), full=False))})\b\.?)+$",
    re.I,
)
# A link aggregator's header: "[–]NAME[S] 41 points42 points43 points 6 years ago (1 child)";
# the score, the collapse toggle and the count of replies are no part of name or text.
_VOTES_RE = re.compile(r"^\s*\[[–+-]\]|(?:-?\d+\s+points?)+|\(\d+\s+child(?:ren)?\)", re.I)
# a handle alone before the time: "beaker_bob • 2y ago", "r/AskChemistry • 2y ago NAME"
_HANDLE_RE = re.compile(r"^\s*[^\W\d][\w./-]*(?:\s+OP)?\s*[•·]\s*$")
NAME_AT_RE = re.compile(r"\s(?:am|le|on|el|il|op)\s*$", re.I)
# Quoting or linking text, not a name; a lone "»" separates a forum post's name and date.
_QUOTES_RE = re.compile(r"[„“”\"]|«[^»]*»|https?:")
STARTER_RE = re.compile(
    r"^\s*(?:started by|thread starter|topic starter|gestartet von|thema gestartet von|"
    r"iniciado por|commencé par)\b",
    re.I,
)
_MAX_HEADER_WORDS = 12
MAX_AUTHOR_WORDS = 6


def clean_author(text: str) -> str:
    text = SAYS_RE.sub("", text)
    text = _AUTHOR_NOISE_RE.sub("", text)
    text = re.split(r"\s*•\s*", text, maxsplit=1)[0]  # "Owen•Author•": a badge after the name
    text = _AUTHOR_TAIL_RE.sub("", text).strip(" :\t")
    if re.search(r"[a-zäöüß]sagt$", text):  # "Lenasagt": a theme without the space
        text = text[:-4]
    return " ".join(text.split())


def header_at(
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
    if STARTER_RE.match(line) or is_post_footer(line):
        return None, None, "", False  # a topic's or a post's own byline, not a comment's
    spans = find_dates(line)
    if spans:
        span = spans[0]
        before, after = line[: span.start], line[span.end :]
        if words(before) > _MAX_HEADER_WORDS or words(after) > 8 or _QUOTES_RE.search(before):
            return None, None, "", False
        return span, span.moment, before if before.strip() else "", False
    line = _VOTES_RE.sub(" ", line)
    if has_relative(line) and words(line) <= 10 and (page_date is not None or sure_relative(raw)):
        # "vor 3 Wochen" counts back from when the page was saved, which its text does not
        # tell (the post's date is no substitute: the comment is newer): a header, undated.
        return None, None, _relative_author(line), True
    return None, None, "", False


def _relative_author(line: str) -> str:
    """The name by a relative time: before it, or the handle after it when what stands
    before names a community ("r/AskChemistry • 2y ago mule_kick")."""
    before = re.split(r"\bvor\b|\d", line)[0]
    spans = relative_spans(line)
    after = line[spans[-1][1] :].strip() if spans else ""
    return after if "/" in before and re.fullmatch(r"[^\W\d][\w.-]*", after) else before


def sure_relative(raw: str) -> bool:
    """A relative date that surely heads a comment: a link aggregator's "N points" line,
    or a member's handle alone before it ("beaker_bob • 2y ago")."""
    if _VOTES_RE.search(raw):
        return True
    before = re.split(r"\bvor\b|\d", raw.strip())[0]
    return bool(_HANDLE_RE.match(before)) and has_relative(raw)


def author_above(lines: list[str], index: int, floor: int) -> tuple[str, int]:
    """A short name line just above a date-only header (at most two lines up)."""
    for above in range(index - 1, max(floor, index - 3) - 1, -1):
        text = lines[above].strip()
        if not text:
            continue
        if is_furniture(text) and not text.startswith("["):
            return "", index
        name = clean_author(text)
        if name and words(name) <= MAX_AUTHOR_WORDS and not find_dates(text):
            return name, above
        return "", index
    return "", index


def is_avatar_of(line: str, author: str) -> bool:
    """An avatar's alt text standing above its commenter's name ("1. Sam Avatar")."""
    return author in line and words(line) <= words(author) + 2


def looks_like_name(text: str) -> bool:
    name = clean_author(text)
    return 1 <= len(name.split()) <= 4 and not re.search(r"\d", name)


def words_below(lines: list[str], index: int) -> int:
    """Words of the paragraph that follows line ``index`` (after blank lines)."""
    count = 0
    for line in lines[index + 1 : index + 12]:
        if line.strip():
            count += words(line)
        elif count:
            break
    return count
