"""The whole match set of a search, one passage at a time, for CSV / JSON Lines export.

The match set and its order are computed up front (a mask and one array of
document numbers: 8 bytes a passage); rows are read from the index only as the
consumer asks for them, so memory stays flat however many passages match.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from indexer.search.rows import passage_fields
from indexer.search.run import SearchRun

# The columns of an export, in order (CSV header, JSON Lines keys): the passage cited as
# a hit cites it (search/rows.py), with its original address, site, language and terms;
# ``date`` is the time as the page shows it, ``utc_offset`` its offset where stated.
EXPORT_FIELDS = (
    "id",
    "post_id",
    "post_title",
    "post_date",
    "post_url",
    "site",
    "section",
    "author",
    "date",
    "date_precision",
    "utc_offset",
    "language",
    "categories",
    "tags",
    "url",
    "score",
    "text",
)


def export_row(stored: Mapping[str, Any], score: float | None) -> dict[str, Any]:
    """One passage's stored fields as an export row (``EXPORT_FIELDS``)."""
    row = {**passage_fields(stored), "score": score, "text": stored.get("text", "")}
    return {name: row[name] for name in EXPORT_FIELDS}


class Export:
    """An open export: ``total`` passages, iterated once; what it holds (a searcher, a
    cluster's cursor) is released by ``close``, at the end of the iteration or before."""

    def __init__(
        self, total: int, rows: Iterator[dict[str, Any]], release: Callable[[], None]
    ) -> None:
        self.total = total
        self._rows = rows
        self._release = release
        self._closed = False

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            yield from self._rows
        finally:
            self.close()

    def close(self) -> None:
        """Release what the export holds (again: harmless)."""
        if not self._closed:
            self._closed = True
            self._release()


def index_export(searcher: Any, run: SearchRun) -> Export:
    """The export of ``run`` on the local index: holds ``searcher`` until closed."""
    _, _, final = run.matches()
    order = run.ranking().first(final)
    scores = run.scores

    def rows() -> Iterator[dict[str, Any]]:
        for docnum in order:
            score = None if scores is None else round(float(scores[docnum]), 4)
            yield export_row(searcher.stored_fields(int(docnum)), score)

    return Export(len(order), rows(), searcher.close)
