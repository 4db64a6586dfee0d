"""Reader for Blogger Atom exports (``blog-*.xml`` from Blogger's "Back up content").

Entries are typed by a ``kind#`` category: published posts and pages become
posts (drafts, marked ``<app:draft>yes</app:draft>``, are skipped: the public
never saw them); ``kind#comment`` entries are attached to their post through
``thr:in-reply-to``, and a reply to a comment keeps that comment's anchor as
``parent`` (Blogger's ``link rel="related"``). Labels become categories.
Settings and template entries are ignored; the ``noreply@blogger.com``
addresses are never read.

The file is streamed twice (comments first, then posts), each entry freed once
read, with the same hardened parser settings as the WXR reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from ..errors import ArchiveFileError
from ..models import DatePrecision, Passage, Post, Section
from ..text import clean_name, normalize
from .base import ArchiveReader, ReadContext
from .htmlclean import blocks_from_html, body_passages, text_from_html
from .pagedates import parse_page_date
from .wxr import refuse_unsafe_xml

ATOM = "{http://www.w3.org/2005/Atom}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_PUBLIC_KINDS = frozenset({"post", "page"})


@dataclass
class _Comment:
    comment_id: str
    parent_id: str
    author: str
    date: datetime | None
    precision: DatePrecision
    text: str
    url: str


@dataclass
class _Entry:
    entry_id: str
    kind: str
    draft: bool
    title: str
    content: str
    author: str
    published: str
    links: dict[str, str]
    labels: list[str]
    in_reply_to: str


class BloggerReader(ArchiveReader):
    name = "blogger"

    def sniff(self, head: bytes, path: Path) -> bool:
        return b"<feed" in head and b"schemas.google.com/blogger/2008/kind#" in head

    def read(self, context: ReadContext) -> Iterator[Post]:
        refuse_unsafe_xml(context)
        try:
            comments: dict[str, list[_Comment]] = {}
            autop = False
            for entry in self._entries(context.path):
                if entry.kind == "comment" and entry.in_reply_to:
                    comments.setdefault(entry.in_reply_to, []).append(_comment(entry, autop))
                elif entry.kind == "settings" and entry.entry_id.endswith(
                    "BLOG_CONVERT_LINE_BREAKS"
                ):
                    # With this setting on, Blogger shows a newline as a line break.
                    autop = entry.content.strip().lower() == "true"
            attached: set[str] = set()
            for entry in self._entries(context.path):
                if entry.kind in _PUBLIC_KINDS and not entry.draft:
                    attached.add(entry.entry_id)
                    yield _post(entry, comments.get(entry.entry_id, []), autop, context)
            orphans = sum(len(found) for key, found in comments.items() if key not in attached)
            if orphans:
                context.warn(
                    f"{orphans} comment(s) reply to posts that are drafts or not in the "
                    "export; not indexed"
                )
        except etree.XMLSyntaxError as error:
            raise ArchiveFileError(
                context.source, f"not well-formed XML: {error.msg}", error.lineno or None
            ) from error

    def _entries(self, path: Path) -> Iterator[_Entry]:
        events = etree.iterparse(
            str(path),
            events=("end",),
            tag=f"{ATOM}entry",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        for _event, element in events:
            entry = _read_entry(element)
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            yield entry


def _read_entry(element: etree._Element) -> _Entry:
    kind = ""
    labels: list[str] = []
    for category in element.iterchildren(f"{ATOM}category"):
        scheme = category.get("scheme", "")
        term = category.get("term", "")
        if scheme == _KIND_SCHEME:
            kind = term.rsplit("#", 1)[-1]
        elif scheme == _LABEL_SCHEME and clean_name(term) and clean_name(term) not in labels:
            labels.append(clean_name(term))
    links = {
        link.get("rel", ""): link.get("href", "") for link in element.iterchildren(f"{ATOM}link")
    }
    reply = element.find(f"{THREAD}in-reply-to")
    draft = element.find("{http://purl.org/atom/app#}control/{http://purl.org/atom/app#}draft")
    return _Entry(
        entry_id=(element.findtext(f"{ATOM}id") or "").strip(),
        kind=kind,
        draft=draft is not None and (draft.text or "").strip().lower() == "yes",
        title=element.findtext(f"{ATOM}title") or "",
        content=element.findtext(f"{ATOM}content") or "",
        author=element.findtext(f"{ATOM}author/{ATOM}name") or "",
        published=(element.findtext(f"{ATOM}published") or "").strip(),
        links=links,
        labels=labels,
        in_reply_to=(reply.get("ref", "") if reply is not None else "").strip(),
    )


def _date(entry: _Entry) -> tuple[datetime | None, DatePrecision]:
    moment, _ = parse_page_date(entry.published)
    return (moment, DatePrecision.MINUTE) if moment else (None, DatePrecision.UNKNOWN)


def _comment(entry: _Entry, autop: bool) -> _Comment:
    moment, precision = _date(entry)
    related = entry.links.get("related", "")
    return _Comment(
        comment_id=entry.entry_id.rsplit("post-", 1)[-1],
        parent_id=related.rstrip("/").rsplit("/", 1)[-1] if related else "",
        author=clean_name(entry.author),
        date=moment,
        precision=precision,
        text=text_from_html(normalize(entry.content), autop=autop),
        url=entry.links.get("alternate", ""),
    )


def _post(entry: _Entry, comments: list[_Comment], autop: bool, context: ReadContext) -> Post:
    moment, precision = _date(entry)
    post = Post(
        title=clean_name(entry.title),
        source=context.source,
        url=entry.links.get("alternate", ""),
        author=clean_name(entry.author),
        date=moment,
        date_precision=precision,
        categories=entry.labels,
    )
    blocks = blocks_from_html(normalize(entry.content), autop=autop)
    post.passages.extend(body_passages(blocks, moment, precision))
    ordered = sorted(
        comments, key=lambda comment: (comment.date or datetime.max, comment.comment_id)
    )
    anchors = {comment.comment_id: f"comment-{index}" for index, comment in enumerate(ordered, 1)}
    for comment in ordered:
        post.passages.append(
            Passage(
                section=Section.COMMENT,
                anchor=anchors[comment.comment_id],
                text=comment.text,
                author=comment.author,
                date=comment.date,
                date_precision=comment.precision,
                parent=anchors.get(comment.parent_id, ""),
                url=comment.url,
            )
        )
    return post
