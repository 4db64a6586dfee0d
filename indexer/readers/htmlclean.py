"""HTML content to clean text: paragraphs, headings and block quotes, never markup.

Shared by the WXR, Blogger and saved-HTML readers. The result is a list of
``Block`` objects in page order; ``body_passages`` turns them into the
``post-N`` / ``quote-N`` passages of ``bodytext.py``'s conventions.

Rules:

* Block elements (``p``, ``div``, ``li``, headings …) end a paragraph; paragraphs
  are joined with a blank line. ``<br>`` is a line break inside a paragraph.
* ``autop`` mode reads content the way WordPress's ``wpautop`` shows it: a blank
  line in the stored text is a paragraph break, a single newline a line break.
  WXR and Blogger content is stored like that; saved pages are already rendered.
* Scripts, styles, forms and embedded media are dropped; HTML comments (and so
  Gutenberg ``<!-- wp:... -->`` block markers) never become text; WordPress
  shortcodes (``[caption ...]``, ``[gallery]``) are removed, their inner text kept.
* Each ``<blockquote>`` becomes a quote block attributed to, in this order: its
  ``<cite>`` or ``<footer>``, a trailing dash line ("— Name"), the host of its
  ``cite`` URL; otherwise nobody (``""``, the unattributed bucket).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from indexer.core.models import DatePrecision, Passage, Section
from indexer.core.text import clean_name, normalize
from indexer.readers.base import Anchors

BlockKind = Literal["paragraph", "heading", "quote"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    attribution: str = ""


# Elements whose content is never text a reader wrote.
SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "button", "select", "option",
     "textarea", "input", "form", "iframe", "object", "embed", "audio", "video", "canvas",
     "map", "head", "title", "meta", "link"}
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "ul", "ol",
     "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
     "pre", "figure", "figcaption", "address", "center", "hr", "details", "summary",
     "fieldset", "body", "html"}
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# WordPress shortcodes seen in exports; removing unknown ``[word]`` would eat "[sic]".
_SHORTCODE_NAMES = (
    "caption|wp_caption|gallery|embed|audio|video|playlist|youtube|vimeo|soundcloud|"
    "googlemaps|slideshow|contact-form|contact-form-7|contact-field|polldaddy|twitter|"
    "instagram|tweet|archives|sitemap|recipe|wpvideo|ted|scribd|dailymotion|flickr"
)
_SHORTCODE_RE = re.compile(rf"\[/?(?:{_SHORTCODE_NAMES})(?:\s[^\[\]]*)?/?\]", re.IGNORECASE)
_DASH_LINE_RE = re.compile(r"^\s*[–—―-]+[\s\u00a0]*(?P<name>\S.{0,99}?)\s*$")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")
_PARAGRAPH_BREAK = "\x00P"  # sentinel in the inline buffer: a paragraph ends here
_LINE_BREAK = "\n"


_CAPTION_ATTRIBUTE_RE = re.compile(r"""\bcaption=(["'])(?P<text>.*?)\1""", re.IGNORECASE | re.S)


def _replace_shortcode(match: re.Match[str]) -> str:
    # Old [caption caption="..."] shortcodes keep the visible caption in an attribute.
    caption = _CAPTION_ATTRIBUTE_RE.search(match.group(0))
    return f" {caption.group('text')} " if caption else ""


def strip_shortcodes(html: str) -> str:
    return _SHORTCODE_RE.sub(_replace_shortcode, html)


def parse_fragment(html: str) -> etree._Element:
    """Parse an HTML fragment into one wrapper element (never raises on junk)."""
    wrapper = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    return wrapper


def _tag(element: etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


class _Collector:
    """Walks an element tree and cuts its text into blocks."""

    def __init__(self, autop: bool) -> None:
        self.autop = autop
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self, kind: BlockKind = "paragraph") -> None:
        raw = "".join(self.buffer)
        self.buffer.clear()
        for chunk in raw.split(_PARAGRAPH_BREAK):
            lines = (_SPACES_RE.sub(" ", line).strip() for line in chunk.split(_LINE_BREAK))
            text = "\n".join(line for line in lines if line)
            if text:
                self.blocks.append(Block(kind, text))

    def add_text(self, text: str | None, preformatted: bool) -> None:
        if not text:
            return
        if preformatted:
            self.buffer.append(text.replace("\n\n", _PARAGRAPH_BREAK))
        elif self.autop:
            text = re.sub(r"\n[ \t]*\n\s*", _PARAGRAPH_BREAK, text)
            self.buffer.append(text)
        else:
            self.buffer.append(re.sub(r"\s+", " ", text))

    def walk(self, element: etree._Element, preformatted: bool = False) -> None:
        tag = _tag(element)
        if tag in SKIPPED_TAGS or not tag:  # comments, processing instructions
            self.add_text(element.tail, preformatted)
            return
        if tag == "br":
            self.buffer.append(_LINE_BREAK)
        elif tag == "blockquote":
            self.flush()
            self.blocks.append(quote_block(element, self.autop))
        elif tag in HEADING_TAGS:
            self.flush()
            self.buffer.append(element.text_content())
            self.flush("heading")
        else:
            is_block = tag in BLOCK_TAGS
            if is_block:
                self.flush()
            if tag in {"td", "th"}:
                self.buffer.append(" ")
            inner_pre = preformatted or tag == "pre"
            self.add_text(element.text, inner_pre)
            for child in element:
                self.walk(child, inner_pre)
            if is_block:
                self.flush()
        self.add_text(element.tail, preformatted)


def blocks_of(element: etree._Element, autop: bool = False) -> list[Block]:
    """Paragraph, heading and quote blocks of ``element``'s content, in order."""
    collector = _Collector(autop)
    collector.add_text(element.text, False)
    for child in element:
        collector.walk(child)
    collector.flush()
    return [
        Block(block.kind, normalize(block.text), block.attribution) for block in collector.blocks
    ]


def blocks_from_html(html: str, autop: bool = False) -> list[Block]:
    if not html.strip():
        return []
    return blocks_of(parse_fragment(strip_shortcodes(html)), autop)


def text_of(element: etree._Element, autop: bool = False) -> str:
    """All text of ``element`` as paragraphs; quotes stay inline (used for comments)."""
    parts: list[str] = []
    for block in blocks_of(element, autop):
        parts.append(block.text)
        if block.attribution:
            parts.append(f"— {block.attribution}")
    return "\n\n".join(parts)


def text_from_html(html: str, autop: bool = False) -> str:
    if not html.strip():
        return ""
    return text_of(parse_fragment(strip_shortcodes(html)), autop)


def inline_text(html: str) -> str:
    """A one-line text from an HTML snippet such as a title with markup."""
    if not html.strip():
        return ""
    return clean_name(parse_fragment(html).text_content())


def quote_block(element: etree._Element, autop: bool) -> Block:
    """A ``<blockquote>`` as one quote block with its attribution (see module doc)."""
    attribution = ""
    for candidate in element.iter("cite", "footer"):
        # Only a cite standing at the end names the quote's source; an inline
        # <cite> names a work mentioned inside the quotation.
        if _is_trailing(candidate, element):
            attribution = clean_name(candidate.text_content())
            drop_keep_tail(candidate)
            break
    inner = _Collector(autop)
    inner.add_text(element.text, False)
    for child in element:
        inner.walk(child)
    inner.flush()
    paragraphs: list[str] = []
    for block in inner.blocks:
        paragraphs.append(block.text)
        if block.attribution:
            paragraphs.append(f"— {block.attribution}")
    if not attribution and paragraphs:
        last_lines = paragraphs[-1].split("\n")
        match = _DASH_LINE_RE.match(last_lines[-1])
        if match and (len(paragraphs) > 1 or len(last_lines) > 1):
            attribution = clean_name(match.group("name"))
            last_lines.pop()
            paragraphs[-1] = "\n".join(last_lines).strip()
            paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if not attribution:
        source = element.get("cite") or ""
        attribution = urlsplit(source).hostname or "" if source.startswith("http") else ""
    return Block("quote", normalize("\n\n".join(paragraphs)), attribution.lstrip("—–- "))


def _is_trailing(candidate: etree._Element, quote: etree._Element) -> bool:
    """Whether nothing but whitespace follows ``candidate`` inside ``quote``."""
    node: etree._Element | None = candidate
    while node is not None and node is not quote:
        if (node.tail or "").strip():
            return False
        if any(_tag(sibling) for sibling in node.itersiblings()):
            return False
        node = node.getparent()
    return node is quote


def drop_keep_tail(element: etree._Element) -> None:
    """Remove ``element``, keeping the text that follows it (its tail) in place."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def body_passages(
    blocks: list[Block],
    post_date: datetime | None,
    precision: DatePrecision,
    quote_author: str = "",
) -> list[Passage]:
    """Body parts (``post-N``, a heading starts a new part) and quotes (``quote-N``).

    ``quote_author`` is the attribution for quotes that name no source: empty
    means "unattributed" (the project's choice, see docs/formats.md).
    """
    passages: list[Passage] = []
    part: list[Block] = []
    anchors = Anchors()

    def flush() -> None:
        if not part:
            return
        heading = part[0].text if part[0].kind == "heading" and len(part) > 1 else ""
        passages.append(
            Passage(
                section=Section.POST,
                anchor=anchors.next(Section.POST),
                text="\n\n".join(block.text for block in part),
                date=post_date,
                date_precision=precision,
                title=" ".join(heading.split()),
            )
        )
        part.clear()

    for block in blocks:
        if block.kind == "quote":
            if not block.text:
                continue
            flush()
            passages.append(
                Passage(
                    section=Section.QUOTE,
                    anchor=anchors.next(Section.QUOTE),
                    text=block.text,
                    author=block.attribution or quote_author,
                    date=post_date,
                    date_precision=precision,
                )
            )
            continue
        if block.kind == "heading" and part:
            flush()
        part.append(block)
    flush()
    return passages
