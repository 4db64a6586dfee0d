"""A saved page's publication day: htmldate's reading, checked against our own.

htmldate reads dates from markup, ``<time>``, JSON-LD and URLs in many languages (what
trafilatura uses); its day is kept, with our minute-precise reading of the post's markup
(``htmlbyline.markup_date``) when that names the same day.
"""

from __future__ import annotations

import re
from datetime import datetime

import htmldate
import lxml.html
from lxml import etree

from indexer.core.models import DatePrecision

# Class or id of a comment thread or one of its parts ("comments", "commentlist",
# "kb-recipe-comment-box", "respond", "replies"): a date read there is a comment's.
_THREAD_RE = re.compile(
    r"(?:^|[-_\s])(?:comments?\w*|discussion\w*|respond|responses|repl(?:y|ies))(?:$|[-_\s])",
    re.IGNORECASE,
)
# Boxes beside the post: a date read there (the previous post's link, a calendar, an
# archive list) is another post's.
_BOX_RE = re.compile(
    r"(?:^|[-_\s])(?:navigation|nav-links|post-navigation|sidebar|widget\w*|calendar)(?:$|[-_\s])",
    re.IGNORECASE,
)
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def page_date(
    html_text: str, url: str, markup: datetime | None, precision: DatePrecision
) -> tuple[datetime | None, DatePrecision]:
    """htmldate's publication day; our markup reading when it names the same day (it has
    the time), or when htmldate finds nothing.

    htmldate takes a page's earliest plausible date; where it cannot read the post's
    byline that can be the first comment's (comments carry machine-readable times, bylines
    often do not). So when our markup does not confirm its day, it is asked again with the
    comment thread taken out: a day that changes was a comment's, never the post's."""
    found = _htmldate(html_text, url)
    if found is None:
        return markup, precision if markup else DatePrecision.UNKNOWN
    if markup is not None and (markup.date() == found.date() or _swapped(markup, found)):
        return markup, precision
    thread_free = _without_thread(html_text)
    outside = _htmldate(thread_free, url) if thread_free is not None else None
    if outside is not None and outside != found:
        found = outside
        if markup is not None and markup.date() == found.date():
            return markup, precision
    return found, DatePrecision.DAY


def _swapped(markup: datetime, found: datetime) -> bool:
    """htmldate read an ambiguous 12/08/2010 day first where the markup states 8 December
    (Drupal's default "Wed, 12/08/2010 - 10:56" beside its RDFa time)."""
    return (found.year, found.month, found.day) == (markup.year, markup.day, markup.month)


def _htmldate(page: str | etree._Element, url: str) -> datetime | None:
    try:
        found = htmldate.find_date(page, url=url or None, original_date=True)
    except Exception:  # htmldate parses hostile markup; a failure only loses its opinion
        return None
    return datetime.fromisoformat(found) if found else None


def _without_thread(html_text: str) -> etree._Element | None:
    """The page without its comment thread and the boxes beside the post (navigation,
    sidebar, widgets): elements whose class or id names one, but never one holding the
    post's headline (a wrapper classed "has-comments" may)."""
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION_RE.sub("", html_text, count=1))
    except (etree.ParserError, ValueError):
        return None
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in ("html", "head", "body", "main"):
            continue
        tokens = " ".join((element.get("class") or "", element.get("id") or ""))
        if element.getparent() is None:
            continue
        if not _THREAD_RE.search(tokens) and not _BOX_RE.search(tokens):
            continue
        if next(element.iter("h1"), None) is None:
            element.drop_tree()
    return root
