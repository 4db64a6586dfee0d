"""What a parsed query is: the Whoosh query and what the search and its snippets
need from it (the words to mark, the phrases, what was not required, why)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from whoosh import query as whoosh_query

TEXT_FIELDS = ("title_words", "text")  # stemmed per language
NAME_FIELD = "author_words"  # names: folded, never stemmed
# A query of this many plain words or more that nothing matches in full is retried for
# passages that hold this share of them (known-item evaluation, docs/language.md).
RELAX_FROM = 3
RELAX_SHARE = 2 / 3


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query, shared across threads through the snapshot's cache: frozen, its
    lists tuples (the Whoosh query inside is never changed after parsing)."""

    query: Any  # a whoosh.query.Query
    warnings: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()  # the index's languages, each word was stemmed in
    scored: bool = True  # False for a query of only exclusions: nothing to rank by
    # Plain words typed in a row, as a phrase (in every language): passages holding them
    # in that order rank higher (see PROXIMITY_FACTOR). None for other queries.
    proximity: Any = None
    common: tuple[str, ...] = ()  # stop words typed: not required

    def highlight_terms(self) -> frozenset[str]:
        """Text terms to mark wherever they occur (stems; prefixes and fuzzy terms arrive
        expanded); phrase words and excluded words are not among them."""
        terms: set[str] = set()
        for node in _positive_leaves(self.query):
            if isinstance(node, whoosh_query.Term) and node.fieldname in TEXT_FIELDS:
                terms.add(_text(node.text))
        return frozenset(terms)

    def highlight_phrases(self) -> frozenset[tuple[str, ...]]:
        """Phrases to mark where their words occur in sequence (each language's stems)."""
        return frozenset(
            tuple(_text(word) for word in node.words)
            for node in _positive_leaves(self.query)
            if isinstance(node, whoosh_query.Phrase) and node.fieldname in TEXT_FIELDS
        )

    def highlight_names(self) -> frozenset[str]:
        """Name words the query looks for in authors (plain words and ``author:``)."""
        names: set[str] = set()
        for node in _positive_leaves(self.query):
            if getattr(node, "fieldname", None) == NAME_FIELD:
                words = node.words if isinstance(node, whoosh_query.Phrase) else [node.text]
                names.update(_text(word) for word in words)
        return frozenset(names)

    def expanding(self) -> list[Any]:
        """Prefix and fuzzy text words left unexpanded for an index that expands them
        itself (a cluster: ``ParsingTerms.expands_itself``); the highlighter then marks
        the words they match passage by passage (``highlight.passage_terms``)."""
        return [
            node
            for node in _positive_leaves(self.query)
            if isinstance(node, whoosh_query.Prefix | whoosh_query.FuzzyTerm)
            and node.fieldname in TEXT_FIELDS
        ]

    def relaxed(self) -> tuple[list[Any], int] | None:
        """For a plain list of at least RELAX_FROM words: the words, and how many of them
        a passage must hold when none holds them all (None: never relaxed)."""
        query = self.query
        if not self.scored or not isinstance(query, whoosh_query.And):
            return None
        words = list(query.subqueries)
        if len(words) < RELAX_FROM or not all(_is_word(word) for word in words):
            return None
        return words, max(2, math.ceil(len(words) * RELAX_SHARE))

    def describe(self) -> str:
        """The query as searched, with the languages its words were stemmed in."""
        every = isinstance(self.query, whoosh_query.Every)
        text = "<every passage>" if every else str(self.query)
        if len(self.languages) > 1:
            text += f"  [each word in the index's {len(self.languages)} languages: "
            text += ", ".join(self.languages) + "]"
        if self.common:
            text += f"  [common words, not required: {', '.join(self.common)}]"
        return text


def _is_word(node: Any) -> bool:
    """A plain word: one term, or the OR of its fields and languages."""
    if isinstance(node, whoosh_query.Term):
        return True
    return isinstance(node, whoosh_query.Or) and all(
        isinstance(child, whoosh_query.Term) for child in node.subqueries
    )


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _positive_leaves(node: Any) -> Any:
    """Leaves that make a document match, not those that exclude it."""
    if isinstance(node, whoosh_query.Not):
        return
    if isinstance(node, whoosh_query.AndNot):
        yield from _positive_leaves(node.a)
        return
    if isinstance(node, whoosh_query.Phrase) or node.is_leaf():
        yield node
        return
    for child in node.children():
        yield from _positive_leaves(child)
