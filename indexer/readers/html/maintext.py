"""The post's body: our element's text, or trafilatura's main text where ours failed.

Our reader takes the element a theme marks as the post's content (``htmlpage.py``);
where no theme class names it, it falls back to the element with most paragraph
text, which can be a teaser box or a fragment. trafilatura's main-text extraction
is better on such pages and worse where a theme names the content (it loses
quotes' attributions, keeps some furniture). Measured on the shared evaluation pages
(``make eval``), the rule that keeps the best of both: trafilatura's text when ours
is under half its length (ours found a fragment) or over 2.5 times it (ours took page
furniture along), else ours: body kept 0.84 -> 0.95, furniture out 0.89 -> 0.91
(trafilatura alone: 0.94 and 0.91; trusting every theme-named element: 0.92, 0.88).
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from indexer.core.models import Passage
from indexer.readers.htmlclean import Block, blocks_of, drop_keep_tail

_TOO_SHORT = 0.5
_TOO_LONG = 2.5
# Below this, a page is too small for lengths to tell which extraction went wrong.
_MIN_OVERRIDE = 400
# A class or id token naming a comment section; "kommentarModul" (camel case) counts,
# "commentary" does not.
_COMMENT_AREA_RE = re.compile(r"(?:^|[\s_-])(?:comments?|kommentare?|respond)(?-i:(?![a-z]))", re.I)
_MIN_COMMENT_MATCH = 20
# A block that is only a copyright or credit line ("© 2020 General Mills All Rights
# Reserved", "©Foto: ...", "© Thomson Reuters 2020"): the site's or an agency's, not prose.
_NOTICE_RE = re.compile(r"^\s*(?:©|\(c\)\s|copyright\s)", re.I)
_MAX_NOTICE = 120  # shorter paragraphs ("Danke!") may well be the author's own
# trafilatura's output tree (TEI-like) as the HTML tags blocks_of knows.
_AS_HTML = {"head": "h2", "quote": "blockquote", "list": "ul", "item": "li", "lb": "br",
            "hi": "span", "ref": "span", "row": "tr", "cell": "td", "code": "pre",
            "del": "span"}  # fmt: skip


def trafilatura_blocks(html_text: str, url: str) -> list[Block]:
    """trafilatura's main text of the page (comments excluded) as blocks; [] if none."""
    import trafilatura  # heavy: imported when the first page is read

    try:
        document = trafilatura.bare_extraction(
            _without_templates(html_text), url=url or None, include_comments=False,
            with_metadata=False,
        )  # fmt: skip
    except Exception:  # its heuristics on hostile markup: a failure only loses its opinion
        return []
    body = getattr(document, "body", None)
    if body is None:
        return []
    # Re-parsed as HTML elements (which know text_content()), renamed to HTML tags.
    markup = etree.tostring(body, encoding="unicode")
    tree = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag == "graphic":
            drop_keep_tail(element)
            continue
        if element.tag in _AS_HTML:  # other names stay: lxml refuses to re-set a mangled one
            element.tag = _AS_HTML[element.tag]
    return blocks_of(tree)


def _without_templates(html_text: str) -> str | lxml.html.HtmlElement:
    """The page without its ``<template>`` elements: markup a script may render later
    (mustache placeholders, "no reviews yet" notices), never shown as saved, which
    trafilatura would otherwise take for text. Pages without one go as they are."""
    if "<template" not in html_text.lower():
        return html_text
    try:
        root = lxml.html.document_fromstring(html_text)
    except (etree.ParserError, ValueError):
        return html_text
    for element in root.xpath("//template"):
        element.drop_tree()
    return root


def _length(blocks: list[Block]) -> int:
    return sum(len(block.text) for block in blocks)


def best_body(ours: list[Block], other: list[Block]) -> list[Block]:
    """The body to index (see module doc): trafilatura's if ours is far shorter or
    longer than it, on a page long enough for lengths to tell; else ours."""
    mine, length = _length(ours), _length(other)
    if length >= _MIN_OVERRIDE and (mine < _TOO_SHORT * length or mine > _TOO_LONG * length):
        return other
    return ours


def comment_area_text(root: etree._Element) -> str:
    """The text of the page's comment sections (class or id ``comments``, ``respond``,
    ``kommentarModul``...): their login prompts and notices are no post text either."""
    parts = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        tokens = " ".join((element.get("class") or "", element.get("id") or ""))
        if _COMMENT_AREA_RE.search(tokens) and next(element.iter("h1"), None) is None:
            parts.append(" ".join(element.text_content().split()))
    return " ".join(parts)


def without_comments(
    blocks: list[Block], comments: list[Passage], area_text: str = ""
) -> list[Block]:
    """The body without paragraphs that are a comment's text or stand in the comment
    area (a main-text extraction, or a content element wrapping the thread, can take
    them along)."""
    thread = " ".join(" ".join(comment.text.split()) for comment in comments)
    thread = f"{thread} {area_text}".strip()
    if not thread:
        return blocks
    return [
        block
        for block in blocks
        if len(block.text) < _MIN_COMMENT_MATCH or " ".join(block.text.split()) not in thread
    ]


def without_notices(blocks: list[Block]) -> list[Block]:
    """The body without blocks that are only a copyright or credit line."""
    return [
        block
        for block in blocks
        if len(block.text) > _MAX_NOTICE or not _NOTICE_RE.match(block.text)
    ]
