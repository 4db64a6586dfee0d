"""Reader for saved HTML blog pages: WordPress (classic, WordPress.com, block themes),
Blogger and generic blogs.

One page is one post. The body is the first post-content element the usual
themes mark (``.entry-content``, ``.post-body``, ``.entrytext``,
``[itemprop=articleBody]`` …), else the element holding most paragraph text.
Only that element is read as the body, so navigation, sidebars, footers and
comment forms never reach it; inside it, sharing/like blocks, forms, scripts,
image captions and a trailing link-list section ("Teilnehmende Blogs:" followed
only by links) are dropped. Metadata comes from the page head (``og:``,
``article:published_time``, canonical link) before visible bylines. Comments:
see ``comments.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import ArchiveFileError
from ..models import DatePrecision, Post
from ..text import clean_name, normalize
from .base import ArchiveReader, ReadContext
from .captures import is_listing_page, is_listing_url
from .comments import classes, comment_passages, find_comment_items
from .commentthreads import comment_widgets
from .htmlclean import Block, blocks_of, body_passages
from .maintext import (
    best_body,
    comment_area_text,
    trafilatura_blocks,
    without_comments,
    without_notices,
)
from .pagedates import parse_page_date
from .pageencoding import decode_page
from .pagemeta import (
    author_link,
    clean_author,
    headline,
    jsonld_author,
    meta_author,
    page_hosts,
    site_names,
    strip_site_name,
    structured_data,
    trafilatura_author,
)
from .pubdate import page_date

_BODY_CLASSES = (
    "entry-content", "post-body", "entrytext", "post-content", "article-content",
    "entry-body", "post-entry", "storycontent", "article-body", "blog-post-content",
)  # fmt: skip
# Blocks inside a post body that are page furniture, by class or id token.
_FURNITURE_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|sharedaddy|jp-post-flair|jp-relatedposts|likes?|"
    r"wpl-likebox|related|subscribe|blog-subscribe|post-nav|navigation|nav-links|"
    r"cookie|consent|gdpr|advert|ads?|adsense|social|wp-block-buttons|teaser|promo|newsletter|"
    r"post-share-buttons|post-footer|comment-respond|wm-ipp|wayback|"
    # A box floated beside the text (fact box, teaser of another story), not its flow.
    r"float-?(?:right|left|rhs|lhs)|pull-(?:right|left))(?:$|[\s_-])",
    re.IGNORECASE,
)
_BODY_SKIPPED_TAGS = ("script", "style", "noscript", "form", "nav", "aside", "figcaption")
_BYLINE_PREFIX_RE = re.compile(
    r"^\s*(?:posted\s+by|written\s+by|by|von|eingestellt\s+von|autor(?:in)?:?)\s+", re.I
)
_TITLE_SUFFIX_RE = re.compile(r"\s+(?:[|–—·»]|-|&#8212;)\s+[^|–—·»]{1,80}$")
_URL_DATE_RE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(?:(\d\d)/)?")
_LINK_LIST_MAX_TEXT = 0.2  # share of a trailing section's text that is not link text


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


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
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION_RE.sub("", text, count=1))
    except (etree.ParserError, ValueError) as error:
        raise ArchiveFileError(context.source, f"not an HTML page: {error}") from error
    objects = structured_data(root)  # JSON-LD lives in scripts, read before they go
    for element in root.xpath("//script | //style | //noscript | //template"):
        element.drop_tree()
    url = _meta(root, "canonical") or _meta(root, "og:url") or page_url
    names = site_names(root, url, objects)
    hosts = page_hosts(root, url)
    byline_hidden = _drop_hidden(root)
    comment_items = find_comment_items(root)
    body = _find_body(root, set(comment_items))
    container = _post_container(body) if body is not None else root
    declared_title = strip_site_name(
        clean_name(_meta(root, "og:title") or root.findtext(".//title") or ""), names
    )
    post_date, precision = page_date(text, url, *_post_date(root, container))
    post = Post(
        title=headline(root, names, declared_title) or _title(root, container, names),
        source=context.source,
        url=url,
        author=jsonld_author(objects, hosts)
        or meta_author(root, hosts)
        or clean_author(_author(root, container), hosts)
        or author_link(root, hosts),
        date=post_date,
        date_precision=precision,
    )
    if not post.author:
        not_byline = {*comment_items, *comment_widgets(root)}
        post.author = trafilatura_author(root, url, hosts, post.title, not_byline)
    post.categories, post.tags = _terms(container)
    if not post.categories and not post.tags:
        post.categories, post.tags = _terms(root, outside_widgets=True)
    if post.date is None:
        post.date, post.date_precision = _date_from_url(post.url)
    ours: list[Block] = []
    if body is not None:
        _clean_body(body)
        ours = blocks_of(body)
    comments, warnings = comment_passages(comment_items, post.date, captured)
    if not post.author and not byline_hidden:  # WordPress marks the post author's comments
        post.author = next(
            (passage.author for item, passage in zip(comment_items, comments, strict=False)
             if "bypostauthor" in classes(item) and passage.author),
            "",
        )  # fmt: skip
    blocks = without_notices(
        without_comments(
            best_body(ours, trafilatura_blocks(text, url)), comments, comment_area_text(root)
        )
    )
    if blocks:
        post.passages.extend(body_passages(blocks, post.date, post.date_precision))
    else:
        context.warn("no post body found on the page")
    for message in warnings:
        context.warn(message)
    post.passages.extend(passage for passage in comments if passage.section == "comment")
    post.passages.extend(passage for passage in comments if passage.section == "pingback")
    post.warnings.extend(notice.message for notice in context.notices)
    return post


def _drop_hidden(root: etree._Element) -> bool:
    """What the reader never saw: hidden elements, and bylines themes hide; whether a
    byline was among them (the page keeps its author unnamed: so do we).

    Twenty Twelve-style themes hide ``.by-author`` unless the blog has several
    authors (body class ``group-blog``).
    """
    byline_hidden = False
    body_classes = set()
    for body in root.iter("body"):
        body_classes = classes(body)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        hidden = element.get("hidden") is not None or "display:none" in style
        if "by-author" in classes(element) and "group-blog" not in body_classes:
            hidden = byline_hidden = True
        if hidden and element.getparent() is not None:
            element.drop_tree()
    return byline_hidden


def _find_body(root: etree._Element, comment_items: set[etree._Element]) -> etree._Element | None:
    def outside_comments(element: etree._Element) -> bool:
        return not any(ancestor in comment_items for ancestor in element.iterancestors("li"))

    for name in _BODY_CLASSES:
        for element in root.xpath(f"//*[{_has_class(name)}]"):
            if outside_comments(element) and element.text_content().strip():
                return element
    for element in root.xpath("//*[contains(@itemprop, 'articleBody')]"):
        if outside_comments(element):
            return element
    # Fallback: the element whose own paragraphs hold the most text.
    scores: dict[etree._Element, int] = {}
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is None or not outside_comments(paragraph):
            continue
        if any(
            ancestor.tag in ("footer", "aside", "nav", "form")
            for ancestor in paragraph.iterancestors()
        ):
            continue
        scores[parent] = scores.get(parent, 0) + len(paragraph.text_content().strip())
    return max(scores, key=lambda element: scores[element]) if scores else None


def _post_container(body: etree._Element) -> etree._Element:
    """The post's wrapper (``article``, ``.hentry``, ``.post``): where its byline lives."""
    for ancestor in body.iterancestors():
        if ancestor.tag == "article" or classes(ancestor) & {
            "hentry",
            "post",
            "story",
            "type-post",
        }:
            return ancestor
    parent = body.getparent()
    return parent if parent is not None else body


def _clean_body(body: etree._Element) -> None:
    for element in list(body.iter()):
        if element is body or not isinstance(element.tag, str) or element.getparent() is None:
            continue
        tokens = " ".join((element.get("class") or "", element.get("id") or ""))
        if element.tag in _BODY_SKIPPED_TAGS or (tokens.strip() and _FURNITURE_RE.search(tokens)):
            element.drop_tree()
    _drop_trailing_link_list(body)


def _drop_trailing_link_list(body: etree._Element) -> None:
    """A closing heading followed only by links ("Participants:", a blogroll) is not prose."""
    headings = [h for h in body.iter("h2", "h3", "h4", "h5", "h6")]
    if not headings:
        return
    heading = headings[-1]
    # Elements only: comments and processing instructions have no text_content().
    following = [element for element in heading.itersiblings() if isinstance(element.tag, str)]
    links_text = sum(len(a.text_content().strip()) for e in following for a in e.iter("a"))
    all_text = sum(len(e.text_content().strip()) for e in following) + len(
        (heading.tail or "").strip()
    )
    if following and links_text and (all_text - links_text) <= _LINK_LIST_MAX_TEXT * all_text:
        for element in following:
            element.drop_tree()
        heading.drop_tree()


def _meta(root: etree._Element, name: str) -> str:
    if name == "canonical":
        values = root.xpath("//link[@rel='canonical']/@href")
    else:
        values = root.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return str(values[0]).strip() if values else ""


def _title(root: etree._Element, container: etree._Element, names: tuple[str, ...]) -> str:
    """The post's own title element (old themes use ``h2.entry-title``), else the page's
    declared title without the site's name."""
    for element in container.xpath(
        f".//*[{_has_class('entry-title')} or {_has_class('post-title')}]"
    ):
        if element.text_content().strip():
            return clean_name(element.text_content())
    return strip_site_name(
        clean_name(_meta(root, "og:title") or root.findtext(".//title") or ""), names
    )


def _author(root: etree._Element, container: etree._Element) -> str:
    xpaths = (
        f".//*[{_has_class('post-author-name')}]",
        f".//*[{_has_class('author')} and {_has_class('vcard')}]//*[{_has_class('fn')}]",
        f".//*[{_has_class('author')} and {_has_class('vcard')}]",
        ".//*[contains(@rel, 'author')]",
        ".//*[@itemprop='author']",
        f".//*[{_has_class('byline')}]",
        ".//address",
    )
    for xpath in xpaths:
        for element in container.xpath(xpath):
            if any("comment" in " ".join(classes(a)) for a in element.iterancestors()):
                continue
            name = _BYLINE_PREFIX_RE.sub("", " ".join(element.text_content().split()))
            if name and len(name) <= 80:
                return clean_name(name)
    meta_author = _meta(root, "author")
    return clean_name(meta_author) if meta_author and "://" not in meta_author else ""


def _post_date(
    root: etree._Element, container: etree._Element
) -> tuple[datetime | None, DatePrecision]:
    candidates = [_meta(root, "article:published_time")]
    candidates += [str(value) for value in container.xpath(".//time/@datetime")]
    candidates += [
        str(value) for value in container.xpath(".//*[@itemprop='datePublished']/@content")
    ]
    for xpath in (
        f".//*[{_has_class('published')}]",
        ".//*[@itemprop='datePublished']",
        f".//*[{_has_class('entry-date')}]",
        f".//*[{_has_class('date-header')}]",
        f".//*[{_has_class('post-date')}]",
    ):
        for element in container.xpath(xpath):
            candidates.append(element.get("title") or "")
            candidates.append(element.text_content())
    for candidate in candidates:
        moment, precision = parse_page_date(candidate)
        if moment is not None:
            return moment, precision
    return None, DatePrecision.UNKNOWN


def _date_from_url(url: str) -> tuple[datetime | None, DatePrecision]:
    match = _URL_DATE_RE.search(url)
    if not match or not match.group(3):
        return None, DatePrecision.UNKNOWN
    try:
        return datetime(
            int(match.group(1)), int(match.group(2)), int(match.group(3))
        ), DatePrecision.DAY
    except ValueError:
        return None, DatePrecision.UNKNOWN


def _in_widget(element: etree._Element) -> bool:
    """Inside a sidebar, widget or footer (tag clouds there are the blog's, not the post's)."""
    for ancestor in element.iterancestors():
        tokens = " ".join((ancestor.get("class") or "", ancestor.get("id") or "")).lower()
        if ancestor.tag in ("aside", "footer", "nav") or "widget" in tokens or "sidebar" in tokens:
            return True
    return False


def _terms(container: etree._Element, outside_widgets: bool = False) -> tuple[list[str], list[str]]:
    """Categories (``rel="category tag"``) and tags (``rel="tag"``, Blogger labels)."""
    categories: list[str] = []
    tags: list[str] = []
    for link in container.xpath(".//a[contains(@rel, 'tag')]"):
        if outside_widgets and _in_widget(link):
            continue
        name = clean_name(link.text_content())
        target = categories if "category" in (link.get("rel") or "") else tags
        if name and name not in target:
            target.append(name)
    for link in container.xpath(f".//*[{_has_class('post-labels')}]//a"):
        name = clean_name(link.text_content())
        if name and name not in tags:
            tags.append(name)
    return categories, tags
