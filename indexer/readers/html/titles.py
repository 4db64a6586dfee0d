"""The site's names and the post's title: the names a site goes by (``og:site_name``,
JSON-LD, its host, its logo, its breadcrumbs' first link), a title without them, and the
post's ``h1``."""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from lxml import etree

from indexer.core.text import clean_name
from indexer.readers.html.meta import (
    JsonObject,
    is_page_furniture,
    json_types,
    letters,
    meta_content,
    similarity,
)

_MAX_NAME = 80
_TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|–—·»«:]|-|::)\s+")
_SITE_IN_PARENTHESES_RE = re.compile(r"^(?P<post>.+?)\s+\((?P<site>[^()]+)\)$")  # Movable Type
_KICKER_RE = re.compile(
    r"dachzeile|overline|kicker|topline|titleheader|supertitle|roofline|spitzmarke|eyebrow|"
    r"pretitle|preheadline|ts-colon"
)
# An h1 this far from the declared title is some other box's (measured: real post titles
# that were rewritten for og:title still score >= 0.4).
_HEADLINE_MIN_SIMILARITY = 0.4
_BREADCRUMBS_RE = re.compile(r"(?:^|\s)(?:breadcrumbs?|navbar|navbit)(?:\s|$)", re.I)
_FRONT_PAGES = ("", "index.php", "index.html", "forum.php")
_LOGO_RE = re.compile(r"(?:^|[-_])(?:logo|site-?title|site-?name|brand|blog-?title)(?:$|[-_])")


def site_names(root: etree._Element, url: str, objects: list[JsonObject]) -> tuple[str, ...]:
    """Names the site goes by: og:site_name, application-name, JSON-LD WebSite/Organization,
    the host, and the text of logo elements."""
    names = [meta_content(root, "og:site_name", "application-name")]
    for item in objects:
        if any(kind in ("WebSite", "Organization") for kind in json_types(item)):
            names.append(str(item.get("name") or ""))
    host = urlsplit(url.strip()).hostname or ""
    if host and host != "web.archive.org":
        names.append(host.removeprefix("www."))
    for heading in root.iter("h1", "h2", "p", "div", "a", "span"):
        if (_is_logo(heading) or _links_home(heading)) and len(heading.text_content()) < _MAX_NAME:
            names.append(" ".join(heading.text_content().split()))
    names.append(_breadcrumbs_root(root))
    return tuple(dict.fromkeys(clean_name(name) for name in names if name.strip()))


def _breadcrumbs_root(root: etree._Element) -> str:
    """The first link of the breadcrumbs, when it leads to the front page: the site's name
    (vBulletin 3's ``span.navbar``, "Spoke & Rim Forums > Workshop > …")."""
    for trail in root.iter():
        if not isinstance(trail.tag, str) or not _BREADCRUMBS_RE.search(trail.get("class") or ""):
            continue
        link = next(trail.iter("a"), None)
        if link is None:
            return ""
        path = urlsplit(link.get("href") or "").path.rsplit("/", 1)[-1]
        text = " ".join(link.text_content().split())
        return text if path in _FRONT_PAGES and len(text) < _MAX_NAME else ""
    return ""


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


def _same_site(text: str, site: str) -> bool:
    a, b = letters(text), letters(site)
    if not a or not b:
        return False
    host_like = letters(site.rsplit(".", 1)[0]) if "." in site and " " not in site else b
    return a in (b, host_like) or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def strip_site_name(title: str, names: tuple[str, ...]) -> str:
    """ "Post | Site", "Site - Post", "Post — Site - Tagline", "Post (Site)": the post's
    part only."""
    enclosed = _SITE_IN_PARENTHESES_RE.match(title)
    if enclosed and any(_same_site(enclosed["site"], name) for name in names):
        return enclosed["post"]
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
    return len(letters(site)) >= 4 and letters(part).startswith(letters(site))


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
        if any(is_page_furniture(ancestor) for ancestor in heading.iterancestors()):
            continue
        candidates.append(text)
    if not declared:
        return candidates[0] if candidates else ""
    scored = [(similarity(text, declared), text) for text in candidates]
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
