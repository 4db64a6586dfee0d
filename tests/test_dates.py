"""Comment dates in their common shape are read without dateutil (core/dates.py,
issue 23): the same datetime as dateutil gives, for every date the readers meet in the
fixtures and for the edge cases of the shape; anything else still goes to dateutil."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from dateutil import parser as dateutil_parser

from indexer.build.parsing import parse_file
from indexer.core import dates
from indexer.readers import reader_for

ROOT = Path(__file__).resolve().parent.parent
SHAPES = [
    "March 3, 2015 at 12:00 am",
    "March 3, 2015 at 12:30 pm",
    "March 3rd, 2015 at 4:05 p.m.",
    "Sept 3, 2015 at 4:05 PM",
    "Jun. 14, 2012",
    "14 June 2012 16:45",
    "14th June 2012",
    "June 14, 2012 at 6.00 pm",
    "Feb 30, 2015",
    "May 3, 2015 at 13:05 pm",
    "3 Mai 2015",
    "Marchh 3, 2015",
    "June 14",
]


def _dateutil(text: str, year: int | None) -> datetime | None:
    cleaned = dates._MERIDIEM_RE.sub(lambda match: f" {match.group(1).lower()}m", text)
    cleaned = dates._ORDINAL_RE.sub(r"\1", cleaned).replace(" at ", " ").replace(",", " ")
    try:
        parsed = dateutil_parser.parse(cleaned, default=datetime(year or 1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return dates.wall_clock(parsed)[0]


@pytest.mark.parametrize("text", SHAPES)
def test_the_common_shape_reads_as_dateutil_reads_it(text: str) -> None:
    assert dates.parse_english_date(text, 2020) == _dateutil(text, 2020)


def test_every_date_of_the_fixtures_reads_as_dateutil_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []  # each date as cleaned for dateutil
    common = dates._common_date

    def recording(cleaned: str) -> datetime | None:
        asked.append(cleaned)
        return common(cleaned)

    monkeypatch.setattr(dates, "_common_date", recording)
    for folder in (ROOT / "data", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*")):
            reader = reader_for(path) if path.is_file() else None
            if reader is not None and not reader.streamed:
                parse_file(path, path.name, "")
    quick = [(cleaned, common(cleaned)) for cleaned in asked if common(cleaned) is not None]
    assert len(quick) > 10
    assert quick == [(cleaned, _dateutil(cleaned, None)) for cleaned, _ in quick]
