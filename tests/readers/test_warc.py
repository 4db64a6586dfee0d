"""Web archives (WARC, WACZ): captures collapse into posts, everything else is counted."""

from __future__ import annotations

import gzip
from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import Post, Section
from indexer.readers import discover
from tests.readers.conftest import read_file
from tests.readers.warcfiles import PAGE, PAGE_URL, Crawl, history_crawl, wacz, without_comments

FIRST_COMMENTER, NEWEST_COMMENTER = "Art Edwards", "Kgaard"


def _comments(post: Post) -> list[tuple[str, str]]:
    return [(p.author, p.text[:30]) for p in post.passages if p.section == Section.COMMENT]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Post], list[str]]:
    path = history_crawl(tmp_path_factory.mktemp("warc") / "crawl.warc.gz")
    reader, posts, reports = read_file(path)
    assert reader == "warc"
    return posts, [report.message for report in reports]


def test_captures_of_one_post_are_one_post(history: tuple[list[Post], list[str]]) -> None:
    posts, _ = history
    assert len(posts) == 1
    post = posts[0]
    assert post.title.startswith("The Loneliest Woman in the World")
    assert post.url == PAGE_URL  # the page's canonical link
    assert post.captured == datetime(2019, 9, 1)
    assert post.capture_url == PAGE_URL + "#comments"
    body = [p for p in post.passages if p.section == Section.POST]
    assert body and all(p.captured == datetime(2019, 9, 1) for p in body)


def test_comment_thread_is_the_union_of_the_captures(
    history: tuple[list[Post], list[str]],
) -> None:
    post = history[0][0]
    saved_page = read_file(PAGE)[1][0]
    assert _comments(post) == _comments(saved_page)  # all 11, in page order
    captured = {p.author: p.captured for p in post.passages if p.section == Section.COMMENT}
    # Deleted before September: kept, dated by the last capture that showed it (the revisit).
    assert captured[FIRST_COMMENTER] == datetime(2019, 8, 1)
    assert captured[NEWEST_COMMENTER] == datetime(2019, 9, 1)
    anchors = [p.anchor for p in post.passages]
    assert len(anchors) == len(set(anchors))
    deleted = next(p for p in post.passages if p.author == FIRST_COMMENTER)
    assert deleted.anchor.startswith("comment-") and deleted.anchor != "comment-1"


def test_what_is_not_a_post_is_counted(history: tuple[list[Post], list[str]]) -> None:
    _, reports = history
    summary = [message for message in reports if message.startswith("web archive:")]
    assert summary == [
        "web archive: 4 page captures read as 1 posts; skipped "
        "1 errors (status other than 200), "
        "1 listing pages (category, tag, author, search, date archives), "
        "1 not HTML (images, styles, scripts, feeds), 1 redirects, 1 robots.txt"
    ]


def test_listing_page_by_its_markup_is_not_a_post(tmp_path: Path) -> None:
    page = PAGE.read_bytes().replace(b"<body>", b'<body class="archive category category-music">')
    crawl = Crawl(tmp_path / "listing.warc")
    crawl.response("http://thenervousbreakdown.com/music-posts/", page, "2019-06-15T20:00:00Z")
    _, posts, reports = read_file(crawl.close())
    assert posts == []
    assert "1 listing pages (by their markup)" in reports[-1].message


def test_wacz_reads_its_warcs_as_one_crawl(tmp_path: Path) -> None:
    page = PAGE.read_bytes()
    first = Crawl(tmp_path / "rec-1.warc.gz")
    first.response(PAGE_URL, without_comments(page, [10]), "2019-06-15T20:00:00Z")
    second = Crawl(tmp_path / "rec-2.warc.gz")
    second.response(PAGE_URL, page, "2019-07-01T10:00:00Z")
    package = wacz(
        tmp_path / "crawl.wacz",
        [first.close(), second.close()],
        [{"url": PAGE_URL, "ts": "2019-06-15T20:00:00Z", "title": "The Loneliest Woman"}],
    )
    reader, posts, _ = read_file(package)
    assert reader == "wacz"
    assert len(posts) == 1
    assert posts[0].captured == datetime(2019, 7, 1, 10)
    assert _comments(posts[0]) == _comments(read_file(PAGE)[1][0])


def test_a_folder_walk_takes_web_archives_and_leaves_other_compressed_files(
    tmp_path: Path,
) -> None:
    crawl = Crawl(tmp_path / "crawl.warc.gz")
    crawl.response(PAGE_URL, PAGE.read_bytes(), "2019-06-15T20:00:00Z")
    crawl.close()
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"not a web archive"))
    (tmp_path / "photos.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip
    assert [path.name for path in discover([tmp_path])] == ["crawl.warc.gz"]


def test_relative_comment_date_counts_back_from_the_capture(tmp_path: Path) -> None:
    """A comment dated "vor 11 Wochen" on a page captured on 2020-06-01 is 11 weeks
    before that day; the same page saved loose stays undated (test_comment_structures)."""
    page = PAGE.parent.parent / "comments" / "lone-relative.html"
    crawl = Crawl(tmp_path / "relative.warc.gz")
    crawl.response("https://www.mdr.de/nachrichten/autohaeuser-100.html", page.read_bytes(),
                   "2020-06-01T12:00:00Z")  # fmt: skip
    crawl.close()
    _, posts, _ = read_file(tmp_path / "relative.warc.gz")
    [comment] = [p for post in posts for p in post.passages if p.section == Section.COMMENT]
    assert comment.author == "Critica"
    assert comment.date is not None
    assert comment.date.date() == datetime(2020, 3, 16).date()  # 77 days earlier
