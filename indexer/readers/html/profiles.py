"""A forum member's profile data beside each post: join date, post count, location, as
label/value lines ("Joined Mar 2015", "Beiträge: 87"). Never the writer's name, never the
post's date, never its text."""

from __future__ import annotations

from lxml import etree

from indexer.readers.commentwords import PROFILE_LABEL_RE

_LONGEST_PROFILE_LINE = 200  # MyBB writes all the member's counts in one block


def profile_part(node: etree._Element, block: etree._Element) -> bool:
    """Whether ``node`` is a member's profile data in ``block`` (join date, post count):
    it or an ancestor below the block starts with a profile label ("Joined", "Beiträge:")."""
    for element in (node, *node.iterancestors()):
        if element is block:
            return False
        if _starts_with_label(element):
            return True
    return False


def _starts_with_label(element: etree._Element) -> bool:
    """Whether the element's text starts with a profile label, read from its first
    words only (the text of a whole post is never read here)."""
    head = (element.text or "").strip()
    if not head and len(element) and isinstance(element[0].tag, str):
        head = (element[0].text or "").strip()
    return bool(head) and PROFILE_LABEL_RE.match(head) is not None


def profile_parts(block: etree._Element) -> list[etree._Element]:
    """The member's profile data in ``block``: label/value lines ("Joined Mar 2015",
    "Beiträge: 87") and the lists holding only such lines with the rank beside them."""
    found = []
    for node in block.iterdescendants():
        if not isinstance(node.tag, str) or node.tag == "p" or not _starts_with_label(node):
            continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > _LONGEST_PROFILE_LINE or not PROFILE_LABEL_RE.match(text):
            continue
        if not any(ancestor in found for ancestor in node.iterancestors()):
            found.append(node)
    return found
