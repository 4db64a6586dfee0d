"""Which language a passage is written in, and what each language's analysis uses.

Detection is py3langid's (its model ships inside the package; nothing is downloaded),
walked in numpy (detection.py).
A page's declared language is not trusted: a Chinese blog declares ``en-US``. A post's
language is detected from its title and body; a passage keeps the post's language unless
its own text is long enough to tell otherwise with confidence (a one-line "Danke!" or
"Quote block" is guessed wrongly by every detector: see docs/language.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from whoosh.analysis import STOP_WORDS
from whoosh.lang import has_stopwords, stopwords_for_language

from indexer.analysis import langmodel
from indexer.analysis.detection import VectorIdentifier
from indexer.core.languages import NO_LANGUAGE, UNDETERMINED
from indexer.core.text import fold

POST_SAMPLE = 1000  # characters of a post read to detect it (cost grows with length)
PASSAGE_SAMPLE = 400
MIN_POST_LETTERS = 20
MIN_PASSAGE_LETTERS = 200  # shorter passages keep their post's language
MIN_POST_CONFIDENCE = 0.5
MIN_PASSAGE_CONFIDENCE = 0.95


@cache
def reference_identifier() -> Any:
    """py3langid's own classifier (its model ships in the package): the yardstick."""
    return langmodel.unpack()


@cache
def _identifier() -> VectorIdentifier:
    return VectorIdentifier(langmodel.load())


def detect(text: str, sample: int) -> tuple[str, float]:
    """The most likely language of ``text`` (its first ``sample`` characters) and the
    detector's probability for it; symbols alone (``zxx``) are undetermined."""
    code, probability = _identifier().classify(text[:sample])
    return (UNDETERMINED if code == NO_LANGUAGE else str(code)), float(probability)


_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _letters(text: str) -> int:
    """Letters (``str.isalpha``) in the part of ``text`` read for its language."""
    sample = text[: PASSAGE_SAMPLE * 2]
    if sample.isascii():  # an ASCII character is a letter when it is one of these 52
        data = sample.encode("ascii")
        return len(data) - len(data.translate(None, _ASCII_LETTERS))
    # map over the slice runs in C: a generator expression cost ~5% of a build.
    return sum(map(str.isalpha, sample))


def _detect_post(sample: str) -> str:
    if _letters(sample) < MIN_POST_LETTERS:
        return UNDETERMINED
    code, probability = detect(sample, POST_SAMPLE)
    return code if probability >= MIN_POST_CONFIDENCE else UNDETERMINED


def post_language(title: str, body: Iterable[str], responses: Iterable[str] = ()) -> str:
    """A post's language, from its title and body; a post with too little of them to
    tell ("Post Format: Quote", an image post) is read with its quotes and comments too,
    so that its short passages, which take the post's language, get one."""
    body = list(body)
    code = _detect_post(title + "\n" + "\n".join(body))
    if code == UNDETERMINED:
        code = _detect_post("\n".join([title, *body, *responses]))
    return code


def passage_language(text: str, post: str) -> str:
    """A passage's language: its own when it says so clearly, else its post's."""
    return passage_languages([text], post)[0]


def passage_languages(texts: list[str], post: str) -> list[str]:
    """``passage_language`` of each of a post's passages, detected in one batch."""
    detected = [
        number for number, text in enumerate(texts) if _letters(text) >= MIN_PASSAGE_LETTERS
    ]
    languages = [post] * len(texts)
    answers = _identifier().classify_many([texts[number][:PASSAGE_SAMPLE] for number in detected])
    for number, (code, probability) in zip(detected, answers, strict=True):
        if probability >= MIN_PASSAGE_CONFIDENCE:
            languages[number] = UNDETERMINED if code == NO_LANGUAGE else str(code)
    return languages


# Snowball's C build (PyStemmer 2.2, pinned) for the languages Whoosh stems: the same
# stems as Whoosh's pure-Python port on 132k words of the test archives, except where
# Whoosh's port is wrong (tests/test_stemmer_equality.py lists those), at ~1/25 the cost.
_SNOWBALL_NAMES = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nl": "dutch", "no": "norwegian",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
}  # fmt: skip


@cache
def stemmer(code: str) -> Callable[[str], str] | None:
    """The language's Snowball stemmer, if Whoosh has one (Whoosh's Arabic ISRI stemmer
    fails on Python 3.11, so Arabic stays unstemmed, as it always was)."""
    name = _SNOWBALL_NAMES.get(code)
    if name is None:
        return None
    import Stemmer  # PyStemmer

    snowball = Stemmer.Stemmer(name, 0)  # no cache of its own: callers cache terms
    lock = threading.Lock()  # a Stemmer object is not thread-safe (PyStemmer's docs)

    def stem(word: str) -> str:
        with lock:
            result: str = snowball.stemWord(word)
        return result

    return stem


@cache
def stop_words(code: str) -> frozenset[str]:
    """The language's stop words (Whoosh's lists), accents folded as the index has them."""
    # English keeps Whoosh's short list: its longer NLTK list holds words people search.
    words: set[str] = set(STOP_WORDS) if code == "en" else set()
    if code and code != "en" and has_stopwords(code):
        words |= set(stopwords_for_language(code))
    return frozenset(fold(word) for word in words)
