"""What a post's own markup says of it: title, byline author, date, categories and tags.

Read from the post's container (``article``, ``.hentry``…) before the page at large; the
page head's declarations (JSON-LD, ``og:``) are ``pagemeta.py``'s, the date's final
say ``pubdate.py``'s (htmldate, checked against the minute-precise reading here).
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from indexer.core.models import DatePrecision
from indexer.core.text import clean_name
from indexer.readers.html.body import has_class
from indexer.readers.html.commenter import STATED_DATE_XPATH
from indexer.readers.html.commenttext import classes
from indexer.readers.html.titles import strip_site_name
from indexer.readers.names import author_name
from indexer.readers.pagedates import UNKNOWN, ShownTime, parse_page_time

_BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:posted\s+by|written\s+by|by|von|eingestellt\s+von|autor(?:in)?:?)\s+", re.I
)
# A date with its time inside a sentence ("am Mittwoch, 8. Dezember 2010 um 09:30").
_SENTENCE_DATE_RE = re.compile(
    r"\d{1,2}\.?\s+\w{3,10}\.?\s+(?:19|20)\d\d(?:,?\s+(?:um|at|à)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]m)?)?|"
    r"\w{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]m)?)?",
    re.IGNORECASE,
)
# A list of the post's categories (not WordPress's ``category-news`` post class).
_CATEGORY_LIST_RE = re.compile(r"^(?:(?:entry|post|article)-)?categories$|^cat-links$")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(?:(\d\d)/)?")
_CLOCK_RE = re.compile(r"^\s*\d{1,2}[:.h]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s*$", re.I)


def meta(root: etree._Element, name: str) -> str:
    if name == "canonical":
        values = root.xpath("//link[@rel='canonical']/@href")
    else:
        values = root.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return str(values[0]).strip() if values else ""


def title_of(root: etree._Element, container: etree._Element, names: tuple[str, ...]) -> str:
    """The post's own title element (old themes use ``h2.entry-title``), else the page's
    declared title without the site's name."""
    for element in container.xpath(
        f".//*[{has_class('entry-title')} or {has_class('post-title')}]"
    ):
        if element.text_content().strip():
            return clean_name(element.text_content())
    return strip_site_name(
        clean_name(meta(root, "og:title") or root.findtext(".//title") or ""), names
    )


def author_of(root: etree._Element, container: etree._Element) -> str:
    xpaths = (
        f".//*[{has_class('post-author-name')}]",
        f".//*[{has_class('author')} and {has_class('vcard')}]//*[{has_class('fn')}]",
        f".//*[{has_class('author')} and {has_class('vcard')}]",
        ".//*[contains(@rel, 'author')]",
        ".//*[@itemprop='author']",
        f".//*[{has_class('byline')}]",
        f".//*[{has_class('post-footers')}]",  # Movable Type: "Posted by X on <date>"
        ".//address",
    )
    for xpath in xpaths:
        for element in container.xpath(xpath):
            if any("comment" in " ".join(classes(a)) for a in element.iterancestors()):
                continue
            name = _BYLINE_PREFIX_RE.sub("", " ".join(element.text_content().split()))
            if name and len(name) <= 80 and author_name(name):
                return author_name(name)
    meta_author = meta(root, "author")
    return author_name(meta_author) if meta_author and "://" not in meta_author else ""


def markup_date(root: etree._Element, container: etree._Element) -> ShownTime:
    """The post's time as its markup states it (wall clock, its offset kept)."""
    candidates = [meta(root, "article:published_time")]
    candidates += [str(value) for value in container.xpath(".//time/@datetime")]
    # reddit's post element around the text states its time as an attribute (shreddit-post)
    stamps = container.xpath("ancestor-or-self::*/@created-timestamp | .//@created-timestamp")
    candidates += [str(value) for value in stamps]
    candidates += [str(value.get("content")) for value in container.xpath(STATED_DATE_XPATH)]
    for element in container.xpath(f".//a[@rel='bookmark']/*[{has_class('entry-date')}]"):
        # Twenty Ten: the day as text, its time only in the permalink's title ("9:30 am")
        clock = element.getparent().get("title") or ""
        if _CLOCK_RE.match(clock):
            candidates.append(f"{element.text_content()} {clock}")
    for xpath in (
        f".//*[{has_class('published')}]",
        ".//*[@itemprop='datePublished']",
        f".//*[{has_class('entry-date')}]",
        f".//*[{has_class('date-header')}]",
        f".//*[{has_class('post-date')}]",
    ):
        for element in container.xpath(xpath):
            candidates.append(element.get("title") or "")
            candidates.append(element.text_content())
    for element in container.xpath(
        f".//*[{has_class('postmetadata')} or {has_class('post-footers')}]"
    ):
        # Kubrick: "This entry was posted on Thursday, May 3rd, 2007 at 9:15 am and is …";
        # Movable Type: "Posted by X on December 8, 2010 10:56 AM".
        found = _SENTENCE_DATE_RE.search(" ".join(element.text_content().split()))
        candidates.append(found.group(0) if found else "")
    for candidate in candidates:
        shown = parse_page_time(candidate)
        if shown.moment is not None:
            return shown
    return UNKNOWN


def date_from_url(url: str) -> tuple[datetime | None, DatePrecision]:
    match = _URL_DATE_RE.search(url)
    if not match or not match.group(3):
        return None, DatePrecision.UNKNOWN
    try:
        return datetime(
            int(match.group(1)), int(match.group(2)), int(match.group(3))
        ), DatePrecision.DAY
    except ValueError:
        return None, DatePrecision.UNKNOWN


def _in_widget(element: etree._Element) -> bool:
    """Inside a sidebar, widget or footer (tag clouds there are the blog's, not the post's)."""
    for ancestor in element.iterancestors():
        tokens = " ".join((ancestor.get("class") or "", ancestor.get("id") or "")).lower()
        if ancestor.tag in ("aside", "footer", "nav") or "widget" in tokens or "sidebar" in tokens:
            return True
    return False


def _is_category(link: etree._Element) -> bool:
    """``rel="category tag"``, or a ``rel="tag"`` link in a categories list (Movable Type)."""
    if "category" in (link.get("rel") or ""):
        return True
    return any(
        _CATEGORY_LIST_RE.match(token)
        for ancestor in link.iterancestors()
        for token in (ancestor.get("class") or "").split()
    )


def terms(container: etree._Element, outside_widgets: bool = False) -> tuple[list[str], list[str]]:
    """Categories (``rel="category tag"``) and tags (``rel="tag"``, Blogger labels)."""
    categories: list[str] = []
    tags: list[str] = []
    for link in container.xpath(".//a[contains(@rel, 'tag')]"):
        if outside_widgets and _in_widget(link):
            continue
        name = clean_name(link.text_content())
        target = categories if _is_category(link) else tags
        if name and name not in target:
            target.append(name)
    for link in container.xpath(f".//*[{has_class('post-labels')}]//a"):
        name = clean_name(link.text_content())
        if name and name not in tags:
            tags.append(name)
    return categories, tags
