"""A pasted link finds its post: however the link was written (scheme, www., trailing
slash, fragment, tracking parameters, a Wayback Machine copy), through the library,
the CLI and the web API; an address nothing has is said so, never searched as words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request, index_archive
from indexer.core.urls import address_key
from tests.paths import ROOT
from tests.test_languages import wxr
from web.app import create_app
from web.cli.main import main

LONELIEST = (
    "http://thenervousbreakdown.com/tanderson/2011/07/"
    "the-loneliest-woman-in-the-world-an-appreciation-of-hearts-alone/"
)
LONELIEST_TITLE = "The Loneliest Woman in the World: An Appreciation of Heart’s “Alone”"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.Example.org/a/b/", "example.org/a/b"),
        ("http://example.org/a/b#comment-12", "example.org/a/b"),
        ("www.example.org/a/b?utm_source=feed&utm_medium=rss", "example.org/a/b"),
        ("http://example.org/?p=12&replytocom=4", "example.org?p=12"),
        ("http://example.org:8080/a", "example.org:8080/a"),
        ("https://example.org/caf%C3%A9/", "example.org/café"),
        ("https://web.archive.org/web/20190101000000*/http://example.org/a/", "example.org/a"),
        ("https://web.archive.org/web/2019id_/http:/example.org/a", "example.org/a"),
        ("mailto:someone@example.org", None),
        ("example.org/a", None),  # not pasted as a link: words
    ],
)
def test_address_keys(url: str, key: str | None) -> None:
    assert address_key(url) == key


@pytest.fixture(scope="module")
def linked_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("linked")
    shutil.copy(
        ROOT / "tests" / "fixtures" / "html" / "thenervousbreakdown.com.loneliest.html", archive
    )
    posts = [
        (f"Post {n}", f"Body of post number {n} about gardens.", "Ann", "Nice.") for n in (1, 2)
    ]
    posts.append(("Post 3", "Seeds from www.seeds.example are the best.", "Ann", "Nice."))
    (archive / "export.xml").write_text(wxr(posts), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("linked-index")
    assert not index_archive([archive], index_dir).failed
    return index_dir


@pytest.mark.parametrize(
    "pasted",
    [
        LONELIEST,
        LONELIEST.replace("http://", "https://www.").rstrip("/"),
        LONELIEST + "#comment-2093",
        LONELIEST + "?utm_source=twitter",
        "https://web.archive.org/web/20110801000000/" + LONELIEST,
        f"  {LONELIEST}  ",
    ],
)
def test_a_pasted_link_lists_the_post_in_page_order(linked_index: Path, pasted: str) -> None:
    result = ArchiveIndex.open(linked_index).search(build_request(pasted))
    assert {hit.post_title for hit in result.hits} == {LONELIEST_TITLE}
    assert result.hits[0].section == "post" and not result.warnings
    assert result.total > 10  # the post and its comments


def test_of_several_links_one_nothing_was_published_at_is_said(linked_index: Path) -> None:
    query = "http://example.org/?p=2 https://example.com/gone"
    result = ArchiveIndex.open(linked_index).search(build_request(query))
    assert {hit.post_title for hit in result.hits} == {"Post 2"}
    assert result.warnings == ["nothing in the index was published at example.com/gone: left out"]


def test_a_link_with_a_query_parameter_is_that_post_only(linked_index: Path) -> None:
    result = ArchiveIndex.open(linked_index).search(build_request("http://example.org/?p=2"))
    assert {hit.post_title for hit in result.hits} == {"Post 2"}


def test_a_link_beside_words_is_searched_as_words(linked_index: Path) -> None:
    # A pasted sentence quoting a link finds the passage that quotes it, wherever the
    # link points: the link is words of the sentence, not a filter.
    archive = ArchiveIndex.open(linked_index)
    quoted = archive.search(build_request("Seeds from https://www.seeds.example are"))
    assert [hit.post_title for hit in quoted.hits] == ["Post 3"] and not quoted.warnings
    inside = archive.search(build_request(f"gardens {LONELIEST}"))
    assert inside.hits == []  # no passage quotes that link


def test_an_address_nothing_was_published_at_is_searched_as_words(linked_index: Path) -> None:
    archive = ArchiveIndex.open(linked_index)
    result = archive.search(build_request("https://example.com/gardens"))
    assert result.hits == []
    assert result.warnings == [
        "nothing in the index was published at example.com/gardens: searched as words"
    ]
    named = archive.search(build_request("www.seeds.example"))  # a site the text names
    assert named.warnings == [
        "nothing in the index was published at seeds.example: searched as words"
    ]
    assert [hit.post_title for hit in named.hits] == ["Post 3"]
    assert "<mark>www.seeds.example</mark>" in named.hits[0].snippet


def test_cli_and_web_take_a_pasted_link(linked_index: Path) -> None:
    run = CliRunner().invoke(main, ["query", "--index", str(linked_index), "--json", LONELIEST])
    assert run.exit_code == 0, run.output
    assert LONELIEST_TITLE in run.output
    with TestClient(create_app(linked_index)) as client:
        response = client.get("/api/search", params={"q": LONELIEST + "#comments"})
    assert response.status_code == 200
    assert {hit["post_title"] for hit in response.json()["hits"]} == {LONELIEST_TITLE}
