"""Turn a user's query into a Whoosh query, with warnings for what was changed.

The default operator is AND; ``OR``, ``NOT``/``-``, ``"phrases"``, ``title:``,
``author:``, ``section:``, ``language:``, trailing-star prefixes (3+ letters,
expansion capped) and ``word~`` fuzzy terms are understood. Anything Whoosh would
silently drop or reinterpret is repaired first (querytext.py) and reported.

Plain words search the text, the post's title and the author's name (weighted in that
order, FIELD_WEIGHTS). Words are parsed unstemmed, then each becomes the OR of its stems
in every language the index holds (a passage was stemmed in its own language), so one
query finds "Polizei" in a German post and "policing" in an English one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from whoosh import qparser
from whoosh import query as whoosh_query

from indexer.analysis.analyzers import index_term, is_stop_word, text_analyzer
from indexer.errors import QueryError
from indexer.query.grammar import FIELD_WEIGHTS as FIELD_WEIGHTS  # re-exported
from indexer.query.grammar import plain_words, query_parser
from indexer.query.parsed import TEXT_FIELDS, ParsedQuery, _text
from indexer.query.words import clean_query

# A passage holding the typed words in the typed order scores this many times more; only
# computed for match sets up to PROXIMITY_LIMIT passages (positions are read in Python).
PROXIMITY_FACTOR = 3.0
PROXIMITY_LIMIT = 2000
# ...and only among the best this many by BM25 (positions for 300 passages, not 2,000):
# one further down rarely reaches a shown page even boosted (known-item evaluation
# unchanged, docs/performance.md).
PROXIMITY_CANDIDATES = 300
MAX_PREFIX_EXPANSION = 200
MAX_FUZZY_EXPANSION = 50


def _fallback(text: str) -> Any:
    """Plain AND of the words, when the parser gives up."""
    words = [token.text for token in text_analyzer()(text)]
    if not words:
        return whoosh_query.NullQuery
    return whoosh_query.And(
        [
            whoosh_query.Or(
                [whoosh_query.Term(name, word, boost=FIELD_WEIGHTS[name]) for name in FIELD_WEIGHTS]
            )
            for word in words
        ]
    )


def _in_languages(node: Any, languages: tuple[str, ...]) -> Any:
    """Each text word (parsed unstemmed) becomes the OR of its stems in ``languages``."""
    if isinstance(node, whoosh_query.Term | whoosh_query.FuzzyTerm) and (
        node.fieldname in TEXT_FIELDS
    ):
        stems = _stems(_text(node.text), languages)
        variants = [_with_text(node, stem) for stem in stems]
        return variants[0] if len(variants) == 1 else whoosh_query.Or(variants)
    if isinstance(node, whoosh_query.Phrase) and node.fieldname in TEXT_FIELDS:
        sequences = dict.fromkeys(
            tuple(_stems(_text(word), (language,))[0] for word in node.words)
            for language in languages
        )
        phrases = [
            whoosh_query.Phrase(node.fieldname, list(words), slop=node.slop, boost=node.boost)
            for words in sequences
        ]
        return phrases[0] if len(phrases) == 1 else whoosh_query.Or(phrases)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _in_languages(child, languages))


def _stems(word: str, languages: tuple[str, ...]) -> list[str]:
    stems = dict.fromkeys(index_term(word, language) or word for language in languages)
    return list(stems)


def _with_text(node: Any, text: str) -> Any:
    copy = node.copy()
    copy.text = text
    return copy


def _expand(node: Any, reader: Any, warnings: list[str]) -> Any:
    """Prefixes and fuzzy terms become a capped OR of the index's own words, so a
    broad ``abc*`` cannot cost seconds."""
    if getattr(reader, "expands_itself", False):
        if isinstance(node, whoosh_query.FuzzyTerm | whoosh_query.Prefix):
            return node  # a cluster expands them (capped the same: opensearch/translate.py)
        if node.is_leaf():
            return node
        return node.apply(lambda child: _expand(child, reader, warnings))
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


def _is_stop_word_group(node: Any, languages: tuple[str, ...]) -> bool:
    """A bare word like "the" (an OR of the same word over the searched fields)."""
    if isinstance(node, whoosh_query.Term):
        return node.fieldname in FIELD_WEIGHTS and is_stop_word(_text(node.text), languages)
    if isinstance(node, whoosh_query.Or) and node.subqueries:
        return all(_is_stop_word_group(child, languages) for child in node.subqueries)
    return False


def _drop_stop_words(node: Any, languages: tuple[str, ...], dropped: list[str]) -> Any:
    """Stop words are indexed (so phrases stay exact) but not required as plain words;
    ``dropped`` collects those let go (``--explain`` names them)."""
    if isinstance(node, whoosh_query.And):
        kept = [child for child in node.subqueries if not _is_stop_word_group(child, languages)]
        if kept and len(kept) < len(node.subqueries):
            for child in node.subqueries:
                if child in kept:
                    continue
                word = _text(next(iter(child.leaves())).text)  # a stop-word group: terms
                if word not in dropped:
                    dropped.append(word)
            node = whoosh_query.And(kept, boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _drop_stop_words(child, languages, dropped))


def index_languages(reader: Any) -> tuple[str, ...]:
    """The languages the index holds (English for an empty index)."""
    found = tuple(sorted(_text(code) for code in reader.lexicon("language")))
    return found or ("en",)


def _is_null(node: Any) -> bool:
    return node is whoosh_query.NullQuery or isinstance(node, type(whoosh_query.NullQuery))


def _prepare(
    parsed: Any,
    reader: Any,
    languages: tuple[str, ...],
    warnings: list[str],
    common: list[str] | None = None,
) -> Any:
    parsed = _drop_stop_words(parsed, languages, [] if common is None else common)
    expanded = _expand(_in_languages(parsed, languages), reader, warnings).normalize()
    return _existing(expanded, reader)


def _existing(node: Any, reader: Any) -> Any:
    """A word's variants (fields, languages' stems) that the index holds: each absent one
    would still cost a pass over the arrays. A word none of whose variants exists keeps
    one, so it still counts as a word (no match; the relaxed retry can do without it)."""
    if (
        isinstance(node, whoosh_query.Or)
        and node.subqueries
        and all(isinstance(child, whoosh_query.Term) for child in node.subqueries)
    ):
        kept = [
            child
            for child in node.subqueries
            if reader.doc_frequency(child.fieldname, child.text) > 0
        ]
        if len(kept) == len(node.subqueries):
            return node
        if len(kept) == 1:
            return kept[0]
        return whoosh_query.Or(kept or node.subqueries[:1], boost=node.boost)
    if (
        isinstance(node, whoosh_query.Or)
        and node.subqueries
        and all(isinstance(child, whoosh_query.Phrase) for child in node.subqueries)
    ):  # a phrase in each language's stems: those whose words all exist
        kept = [
            child
            for child in node.subqueries
            if all(reader.doc_frequency(child.fieldname, word) > 0 for word in child.words)
        ]
        return kept[0] if len(kept) == 1 else node if not kept else whoosh_query.Or(kept)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _existing(child, reader))


def parse_query(
    text: str, schema: Any, reader: Any, languages: tuple[str, ...] | None = None
) -> ParsedQuery:
    """Parse ``text``; raises QueryError when nothing searchable is left. ``languages``:
    the reader's ``index_languages``, when the caller keeps them per generation."""
    cleaned = clean_query(text)
    warnings = list(cleaned.warnings)
    if cleaned.addresses:
        return _with_addresses(cleaned, schema, reader, warnings)
    if not cleaned.text.strip():
        raise QueryError(
            f"nothing to search in {text.strip()[:80]!r}: type at least one word "
            "(wildcards need 3 letters before the *)"
        )
    languages = languages or index_languages(reader)
    if cleaned.only_negative:
        # Only exclusions: every passage but those, unranked (as filters alone list them).
        excluded = " OR ".join(f"({item})" for item in cleaned.excluded)
        try:
            parsed = query_parser(schema, qparser.OrGroup).parse(excluded)
        except Exception:
            parsed = _fallback(excluded)
        parsed = _prepare(parsed, reader, languages, warnings)
        warnings.append(
            f"only exclusions ({', '.join(cleaned.excluded)}): every passage without "
            "them is listed, as without a query (oldest first unless sorted otherwise)"
        )
        query = whoosh_query.Every() if _is_null(parsed) else whoosh_query.Not(parsed)
        return ParsedQuery(query, tuple(warnings), (), languages, scored=False)
    try:
        parsed = plain_words(schema, cleaned.text)
        if parsed is None:
            parsed = query_parser(schema).parse(cleaned.text)
    except Exception:  # Whoosh 2.7.4 raises IndexError etc. on some inputs
        warnings.append("the query could not be parsed; its words were searched instead")
        parsed = _fallback(cleaned.text)
    common: list[str] = []
    parsed = _prepare(parsed, reader, languages, warnings, common)
    if _is_null(parsed):
        fallback = _fallback(cleaned.text)
        if fallback is whoosh_query.NullQuery:
            return ParsedQuery(
                whoosh_query.NullQuery, tuple(warnings), tuple(cleaned.words), languages
            )
        parsed = _prepare(fallback, reader, languages, warnings, common)
    return ParsedQuery(
        parsed,
        tuple(warnings),
        tuple(cleaned.words),
        languages,
        proximity=_proximity(cleaned, languages),
        common=tuple(common),
    )


def _with_addresses(cleaned: Any, schema: Any, reader: Any, warnings: list[str]) -> ParsedQuery:
    """A query of nothing but links lists the passages of the posts at those addresses,
    in page order. Beside other words, or where nothing was published, a link is
    searched as words: a pasted sentence quoting a link must still find the passage
    that quotes it, and a site the text names (``www.heise.de``) is found in the text."""
    alone = not cleaned.text.strip()
    keys = [key for _, key in cleaned.addresses if alone and reader.doc_frequency("address", key)]
    if keys:
        for _, key in cleaned.addresses:
            if key not in keys:  # said, never silently dropped
                warnings.append(f"nothing in the index was published at {key}: left out")
        terms = [whoosh_query.Term("address", key) for key in dict.fromkeys(keys)]
        at = terms[0] if len(terms) == 1 else whoosh_query.Or(terms)
        # every passage scores 0: ties keep page order
        return ParsedQuery(at, tuple(warnings), (), index_languages(reader))
    text = cleaned.text
    for typed, key in cleaned.addresses:
        if alone:
            warnings.append(f"nothing in the index was published at {key}: searched as words")
        # its words as a phrase, without the scheme (text often quotes "www." alone)
        words = re.sub(r"^https?://", "", typed, flags=re.IGNORECASE)
        text += ' "' + re.sub(r"[:/?#&=]+", " ", words).strip() + '"'
    parsed = parse_query(text, schema, reader)
    return replace(parsed, warnings=(*warnings, *parsed.warnings))


def _proximity(cleaned: Any, languages: tuple[str, ...]) -> Any:
    """The typed words as a phrase, when the query is nothing but two or more words."""
    if len(cleaned.words) < 2 or cleaned.text.split() != cleaned.words:
        return None
    words = [token.text for token in text_analyzer()(" ".join(cleaned.words), mode="query")]
    if len(words) < 2:
        return None
    return _in_languages(whoosh_query.Phrase("text", words), languages)
