"""Blog software before and beside WordPress through the real CLI (issue 21): Movable
Type's classic templates and Drupal's blog (tests/fixtures/classicblogs/README.md), indexed
with `archive-search index` and asked with `archive-search query --json`: the post with the
author and time its footer or byline shows, each comment with its own, trackbacks as
pingbacks, and none of the "Posted by:" labels, tag lists or comment form in any passage."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_discussions_cli import cli, hits

CLASSIC = Path(__file__).resolve().parent / "fixtures" / "classicblogs"
Said = tuple[str, str, str, str]  # section, author, date, a phrase of its text
Reply = tuple[str, str, str, str, str]  # the same, then the anchor of what it answers
# file -> (title, site, the post as Said, then the comments and pings in page order)
PAGES: dict[str, tuple[str, str, Said, list[Reply]]] = {
    "movabletype3": (
        "Counting lapwings on the lower meadow", "marshnotes.example.org",
        ("post", "Ruth Calloway", "2010-12-08T10:56", "counted lapwings along the flooded ditch"),
        [("comment", "Tom Ashdown", "2010-12-08T14:20", "Were any of them colour-ringed?", ""),
         ("comment", "Anonymous", "2010-12-09T08:05", "post the Wednesday counts as a table", ""),
         ("pingback", "Fenland Walks", "2010-12-09T09:12", "our own count at the washes", "")],
    ),
    "movabletype5": (
        "Grafting the old Bramley", "orchard-diary.example.com",
        ("post", "Martin Pryce", "2013-03-16T11:40", "Eleven whip-and-tongue grafts"),
        [("comment", "Jess Holloway", "2013-03-16T18:02", "Which wax do you use?", ""),
         ("comment", "Martin Pryce", "2013-03-17T09:15", "A soft grafting wax", "")],
    ),
    # Drupal's "12/08/2010" is month first (its RDFa time says so); "(not verified)" is no
    # part of a name; a reply stands in div.indented after what it answers.
    "drupal7-bartik": (
        "Tenants ask the council for a repair schedule", "riverside-tenants.example.org",
        ("post", "Greta Lind", "2010-12-08T10:56", "agreed to ask the council for a written"),
        [("comment", "Hamid", "2010-12-08T14:20", "Our lift was out for eleven days", ""),
         ("comment", "Greta Lind", "2010-12-09T08:05", "A schedule is fine", "comment-1"),
         ("comment", "Anonymous", "2010-12-09T19:31", "Heating in block A", "")],
    ),
}  # fmt: skip
NEVER_INDEXED = ("Posted by", "Tags", "Read More", "Tracked on", "Remember personal info",
                 "TrackBack URL", "default userpic", "Recent Comments", "not verified",
                 "Permalink", "Add new comment", "online", "Our lift was out for Our")  # fmt: skip


@pytest.fixture(scope="module")
def html_index(tmp_path_factory: pytest.TempPathFactory) -> str:
    pages = tmp_path_factory.mktemp("pages")
    for name in PAGES:
        shutil.copy(CLASSIC / f"{name}.html", pages)
    index = str(tmp_path_factory.mktemp("index") / "index")
    summary = cli("index", str(pages), "--index", index)
    assert (summary["posts"], summary["passages"], summary["failed"]) == (3, 11, [])
    return index


@pytest.mark.parametrize("name", sorted(PAGES))
def test_post_comments_and_pings_with_their_own_authors_and_dates(
    html_index: str, name: str
) -> None:
    title, site, (_, author, date, phrase), thread = PAGES[name]
    [post] = hits(html_index, f'"{phrase}"')
    assert (post["section"], post["post_title"], post["site"]) == ("post", title, site)
    assert (post["author"], post["date"]) == (author, date)
    found = [hit for hit in hits(html_index, "") if hit["post_id"] == post["post_id"]]
    replies = [hit for hit in found if hit["section"] != "post"]
    replies.sort(key=lambda hit: (hit["section"], int(hit["anchor"].split("-")[1])))
    assert [(hit["section"], hit["author"], hit["date"], hit["parent"]) for hit in replies] == [
        (section, who, when, parent) for section, who, when, _, parent in thread
    ]
    for hit, (*_, said, _) in zip(replies, thread, strict=True):
        [match] = hits(html_index, f'"{said}"')
        assert match["id"] == hit["id"]


def test_labels_forms_and_widgets_are_never_indexed(html_index: str) -> None:
    assert {words: len(hits(html_index, f'"{words}"')) for words in NEVER_INDEXED} == dict.fromkeys(
        NEVER_INDEXED, 0
    )


def test_the_tags_are_a_facet_not_text(html_index: str) -> None:
    tags = cli("query", "", "--index", html_index)["facets"]["tag"]
    assert sorted(value["value"] for value in tags) == ["grafting", "lapwing", "survey"]


def test_drupal_as_text_keeps_authors_and_month_first_dates(tmp_path: Path) -> None:
    """w3m's rendering: the weekday settles 12/08/2010; the indentation of the reply is
    gone in text, so it answers no one there."""
    shutil.copy(CLASSIC / "text" / "drupal7-bartik.txt", tmp_path)
    index = str(tmp_path / "index")
    cli("index", str(tmp_path / "drupal7-bartik.txt"), "--index", index)
    title, _, (_, author, date, phrase), thread = PAGES["drupal7-bartik"]
    [post] = hits(index, f'"{phrase}"')
    assert (post["post_title"], post["author"], post["date"]) == (title, author, date)
    replies = sorted(hits(index, "", "--section", "comment"), key=lambda hit: hit["anchor"])
    assert [(hit["author"], hit["date"]) for hit in replies] == [
        (who, when) for _, who, when, _, _ in thread
    ]
    assert [len(hits(index, f'"{words}"')) for words in NEVER_INDEXED] == [0] * len(NEVER_INDEXED)
