"""Operators inside a query word (``word^2``, ``word~2``, ``polic*``), kept when they
are ones the search runs cheaply and well, otherwise dropped with a warning saying why
(a leading ``*`` or ``a*`` would expand to most of the vocabulary)."""

from __future__ import annotations

import re

MIN_PREFIX = 3
MAX_FUZZY_DISTANCE = 2


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
    """``word~`` and ``word~N`` kept, N at most ``MAX_FUZZY_DISTANCE``."""
    if token is None or "~" not in token:
        return token
    word, _, distance = token.partition("~")
    if distance and not distance.isdigit():
        warnings.append(f"~{distance} ignored: fuzzy search is word~ or word~2")
        return word
    if distance and int(distance) > MAX_FUZZY_DISTANCE:
        warnings.append(f"fuzzy distance ~{distance} reduced to ~{MAX_FUZZY_DISTANCE}")
        return f"{word}~{MAX_FUZZY_DISTANCE}"
    return token


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
