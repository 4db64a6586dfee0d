"""Where a comment's or a forum post's text is inside its block: the element a theme marks
as the text (``comment-content``, ``post_body``, ``message-body`` …) that holds neither
the writer's name nor the date; unmarked, the block less its dated header line."""

from __future__ import annotations

import re

from lxml import etree

from indexer.readers.html.marks import date_node, name_node

_CONTENT_RE = re.compile(r"(?:content|text|body|message|copy|entry|inner)$", re.IGNORECASE)
_METADATA_PART_RE = re.compile(
    r"(?:^|[-_])(?:author|meta|date|time|avatar|user|footer|header|reply)(?:$|[-_])", re.I
)
_ID_NUMBER_RE = re.compile(r"[-_]?\d+$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NEARLY_ALL = 0.97  # of the most text a marked element holds: the same message
# A forum member's signature under each post: never the post's text.
_SIGNATURE_RE = re.compile(r"(?:^|[-_\s])sig(?:nature\w*)?(?:$|[-_\s])", re.I)
_LONGEST_DATE_LINE = 120
_LEAVES = 20  # characters a header line must leave: else it holds the text too


def remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail and tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _class(element: etree._Element) -> str:
    return (element.get("class") or "") if isinstance(element.tag, str) else ""


def message_element(own: etree._Element) -> etree._Element | None:
    """The descendant a theme marks as the comment's text (``wc-comment-text``,
    ``commentText``, ``comment-copy``, a forum's ``post_body``, ``message-body`` …):
    never one holding the name or the date (the message's header); of those with nearly
    the most text, the innermost (a forum's ``postbody`` holds a subject and a signature
    around its ``content``)."""
    _drop_signatures(own)
    marks = [node for node in (name_node(own), date_node(own)) if node is not None]
    marked = [element for element in own.iter() if _marked_text(element, own, marks)]
    sizes = {element: _size_without_headings(element) for element in marked}
    most = max(sizes.values(), default=0)
    rest = _size_without_headings(own) - sum(_letters(mark) for mark in marks)
    if most == 0 or most < 0.4 * rest:
        return None  # a button's label, not the text
    near = [element for element in marked if sizes[element] >= _NEARLY_ALL * most]
    return max(near, key=lambda element: sum(1 for _ in element.iterancestors()))


def _drop_signatures(own: etree._Element) -> None:
    for signature in [e for e in own.iter() if _SIGNATURE_RE.search(_class(e))]:
        if signature.getparent() is not None:
            remove(signature)


def _marked_text(element: etree._Element, own: etree._Element, marks: list[etree._Element]) -> bool:
    """Whether a class of ``element`` names a text (not metadata) and it holds neither
    the name nor the date."""
    if element is own or not isinstance(element.tag, str):
        return False
    # an id names it too, less its number (vBulletin 3's ``div#post_message_88201``)
    tokens = [*(element.get("class") or "").split(), _ID_NUMBER_RE.sub("", element.get("id") or "")]
    named = any(
        _CONTENT_RE.search(token) and not _METADATA_PART_RE.search(token) for token in tokens
    )
    return named and not any(m is element or element in m.iterancestors() for m in marks)


def _size_without_headings(element: etree._Element) -> int:
    """Letters of text less its headings' (a forum post's "Re: subject" line)."""
    headings = sum(_letters(h) for h in element.iter(*_HEADINGS))
    return _letters(element) - headings


def _letters(element: etree._Element) -> int:
    return len("".join(element.text_content().split()))


def drop_header(own: etree._Element) -> None:
    """Unmarked text: the line dating it (with the name, "#2", "OP" beside the date) goes,
    the outermost short one that leaves text and holds no paragraph."""
    date = date_node(own)
    if date is None:
        return
    total = len(own.text_content().strip())
    header = None
    for ancestor in (date, *date.iterancestors()):
        if ancestor is own:
            break
        size = len(ancestor.text_content().strip())
        if size > _LONGEST_DATE_LINE or total - size < _LEAVES:
            break
        if next(ancestor.iter("p"), None) is not None:
            break
        header = ancestor
    if header is not None and header.getparent() is not None:
        remove(header)
