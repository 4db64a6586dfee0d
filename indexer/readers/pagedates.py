"""Dates as saved blog pages write them, via dateparser.

"July 11, 2011 at 12:25 pm", "11. Dezember 2012 um 11:07", "Freitag, 5. Juni
2015", ISO timestamps, and dates without a year ("Jun 20th at 2:41 am"), whose
year is inferred from a reference date (the post's): a comment is never older
than its post, so the first such date on or after the reference wins. English and
German first (cheap); a date-like text they cannot read is tried in the languages
WordPress's language packs write comment dates in ("3 décembre 2011 à 18 h 20 min",
"3 maja 2012 o 14:00", "3 мая 2012 в 14:00").

Times follow the one policy of ``core/dates.py``: the wall-clock time as written, with the
UTC offset kept where the text states one (``2020-08-16T12:58:02+02:00``: 12:58 at
+02:00). ``shown_or_stated`` settles a page that shows one time and states another in
its markup (``<time datetime>``, a ``title``): what the page shows wins.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import NamedTuple

import dateparser

from indexer.core.dates import plausible_offset, wall_clock
from indexer.core.models import DatePrecision
from indexer.readers.calendarwords import weekday_names, weekday_numbers

LANGUAGES = ["en", "de"]
# Tried only when English and German fail on a text with a digit: ~7 ms a parse, not 1.
_MORE_LANGUAGES = ["fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "da", "nb", "fi", "cs"]
_DIGIT_RE = re.compile(r"\d")
# French WordPress times: "18 h 20 min", "18h20".
_FRENCH_TIME_RE = re.compile(r"\b(\d{1,2})\s?h\s?(\d{2})(?:\s?min)?\b")
_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month"],
    "DATE_ORDER": "DMY",
    # Never "relative to today": an archive date is absolute.
    "PREFER_DATES_FROM": "past",
}
_YEAR_RE = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_MAX_DATE_CHARS = 80
_AT_TIME_RE = re.compile(r"(?<=\d)\.?,?\s+(?:at|um|à|a las|alle|om|às|@)\s+(?=\d{1,2}[:.]\d{2})")
_RELATIVE_RE = re.compile(
    r"\b(?:vor|ago|hace|il y a|fa|geleden|yesterday|gestern|today|heute|hier|ayer|"
    r"just now|gerade eben|há|temu|назад|sedan|siden)\b",
    re.IGNORECASE,
)
# A numeric date that reads either way (12/08/2010) beside the weekday it fell on: the
# weekday settles the order (Drupal's English "Wed, 12/08/2010 - 14:20" is 8 December).
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?!\d)")
_WEEKDAY_LANGUAGES = ("en", "de")  # French "mar" is also "Mar", March
_WEEKDAY_OF = weekday_numbers(_WEEKDAY_LANGUAGES)
_WEEKDAY_RE = re.compile(rf"\b({'|'.join(weekday_names(_WEEKDAY_LANGUAGES))})\b", re.IGNORECASE)
_RELATIVE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "sv", "da"]


class ShownTime(NamedTuple):
    """A time as the source shows it, and its UTC offset where the source states one."""

    moment: datetime | None
    precision: DatePrecision
    offset: int | None = None  # minutes east of UTC


UNKNOWN = ShownTime(None, DatePrecision.UNKNOWN)


def parse_page_date(
    text: str, reference: datetime | None = None, captured: datetime | None = None
) -> tuple[datetime | None, DatePrecision]:
    """A date (and time) as written on a page, wall-clock as shown (``parse_page_time``
    without the offset)."""
    shown = parse_page_time(text, reference, captured)
    return shown.moment, shown.precision


def parse_page_time(
    text: str, reference: datetime | None = None, captured: datetime | None = None
) -> ShownTime:
    """A date (and time) as written on a page; a missing year comes from ``reference``.

    A relative date ("vor 3 Wochen", "2 days ago") counts back from when the page was
    saved, ``captured``; without it the date is unknown, never counted from today.
    """
    text = _FRENCH_TIME_RE.sub(r"\1:\2", " ".join(text.split()))
    if not text or len(text) > _MAX_DATE_CHARS:
        return UNKNOWN
    text = _AT_TIME_RE.sub(" ", text)  # a theme's English "at" in a German date
    if _RELATIVE_RE.search(text):
        if captured is None:
            return UNKNOWN
        settings = {**_SETTINGS, "RELATIVE_BASE": captured}
        parsed = dateparser.parse(text, languages=_RELATIVE_LANGUAGES, settings=settings)
        return ShownTime(wall_clock(parsed)[0], DatePrecision.DAY) if parsed else UNKNOWN
    if _ISO_RE.match(text):
        try:
            moment, offset = wall_clock(datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            return UNKNOWN
        timed = "T" in text or " " in text
        return ShownTime(moment, DatePrecision.MINUTE if timed else DatePrecision.DAY, offset)
    parsed = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    if parsed is None and _DIGIT_RE.search(text):
        parsed = dateparser.parse(text, languages=_MORE_LANGUAGES, settings=_SETTINGS)
    if parsed is None:
        return UNKNOWN
    moment = by_weekday(text, wall_clock(parsed)[0])
    precision = DatePrecision.MINUTE if _TIME_RE.search(text) else DatePrecision.DAY
    if not _YEAR_RE.search(text):
        if reference is None:
            return UNKNOWN
        moment = _with_inferred_year(moment, reference)
    return ShownTime(moment, precision)


def _weekday(text: str) -> int | None:
    match = _WEEKDAY_RE.search(text)
    return None if match is None else _WEEKDAY_OF[match.group(1).lower()]


def by_weekday(text: str, moment: datetime) -> datetime:
    """``moment`` with day and month swapped when only the swapped date falls on the
    weekday the text names."""
    numeric, weekday = _NUMERIC_DATE_RE.search(text), _weekday(text)
    if numeric is None or weekday is None or moment.weekday() == weekday:
        return moment
    try:
        swapped = moment.replace(month=moment.day, day=moment.month)
    except ValueError:
        return moment
    return swapped if swapped.weekday() == weekday else moment


def shown_or_stated(shown: ShownTime, stated: ShownTime) -> ShownTime:
    """The time a page shows (its text) beside the one its markup states (``<time
    datetime>``, a ``title``), which may be in UTC or another zone.

    The shown wall-clock time wins; the stated one gives the offset (its own when both
    read the same; shown minus stated UTC when that is a real offset), and the minute
    when the page shows only the day and the markup states a time on that day. A shown
    reading more than a day away from the stated one is a misreading (04/10 read as
    10 April): the stated time is taken as written."""
    if shown.moment is None:
        return stated
    if stated.moment is None:
        return shown
    apart = (_minute(shown.moment) - _minute(stated.moment)).total_seconds() / 60
    if abs(apart) > 24 * 60:
        return stated
    if shown.precision != DatePrecision.MINUTE:
        return stated if stated.moment.date() == shown.moment.date() else shown
    if apart == 0 or stated.offset is None:
        return ShownTime(shown.moment, shown.precision, stated.offset if apart == 0 else None)
    offset = stated.offset + apart  # shown minus the stated time's UTC
    return ShownTime(
        shown.moment, shown.precision, int(offset) if plausible_offset(offset) else None
    )


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _with_inferred_year(moment: datetime, reference: datetime) -> datetime:
    try:
        candidate = moment.replace(year=reference.year)
    except ValueError:  # 29 February in a year without it
        candidate = moment.replace(year=reference.year, day=28)
    if candidate < reference - timedelta(days=1):
        candidate = candidate.replace(year=reference.year + 1)
    return candidate
