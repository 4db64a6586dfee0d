"""Raw user input (CLI flags, query-string values) into a validated ``SearchRequest``.

One place decides what is valid, so the CLI (exit code 2) and the web app
(HTTP 400) reject exactly the same input with exactly the same message.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date

from indexer.contract.facets import DATE_RANGE, FACETS
from indexer.contract.request import (
    DEFAULT_FACET_SIZE,
    DEFAULT_PER_PAGE,
    GROUPS,
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    SORTS,
    SearchRequest,
)
from indexer.errors import BadParameter, QueryTooLong

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
MAX_PAGE = 10000


def _integer(name: str, raw: str | int | None, default: int, low: int, high: int) -> int:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise BadParameter(f"{name} must be a whole number, not {str(raw)[:40]!r}", name) from None
    if not low <= value <= high:
        raise BadParameter(f"{name} must be between {low} and {high}, not {value}", name)
    return value


def parse_date_bound(name: str, raw: str | None, *, end: bool) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an end bound covers its whole year/month."""
    if raw is None or not raw.strip():
        return None
    match = _DATE_RE.match(raw.strip())
    if not match:
        raise BadParameter(
            f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {raw[:40]!r}", name
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else (12 if end else 1)
    if not 1 <= month <= 12:
        raise BadParameter(f"{name} has no month {month}: use 01 to 12 ({raw!r})", name)
    if year < 1:
        raise BadParameter(f"{name} has no year 0000 ({raw!r})", name)
    last_day = calendar.monthrange(year, month)[1]
    day = int(match.group(3)) if match.group(3) else (last_day if end else 1)
    if not 1 <= day <= last_day:
        raise BadParameter(f"{name} has no day {day} in {year}-{month:02d} ({raw!r})", name)
    return date(year, month, day)


def _raw_values(raw: str | int | Iterable[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str | int):
        return [str(raw)]
    return [str(value) for value in raw]


def build_request(
    query: str | None = None,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    sort: str | None = None,
    page: str | int | None = None,
    per_page: str | int | None = None,
    facet_size: str | int | None = None,
    group: str | None = None,
    **selected: str | int | Iterable[str] | None,
) -> SearchRequest:
    """Validate raw values; raises ``BadParameter`` / ``QueryTooLong`` with the reason.

    ``selected`` maps facet names (``indexer.contract.facets.FACETS``: ``author=["Cat"]``,
    ``year=2012``) to raw values.
    """
    text = query or ""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryTooLong(
            f"the query is {len(text)} characters long; at most {MAX_QUERY_LENGTH} are searched"
        )
    selections: dict[str, tuple[str, ...]] = {}
    for name, raw in selected.items():
        if name not in FACETS:
            raise TypeError(f"build_request() got an unexpected keyword argument {name!r}")
        try:
            values = FACETS[name].select(_raw_values(raw))
        except BadParameter as error:
            error.field = error.field or FACETS[name].parameter  # shown beside that field
            raise
        if values:
            selections[name] = values
    if sort is not None and sort != "" and sort not in SORTS:
        raise BadParameter(f"sort must be one of {', '.join(SORTS)}, not {sort[:40]!r}", "sort")
    if group and group not in GROUPS:
        raise BadParameter(f"group must be one of {', '.join(GROUPS)}, not {group[:40]!r}", "group")
    low, high = DATE_RANGE.bounds
    start = parse_date_bound(low.parameter, date_from, end=low.end)
    stop = parse_date_bound(high.parameter, date_to, end=high.end)
    if start and stop and start > stop:
        raise BadParameter(
            f"{low.parameter} ({start}) is after {high.parameter} ({stop})", low.parameter
        )
    return SearchRequest(
        query=text,
        selections=selections,
        date_from=start,
        date_to=stop,
        sort=sort or None,
        page=_integer("page", page, 1, 1, MAX_PAGE),
        per_page=_integer("per_page", per_page, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        facet_size=_integer("facet_size", facet_size, DEFAULT_FACET_SIZE, 0, 10000),
        group=group or "passage",
    )
