"""A saved page that lists posts is reported and skipped, not indexed as one post
(tests/fixtures/listing/README.md); a single post is still read."""

from __future__ import annotations

import pytest

from tests.readers.conftest import FIXTURES, read_file


@pytest.mark.parametrize("name", ["category.html", "tag-url.html"])
def test_listing_page_is_reported_and_skipped(name: str) -> None:
    reader, posts, reports = read_file(FIXTURES / "listing" / name)
    assert reader == "html-page"
    assert posts == []
    [report] = reports
    assert report.message.startswith("not a post: a listing of posts")


def test_single_post_with_related_articles_is_read() -> None:
    _, posts, _ = read_file(FIXTURES / "html" / "gormulus.wordpress.com.durfen.html")
    assert len(posts) == 1
