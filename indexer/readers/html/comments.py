"""Comment threads of saved blog pages: WordPress (classic, WordPress.com) and Blogger.

A comment is a list item (``li``) whose classes include ``comment``,
``pingback`` or ``trackback``, inside the page's comment area (``#comments``,
``ol.commentlist``, Blogger's ``.comments-content``). Sidebar widgets such as
"Recent comments" use other classes and stand outside that area.

Each item gives one passage: a pingback when its class or its text says so
("Pingback: <a>Title | Site</a>", mixed into the comment list on many themes),
otherwise a comment with author, date and text. A reply keeps the anchor of
the nearest enclosing comment as ``parent``. Controls ("Reply", "Antworten",
"Löschen"), like buttons and avatars are never text.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

from indexer.core.models import Passage, Section
from indexer.core.text import clean_name
from indexer.readers.commentwords import (
    PING_EXCERPT_RE,
    PING_PREFIX_RE,
    ping_title_site,
)
from indexer.readers.html.commenter import author_of, time_of
from indexer.readers.html.commenttext import (
    FURNITURE_CLASSES,
    classes,
    comment_text,
    drop_name_line,
)
from indexer.readers.html.messages import remove as _remove
from indexer.readers.html.profiles import profile_parts
from indexer.readers.html.threads import find_thread_items, group_definition_items
from indexer.readers.htmlclean import text_of

_COMMENT_AREA_XPATH = (
    "//*[@id='comments' or @id='entry-comments' or @id='comment-holder'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' commentlist ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-list ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comments-area ')]"
)
_ITEM_CLASSES = frozenset({"comment", "pingback", "trackback"})
_PING_CLASSES = frozenset({"pingback", "trackback"})
# Movable Type / TypePad: items are ``div.comment#comment-N``, ``div.trackback#ping-N``
# (trackbacks listed apart, before the comments): the id numbers the item.
_ITEM_ID_RE = re.compile(r"^(?:comment|ping|pingback|trackback)-\d+$")
# Its trackback: "» <a>Title</a> from Blog name<br/>excerpt [Read More]".
_FROM_BLOG_RE = re.compile(
    r"^[»\s]*(?P<title>[^\n]+?)\s+from\s+(?P<site>[^\n]{1,80})\n+(?P<excerpt>.+?)"
    r"(?:\s*\[read more\])?\s*$",
    re.S | re.I,
)
_PING_ITEMS_XPATH = (
    "//*[@id][contains(concat(' ', normalize-space(@class), ' '), ' trackback ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' pingback ')]"
)
_WRAPPER_EXTRA = 160  # characters beside the item: a name and a date, not a thread
_INDENT_LEVELS = 3  # how far up from a reply its indented box is looked for
_DEPTH_RE = re.compile(r"^depth-(\d+)$")


def _is_item(element: etree._Element) -> bool:
    if not isinstance(element.tag, str) or not classes(element) & _ITEM_CLASSES:
        return False
    if element.tag == "li":
        return True
    # Not a ``dt``: a definition list's name line and its text are paired (threads.py);
    # not the ``article`` inside a WordPress ``li``: that is the item.
    if element.tag not in ("div", "article") or not _ITEM_ID_RE.match(element.get("id") or ""):
        return False
    return not any(_is_item(ancestor) for ancestor in element.iterancestors("li"))


def find_comment_items(root: etree._Element) -> list[etree._Element]:
    """Comment and pingback items in page order: WordPress/Blogger list items of the
    comment area, else a thread recognised by its structure (``commentthreads.py``)."""
    group_definition_items(root)
    return _wordpress_items(root) or find_thread_items(root)


def _wordpress_items(root: etree._Element) -> list[etree._Element]:
    areas = root.xpath(_COMMENT_AREA_XPATH)
    seen: set[etree._Element] = set()
    items: list[etree._Element] = []
    for area in [*areas, *root.xpath(_PING_ITEMS_XPATH)]:
        for element in area.iter():
            if _is_item(element) and element not in seen:
                seen.add(element)
                items.append(element)
    position = {element: index for index, element in enumerate(root.iter())}
    return sorted(items, key=lambda element: position.get(element, 0))


def comment_passages(
    items: list[etree._Element], post_date: datetime | None, captured: datetime | None = None
) -> tuple[list[Passage], list[str]]:
    """Comment and pingback passages of ``items``, and warnings (e.g. an unreadable date)."""
    item_set = set(items)
    anchors: dict[etree._Element, str] = {}
    counts = {Section.COMMENT: 0, Section.PINGBACK: 0}
    passages: list[Passage] = []
    warnings: list[str] = []
    last_at_depth: dict[int, str] = {}
    for item in items:
        own = _own_part(item, item_set)
        text_now = " ".join(own.text_content().split())
        is_ping = (
            bool(classes(item) & _PING_CLASSES)
            or bool(PING_PREFIX_RE.match(text_now))
            or bool(PING_EXCERPT_RE.search(text_now))
        )
        section = Section.PINGBACK if is_ping else Section.COMMENT
        counts[section] += 1
        anchor = f"{section.value}-{counts[section]}"
        anchors[item] = anchor
        depth = _depth(item)
        parent = _parent_anchor(item, item_set, anchors)
        if not parent and depth > 1:
            # Broken markup can close a comment before its replies; WordPress's
            # depth-N classes still tell the thread.
            parent = last_at_depth.get(depth - 1, "")
        last_at_depth[depth] = anchor
        if is_ping:
            passages.append(_pingback(own, anchor, parent, post_date))
            continue
        author, url = author_of(own)
        shown = time_of(own, post_date, captured)
        wrapper = _wrapper(item, item_set) if not author and shown.moment is None else None
        if wrapper is not None:  # a shop's review: the text marked, its byline beside it
            author, url = author_of(wrapper)
            shown = time_of(wrapper, post_date, captured)
        drop_name_line(own, author)
        if shown.moment is None:
            warnings.append(f"{anchor}: no readable date")
        passages.append(
            Passage(
                section=Section.COMMENT,
                anchor=anchor,
                text=comment_text(own),
                author=author,
                date=shown.moment,
                date_precision=shown.precision,
                utc_offset=shown.offset,
                parent=parent,
                url=url,
            )
        )
    return passages, warnings


def _wrapper(item: etree._Element, item_set: set[etree._Element]) -> etree._Element | None:
    """The element around a comment item that holds only it and a little more: its name
    and date ("<blockquote><div>★★★★★ <small>Georg N. am 10.4.2020</small></div><p
    class="comment">…</p></blockquote>")."""
    parent = item.getparent()
    if parent is None or any(other in item_set for other in parent.iter() if other is not item):
        return None
    extra = len(parent.text_content()) - len(item.text_content())
    return parent if 0 < extra <= _WRAPPER_EXTRA else None


def _depth(item: etree._Element) -> int:
    for name in classes(item):
        match = _DEPTH_RE.match(name)
        if match:
            return int(match.group(1))
    return 0


def _own_part(item: etree._Element, item_set: set[etree._Element]) -> etree._Element:
    """A copy of ``item`` without the replies nested in it."""
    nested = {id(element) for element in item.iter() if element is not item and element in item_set}
    clone = copy.deepcopy(item)
    pairs = list(zip(item.iter(), clone.iter(), strict=True))
    for original, copied in pairs:
        if id(original) in nested:
            _remove(copied)
    for replies in clone.xpath(
        ".//*[contains(@class, 'comment-replies') or contains(@class, 'children')]"
    ):
        _remove(replies)
    for profile in profile_parts(clone):
        _remove(profile)
    return clone


def _parent_anchor(
    item: etree._Element, item_set: set[etree._Element], anchors: dict[etree._Element, str]
) -> str:
    """The comment a reply answers: the item it is nested in, else the item just before
    the indented box it sits in (Coral's ``coral-indent-1``, Drupal's ``div.indented``)."""
    for ancestor in item.iterancestors():
        if ancestor in item_set:
            return anchors.get(ancestor, "")
    for level, box in enumerate(item.iterancestors()):
        before = _previous_element(box)
        if before in item_set:
            return anchors.get(before, "")
        if before is not None or level + 1 >= _INDENT_LEVELS:
            return ""
    return ""


def _previous_element(element: etree._Element) -> etree._Element | None:
    """The element before ``element``, past empty anchors (``<a id="comment-12">``)."""
    for sibling in element.itersiblings(preceding=True):
        if isinstance(sibling.tag, str) and not (
            sibling.tag == "a" and not len(sibling) and not (sibling.text or "").strip()
        ):
            return sibling
    return None


def _pingback(own: etree._Element, anchor: str, parent: str, post_date: datetime | None) -> Passage:
    link = next((a for a in own.iter("a") if (a.get("href") or "").startswith("http")), None)
    title = clean_name(link.text_content()) if link is not None else ""
    url = (link.get("href") or "") if link is not None else ""
    post_title, site = ping_title_site(title)
    site = site or urlsplit(url).hostname or ""
    shown = time_of(own, post_date)  # before its metadata goes
    for element in list(own.iter()):
        if element is not own and classes(element) & FURNITURE_CLASSES - {"comment-author"}:
            _remove(element)
    text = PING_PREFIX_RE.sub("", text_of(own))
    excerpt = PING_EXCERPT_RE.search(text)
    from_blog = _FROM_BLOG_RE.match(text)
    if from_blog and from_blog["title"] == title:
        site, text = from_blog["site"], from_blog["excerpt"]
    elif excerpt:  # only the excerpt: the name, "says" and date before it are not text
        text = text[excerpt.start() :]
    return Passage(
        section=Section.PINGBACK,
        anchor=anchor,
        text=text or title,
        author=clean_name(site),
        date=shown.moment,
        date_precision=shown.precision,
        utc_offset=shown.offset,
        title=post_title,
        parent=parent,
        url=url,
    )
