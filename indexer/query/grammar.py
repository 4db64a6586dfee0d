"""The Whoosh query parser as this project configures it, one per schema.

Making a parser (its plugins, their taggers) was ~10% of a query's first parse, and a
parser keeps no state from one parse to the next: so it is made once per schema and
query group, and shared (threads included). The commonest query, lowercase words, is
built without the parser's tagging of the text (``plain_words``).
"""

from __future__ import annotations

import re
from typing import Any

from whoosh import qparser
from whoosh import query as whoosh_query

from indexer.query.parsed import NAME_FIELD, TEXT_FIELDS

# Chosen by the known-item evaluation (docs/language.md): a name or title word counts
# less than the same word in the text, but enough to find a person's comments first.
FIELD_WEIGHTS = {"text": 1.0, "title_words": 2.0, NAME_FIELD: 0.5}
_FIELDS = (*TEXT_FIELDS, NAME_FIELD)  # searched by plain words, in the parser's order
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")  # lowercase ASCII words: no operator
_PHRASE = re.compile(r'"[a-z0-9]+(?: [a-z0-9]+)+"')  # such words quoted: one phrase
_KEPT = 8  # schemas (index generations) whose parsers are kept
# (id(schema), group) -> (schema, parser): the schema is held, so its id is not reused.
_PARSERS: dict[tuple[int, Any], tuple[Any, Any]] = {}


def query_parser(schema: Any, group: Any = qparser.AndGroup) -> Any:
    """The parser of ``schema``'s searched fields, words joined by ``group``."""
    known = _PARSERS.get((id(schema), group))
    if known is None or known[0] is not schema:
        if len(_PARSERS) >= _KEPT:
            _PARSERS.clear()
        known = _PARSERS[(id(schema), group)] = (schema, _new_parser(schema, group))
    return known[1]


def plain_words(schema: Any, text: str) -> Any:
    """``query_parser(schema).parse(text)`` for lowercase ASCII words and digits between
    single spaces, or such words (two or more) as one quoted phrase, built as the parser
    builds them (its own ``term_query``, the fields' tokens for a phrase): the parser's
    tagging of the text was most of a first query's parse. None for any other text (the
    parser reads that)."""
    if _PHRASE.fullmatch(text):
        return _phrase(schema, text)
    if not _PLAIN.fullmatch(text):
        return None
    parser = query_parser(schema)
    groups, start = [], 0
    for word in text.split(" "):
        terms = [
            parser.term_query(field, word, whoosh_query.Term, boost=FIELD_WEIGHTS[field])
            for field in _FIELDS
        ]
        if not all(isinstance(term, whoosh_query.Term) for term in terms):
            return None  # a word an analyzer drops or splits: as the parser groups it
        for term in terms:  # where the parser says the word was typed
            term.startchar, term.endchar = start, start + len(word)
        groups.append(whoosh_query.Or(terms))
        start += len(word) + 1
    built = groups[0] if len(groups) == 1 else whoosh_query.And(groups)
    return built.normalize()


def _phrase(schema: Any, text: str) -> Any:
    """The parser's query for ``"word word ..."``: the phrase in each searched field,
    its words as the field tokenizes them, with their places in the text."""
    phrases = []
    for field in _FIELDS:
        words, places = [], []
        for token in schema[field].tokenize(text[1:-1], mode="query", chars=True):
            words.append(token.text)
            places.append((1 + token.startchar, 1 + token.endchar))  # after the quote
        phrases.append(
            whoosh_query.Phrase(
                field, words, slop=1, boost=FIELD_WEIGHTS[field], char_ranges=places
            )
        )
    return whoosh_query.Or(phrases).normalize()


def _new_parser(schema: Any, group: Any) -> Any:
    parser = qparser.MultifieldParser(list(_FIELDS), schema, fieldboosts=FIELD_WEIGHTS, group=group)
    for plugin in (qparser.RangePlugin, qparser.SingleQuotePlugin, qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())  # "-word" excludes, "+word" requires
    return parser
