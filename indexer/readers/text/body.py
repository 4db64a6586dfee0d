"""Split a plain-text post body into passages: body parts and attributed quotes.

Two rules carry the weight:

* A **quote** is a paragraph that opens with a quotation mark and is followed by
  exactly one dash line ("– anonymous sex worker"): that line is its
  attribution. A run of several dash lines is a list ("Who's Who"), not an
  attribution, even right after a quoted paragraph.
* A **heading** is a one-line paragraph, short, not ending like a sentence
  part (no trailing ``. , ; :``); it starts a new body part, so results can
  point at the part of a long post that matched.
"""

from __future__ import annotations

import re
from datetime import datetime

from indexer.core.models import DatePrecision, Passage, Section
from indexer.core.text import clean_name
from indexer.readers.base import Anchors

OPENING_QUOTES = "“\"‘«„‚'»"
CLOSING_QUOTES = "”\"’»“'«"
_DASH_LINE_RE = re.compile(r"^\s*[–—―-]+[\s\u00a0]*(?P<name>\S.*?)\s*$")
_MAX_ATTRIBUTION = 100
_MAX_HEADING_CHARS = 100
_MAX_HEADING_WORDS = 14


def paragraphs_of(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs; lines inside one keep their breaks."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line.rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(lines_of).strip() for lines_of in paragraphs if lines_of]


def _dash_name(paragraph: str) -> str | None:
    if "\n" in paragraph:
        return None
    match = _DASH_LINE_RE.match(paragraph)
    return match.group("name") if match else None


def _is_attribution(paragraphs: list[str], index: int) -> bool:
    """A lone dash line right after a quoted paragraph, not one item of a dash list."""
    name = _dash_name(paragraphs[index])
    if name is None or len(name) > _MAX_ATTRIBUTION or index == 0:
        return False
    if not paragraphs[index - 1].lstrip().startswith(tuple(OPENING_QUOTES)):
        return False
    return not (index + 1 < len(paragraphs) and _dash_name(paragraphs[index + 1]) is not None)


def _is_heading(paragraph: str) -> bool:
    if "\n" in paragraph or len(paragraph) > _MAX_HEADING_CHARS:
        return False
    if len(paragraph.split()) > _MAX_HEADING_WORDS or paragraph.rstrip()[-1] in ".,;:":
        return False
    return not paragraph.startswith(tuple(OPENING_QUOTES)) and _dash_name(paragraph) is None


def _strip_quote_marks(text: str) -> str:
    """The quoted words without the enclosing marks (they are shown as a block quote)."""
    text = text.strip()
    if text[:1] in OPENING_QUOTES:
        text = text[1:]
    if text[-1:] in CLOSING_QUOTES and text.count(text[-1]) % 2 == 1:
        text = text[:-1]
    return text.strip()


def split_body(lines: list[str], post_date: datetime | None) -> list[Passage]:
    """Body parts (``post-N``) and quotes (``quote-N``) in page order."""
    paragraphs = paragraphs_of(lines)
    passages: list[Passage] = []
    part: list[str] = []
    precision = DatePrecision.DAY if post_date else DatePrecision.UNKNOWN
    anchors = Anchors()

    def flush() -> None:
        if not part:
            return
        heading = part[0] if _is_heading(part[0]) and len(part) > 1 else ""
        passages.append(
            Passage(
                section=Section.POST,
                anchor=anchors.next(Section.POST),
                text="\n\n".join(part),
                date=post_date,
                date_precision=precision,
                title=heading,
            )
        )
        part.clear()

    index = 0
    while index < len(paragraphs):
        paragraph = paragraphs[index]
        if index + 1 < len(paragraphs) and _is_attribution(paragraphs, index + 1):
            flush()
            passages.append(
                Passage(
                    section=Section.QUOTE,
                    anchor=anchors.next(Section.QUOTE),
                    text=_strip_quote_marks(paragraph),
                    author=clean_name(_dash_name(paragraphs[index + 1]) or ""),
                    date=post_date,
                    date_precision=precision,
                )
            )
            index += 2
            continue
        if _is_heading(paragraph) and part and index + 1 < len(paragraphs):
            flush()
        part.append(paragraph)
        index += 1
    flush()
    return passages
