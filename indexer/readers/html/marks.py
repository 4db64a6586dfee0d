"""Who signed a message block and when, whatever the markup's class names: the element
naming its writer (a member-profile link, an element marked author/user/name) and the
element dating it (a ``<time>``, an element whose own text reads like a date); never a
member's profile data (join date, post count)."""

from __future__ import annotations

import re

from lxml import etree

from indexer.readers.html.profiles import profile_part

_PROFILE_HREF_RE = re.compile(
    r"(?:/(?:user|users|u|profile|profil|member|members|mitglied|benutzer)/|"
    r"memberlist\.php\?[^\"']*mode=viewprofile|member\.php|action=profile|showuser=)",
    re.IGNORECASE,
)
# A class or itemprop token naming the writer ("username", "comment-author", "fn").
_NAME_TOKEN_RE = re.compile(
    r"^(?:.*(?:author|user-?name|poster|nick(?:name)?)|(?:.*[-_])?name|fn)$", re.I
)
# ... or a camel-case one ending in Name (Facebook's "UFICommentActorName", "authorName").
_CAMEL_NAME_RE = re.compile(r"[a-z]Name$")
_DATE_CLASS_RE = re.compile(r"date|time|posted|keyinfo|datum", re.I)
DATE_LIKE_RE = re.compile(
    r"\b(?:19|20)\d\d-\d\d-\d\d|"  # ISO
    r"\b\d{1,2}[-./]\d{1,2}[-./](?:19|20)?\d\d\b|"  # 12-18-2010, 8.12.2010
    r"\b\d{1,2}\.?\s+\w{3,10}\.?,?\s+(?:19|20)\d\d|"  # 8. Dez 2010, 8 December 2010
    r"\b\w{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"  # December 08, 2010
)
_LONGEST_NAME = 80


def _innermost(nodes: list[etree._Element]) -> list[etree._Element]:
    chosen = set(nodes)
    return [n for n in nodes if not any(d in chosen for d in n.iterdescendants())]


def name_node(block: etree._Element) -> etree._Element | None:
    """The element naming who wrote ``block``: a member-profile link, else the innermost
    element marked author/user/name; short, not a date, not profile data."""
    links: list[etree._Element] = []
    marked: list[etree._Element] = []
    for node in block.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        marks = f"{node.get('class') or ''} {node.get('itemprop') or ''}"
        link = node.tag == "a" and bool(_PROFILE_HREF_RE.search(node.get("href") or ""))
        named = any(_NAME_TOKEN_RE.match(t) or _CAMEL_NAME_RE.search(t) for t in marks.split())
        if not (link or named) or "avatar" in marks.lower():
            continue
        text = " ".join(node.text_content().split())
        if len(text) < 2 or len(text) > _LONGEST_NAME or DATE_LIKE_RE.search(text):
            continue
        if not profile_part(node, block):
            (links if link else marked).append(node)
    found = links or _innermost(marked)
    return found[0] if found else None


def own_text(node: etree._Element) -> str:
    """The text directly in ``node``, not in its child elements."""
    return " ".join([node.text or "", *(child.tail or "" for child in node)]).strip()


def date_node(block: etree._Element) -> etree._Element | None:
    """The element dating ``block``: a ``<time>``, else an element whose own text reads
    like a date, one marked date/time (or inside such a mark) first, or one marked
    date/time whose ``title`` is the date its text counts back to (Disqus' "5 years ago"
    titled "Friday, July 2, 2021 7:48 PM"); never profile data (a member's join date)."""
    found = []
    for node in block.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "time" and (node.get("datetime") or node.text_content().strip()):
            return node
        titled = DATE_LIKE_RE.search(node.get("title") or "") and _DATE_CLASS_RE.search(
            node.get("class") or ""
        )
        if (DATE_LIKE_RE.search(own_text(node)) or titled) and not profile_part(node, block):
            found.append(node)
    marked = [node for node in found if _marked_date(node, block)]
    return (marked or found or [None])[0]


def _marked_date(node: etree._Element, block: etree._Element) -> bool:
    for element in (node, *node.iterancestors()):
        if element is block:
            return False
        if _DATE_CLASS_RE.search(element.get("class") or ""):
            return True
    return False
