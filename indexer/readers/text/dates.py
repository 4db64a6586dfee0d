"""Dates as they stand in the text of a page, in the languages blogs are written in.

The HTML reader knows where a page keeps its dates; in a text rendering every
line may hold one, so the span is found here by pattern ("18. Oktober 2019 um
15:05 Uhr", "May 10, 2019 at 7:33 am", "7 mai 2020 - 12:38", "18.10.2019,
16:18", "2019-10-18") and turned into a datetime without guessing: a date
without a year is no date here, and a relative date ("vor 3 Wochen", "6 months
ago") is recognised but left unknown: it counts back from when the page was saved,
which a text rendering does not tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from indexer.readers import calendarwords
from indexer.readers.calendarwords import MONTH_VARIANTS, fold, month_names
from indexer.readers.pagedates import by_weekday

MONTH_LANGUAGES = tuple(calendarwords.MONTHS)  # every language of the table


def _month_table() -> dict[str, int]:
    """Folded month names and their unambiguous prefixes of three letters or more."""
    candidates: dict[str, set[int]] = {}
    for number, name in month_names(MONTH_LANGUAGES):
        folded = fold(name)
        for end in range(3, len(folded) + 1):
            candidates.setdefault(folded[:end], set()).add(number)
    table = {word: next(iter(numbers)) for word, numbers in candidates.items() if len(numbers) == 1}
    table.update({fold(word): number for word, number in MONTH_VARIANTS.items()})
    return table


MONTHS = _month_table()
_WORD = r"[^\W\d_]{3,10}"
_DMY = (
    rf"(?<![\d.])(?P<d1>\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+)?(?P<m1>{_WORD})\.?,?"
    rf"\s+(?:de\s+)?(?P<y1>\d{{4}})"
)
_MDY = rf"(?P<m2>{_WORD})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
_ISO = r"(?<![\w-])(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})(?![\d-])"  # not in a file name
_NUMERIC = (
    r"(?<![\d.,/])(?P<d4>\d{1,2})(?P<sep>[./])\s?(?P<m4>\d{1,2})(?P=sep)\s?"
    r"(?P<y4>\d{4}|\d{2})(?![\d])"
)
# Forum engines' "12-18-2010" (vBulletin, MyBB): dashes, a four-digit year; not
# "12-05-2008_1.jpg".
_DASHED = (
    r"(?<![\w-])(?P<d5>\d{1,2})-(?P<m5>\d{1,2})-(?P<y5>\d{4})(?![\w-]|\.\w)"  # not a file name
)
_TIME = (
    r"(?:\s*(?:,|-|–|—|\||/|@|um|at|à|a\s+las|alle|om|às|klo|kl\.?|o|в)?\s*)"
    # "14:05", "18h20", French WordPress's "18 h 20 min"; "um 21.11" after "um" only
    r"(?P<hour>\d{1,2})(?::|\s?h\s?|(?<=um \d)\.|(?<=um \d\d)\.)(?P<minute>\d{2})(?!\d)"
    r"(?::\d{2}(?!\d))?"  # seconds (Simple Machines' "10:56:12 AM")
    r"(?:\s?min\b)?"
    r"(?:\s*(?P<meridiem>[ap])\.?\s?m\b\.?)?"
)
DATE_RE = re.compile(rf"(?:{_DMY}|{_MDY}|{_ISO}|{_NUMERIC}|{_DASHED})(?:{_TIME})?", re.I)
_RELATIVE_RE = re.compile(
    r"\b(?:vor\s+(?:\d+|einem|einer|zwei|drei)\s+(?:Minuten?|Stunden?|Tagen?|Wochen?|Monaten?|Jahren?)"
    r"|(?:\d+|an?|one|two|three)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|\d+\s?(?:y|yr|mo|w|d|h|min)\s+ago"  # reddit's "2y ago"
    r"|il\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|hace\s+\d+\s+(?:minutos?|horas?|d[ií]as?|semanas?|meses|mes|años?)"
    r"|\d+\s+(?:minuti|ore|giorni|settimane|mesi|anni|mese|anno|giorno)\s+fa"
    r"|\d+\s+(?:minuten|uur|dagen|weken|maanden|jaar)\s+geleden)\b",
    re.I,
)


_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class DateSpan:
    """A date found in a line: where it stands and what it means."""

    start: int
    end: int
    moment: datetime
    has_time: bool


_WEEKDAY_REACH = 12  # characters before a date where its weekday stands ("Thursday, ")


def find_dates(line: str) -> list[DateSpan]:
    """Every complete date (day, month, year; maybe a time) written in ``line``."""
    spans: list[DateSpan] = []
    if not _DIGIT_RE.search(line):  # most lines: no date, and this costs little
        return spans
    for match in DATE_RE.finditer(line):
        moment = _moment(match)
        if moment is not None:  # "Wed, 12/08/2010": the weekday just before settles the order
            moment = by_weekday(line[max(0, match.start() - _WEEKDAY_REACH) : match.end()], moment)
            spans.append(DateSpan(match.start(), match.end(), moment, match["hour"] is not None))
    return spans


def _moment(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    if groups["d1"]:
        day, month, year = int(groups["d1"]), MONTHS.get(fold(groups["m1"])), int(groups["y1"])
    elif groups["m2"]:
        day, month, year = int(groups["d2"]), MONTHS.get(fold(groups["m2"])), int(groups["y2"])
    elif groups["y3"]:
        day, month, year = int(groups["d3"]), int(groups["m3"]), int(groups["y3"])
    else:
        day, month, year = _numeric(groups)
    if month is None or not 1970 <= year <= 2100:
        return None
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    if groups["meridiem"]:
        hour = hour % 12 + (12 if groups["meridiem"].lower() == "p" else 0)
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _numeric(groups: dict[str, str | None]) -> tuple[int, int, int]:
    """Day, month, year of "18.10.2019", "04/14/2020" or "12-18-2010": day first unless
    the month cannot be, or a 12-hour clock says the writer is American (month first)."""
    dashed = groups["d5"] is not None
    first, second = (
        int(groups["d5" if dashed else "d4"] or 0),
        int(groups["m5" if dashed else "m4"] or 0),
    )
    year = int(groups["y5" if dashed else "y4"] or 0)
    if year < 100:
        year += 2000 if year < 70 else 1900
    american = groups["meridiem"] is not None and first <= 12
    if (second > 12 >= first or american) and (dashed or groups["sep"] == "/"):
        return second, first, year  # 04/14/2020, 12-18-2010 10:56 AM: month first
    return first, second, year


def relative_spans(line: str) -> list[tuple[int, int]]:
    """Where ``line`` holds a relative date ("2y ago", "vor 3 Wochen")."""
    if not has_relative(line):
        return []
    return [(match.start(), match.end()) for match in _RELATIVE_RE.finditer(line)]


def has_relative(line: str) -> bool:
    folded = line.casefold()
    if not any(hint in folded for hint in ("vor ", "ago", "il y a", "hace", " fa", "geleden")):
        return False  # cheap: most lines hold none of these words
    return _RELATIVE_RE.search(line) is not None
