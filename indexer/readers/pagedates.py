"""Dates as saved blog pages write them, via dateparser.

"July 11, 2011 at 12:25 pm", "11. Dezember 2012 um 11:07", "Freitag, 5. Juni
2015", ISO timestamps, and dates without a year ("Jun 20th at 2:41 am"), whose
year is inferred from a reference date (the post's): a comment is never older
than its post, so the first such date on or after the reference wins. English and
German first (cheap); a date-like text they cannot read is tried in the languages
WordPress's language packs write comment dates in ("3 décembre 2011 à 18 h 20 min",
"3 maja 2012 o 14:00", "3 мая 2012 в 14:00").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import dateparser

from indexer.core.dates import to_naive_utc
from indexer.core.models import DatePrecision

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
_RELATIVE_RE = re.compile(
    r"\b(?:vor|ago|hace|il y a|fa|geleden|yesterday|gestern|today|heute|hier|ayer|"
    r"just now|gerade eben|há|temu|назад|sedan|siden)\b",
    re.IGNORECASE,
)
_RELATIVE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "ru", "sv", "da"]


def parse_page_date(
    text: str, reference: datetime | None = None, captured: datetime | None = None
) -> tuple[datetime | None, DatePrecision]:
    """A date (and time) as written on a page; a missing year comes from ``reference``.

    A relative date ("vor 3 Wochen", "2 days ago") counts back from when the page was
    saved, ``captured``; without it the date is unknown, never counted from today.
    """
    text = _FRENCH_TIME_RE.sub(r"\1:\2", " ".join(text.split()))
    if not text or len(text) > _MAX_DATE_CHARS:
        return None, DatePrecision.UNKNOWN
    if _RELATIVE_RE.search(text):
        if captured is None:
            return None, DatePrecision.UNKNOWN
        settings = {**_SETTINGS, "RELATIVE_BASE": captured}
        parsed = dateparser.parse(text, languages=_RELATIVE_LANGUAGES, settings=settings)
        return (
            (to_naive_utc(parsed), DatePrecision.DAY) if parsed else (None, DatePrecision.UNKNOWN)
        )
    if _ISO_RE.match(text):
        try:
            moment = to_naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError:
            return None, DatePrecision.UNKNOWN
        return moment, DatePrecision.MINUTE if "T" in text or " " in text else DatePrecision.DAY
    parsed = dateparser.parse(text, languages=LANGUAGES, settings=_SETTINGS)
    if parsed is None and _DIGIT_RE.search(text):
        parsed = dateparser.parse(text, languages=_MORE_LANGUAGES, settings=_SETTINGS)
    if parsed is None:
        return None, DatePrecision.UNKNOWN
    moment = to_naive_utc(parsed)
    precision = DatePrecision.MINUTE if _TIME_RE.search(text) else DatePrecision.DAY
    if not _YEAR_RE.search(text):
        if reference is None:
            return None, DatePrecision.UNKNOWN
        moment = _with_inferred_year(moment, reference)
    return moment, precision


def _with_inferred_year(moment: datetime, reference: datetime) -> datetime:
    try:
        candidate = moment.replace(year=reference.year)
    except ValueError:  # 29 February in a year without it
        candidate = moment.replace(year=reference.year, day=28)
    if candidate < reference - timedelta(days=1):
        candidate = candidate.replace(year=reference.year + 1)
    return candidate
