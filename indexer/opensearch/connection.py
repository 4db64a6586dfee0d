"""The searching side's link to the cluster: searches with their errors mapped to ours,
the index's languages (kept a few seconds), and queries parsed by our parser."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import Any

from whoosh import query as whoosh_query

from indexer.errors import ClusterIndexMissing, ClusterUnavailable, QueryError, SearchTimeout
from indexer.query.parse import FIELD_WEIGHTS, parse_query
from indexer.query.parsed import ParsedQuery
from indexer.store.schema import build_schema

from .client import RETRIED_STATUSES, Client, ClusterError, error_reason, path_of
from .config import Cluster
from .translate import Translator

LANGUAGES_KEPT_S = 5.0  # a language new to the index is searched in within this time
PARSED_KEPT = 256
SEARCHED_FIELDS = frozenset(FIELD_WEIGHTS)  # text, title and name words
BodyOf = Callable[[ParsedQuery], dict[str, Any]]


@cache
def _schema() -> Any:
    return build_schema()  # the query parser reads field types from it; no index opened


class ParsingTerms:
    """What the parser asks of an index, answered for the cluster: prefixes and fuzzy
    words are expanded by the cluster itself (``expands_itself``); a word's variants (its
    fields and languages' stems) are counted in one multi-search (``known``), so the parser
    keeps those the index holds, as it does locally; addresses are looked up."""

    expands_itself = True

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.known: dict[tuple[str, str], int] = {}

    def doc_frequency(self, fieldname: str, text: Any) -> int:
        word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if fieldname == "address" and (fieldname, word) not in self.known:
            self.known[(fieldname, word)] = self.connection.count({"term": {"address": word}})
        return self.known.get((fieldname, word), 1)  # not counted: kept


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
            raise self._refused(error) from error
        return self._checked(answer)

    def _refused(self, error: ClusterError) -> Exception:
        if error.status == 404 and "index_not_found" in error.reason:
            return ClusterIndexMissing(self.client.url, self.cluster.index_name)
        if error.status == 400 and "too_many_clauses" in error.reason:
            return QueryError("the query expands to too many words for the cluster: narrow it")
        if error.status == 400:
            return QueryError(f"the cluster refused this search ({error.reason})")
        if error.status in RETRIED_STATUSES:
            return ClusterUnavailable(self.client.url, f"HTTP {error.status}: {error.reason}")
        return error

    def _checked(self, answer: Any) -> Any:
        shards = answer.get("_shards", {}) if isinstance(answer, dict) else {}
        if shards.get("failed"):
            raise ClusterUnavailable(
                self.client.url, f"{shards['failed']} of {shards.get('total')} shards failed"
            )
        if isinstance(answer, dict) and answer.get("timed_out"):
            raise SearchTimeout("the search took too long on the cluster and was stopped: "
                                "add words or filters to narrow it")  # fmt: skip
        return answer

    def msearch(self, bodies: list[dict[str, Any]]) -> list[Any]:
        """Several searches of the index in one request (one round trip), each answer
        checked as ``search`` checks its own."""
        responses = self._msearch(bodies)
        for response in responses:
            if isinstance(response, dict) and "error" in response:
                status = int(response.get("status", 500))
                raise self._refused(ClusterError(status, error_reason(response)))
        return [self._checked(response) for response in responses]

    def _msearch(self, bodies: list[Any]) -> list[Any]:
        if not bodies:
            return []
        header = json.dumps({"index": self.cluster.index_name})
        lines = "".join(f"{header}\n{json.dumps(body, ensure_ascii=False)}\n" for body in bodies)
        answer = self.client.request("POST", "/_msearch", lines.encode("utf-8"), ndjson=True)
        responses: list[Any] = answer.get("responses", [])
        return responses

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
        return self.parse_searching(text, languages)[0]

    def parse_searching(
        self, text: str, languages: tuple[str, ...], body_of: BodyOf | None = None
    ) -> tuple[ParsedQuery, Any]:
        """``parse``; and with ``body_of``, the search of the query as first parsed (every
        variant: those the index lacks match nothing, so it finds and scores the same) sent
        in the same multi-search as the variants' counts, saving a round trip: its answer,
        or None (parsed before, nothing to count, or refused: search again)."""
        key = (text, languages)
        with self._lock:
            parsed = self._parsed.get(key)
            if parsed is not None:
                self._parsed.move_to_end(key)
                return parsed, None
        terms = ParsingTerms(self)
        parsed = parse_query(text, _schema(), terms, languages)  # every variant kept
        variants = sorted(_variants(parsed.query))
        answer = None
        if variants:  # again, knowing which variants the index holds
            extra = [body_of(parsed)] if body_of else []
            counted, answers = self._frequencies(variants, languages, extra)
            terms.known.update(counted)
            answer = answers[0] if answers and "error" not in answers[0] else None
            parsed = parse_query(text, _schema(), terms, languages)
        with self._lock:
            self._parsed[key] = parsed
            while len(self._parsed) > PARSED_KEPT:
                self._parsed.popitem(last=False)
        return parsed, answer and self._checked(answer)

    def text_frequencies(self, terms: list[str], languages: tuple[str, ...]) -> dict[str, int]:
        """In how many passages each term is in the text (any language's field)."""
        counted = self.frequencies([("text", term) for term in terms], languages)
        return {term: count for (_, term), count in counted.items()}

    def frequencies(
        self, pairs: list[tuple[str, str]], languages: tuple[str, ...]
    ) -> dict[tuple[str, str], int]:
        """In how many passages each (field, term) is: one multi-search for all of them."""
        return self._frequencies(pairs, languages, [])[0]

    def _frequencies(
        self, pairs: list[tuple[str, str]], languages: tuple[str, ...], extra: list[Any]
    ) -> tuple[dict[tuple[str, str], int], list[Any]]:
        """``frequencies``, and the answers to the ``extra`` searches sent with them."""
        if not pairs and not extra:
            return {}, []
        translator = Translator(languages)
        bodies = [{"size": 0, "track_total_hits": True,
                   "query": translator.query(whoosh_query.Term(fieldname, term))}
                  for fieldname, term in pairs]  # fmt: skip
        responses = self._msearch([*bodies, *extra])
        counted = {
            pair: int(response.get("hits", {}).get("total", {}).get("value", 0))
            for pair, response in zip(pairs, responses, strict=False)
        }
        return counted, responses[len(pairs) :]

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


def _variants(query: Any) -> set[tuple[str, str]]:
    """The (field, term) pairs of a parsed query's words and phrases: what the parser
    asks the index's frequencies of (``query.parse._existing``)."""
    found: set[tuple[str, str]] = set()
    for leaf in query.leaves():
        if isinstance(leaf, whoosh_query.Phrase) and leaf.fieldname in SEARCHED_FIELDS:
            found.update((leaf.fieldname, str(word)) for word in leaf.words)
        elif (
            isinstance(leaf, whoosh_query.Term)
            and not isinstance(leaf, whoosh_query.FuzzyTerm)
            and leaf.fieldname in SEARCHED_FIELDS
        ):
            word = leaf.text.decode("utf-8") if isinstance(leaf.text, bytes) else str(leaf.text)
            found.add((leaf.fieldname, word))
    return found
