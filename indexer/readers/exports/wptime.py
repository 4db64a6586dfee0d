"""WordPress's times in its exports: the site's wall clock (``*_date``) and UTC
(``*_date_gmt``); the time policy of ``core/dates.py`` keeps the first, the offset
between them beside it."""

from __future__ import annotations

from datetime import datetime

from indexer.core.dates import plausible_offset
from indexer.core.models import DatePrecision
from indexer.readers.pagedates import UNKNOWN, ShownTime

_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def parse_wp_date(*candidates: str | None) -> tuple[datetime | None, DatePrecision]:
    """The first real date among ``candidates``; placeholders mean unknown."""
    for candidate in candidates:
        text = (candidate or "").strip()
        if not text or text.startswith("0000"):
            continue
        try:
            moment = datetime.strptime(text[:19], _DATE_FORMAT)
        except ValueError:
            continue
        if moment.year in (1969, 1970):  # an epoch of 0 (or -1), not a real date
            continue
        return moment, DatePrecision.MINUTE
    return None, DatePrecision.UNKNOWN


def wp_time(local: str | None, gmt: str | None) -> ShownTime:
    """A WordPress time as the blog showed it (``*_date``, the site's wall clock), its
    offset from ``*_date_gmt``; with only the GMT time known, that at offset 0."""
    shown, _ = parse_wp_date(local)
    utc, _ = parse_wp_date(gmt)
    if shown is None:
        return ShownTime(utc, DatePrecision.MINUTE, 0) if utc else UNKNOWN
    if utc is None:
        return ShownTime(shown, DatePrecision.MINUTE)
    offset = (shown - utc).total_seconds() / 60
    return ShownTime(shown, DatePrecision.MINUTE, int(offset) if plausible_offset(offset) else None)
