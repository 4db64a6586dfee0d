"""A crawl through the real CLI and the web app: one post, searchable deleted comments,
"captured on" and the replay link on the post page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from starlette.testclient import TestClient

from tests.readers.warcfiles import PAGE_URL, history_crawl
from web.app import create_app
from web.cli.main import main

REPLAY = "https://replay.example/blog-collection"


@pytest.fixture(scope="module")
def crawl_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("crawl")
    crawl = history_crawl(folder / "crawl.warc.gz")
    index_dir = folder / "index"
    result = CliRunner().invoke(main, ["index", str(crawl), "--index", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    return index_dir, json.loads(result.stdout)


@pytest.fixture(scope="module")
def client(crawl_index: tuple[Path, dict]) -> Iterator[TestClient]:  # type: ignore[type-arg]
    with TestClient(create_app(crawl_index[0], replay_url=REPLAY)) as test_client:
        yield test_client


def test_the_crawl_indexes_as_one_post(crawl_index: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    _, summary = crawl_index
    assert summary["files"] == 1 and summary["posts"] == 1
    assert summary["passages"] == 1 + 11  # the body (one part) and every comment ever captured


def test_a_deleted_comment_is_found_with_its_capture_date(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": '"crushingly sweet numbers"'}).json()
    assert [(hit["author"], hit["section"]) for hit in found["hits"]] == [
        ("Art Edwards", "comment")
    ]
    post = client.get(f"/api/post/{found['hits'][0]['post_id']}").json()
    assert post["captured"] == "2019-09-01T00:00:00"
    assert post["capture_url"] == PAGE_URL + "#comments"
    captured = {p["author"]: p["captured"] for p in post["passages"] if p["section"] == "comment"}
    assert captured["Art Edwards"] == "2019-08-01T00:00:00"
    assert captured["Kgaard"] == "2019-09-01T00:00:00"


def test_post_page_says_when_it_was_captured_and_links_the_replay(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": '"crushingly sweet numbers"'}).json()
    post_id = found["hits"][0]["post_id"]
    page = BeautifulSoup(client.get(f"/post/{post_id}").text, "html.parser")
    meta = page.select_one(".post-meta")
    assert meta is not None
    assert meta.select_one(".captured").get_text(" ", strip=True) == (
        "captured on September 1, 2019 at 12:00 am (UTC)"
    )
    replay = meta.select_one("a.replay")
    assert replay is not None
    assert replay["href"] == f"{REPLAY}/20190901000000/{PAGE_URL}#comments"
    notes = [" ".join(note.get_text().split()) for note in page.select(".comments .captured")]
    assert notes == ["last captured on August 1, 2019, gone from later captures"]


def test_serve_refuses_a_replay_url_that_is_not_http(crawl_index: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    result = CliRunner().invoke(
        main, ["serve", "--index", str(crawl_index[0]), "--replay-url", "javascript:alert(1)"]
    )
    assert result.exit_code == 2
    assert "not an http(s) URL of a replay tool" in result.output
