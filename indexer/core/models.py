"""Plain data for the archive (what readers produce) and for searching.

Readers turn an archive file into ``Post`` objects, each holding its
``Passage`` objects in page order. Nothing here knows about Whoosh.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Section(StrEnum):
    """Where on the page a passage stands."""

    POST = "post"
    QUOTE = "quote"
    COMMENT = "comment"
    PINGBACK = "pingback"


class DatePrecision(StrEnum):
    """How much of a date the archive actually told us."""

    MINUTE = "minute"
    DAY = "day"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Passage:
    """One searchable part of a post: a body part, a quote, a comment or a pingback.

    ``author`` and ``date`` are the passage's own: a comment's commenter and
    time, a quote's attribution (dated with its post), a pingback's linking site.
    ``anchor`` is unique within the post (``comment-3``) and stable across
    re-reads of the same page, so permalinks keep working.
    """

    section: Section
    anchor: str
    text: str
    author: str = ""
    # The wall-clock time the source shows (never converted), and its UTC offset in
    # minutes east where the source states one (docs/formats.md, "Times").
    date: datetime | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    utc_offset: int | None = None
    title: str = ""  # a pingback's linking post title, a body part's heading
    parent: str = ""  # anchor of the passage this replies to (threaded comments)
    url: str = ""  # a pingback's or comment's own link, when the archive has it
    language: str = ""  # ISO 639-1 code ("en"), "" when not known
    captured: datetime | None = None  # web archives: when the crawler saw this passage (UTC)


@dataclass
class Post:
    """One archived post (or page) and its passages in page order."""

    title: str
    source: str
    passages: list[Passage] = field(default_factory=list)
    url: str = ""
    author: str = ""
    date: datetime | None = None  # as shown, like a passage's
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    utc_offset: int | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # Web archives: the capture the post was taken from (its URL and time, UTC).
    capture_url: str = ""
    captured: datetime | None = None
    # The blog the file says the post belongs to, as an address (a WXR channel's link, a
    # Blogger blog, a text page's permalink): its site (urls.post_site), not its identity.
    site: str = ""

    @property
    def key(self) -> str:
        """Identity of the post across files: canonical URL when known, else title + date.

        Kept apart from ``core.urls.address_key`` on purpose: post ids (the public
        ``/post/<id>`` addresses people cite) hash this key, so changing its form would
        move every post's address. Links and captures compare by ``address_key``."""
        if self.url:
            return self.url.strip().rstrip("/").lower()
        day = self.date.date().isoformat() if self.date else "undated"
        return f"{day}|{' '.join(self.title.split()).lower()}"

    @property
    def post_id(self) -> str:
        """URL-safe, readable and stable id: ``2012-06-14-occupy-patriarchy-...``."""
        return post_id_for(self.key, self.title, self.date)


_SLUG_MAX = 72


def slugify(text: str) -> str:
    """ASCII slug of ``text`` (accents folded, everything else a hyphen)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def post_id_for(key: str, title: str, date: datetime | None) -> str:
    """A readable id from date and title, made unique by a short hash of the key."""
    slug = slugify(title)
    if len(slug) > _SLUG_MAX:  # cut at a word boundary, not mid-word
        slug = slug[: _SLUG_MAX + 1].rsplit("-", 1)[0]
    slug = slug or "untitled"
    prefix = date.date().isoformat() if date else "undated"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{slug}-{digest}"


@dataclass(frozen=True)
class ReadNotice:
    """A warning about one archive file: where, and what was odd."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"
