"""The whole match set of a search, one passage at a time, for CSV / JSON Lines export.

The match set and its order are computed up front (a mask and one array of
document numbers: 8 bytes a passage); rows are read from the index only as the
consumer asks for them, so memory stays flat however many passages match.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from indexer.search.rows import passage_fields
from indexer.search.run import SearchRun

# The columns of an export, in order (CSV header, JSON Lines keys): the passage cited as
# a hit cites it (search/rows.py), with its original address, site, language and terms.
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
    "language",
    "categories",
    "tags",
    "url",
    "score",
    "text",
)


class Export:
    """An open export: ``total`` passages, iterated once; holds a searcher until closed."""

    def __init__(self, searcher: Any, run: SearchRun) -> None:
        self._searcher = searcher
        self._closed = False
        _, _, final = run.matches()
        self._order = run.ranking().first(final)
        self._scores = run.scores
        self.total = len(self._order)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            for docnum in self._order:
                yield self._row(int(docnum))
        finally:
            self.close()

    def _row(self, docnum: int) -> dict[str, Any]:
        stored = self._searcher.stored_fields(docnum)
        score = None if self._scores is None else round(float(self._scores[docnum]), 4)
        row = {**passage_fields(stored), "score": score, "text": stored.get("text", "")}
        return {name: row[name] for name in EXPORT_FIELDS}

    def close(self) -> None:
        """Release the searcher (again: harmless)."""
        if not self._closed:
            self._closed = True
            self._searcher.close()
