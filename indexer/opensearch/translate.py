"""Our parsed query (``indexer.query.parse``: a Whoosh query tree) as the cluster's
query DSL. The user's text never reaches the cluster as syntax: every word arrives
here already parsed, cleaned and stemmed by our parser, and leaves as the value of a
``term``, ``prefix``, ``fuzzy`` or ``span_term`` query (never ``query_string``).

A word of the text or title is one Whoosh term holding every language's stems; on
the cluster each language has its own field (``mapping.py``), so a term is asked of
each field the index's languages fill.
"""

from __future__ import annotations

from typing import Any

from whoosh import query as whoosh_query

from indexer.errors import QueryError
from indexer.query.parse import MAX_FUZZY_EXPANSION, MAX_PREFIX_EXPANSION
from indexer.query.parsed import TEXT_FIELDS

from .mapping import analyzed_field

Dsl = dict[str, Any]
MATCH_ALL: Dsl = {"match_all": {}}
MATCH_NONE: Dsl = {"match_none": {}}


def text_fields(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The analysed-field suffixes the index's languages fill (in a stable order)."""
    return tuple(sorted({analyzed_field(code) for code in languages}))


def _word(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class Translator:
    """Translates trees for an index whose passages are in ``languages``."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.suffixes = text_fields(languages)

    def fields(self, fieldname: str) -> list[str]:
        if fieldname in TEXT_FIELDS:
            return [f"{fieldname}_{suffix}" for suffix in self.suffixes]
        return [fieldname]

    def _each_field(self, fieldname: str, build: Any) -> Dsl:
        queries = [build(name) for name in self.fields(fieldname)]
        return queries[0] if len(queries) == 1 else {"bool": {"should": queries}}

    def query(self, node: Any) -> Dsl:
        boost = float(getattr(node, "boost", 1.0))
        if isinstance(node, whoosh_query.FuzzyTerm):
            return self._each_field(node.fieldname, lambda name: {"fuzzy": {name: {
                "value": _word(node.text), "fuzziness": int(node.maxdist), "prefix_length": 1,
                "max_expansions": MAX_FUZZY_EXPANSION, "boost": boost}}})  # fmt: skip
        if isinstance(node, whoosh_query.Term):
            return self._each_field(
                node.fieldname,
                lambda name: {"term": {name: {"value": _word(node.text), "boost": boost}}},
            )
        if isinstance(node, whoosh_query.Prefix):
            return self._each_field(node.fieldname, lambda name: {"prefix": {name: {
                "value": _word(node.text), "rewrite": f"top_terms_{MAX_PREFIX_EXPANSION}",
                "boost": boost}}})  # fmt: skip
        if isinstance(node, whoosh_query.Phrase):
            return self.phrase(node)
        if isinstance(node, whoosh_query.Every):
            return MATCH_ALL
        if node is whoosh_query.NullQuery or isinstance(node, type(whoosh_query.NullQuery)):
            return MATCH_NONE
        if isinstance(node, whoosh_query.Wildcard):
            return MATCH_NONE  # the parser lets only "abc*" (a Prefix) through
        if isinstance(node, whoosh_query.Not):
            return {"bool": {"filter": [MATCH_ALL], "must_not": [self.query(node.query)]}}
        if isinstance(node, whoosh_query.AndNot):
            return {"bool": {"must": [self.query(node.a)], "must_not": [self.query(node.b)],
                             "boost": boost}}  # fmt: skip
        if isinstance(node, whoosh_query.AndMaybe):
            return {"bool": {"must": [self.query(node.a)], "should": [self.query(node.b)],
                             "boost": boost}}  # fmt: skip
        if isinstance(node, whoosh_query.Require):
            return {"bool": {"must": [self.query(node.a)], "filter": [self.query(node.b)],
                             "boost": boost}}  # fmt: skip
        if isinstance(node, whoosh_query.DisjunctionMax):
            return {"dis_max": {"queries": [self.query(child) for child in node.subqueries],
                                "tie_breaker": float(node.tiebreak), "boost": boost}}  # fmt: skip
        if isinstance(node, whoosh_query.And):
            return self._and(node.subqueries, boost)
        if isinstance(node, whoosh_query.Or):
            return self.at_least(node.subqueries, 1, boost)
        raise QueryError(f"this query cannot be searched on the cluster ({type(node).__name__})")

    def _and(self, children: list[Any], boost: float) -> Dsl:
        must: list[Dsl] = []
        must_not: list[Dsl] = []
        for child in children:
            if isinstance(child, whoosh_query.Not):
                must_not.append(self.query(child.query))
            else:
                must.append(self.query(child))
        clauses: Dsl = {"must": must or [MATCH_ALL], "boost": boost}
        if must_not:
            clauses["must_not"] = must_not
        return {"bool": clauses}

    def at_least(self, children: list[Any], minimum: int, boost: float = 1.0) -> Dsl:
        """Passages matching ``minimum`` of ``children`` (an OR; the relaxed retry)."""
        should = [self.query(child) for child in children]
        return {"bool": {"should": should, "minimum_should_match": minimum, "boost": boost}}

    def phrase(self, node: Any) -> Dsl:
        """The words in sequence: a span query of the stems (Whoosh's slop 1 is adjacent)."""
        words = [_word(word) for word in node.words]

        def near(name: str) -> Dsl:
            if len(words) == 1:
                return {"term": {name: {"value": words[0], "boost": float(node.boost)}}}
            clauses = [{"span_term": {name: word}} for word in words]
            return {"span_near": {"clauses": clauses, "slop": max(0, int(node.slop) - 1),
                                  "in_order": True, "boost": float(node.boost)}}  # fmt: skip

        return self._each_field(node.fieldname, near)
