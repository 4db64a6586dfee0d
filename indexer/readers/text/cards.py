"""Forum posts in a text rendering told by their member cards.

Most forum engines print each post's author as a *card*: the name, a rank or user
title, then profile data (join date, post count, reputation), with the post's date on
a line of its own next to it: below the card (XenForo, MyBB, Simple Machines,
Invision) or above it (vBulletin's "12-18-2010, 10:56 AM #1")::

    Halide                          1. 12-18-2010, 02:20 PM #2
    Posting Freak                      Cassandra
    Posts: 2,871                       Moderator
    Joined: Sep 2008                   Join Date
    #2                                     Jun 2005
    03-14-2016, 09:40 PM               Re: Rear derailleur keeps skipping
    Use the slowest paper ...              A new chain on an old cassette ...

The name is the card's first line: a rank below it ("Moderator", "Staff member") is
never the name, and profile data is never name or text. A card needs profile data (a
labelled line or a bare post count), so a blog's dated lines make none.
"""

from __future__ import annotations

import re

from indexer.readers.commentwords import CONTROL_WORDS
from indexer.readers.text.commentheader import STARTER_RE
from indexer.readers.text.comments import RawComment
from indexer.readers.text.dates import DateSpan, find_dates
from indexer.readers.text.furniture import (
    BULLET_RE,
    is_furniture,
    is_profile_line,
    is_rule,
    profile_value,
    words,
)

# What may stand beside a post's date on its line: a post number, "Posted", an icon.
_DATE_NOISE_RE = re.compile(
    r"#\d+|\b\d{1,4}\.(?=\s)|\[[^\]]{0,12}\]|^\s*(?:posted|gepostet|geschrieben|publié|"
    r"publicado|inviato)\b(?:\s+(?:on|am|le|el|il))?|[•|·»-]",
    re.I,
)
# A member's post count or reputation shown by an icon and a number ("□ 214", "6k").
_COUNT_RE = re.compile(r"^\s*(?:[•□■◦▪]\s*)+\d[\d,.]*k?\s*$")  # a bare "0" is a like count
_DECORATION_RE = re.compile(r"^\s*(?:[•□■◦▪*☆★#\d\s]*|\[[^\]]{0,12}\]|\S)\s*$")
# Buttons under a post, run together by the rendering ("LikeReply", "Reply With Quote").
_CONTROL_RE = re.compile(
    rf"^\s*(?:[•|]\s*)?(?:(?:{CONTROL_WORDS}|find|respect|embed|multi-?quote|with|nach oben|"
    r"top|go up|save|thanks)\s*)+▲?$",
    re.I,
)
_SUBJECT_RE = re.compile(r"^\s*(?:re|aw|antw|sv|odp)\s*:\s*", re.I)
_NAME_RE = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s[^\W\d_][\w.'’-]*){0,3}$")
_CARD_LINES = 20  # a card's lines above its date line, at most
_MIN_POSTS = 2
_SUBJECT_WORDS = 8


def card_messages(lines: list[str]) -> list[RawComment] | None:
    """The topic's posts, first post first, when at least two carry a member card."""
    found: list[tuple[RawComment, int]] = []  # each post and the line its text starts at
    for index, line in enumerate(lines):
        span = _bare_date(line)
        if span is None or profile_value(lines, index, 0):  # "Joined" / "Mar 2, 2015"
            continue
        card = _card_above(lines, index) or _card_below(lines, index)
        if card is not None:
            name, top, text_start = card
            # the post starts at its card's first line, where the previous post ends
            found.append((RawComment(top, name, span.moment, span.has_time, True), text_start))
    if len(found) < _MIN_POSTS:
        return None
    posts = []
    for number, (post, start) in enumerate(found):
        end = found[number + 1][0].line if number + 1 < len(found) else len(lines)
        post.lines = _text(lines, start, end)
        if post.lines:  # a topic's "started by" date over the first card holds no text
            posts.append(post)
    return posts if len(posts) >= _MIN_POSTS else None


def _bare_date(line: str) -> DateSpan | None:
    """The date of a line holding nothing else but a post number or "Posted"."""
    if words(line) > 8 or is_profile_line(line):
        return None
    spans = find_dates(line)
    if len(spans) != 1:
        return None
    rest = line[: spans[0].start] + " " + line[spans[0].end :]
    return spans[0] if not _DATE_NOISE_RE.sub(" ", rest).strip(" ,") else None


def _is_profile(lines: list[str], index: int) -> bool:
    line = lines[index]
    return is_profile_line(line) or profile_value(lines, index, 0) or bool(_COUNT_RE.match(line))


def _is_stop(line: str) -> bool:
    """A line no card holds: a control, a rule, running text, a dated or quoted line."""
    text = BULLET_RE.sub("", line).strip()
    return bool(
        _CONTROL_RE.match(text)
        or is_furniture(line)
        or words(text) > 5
        or text.endswith(("?", "!", "."))
        or find_dates(text)
        or STARTER_RE.match(text)
    )


def _name(line: str) -> str:
    text = BULLET_RE.sub("", line).strip()
    if _DECORATION_RE.match(text) or _SUBJECT_RE.match(text) or not _NAME_RE.match(text):
        return ""
    return text


def _card_above(lines: list[str], index: int) -> tuple[str, int, int] | None:
    """The card standing above a post's date line: (name, its first line, text start)."""
    name, top, profile = "", index, False
    for above in range(index - 1, max(-1, index - _CARD_LINES - 1), -1):
        if not lines[above].strip():
            continue
        if _is_profile(lines, above):
            profile = True
            continue
        if _DECORATION_RE.match(BULLET_RE.sub("", lines[above])) or _SUBJECT_RE.match(lines[above]):
            continue  # an avatar, a rank's stars, a post number, the post's "Re: subject"
        if _is_stop(lines[above]):
            break
        if found := _name(lines[above]):
            name, top = found, above  # the topmost name: ranks stand below it
    return (name, top, index + 1) if name and profile and top < index else None


def _card_below(lines: list[str], index: int) -> tuple[str, int, int] | None:
    """The card under a post's date line (vBulletin): its first line names the author."""
    following = [
        i for i in range(index + 1, min(len(lines), index + _CARD_LINES)) if lines[i].strip()
    ]
    if not following or not (name := _name(lines[following[0]])):
        return None
    last_profile = None
    for below in following[1:]:
        if _is_profile(lines, below):
            last_profile = below
        elif last_profile is not None or (_is_stop(lines[below]) and not is_rule(lines[below])):
            break  # a rule may part the name from the profile data
    if last_profile is None:
        return None
    return name, index, last_profile + 1


def _text(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """A post's lines: from its start to the first control or rule after its text, its
    subject line ("Re: …", a short heading over a blank line) and decorations left out."""
    text: list[tuple[int, str]] = []
    for index in range(start, end):
        line = lines[index]
        stripped = line.strip()
        if text and (_CONTROL_RE.match(stripped) or is_furniture(line)):
            break
        if not text and (not stripped or _DECORATION_RE.match(stripped)):
            continue
        if not text and _is_subject(stripped, lines[index + 1] if index + 1 < end else ""):
            continue
        if not _is_profile(lines, index):
            text.append((index, line))
    return text


def _is_subject(line: str, below: str) -> bool:
    if _SUBJECT_RE.match(line):
        return True
    return (
        not below.strip() and words(line) <= _SUBJECT_WORDS and not line.endswith((".", "?", "!"))
    )
