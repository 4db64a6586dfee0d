"""The post's body element in a saved page, and its cleaning.

The body is the first post-content element the usual themes mark (``.entry-content``,
``.post-body``, ``.entrytext``, ``[itemprop=articleBody]`` …), else the element holding
most paragraph text. Only that element is read as the body, so navigation, sidebars,
footers and comment forms never reach it; inside it, sharing/like blocks, forms,
scripts, image captions and a trailing link-list section ("Teilnehmende Blogs:"
followed only by links) are dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from indexer.readers.html.commenttext import classes

_BODY_CLASSES = (
    "entry-content", "post-body", "entrytext", "post-content", "article-content",
    "entry-body", "post-entry", "storycontent", "article-body", "blog-post-content",
    "field-name-body", "field--name-body",  # Drupal 7, Drupal 8 and later
)  # fmt: skip
# Blocks inside a post body that are page furniture, by class or id token.
_FURNITURE_RE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|sharedaddy|jp-post-flair|jp-relatedposts|likes?|"
    r"wpl-likebox|related|subscribe|blog-subscribe|post-nav|navigation|nav-links|"
    r"cookie|consent|gdpr|advert|ads?|adsense|social|wp-block-buttons|teaser|promo|newsletter|"
    r"post-share-buttons|post-footer|comment-respond|wm-ipp|wayback|"
    # The post's tag list: its tags are read apart (byline.terms), the list is no prose.
    r"(?:entry|post|article)-tags|tags-links|"
    # A box floated beside the text (fact box, teaser of another story), not its flow.
    r"float-?(?:right|left|rhs|lhs)|pull-(?:right|left))(?:$|[\s_-])",
    re.IGNORECASE,
)
_BODY_SKIPPED_TAGS = ("script", "style", "noscript", "form", "nav", "aside", "figcaption")
_LINK_LIST_MAX_TEXT = 0.2  # share of a trailing section's text that is not link text


def has_class(name: str) -> str:
    """An XPath test: the element's class attribute has the token ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def find_body(root: etree._Element, comment_items: set[etree._Element]) -> etree._Element | None:
    def outside_comments(element: etree._Element) -> bool:
        return not any(ancestor in comment_items for ancestor in element.iterancestors("li"))

    for name in _BODY_CLASSES:
        for element in root.xpath(f"//*[{has_class(name)}]"):
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


def post_container(body: etree._Element) -> etree._Element:
    """The post's wrapper (``article``, ``.hentry``, ``.post``): where its byline lives."""
    for ancestor in body.iterancestors():
        if ancestor.tag == "article" or classes(ancestor) & {
            "hentry",
            "post",
            "story",
            "type-post",
            "node",  # Drupal
        }:
            return ancestor
    parent = body.getparent()
    return parent if parent is not None else body


def clean_body(body: etree._Element) -> None:
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
