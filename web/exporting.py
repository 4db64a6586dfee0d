"""A search's whole match set as CSV or JSON Lines, a chunk of rows at a time.

The library's ``Export`` reads passages as they are asked for; these generators
turn them into text in chunks, so the web app streams and the CLI prints an
export of any size in flat memory.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from indexer import EXPORT_FIELDS

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
CHUNK_ROWS = 200  # rows per chunk: fewer thread hops when streamed, little memory
# A spreadsheet runs a cell starting with these as a formula; archived text is hostile.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A UTC offset ("+02:00", from our readers, never archived text) runs nothing: kept as is.
_OFFSET = re.compile(r"[+-]\d\d:\d\d")


def _cell(value: Any) -> Any:
    if isinstance(value, list):  # categories, tags: commas never stand inside a value
        value = ", ".join(value)
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_STARTS)
        and not _OFFSET.fullmatch(value)
    ):
        return "'" + value
    return "" if value is None else value


def _absolute(row: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {**row, "url": base_url + row["url"]} if base_url else row


def csv_chunks(rows: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[str]:
    """A header line, then the rows; cells that a spreadsheet would run get a leading '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_FIELDS)
    for number, row in enumerate(rows, start=1):
        row = _absolute(row, base_url)
        writer.writerow([_cell(row[name]) for name in EXPORT_FIELDS])
        if number % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(rows: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[str]:
    """One JSON object per line, keys in ``EXPORT_FIELDS`` order."""
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps(_absolute(row, base_url), ensure_ascii=False) + "\n")
        if len(lines) == CHUNK_ROWS:
            yield "".join(lines)
            lines.clear()
    yield "".join(lines)


def chunks(format_name: str, rows: Iterable[dict[str, Any]], base_url: str = "") -> Iterator[str]:
    return (csv_chunks if format_name == "csv" else jsonl_chunks)(rows, base_url)
