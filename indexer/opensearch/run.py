"""One search on the cluster, answered as the local index answers it (``SearchResult``):
our parser, our snippets (the stored text highlighted by ``indexer.search.highlight``,
so the markup and its escaping are ours), the cluster's matching, counting and order."""

from __future__ import annotations

from typing import Any

from indexer.contract.request import SearchRequest
from indexer.contract.results import Hit, PostHits, SearchResult
from indexer.query.parsed import ParsedQuery
from indexer.search.views import hit_view

from .body import post_matches_body, search_body
from .connection import Connection
from .facets import Spellings, commonest, facet_counts, shown_keys, spellings_body
from .suggest import suggest_on_cluster
from .translate import MATCH_ALL, Dsl, Translator

SUGGEST_AT_MOST = 5  # as indexer.search.run: "did you mean" only for tiny results
PROXIMITY_WINDOW = 300  # as PROXIMITY_CANDIDATES: the best this many by score are re-ranked


class ClusterRun:
    """One request: parsed once, sent, answered."""

    def __init__(self, connection: Connection, request: SearchRequest, timeout_ms: int | None):
        self.connection = connection
        self.request = request
        self.timeout_ms = timeout_ms
        self.languages = connection.languages()
        self.translator = Translator(self.languages)
        self.parsed: ParsedQuery | None = None
        self.first_answer: Any = None  # the search, when sent with the parse's counts
        if request.query.strip():
            self.parsed, self.first_answer = connection.parse_searching(
                request.query, self.languages, self._first_body
            )
        self.warnings: list[str] = list(self.parsed.warnings) if self.parsed else []

    def sort(self) -> str:
        sort = self.request.effective_sort
        if sort == "relevance" and not (self.parsed and self.parsed.scored):
            sort = "oldest"
        return sort

    def text_query(self) -> Dsl:
        return MATCH_ALL if self.parsed is None else self.translator.query(self.parsed.query)

    def _first_body(self, parsed: ParsedQuery) -> Dsl:
        """The search's body for the query as first parsed (sort and rescore read it)."""
        self.parsed = parsed
        return self._body(self.text_query())

    def _relaxed_query(self) -> Dsl | None:
        relaxed = self.parsed.relaxed() if self.parsed else None
        if relaxed is None:
            return None
        words, minimum = relaxed
        self.warnings.append(
            f"no passage has all {len(words)} words; passages with at least {minimum} "
            "of them are shown, those with most first"
        )
        return self.translator.at_least(words, minimum)

    def _body(self, text: Dsl) -> Dsl:
        body = search_body(self.request, text, self.sort(), self.timeout_ms)
        if self.parsed is not None:
            body["track_scores"] = True  # a score beside each hit, whatever the order
        proximity = self.parsed.proximity if self.parsed else None
        if proximity is not None and self.sort() == "relevance" and "collapse" not in body:
            phrase = self.translator.query(proximity)
            body["rescore"] = {"window_size": PROXIMITY_WINDOW, "query": {
                "rescore_query": {"constant_score": {"filter": phrase, "boost": 3.0}},
                "score_mode": "multiply"}}  # fmt: skip
            del body["sort"]  # a rescored page is in score order (ties: the cluster's)
        return body

    def run(self) -> SearchResult:
        text = self.text_query()
        answer = self.first_answer or self.connection.search(self._body(text))
        if answer["aggregations"]["base"]["doc_count"] == 0:
            relaxed = self._relaxed_query()
            if relaxed is not None:
                text = relaxed
                answer = self.connection.search(self._body(text))
        total = int(answer["hits"]["total"]["value"])
        found = answer["hits"]["hits"]
        grouped = self.request.group == "post"
        pages = [self._hits(hit["inner_hits"]["best"]["hits"]["hits"]) for hit in found] if (
            grouped) else [self._hits(found)]  # fmt: skip
        hits = [hit for page in pages for hit in page]
        post_matches, spellings = self._second_pass(text, hits, answer["aggregations"])
        groups = None
        if grouped:  # a post's matches: its passages in the whole match set
            groups = [
                PostHits(page[0].post_id, page, sum(post_matches[page[0].post_id].values()))
                for page in pages
            ]
        suggestion = None
        if self.parsed is not None and total <= SUGGEST_AT_MOST:
            suggestion = suggest_on_cluster(self.connection, self.request.query,
                                            self.parsed.words, self.languages)  # fmt: skip
        facets, truncated = facet_counts(answer["aggregations"], self.request, spellings)
        return SearchResult(
            request=self.request,
            sorted_by=self.sort(),
            parsed_query=self.parsed.describe() if self.parsed else "<every passage>",
            total=total,
            total_posts=int(answer["aggregations"]["final"]["posts"]["value"]),
            hits=hits,
            facets=facets,
            facets_truncated=truncated,
            suggestion=suggestion,
            warnings=list(self.warnings),
            post_matches=post_matches,
            groups=groups,
        )

    def _second_pass(
        self, text: Dsl, hits: list[Hit], aggs: Any
    ) -> tuple[dict[str, dict[str, int]], dict[str, Spellings]]:
        """What the first answer decides, in one multi-search: the page's posts' matches
        per section, and the shown facet keys' spellings, as the whole index writes them."""
        posts = list(dict.fromkeys(hit.post_id for hit in hits))
        shown = shown_keys(aggs)
        bodies = [post_matches_body(text, self.request, posts)] if posts else []
        if any(shown.values()):
            bodies.append(spellings_body(shown))
        answers = self.connection.msearch(bodies)
        counted = _post_matches(answers[0], posts) if posts else {}
        spellings = {}
        if any(shown.values()):
            spellings = commonest(answers[-1].get("aggregations", {}), shown)
        return counted, spellings

    def _hits(self, found: list[Any]) -> list[Hit]:
        terms = self.parsed.highlight_terms() if self.parsed else frozenset()
        phrases = self.parsed.highlight_phrases() if self.parsed else frozenset()
        expanding = self.parsed.expanding() if self.parsed else []
        names = self.parsed.highlight_names() if self.parsed else frozenset()
        return [self._hit(hit, terms, phrases, expanding, names) for hit in found]

    def _hit(
        self,
        found: Any,
        terms: frozenset[str],
        phrases: frozenset[tuple[str, ...]],
        expanding: list[Any],
        names: frozenset[str] = frozenset(),
    ) -> Hit:
        score = found.get("_score")  # none without a query, as the local index
        rounded = None if self.parsed is None or score is None else round(float(score), 4)
        return hit_view(found["_source"], terms, phrases, rounded, expanding, names)


def _post_matches(answer: Any, posts: list[str]) -> dict[str, dict[str, int]]:
    counted = {
        bucket["key"]: dict(
            sorted((b["key"], int(b["doc_count"])) for b in bucket["sections"]["buckets"])
        )
        for bucket in answer["aggregations"]["posts"]["buckets"]
    }
    return {post_id: counted.get(post_id, {}) for post_id in posts}
