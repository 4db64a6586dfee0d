"""The title of a page rendered as text: a heading-like line near the post's body.

A heading is a short line (or one wrapped at the margin) standing alone between
blank lines, without a sentence's end; the title is the heading whose byline
(a date, "By X") follows it, near the start of the body's run of prose: inside
that run only such a heading counts, and what stood above it was not the post.
The same words elsewhere (a breadcrumb, a share text) speak for a heading;
a "Comments on “…”" header names the title outright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indexer.readers.text.byline import BYLINE_RE, is_dateline
from indexer.readers.text.byline import name_of as _name_of
from indexer.readers.text.dates import find_dates
from indexer.readers.text.furniture import BULLET_RE, is_furniture, words

TITLE_WINDOW = 40  # lines above the body's run where the title may stand
_BREADCRUMB_RE = re.compile(r"\s+[»>›]\s+")  # "Home » Rezepte » Title": the last is the title
_SEPARATOR_RE = re.compile(r"\s[–—|•·/-]\s")
_QUOTED_TITLE_RE = re.compile(r"[„“”\"«‚‘’](?P<title>[^„“”\"«»]{3,200})[“”\"»‘’]")


def _is_heading_like(text: str, period_ok: bool = False) -> bool:
    text = text.strip()
    if not text or BULLET_RE.match(text) or is_furniture(text):  # "[Rezi] Title" is one
        return False
    count = words(text)
    if not (2 <= count <= 25 and len(text) <= 220):
        return False
    if text[-1] in ",;:" or (text[-1] == "." and not period_ok and not text.endswith("...")):
        return False
    dated = sum(words(text[span.start : span.end]) for span in find_dates(text))
    named = any(  # "By X", "Profilbild von X": a byline opens with its marker
        _name_of(match.group("name")) and match.start() <= 12 for match in BYLINE_RE.finditer(text)
    )
    if dated:  # a headline may name a date; a byline is a date between separators
        return count - dated >= 4 and len(_SEPARATOR_RE.findall(text)) < 2
    return not (named and count <= 8)


def _is_headline(text: str) -> bool:
    """A long headline (a tabloid's wraps on three lines): no full stop, no furniture."""
    return 3 <= words(text) <= 45 and text[-1] not in ".,;:" and not is_furniture(text)


def _title_candidates(lines: list[str], low: int, high: int) -> Iterator[tuple[int, int, str]]:
    """(first line, end line, text) of one-line headings and headings wrapped on two lines."""
    for index in range(low, high):
        if not lines[index].strip() or (index > 0 and lines[index - 1].strip()):
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip() and end - index < 3:
            end += 1
        following = [line for line in lines[end : end + 8] if line.strip()][:3]
        if end - index == 1:
            yield index, end, lines[index]
        elif is_dateline(lines[index + 1]) and len(lines[index]) < 90:
            yield index, index + 1, lines[index]  # the byline right below
        elif (
            end - index == 2
            and len(lines[index]) >= 70
            and len(lines[index + 1].strip()) < 60
            and not any(is_furniture(line) for line in lines[index:end])
            and any(is_dateline(line) for line in following)
        ):  # wrapped at the margin, with its byline below
            yield index, end, lines[index] + " " + lines[index + 1]


def _byline_below(following: list[str]) -> bool:
    """A byline among the next lines, before any other heading (whose byline it would be)."""
    for line in following:
        if is_dateline(line):
            return True
        if _is_heading_like(line) and words(line) >= 3 and not re.search(r"\d", line):
            return False  # (counts and numbers: "5343 mal gelesen | 32 Kommentare" is meta)
    return False


def find_title(
    lines: list[str], body_start: int, body_end: int, thread: int | None
) -> tuple[int, int, str]:
    """The heading-like line around the body's start that a byline or date follows.

    Candidates stand above the body or in its first lines; a date or byline
    just below, and the same words elsewhere on the page (image text, a
    "Comments on “…”" header), speak for a candidate; distance speaks against.
    Returns the heading's first line, the line after it, and its text.
    """
    quoted = ""
    if thread is not None:
        match = _QUOTED_TITLE_RE.search(lines[thread])
        quoted = " ".join(match.group("title").split()) if match else ""
    page = "\n".join(" ".join(line.split()) for line in lines)
    best: tuple[int, int, str] | None = None
    best_score = float("-inf")
    low, high = max(0, body_start - TITLE_WINDOW), body_end
    for index, end, raw in _title_candidates(lines, low, high):
        scored = _title_score(lines, index, end, raw, body_start, page, quoted)
        if scored is not None and scored[0] > best_score:
            best_score, best = scored[0], (index, end, scored[1])
    if best is None:
        return _untitled(lines, body_start, quoted)
    first, end, text = best
    deck_title = None if quoted else _title_above_deck(lines, first, text)
    return deck_title or (first, end, quoted or text)


def _title_score(
    lines: list[str], index: int, end: int, raw: str, body_start: int, page: str, quoted: str
) -> tuple[float, str] | None:
    """A candidate heading's score and text; None when it cannot be the title."""
    following = [line for line in lines[end : end + 8] if line.strip()][:3]
    dated_below = _byline_below(following)
    if not _is_heading_like(raw, period_ok=dated_below):
        return None
    text = _BREADCRUMB_RE.split(" ".join(raw.split()))[-1]
    distance = body_start - index
    if distance < -TITLE_WINDOW and not dated_below:
        return None  # deep in the body, only a heading with its byline below is the title
    score = -abs(distance) / (10 if distance > 0 or dated_below else 4)
    score += min(words(text), 10) / 5  # a headline says more than a name or a button
    preceding = [line for line in lines[max(0, index - 6) : index] if line.strip()][-2:]
    if dated_below:
        score += 3
    elif any(is_dateline(line) for line in preceding):
        score += 2
    if words(text) >= 3 and page.count(text) >= 2:  # (a name repeats, too)
        score += 1
    if quoted and text == quoted:
        score += 10
    return score, text


def _untitled(lines: list[str], body_start: int, quoted: str) -> tuple[int, int, str]:
    """No heading apart: a short first paragraph without a full stop is the headline
    (rendered in the body's run); else the body's opening words name the post, which
    keeps it apart from other untitled posts (identity is title and date)."""
    end = body_start
    while end < len(lines) and lines[end].strip():
        end += 1
    opening = " ".join(" ".join(lines[body_start:end]).split())
    if not quoted and end - body_start <= 3 and _is_headline(opening):
        return body_start, end, opening
    return body_start, body_start, quoted or opening_words(lines[body_start])


def _title_above_deck(lines: list[str], first: int, text: str) -> tuple[int, int, str] | None:
    """A deck below its headline: the shorter heading just above is the title."""
    above = first - 2
    if (
        above >= 0
        and not lines[first - 1].strip()
        and (above == 0 or not lines[above - 1].strip())
        and _is_heading_like(lines[above])
        and 4 <= words(lines[above]) < words(text)
        and words(text) >= 14
    ):
        return above, above + 1, " ".join(lines[above].split())
    return None


def opening_words(line: str, limit: int = 80) -> str:
    text = " ".join(BULLET_RE.sub("", line).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
