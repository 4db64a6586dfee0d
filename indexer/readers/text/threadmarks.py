"""Lines that open or close a comment thread in a text rendering: a header such as
"4 Antworten", "2 Gedanken zu „…“", "12 Responses to …", "Kommentare", and a
"Recent comments"/"Related posts" box after the thread, where it ends."""

from __future__ import annotations

import re

from indexer.readers.text.furniture import is_furniture, words

_COUNT = (
    r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|einen|zwei|drei|"
    r"vier|fünf|un|une|uno|una)"
)
_THREAD_WORDS = (
    r"(?:kommentare?|comments?|antworten|antwort|responses?|replies|reply|gedanken|gedanke|"
    r"thoughts?|commentaires?|comentarios?|commenti|reacties|reaktionen|meinungen|"
    r"pingbacks?|trackbacks?)"
)
_THREAD_STEMS = (
    "komment", "comment", "antwort", "respons", "repl", "gedanke", "thought", "reakt",
    "reacti", "diskussion", "discussion", "interactions", "back", "meinung", "comentar",
)  # fmt: skip
THREAD_HEADER_RE = re.compile(
    rf"^\s*(?:[{{(]\s*)?(?:{_COUNT}\s+{_THREAD_WORDS}\b|(?:kommentare|comments|commentaires|"
    r"comentarios|commenti|reacties|responses|reaktionen|leserkommentare|diskussion|discussion|"
    r"reader interactions|kommentare anzeigen)\s*(?:\(\d+\))?\s*:?\s*$)",
    re.I,
)
# A "Recent comments"/"Related posts" box after the thread: the thread ends there.
THREAD_END_RE = re.compile(
    r"^\s*(?:recent comments|latest comments|neueste kommentare|letzte kommentare|"
    r"comentarios recientes|commentaires récents|commenti recenti|recente reacties|"
    r"ostatnie komentarze|senaste kommentarer|related posts|ähnliche beiträge|most read|"
    r"most popular|meistgelesen|am meisten gelesen|beliebteste artikel)\s*$",
    re.I,
)


def is_thread_header(lines: list[str], index: int) -> bool:
    """A line such as "4 Antworten" standing on its own, not "44 Kommentare" in a byline."""
    line = lines[index]
    folded = line.casefold()
    if len(line) > 160 or not any(stem in folded for stem in _THREAD_STEMS):
        return False  # cheap: most lines hold none of a thread header's words
    if words(line) > 16 or not THREAD_HEADER_RE.match(line):
        return False
    above = lines[index - 1] if index > 0 else ""
    counted = bool(re.match(r"\s*[{(]?\s*\w+\s+\w", lines[index]))
    return not counted or not above.strip() or is_furniture(above)


def find_thread_header(lines: list[str], start: int, end: int) -> int | None:
    for index in range(start, end):
        if is_thread_header(lines, index):
            return index
    return None
