"""Who wrote a comment and when, in its HTML: the name element and the time as shown.

The name element of each comment system, learnt from its templates: WordPress's
``Walker_Comment`` prints ``<div class="comment-author vcard">`` holding ``<cite
class="fn">`` (or ``<b class="fn">``) and ``get_comment_author_link()``'s ``<a
rel="external nofollow ugc" class="url">``; themes put it in ``.comment-author-name``,
``.comment__author-name``…; Blogger ``<cite class="user">``; Disqus ``.author a``, schema.org
``itemprop=author``; forums ``.username``, ``…AuthorName``. A container matched first
(``.comment-author``, a theme's ``<header class="comment-meta comment-author">``) is narrowed
to the name element inside it, so its date, "says" and "Reply" stay out; what is left is
cleaned by ``readers/names.py``. Without a name element, the name is read off the
comment's meta line ("Heidemarie Heim | Di, 21. April 2020 - 16:40", "geschrieben von X
am …", "Georg N. am 10.4.2020").

The time follows the one policy (``readers/pagedates.py``): what the page shows, with the
offset its markup states.
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree

from indexer.core.models import DatePrecision
from indexer.readers.html.marks import date_node, name_node, own_text
from indexer.readers.names import commenter_name
from indexer.readers.pagedates import UNKNOWN, ShownTime, parse_page_time, shown_or_stated


def _class_is(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# The classes of name containers, lower-cased: "author", "autor", "username", "name" …
_NAMEISH = (
    "(contains(translate(@class, 'AUTHORNMESI', 'authornmesi'), 'author')"
    " or contains(translate(@class, 'AUTOR', 'autor'), 'autor')"
    " or contains(translate(@class, 'USERNAMI', 'usernami'), 'username')"
    " or contains(translate(@class, 'USERNAMI', 'usernami'), 'user-name')"
    " or contains(translate(@class, 'NAME', 'name'), 'name'))"
    " and not(contains(@class, 'avatar')) and not(contains(@class, 'field--name'))"
)
AUTHOR_XPATHS = (
    f".//*[{_class_is('fn')}]",
    ".//a[contains(@rel, 'external') and contains(@rel, 'nofollow')]",  # WordPress's link
    f".//cite[{_class_is('user')}]",
    f".//*[{_class_is('comment-author')}]",
    ".//cite",
    ".//*[@itemprop='author']//*[@itemprop='name']",
    ".//*[@itemprop='author']",
    # Other themes and plugins: a class naming the author or user, never its avatar.
    f".//*[{_NAMEISH}]",
)
# Inside a matched container, the name element itself.
_NARROWER = (
    f".//*[{_class_is('fn')}]",
    ".//a[contains(@rel, 'external') and contains(@rel, 'nofollow')]",
    ".//cite",
    f".//*[{_NAMEISH}]",
    ".//b | .//strong",
)
_DATE_XPATHS = (
    f".//*[{_class_is('commentmetadata')}]//a",
    f".//*[{_class_is('comment-meta')}]//a",
    f".//*[{_class_is('datetime')}]",
    f".//*[{_class_is('comment-date')}]",
    f".//*[{_class_is('commentmetadata')}]",
    ".//*[contains(translate(@class, 'DATE', 'date'), 'date')]",
    ".//*[contains(translate(@class, 'TIME', 'time'), 'time')]",
    ".//*[contains(translate(@class, 'DATUM', 'datum'), 'datum')]",
    ".//*[contains(translate(@class, 'META', 'meta'), 'meta')]",
)
LONGEST_NAME = 80
_MOST_NAME_WORDS = 4  # "Plot talk » Raised beds"; a pane with rank and counts has more
_PROFILE_RE = re.compile(r"/(?:user|users|profil|profile|member|members|mitglied|benutzer)/", re.I)
DATE_LIKE_RE = re.compile(
    r"(?:19|20)\d\d-\d\d-\d\d(?:\s*(?:@|at|um|,)?\s*\d{1,2}:\d{2})?|"  # 2019-01-01 @ 00:39
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d(?:,?\s+(?:um\s+|-\s+)?\d{1,2}[:.]\d{2})?|"
    r"\d{1,2}\.?\s+\w{3,10}\.?\s+(?:19|20)\d\d(?:,?\s+(?:um|at|à|-)?\s*\d{1,2}[:.]\d{2})?|"
    r"\w{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?)?"
)
_LONGEST_DATE_LINE = 120
_MAX_META_NAME_WORDS = 4
_MAX_DATE_TRIES = 4  # dateparser is slow: a few unmarked candidates per comment


def _text(element: etree._Element) -> str:
    return " ".join(element.text_content().split())


def name_element(own: etree._Element) -> etree._Element | None:
    """The element holding the commenter's name (narrowed from its container)."""
    found = _first(own, AUTHOR_XPATHS, LONGEST_NAME)
    named = name_node(own)  # a forum's author pane: the name in it, not its rank and counts
    if named is not None and (
        found is None
        or named in found.iterdescendants()
        or len(found.text_content().split()) > _MOST_NAME_WORDS
    ):
        found = named
    if found is None:
        found = _profile_link(own)
    while found is not None:
        inner = next(
            (
                element
                for xpath in _NARROWER
                for element in found.xpath(xpath)
                if element is not found and commenter_name(element.text_content())
            ),
            None,
        )
        if inner is None:
            return found
        found = inner
    return None


def author_of(own: etree._Element) -> tuple[str, str]:
    """The commenter's name as the page shows it, and their link ("" when none)."""
    found = name_element(own)
    name = commenter_name(found.text_content()) if found is not None else ""
    if not name:
        return _name_from_meta_line(own), ""
    link = found if found.tag == "a" else next(iter(found.iter("a")), None)  # type: ignore[union-attr]
    url = (link.get("href") or "") if link is not None else ""
    return name, url if url.startswith("http") else ""


def _first(element: etree._Element, xpaths: tuple[str, ...], longest: int) -> etree._Element | None:
    for xpath in xpaths:
        for found in element.xpath(xpath):
            text = _text(found)
            if text and len(text) <= longest:
                return found
    return None


def _profile_link(own: etree._Element) -> etree._Element | None:
    """A link to the commenter's profile on the site (``/user/NAME``, ``/profil/…``)."""
    for link in own.iter("a"):
        text = _text(link)
        if text and len(text) <= LONGEST_NAME and _PROFILE_RE.search(link.get("href") or ""):
            return link
    return None


def _name_from_meta_line(own: etree._Element) -> str:
    """A name standing before the date on the comment's meta line: of the short lines
    holding a date, the shortest that leaves a name ("geschrieben von X am …" inside
    "Titel geschrieben von X am … [antworten]")."""
    names: list[tuple[int, str]] = []
    for element in own.iter():
        if not isinstance(element.tag, str) or element is own:
            continue
        text = _text(element)
        if len(text) > _LONGEST_DATE_LINE or not DATE_LIKE_RE.search(text):
            continue
        name = commenter_name(text)
        if name and len(name.split()) <= _MAX_META_NAME_WORDS:
            names.append((len(text), name))
    return min(names)[1] if names else ""


def _with_time_beside(
    found: etree._Element, shown: ShownTime, reference: datetime | None
) -> ShownTime:
    """A day whose time stands in the next element of the same class ("<span
    class=comment-date>11. Februar 2020</span><span class=comment-date> at 9:41</span>")."""
    after = found.getnext()
    if shown.precision == DatePrecision.MINUTE or after is None:
        return shown
    if after.get("class") != found.get("class"):
        return shown
    joined = parse_page_time(f"{_text(found)} {_text(after)}", reference)
    return joined if joined.precision == DatePrecision.MINUTE else shown


# RDFa and microdata: the time as data beside the text (Drupal's ``property="dc:date
# dc:created" content="2010-12-08T14:20:11+01:00"``, ``itemprop="dateCreated"``).
STATED_DATE_XPATH = (
    ".//*[@content][contains(@property, 'dc:date') or contains(@property, 'dc:created')"
    " or contains(@itemprop, 'dateCreated') or contains(@itemprop, 'datePublished')]"
)


def time_of(
    own: etree._Element, post_date: datetime | None, captured: datetime | None = None
) -> ShownTime:
    """The comment's time as the page shows it, with the offset its markup states."""
    stated = _stated(own)
    reference = stated.moment or post_date
    return shown_or_stated(_shown(own, reference, captured), stated)


def _stated(own: etree._Element) -> ShownTime:
    """The machine-readable time: reddit's ``created`` attribute on the comment itself,
    ``<time datetime>``, a date element's ISO ``title``."""
    stated = parse_page_time(own.get("created") or "")
    if stated.moment is not None:
        return stated
    for time_element in own.iter("time"):
        stated = parse_page_time(time_element.get("datetime") or "")
        if stated.moment is not None:
            return stated
    for found in own.xpath(STATED_DATE_XPATH):
        stated = parse_page_time(found.get("content") or "")
        if stated.moment is not None:
            return stated
    for xpath in _DATE_XPATHS:
        for found in own.xpath(xpath):
            title = found.get("title") or ""
            if title[:4].isdigit():
                stated = parse_page_time(title)
                if stated.moment is not None:
                    return stated
    return UNKNOWN


def _shown(own: etree._Element, reference: datetime | None, captured: datetime | None) -> ShownTime:
    """The time in the comment's visible text."""
    for time_element in own.iter("time"):
        shown = parse_page_time(_text(time_element), reference, captured)
        if shown.moment is not None:
            return shown
    for xpath in _DATE_XPATHS:  # the first candidate that reads as a date
        for found in own.xpath(xpath):
            title, visible = found.get("title") or "", _text(found)
            if title[:4].isdigit():
                title = ""
            # "5y" titled "Friday, July 2, 2021 at 8:12 PM": the title says more
            full_title = bool(DATE_LIKE_RE.search(title)) and not DATE_LIKE_RE.search(visible)
            for text in (title, visible) if full_title else (visible, title):
                shown = parse_page_time(text, reference, captured)
                if shown.moment is not None:
                    return _with_time_beside(found, shown, reference)
    dated = date_node(own)  # a forum's unmarked header cell ("12-18-2010, 10:56 AM")
    if dated is not None and dated.tag != "time":
        shown = parse_page_time(own_text(dated), reference, captured)
        if shown.moment is not None:
            return shown
    # Unmarked: a short line of its own that holds a date ("Georg N. am 10.4.2020").
    tried = 0
    for element in own.iter():
        text = _text(element) if isinstance(element.tag, str) else ""
        match = DATE_LIKE_RE.search(text)
        if match is None or len(text) > _LONGEST_DATE_LINE:
            continue
        shown = parse_page_time(match.group(0).replace("@", " "), reference)
        if shown.moment is not None:
            return shown
        tried += 1
        if tried >= _MAX_DATE_TRIES:
            break
    return UNKNOWN
