"""Blogger's current export (``feed.atom``, namespace ``schemas.google.com/blogger/2018``).

The fixture holds real entries of the classic export re-written in the current format
(``tests/blogger_takeout.py``), so the same post must give the
same passages from either file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.core.dates import instant
from indexer.core.models import Post, Section
from indexer.errors import ArchiveFileError
from tests.readers.conftest import FIXTURES, read_file

TAKEOUT = FIXTURES / "blogger" / "takeout-feed.atom"
CLASSIC = FIXTURES / "blogger" / "www.wgdd.de.xml"
HP = "Idea: A new toy (ein neues Spielzeug) ... HP Microserver N54L"


@pytest.fixture(scope="module")
def takeout() -> tuple[list[Post], list[str]]:
    reader, posts, reports = read_file(TAKEOUT)
    assert reader == "blogger"
    return posts, [report.message for report in reports]


def test_live_posts_and_pages_only(takeout: tuple[list[Post], list[str]]) -> None:
    posts, reports = takeout
    # Not: the DRAFT "Trying to install Debian on Acer Aspire 7", the SOFT_TRASHED
    # "Rsync files between two machines over SSH ..." (whose 4 comments are reported).
    assert [post.title for post in posts] == [
        "Setting up a network buildd with pbuilder, ccache, inoticoming and NFS",
        HP,
        "Test en",  # a PAGE
    ]
    assert reports == [
        "4 comment(s) reply to posts that are drafts, trashed or not in the export; not indexed"
    ]
    hp = posts[1]
    assert hp.author == "Daniel Leidert" and hp.url == ""  # a path, no blog URL in the file
    assert hp.categories == [
        "backup", "hardware", "n54l", "nas", "english", "htpc", "debian", "microserver"
    ]  # fmt: skip


def test_same_passages_as_the_classic_export(takeout: tuple[list[Post], list[str]]) -> None:
    posts, _ = takeout
    _, classic, _ = read_file(CLASSIC)
    for title in (HP, "Setting up a network buildd with pbuilder, ccache, inoticoming and NFS"):
        new = next(post for post in posts if post.title == title)
        old = next(post for post in classic if post.title == title)
        # Takeout states times in UTC ("…Z"), the classic export in the blog's zone
        # ("…+02:00"): each is kept as stated, with its offset; the instants agree.
        assert new.utc_offset == 0 and old.utc_offset in (60, 120)
        assert instant(new.date, new.utc_offset) == instant(old.date, old.utc_offset)
        assert new.categories == old.categories
        body = [(p.anchor, p.text) for p in old.passages if p.section == Section.POST]
        assert [(p.anchor, p.text) for p in new.passages if p.section == Section.POST] == body
    hp = next(post for post in posts if post.title == HP)
    thread = [
        (p.anchor, p.author, instant(p.date, p.utc_offset), p.parent, p.text[:42])
        for p in hp.passages[1:]
    ]
    # The classic export's 5 comments less the SOFT_TRASHED "Macht 825 Euro ..." and the
    # PENDING link spam; the replies keep their question as parent.
    assert [row[:4] for row in thread] == [
        ("comment-1", "Anonymous", old_date(classic, "Wie sieht es mit dem Energie"), ""),
        ("comment-2", "Daniel Leidert", old_date(classic, "Den messe ich später"), "comment-1"),
        ("comment-3", "Daniel Leidert", old_date(classic, '"Idle" verbraucht'), "comment-1"),
    ]
    assert thread[0][4] == "Wie sieht es mit dem Energieverbrauch aus?"
    for post in posts:
        for passage in post.passages:
            assert "Macht 825 Euro" not in passage.text and "yeezy 500" not in passage.text


def old_date(posts: list[Post], start: str) -> object:
    """The instant (UTC) of the classic export's passage starting with ``start``."""
    return next(
        instant(p.date, p.utc_offset)
        for post in posts
        for p in post.passages
        if p.text.startswith(start)
    )


def test_told_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "backup.txt"
    path.write_bytes(TAKEOUT.read_bytes())
    name, posts, _ = read_file(path)
    assert name == "blogger" and len(posts) == 3


def test_blog_link_makes_filenames_urls(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(
        TAKEOUT.read_text(encoding="utf-8").replace(
            "<title>[erfahrungen",
            "<link rel='alternate' href='https://www.wgdd.de/'/><title>[erf",
            1,
        ),
        encoding="utf-8",
    )
    _, posts, _ = read_file(path)
    assert posts[1].url == "https://www.wgdd.de/2013/06/idea-new-toy-ein-neues-spielzeug-hp.html"


def test_cut_download_keeps_the_posts_before_the_cut(tmp_path: Path) -> None:
    data = TAKEOUT.read_bytes()
    path = tmp_path / "feed.atom"
    path.write_bytes(data[: data.index(b"<title>Idea: A new toy")])
    _, posts, reports = read_file(path)
    assert [post.title for post in posts] == [
        "Setting up a network buildd with pbuilder, ccache, inoticoming and NFS"
    ]
    assert len(posts[0].passages) == 8  # its body; its comments stand after the cut
    assert [report.line for report in reports] == [
        data[: data.index(b"<title>Idea")].count(b"\n") + 1
    ]
    assert "recovered 1 public post(s)" in reports[0].message
    path.write_bytes(data[:400])
    with pytest.raises(ArchiveFileError) as caught:
        read_file(path)
    assert caught.value.line is not None and "no post could be recovered" in caught.value.reason
