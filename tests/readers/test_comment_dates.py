"""Comment dates in the languages WordPress's language packs write them, and relative
dates counted back from when the page was saved, else unknown (never from today)."""

from __future__ import annotations

from datetime import datetime

import pytest

from indexer.core.models import DatePrecision
from indexer.readers.pagedates import parse_page_date

SAVED = datetime(2020, 6, 1, 12, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3. Mai 2012 um 14:05", datetime(2012, 5, 3, 14, 5)),
        ("3 décembre 2011 à 18 h 20 min", datetime(2011, 12, 3, 18, 20)),
        ("14 de septiembre de 2015 a las 10:12", datetime(2015, 9, 14, 10, 12)),
        ("21 settembre 2010 alle 9:45", datetime(2010, 9, 21, 9, 45)),
        ("3 de maio de 2012 às 14:00", datetime(2012, 5, 3, 14, 0)),
        ("3 mei 2012 om 14:00", datetime(2012, 5, 3, 14, 0)),
        ("3 maja 2012 o 14:00", datetime(2012, 5, 3, 14, 0)),
        ("3 мая 2012 в 14:00", datetime(2012, 5, 3, 14, 0)),
        ("3 maj 2012 kl. 14:00", datetime(2012, 5, 3, 14, 0)),
    ],
)
def test_wordpress_comment_dates_in_other_languages(text: str, expected: datetime) -> None:
    assert parse_page_date(text) == (expected, DatePrecision.MINUTE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vor 3 Wochen", datetime(2020, 5, 11, 12, 0)),
        ("il y a 2 jours", datetime(2020, 5, 30, 12, 0)),
        ("hace 3 días", datetime(2020, 5, 29, 12, 0)),
        ("3 days ago", datetime(2020, 5, 29, 12, 0)),
        ("2 settimane fa", datetime(2020, 5, 18, 12, 0)),
        ("3 dagen geleden", datetime(2020, 5, 29, 12, 0)),
    ],
)
def test_relative_dates_count_back_from_the_save(text: str, expected: datetime) -> None:
    assert parse_page_date(text, None, SAVED) == (expected, DatePrecision.DAY)
    assert parse_page_date(text) == (None, DatePrecision.UNKNOWN)


def test_controls_are_no_dates() -> None:
    assert parse_page_date("Antworten") == (None, DatePrecision.UNKNOWN)
    assert parse_page_date("Reply to 3 comments") == (None, DatePrecision.UNKNOWN)
