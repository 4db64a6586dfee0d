"""A saved page's own statements about its post: title, author, date, site name.

What a page declares for machines comes first (JSON-LD ``Article``/``BlogPosting``
with Yoast-style ``@id`` references resolved, OpenGraph, ``meta``), then what it
shows (the post's ``h1``, bylines, see ``htmlpage.py``). Dates: ``pagedates.page_date``.
Measured on the shared evaluation pages (``make eval``): see docs/eval.md.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Collection, Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from indexer.core.text import clean_name
from indexer.readers.names import author_name

JsonObject = dict[str, Any]
_ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "Posting", "Report", "Recipe",
                  "WebPage", "Review", "HowTo", "QAPage", "DiscussionForumPosting")  # fmt: skip
_BYLINE_RE = re.compile(
    r"^\s*(?:posted\s+by|written\s+by|view\s+all\s+posts\s+by|all\s+posts\s+by|"
    r"zeige\s+alle\s+beiträge\s+von|alle\s+beiträge\s+von|show\s+all\s+articles\s+of|"
    r"geschrieben\s+von|verfasst\s+von|eingestellt\s+von|autor(?:in)?\s*:?|author\s*:|"
    r"by|von|par|por)\s+",
    re.IGNORECASE,
)
_TRAILING_DATE_RE = re.compile(r"\s+(?:am|on|le|um|at|@|\|)\s+\S*\d.*$", re.IGNORECASE)
_TRAILING_ARROW_RE = re.compile(r"\s*[→»›>]+\s*$")
# Placeholders of comment forms and follow buttons that bylines are sometimes mistaken for.
_NOT_NAMES = frozenset({"name", "follow", "admin", "author", "autor", "redaktion:", "guest"})
_MAX_NAME = 80
_MAX_NAME_WORDS = 6
_PROFILE_LINK_RE = re.compile(
    r"/(?:author|autor|autoren|authors|user|users|profil|profile|in)/[^/?#]+/?(?:$|[?#.])"
)
_SAID_RE = re.compile(r"\b(?:said|says|sagt|schreibt|meint)\b", re.IGNORECASE)  # a commenter


def structured_data(root: etree._Element) -> list[JsonObject]:
    """Every JSON-LD object of the page (``@graph`` flattened); bad JSON is skipped."""
    objects: list[JsonObject] = []
    for script in root.xpath("//script[contains(@type, 'ld+json')]"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        objects.extend(_flatten(data))
    return objects


def _flatten(data: Any) -> Iterator[JsonObject]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"))


def json_types(item: JsonObject) -> list[str]:
    kind = item.get("@type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind or "")]


def _article(objects: list[JsonObject]) -> JsonObject | None:
    for wanted in _ARTICLE_TYPES:  # the most specific kind first
        for item in objects:
            if any(kind.endswith(wanted) for kind in json_types(item)) and item.get("author"):
                return item
    return None


def _names_of(value: Any, by_id: dict[str, JsonObject]) -> list[str]:
    if isinstance(value, list):
        return [name for item in value for name in _names_of(item, by_id)]
    if isinstance(value, str):
        return [] if "://" in value else [value]
    if isinstance(value, dict):
        if "name" not in value and str(value.get("@id", "")) in by_id:
            value = by_id[str(value["@id"])]
        name = value.get("name")
        return _names_of(name, by_id) if name else []
    return []


def jsonld_author(objects: list[JsonObject], hosts: tuple[str, ...]) -> str:
    article = _article(objects)
    if article is None:
        return ""
    by_id = {str(item["@id"]): item for item in objects if item.get("@id")}
    names = [clean_author(name, hosts) for name in _names_of(article.get("author"), by_id)]
    return ", ".join(dict.fromkeys(name for name in names if name))


def clean_author(name: str, hosts: tuple[str, ...] = ()) -> str:
    """A byline's name without "By"/"Von"/"View all posts by" and arrows; "" if it is
    no person's name (a URL, a form placeholder, a commenter's "X says", the page's own
    host name). A site name can be right: personal blogs are named after their author."""
    name = _TRAILING_ARROW_RE.sub("", _BYLINE_RE.sub("", " ".join(str(name).split())))
    name = _TRAILING_DATE_RE.sub("", name)
    name = clean_name(name.strip(" ,;:|"))
    if not name or len(name) > _MAX_NAME or "://" in name or name.casefold() in _NOT_NAMES:
        return ""
    if _SAID_RE.search(name) or any(letters(name) == letters(host) for host in hosts):
        return ""
    return author_name(name)  # never a date, a widget's heading or a control


def meta_content(root: etree._Element, *names: str) -> str:
    for name in names:
        values = root.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        for value in values:
            if str(value).strip():
                return " ".join(str(value).split())
    return ""


def meta_author(root: etree._Element, hosts: tuple[str, ...]) -> str:
    """``meta name=author`` (and the like), else Yoast's "Written by" twitter label."""
    author = clean_author(
        meta_content(root, "author", "article:author", "parsely-author", "sailthru.author"),
        hosts,
    )
    if author:
        return author
    label = meta_content(root, "twitter:label1").casefold()
    if label.startswith(("written by", "geschrieben von", "verfasst von", "von")):
        return clean_author(meta_content(root, "twitter:data1"), hosts)
    return ""


def trafilatura_author(
    page: etree._Element,
    url: str,
    hosts: tuple[str, ...],
    title: str,
    comments: Collection[etree._Element] = (),
) -> str:
    """trafilatura's byline heuristics on the page as shown (hidden parts gone) without
    its ``comments`` (whose "NAME says:" it takes for the post's byline): the last
    resort (measured: they find bylines in markup ours does not know, and also mistake
    titles and buttons for names, which are refused here)."""
    from trafilatura.metadata import extract_metadata  # heavy: only when a page needs it

    clone = copy.deepcopy(page)  # a copy: trafilatura prunes the tree it is given
    if comments:
        doomed = [twin for node, twin in zip(page.iter(), clone.iter(), strict=True)
                  if node in comments]  # fmt: skip
        for twin in doomed:
            if twin.getparent() is not None:
                twin.getparent().remove(twin)
    try:
        found = extract_metadata(clone, default_url=url or None).author or ""
    except Exception:  # its heuristics on hostile markup: a failure only loses its opinion
        return ""
    names = [clean_author(name, hosts) for name in found.split(";")]
    if any(not name or similarity(name, title) > 0.8 for name in names):
        return ""
    if any(len(name.split()) > _MAX_NAME_WORDS for name in names):  # a sentence it took
        return ""
    return ", ".join(names)


def author_link(root: etree._Element, hosts: tuple[str, ...]) -> str:
    """The text of the first link to an author's or user's profile page outside comments,
    sidebars and navigation: how many sites without byline markup name the author."""
    for link in root.iter("a"):
        href = (link.get("href") or "").lower()
        if not _PROFILE_LINK_RE.search(href):
            continue
        if any(is_page_furniture(ancestor) for ancestor in link.iterancestors()):
            continue
        name = clean_author(link.text_content(), hosts)
        if name and len(name.split()) <= 4:
            return name
    return ""


def page_hosts(root: etree._Element, url: str) -> tuple[str, ...]:
    """The page's host names (from its URL and og:url), which are never a byline."""
    urls = [url, meta_content(root, "og:url")]
    return tuple({(urlsplit(u.strip()).hostname or "").removeprefix("www.") for u in urls} - {""})


def letters(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def is_page_furniture(element: etree._Element) -> bool:
    tokens = " ".join((element.get("class") or "", element.get("id") or "")).lower()
    if element.tag in ("nav", "aside", "footer") or element.get("role") == "banner":
        return True
    words = ("masthead", "site-header", "sidebar", "widget", "comment", "respond")
    return any(word in tokens for word in words)


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()
