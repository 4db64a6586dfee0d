"""A post's own footer in a text rendering: who wrote it and when, below its text.

Classic themes print the byline under the post: Kubrick's ``postmetadata`` ("This entry
was posted on Wednesday, December 8th, 2010 at 9:30 am and is filed under …", de
"Dieser Eintrag wurde von Anna am Mittwoch, 8. Dezember 2010 um 09:30 veröffentlicht
…") and Blogger's post footer ("Posted by Henrike at 09:30", de "Eingestellt von
Henrike um 09:30") under a date header that gives the day. Such a line is neither the
post's text nor a comment's header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from indexer.readers.text.byline import BYLINE_RE, name_of
from indexer.readers.text.dates import find_dates

_ENTRY_RE = re.compile(
    r"^\s*(?:this (?:entry|post|article)|dieser (?:eintrag|beitrag|artikel)|cet article|"
    r"ce billet|esta entrada|este (?:artículo|post)|questo (?:articolo|post)|deze post|"
    r"dit bericht|ten wpis)\b",
    re.I,
)
# The entry's posting told, not a note in its text ("Dieser Artikel ist … erschienen").
_POSTED_RE = re.compile(
    r"\b(?:posted|published|filed|written|veröffentlicht|abgelegt|geschrieben|verfasst|"
    r"publié|publicado|pubblicato|gepubliceerd|geplaatst|opublikowany)\b",
    re.I,
)
_FOOTER_RE = re.compile(
    r"^\s*(?:posted by|eingestellt von|publié par|publicado por|pubblicato da|"
    r"geplaatst door|opublikowane przez|upplagd av|lagt inn av)\s+(?P<name>.+?)"
    r"(?:\s+(?:at|um|à|a las|alle|om|o)\s+(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?:\s*(?P<meridiem>[ap])\.?\s?m\b\.?)?)?\s*$",
    re.I,
)
_FOOTER_LINES = 8  # a footer stands this close below the post's text


@dataclass(frozen=True)
class Footer:
    """What a post's footer tells: its author, a full date or a time of day alone."""

    author: str
    date: datetime | None = None
    has_time: bool = False
    time: tuple[int, int] | None = None  # (hour, minute) on the day the page gives


def is_post_footer(line: str) -> bool:
    return bool(_FOOTER_RE.match(line)) or _is_entry(line)


def _is_entry(line: str) -> bool:
    """Kubrick's "This entry was posted on DATE …": the phrase, a date, a posting verb."""
    return bool(_ENTRY_RE.match(line) and _POSTED_RE.search(line) and find_dates(line))


def post_footer(lines: list[str], start: int, end: int) -> Footer | None:
    """The first post footer between ``start`` and a few lines below ``end``."""
    for index in range(start, min(len(lines), end + _FOOTER_LINES)):
        line = lines[index]
        if _is_entry(line):
            return _entry(lines, index)
        match = _FOOTER_RE.match(line)
        if match:
            time = None
            if match["hour"]:
                hour = int(match["hour"])
                if match["meridiem"]:
                    hour = hour % 12 + (12 if match["meridiem"].lower() == "p" else 0)
                time = (hour, int(match["minute"]))
            return Footer(name_of(match["name"]), time=time)
    return None


def _entry(lines: list[str], index: int) -> Footer:
    """Kubrick's entry metadata, a sentence that may wrap onto the next lines."""
    sentence: list[str] = []
    for line in lines[index : index + 3]:
        if not line.strip():
            break
        sentence.append(line.strip())
    text = " ".join(sentence)
    spans = find_dates(text)
    author = next((name for m in BYLINE_RE.finditer(text) if (name := name_of(m["name"]))), "")
    if not spans:
        return Footer(author)
    return Footer(author, spans[0].moment, spans[0].has_time)
