"""Malformed and special queries: never a traceback, always a warning or a clear error."""

from __future__ import annotations

import pytest

from indexer import ArchiveIndex, build_request
from indexer.errors import BadParameter, QueryError, QueryTooLong


def search(index: ArchiveIndex, text: str, **filters: object):  # type: ignore[no-untyped-def]
    return index.search(build_request(text, **filters))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "warning_part", "total"),
    [
        ('"vice squad', "unbalanced quote", 1),
        ("(vice squad", "unbalanced parenthesis", 1),
        ("vice squad)", "unbalanced parenthesis", 1),
        ("AND vice squad", "operator AND without terms", 1),
        ("vice squad OR", "operator OR without terms", 1),
        ("NOT NOT vice squad", "NOT NOT", 1),  # crashes Whoosh 2.7.4's parser when passed on
        ("nosuchfield:vice squad", "unknown field nosuchfield", 1),
        ("section:quotes vice", "section:quotes ignored", 1),
        ("*ice squad", "wildcard in '*ice' ignored", 0),
        ("v* squad", "wildcard in 'v*' ignored", 0),
        ("vice~9 squad", "fuzzy distance ~9 reduced to ~1 for a word of 4 letters", 1),
        ("attributed~9 vice", "fuzzy distance ~9 reduced to ~2", 1),
        # a 2-letter word with edits would be every word of up to 4 letters
        ("vice squad to~5", "~ ignored on 'to': a word of 2 letters is searched as written", 1),
        ("vice^abc squad", "boost ^abc ignored", 1),
        ("[vice TO squad]", "'[' is not part of the query language", 1),
    ],
)
def test_malformed_input_is_repaired_and_reported(
    sample_index: ArchiveIndex, text: str, warning_part: str, total: int
) -> None:
    result = search(sample_index, text)
    assert any(warning_part in warning for warning in result.warnings), result.warnings
    assert result.total == total


@pytest.mark.parametrize("text", ["AND", "OR NOT", "()", '""', "*", "-", ":", "?*", "^2"])
def test_nothing_searchable_is_a_clear_error(sample_index: ArchiveIndex, text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search"):
        search(sample_index, text)


def test_huge_query_is_rejected_with_its_length() -> None:
    with pytest.raises(QueryTooLong, match="1001 characters"):
        build_request("a" * 1001)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"month": "2012-13"}, "month must be YYYY-MM"),
        ({"date_from": "2012-02-30"}, "has no day 30"),
        ({"date_to": "yesterday"}, "to must be a date"),
        ({"date_from": "2013", "date_to": "2012"}, "is after to"),
        ({"sort": "best"}, "sort must be one of"),
        ({"page": "0"}, "page must be between 1"),
        ({"per_page": "1000"}, "per_page must be between 1 and 100"),
        ({"page": "abc"}, "page must be a whole number"),
        ({"section": ["quotes"]}, "section must be one of"),
    ],
)
def test_bad_parameters_say_why(filters: dict[str, object], message: str) -> None:
    with pytest.raises(BadParameter, match=message):
        build_request("x", **filters)  # type: ignore[arg-type]


def test_operators_phrases_fields(sample_index: ArchiveIndex) -> None:
    assert search(sample_index, "college park").total == 1
    assert search(sample_index, '"park college"').total == 0  # phrase order matters
    assert search(sample_index, '"college park"').total == 1
    assert search(sample_index, "vice OR college").total == 2
    assert search(sample_index, "police -vice").total == search(sample_index, "police").total - 1
    assert (
        search(sample_index, "police NOT vice").total == search(sample_index, "police -vice").total
    )
    assert search(sample_index, "author:bebopper76").total == 3
    assert search(sample_index, 'author:"Cristine Sardina"').total == 1
    assert search(sample_index, "section:pingback").total == 2
    assert search(sample_index, "title:patriarchy").total == 1  # the post's first passage


def test_stemming_accents_and_curly_quotes(sample_index: ArchiveIndex) -> None:
    assert search(sample_index, "policing").total == search(sample_index, "police").total
    assert search(sample_index, "“vice squad”").total == 1  # curly quotes make a phrase
    assert search(sample_index, "VICE Squad").total == 1


def test_stop_words_do_not_decide_matches_but_phrases_keep_them(
    sample_index: ArchiveIndex,
) -> None:
    assert search(sample_index, "the vice squad").total == 1
    assert search(sample_index, '"the vice squad"').total == 1
    assert search(sample_index, '"a vice squad"').total == 0


def test_prefix_needs_three_letters_and_is_capped(sample_index: ArchiveIndex) -> None:
    result = search(sample_index, "polic*")
    assert result.total == search(sample_index, "police").total
    assert result.warnings == []
    assert "<mark>" in result.hits[0].snippet


def test_fuzzy_finds_near_misses(sample_index: ArchiveIndex) -> None:
    assert search(sample_index, "squid~").total == 1


def test_did_you_mean_is_offered_not_applied(sample_index: ArchiveIndex) -> None:
    result = search(sample_index, "polise")
    assert result.total == 0
    assert result.suggestion == "police"
    assert search(sample_index, "police").suggestion is None


@pytest.mark.parametrize("word", ["then", "harm", "sheet", "think", "whose"])
def test_did_you_mean_never_corrects_a_word_that_matched(
    sample_index: ArchiveIndex, word: str
) -> None:
    # Each is in a passage of the sample, beside a close and far more common word
    # ("the", "have", "shit", "this", "who"): it was meant, not mistyped.
    result = search(sample_index, word)
    assert 1 <= result.total <= 5  # few enough for a suggestion to be looked for
    assert result.suggestion is None


def test_one_parser_per_schema_and_group_parses_as_a_new_one(sample_index: ArchiveIndex) -> None:
    """Parsers are shared (``grammar.query_parser``): each query, parsed after the others,
    is what a parser made for it alone gives; only exclusions join them by OR."""
    from indexer.query import grammar
    from indexer.query.parse import parse_query

    queries = ["police vice", "-vice -police", '"vice squad" -police', "police OR vice", "-vice"]
    with sample_index._searcher() as searcher:
        schema, reader = searcher.schema, searcher.reader()
        alone = []
        for text in queries:
            grammar._PARSERS.clear()
            alone.append(parse_query(text, schema, reader).query)
        shared = [parse_query(text, schema, reader).query for text in queries * 2]
        excluded = parse_query("-vice -police", schema, reader).describe()
    assert shared == alone * 2
    assert len(grammar._PARSERS) == 2  # AND of words, and OR of exclusions
    assert " OR " in excluded, excluded
