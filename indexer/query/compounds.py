"""Hyphenated compounds in a query: "e-mail" is searched as the index holds it.

The index has a compound's parts at their positions and its joined form ("email") at
the first part's (analysis/variants.py), so a query word with joiners inside is asked
as its joined form, or as its parts in a row, and a quoted phrase with a compound is
asked both ways.
"""

from __future__ import annotations

import re

from indexer.analysis.analyzers import TOKEN_PATTERN

# A "-" or "+" inside a word joins its parts ("e-mail", "Anti-Sex-Trafficking",
# "H.E.A.T.-Konferenz"): only one at the start of a word is an operator.
JOINER_RE = re.compile(r"(?<=[\w.])[-+]+(?=\w)|(?<=\w)[-+]+$")
# Except a compound joined by single hyphens: asked as its joined form (analysis/variants.py).
COMPOUND_RE = re.compile(rf"{TOKEN_PATTERN}(?:-{TOKEN_PATTERN})+")
COMPOUND_WORD_RE = re.compile(rf"(?<![\w.-]){COMPOUND_RE.pattern}(?![\w-]|\.\w)")
_COMPOUND_TOKEN_RE = re.compile(rf"[^\w-]*({COMPOUND_RE.pattern})[^\w-]*")


def joined_word(sign: str, prefix: str, token: str, joins: bool) -> str | None:
    """A word with joiners inside, as searched; None for a word without."""
    compound = _COMPOUND_TOKEN_RE.fullmatch(token) if joins else None
    if compound and _joined(compound) != compound.group(1):  # "e-mail" (or "e-mail,")
        return sign + prefix + _joined(compound)  # its joined form, "email"
    parts = JOINER_RE.sub(" ", token).split()
    if len(parts) < 2:
        return None
    if sign or prefix:  # "author:jean-paul": a negated or field-bound word, one phrase
        return sign + prefix + '"' + " ".join(parts) + '"'
    return " ".join(parts)


def phrase_variants(phrase: str) -> str:
    """A quoted phrase with a hyphenated compound, asked as written and with the
    compound joined ("e-mail address" or "email address"): the index has the parts at
    their positions and the joined form at the first part's (analysis/variants.py)."""
    joined = COMPOUND_WORD_RE.sub(_joined, phrase)
    return phrase if joined == phrase else f"({phrase} OR {joined})"


def _joined(match: re.Match[str]) -> str:
    word = match.group(1) if match.re is _COMPOUND_TOKEN_RE else match.group()
    whole = word.replace("-", "")
    return word if whole.isdigit() else whole  # numbers are not joined
