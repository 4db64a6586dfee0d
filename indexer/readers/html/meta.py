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
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|–—·»«:]|-|::)\s+")
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
_KICKER_RE = re.compile(
    r"dachzeile|overline|kicker|topline|titleheader|supertitle|roofline|spitzmarke|eyebrow|"
    r"pretitle|preheadline|ts-colon"
)
# An h1 this far from the declared title is some other box's (measured: real post titles
# that were rewritten for og:title still score >= 0.4).
_HEADLINE_MIN_SIMILARITY = 0.4
_LOGO_RE = re.compile(r"(?:^|[-_])(?:logo|site-?title|site-?name|brand|blog-?title)(?:$|[-_])")


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


def _types(item: JsonObject) -> list[str]:
    kind = item.get("@type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind or "")]


def _article(objects: list[JsonObject]) -> JsonObject | None:
    for wanted in _ARTICLE_TYPES:  # the most specific kind first
        for item in objects:
            if any(kind.endswith(wanted) for kind in _types(item)) and item.get("author"):
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
    if _SAID_RE.search(name) or any(_letters(name) == _letters(host) for host in hosts):
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
    if any(not name or _similarity(name, title) > 0.8 for name in names):
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
        if any(_is_page_furniture(ancestor) for ancestor in link.iterancestors()):
            continue
        name = clean_author(link.text_content(), hosts)
        if name and len(name.split()) <= 4:
            return name
    return ""


def page_hosts(root: etree._Element, url: str) -> tuple[str, ...]:
    """The page's host names (from its URL and og:url), which are never a byline."""
    urls = [url, meta_content(root, "og:url")]
    return tuple({(urlsplit(u.strip()).hostname or "").removeprefix("www.") for u in urls} - {""})


def site_names(root: etree._Element, url: str, objects: list[JsonObject]) -> tuple[str, ...]:
    """Names the site goes by: og:site_name, application-name, JSON-LD WebSite/Organization,
    the host, and the text of logo elements."""
    names = [meta_content(root, "og:site_name", "application-name")]
    for item in objects:
        if any(kind in ("WebSite", "Organization") for kind in _types(item)):
            names.append(str(item.get("name") or ""))
    host = urlsplit(url.strip()).hostname or ""
    if host and host != "web.archive.org":
        names.append(host.removeprefix("www."))
    for heading in root.iter("h1", "h2", "p", "div", "a", "span"):
        if (_is_logo(heading) or _links_home(heading)) and len(heading.text_content()) < _MAX_NAME:
            names.append(" ".join(heading.text_content().split()))
    return tuple(dict.fromkeys(clean_name(name) for name in names if name.strip()))


def _links_home(element: etree._Element) -> bool:
    """A heading that is nothing but a link to the site's front page (Kubrick's
    ``#header h1``): the site's name."""
    if element.tag not in ("h1", "h2"):
        return False
    links = list(element.iter("a"))
    if len(links) != 1 or (element.text or "").strip() or (links[0].tail or "").strip():
        return False
    href = links[0].get("href") or ""
    return bool(href) and urlsplit(href).path in ("", "/") and not urlsplit(href).query


def _is_logo(element: etree._Element) -> bool:
    tokens = " ".join((element.get("class") or "", element.get("id") or "")).lower().split()
    return any(_LOGO_RE.search(token) for token in tokens)


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


def _same_site(text: str, site: str) -> bool:
    a, b = _letters(text), _letters(site)
    if not a or not b:
        return False
    host_like = _letters(site.rsplit(".", 1)[0]) if "." in site and " " not in site else b
    return a in (b, host_like) or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def strip_site_name(title: str, names: tuple[str, ...]) -> str:
    """ "Post | Site", "Site - Post", "Post — Site - Tagline": the post's part only."""
    parts = _TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    for index in (len(parts) - 1, 0):
        rest = parts[:index] if index else parts[1:]
        if any(_same_site(parts[index], name) or _starts_with_site(parts[index], name)
               for name in names):  # fmt: skip
            return strip_site_name(" - ".join(rest), names) if len(rest) > 1 else rest[0]
    if " | " in title:  # "Post | Blog name" is the usual pattern even when no name is known
        return title.rsplit(" | ", 1)[0]
    return title


def _starts_with_site(part: str, site: str) -> bool:
    return len(_letters(site)) >= 4 and _letters(part).startswith(_letters(site))


def headline(root: etree._Element, names: tuple[str, ...], declared: str) -> str:
    """The post's ``h1``: not a logo or the site's name, not in the page header, navigation,
    sidebars or comments. With several, the one closest to the ``declared`` title (og:title,
    <title>); one far from it (a newsletter box's, a widget's) is not taken."""
    candidates = []
    for heading in root.iter("h1"):
        text = _headline_text(heading)
        if not text or len(text) > 300 or _is_logo(heading):
            continue
        if any(_same_site(text, name) or _starts_with_site(text, name) for name in names):
            continue
        if any(_is_page_furniture(ancestor) for ancestor in heading.iterancestors()):
            continue
        candidates.append(text)
    if not declared:
        return candidates[0] if candidates else ""
    scored = [(_similarity(text, declared), text) for text in candidates]
    best = max(scored, default=(0.0, ""), key=lambda pair: pair[0])
    return best[1] if best[0] >= _HEADLINE_MIN_SIMILARITY else ""


def _headline_text(heading: etree._Element) -> str:
    """The heading without its kicker ("Dachzeile", overline) and hidden separators."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if isinstance(node.tag, str) and not _skipped(node):
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not heading:
            parts.append(node.tail or "")

    walk(heading)
    return clean_name(" ".join(parts).strip(" :–-"))


def _skipped(element: etree._Element) -> bool:
    tokens = (element.get("class") or "").lower()
    return element.get("aria-hidden") == "true" or bool(_KICKER_RE.search(tokens))


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _is_page_furniture(element: etree._Element) -> bool:
    tokens = " ".join((element.get("class") or "", element.get("id") or "")).lower()
    if element.tag in ("nav", "aside", "footer") or element.get("role") == "banner":
        return True
    words = ("masthead", "site-header", "sidebar", "widget", "comment", "respond")
    return any(word in tokens for word in words)
