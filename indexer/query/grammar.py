"""The Whoosh query parser as this project configures it, one per schema.

Making a parser (its plugins, their taggers) was ~10% of a query's first parse, and a
parser keeps no state from one parse to the next: so it is made once per schema and
query group, and shared (threads included).
"""

from __future__ import annotations

from typing import Any

from whoosh import qparser

from indexer.query.parsed import NAME_FIELD, TEXT_FIELDS

# Chosen by the known-item evaluation (docs/language.md): a name or title word counts
# less than the same word in the text, but enough to find a person's comments first.
FIELD_WEIGHTS = {"text": 1.0, "title_words": 2.0, NAME_FIELD: 0.5}
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


def _new_parser(schema: Any, group: Any) -> Any:
    fields = [*TEXT_FIELDS, NAME_FIELD]
    parser = qparser.MultifieldParser(fields, schema, fieldboosts=FIELD_WEIGHTS, group=group)
    for plugin in (qparser.RangePlugin, qparser.SingleQuotePlugin, qparser.EveryPlugin):
        parser.remove_plugin_class(plugin)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.PlusMinusPlugin())  # "-word" excludes, "+word" requires
    return parser
