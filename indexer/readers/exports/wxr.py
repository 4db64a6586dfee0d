"""Reader for WordPress exports (WXR 1.0, 1.1 and 1.2).

What the public could see, and nothing else: items of type ``post`` or
``page`` with status ``publish``; approved comments of those; no e-mail or IP
address is ever read. A password-protected post keeps only its title.

The XML is streamed (``iterparse``, each item cleared once read) with entity
resolution, DTD loading and network access off; a file that declares a DTD is
refused outright (``xmlsafety.py``). A file that is not well-formed is re-read in
libxml2's recovering mode; what it yields is indexed with a warning, and when
it yields nothing the file is reported with line and reason.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from lxml import etree

from indexer.core.dates import instant
from indexer.core.models import DatePrecision, Passage, Post, Section
from indexer.core.text import clean_name, normalize
from indexer.errors import ArchiveFileError
from indexer.readers.base import ArchiveReader, ReadContext
from indexer.readers.exports.wpcontent import as_shown
from indexer.readers.exports.wptime import wp_time
from indexer.readers.exports.xmlsafety import refuse_unsafe_xml
from indexer.readers.htmlclean import blocks_from_html, body_passages, inline_text, text_from_html

_WP_NAMESPACE_RE = re.compile(rb"""xmlns:wp=["']https?://wordpress\.org/export/1\.[0-9]+/["']""")
_PUBLIC_TYPES = frozenset({"post", "page"})
# Comment types the public saw under the post: comments (empty before WordPress 5.5,
# "comment" since) and linkbacks. Anything else is a plugin's record, never shown as a
# comment: WordPress 6.9's editorial block notes ("note"), WooCommerce order notes...
_COMMENT_TYPES = frozenset({"", "comment"})
_PINGBACK_TYPES = frozenset({"pingback", "trackback"})
_UNDECLARED_PREFIX = etree.ErrorTypes.NS_ERR_UNDEFINED_NAMESPACE


def _local(tag: object) -> str:
    """``{namespace}name`` → ``name`` (WXR namespaces differ between versions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class _Comment:
    comment_id: str
    parent_id: str
    kind: str
    author: str
    url: str
    date: datetime | None
    precision: DatePrecision
    offset: int | None
    text: str


@dataclass
class _Item:
    fields: dict[str, str] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    comments: list[_Comment] = field(default_factory=list)


class WxrReader(ArchiveReader):
    name = "wxr"

    def sniff(self, head: bytes, path: Path) -> bool:
        return b"<rss" in head and bool(_WP_NAMESPACE_RE.search(head))

    def read(self, context: ReadContext) -> Iterator[Post]:
        refuse_unsafe_xml(context)
        authors: dict[str, str] = {}
        yielded = 0
        try:
            with context.path.open("rb") as handle:
                for post in self._stream(handle, context, authors, recover=False):
                    yielded += 1
                    yield post
            return
        except etree.XMLSyntaxError as error:
            line = error.lineno if error.lineno else None
            reason = f"not well-formed XML: {error.msg}"
            undeclared = error.code == _UNDECLARED_PREFIX
        recovered = 0
        problems: list[int] = []
        try:
            with context.path.open("rb") as handle:
                stream = self._stream(handle, context, authors, recover=True, problems=problems)
                for index, post in enumerate(stream):
                    if index < yielded:
                        continue  # already yielded by the strict pass
                    recovered += 1
                    yield post
        except etree.XMLSyntaxError:  # not even a root element to recover (an empty file)
            pass
        if undeclared and set(problems) == {_UNDECLARED_PREFIX}:
            # Only prefixes used without a declaration (WordPress.com's channel atom:link,
            # 2010-2012): libxml2 read everything; nothing is cut or wrong.
            return
        if yielded + recovered == 0:
            raise ArchiveFileError(context.source, f"{reason}; no post could be recovered", line)
        context.warn(
            f"{reason}; recovered {yielded + recovered} public post(s) from the readable part, "
            "content near the error may be cut or wrong",
            line,
        )

    def _stream(
        self,
        handle: IO[bytes],
        context: ReadContext,
        authors: dict[str, str],
        recover: bool,
        problems: list[int] | None = None,
    ) -> Iterator[Post]:
        events = etree.iterparse(
            handle,
            events=("end",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            recover=recover,
            remove_comments=True,
        )
        site = ""  # the channel's link: the blog every post belongs to
        for _event, element in events:
            name = _local(element.tag)
            parent = element.getparent()
            if element.tag == "link" and parent is not None and _local(parent.tag) == "channel":
                site = (element.text or "").strip()
            elif name == "author" and parent is not None and _local(parent.tag) == "channel":
                login = clean_name((element.findtext("{*}author_login") or "").strip("<> "))
                display = clean_name(element.findtext("{*}author_display_name") or "")
                if login:
                    authors[login] = display or login
                element.clear()
            elif name == "item":
                item = _read_item(element)
                _release(element)
                post = _build_post(item, authors, context)
                if post is not None:
                    post.site = site
                    yield post
        if problems is not None:  # what the recovering parser had to repair, by kind
            problems.extend(entry.type for entry in events.error_log)


def _release(element: etree._Element) -> None:
    """Free a finished item and its already-read siblings: constant memory."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _read_item(element: etree._Element) -> _Item:
    item = _Item()
    for child in element:
        name = _local(child.tag)
        if name == "category":
            value = clean_name(html.unescape(child.text or ""))
            domain = child.get("domain", "category")
            target = item.tags if domain in ("post_tag", "tag") else item.categories
            if value and domain in ("category", "post_tag", "tag") and value not in target:
                target.append(value)
        elif name == "comment":
            comment = _read_comment(child)
            if comment is not None:
                item.comments.append(comment)
        elif name == "encoded":
            # content:encoded and excerpt:encoded share the local name.
            key = "excerpt" if "excerpt" in (child.tag or "") else "content"
            item.fields[key] = child.text or ""
        elif name and name not in item.fields:
            item.fields[name] = child.text or ""
    return item


def _read_comment(element: etree._Element) -> _Comment | None:
    values = {_local(child.tag): child.text or "" for child in element}
    # Only what the public saw: approved comments (not 0, spam, trash, post-trashed)
    # of the types shown under a post. E-mail and IP are never read.
    kind = values.get("comment_type", "").strip().lower()
    if values.get("comment_approved", "").strip() != "1":
        return None
    if kind not in _COMMENT_TYPES and kind not in _PINGBACK_TYPES:
        return None
    shown = wp_time(values.get("comment_date"), values.get("comment_date_gmt"))
    return _Comment(
        comment_id=values.get("comment_id", "").strip(),
        parent_id=values.get("comment_parent", "").strip(),
        kind=kind,
        # Stored HTML-escaped by WordPress (pingback authors even twice).
        author=clean_name(html.unescape(html.unescape(values.get("comment_author", "")))),
        url=values.get("comment_author_url", "").strip(),
        date=shown.moment,
        precision=shown.precision,
        offset=shown.offset,
        text=text_from_html(values.get("comment_content", ""), autop=True),
    )


def _build_post(item: _Item, authors: dict[str, str], context: ReadContext) -> Post | None:
    fields = item.fields
    if fields.get("post_type", "").strip() not in _PUBLIC_TYPES:
        return None
    if fields.get("status", "").strip() != "publish":
        return None
    login = clean_name(fields.get("creator", "").strip("<> \n\t"))
    shown = wp_time(fields.get("post_date"), fields.get("post_date_gmt"))
    post = Post(
        title=inline_text(fields.get("title", "")),
        source=context.source,
        url=fields.get("link", "").strip(),
        author=authors.get(login, login),
        date=shown.moment,
        date_precision=shown.precision,
        utc_offset=shown.offset,
        categories=item.categories,
        tags=item.tags,
    )
    if fields.get("post_password", "").strip():
        # Protected: the public saw only the title; body and comments stay out.
        return post
    blocks = blocks_from_html(as_shown(normalize(fields.get("content", ""))), autop=True)
    post.passages.extend(body_passages(blocks, shown.moment, shown.precision))
    post.passages.extend(_comment_passages(item.comments))
    return post


def _comment_passages(comments: list[_Comment]) -> list[Passage]:
    """Comments then pingbacks, each numbered in date order (as WordPress shows them)."""
    ordered = sorted(
        comments,
        key=lambda comment: (instant(comment.date, comment.offset), _as_number(comment.comment_id)),
    )
    anchors: dict[str, str] = {}
    counts = {Section.COMMENT: 0, Section.PINGBACK: 0}
    for comment in ordered:
        section = Section.PINGBACK if comment.kind in _PINGBACK_TYPES else Section.COMMENT
        counts[section] += 1
        anchors[comment.comment_id] = f"{section.value}-{counts[section]}"
    passages: list[Passage] = []
    for section in (Section.COMMENT, Section.PINGBACK):
        for comment in ordered:
            is_ping = comment.kind in _PINGBACK_TYPES
            if (section is Section.PINGBACK) != is_ping:
                continue
            passages.append(
                Passage(
                    section=section,
                    anchor=anchors[comment.comment_id],
                    text=comment.text,
                    author=comment.author,
                    date=comment.date,
                    date_precision=comment.precision,
                    utc_offset=comment.offset,
                    title=comment.author if is_ping else "",
                    parent=anchors.get(comment.parent_id, "") if comment.parent_id != "0" else "",
                    url=comment.url,
                )
            )
    return passages


def _as_number(text: str) -> int:
    return int(text) if text.isdigit() else 0
