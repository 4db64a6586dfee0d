"""The six rates of issue 10, scored on an index: shared by every run.

A run hands ``score_index`` its index, the annotated pages and how a page's name maps to
the file it indexed; everything else (what counts as right, the reasons for misses) is
decided here once, so figures of different runs compare.

- title: ``difflib`` ratio >= 0.85 between the indexed and the annotated title;
- date: the post's date, to the day;
- author: the same name(s), ignoring case, punctuation and name order;
- with: the snippet is in the page's post text (post and quote passages);
- without: a snippet of 3+ words is absent from the page's post text;
- comments: the snippet is in the page's comment (or pingback) passages, their authors'
  names included (some annotated snippets are a commenter's name).

Beside the headline, two second readings: comments over only the snippets the saved page
holds at all (``in_saved_page``: the annotators also saw comments loaded by script), and
title, date or author with the proven errata of ``errata.toml`` applied
(``errata_applied``, for a field that has errata).

Text is compared after NFKC, case folding and whitespace collapsing. Each rate counts
only pages (title, date, author) or snippets (the others) that the annotation gives.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping

from tests.eval.indexed import IndexedPost, IndexRun, read_posts
from tests.eval.model import ERRATA_APPLIED, IN_SAVED_PAGE, Annotation, Miss, RunResult

TITLE_RATIO = 0.85
POST_SECTIONS = ("post", "quote")
COMMENT_SECTIONS = ("comment", "pingback")
_SPACE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\bmit\b|\bfor\b)\s*")
_NOT_WORD = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _names(author: str) -> frozenset[str]:
    text = normalise(author).removeprefix("by ").removeprefix("von ")
    parts = (" ".join(_NOT_WORD.sub(" ", part).split()) for part in _NAME_SPLIT.split(text))
    return frozenset(part for part in parts if part)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _main_post(posts: list[IndexedPost]) -> IndexedPost:
    """A page should give one post; if it gave several, judge the one with most body text."""
    return max(posts, key=lambda post: len(post.text_of(*POST_SECTIONS)))


Errata = Mapping[str, Mapping[str, str]]  # page name -> {field: what the page says}


def _errata_fields(errata: Errata) -> set[str]:
    return {field for fields in errata.values() for field in fields}


def score_page(
    page: Annotation,
    posts: list[IndexedPost],
    result: RunResult,
    saved_text: str = "",
    errata: Errata | None = None,
) -> None:
    """Add one page's figures and misses to ``result``; ``posts`` are those of its file,
    ``saved_text`` all the page's text (to tell snippets the saved page lacks), ``errata``
    the run's proven corrections of the annotations."""
    saved = normalise(saved_text)
    tallies = result.tallies
    errata = errata or {}
    corrected = errata.get(page.name, {})
    with_errata = _errata_fields(errata)

    def miss(rate: str, reason: str) -> None:
        result.misses.append(Miss(page.name, rate, reason))

    post = _main_post(posts)
    if len(posts) > 1:
        miss("page", f"{len(posts)} posts from one page; judged the longest")
    if page.title:
        ratio = difflib.SequenceMatcher(None, normalise(post.title), normalise(page.title)).ratio()
        tallies["title"].add(ratio >= TITLE_RATIO)
        if ratio < TITLE_RATIO:
            miss("title", f"got {_short(post.title)!r} (ratio {ratio:.2f})")
    if page.date:
        got = (post.date or "")[:10]
        tallies["date"].add(got == page.date)
        if "date" in with_errata:
            tallies["date"].second(ERRATA_APPLIED).add(got == corrected.get("date", page.date))
        if got != page.date:
            erratum = corrected.get("date")
            note = f" (erratum: the page says {erratum})" if erratum else ""
            miss("date", f"got {got or 'none'}, annotated {page.date}{note}")
    if page.author:
        ok = bool(_names(post.author)) and _names(post.author) == _names(page.author)
        tallies["author"].add(ok)
        if not ok:
            got = repr(_short(post.author)) if post.author else "none"
            miss("author", f"got {got}, annotated {page.author!r}")
    body = normalise(" ".join(p.text_of(*POST_SECTIONS) for p in posts))
    # A comment as a reader sees it: its author's name, then its text (annotators took
    # some snippets from the name line).
    comments = normalise(" ".join(p.comment_text() for p in posts))
    everything = normalise(" ".join(p.text_of(*POST_SECTIONS, *COMMENT_SECTIONS) for p in posts))
    for snippet in page.with_:
        found = normalise(snippet) in body
        tallies["with"].add(found)
        if not found:
            where = "indexed as comment" if normalise(snippet) in comments else "not indexed"
            if saved and normalise(snippet) not in saved:
                where = "not in the saved page at all"
            miss("with", f"{_short(snippet)!r}: {where}")
    for snippet in page.without:
        if len(snippet.split()) < 3:
            continue  # too short to be absent by anything but chance
        absent = normalise(snippet) not in body
        tallies["without"].add(absent)
        if not absent:
            miss("without", f"{_short(snippet)!r}: indexed as post text")
    for snippet in page.comments:
        found = normalise(snippet) in comments
        tallies["comments"].add(found)
        if saved and normalise(snippet) in saved:
            tallies["comments"].second(IN_SAVED_PAGE).add(found)
        if not found:
            where = "indexed as post text" if normalise(snippet) in everything else "not indexed"
            if saved and normalise(snippet) not in saved:
                where = "not in the saved page at all"
            miss("comments", f"{_short(snippet)!r}: {where}")


def score_missing(
    page: Annotation,
    reason: str,
    result: RunResult,
    saved_text: str = "",
    errata: Errata | None = None,
) -> None:
    """A page that gave no post: every figure it annotates counts as missed."""
    result.misses.append(Miss(page.name, "page", reason))
    with_errata = _errata_fields(errata or {})
    for rate, given in (("title", page.title), ("date", page.date), ("author", page.author)):
        if given:
            result.tallies[rate].add(False)
            if rate in with_errata:
                result.tallies[rate].second(ERRATA_APPLIED).add(False)
    for _ in page.with_:
        result.tallies["with"].add(False)
    for snippet in page.without:
        if len(snippet.split()) >= 3:
            result.tallies["without"].add(True)  # nothing indexed: nothing wrongly indexed
    saved = normalise(saved_text)
    for snippet in page.comments:
        result.tallies["comments"].add(False)
        if saved and normalise(snippet) in saved:
            result.tallies["comments"].second(IN_SAVED_PAGE).add(False)


def score_index(
    run: IndexRun,
    pages: tuple[Annotation, ...],
    file_of: Callable[[Annotation], str],
    result: RunResult,
    saved_text: Callable[[Annotation], str] | None = None,
    errata: Errata | None = None,
) -> RunResult:
    """Score every page against what the index holds for its file (``file_of(page)``, a
    file name); pages that gave no post are misses with the indexer's reason.
    ``saved_text(page)``, when given, lets a miss say the saved page lacks the snippet
    (and gives the comments' ``in_saved_page`` reading); ``errata``, the proven
    corrections of the annotations (the ``errata_applied`` reading)."""
    posts = read_posts(run.index_dir)
    result.pages = len(pages)
    for page in pages:
        name = file_of(page)
        text = saved_text(page) if saved_text else ""
        if posts.get(name):
            score_page(page, posts[name], result, text, errata)
        elif name in run.failed:
            score_missing(page, f"not indexed: {run.failed[name]}", result, text, errata)
        else:
            reason = "not indexed: no post read from it (unrecognised or empty)"
            score_missing(page, reason, result, text, errata)
    return result
