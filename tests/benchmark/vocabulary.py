"""A fixed, seeded vocabulary with Zipfian frequencies, and Zipfian name pools.

The head of the distribution is real English function words (as in real text,
many are stop words); the rest are pseudo-words built from syllables. Every
pseudo-word is its own stem under our analyzer, so no two of them conflate: a
single-word query then has exactly the same match set in archive-search and in
SQLite FTS5 (porter), which the smoke test relies on.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache

from indexer.analysis.analyzers import LanguageText, text_analyzer

_HEAD_TEXT = (
    "the of and to a in is it that was for on are with as i his they be at one have this "
    "from or had by not but what all were we when your can said there use an each which she "
    "do how their if will up other about out many then them these so some her would make "
    "like him into time has look two more write go see number no way could people my than "
    "first been call who its now find long down day did get come made may part"
)
HEAD_WORDS = tuple(_HEAD_TEXT.split())
ONSETS = (
    "b",
    "d",
    "f",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "gl",
    "kr",
    "pl",
    "st",
    "tr",
    "sk",
    "ch",
    "sh",
    "th",
)
VOWELS = ("a", "e", "i", "o", "u", "ai", "ou", "ea")
CODAS = ("", "", "", "n", "r", "m", "k", "t", "x", "nd", "lk")
ZIPF_EXPONENT = 1.07
ZIPF_OFFSET = 2.7  # Zipf-Mandelbrot: flattens the very top a little, as in real text


@dataclass(frozen=True)
class Zipf:
    """Items with Zipf-Mandelbrot weights by rank; ``sample`` is a bisect per draw."""

    items: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def over(cls, items: list[str], exponent: float = ZIPF_EXPONENT) -> Zipf:
        weights = (1.0 / (rank + ZIPF_OFFSET) ** exponent for rank in range(len(items)))
        return cls(tuple(items), tuple(itertools.accumulate(weights)))

    def sample(self, generator: random.Random, count: int) -> list[str]:
        return generator.choices(self.items, cum_weights=self.cumulative, k=count)

    def one(self, generator: random.Random) -> str:
        return self.sample(generator, 1)[0]


def _pseudo_word(generator: random.Random) -> str:
    syllables = generator.choice((2, 2, 3, 3, 3, 4))
    parts = [generator.choice(ONSETS) + generator.choice(VOWELS) for _ in range(syllables)]
    return "".join(parts) + generator.choice(CODAS)


def _is_own_stem(word: str) -> bool:
    return [token.text for token in text_analyzer()(LanguageText(word, "en"))] == [word]


@cache
def pseudo_words(count: int, seed: int) -> tuple[str, ...]:
    """``count`` distinct stem-stable pseudo-words, in rank order (deterministic)."""
    generator = random.Random(f"vocabulary:{seed}")
    seen = set(HEAD_WORDS)
    words: list[str] = []
    while len(words) < count:
        word = _pseudo_word(generator)
        if word not in seen and _is_own_stem(word):
            seen.add(word)
            words.append(word)
    return tuple(words)


@cache
def word_distribution(count: int, seed: int) -> Zipf:
    """Head words first, then pseudo-words: the rank order of the whole vocabulary."""
    return Zipf.over([*HEAD_WORDS, *pseudo_words(count, seed)])


@cache
def name_distribution(count: int, seed: int, exponent: float = 1.0) -> Zipf:
    """People's names ("Mira Tolkan", "zevik77"), a few very active, most seen once."""
    generator = random.Random(f"names:{seed}:{count}")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        style = generator.random()
        first = _pseudo_word(generator).capitalize()
        if style < 0.5:
            name = f"{first} {_pseudo_word(generator).capitalize()}"
        elif style < 0.8:
            name = f"{first.lower()}{generator.randrange(10, 100)}"
        else:
            name = first
        if name not in seen:
            seen.add(name)
            names.append(name)
    return Zipf.over(names, exponent)
