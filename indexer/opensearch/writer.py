"""Writing to the cluster: bulk requests of bounded size, pushed back on, retried.

A ``ClusterWriter`` stands where a Whoosh writer stands in an indexing run: documents
are added, deletions by field value are recorded, and ``commit`` applies them. As with
Whoosh, a deletion never touches what the same run has written (each document carries
its run's id), so deletions can wait for the commit.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any

from .client import ATTEMPTS, FIRST_BACKOFF_S, Client, ClusterError, path_of
from .mapping import bulk_action

BATCH_BYTES = 4 * 1024 * 1024  # per bulk request: big enough to amortise, small to retry
BATCH_DOCUMENTS = 2000
PUSHED_BACK = frozenset({429, 502, 503, 504})  # an item the cluster could not take now
MAX_TERMS = 10_000  # values per terms query of a deletion
# An indexing run's requests wait longer than a search's: a bulk request meeting a merge,
# the refresh ending a rebuild of a million passages, a deletion by query over them.
INDEXING_TIMEOUT_S = 180.0


class ClusterWriter:
    """Adds and deletes passages of one index for one indexing run."""

    def __init__(self, client: Client, index: str, run: str) -> None:
        self.client = client
        self.index = index
        self.run = run
        self.written = 0
        self._lines: list[bytes] = []
        self._bytes = 0
        self._deletions: dict[str, set[str]] = defaultdict(set)

    def add(self, document: dict[str, Any]) -> None:
        action = json.dumps(bulk_action(self.index, document), ensure_ascii=False)
        source = json.dumps(document, ensure_ascii=False)
        pair = f"{action}\n{source}\n".encode()
        self._lines.append(pair)
        self._bytes += len(pair)
        if self._bytes >= BATCH_BYTES or len(self._lines) >= BATCH_DOCUMENTS:
            self.flush()

    def delete_by_term(self, fieldname: str, value: str) -> None:
        """Delete the passages whose ``fieldname`` is ``value`` at the commit (those this
        run wrote excepted, as a Whoosh writer cannot delete its own additions)."""
        self._deletions[fieldname].add(value)

    def flush(self) -> None:
        """Send what is buffered; items the cluster pushes back are sent again, with
        backoff, until taken (or the attempts run out: ``ClusterUnavailable``)."""
        pending = self._lines
        self._lines, self._bytes = [], 0
        for attempt in range(ATTEMPTS):
            if not pending:
                return
            answer = self.client.request("POST", "/_bulk", b"".join(pending), ndjson=True)
            pending = self._refused(answer, pending)
            if pending:
                time.sleep(FIRST_BACKOFF_S * 2**attempt)
        if pending:
            raise ClusterError(429, f"{len(pending)} passages refused after {ATTEMPTS} attempts")

    def _refused(self, answer: dict[str, Any], sent: list[bytes]) -> list[bytes]:
        """The pairs to send again; a rejected document (not pushed back) is our bug."""
        again = []
        for pair, item in zip(sent, answer.get("items", []), strict=True):
            result = item.get("index", {})
            status = int(result.get("status", 500))
            if status < 300:
                self.written += 1
            elif status in PUSHED_BACK:
                again.append(pair)
            else:
                raise ClusterError(status, json.dumps(result.get("error"))[:500])
        return again

    def apply_deletions(self) -> None:
        """Run the recorded deletions (everything written first)."""
        self.flush()
        for fieldname, values in sorted(self._deletions.items()):
            ordered = sorted(values)
            for start in range(0, len(ordered), MAX_TERMS):
                query = {
                    "bool": {
                        "filter": [{"terms": {fieldname: ordered[start : start + MAX_TERMS]}}],
                        "must_not": [{"term": {"run": self.run}}],
                    }
                }
                self.client.request(
                    "POST",
                    path_of(self.index, "_delete_by_query") + "?conflicts=proceed&refresh=true",
                    {"query": query},
                )
        self._deletions.clear()
