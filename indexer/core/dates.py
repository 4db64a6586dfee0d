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
    quick = _common_date(cleaned)
    if quick is not None:
        return quick
    default = datetime(year or 1900, 1, 1)
    try:
        parsed = dateutil_parser.parse(cleaned, default=default, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return wall_clock(parsed)[0]


# The shape nearly every comment date has ("June 14  2012 6:00 pm", "14 June 2012"
# once cleaned), read without dateutil (~2 ms a date, 6% of a build); anything else,
# or a value this cannot place, goes to dateutil (tests/test_dates.py holds them equal).
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_COMMON_RE = re.compile(
    r"\s*(?:(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s+(?P<month2>[A-Za-z]+)\.?)"
    r"\s+(?P<year>\d{4})(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<half>[ap])m)?)?\s*"
)


def _common_date(cleaned: str) -> datetime | None:
    match = _COMMON_RE.fullmatch(cleaned)
    if match is None:
        return None
    month = _MONTHS.get((match["month"] or match["month2"]).lower())
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    if month is None or (match["half"] and not 1 <= hour <= 12):
        return None
    if match["half"]:
        hour = hour % 12 + (12 if match["half"] == "p" else 0)
    try:
        return datetime(int(match["year"]), month, int(match["day"] or match["day2"]), hour, minute)
    except ValueError:
        return None
