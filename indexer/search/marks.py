"""What a query marks in a passage, and why a passage with nothing marked was found.

Plain words search a passage's text, its post's title (on the post's first passage) and
its author's name. A passage found through the title or the name alone would show a
snippet with nothing marked; ``Marks.why`` says which it was, so the result can say
"matched in the title" or "matched the author", and the title is marked like the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from indexer.analysis.analyzers import name_analyzer
from indexer.query.parse import ParsedQuery
from indexer.search.highlight import Phrases, highlight_whole, snippet

_NAMES = name_analyzer()


@dataclass(frozen=True)
class Marks:
    terms: frozenset[str] = frozenset()  # text terms (stems) to mark
    phrases: Phrases = frozenset()
    names: frozenset[str] = frozenset()  # name words searched in authors

    @classmethod
    def of(cls, parsed: ParsedQuery | None) -> Marks:
        if parsed is None:
            return cls()
        return cls(parsed.highlight_terms(), parsed.highlight_phrases(), parsed.highlight_names())

    def snippet(self, text: str, language: str) -> str:
        return snippet(text, self.terms, phrases=self.phrases, language=language)

    def whole(self, text: str, language: str) -> tuple[str, bool]:
        """``text`` escaped with every match marked, and whether anything matched."""
        return highlight_whole(text, self.terms, self.phrases, language)

    def why(self, stored: dict[str, Any], text_marked: bool, title_marked: bool) -> str:
        """Why a matching passage matched when nothing of its text is marked: "title"
        (its post's title, searched on the first passage only), "author", or ""."""
        if text_marked or not (self.terms or self.phrases or self.names):
            return ""
        if title_marked and stored.get("position") == 1:
            return "title"
        author = stored.get("author", "")
        if self.names and author and self.names & {token.text for token in _NAMES(author)}:
            return "author"
        return ""
