"""Results by post: each post once across all pages, with its best passages first."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from indexer.errors import BadParameter
from tests.synthetic_wxr import WORD, write_export

POSTS, COMMENTS = 30, 8


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveIndex:
    folder = tmp_path_factory.mktemp("grouping")
    (folder / "archive").mkdir()
    write_export(folder / "archive" / "export.xml", POSTS, COMMENTS)
    report = index_archive([folder / "archive"], folder / "index")
    assert not report.failed
    return ArchiveIndex.open(folder / "index")


def every_page(archive: ArchiveIndex, **options: str) -> list[list[tuple[str, list[str], int]]]:
    pages = []
    page = 1
    while True:
        result = archive.search(build_request(WORD, page=page, per_page=7, **options))
        assert result.groups is not None
        pages.append([(post.post_id, [hit.id for hit in post.hits], post.matches)
                      for post in result.groups])  # fmt: skip
        if page >= result.pages:
            return pages
        page += 1


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_each_post_once_over_all_pages_in_the_order_of_its_best_passage(
    archive: ArchiveIndex, sort: str
) -> None:
    pages = every_page(archive, group="post", sort=sort)
    assert [len(page) for page in pages] == [7, 7, 7, 7, 2]  # 30 posts, 7 a page
    posts = [post for page in pages for post in page]
    assert len({post_id for post_id, _, _ in posts}) == POSTS
    # The same search by passage, all at once: a post's place is its best passage's place,
    # and its passages shown are its first three in that order.
    passages = archive.search(build_request(WORD, per_page=100, sort=sort)).hits
    passages += archive.search(build_request(WORD, per_page=100, page=2, sort=sort)).hits
    passages += archive.search(build_request(WORD, per_page=100, page=3, sort=sort)).hits
    first_seen = list(dict.fromkeys(hit.post_id for hit in passages))
    assert [post_id for post_id, _, _ in posts] == first_seen
    for post_id, shown, matches in posts:
        own = [hit.id for hit in passages if hit.post_id == post_id]
        assert shown == own[:3]
        # Odd posts say the word in their body too: 9 matches, even ones 8.
        number = int(post_id.split("-post-number-")[1].split("-")[0])
        assert matches == COMMENTS + number % 2 == len(own)


def test_grouped_json_keeps_passages_and_says_how_many_more(archive: ArchiveIndex) -> None:
    result = archive.search(build_request(WORD, group="post", per_page=3))
    body = result.to_json()
    assert body["group"] == "post"
    assert body["total_posts"] == POSTS and body["pages"] == 10
    assert [len(post["hits"]) for post in body["groups"]] == [3, 3, 3]
    assert [hit["id"] for hit in body["hits"]] == [
        hit["id"] for post in body["groups"] for hit in post["hits"]
    ]
    for post in body["groups"]:
        assert post["more"] == post["matches"] - 3
        assert post["url"] == f"/post/{post['post_id']}"
    passages = archive.search(build_request(WORD, per_page=3)).to_json()
    assert passages["group"] == "passage" and "groups" not in passages
    assert passages["pages"] == 85  # 255 matching passages, 3 a page


def test_group_must_be_passage_or_post() -> None:
    with pytest.raises(BadParameter, match="group must be one of passage, post") as caught:
        build_request("x", group="thread")
    assert caught.value.field == "group"


@pytest.mark.parametrize("year", ["12", "212", "20120", "0000"])
def test_a_year_has_four_digits(year: str) -> None:
    with pytest.raises(BadParameter, match="year must be four digits") as caught:
        build_request("x", year=year)
    assert caught.value.field == "year"


def test_export_is_the_whole_match_set_in_order(archive: ArchiveIndex, tmp_path: Path) -> None:
    request = build_request(WORD, sort="newest")
    export = archive.export(request)
    rows = list(export)
    assert export.total == len(rows) == 255
    page = archive.search(build_request(WORD, sort="newest", per_page=100, page=2)).hits
    assert [row["id"] for row in rows[100:200]] == [hit.id for hit in page]
    assert rows[0]["text"].startswith("Comment 7 on post")
    assert list(rows[0]) == [
        "id", "post_id", "post_title", "post_date", "post_url", "site", "section", "author",
        "date", "date_precision", "utc_offset", "language", "categories", "tags", "url", "score",
        "text",
    ]  # fmt: skip
