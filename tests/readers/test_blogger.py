"""Blogger Atom export: public posts and pages, comment threads, labels."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import Post, Section
from indexer.errors import ArchiveFileError
from tests.readers.conftest import FIXTURES, read_file

EXPORT = FIXTURES / "blogger" / "www.wgdd.de.xml"


@pytest.fixture(scope="module")
def export() -> tuple[list[Post], list[str]]:
    reader, posts, reports = read_file(EXPORT)
    assert reader == "blogger"
    return posts, [report.message for report in reports]


def test_public_posts_and_pages_only(export: tuple[list[Post], list[str]]) -> None:
    posts, _ = export
    # 129 posts less 11 drafts, plus the 5 of 11 pages that are not drafts.
    assert len(posts) == 123
    titles = {post.title for post in posts}
    assert "Trying to install Debian on Acer Aspire 7" not in titles  # a draft
    assert "Pilze" not in titles  # a draft page
    assert "Test en" in titles  # a published page
    assert {post.author for post in posts} == {"Daniel Leidert"}
    # <published>2005-01-27T05:01:00.000+01:00: the blog's own time, its offset kept.
    first = min((p for p in posts if p.date), key=lambda p: p.date or datetime.max)
    assert (first.date, first.utc_offset) == (datetime(2005, 1, 27, 5, 1), 60)


def test_comments_threads_and_orphans(export: tuple[list[Post], list[str]]) -> None:
    posts, reports = export
    comments = [p for post in posts for p in post.passages if p.section == Section.COMMENT]
    # 108 comments, 8 of them on a post that is not in the export.
    assert len(comments) == 100
    assert reports == [
        "8 comment(s) reply to posts that are drafts, trashed or not in the export; not indexed"
    ]
    assert sum(1 for comment in comments if comment.parent) == 28
    per_post = Counter(
        post.title for post in posts for p in post.passages if p.section == "comment"
    )
    assert max(per_post.values()) == 19
    hp = next(
        post for post in posts if post.url.endswith("idea-new-toy-ein-neues-spielzeug-hp.html")
    )
    thread = [p for p in hp.passages if p.section == Section.COMMENT]
    question = next(p for p in thread if p.text == "Wie sieht es mit dem Energieverbrauch aus?")
    answer = next(p for p in thread if p.text.startswith("Den messe ich später noch."))
    assert answer.parent == question.anchor and answer.author == "Daniel Leidert"
    # Published 2013-06-30T00:35:24.363+02:00; the blog showed "June 30, 2013 at 12:35
    # AM" (blogger.displayTime): that time, not 22:35 UTC of the day before.
    assert question.author == "Anonymous"
    assert (question.date, question.utc_offset) == (datetime(2013, 6, 30, 0, 35, 24, 363000), 120)
    for post in posts:
        for passage in post.passages:
            assert "noreply@blogger.com" not in passage.text + passage.author


def test_labels_become_categories(export: tuple[list[Post], list[str]]) -> None:
    posts, _ = export
    labels = Counter(label for post in posts for label in post.categories)
    assert labels["debian"] == 64 and labels["english"] == 93


def test_truncated_export_keeps_what_precedes_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_bytes(EXPORT.read_bytes()[:200_000])
    _, posts, reports = read_file(path)
    assert len(posts) == 4 and posts[0].title.startswith("Exclude files from being exported")
    assert [report.line for report in reports] == [2304]
    assert reports[0].message.startswith("not well-formed XML: ")
    assert "; recovered 4 public post(s) from the readable part" in reports[0].message


def test_export_cut_before_any_post_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_bytes(EXPORT.read_bytes()[:20_000])
    with pytest.raises(ArchiveFileError) as caught:
        read_file(path)
    assert caught.value.line is not None and "not well-formed" in caught.value.reason
    assert "no post could be recovered" in caught.value.reason
