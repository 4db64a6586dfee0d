"""Why a passage with nothing of its text marked was found.

Plain words search a passage's text, its post's title (on the post's first passage) and
its author's name. A passage found through the title or the name alone shows a snippet
with nothing marked; ``matched_in`` says which it was, so the result can say "matched in
the title" or "matched the author" (``contract.results.MATCHED_IN``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from indexer.analysis.analyzers import name_analyzer

_NAMES = name_analyzer()


def matched_in(
    stored: Mapping[str, Any],
    names: frozenset[str],
    text_marked: bool,
    title_marked: bool,
) -> str:
    """ "title" (its post's title, searched on the first passage only), "author" (one of
    ``names``, the name words the query searched), or "" (its text: marked, or nothing
    to tell)."""
    if text_marked:
        return ""
    if title_marked and stored.get("position") == 1:
        return "title"
    author = stored.get("author") or ""
    if names and author and names & {token.text for token in _NAMES(author)}:
        return "author"
    return ""
