"""Dates as written on English-language blog pages, via python-dateutil.

Readers find the date *span* with a pattern (they know where a page puts its
dates); dateutil turns the span into a datetime.

One time policy for every reader (docs/formats.md, "Times"): a time is the wall-clock
time the source shows, never converted; where the source states its UTC offset, the
offset is kept beside it (minutes east of UTC), so the page's 12:58 stays 12:58.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from dateutil import parser as dateutil_parser

MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "June 14, 2012", "Jun 14th 2012", "14 June 2012", "14 Jun"
DAY_MONTH_YEAR = (
    rf"(?:{MONTH_NAMES}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{MONTH_NAMES}\.?,?(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
TIME_OF_DAY = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?"
_YEAR_RE = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_MERIDIEM_RE = re.compile(r"\b([ap])\.?\s?m\.?", re.IGNORECASE)
_ORDINAL_RE = re.compile(r"(\d)(st|nd|rd|th)\b")


def has_year(text: str) -> bool:
    return bool(_YEAR_RE.search(text))


_LONGEST_OFFSET = 14 * 60  # minutes: UTC+14 (Kiribati) is the farthest


def wall_clock(moment: datetime) -> tuple[datetime, int | None]:
    """``moment`` as its source shows it: the naive wall-clock time and the UTC offset
    (minutes east) where the source states one, never a conversion."""
    offset = moment.utcoffset()
    minutes = None if offset is None else int(offset.total_seconds() // 60)
    return moment.replace(tzinfo=None), minutes


def instant(moment: datetime | None, offset: int | None) -> datetime:
    """A sort key in true order: the UTC time where the offset is known, else the time as
    shown; unknown times last."""
    if moment is None:
        return datetime.max
    return moment - timedelta(minutes=offset) if offset is not None else moment


def offset_text(minutes: int | None) -> str:
    """``+02:00``, ``-05:30``, ``+00:00``; "" when no offset is known."""
    if minutes is None:
        return ""
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def plausible_offset(minutes: float) -> bool:
    """A real UTC offset: within +-14 h, in quarter hours (Nepal's +05:45 is one)."""
    return abs(minutes) <= _LONGEST_OFFSET and minutes % 15 == 0


def parse_english_date(text: str, year: int | None = None) -> datetime | None:
    """Parse a date (and optional time) such as "June 14, 2012 at 6:00 p.m.".

    ``year`` fills in a missing year. Returns None when the text is not a date.
    """
    cleaned = _MERIDIEM_RE.sub(lambda match: f" {match.group(1).lower()}m", text)
    cleaned = _ORDINAL_RE.sub(r"\1", cleaned).replace(" at ", " ").replace(",", " ")
    default = datetime(year or 1900, 1, 1)
    try:
        parsed = dateutil_parser.parse(cleaned, default=default, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return wall_clock(parsed)[0]
