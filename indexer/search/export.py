"""The whole match set of a search, one passage at a time, for CSV / JSON Lines export.

The match set and its order are computed up front (a mask and one array of
document numbers: 8 bytes a passage); rows are read from the index only as the
consumer asks for them, so memory stays flat however many passages match.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from indexer.search.run import SearchRun

# The columns of an export, in order (CSV header, JSON Lines keys).
EXPORT_FIELDS = (
    "id",
    "post_id",
    "post_title",
    "post_date",
    "section",
    "author",
    "date",
    "date_precision",
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
        fields = self._searcher.stored_fields(docnum)
        score = None if self._scores is None else round(float(self._scores[docnum]), 4)
        return {
            "id": fields["id"],
            "post_id": fields["post_id"],
            "post_title": fields.get("post_title", ""),
            "post_date": fields.get("post_date") or None,
            "section": fields["section"],
            "author": fields.get("author", ""),
            "date": fields.get("date") or None,
            "date_precision": fields.get("date_precision", "unknown"),
            "url": f"/post/{fields['post_id']}#{fields['anchor']}",
            "score": score,
            "text": fields.get("text", ""),
        }

    def close(self) -> None:
        """Release the searcher (again: harmless)."""
        if not self._closed:
            self._closed = True
            self._searcher.close()
