"""Forum topics saved as text: every message, the first included, opens with a header
line (a name and a dated line: "von NAME » Mi 8. Dez 2010, 10:56", "NAME 2018-08-02
07:40:00 UTC #1"). The first header standing between the title and the body is the
post's own byline; when the page's longest run of text is a reply's (the body chosen
stands below a second header) or there is none, the topic's first message is the post."""

from __future__ import annotations

from indexer.readers.text.comments import RawComment, find_comments
from indexer.readers.text.furniture import is_prose, words

_NAME_LINES_ABOVE = 3  # a name line may stand this far above its dated line
_MESSAGE_WORDS = 3
_MAX_NAME_WORDS = 4
_HEADER_TO_TEXT = 4  # lines from a message's header to its text
_CONTROL_WORDS = 5  # a control's or a box's line
_CONTROL_ROW = 3  # such lines in a row end a forum message's text


def own_byline(
    lines: list[str], headers: list[int], title_end: int, body_start: int
) -> RawComment | None:
    """The post's own header: the first comment header between title and body."""
    first = next((line for line in headers if title_end <= line < body_start), None)
    if first is None:
        return None
    start = max(title_end, first - _NAME_LINES_ABOVE)
    found = find_comments(lines, start, min(len(lines), body_start + 1), None, True)
    if not found or not _names_someone(found[0].author, lines[found[0].line]):
        return None
    return found[0]


def _names_someone(author: str, header: str) -> bool:
    """A name, not a label ("Aktualisiert: 11.04.2020", "Stand: …") nor a sentence's
    end ("… offen.") nor a heading."""
    if not author or len(author.split()) > _MAX_NAME_WORDS or author.endswith("."):
        return False
    at = header.find(author)
    return at < 0 or not header[at + len(author) :].lstrip().startswith(":")


def topic_messages(
    lines: list[str], headers: list[int], body_start: int, body_end: int
) -> list[RawComment] | None:
    """A forum topic's messages, its first post first, when the body chosen is not the
    first message's text (or none was found); else None."""
    if not headers:
        return None
    first = headers[0]
    body_found = body_end > body_start
    opens_body = first < body_start <= first + _HEADER_TO_TEXT and any(
        line >= body_end for line in headers
    )  # the body is the first of several messages, each under its header
    if body_found and not opens_body and not any(first < line < body_start for line in headers):
        return None  # the body stands above every header, or is the first message's
    start = max(0, first - _NAME_LINES_ABOVE)
    messages = [  # a topic's own byline line ("Started by NAME, DATE") holds no message
        message
        for message in find_comments(lines, start, len(lines), None, True)
        if sum(len(text.split()) for text in message.text_lines) >= _MESSAGE_WORDS
    ]
    if len(messages) < 2 or not _names_someone(messages[0].author, lines[messages[0].line]):
        return None  # a news page's "Stand: DATE" over its text is no forum post
    return messages


def until_controls(text: list[str]) -> list[str]:
    """A message's lines up to a row of short non-prose lines after its text (buttons,
    "Zum Deal »", "TEILEN TWITTERN", a newsletter box): the page goes on there."""
    short = 0
    for index, line in enumerate(text):
        short = short + 1 if line and words(line) <= _CONTROL_WORDS and not is_prose(line) else 0
        if short == _CONTROL_ROW and index >= _CONTROL_ROW:
            return text[: index - _CONTROL_ROW + 1]
    return text
