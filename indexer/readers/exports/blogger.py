"""Reader for Blogger Atom exports, both formats Blogger has written.

Classic (``blog-*.xml``, until about 2020): entries are typed by a ``kind#``
category; drafts are marked ``<app:draft>yes</app:draft>``; a comment names
its post in ``thr:in-reply-to`` and the comment it replies to in
``link rel="related"``; labels are categories of the ``atom/ns#`` scheme.

Current (``feed.atom`` from "Back up content" and Google Takeout, namespace
``schemas.google.com/blogger/2018``): ``<blogger:type>`` POST, PAGE or COMMENT;
``<blogger:status>`` LIVE, DRAFT, SOFT_TRASHED...; a comment names its post in
``<blogger:parent>`` and the comment it replies to in ``<blogger:inReplyTo>``;
the permalink is ``<blogger:filename>`` (a path); every ``category`` is a label.

The format is told per entry, from its elements, not from the file name. Only
what the public saw is read: live posts and pages, and their live comments;
replies keep their comment's anchor as ``parent``. Settings and template
entries are ignored; e-mail addresses are never read. The file is streamed
twice (comments first, then posts), each entry freed once read, with the WXR
reader's hardened parser settings. A file that is not well-formed (a cut
download) is read again in libxml2's recovering mode: what it yields is kept,
with a warning giving the line and reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from indexer.core.dates import instant
from indexer.core.models import DatePrecision, Passage, Post, Section
from indexer.core.text import clean_name, normalize
from indexer.errors import ArchiveFileError
from indexer.readers.base import ArchiveReader, ReadContext
from indexer.readers.exports.xmlsafety import refuse_unsafe_xml
from indexer.readers.htmlclean import blocks_from_html, body_passages, text_from_html
from indexer.readers.names import author_name, commenter_name
from indexer.readers.pagedates import ShownTime, parse_page_time

ATOM = "{http://www.w3.org/2005/Atom}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
BLOGGER = "{http://schemas.google.com/blogger/2018}"
_KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
_LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
_PUBLIC_KINDS = frozenset({"post", "page"})
_CURRENT_FORMAT = b"schemas.google.com/blogger/2018"


@dataclass
class _Comment:
    comment_id: str
    parent_id: str
    author: str
    date: datetime | None
    precision: DatePrecision
    offset: int | None  # Blogger states the blog's offset: kept beside the time shown
    text: str
    url: str


@dataclass
class _Entry:
    entry_id: str
    kind: str
    public: bool  # live: not a draft, not trashed, not pending
    title: str
    content: str
    author: str
    published: str
    url: str
    labels: list[str]
    in_reply_to: str  # the post a comment belongs to
    reply_to: str  # the comment a comment replies to
    blog: str = ""  # the blog's address (the feed's alternate link): the post's site


class BloggerReader(ArchiveReader):
    name = "blogger"

    def sniff(self, head: bytes, path: Path) -> bool:
        return b"<feed" in head and (
            b"schemas.google.com/blogger/2008/kind#" in head or _CURRENT_FORMAT in head
        )

    def read(self, context: ReadContext) -> Iterator[Post]:
        refuse_unsafe_xml(context)
        broken: etree.XMLSyntaxError | None = None
        try:
            comments, autop = self._comments(context.path, recover=False)
        except etree.XMLSyntaxError as error:
            broken = error  # a cut or damaged file: keep what libxml2 can recover
            comments, autop = self._comments(context.path, recover=True)
        attached: set[str] = set()
        for entry in self._entries(context.path, recover=broken is not None):
            if entry.kind in _PUBLIC_KINDS and entry.public:
                if broken is not None and not (entry.title.strip() or entry.content.strip()):
                    continue  # the entry the file was cut in, before its title and text
                attached.add(_short_id(entry.entry_id))
                yield _post(entry, comments.get(_short_id(entry.entry_id), []), autop, context)
        orphans = sum(len(found) for key, found in comments.items() if key not in attached)
        if orphans:
            context.warn(
                f"{orphans} comment(s) reply to posts that are drafts, trashed or not in "
                "the export; not indexed"
            )
        if broken is not None:
            reason = f"not well-formed XML: {broken.msg}"
            if not attached:
                raise ArchiveFileError(
                    context.source, f"{reason}; no post could be recovered", broken.lineno or None
                )
            context.warn(
                f"{reason}; recovered {len(attached)} public post(s) from the readable part, "
                "content near the error may be cut or wrong",
                broken.lineno or None,
            )

    def _comments(self, path: Path, recover: bool) -> tuple[dict[str, list[_Comment]], bool]:
        """Live comments by the short id of their post, and the line-break setting."""
        comments: dict[str, list[_Comment]] = {}
        autop = False
        for entry in self._entries(path, recover):
            if entry.kind == "comment" and entry.in_reply_to and entry.public:
                comments.setdefault(_short_id(entry.in_reply_to), []).append(_comment(entry, autop))
            elif entry.kind == "settings" and entry.entry_id.endswith("BLOG_CONVERT_LINE_BREAKS"):
                # With this setting on, Blogger shows a newline as a line break.
                autop = entry.content.strip().lower() == "true"
        return comments, autop

    def _entries(self, path: Path, recover: bool) -> Iterator[_Entry]:
        events = etree.iterparse(
            str(path),
            events=("end",),
            tag=f"{ATOM}entry",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            recover=recover,
        )
        blog_url: str | None = None
        try:
            for _event, element in events:
                parent = element.getparent()
                if blog_url is None:  # the feed's own links precede its entries
                    blog_url = _alternate(parent) if parent is not None else ""
                entry = _read_entry(element, blog_url)
                element.clear()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
                yield entry
        except etree.XMLSyntaxError:
            if not recover:
                raise
            # Recovering: the entries before the damage were read; nothing more to get.


def _alternate(element: etree._Element) -> str:
    for link in element.iterchildren(f"{ATOM}link"):
        if link.get("rel") == "alternate":
            return str(link.get("href", ""))
    return ""


def _short_id(entry_id: str) -> str:
    """``tag:blogger.com,1999:blog-1.post-42`` and ``42`` name the same entry."""
    return entry_id.strip().rsplit("post-", 1)[-1]


def _read_entry(element: etree._Element, blog_url: str) -> _Entry:
    # The current format (2018) has blogger:type; the classic one says it in categories.
    current = element.find(f"{BLOGGER}type") is not None
    kind, labels = _kind_and_labels(element, current)
    links = {
        link.get("rel", ""): link.get("href", "") for link in element.iterchildren(f"{ATOM}link")
    }
    read = _current_state if current else _classic_state
    public, in_reply_to, reply_to, url = read(element, links, blog_url)
    return _Entry(
        entry_id=(element.findtext(f"{ATOM}id") or "").strip(),
        kind=kind,
        public=public,
        title=element.findtext(f"{ATOM}title") or "",
        content=element.findtext(f"{ATOM}content") or "",
        author=element.findtext(f"{ATOM}author/{ATOM}name") or "",
        published=(element.findtext(f"{ATOM}published") or "").strip(),
        url=url,
        labels=labels,
        in_reply_to=in_reply_to.strip(),
        reply_to=_short_id(reply_to) if reply_to.strip() else "",
        blog=blog_url,
    )


def _kind_and_labels(element: etree._Element, current: bool) -> tuple[str, list[str]]:
    """The entry's kind (post, comment, settings...) and its labels, each once."""
    kind = (element.findtext(f"{BLOGGER}type") or "").strip().lower()
    labels: list[str] = []
    for category in element.iterchildren(f"{ATOM}category"):
        scheme = category.get("scheme", "")
        term = clean_name(category.get("term", ""))
        if scheme == _KIND_SCHEME:
            kind = category.get("term", "").rsplit("#", 1)[-1]
        elif (scheme == _LABEL_SCHEME or current) and term and term not in labels:
            labels.append(term)
    return kind, labels


# (public, the post it belongs to, the comment it answers, its URL)
_EntryState = tuple[bool, str, str, str]


def _current_state(element: etree._Element, links: dict[str, str], blog_url: str) -> _EntryState:
    status = (element.findtext(f"{BLOGGER}status") or "").strip().upper()
    trashed = (element.findtext(f"{BLOGGER}trashed") or "").strip()
    filename = (element.findtext(f"{BLOGGER}filename") or "").strip()
    url = links.get("alternate") or (urljoin(blog_url, filename) if blog_url and filename else "")
    return (
        status == "LIVE" and not trashed,
        element.findtext(f"{BLOGGER}parent") or "",
        element.findtext(f"{BLOGGER}inReplyTo") or "",
        url,
    )


def _classic_state(element: etree._Element, links: dict[str, str], blog_url: str) -> _EntryState:
    reply = element.find(f"{THREAD}in-reply-to")
    draft = element.find("{http://purl.org/atom/app#}control/{http://purl.org/atom/app#}draft")
    related = links.get("related", "")
    return (
        draft is None or (draft.text or "").strip().lower() != "yes",
        reply.get("ref", "") if reply is not None else "",
        related.rstrip("/").rsplit("/", 1)[-1] if related else "",
        links.get("alternate", ""),
    )


def _date(entry: _Entry) -> ShownTime:
    """``published`` as the blog shows it: its wall-clock time, its offset kept."""
    shown = parse_page_time(entry.published)
    return shown._replace(precision=DatePrecision.MINUTE) if shown.moment else shown


def _comment(entry: _Entry, autop: bool) -> _Comment:
    shown = _date(entry)
    return _Comment(
        comment_id=_short_id(entry.entry_id),
        parent_id=entry.reply_to,
        author=commenter_name(entry.author),
        date=shown.moment,
        precision=shown.precision,
        offset=shown.offset,
        text=text_from_html(normalize(entry.content), autop=autop),
        url=entry.url,
    )


def _post(entry: _Entry, comments: list[_Comment], autop: bool, context: ReadContext) -> Post:
    shown = _date(entry)
    post = Post(
        title=clean_name(entry.title),
        source=context.source,
        url=entry.url,
        author=author_name(entry.author),
        date=shown.moment,
        date_precision=shown.precision,
        utc_offset=shown.offset,
        categories=entry.labels,
        site=entry.blog,
    )
    blocks = blocks_from_html(normalize(entry.content), autop=autop)
    post.passages.extend(body_passages(blocks, shown.moment, shown.precision))
    ordered = sorted(
        comments, key=lambda comment: (instant(comment.date, comment.offset), comment.comment_id)
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
                utc_offset=comment.offset,
                parent=anchors.get(comment.parent_id, ""),
                url=comment.url,
            )
        )
    return post
