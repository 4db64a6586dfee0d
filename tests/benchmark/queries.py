"""The fixed, seeded query mix: 10 kinds x 30 queries, the same for both engines.

Besides the kinds a faceted archive invites (browse, multi-select), the mix holds the
kinds an outside measurement asks (issue 23): common and rare words, two-word AND, a
section filter, a date range, and phrases of two common words that the text seldom
holds side by side (``"police enforcement"``: every passage with both words is a
candidate, few hold the phrase), beside phrases taken from the text (two and three
words). ``INDEPENDENT_KINDS`` is that outside mix: ``make bench`` reports it apart.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

from indexer import SearchRequest, build_request
from tests.benchmark.generate import CATEGORIES, FIRST_DAY, Generator, Quote
from tests.benchmark.vocabulary import HEAD_WORDS

KINDS = (
    "common",
    "rare",
    "and2",
    "phrase",
    "phrase_common",
    "phrase3",
    "section",
    "daterange",
    "browse",
    "multiselect",
)
# The kinds of the outside measurement (issue 23), phrases as it asked them.
INDEPENDENT_KINDS = ("common", "rare", "and2", "phrase_common", "section", "daterange")
PER_KIND = 30
SECTIONS = ("post", "quote", "comment", "pingback")
YEARS = [str(FIRST_DAY.year + offset) for offset in range(15)]


@dataclass(frozen=True)
class QuerySpec:
    kind: str
    text: str = ""  # our query syntax; only words and one "phrase" are used
    sections: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    year: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    words: tuple[str, ...] = field(default=(), compare=False)  # plain words, for FTS5
    phrase: tuple[str, ...] = field(default=(), compare=False)

    def request(self) -> SearchRequest:
        return build_request(
            self.text,
            section=self.sections,
            author=self.authors,
            category=self.categories,
            year=self.year,
            date_from=self.date_from,
            date_to=self.date_to,
        )

    def http_params(self) -> list[tuple[str, str]]:
        params = [("q", self.text)] if self.text else []
        params += [("section", value) for value in self.sections]
        params += [("author", value) for value in self.authors]
        params += [("category", value) for value in self.categories]
        for name, value in (("year", self.year), ("from", self.date_from), ("to", self.date_to)):
            if value:
                params.append((name, value))
        return params

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value}


def _ranked(generator: Generator, low: int, high: int) -> list[str]:
    """Pseudo-words by frequency rank (0 = most frequent), head words left out."""
    words = generator.words.items[len(HEAD_WORDS) :]
    return list(words[low:high])


def _phrase(
    generator: Generator, chooser: random.Random, posts: int, length: int = 2
) -> tuple[str, ...]:
    """``length`` adjacent pseudo-words from a real paragraph of the archive: phrases
    that match."""
    while True:
        post = generator.post(chooser.randrange(posts))
        paragraphs = [block for block in post.body if not isinstance(block, Quote)]
        words = chooser.choice(paragraphs).rstrip(".?!").lower().split()
        runs = [
            tuple(words[start : start + length])
            for start in range(len(words) - length + 1)
            if _plain(words[start : start + length])
        ]
        if runs:
            return chooser.choice(runs)


def _plain(words: list[str]) -> bool:
    """Distinct pseudo-words (no head word, no punctuation): each its own stem."""
    return len(set(words)) == len(words) and all(
        word.isalpha() and word not in HEAD_WORDS for word in words
    )


def query_mix(generator: Generator, posts: int, seed: int = 7) -> list[QuerySpec]:
    chooser = random.Random(f"queries:{seed}")
    # The kinds added later draw from their own stream: the others' queries stay as they were.
    added = random.Random(f"queries-added:{seed}")
    common, mid = _ranked(generator, 0, 40), _ranked(generator, 40, 600)
    pairs, rare = _ranked(generator, 100, 2000), _ranked(generator, 12000, 40000)
    commenters = list(generator.commenters.items[:40])
    specs: list[QuerySpec] = []

    def years_span() -> tuple[str, str]:
        start = chooser.randrange(len(YEARS) - 3)
        return f"{YEARS[start]}-{chooser.randint(1, 12):02d}", YEARS[start + chooser.randint(1, 3)]

    for _ in range(PER_KIND):
        word = chooser.choice(common)
        specs.append(QuerySpec("common", word, words=(word,)))
        word = chooser.choice(rare)
        specs.append(QuerySpec("rare", word, words=(word,)))
        first, second = chooser.sample(pairs, 2)
        specs.append(QuerySpec("and2", f"{first} {second}", words=(first, second)))
        phrase = _phrase(generator, chooser, posts)
        specs.append(QuerySpec("phrase", f'"{" ".join(phrase)}"', phrase=phrase))
        # Two common words, not taken from the text: side by side in few of the many
        # passages holding both (the outside measurement's slowest kind).
        phrase = tuple(added.sample(common, 2))
        specs.append(QuerySpec("phrase_common", f'"{" ".join(phrase)}"', phrase=phrase))
        phrase = _phrase(generator, added, posts, length=3)
        specs.append(QuerySpec("phrase3", f'"{" ".join(phrase)}"', phrase=phrase))
        word = chooser.choice(mid)
        section = (chooser.choice(SECTIONS),)
        specs.append(QuerySpec("section", word, sections=section, words=(word,)))
        word = chooser.choice(mid)
        start, stop = years_span()
        specs.append(QuerySpec("daterange", word, date_from=start, date_to=stop, words=(word,)))
        style = chooser.randrange(3)
        if style == 0:
            browse = QuerySpec(
                "browse", year=chooser.choice(YEARS), sections=(chooser.choice(SECTIONS),)
            )
        elif style == 1:
            browse = QuerySpec("browse", authors=(chooser.choice(commenters),))
        else:
            browse = QuerySpec(
                "browse", categories=(chooser.choice(CATEGORIES),), year=chooser.choice(YEARS)
            )
        specs.append(browse)
        word = chooser.choice(common + mid[:100])
        specs.append(
            QuerySpec(
                "multiselect",
                word,
                sections=("comment", "quote"),
                authors=tuple(chooser.sample(commenters, 3)),
                categories=tuple(chooser.sample(CATEGORIES, 2)),
                words=(word,),
            )
        )
    chooser.shuffle(specs)
    return specs
