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

from indexer.readers.text.dates import find_dates, relative_spans
from indexer.readers.text.furniture import BULLET_RE, is_furniture, words

BYLINE_RE = re.compile(
    r"(?:^|(?<=[\s|·•,/(\d]))(?P<marker>von|by|par|por|di|door|autor(?:in)?|author|"
    r"geschrieben von|posted by|verfasst von|written by|veröffentlicht von)"
    r"(?:\s*:\s*|\s+|(?<=[Aa]uthor)(?-i:(?=[A-Z])))(?P<name>[^\s|·•,/@(][^|·•,/@()]*)",
    re.I,
)
# What ends a name: a lowercase preposition ("on May 3", "am 3. Mai", "le 7 mai"), a dash.
_NAME_END_RE = re.compile(
    r"\s+(?:on|am|le|el|il|op|em|at|um|in|for the|für|-|–|—)(?:\s.*)?$|(?<=[^\W\d_])\d+\s.*$"
)
_PARTICLE_BEFORE_RE = re.compile(r"[A-ZÄÖÜ][\w.'’-]*\s+$")
_STOP_WORDS = re.compile(
    r"\s+(?:Kommentare?|Comments?|Antworten|Likes?|Reply|Responses?|Ergänzungen|Views?|"
    r"Aufrufe|Minuten?|Min\.?|Lesezeit)\b.*$"
)
_SEPARATORS_RE = re.compile(r"\s+[|/·•–—-]+\s+|\s*[|·•]\s*|//")
_NAME_WORD_RE = re.compile(r"^[^\W\d_][\w.'’-]*$")
_NOT_NAMES = re.compile(
    r"^(?:admin|home|startseite|news|blog|menu|menü|kommentare?|comments?|share|teilen|"
    r"foto|photo|bild|quelle|source|allgemein|uncategorized|aktualisiert|updated|published|"
    r"veröffentlicht|posted|créé|mis à jour|publié|datum|date|stand|zuletzt|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|lun|mar|mer|jeu|ven|sam|dim)$",
    re.I,
)
_MAX_NAME_WORDS = 4


def name_of(text: str) -> str:
    """``text`` as a person's name, or "" when it does not look like one."""
    text = re.split(r"\s\d", text.strip())[0]
    text = _STOP_WORDS.sub("", _NAME_END_RE.sub("", text)).strip(" .:;,-–—")
    tokens = text.split()
    if not 1 <= len(tokens) <= _MAX_NAME_WORDS or not all(_NAME_WORD_RE.match(t) for t in tokens):
        return ""
    if len(tokens) > 1 and not all(
        t[:1].isupper() or t in {"von", "van", "de", "da", "le"} for t in tokens
    ):
        return ""
    return "" if _NOT_NAMES.match(text) else text


def byline_author(lines: list[str], title_line: int, body_start: int) -> str:
    """The author named in the byline around the title, or "": an explicit marker
    first ("von X", "By X", "Autor: X"), then a dated line's other parts, then a name
    alone on its line next to a dated line."""
    low = max(0, min(title_line, body_start) - 4)
    high = min(len(lines), max(title_line, body_start) + 5)
    window = [index for index in range(low, high) if lines[index].strip()]
    for index in window:
        name = _marked_name(lines[index]) or ""
        if name:
            return name
    for index in window:
        name = _name_beside_date(lines[index].strip())
        if name:
            return name
    for index in window:
        if index != title_line and (name := _name_line_near_date(lines, index)):
            return name
    for index in range(title_line + 1, min(body_start, len(lines) - 1)):
        if not (lines[index - 1].strip() or lines[index + 1].strip()):
            # a name of two words or more standing alone between headline and text
            name = name_of(BULLET_RE.sub("", lines[index]))
            if len(name.split()) >= 2 and not is_furniture(lines[index]):
                return name
    return ""


def _marked_name(line: str) -> str | None:
    """The name after a byline marker ("von X", "By X"), or None."""
    for match in BYLINE_RE.finditer(line):
        if words(line) > 14 and match.start() > 3:
            return None  # running text, not a byline
        before = line[: match.start()]
        particle = match.group("marker") in {"von", "van", "di", "de", "da", "door"}
        labelled = line[match.end("marker") :].lstrip().startswith(":")  # "Artikel von: X"
        if particle and not labelled and _PARTICLE_BEFORE_RE.search(before):
            continue  # "Christoph von Eichhorn": a particle inside a name
        # "By Priya Natarajan June 9, 2021": the date's month is no part of the name
        date = next((s.start for s in find_dates(line) if s.start > match.start("name")), None)
        name = name_of(line[match.start("name") : min(match.end("name"), date or len(line))])
        if name:
            return name
    return None


def _name_beside_date(line: str) -> str:
    """A dated line's name: one of its other parts ("Redaktion 1. November 2023")."""
    spans = [(span.start, span.end) for span in find_dates(line)] or relative_spans(line)
    if not spans or words(line) > 20:
        return ""
    rest = line
    for start, end in reversed(spans):
        rest = rest[:start] + " | " + rest[end:]
    for number, part in enumerate(_SEPARATORS_RE.split(rest)):
        name = name_of(re.split(r"\d{4}(?=\s)", part)[-1])  # after a glued second date
        # one word names only the line's opening ("Redaktion 1. November 2023"), unless
        # it is a member's handle ("r/AskChemistry • 2y ago mule_kick")
        if name and (
            len(name.split()) >= 2 or (number == 0 and line.startswith(part)) or "_" in name
        ):
            return name
    return ""


def _name_line_near_date(lines: list[str], index: int) -> str:
    """A name of two words or more alone on its line, within three lines of a date."""
    line = BULLET_RE.sub("", lines[index]).strip()
    if is_furniture(line):
        return ""
    name = name_of(line)
    near = [lines[j] for j in range(max(0, index - 3), min(len(lines), index + 4))]
    if name and len(name.split()) >= 2 and any(find_dates(other) for other in near):
        return name
    return ""


def is_dateline(line: str) -> bool:
    """A byline: a short line with a date, or naming an author ("By X")."""
    if words(line) > 30:
        return False
    spans = find_dates(line)
    if spans and BULLET_RE.match(line):  # "• May 3, 2019" yes, "• [date] Another post" no
        return words(line) - sum(words(line[s.start : s.end]) for s in spans) <= 3
    if spans:
        return True
    return words(line) <= 12 and any(name_of(m.group("name")) for m in BYLINE_RE.finditer(line))


def byline_date(
    lines: list[str], title_line: int, body_start: int, body_end: int
) -> datetime | None:
    """The dated line nearest the title (the byline), else the first one in the page head."""
    low = max(0, min(title_line, body_start) - 12)
    high = min(body_end, max(title_line, body_start) + 10)
    nearest: tuple[float, datetime] | None = None
    for index in range(low, high):
        spans = find_dates(lines[index])
        if spans and words(lines[index]) <= 30:
            # after the title a little nearer than before it: bylines follow headlines
            distance = abs(index - title_line) + (0.5 if index < title_line else 0)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, spans[0].moment)
    if nearest is not None:
        return nearest[1].replace(hour=0, minute=0)
    for index in range(0, body_start):
        spans = find_dates(lines[index])
        if spans and words(lines[index]) <= 12:
            return spans[0].moment.replace(hour=0, minute=0)
    return None
