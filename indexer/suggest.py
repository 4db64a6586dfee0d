""" "Did you mean": a correction from the archive's own vocabulary, never applied silently.

The vocabulary is the unstemmed ``spell`` field, so suggestions are words as
people wrote them ("searching"), not stems ("search").
"""

from __future__ import annotations

import re
from typing import Any

RARE = 1  # a word in at most this many passages is "rare"
MUCH_MORE_COMMON = 5  # ...and is replaced only by a word this many times more common


def suggest(query_text: str, words: list[str], searcher: Any) -> str | None:
    """The query with rare or absent words replaced by close, common ones; None if no change."""
    reader = searcher.reader()
    corrector = searcher.corrector("spell")
    replacements: dict[str, str] = {}
    for word in words:
        lowered = word.lower()
        if len(lowered) < 3 or not lowered.isalpha():
            continue
        frequency = reader.doc_frequency("spell", lowered)
        if frequency > RARE:
            continue
        for candidate in corrector.suggest(lowered, limit=3, maxdist=2, prefix=1):
            if candidate == lowered:
                continue
            if reader.doc_frequency("spell", candidate) >= max(1, frequency * MUCH_MORE_COMMON):
                replacements[word] = candidate
                break
    if not replacements:
        return None
    return re.sub(
        r"\w+", lambda match: replacements.get(match.group(0), match.group(0)), query_text
    )
