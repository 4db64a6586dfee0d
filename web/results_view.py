"""The result list as the search page shows it: hits grouped by post, counts in words, paging."""

from __future__ import annotations

from dataclasses import dataclass

from indexer import MATCHED_IN, Hit, SearchResult
from web import urls
from web.sidebar import value_label

# How a section is named after "N matches in ..." (plural, singular).
_SECTION_PHRASES = {
    "post": ("the post", "the post"),
    "quote": ("quotes", "a quote"),
    "comment": ("comments", "a comment"),
    "pingback": ("pingbacks", "a pingback"),
}
_PAGE_WINDOW = 2  # page links shown either side of the current page


@dataclass(frozen=True)
class PassageRow:
    hit: Hit
    link: str
    section_label: str
    language: str  # the passage's language, named ("German")
    matched_in: str  # why a passage with nothing marked matched: "matched in the title"


@dataclass(frozen=True)
class PostGroup:
    post_id: str
    title: str
    title_html: str  # the title escaped, the query's words in <mark> (the library's; "": none)
    site: str
    site_url: str  # the search narrowed to this site
    date: str | None
    link: str
    summary: str
    passages: list[PassageRow]
    more: int = 0  # matching passages of this post not shown here
    more_url: str = ""  # the post page, every match highlighted, stepping through them


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


@dataclass(frozen=True)
class Paging:
    previous_url: str | None
    next_url: str | None
    pages: list[PageLink]
    past_last: bool  # asked for a page after the last one: say so and link back
    last_url: str


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def match_summary(counts: dict[str, int]) -> str:
    """``{"comment": 3, "post": 1}`` as "3 matches in comments, 1 in the post"."""
    ordered = sorted(
        ((section, count) for section, count in counts.items() if count > 0),
        key=lambda item: (
            -item[1],
            list(_SECTION_PHRASES).index(item[0]) if item[0] in _SECTION_PHRASES else 99,
        ),
    )
    parts = []
    for position, (section, count) in enumerate(ordered):
        many, one = _SECTION_PHRASES.get(section, (f"{section}s", section))
        where = one if count == 1 else many
        if position == 0:
            parts.append(f"{plural(count, 'match', 'matches')} in {where}")
        else:
            parts.append(f"{count} in {where}")
    return ", ".join(parts)


def group_hits(result: SearchResult, params: urls.Params) -> list[PostGroup]:
    """The page's posts, each with its passages shown here: the library's groups when the
    search pages over posts, else the page's hits gathered under their post."""
    query = result.request.query
    state = urls.search_state(params)
    groups: dict[str, PostGroup] = {}
    for hit in result.hits:
        group = groups.get(hit.post_id)
        if group is None:
            counts = result.post_matches.get(hit.post_id) or {}
            matches = sum(counts.values())
            more = 0
            if result.groups is not None:
                more = next(post.more for post in result.groups if post.post_id == hit.post_id)
            group = PostGroup(
                post_id=hit.post_id,
                title=hit.post_title or "Untitled post",
                title_html=hit.post_title_html,
                site=hit.site,
                site_url=urls.url("/", urls.narrowed(params, "site", hit.site)) if hit.site else "",
                date=hit.post_date,
                link=urls.post_link(hit.post_id, state=state),
                summary=match_summary(counts) if query.strip() else "",
                passages=[],
                more=more,
                more_url=urls.post_link(hit.post_id, state=state) if matches else "",
            )
            groups[hit.post_id] = group
        group.passages.append(
            PassageRow(
                hit=hit,
                link=urls.post_link(hit.post_id, anchor=hit.anchor, state=state),
                section_label=value_label("section", hit.section),
                language=value_label("language", hit.language) if hit.language else "",
                matched_in=MATCHED_IN.get(hit.matched_in, ""),
            )
        )
    return list(groups.values())


def count_sentence(result: SearchResult) -> str:
    """The result count in words, for the ``aria-live`` status line."""
    request = result.request
    if result.total == 0:
        return "No passages match."
    passages = plural(result.total, "passage")
    posts = plural(result.total_posts, "post")
    verb = "matches" if result.total == 1 else "match"
    by_post = request.group == "post"
    shown = result.total_posts if by_post else result.total
    first = (request.page - 1) * request.per_page + 1
    last = min(shown, request.page * request.per_page)
    if first > shown:
        return f"{passages} in {posts} {verb}; page {request.page} is past the last page."
    if result.pages == 1:
        return f"{passages} in {posts} {verb}."
    what = "posts " if by_post else ""
    return f"{passages} in {posts} {verb}; showing {what}{first} to {last}."


def paging(result: SearchResult, params: urls.Params) -> Paging:
    page = result.request.page
    last = result.pages
    low, high = max(1, page - _PAGE_WINDOW), min(last, page + _PAGE_WINDOW)
    return Paging(
        previous_url=urls.url("/", urls.with_page(params, min(page - 1, last)))
        if page > 1
        else None,
        next_url=urls.url("/", urls.with_page(params, page + 1)) if page < last else None,
        pages=[
            PageLink(number, urls.url("/", urls.with_page(params, number)), number == page)
            for number in range(low, high + 1)
        ]
        if last > 1
        else [],
        past_last=page > last,
        last_url=urls.url("/", urls.with_page(params, last)),
    )
