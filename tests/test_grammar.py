"""Plain words and plain quoted phrases are built as Whoosh's parser builds them
(``grammar.plain_words``): the same query tree, attribute for attribute, for every query
of the benchmark's mix and for the sample archive's words, alone, in runs and quoted;
anything else is left to the parser."""

from __future__ import annotations

import re
from typing import Any

import pytest

from indexer import ArchiveIndex
from indexer.query.grammar import plain_words, query_parser
from tests.benchmark.generate import Generator
from tests.benchmark.queries import query_mix
from tests.paths import SAMPLE


def _texts() -> list[str]:
    """The mix's queries (phrases among them), the sample page's words (stop words and
    numbers among them) alone, in runs of one to four, and quoted runs of two to four."""
    mix = [spec.text for spec in query_mix(Generator(1), 400) if spec.text]
    words = re.findall(r"[a-z0-9]+", SAMPLE.read_text(encoding="utf-8").lower())
    runs = [" ".join(words[start : start + 1 + start % 4]) for start in range(0, 1200, 3)]
    quoted = [f'"{" ".join(words[start : start + 2 + start % 3])}"' for start in range(0, 900, 2)]
    return mix + sorted(set(words)) + runs + quoted


def _tree(query: Any) -> Any:
    """A query as its class and every attribute, subqueries as trees too."""
    attributes = {
        name: [_tree(child) for child in value] if name == "subqueries" else value
        for name, value in vars(query).items()
    }
    return type(query).__name__, attributes


def test_plain_words_are_the_parsers_query(sample_index: ArchiveIndex) -> None:
    built = phrases = 0
    with sample_index._searcher() as searcher:
        schema = searcher.schema
        parser = query_parser(schema)
        for text in _texts():
            query = plain_words(schema, text)
            if query is not None:
                assert _tree(query) == _tree(parser.parse(text)), text
                built += 1
                phrases += text.startswith('"')
    assert built > 1000
    assert phrases > 400


@pytest.mark.parametrize(
    "text",
    ["Police", "police AND vice", "vice -police", "police  vice", " police", "café", "e-mail",
     "polic*", "vice~", '"vice"', '"vice squad', '"Vice squad"', '"vice squad" police',
     "title:police", "police OR vice", ""],
)  # fmt: skip
def test_other_text_is_left_to_the_parser(sample_index: ArchiveIndex, text: str) -> None:
    with sample_index._searcher() as searcher:
        assert plain_words(searcher.schema, text) is None
