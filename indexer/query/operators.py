"""Operators inside a query word (``word^2``, ``word~2``, ``polic*``), kept when they
are ones the search runs cheaply and well, otherwise dropped with a warning saying why
(a leading ``*`` or ``a*`` would expand to most of the vocabulary)."""

from __future__ import annotations

import re

MIN_PREFIX = 3
MAX_FUZZY_DISTANCE = 2
_ONE_EDIT_FROM, _TWO_EDITS_FROM = 3, 6  # letters (Elasticsearch's AUTO:3,6)


def clean_boost(token: str, warnings: list[str]) -> str | None:
    """``word^2`` kept; a boost without a word dropped, one that is no number ignored."""
    if "^" not in token:
        return token
    word, _, boost = token.partition("^")
    if not word:
        warnings.append(f"boost ^{boost} without a word ignored")
        return None
    if not re.fullmatch(r"\d+(?:\.\d+)?", boost):
        warnings.append(f"boost ^{boost} ignored: a boost is a number, as in word^2")
        return word
    return token


def clean_fuzzy(token: str | None, warnings: list[str]) -> str | None:
    """``word~`` and ``word~N`` kept, N at most ``MAX_FUZZY_DISTANCE`` and at most what
    the word's length allows (``fuzzy_limit``)."""
    if token is None or "~" not in token:
        return token
    word, _, distance = token.partition("~")
    if distance and not distance.isdigit():
        warnings.append(f"~{distance} ignored: fuzzy search is word~ or word~2")
        return word
    limit = fuzzy_limit(word)
    if limit == 0:
        warnings.append(
            f"~ ignored on {word!r}: a word of {len(word)} letters is searched as written "
            f"(fuzzy search needs {_ONE_EDIT_FROM} letters or more)"
        )
        return word
    if distance and int(distance) > limit:
        reason = "" if limit == MAX_FUZZY_DISTANCE else f" for a word of {len(word)} letters"
        warnings.append(f"fuzzy distance ~{distance} reduced to ~{limit}{reason}")
        return f"{word}~{limit}"
    return token


def fuzzy_limit(word: str) -> int:
    """Edits a fuzzy word may take, by its length, as Elasticsearch's ``AUTO`` allows
    them: none up to 2 letters ("ta~" would be every word of up to 4 letters, the
    slowest request of the loadtest), one up to 5, two beyond."""
    if len(word) < _ONE_EDIT_FROM:
        return 0
    return 1 if len(word) < _TWO_EDITS_FROM else MAX_FUZZY_DISTANCE


def clean_wildcard(token: str, warnings: list[str]) -> str:
    stem, star, rest = token.partition("*")
    if (
        star
        and not rest
        and "?" not in stem
        and len(stem) >= MIN_PREFIX
        and all(character.isalnum() for character in stem)
    ):
        return stem.lower() + "*"
    plain = token.replace("*", "").replace("?", "")
    warnings.append(
        f"wildcard in {token!r} ignored: only a trailing * after at least {MIN_PREFIX} "
        f"letters is searched (e.g. polic*)" + (f"; searched {plain!r}" if plain else "")
    )
    return plain
