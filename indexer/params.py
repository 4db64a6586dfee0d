"""Raw user input (CLI flags, query-string values) into a validated ``SearchRequest``.

One place decides what is valid, so the CLI (exit code 2) and the web app
(HTTP 400) reject exactly the same input with exactly the same message.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from .errors import BadParameter, QueryTooLong
from .models import Section
from .request import MAX_PER_PAGE, MAX_QUERY_LENGTH, SORTS, SearchRequest

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MAX_PAGE = 10000
MAX_FILTER_VALUES = 50
MAX_FILTER_LENGTH = 200


def _integer(name: str, raw: str | int | None, default: int, low: int, high: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise BadParameter(f"{name} must be a whole number, not {str(raw)[:40]!r}") from None
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low} and {high}, not {value}")
    return value


def parse_date_bound(name: str, raw: str | None, *, end: bool) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an end bound covers its whole year/month."""
    if raw is None or not raw.strip():
        return None
    match = _DATE_RE.match(raw.strip())
    if not match:
        raise BadParameter(
            f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {raw[:40]!r}"
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    if not 1 <= month <= 12:
        raise BadParameter(f"{name} has no month {month}: use 01 to 12 ({raw!r})")
    if year < 1:
        raise BadParameter(f"{name} has no year 0000 ({raw!r})")
    last_day = calendar.monthrange(year, month)[1]
    day = int(match.group(3)) if match.group(3) else (last_day if end else 1)
    if not 1 <= day <= last_day:
        raise BadParameter(f"{name} has no day {day} in {year}-{month:02d} ({raw!r})")
    return date(year, month, day)


def _values(name: str, raw: Iterable[str] | None) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(value.strip() for value in (raw or ()) if value.strip()))
    if len(values) > MAX_FILTER_VALUES:
        raise BadParameter(f"at most {MAX_FILTER_VALUES} {name} values can be selected")
    for value in values:
        if len(value) > MAX_FILTER_LENGTH:
            raise BadParameter(f"{name} value is too long (over {MAX_FILTER_LENGTH} characters)")
    return values


def build_request(
    query: str | None = None,
    *,
    authors: Iterable[str] | None = None,
    sections: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    tags: Iterable[str] | None = None,
    year: str | int | None = None,
    month: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    sort: str | None = None,
    page: str | int | None = None,
    per_page: str | int | None = None,
    facet_size: str | int | None = None,
) -> SearchRequest:
    """Validate raw values; raises ``BadParameter`` / ``QueryTooLong`` with the reason."""
    text = query or ""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            f"the query is {len(text)} characters long; at most {MAX_QUERY_LENGTH} are searched"
        )
    section_values = _values("section", sections)
    known = {str(section) for section in Section}
    for value in section_values:
        if value not in known:
            raise BadParameter(
                f"section must be one of {', '.join(sorted(known))}, not {value[:40]!r}"
            )
    if sort is not None and sort != "" and sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {sort[:40]!r}")
    month_value = None
    if month:
        match = _MONTH_RE.match(month.strip())
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise BadParameter(f"month must be YYYY-MM (e.g. 2012-06), not {month[:40]!r}")
        month_value = month.strip()
    start = parse_date_bound("from", date_from, end=False)
    stop = parse_date_bound("to", date_to, end=True)
    if start and stop and start > stop:
        raise BadParameter(f"from ({start}) is after to ({stop})")
    return SearchRequest(
        query=text,
        authors=_values("author", authors),
        sections=tuple(Section(value) for value in section_values),
        categories=_values("category", categories),
        tags=_values("tag", tags),
        year=_integer("year", year, 0, 1, 9999) or None,
        month=month_value,
        date_from=start,
        date_to=stop,
        sort=sort or None,
        page=_integer("page", page, 1, 1, MAX_PAGE),
        per_page=_integer("per_page", per_page, 10, 1, MAX_PER_PAGE),
        facet_size=_integer("facet_size", facet_size, 20, 0, 10000),
    )
