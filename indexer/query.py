"""Turn a user's query into a Whoosh query, with warnings for what was changed.

The default operator is AND; ``OR``, ``NOT``/``-``, ``"phrases"``, ``title:``,
``author:``, ``section:``, trailing-star prefixes (3+ letters, expansion capped)
and ``word~`` fuzzy terms are understood. Anything Whoosh would silently drop
or reinterpret is repaired first (querytext.py) and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from whoosh import qparser
from whoosh import query as whoosh_query

from .analysis import stemmed_stop_words, text_analyzer
from .errors import QueryError
from .querytext import clean_query

TEXT_FIELDS = ("title_words", "text")
MAX_PREFIX_EXPANSION = 200
MAX_FUZZY_EXPANSION = 50


@dataclass
class ParsedQuery:
    query: Any  # a whoosh.query.Query
    warnings: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def highlight_terms(self) -> frozenset[str]:
        """Body terms to mark in snippets (stems; prefixes and fuzzy terms arrive expanded).

        Not ``Query.existing_terms``: in Whoosh 2.7.4 it reuses its ``fieldname``
        argument as a loop variable and silently drops later terms.
        """
        return frozenset(
            text.decode("utf-8") if isinstance(text, bytes) else text
            for fieldname, text in self.query.iter_all_terms(phrases=True)
            if fieldname in TEXT_FIELDS
        )


def _parser(schema: Any) -> Any:
    parser = qparser.MultifieldParser(
        list(TEXT_FIELDS), schema, fieldboosts={"title_words": 2.0}, group=qparser.AndGroup
    )
    for plugin in (qparser.RangePlugin, qparser.SingleQuotePlugin, qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())  # "-word" excludes, "+word" requires
    return parser


def _fallback(text: str) -> Any:
    """Plain AND of the analysed words, when the parser gives up."""
    words = [token.text for token in text_analyzer()(text)]
    if not words:
        return whoosh_query.NullQuery
    return whoosh_query.And(
        [whoosh_query.Or([whoosh_query.Term(name, word) for name in TEXT_FIELDS]) for word in words]
    )


def _expand(node: Any, reader: Any, warnings: list[str]) -> Any:
    """Prefixes and fuzzy terms become a capped OR of the index's own words, so a
    broad ``abc*`` cannot cost seconds."""
    if isinstance(node, whoosh_query.FuzzyTerm):
        words = list(reader.terms_within(node.fieldname, node.text, node.maxdist, prefix=1))
        words = sorted(words, key=lambda word: -reader.doc_frequency(node.fieldname, word))
        if len(words) > MAX_FUZZY_EXPANSION:
            warnings.append(f"{node.text}~ matches many words; the {MAX_FUZZY_EXPANSION} "
                            "most frequent were searched")  # fmt: skip
        return _or_of_terms(node.fieldname, words[:MAX_FUZZY_EXPANSION], node.boost)
    if isinstance(node, whoosh_query.Prefix):
        words = []
        for word in reader.expand_prefix(node.fieldname, node.text):
            if len(words) == MAX_PREFIX_EXPANSION:
                if node.fieldname == "text":
                    warnings.append(
                        f"{node.text}* matches more than {MAX_PREFIX_EXPANSION} words; "
                        f"the first {MAX_PREFIX_EXPANSION} were searched: add letters to narrow it"
                    )
                break
            words.append(word.decode("utf-8") if isinstance(word, bytes) else word)
        return _or_of_terms(node.fieldname, words, node.boost)
    if isinstance(node, whoosh_query.Wildcard):  # querytext only lets "abc*" through
        return whoosh_query.NullQuery
    if node.is_leaf():
        return node
    return node.apply(lambda child: _expand(child, reader, warnings))


def _or_of_terms(fieldname: str, words: list[str], boost: float) -> Any:
    if not words:
        return whoosh_query.NullQuery
    return whoosh_query.Or([whoosh_query.Term(fieldname, word) for word in words], boost=boost)


def _is_stop_word_group(node: Any, stop_words: frozenset[str]) -> bool:
    """A bare word like "the" (an OR of the same term over title and text)."""
    if isinstance(node, whoosh_query.Term):
        return node.fieldname in TEXT_FIELDS and node.text in stop_words
    if isinstance(node, whoosh_query.Or) and node.subqueries:
        return all(_is_stop_word_group(child, stop_words) for child in node.subqueries)
    return False


def _drop_stop_words(node: Any) -> Any:
    """Stop words are indexed (so phrases stay exact) but not required as plain words."""
    if isinstance(node, whoosh_query.And):
        stop_words = stemmed_stop_words()
        kept = [child for child in node.subqueries if not _is_stop_word_group(child, stop_words)]
        if kept and len(kept) < len(node.subqueries):
            node = whoosh_query.And(kept, boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(_drop_stop_words)


def parse_query(text: str, schema: Any, reader: Any) -> ParsedQuery:
    """Parse ``text``; raises QueryError when nothing searchable is left."""
    cleaned = clean_query(text)
    warnings = list(cleaned.warnings)
    if not cleaned.text.strip():
        raise QueryError(
            f"nothing to search in {text.strip()[:80]!r}: type at least one word "
            "(wildcards need 3 letters before the *)"
        )
    try:
        parsed = _parser(schema).parse(cleaned.text)
    except Exception:  # Whoosh 2.7.4 raises IndexError etc. on some inputs
        warnings.append("the query could not be parsed; its words were searched instead")
        parsed = _fallback(cleaned.text)
    parsed = _drop_stop_words(_expand(parsed, reader, warnings)).normalize()
    if parsed is whoosh_query.NullQuery or isinstance(parsed, type(whoosh_query.NullQuery)):
        fallback = _fallback(cleaned.text)
        if fallback is whoosh_query.NullQuery:
            return ParsedQuery(whoosh_query.NullQuery, warnings, cleaned.words)
        parsed = fallback
    return ParsedQuery(parsed, warnings, cleaned.words)
