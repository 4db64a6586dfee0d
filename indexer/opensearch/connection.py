"""The searching side's link to the cluster: searches with their errors mapped to ours,
the index's languages (kept a few seconds), and queries parsed by our parser."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from functools import cache
from typing import Any

from whoosh import query as whoosh_query

from indexer.errors import ClusterIndexMissing, ClusterUnavailable, QueryError, SearchTimeout
from indexer.query.parse import parse_query
from indexer.query.parsed import ParsedQuery
from indexer.store.schema import build_schema

from .client import Client, ClusterError, path_of
from .config import Cluster
from .translate import Translator

LANGUAGES_KEPT_S = 5.0  # a language new to the index is searched in within this time
PARSED_KEPT = 256


@cache
def _schema() -> Any:
    return build_schema()  # the query parser reads field types from it; no index opened


class ParsingTerms:
    """What the parser asks of an index, answered for the cluster: prefixes and fuzzy
    words are expanded by the cluster itself (``expands_itself``), every word variant
    is kept (the cluster skips absent terms at no cost), and addresses are looked up."""

    expands_itself = True

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def doc_frequency(self, fieldname: str, text: Any) -> int:
        if fieldname != "address":
            return 1
        word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        return self.connection.count({"term": {"address": word}})


class Connection:
    """One cluster index, searched; safe to share between threads."""

    def __init__(self, cluster: Cluster, time_limit_s: float | None = None) -> None:
        self.cluster = cluster
        self.client = Client(cluster.url, timeout_s=(time_limit_s or 25.0) + 5.0)
        self._languages: tuple[float, tuple[str, ...]] | None = None
        self._parsed: OrderedDict[tuple[str, tuple[str, ...]], ParsedQuery] = OrderedDict()
        self._lock = threading.Lock()

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """A request to the index, its failures as our errors."""
        try:
            answer = self.client.request(method, path_of(self.cluster.index_name, path), body)
        except ClusterError as error:
            if error.status == 404 and "index_not_found" in error.reason:
                raise ClusterIndexMissing(self.client.url, self.cluster.index_name) from error
            if error.status == 400:
                raise QueryError(f"the cluster refused this search ({error.reason})") from error
            raise
        shards = answer.get("_shards", {}) if isinstance(answer, dict) else {}
        if shards.get("failed"):
            raise ClusterUnavailable(
                self.client.url, f"{shards['failed']} of {shards.get('total')} shards failed"
            )
        if isinstance(answer, dict) and answer.get("timed_out"):
            raise SearchTimeout("the search took too long on the cluster and was stopped: "
                                "add words or filters to narrow it")  # fmt: skip
        return answer

    def search(self, body: dict[str, Any]) -> Any:
        return self.request("POST", "_search", body)

    def count(self, query: dict[str, Any]) -> int:
        return int(self.request("POST", "_count", {"query": query}).get("count", 0))

    def languages(self) -> tuple[str, ...]:
        """The languages the index holds (English for an empty one), as the parser stems in."""
        kept = self._languages
        if kept is not None and time.monotonic() - kept[0] < LANGUAGES_KEPT_S:
            return kept[1]
        body = {"size": 0, "aggs": {"languages": {"terms": {"field": "language", "size": 500}}}}
        buckets = self.search(body)["aggregations"]["languages"]["buckets"]
        found = tuple(sorted(str(bucket["key"]) for bucket in buckets if bucket["key"]))
        languages = found or ("en",)
        self._languages = (time.monotonic(), languages)
        return languages

    def parse(self, text: str, languages: tuple[str, ...]) -> ParsedQuery:
        """Our parse of ``text`` (a ``QueryError`` for nothing searchable), the last
        ``PARSED_KEPT`` kept."""
        key = (text, languages)
        with self._lock:
            parsed = self._parsed.get(key)
            if parsed is not None:
                self._parsed.move_to_end(key)
                return parsed
        parsed = parse_query(text, _schema(), ParsingTerms(self), languages)
        with self._lock:
            self._parsed[key] = parsed
            while len(self._parsed) > PARSED_KEPT:
                self._parsed.popitem(last=False)
        return parsed

    def text_frequencies(self, terms: list[str], languages: tuple[str, ...]) -> dict[str, int]:
        """In how many passages each term is in the text (any language's field): one
        multi-search for all of them."""
        if not terms:
            return {}
        translator = Translator(languages)
        lines: list[dict[str, Any]] = []
        for term in terms:
            lines.append({"index": self.cluster.index_name})
            lines.append({"size": 0, "track_total_hits": True,
                          "query": translator.query(whoosh_query.Term("text", term))})  # fmt: skip
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        answer = self.client.request("POST", "/_msearch", body.encode("utf-8"), ndjson=True)
        return {
            term: int(response.get("hits", {}).get("total", {}).get("value", 0))
            for term, response in zip(terms, answer.get("responses", []), strict=True)
        }

    def words_starting(self, prefixes: list[str]) -> list[str]:
        """The archive's words (as written, lowercased) starting with any of ``prefixes``
        (letters only: the ``include`` pattern holds nothing else)."""
        pattern = "|".join(f"{prefix}.*" for prefix in prefixes if prefix.isalpha())
        if not pattern:
            return []
        body = {"size": 0, "aggs": {"words": {"terms": {
            "field": "spell", "include": pattern, "size": 20_000}}}}  # fmt: skip
        buckets = self.search(body)["aggregations"]["words"]["buckets"]
        return sorted(str(bucket["key"]) for bucket in buckets)
