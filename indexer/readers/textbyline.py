"""A post's byline in a text rendering: who wrote it, and when.

Bylines sit next to the title, in many shapes: "von David · 18. Oktober
2019", "By Eric Levitz", "Par Loïc Le Clerc | 30 septembre 2018", "Autor:
gnaddrig", "Gunter Frank / 22.04.2020 / 06:15", "1. Februar 2022 Luis Holuch",
or the name alone on a line beside the date. A name is a few words with no
digits; what follows a separator ("·", "|", "/", " on ", " am ") is not part of it.
"""

from __future__ import annotations

import re
from datetime import datetime

from .textdates import find_dates
from .textfurniture import is_furniture, words

BYLINE_RE = re.compile(
    r"(?:^|[\s|·•,/(])(?:von|by|par|por|di|door|autor(?:in)?|author|geschrieben von|"
    r"posted by|verfasst von|written by|veröffentlicht von)(?:\s*:\s*|\s+|(?=[A-Z]))"
    r"(?P<name>[^\s|·•,/@\d(][^|·•,/@\d()]*)",
    re.I,
)
_NAME_END_RE = re.compile(
    r"\s+(?:on|am|le|el|il|op|em|at|um|in|-|–|—|for the|für)\b.*$|\s+-\s.*$", re.I
)
_SEPARATORS_RE = re.compile(r"\s+[|/·•–—-]+\s+|\s*[|·•]\s*|//")
_NAME_WORD_RE = re.compile(r"^[^\W\d_][\w.'’-]*$")
_NOT_NAMES = re.compile(
    r"^(?:redaktion|admin|home|startseite|news|blog|menu|menü|kommentare?|comments?|"
    r"share|teilen|foto|photo|bild|quelle|source|allgemein|uncategorized)$",
    re.I,
)
_MAX_NAME_WORDS = 4


def _name(text: str) -> str:
    """``text`` as a person's name, or "" when it does not look like one."""
    text = _NAME_END_RE.sub("", text.strip()).strip(" .:;,-–—")
    tokens = text.split()
    if not 1 <= len(tokens) <= _MAX_NAME_WORDS or not all(_NAME_WORD_RE.match(t) for t in tokens):
        return ""
    if len(tokens) > 1 and not all(
        t[:1].isupper() or t in {"von", "van", "de", "da", "le"} for t in tokens
    ):
        return ""
    return "" if _NOT_NAMES.match(text) else text


def byline_author(lines: list[str], title_line: int, body_start: int) -> str:
    """The author named in the byline around the title, or ""."""
    low = max(0, min(title_line, body_start) - 4)
    high = min(len(lines), max(title_line, body_start) + 5)
    window = [index for index in range(low, high) if lines[index].strip()]
    for index in window:  # an explicit marker: "von X", "By X", "Autor: X"
        line = lines[index]
        if words(line) > 30:
            continue
        for match in BYLINE_RE.finditer(line):
            name = _name(match.group("name"))
            if name:
                return name
    for index in window:  # a dated line: the name is one of its other parts
        line = lines[index].strip()
        spans = find_dates(line)
        if not spans or words(line) > 20:
            continue
        rest = (line[: spans[0].start] + " | " + line[spans[0].end :]).strip()
        for part in _SEPARATORS_RE.split(rest):
            name = _name(re.sub(r"\s*\d+\s*$", "", part))
            if name and len(name.split()) >= 2:
                return name
    for index in window:  # a name alone on its line, next to a dated line
        line = lines[index].strip()
        if is_furniture(line) or index == title_line:
            continue
        name = _name(line)
        near = [lines[j] for j in range(max(0, index - 3), min(len(lines), index + 4))]
        if name and len(name.split()) >= 2 and any(find_dates(other) for other in near):
            return name
    return ""


def is_dateline(line: str) -> bool:
    """A byline: a short line with a date, or naming an author ("By X")."""
    if words(line) > 30:
        return False
    if find_dates(line):
        return True
    return words(line) <= 12 and any(_name(m.group("name")) for m in BYLINE_RE.finditer(line))


def byline_date(
    lines: list[str], title_line: int, body_start: int, body_end: int
) -> datetime | None:
    """The byline's date (around the title and the body's start), else the page head's."""
    for index in range(max(0, title_line - 3), min(body_end, max(body_start, title_line) + 8)):
        spans = find_dates(lines[index])
        if spans and words(lines[index]) <= 30:
            return spans[0].moment.replace(hour=0, minute=0)
    for index in range(0, body_start):
        spans = find_dates(lines[index])
        if spans and words(lines[index]) <= 12:
            return spans[0].moment.replace(hour=0, minute=0)
    return None
