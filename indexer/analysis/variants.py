"""Spelling variants (issue 24): a word is found however people spell it.

* A hyphenated compound ("e-mail", "Wi-Fi") is indexed as its parts, at their own
  positions (so "state of the art" still finds "state-of-the-art"), and also as its
  joined form ("email", "wifi") at the first part's position: the query "e-mail" asks
  for the joined form only, so it finds "email" and "e-mail" but no longer a bare
  "mail", and "email" finds "e-mail". A phrase with a compound is asked both ways
  (query/words.py), so "e-mail address" finds "e-mail address" and "email address".
* In German text, "ae", "oe" and "ue" are read as "ä", "ö" and "ü" (as Snowball's
  German2 variant does; not "ue" after "q"): accents are folded anyway, so
  "Ueberforderung" and "Überforderung" become one term.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Filter

Terms = tuple[tuple[str, int, int, int], ...]  # (term, start, end, relative position)

HYPHEN = "-"
_UMLAUT_RE = re.compile(r"ae|oe|(?<!q)ue")


def compound_pattern(token: str) -> str:
    """Tokens joined by single hyphens, as one match."""
    return rf"{token}(?:{HYPHEN}{token})*"


def compound_terms(
    word: str,
    part_terms: Callable[[str], Terms],
    joined_term: Callable[[str], str | None],
    joined: bool,
) -> Terms:
    """The terms of a hyphenated compound: each part's at consecutive positions, and
    with ``joined`` (indexing) the joined form's at the first part's position, unless
    a part is several terms (CJK) or the compound is all digits (dates, numbers)."""
    terms: list[tuple[str, int, int, int]] = []
    position = start = 0
    single = True
    for part in word.split(HYPHEN):
        found = part_terms(part)
        terms.extend((term, start + a, start + b, position + p) for term, a, b, p in found)
        position += max((p for _, _, _, p in found), default=0) + 1
        single = single and len(found) == 1
        start += len(part) + 1
    whole = word.replace(HYPHEN, "")
    if joined and single and not whole.isdigit():
        term = joined_term(whole)
        if term is not None and all(term != found for found, _, _, _ in terms):
            terms.append((term, 0, len(word), 0))
    return tuple(terms)


def german_spelling(folded: str) -> str:
    """A folded German word with "ae", "oe", "ue" read as the umlauts they stand for."""
    return _UMLAUT_RE.sub(_first_letter, folded) if "e" in folded else folded


def _first_letter(match: re.Match[str]) -> str:
    return match.group()[0]


class CompoundFilter(Filter):  # type: ignore[misc]
    """The reference chain's step (tests): a compound token becomes its parts at
    consecutive positions, then its joined form at the first part's; later tokens move
    along. ``compound_terms`` does the same in one cached step per word."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        shift = 0
        for token in tokens:
            token.pos += shift
            if HYPHEN not in token.text:
                yield token
                continue
            parts, first = token.text.split(HYPHEN), token.pos
            for number, part in enumerate(parts):
                token.text, token.pos = part, first + number
                yield token
            if not "".join(parts).isdigit():
                token.text, token.pos = "".join(parts), first
                yield token
            shift += len(parts) - 1
