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

from indexer.readers.commentwords import SAYS_WORDS
from indexer.readers.text.dates import DateSpan, find_dates, has_relative
from indexer.readers.text.furniture import is_furniture, is_profile_line, words

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
    r"(?:[\s|/·•,–—#»-]|\b(?:am|on|le|el|il|at|um|op|posted|geschrieben|antworten|reply|"
    r"permalink|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\b\.?)+$",
    re.I,
)
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
    if STARTER_RE.match(line):  # a topic's byline above its posts, not a post's header
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
