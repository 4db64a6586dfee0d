"""Where a saved page's comment thread is, recognised by structure rather than by theme.

A thread is a run of sibling elements of one kind (same tag, same first class) that
stands in a comment area: the siblings, their parent or an ancestor a few levels up
carry a comment-like id or class (comment, kommentar, leserbrief, discussion, reply,
respond, talk …), or follow a heading such as "3 Responses"/"12 Kommentare". Each
sibling holds text of its own. Replies are siblings of the same kind nested inside an
item (WordPress ``ul.children``, wpDiscuz, Blogger): the outermost run is the thread,
nested runs of the same kind are its replies, and other runs inside an item (a
comment's paragraphs) are not comments.

Blogger's classic template writes each comment as a ``dt`` (author) followed by its
``dd``s (text, timestamp) in one ``dl``: each such group is wrapped in a ``div`` first
(HTML allows it), so it is one sibling like any other theme's comment.

Never a thread: anything inside a sidebar, widget, navigation, footer or a "recent
comments"/"related posts" box, or a run inside a form. A single comment counts when its
own id says it is one (``comment-1446``, ``c170``) inside a comment area.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

_AREA_RE = re.compile(
    r"comment|kommentar|leserbrief|leserpost|discussion|diskussion|respon[sd]|repl(?:y|ies)|"
    r"talk|thread|disqus|review",
    re.IGNORECASE,
)
_HEADING_RE = re.compile(
    r"^\s*(?:\d+\s+)?(?:comments?|responses?|replies|kommentare?|antworten|reaktionen|"
    r"leserbriefe|commentaires?|comentarios?|reacties)\b(?:\s+\d+)?",
    re.IGNORECASE,
)
# A class or id token naming a box that is not the thread: one that starts so
# ("sidebar-right", "widget_recent_comments", "related-posts") or ends in a widget's name
# ("primary-sidebar"); layout wrappers that merely mention one ("content-sidebar-wrap",
# "with-navigation") do not count.
_BOX_START = (
    r"widget|sidebar|secondary|related|recent|popular|latest|similar|teaser|menu|nav|"
    r"navigation|breadcrumbs?|footer|newsletter|cookie"
)
_BOX_END = r"sidebar|widget|recent-?comments|related-?posts|related"
_OFF_LIMITS_RE = re.compile(
    rf"(?:^|\s)(?:{_BOX_START})(?:[-_]\S*)?(?=\s|$)|[-_](?:{_BOX_END})(?=\s|$)", re.I
)
_MAIN_WIDGET_ID_RE = re.compile(r"^Blog\d+$")
_OFF_LIMITS_TAGS = frozenset({"nav", "aside", "footer", "form", "header", "head"})
_FORM_RE = re.compile(r"(?:^|[\s_-])form(?=$|[\s_-])", re.IGNORECASE)
_SIGNED_RE = re.compile(r"author|user|name|date|time|meta|avatar|rating|byline", re.I)
# A class that names one comment (not a list, a body or a form of comments): a lone block
# of this kind in a comment area is a one-comment thread.
_ONE_COMMENT_RE = re.compile(
    r"^(?:[a-z]+[-_])?(?:comment|kommentar|leserbrief)(?:[-_](?:item|entry|box|single))?$", re.I
)
_ITEM_ID_RE = re.compile(r"^(?:comment|kommentar|c|li-comment|div-comment)[-_]?\d+$", re.I)
_AREA_LEVELS = 4  # how far up a comment-like ancestor is looked for
_MIN_TEXT = 12  # characters an item holds besides nothing: an empty shell is no comment
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _tokens(element: etree._Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _kind(element: etree._Element) -> tuple[str, str]:
    first = (element.get("class") or "").split()
    return element.tag, first[0] if first else ""


def _off_limits(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in ("body", "html"):  # their classes describe the page, not a box
            return False
        if node.tag == "form" or _FORM_RE.search(node.get("class") or ""):
            return True  # the comment form and its parts
        if node.tag in _OFF_LIMITS_TAGS and not _AREA_RE.search(_tokens(node)):
            return True
        if _OFF_LIMITS_RE.search(_tokens(node)) and not is_main_widget(node):
            return True
    return False


def is_main_widget(node: etree._Element) -> bool:
    """Blogger's layouts hold the posts themselves in a widget (``div.widget.Blog#Blog1``):
    the page's main column, not a box beside it."""
    return "Blog" in (node.get("class") or "").split() or bool(
        _MAIN_WIDGET_ID_RE.match(node.get("id") or "")
    )


def _in_area(
    parent: etree._Element, kind: tuple[str, str], marks: dict[etree._Element, bool]
) -> bool:
    """Whether the kind, ``parent`` or an ancestor a few levels up marks a comment area;
    ``marks`` remembers each node's own answer (a page asks about a node many times;
    keyed by the element itself: an lxml proxy's id() is reused once it is freed)."""
    if _AREA_RE.search(kind[1]):
        return True
    node: etree._Element | None = parent
    for _ in range(_AREA_LEVELS):
        if node is None or node.tag == "body":
            return False
        marked = marks.get(node)
        if marked is None:
            marked = marks[node] = bool(
                _AREA_RE.search(_tokens(node)) or _after_thread_heading(node)
            )
        if marked:
            return True
        node = node.getparent()
    return False


def _after_thread_heading(element: etree._Element) -> bool:
    """Whether a heading like "3 Kommentare" stands just before ``element``."""
    for sibling in element.itersiblings(preceding=True):
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag in _HEADING_TAGS:
            return bool(_HEADING_RE.match(" ".join(sibling.text_content().split())))
        return False
    return False


def _has_text(element: etree._Element) -> bool:
    return len("".join(element.text_content().split())) >= _MIN_TEXT


def _may_be_item(element: etree._Element) -> bool:
    """Blocks, not headings; a paragraph only when its class names a comment."""
    if not isinstance(element.tag, str) or element.tag in (*_HEADING_TAGS, "br"):
        return False
    return element.tag != "p" or bool(_AREA_RE.search(_kind(element)[1]))


def _runs(root: etree._Element) -> list[list[etree._Element]]:
    """Runs of same-kind siblings in a comment area, each item with text of its own."""
    runs = []
    marks: dict[etree._Element, bool] = {}
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) == 0:
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = defaultdict(list)
        for child in parent:
            if _may_be_item(child):
                groups[_kind(child)].append(child)
        for kind, members in groups.items():
            if not _in_area(parent, kind, marks):  # cheap, so first: most runs stand elsewhere
                continue
            members = [member for member in members if _has_text(member)]
            if not members:
                continue
            runs.append(members)
    return runs


def _looks_like_items(members: list[etree._Element]) -> bool:
    """Unnamed siblings are comments only when each has inner structure and something
    that names or dates it (a link, an image, a time, an author/date class), not when
    they are bare paragraphs of one comment or a row of counters."""
    return len(members) >= 2 and all(len(member) >= 2 and _signed(member) for member in members)


def _signed(member: etree._Element) -> bool:
    for node in member.iter():
        if node is member or not isinstance(node.tag, str):
            continue
        if node.tag in ("a", "img", "time", "cite") or _SIGNED_RE.search(node.get("class") or ""):
            return True
    return False


_COMMENT_WIDGET_RE = re.compile(r"(?:recent|latest|last|neueste|letzte)[-_ ]?comments?", re.I)


def comment_widgets(root: etree._Element) -> list[etree._Element]:
    """The "recent comments" boxes (WordPress's widget and block, themes' own): commenters'
    names beside the post, never its byline."""
    return [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and _COMMENT_WIDGET_RE.search(_tokens(element).replace("recentcomments", "recent-comments"))
    ]


def group_definition_items(root: etree._Element) -> None:
    """Wrap each ``dt`` and the ``dd``s after it in a ``div``, in definition lists of a
    comment area (Blogger's classic ``dl#comments-block``), so a comment is one element."""
    marks: dict[etree._Element, bool] = {}
    for dl in list(root.iter("dl")):
        if not any(child.tag == "dt" for child in dl) or not _in_area(dl, ("dl", ""), marks):
            continue
        group: etree._Element | None = None
        for child in list(dl):
            if child.tag == "dt":
                group = etree.Element("div", {"class": "comment-group"})
                child.addprevious(group)
            if group is not None and child.tag in ("dt", "dd"):
                group.append(child)  # moves it, tail and all


def find_thread_items(root: etree._Element) -> list[etree._Element]:
    """The page's comment items in page order, replies included (see module doc).

    Runs whose kind names a comment (or whose items' ids do) are taken first, outermost
    first; unnamed runs (Drupal's ``div.indented`` reply wrappers, plain ``li``) only
    where they neither hold nor sit inside a chosen item.
    """
    runs = [run for run in _runs(root) if not _off_limits(run[0])]
    chosen_kinds: dict[etree._Element, tuple[str, str]] = {}
    kinds: set[tuple[str, str]] = set()
    for run in runs:
        if _is_named_thread(run, chosen_kinds, kinds):
            chosen_kinds.update((member, _kind(member)) for member in run)
            kinds.add(_kind(run[0]))
    for run in runs:
        if _is_unnamed_thread(run, chosen_kinds):
            chosen_kinds.update((member, _kind(member)) for member in run)
    return [element for element in root.iter() if element in chosen_kinds]


def _is_named_thread(
    run: list[etree._Element],
    chosen_kinds: dict[etree._Element, tuple[str, str]],
    kinds: set[tuple[str, str]],
) -> bool:
    """A run whose kind or ids name comments, or replies nested in a chosen comment."""
    outer = _enclosing_item(run[0], chosen_kinds)
    if outer is not None:
        # replies: the same kind nested in a comment, however many; another kind inside
        # a comment is its paragraphs, its parts
        return chosen_kinds[outer] == _kind(run[0])
    if not _named(run):
        return False
    # one lone block is a comment only if its id or a sibling thread says so
    return len(run) >= 2 or _lone_comment(run[0]) or _kind(run[0]) in kinds


def _is_unnamed_thread(
    run: list[etree._Element], chosen_kinds: dict[etree._Element, tuple[str, str]]
) -> bool:
    """An unnamed run of comment-like items that neither holds nor sits in a chosen item."""
    if _named(run) or len(run) < 2 or not _looks_like_items(run):
        return False
    if _enclosing_item(run[0], chosen_kinds) is not None:
        return False
    return not any(node in chosen_kinds for member in run for node in member.iter())


def _named(run: list[etree._Element]) -> bool:
    return bool(_AREA_RE.search(_kind(run[0])[1])) or _has_item_id(run)


def _lone_comment(element: etree._Element) -> bool:
    return bool(_ITEM_ID_RE.match(element.get("id") or "")) or bool(
        _ONE_COMMENT_RE.match(_kind(element)[1])
    )


def _has_item_id(run: list[etree._Element]) -> bool:
    return any(_ITEM_ID_RE.match(member.get("id") or "") for member in run)


def _enclosing_item(
    element: etree._Element, chosen_kinds: dict[etree._Element, tuple[str, str]]
) -> etree._Element | None:
    for ancestor in element.iterancestors():
        if ancestor in chosen_kinds:
            return ancestor
    return None
