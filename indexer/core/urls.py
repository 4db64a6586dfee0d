"""The one identity of a web address: which URLs name the same page.

People keep links: to a post, to a comment (``#comment-12``), to the same page in the
Wayback Machine; a crawl holds a page under its variants (``?replytocom=12``, ``/amp/``,
``/comment-page-2/``). All of these name one page, however the link was written:
``http`` or ``https``, with or without ``www.``, a trailing slash, a fragment, a
tracking or view parameter. ``address_key`` reduces each to one key: indexed for every
passage of a post (the post's address and its capture's) and for a passage with its own
(a pingback's source), and the key that groups a web archive's captures into pages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import PurePath
from urllib.parse import unquote, urlsplit

# What a pasted token must start with to be taken for an address, not words.
ADDRESS_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Query parameters that say how someone arrived or which view of the page they see
# (a reply form, AMP, a comment page, Blogger's mobile view), not which page it is.
_NOISE_PARAMETER_RE = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|replytocom|showcomment|amp|noamp|share|ref|"
    r"nb|preview|m|cpage|output|doing_wp_cron)$",
    re.IGNORECASE,
)
# Path endings that are views of the page above them.
_VARIANT_SUFFIX_RE = re.compile(r"/(?:amp|feed|comment-page-\d+|embed)/?$", re.IGNORECASE)
# A Wayback Machine link: the archived address follows the capture's timestamp.
_WAYBACK_RE = re.compile(r"^/web/\d{0,14}[a-z_*]*/(?P<inner>.+)$", re.IGNORECASE)


def address_key(url: str) -> str | None:
    """The comparable key of ``url`` (host without ``www.``, path without a view suffix
    or its trailing slash, meaningful parameters sorted), or None when it is not a web
    address."""
    text = url.strip()
    if text.lower().startswith("www."):
        text = "http://" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    wayback = _WAYBACK_RE.match(parts.path) if host == "web.archive.org" else None
    if wayback is not None:
        inner = wayback.group("inner") + (f"?{parts.query}" if parts.query else "")
        return address_key(re.sub(r"^(https?):/(?!/)", r"\1://", inner))
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    path = _VARIANT_SUFFIX_RE.sub("", re.sub(r"/{2,}", "/", unquote(parts.path))).rstrip("/")
    parameters = sorted(
        pair
        for pair in parts.query.split("&")
        if pair and not _NOISE_PARAMETER_RE.match(pair.partition("=")[0])
    )
    key = host + path + ("?" + "&".join(parameters) if parameters else "")
    return re.sub(r"\s", "%20", key)  # one token in a space-separated field


def address_keys(urls: Iterable[str]) -> str:
    """The keys of ``urls`` (empty ones and duplicates skipped), as the field's value."""
    keys = dict.fromkeys(key for url in urls if url and (key := address_key(url)))
    return " ".join(keys)


def is_variant(url: str) -> bool:
    """A view of a page (AMP, comment page, reply form) rather than the page's own URL."""
    parts = urlsplit(url.strip())
    names = (pair.partition("=")[0] for pair in parts.query.split("&") if pair)
    return bool(_VARIANT_SUFFIX_RE.search(parts.path) or any(map(_NOISE_PARAMETER_RE.match, names)))


def site_of(url: str) -> str:
    """The site ``url`` belongs to, as the site facet lists it: its host, lower-cased,
    without ``www.`` (a Wayback Machine link: the archived page's); "" when ``url`` is
    not a web address."""
    key = address_key(url)
    return re.split(r"[/?]", key, maxsplit=1)[0] if key else ""


def post_site(declared: str, url: str, capture_url: str, source: str) -> str:
    """A post's site: the blog its file names (``Post.site``), else its canonical URL's
    host, else its capture's, else the name of the folder its file is in."""
    for address in (declared, url, capture_url):
        if site := site_of(address):
            return site
    return PurePath(os.path.abspath(source)).parent.name if source else ""
