"""Discussions recognised by what each message holds, whatever the markup's class names:
forum topics (phpBB, vBulletin, XenForo, MyBB, Simple Machines, Invision, Discourse),
link-aggregator threads (reddit old and new) and comment systems that write into the page.

A discussion is a run of repeated sibling blocks of one kind (same tag, same first class
but for a trailing number: ``bg1``/``bg2``, ``windowbg``/``windowbg2``; or no class at
all) where each block is *signed*: it names someone (a link to a member profile, an
element marked author/user/name), dates itself (a ``<time>``, a date or time element, a
short date-like line) and holds text of its own. Blocks of the same kind nested in a
member are its replies (reddit, shreddit).

The topic's post: a block of the same kind standing alone before the run (old reddit's
submission), else the run's first block when nothing but headings, breadcrumbs and menus
stands before it (a forum topic's first post); otherwise every block is a comment (a news
site's comment system under its article).

Never a discussion: runs in sidebars, widgets, navigation or "latest posts" boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from indexer.readers.html.marks import DATE_LIKE_RE, date_node, name_node, own_text
from indexer.readers.html.profiles import profile_part
from indexer.readers.html.threads import _OFF_LIMITS_RE, is_main_widget  # one list of boxes

_LONGEST_DATE_LINE = 120
_MIN_TEXT = 20  # characters of its own a message holds besides its name and date
_TEXT_BEFORE = 100  # letters of text before a run: an article's (a forum shows breadcrumbs)
_NOT_TEXT_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "header", "footer", "aside", "script",
     "style", "noscript", "title", "head", "button", "select", "option", "label", "form"}
)  # fmt: skip
_MOST_DATES = 3  # its own, an "edited" line, a quoted post's
_DIGITS_RE = re.compile(r"\d+$")
_NOT_CONTENT_TAGS = frozenset({"nav", "aside", "footer", "header"})


@dataclass
class Discussion:
    """The blocks of a discussion in page order; ``post`` is the topic's post if the
    page shows it as a block like the others."""

    blocks: list[etree._Element]
    post: etree._Element | None = None
    replies: list[etree._Element] = field(default_factory=list)

    @property
    def comments(self) -> list[etree._Element]:
        """The blocks that are comments (all but the post), replies included, in page order."""
        return [block for block in self.blocks if block is not self.post]


def kind(element: etree._Element) -> tuple[str, str]:
    """Tag and first class, but for a trailing number; a namespace class ("coral
    coral-comment") is named by the class it prefixes."""
    tokens = (element.get("class") or "").split()
    if len(tokens) >= 2 and tokens[1].startswith(f"{tokens[0]}-"):
        tokens = tokens[1:]
    return element.tag, _DIGITS_RE.sub("", tokens[0]) if tokens else ""


def _tokens(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _off_limits(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in _NOT_CONTENT_TAGS and node.tag != "header":
            return True
        boxed = _OFF_LIMITS_RE.search(_tokens(node)) and not is_main_widget(node)
        if boxed and not _names_comments(node):
            return True
    return False


_COMMENT_BOX_RE = re.compile(r"^(?:[a-z]+[-_])?comments?$", re.I)


def _names_comments(node: etree._Element) -> bool:
    """A box one of whose classes names it the page's comments beside the widget class its
    script added (Facebook's ``div.fb-comments.fb_iframe_widget``); "widget_recent_comments"
    names a sidebar box."""
    return any(_COMMENT_BOX_RE.match(token) for token in (node.get("class") or "").split())


def _dates(block: etree._Element) -> int:
    """How many dates ``block`` shows besides profile data: one message shows one (two with
    an "edited" line); a layout row or a whole comment box shows many."""
    count = 0
    own = kind(block)
    for node in block.iterdescendants():
        if not isinstance(node.tag, str):
            continue
        dated = node.tag == "time" or bool(DATE_LIKE_RE.search(own_text(node)))
        if dated and not profile_part(node, block) and not _in_reply(node, block, own):
            count += 1
            if count > _MOST_DATES:
                break  # a box of many messages: no need to count on
    return count


def _in_reply(node: etree._Element, block: etree._Element, own: tuple[str, str]) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is block:
            return False
        if kind(ancestor) == own:
            return True
    return False


def _signed(block: etree._Element) -> bool:
    """Whether ``block`` is one message: a name, a date, text; not a box holding the
    page's title or many dated messages."""
    if next(block.iter("h1"), None) is not None or _dates(block) > _MOST_DATES:
        return False
    name, date = name_node(block), date_node(block)
    # reddit's comment element states its time as an attribute (shreddit-comment created=)
    if name is None or (date is None and not block.get("created")):
        return False
    own = len("".join(block.text_content().split()))
    marks = len("".join(name.text_content().split()))
    marks += len("".join(date.text_content().split())) if date is not None else 0
    return own - marks >= _MIN_TEXT


def _wrapper(block: etree._Element) -> bool:
    """A block whose name belongs to a nested message of its kind (an indented reply
    list); not one whose boxes of its kind are layout: the only element in the box before
    (vBulletin 3's classless ``div``s around a post's table) or no message of their own
    (the ``div`` around vBulletin 3's name link)."""
    name = name_node(block)
    own = kind(block)
    return name is not None and any(
        kind(ancestor) == own and not _sole_descendant(ancestor, block) and _signed(ancestor)
        for ancestor in name.iterancestors()
        if block in ancestor.iterancestors()
    )


def _sole_descendant(node: etree._Element, block: etree._Element) -> bool:
    """Whether each element from ``block`` down to ``node`` is its parent's only element."""
    for element in (node, *node.iterancestors()):
        if element is block:
            return True
        parent = element.getparent()
        if parent is None or sum(isinstance(child.tag, str) for child in parent) != 1:
            return False
    return False


def _same_message(node: etree._Element) -> bool:
    """Whether ``node`` is a layout box inside a block of its kind naming the same
    writer by the same element (vBulletin 3's ``div``s around a post), not a reply."""
    own, name = kind(node), name_node(node)
    return any(
        kind(ancestor) == own and name_node(ancestor) is name for ancestor in node.iterancestors()
    )


def _runs(root: etree._Element) -> list[list[etree._Element]]:
    runs = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in ("p", "br", "a", "span", "hr"):
                groups.setdefault(kind(child), []).append(child)
        for members in groups.values():
            if len(members) < 2 or _off_limits(parent):
                continue
            signed = [member for member in members if _signed(member) and not _wrapper(member)]
            if len(signed) >= 2:
                runs.append(signed)
    return runs


def _outermost(runs: list[list[etree._Element]]) -> list[etree._Element] | None:
    """The run with most blocks of those nested in no other run's block."""
    members = {member for run in runs for member in run}
    top = [run for run in runs if not any(a in members for a in run[0].iterancestors())]
    return max(top, key=len) if top else None


_COMMENT_AREA_RE = re.compile(r"comment|kommentar|leserbrief|disqus|respond", re.I)


def _in_comment_area(element: etree._Element) -> bool:
    """Whether ``element`` stands in a blog's or a news site's comment area (not a forum
    topic's posts: a topic is no comment section)."""
    return any(
        _COMMENT_AREA_RE.search(_tokens(a))
        for a in element.iterancestors()
        if a.tag not in ("body", "html")  # their classes describe the page
    )


def _text_before(root: etree._Element, first: etree._Element) -> int:
    """Letters written before ``first`` that are not links, headings, menus or boxes: an
    article's or a recipe's text; a forum shows only breadcrumbs and a title there."""
    total = 0
    for node in root.iter():
        if node is first:
            break
        if not isinstance(node.tag, str) or node.tag in _NOT_TEXT_TAGS:
            continue
        if any(a.tag in _NOT_TEXT_TAGS for a in node.iterancestors()) or _off_limits(node):
            continue
        total += len("".join((node.text or "").split()))
        for child in node:
            if child is not first and first not in child.iterdescendants():
                total += len("".join((child.tail or "").split()))
    return total


def find_discussion(root: etree._Element) -> Discussion | None:
    """The page's discussion, if its messages are signed sibling blocks (module doc)."""
    runs = _runs(root)
    run = _outermost(runs) if runs else None
    if run is None:
        return None
    wanted = kind(run[0])
    area = run[0].getparent()
    replies = [  # nested in a block (reddit) or in an indented list beside it (Coral)
        node
        for node in (area.iterdescendants() if area is not None else ())
        if node not in run and isinstance(node.tag, str) and kind(node) == wanted
        and _signed(node) and not _wrapper(node) and not _same_message(node)
    ]  # fmt: skip
    in_run = {*run, *replies}
    order = {element: index for index, element in enumerate(root.iter())}
    blocks = sorted(in_run, key=lambda element: order[element])
    lead = _lead(root, run[0], wanted, order)
    if lead is not None:
        return Discussion([lead, *blocks], post=lead, replies=replies)
    opening = (
        _text_before(root, run[0]) < _TEXT_BEFORE
        and not _in_comment_area(run[0])
        and not _submission_before(root, run[0])
    )
    post = run[0] if opening else None
    return Discussion(blocks, post=post, replies=replies)


def _lead(
    root: etree._Element,
    first: etree._Element,
    wanted: tuple[str, str],
    order: dict[etree._Element, int],
) -> etree._Element | None:
    """A signed block of the run's kind standing alone before it (a submission)."""
    before = [
        node
        for node in root.iter(first.tag)
        if order[node] < order[first]
        and kind(node) == wanted
        and first not in node.iter()
        and not _off_limits(node)
        and not _in_comment_area(node)
    ]
    signed = [node for node in before if _signed(node)]
    return signed[-1] if len(signed) == 1 else None


def _submission_before(root: etree._Element, first: etree._Element) -> bool:
    """Whether a post of another markup stands before the run: the box around the page's
    ``h1`` also names its writer and holds a paragraph of text (a short reddit
    submission); a forum's title bar holds no paragraph."""
    heading = next(root.iter("h1"), None)
    if heading is None or first in heading.iterancestors():
        return False
    for box in heading.iterancestors():
        if first in box.iterdescendants() or box.tag in ("body", "html"):
            return False
        if name_node(box) is not None:
            return any(_prose(paragraph) >= _MIN_TEXT for paragraph in box.iter("p")) and not (
                _off_limits(box)
            )
    return False


def _prose(paragraph: etree._Element) -> int:
    """Letters of a paragraph outside its links and times (Invision's "By NAME, DATE in
    FORUM" line has almost none)."""
    marks = sum(len("".join(node.text_content().split())) for node in paragraph.iter("a", "time"))
    return len("".join(paragraph.text_content().split())) - marks
