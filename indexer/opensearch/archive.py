"""``ClusterArchive``: ``ArchiveIndex``'s interface (search, post, export, stats) answered
by an OpenSearch cluster. The web app and the CLI get one or the other from
``indexer.open_archive`` and never know which."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from indexer.contract.request import SearchRequest
from indexer.contract.results import IndexStats, PostView, SearchResult
from indexer.errors import NotFound, QueryError
from indexer.search.export import Export, export_row
from indexer.search.views import post_view

from .body import final_query, sort_clauses
from .config import Cluster
from .connection import Connection
from .indices import searchable
from .run import ClusterRun

PAGE = 1000  # passages per request of an export
MAX_PASSAGES_PER_POST = 10_000  # the cluster's result window


class ClusterArchive:
    """A handle on the cluster index; safe to share between threads."""

    def __init__(self, cluster: Cluster, time_limit_s: float | None = None) -> None:
        self.cluster = cluster
        self.time_limit_s = time_limit_s
        self.connection = Connection(cluster, time_limit_s)
        self._live = searchable(self.connection.client, cluster)

    @classmethod
    def open(cls, cluster: Cluster, time_limit_s: float | None = None) -> ClusterArchive:
        """Raises ClusterUnavailable or ClusterIndexMissing, each saying what to do."""
        return cls(cluster, time_limit_s)

    def _timeout_ms(self, time_limit_s: float | None) -> int | None:
        limit = time_limit_s or self.time_limit_s
        return int(limit * 1000) if limit else None

    def search(self, request: SearchRequest, time_limit_s: float | None = None) -> SearchResult:
        started = time.perf_counter()
        result = ClusterRun(self.connection, request, self._timeout_ms(time_limit_s)).run()
        result.elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def export(self, request: SearchRequest) -> Export:
        """Every passage ``request`` matches, in its order, fetched a page at a time
        (``search_after``) as it is iterated."""
        run = ClusterRun(self.connection, request, self._timeout_ms(None))
        query = final_query(run.text_query(), request)
        body: dict[str, Any] = {"query": query, "sort": sort_clauses(run.sort()), "size": PAGE,
                                "track_total_hits": True, "track_scores": run.parsed is not None,
                                "_source": {"excludes": ["spell", "address", "run"]}}  # fmt: skip
        first = self.connection.search(body)
        total = int(first["hits"]["total"]["value"])
        return Export(total, self._rows(body, first, run.parsed is not None), lambda: None)

    def _rows(self, body: dict[str, Any], answer: Any, scored: bool) -> Iterator[dict[str, Any]]:
        while True:
            found = answer["hits"]["hits"]
            for hit in found:
                score = hit.get("_score") if scored else None
                yield export_row(hit["_source"], None if score is None else round(score, 4))
            if len(found) < PAGE:
                return
            answer = self.connection.search({**body, "search_after": found[-1]["sort"]})

    def post(self, post_id: str, query: str = "") -> PostView:
        body = {"query": {"term": {"post_id": post_id}}, "sort": [{"position": "asc"}],
                "size": MAX_PASSAGES_PER_POST,
                "_source": {"excludes": ["spell", "address", "run"]}}  # fmt: skip
        documents = [hit["_source"] for hit in self.connection.search(body)["hits"]["hits"]]
        if not documents:
            raise NotFound(f"no post {post_id[:120]!r} in this archive")
        terms: frozenset[str] = frozenset()
        phrases: frozenset[tuple[str, ...]] = frozenset()
        matched: set[str] = set()
        expanding: list[Any] = []
        if query.strip():
            try:
                run = ClusterRun(self.connection, SearchRequest(query=query), None)
            except QueryError:  # a bad query only loses the highlighting here
                run = None
            if run is not None and run.parsed is not None:
                terms, phrases = run.parsed.highlight_terms(), run.parsed.highlight_phrases()
                expanding = run.parsed.expanding()
                within = {"bool": {"must": [run.text_query()],
                                   "filter": [{"term": {"post_id": post_id}}]}}  # fmt: skip
                answer = self.connection.search(
                    {"query": within, "size": MAX_PASSAGES_PER_POST, "_source": ["id"]}
                )
                matched = {hit["_source"]["id"] for hit in answer["hits"]["hits"]}
        return post_view(post_id, documents, query, terms, phrases, matched, expanding)

    def warm(self) -> None:
        """Learn the index's languages now, not at the first search."""
        self.connection.languages()

    def stats(self) -> IndexStats:
        body = {"size": 0, "track_total_hits": True,
                "aggs": {"posts": {"cardinality": {"field": "post_id",
                                                   "precision_threshold": 40_000}}}}  # fmt: skip
        answer = self.connection.search(body)
        live = searchable(self.connection.client, self.cluster)
        last = live.last_commit
        return IndexStats(
            passages=int(answer["hits"]["total"]["value"]),
            posts=int(answer["aggregations"]["posts"]["value"]),
            last_commit=time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(last)) if last else None,
            generation=0,
            index_dir=f"{self.cluster.url}/{self.cluster.index_name}",
        )
