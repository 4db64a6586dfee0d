"""Where a saved page was published: its address, and its site when it names no address.

A canonical link may be written relative (``/artikel/...``, resolved against ``og:url``,
the capture's address or the address the browser noted when it saved the page) or
without a scheme (``//www.example.org/...``, read as
https). A page that names no address of its own still links its site's feeds
(``<link rel="alternate" type="application/rss+xml">``): their host is its site.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

from indexer.readers.html.byline import meta

_ABSOLUTE_RE = re.compile(r"^https?://", re.IGNORECASE)
# What a browser notes at the top of a page it saves: Chrome and IE
# ("<!-- saved from url=(0044)https://... -->"), SingleFile ("url: https://..." in its
# opening comment).
_SAVED_FROM_RE = re.compile(
    r"<!--\s*saved from url=\(\d+\)(?P<chrome>https?://[^\s>]+?)\s*-->"
    r"|<!--\s*Page saved with SingleFile\s+url:\s*(?P<singlefile>https?://\S+)",
    re.IGNORECASE,
)
_FEEDS = (
    "//link[@rel='alternate' and (contains(@type, 'rss') or contains(@type, 'atom'))]/@href"
    " | //link[@rel='alternate' and @hreflang]/@href"
)


def page_address(root: etree._Element, page_url: str = "") -> str:
    """The page's canonical address, else its ``og:url``, else where it was fetched."""
    declared = [meta(root, "canonical"), meta(root, "og:url"), page_url]
    base = next((address for address in declared if _ABSOLUTE_RE.match(address)), "")
    for address in declared:
        if _ABSOLUTE_RE.match(address):
            return address
        if address.startswith("//"):
            return "https:" + address
        if address and base:
            return urljoin(base, address)
    return next((address for address in declared if address), "")


def saved_from(text: str) -> str:
    """The address a browser noted in the page it saved (in its first 4 KB), or ""."""
    match = _SAVED_FROM_RE.search(text[:4096])
    return (match["chrome"] or match["singlefile"]) if match else ""


def feed_address(root: etree._Element) -> str:
    """The first absolute address of the site's feeds the page links, or ""."""
    return next((str(href) for href in root.xpath(_FEEDS) if _ABSOLUTE_RE.match(href)), "")
