"""A comment's own text: what is left of its item when controls and metadata go.

Themes print the name, the date, "Reply", "Edit", like buttons and avatars inside the
item, before or after the text, and under classes of their own; what is text is found by
its container's class (``comment-content``…) or else by what is left.
"""

from __future__ import annotations

import re

from lxml import etree

from indexer.core.text import clean_name
from indexer.readers.commentwords import BY_WORDS, CONTROL_WORDS, SAYS_WORDS
from indexer.readers.html.commenter import DATE_LIKE_RE, LONGEST_NAME
from indexer.readers.html.messages import drop_header, message_element, remove
from indexer.readers.htmlclean import text_of

# Parts of a comment item that are controls or metadata, never its text.
FURNITURE_CLASSES = frozenset(
    {"reply", "comment-reply-link", "comment-actions", "item-control", "blog-admin",
     "comment-likes", "comment-like-link", "comment-meta", "commentmetadata", "comment-author",
     "comment-header", "avatar", "avatar-image-container", "thread-toggle", "comment-edit-link",
     "edit-link", "says", "comment-metadata", "comment-footer", "sharedaddy", "likes",
     "trackback-footer"}
)  # fmt: skip
_CONTENT_CLASSES = ("comment-content", "contenttext", "comment-text", "comment-entry")
# Other themes and plugins: the element whose class says it holds the text.
_NOT_CONTENT_RE = re.compile(r"author|meta|date|time|avatar|user|name|footer|header|reply", re.I)
# Controls under a comment, in the languages of the pages seen so far.
_CONTROL_RE = re.compile(
    rf"^\(?(?:{CONTROL_WORDS}|kommentar löschen|see more|show more|mehr anzeigen)\)?$",
    re.IGNORECASE,
)
_BY_LINE_RE = re.compile(rf"^\s*(?:{BY_WORDS})\s*(?:\n+|$)", re.I)
_SAYS_LINE_RE = re.compile(rf"^\s*(?:{SAYS_WORDS})\s*(?::|\.\.\.|…)\s*(?:\n+|$)", re.I)


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def drop_name_line(own: etree._Element, author: str) -> None:
    """The commenter's name standing alone (a profile link, a name span) is not text."""
    if not author:
        return
    for element in list(own.iter()):
        if element is own or not isinstance(element.tag, str):
            continue
        if clean_name(element.text_content()) == author and element.getparent() is not None:
            remove(element)
            return


def comment_text(own: etree._Element) -> str:
    content = None
    for name in _CONTENT_CLASSES:
        matches = own.xpath(
            f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        )
        if matches:
            content = matches[0]
            break
    if content is None:
        content = message_element(own)
    if content is None:
        drop_header(own)
    target = content if content is not None else own
    for element in list(target.iter()):
        if element is target or not isinstance(element.tag, str):
            continue
        size = len(element.text_content())
        furniture = size <= LONGEST_NAME and bool(
            _NOT_CONTENT_RE.search(element.get("class") or "")
        )
        # A block of furniture class that holds paragraphs is a theme's wrapper of the text.
        keeps_text = _holds_paragraphs(element)
        known = bool(classes(element) & FURNITURE_CLASSES) and not keeps_text
        line = " ".join(element.text_content().split())
        # A control, or a date standing alone (the comment's, shown under its text).
        control = _CONTROL_RE.match(line) is not None or DATE_LIKE_RE.fullmatch(line) is not None
        if known or (furniture and not keeps_text) or control or element.tag == "button":
            remove(element)
    return _BY_LINE_RE.sub("", _SAYS_LINE_RE.sub("", text_of(target), count=1), count=1)


def _holds_paragraphs(element: etree._Element) -> bool:
    return any(True for _ in element.iter("p", "blockquote"))
