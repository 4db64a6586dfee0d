"""Reader for saved HTML blog pages: WordPress (classic, WordPress.com, block themes),
Blogger and generic blogs.

One page is one post. Its body element: ``htmlbody.py`` (trafilatura's main text where
it wins: ``maintext.py``). Metadata comes from the page head (JSON-LD, ``og:``,
canonical link: ``pagemeta.py``) before the post's own markup (``htmlbyline.py``);
the date: ``pubdate.py``. Comments: ``comments.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import lxml.html
from lxml import etree

from indexer.core.models import Passage, Post
from indexer.core.text import clean_name, normalize
from indexer.errors import ArchiveFileError
from indexer.readers.base import ArchiveReader, ReadContext
from indexer.readers.captures import is_listing_page, is_listing_url
from indexer.readers.commentwords import without_echoed_subject
from indexer.readers.html.address import feed_address, page_address, saved_from
from indexer.readers.html.body import clean_body, find_body, post_container
from indexer.readers.html.byline import author_of, date_from_url, markup_date, meta, terms, title_of
from indexer.readers.html.comments import comment_passages, find_comment_items
from indexer.readers.html.commenttext import classes
from indexer.readers.html.discussion import find_discussion
from indexer.readers.html.encoding import decode_page
from indexer.readers.html.forum import first_post, first_post_blocks, subject_of
from indexer.readers.html.frames import inline_frames
from indexer.readers.html.maintext import (
    best_body,
    comment_area_text,
    trafilatura_blocks,
    without_comments,
    without_notices,
)
from indexer.readers.html.meta import (
    JsonObject,
    author_link,
    clean_author,
    jsonld_author,
    meta_author,
    page_hosts,
    structured_data,
    trafilatura_author,
)
from indexer.readers.html.pubdate import page_date
from indexer.readers.html.threads import comment_widgets
from indexer.readers.html.titles import headline, site_names, strip_site_name
from indexer.readers.htmlclean import Block, blocks_of, body_passages
from indexer.readers.names import author_name

_CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# lxml refuses text that declares its encoding; an XHTML page starts with one.
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


class HtmlPageReader(ArchiveReader):
    name = "html-page"

    def sniff(self, head: bytes, path: Path) -> bool:
        start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if start.startswith(b"<?xml") and b"<html" not in head[:4096].lower():
            return False
        return b"<html" in head.lower() or start.startswith(b"<!doctype html")

    def read(self, context: ReadContext) -> Iterator[Post]:
        try:
            data = context.path.read_bytes()
        except OSError as error:
            raise ArchiveFileError(context.source, f"cannot read file: {error.strerror}") from error
        if _is_listing(data):
            context.warn(
                "not a post: a listing of posts (category, tag, search or archive page, "
                "by its markup and URL); skipped"
            )
            return
        yield read_page(data, context)


_PAGE_URL_RE = re.compile(
    rb"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["']"""
    rb"""[^>]*content)=["']([^"']+)""",
    re.I,
)


def _is_listing(data: bytes) -> bool:
    """A saved listing page (the web-archive reader's rules, ``captures.py``): WordPress's
    body classes, or a listing URL showing several posts. Without a URL, no page counts
    as a front page."""
    match = _PAGE_URL_RE.search(data[:65536])
    url = match.group(1).decode("ascii", "replace") if match else ""
    if is_listing_page(data, url or "unknown:/saved-page"):
        return True
    return bool(url) and is_listing_url(url) and is_listing_page(data, "unknown:/")


def read_page(
    data: bytes, context: ReadContext, url: str = "", captured: datetime | None = None
) -> Post:
    """One saved page's bytes as a post; ``url`` is where it was fetched from, when known
    (a web archive's capture), used when the page names no canonical URL; ``captured``,
    when it was fetched, dates relative comment dates ("vor 3 Wochen")."""
    text, warning = decode_page(data)
    if warning:
        context.warn(warning)
    # C0 control characters are not HTML text (and lxml refuses them in XML-compatible
    # strings); tab, newline and carriage return stay.
    return parse_page(_CONTROL_CHARACTERS_RE.sub("", normalize(text)), context, url, captured)


def parse_page(
    text: str, context: ReadContext, page_url: str = "", captured: datetime | None = None
) -> Post:
    root, objects = _document(text, context)
    url = page_address(root, page_url or saved_from(text))
    names, hosts = site_names(root, url, objects), page_hosts(root, url)
    byline_hidden = _drop_hidden(root)
    comment_items, lead = _thread(root)
    body = find_body(root, set(comment_items)) if lead is None else None
    container = post_container(body) if body is not None else root
    first = first_post(lead, captured) if lead is not None else None
    post = _new_post(text, url, root, container, (objects, names, hosts), lead, first, context)
    _fill_in(post, root, container, comment_items, hosts)
    ours: list[Block] = []
    if body is not None:
        clean_body(body)
        ours = blocks_of(body)
    comments, warnings = comment_passages(comment_items, post.date, captured)
    if not post.author and not byline_hidden:
        post.author = _post_authors_comment(comment_items, comments)
    post.author = author_name(post.author)  # never a date, a widget heading, a control
    blocks = (
        first_post_blocks(first)
        if first is not None
        else without_notices(
            without_comments(
                best_body(ours, trafilatura_blocks(text, url)), comments, comment_area_text(root)
            )
        )
    )
    if blocks:
        post.passages.extend(body_passages(blocks, post.date, post.date_precision))
    else:
        context.warn("no post body found on the page")
    for message in warnings:
        context.warn(message)
    comments = [replace(passage, text=without_echoed_subject(passage.text)) for passage in comments]
    post.passages.extend(passage for passage in comments if passage.section == "comment")
    post.passages.extend(passage for passage in comments if passage.section == "pingback")
    return post


def _new_post(
    text: str,
    url: str,
    root: etree._Element,
    container: etree._Element,
    declared: tuple[list[JsonObject], tuple[str, ...], tuple[str, ...]],
    lead: etree._Element | None,
    first: Passage | None,
    context: ReadContext,
) -> Post:
    """The post's title, author, date and site: a forum topic's first post's own first,
    then the page's declarations (JSON-LD objects, site names, hosts) and its markup."""
    objects, names, hosts = declared
    declared_title = strip_site_name(
        clean_name(meta(root, "og:title") or root.findtext(".//title") or ""), names
    )
    marked = markup_date(root, container)
    post_date, precision, offset = (
        (first.date, first.date_precision, first.utc_offset)
        if first is not None and first.date is not None
        else (*page_date(text, url, marked.moment, marked.precision), None)
    )
    if offset is None and post_date is not None and post_date == marked.moment:
        offset = marked.offset
    return Post(
        title=(subject_of(lead) if lead is not None else "")
        or headline(root, names, declared_title)
        or title_of(root, container, names),
        source=context.source,
        url=url,
        author=(first.author if first is not None else "")
        or _byline(root, container, objects, hosts),
        date=post_date,
        date_precision=precision,
        utc_offset=offset,
        site="" if url.lower().startswith(("http://", "https://")) else feed_address(root),
    )


def _fill_in(
    post: Post,
    root: etree._Element,
    container: etree._Element,
    items: list[etree._Element],
    hosts: tuple[str, ...],
) -> None:
    """What the post's own markup did not say: an author trafilatura finds outside the
    thread and widgets, categories and tags from the page, a date from the URL."""
    if not post.author:
        not_byline = {*items, *comment_widgets(root)}
        post.author = trafilatura_author(root, post.url, hosts, post.title, not_byline)
    post.categories, post.tags = terms(container)
    if not post.categories and not post.tags:
        post.categories, post.tags = terms(root, outside_widgets=True)
    if post.date is None:
        post.date, post.date_precision = date_from_url(post.url)


def _thread(root: etree._Element) -> tuple[list[etree._Element], etree._Element | None]:
    """The comment items, and a forum topic's first block when that is the post (its
    other blocks are then the comments): a theme's thread first, else signed blocks."""
    comment_items = find_comment_items(root)
    discussion = find_discussion(root)
    lead = discussion.post if discussion is not None else None
    if discussion is not None and (lead is not None or not comment_items):
        comment_items = discussion.comments
    return comment_items, lead


def _document(text: str, context: ReadContext) -> tuple[etree._Element, list[JsonObject]]:
    """The parsed page without scripts, styles and templates, and its JSON-LD objects
    (read from its scripts before they go)."""
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION_RE.sub("", text, count=1))
    except (etree.ParserError, ValueError) as error:
        raise ArchiveFileError(context.source, f"not an HTML page: {error}") from error
    objects = structured_data(root)
    inline_frames(root)  # before the scripts go: a frame's go too
    for element in root.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    return root, objects


def _byline(
    root: etree._Element,
    container: etree._Element,
    objects: list[JsonObject],
    hosts: tuple[str, ...],
) -> str:
    """The post's author, most explicit first: JSON-LD, ``meta``, the byline, a profile link."""
    return (
        jsonld_author(objects, hosts)
        or meta_author(root, hosts)
        or clean_author(author_of(root, container), hosts)
        or author_link(root, hosts)
    )


def _post_authors_comment(items: list[etree._Element], comments: list[Passage]) -> str:
    """WordPress marks the post author's own comments (``bypostauthor``): its name."""
    return next(
        (passage.author for item, passage in zip(items, comments, strict=False)
         if "bypostauthor" in classes(item) and passage.author),
        "",
    )  # fmt: skip


def _drop_hidden(root: etree._Element) -> bool:
    """What the reader never saw: hidden elements, and bylines themes hide; whether a
    byline was among them (the page keeps its author unnamed: so do we).

    Themes hide ``.by-author`` on a one-author blog: Twenty Eleven and Twelve when the
    body says ``single-author``, others unless it says ``group-blog``. A comment thread
    collapsed behind a "show
    comments" button (``#comments`` or ``.comments-area`` hidden by style) is read:
    the thread is on the page, a click away.
    """
    byline_hidden = False
    body_classes = set()
    for body in root.iter("body"):
        body_classes = classes(body)
    marks_single = bool(root.xpath("//link[contains(@href, '/themes/twentyeleven/') or "
                                   "contains(@href, '/themes/twentytwelve/')]"))  # fmt: skip
    one_author = "single-author" in body_classes or not (
        marks_single or "group-blog" in body_classes
    )
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        hidden = element.get("hidden") is not None or "display:none" in style
        if hidden and (element.get("id") == "comments" or "comments-area" in classes(element)):
            hidden = False
        if "by-author" in classes(element) and one_author:
            hidden = byline_hidden = True
        if hidden and element.getparent() is not None:
            element.drop_tree()
    return byline_hidden
