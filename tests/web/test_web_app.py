"""App wiring with a stand-in archive: index opened once, searches off the event loop,
and library output the sample archive cannot produce (truncated facets, warnings,
suggestions) rendered safely."""

from __future__ import annotations

import threading
from pathlib import Path

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from indexer.contract.results import (
    FacetValue,
    Hit,
    IndexStats,
    PostView,
    SearchRequest,
    SearchResult,
)
from web.app import create_app

HOSTILE = "<b>bold</b><script>alert(1)</script>"


def make_hit(number: int) -> Hit:
    return Hit(
        id=f"p#comment-{number}",
        post_id="p",
        post_title=f"Post {HOSTILE}",
        post_date="2012-06-14T00:00",
        post_url="javascript:alert(1)",
        section="comment",
        author=f"author {number}",
        date="2012-06-14T18:00",
        date_precision="minute",
        anchor=f"comment-{number}",
        url=f"/post/p#comment-{number}",
        snippet="escaped &lt;b&gt; and <mark>word</mark>",
        score=1.0,
    )


class StandInArchive:
    """Records which threads the library is called on; answers with fixed data."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def search(self, request: SearchRequest) -> SearchResult:
        self.threads.append(threading.current_thread().name)
        authors = [FacetValue(f"author {n}", 30 - n) for n in range(25)]
        return SearchResult(
            request=request,
            parsed_query="text:word",
            total=2,
            total_posts=1,
            hits=[make_hit(1), make_hit(2)],
            facets={"author": authors[:20], "section": [FacetValue("comment", 2)]},
            facets_truncated={"author": True, "section": False},
            suggestion=HOSTILE,
            warnings=[f"dropped {HOSTILE} from the query"],
            post_matches={"p": {"comment": 2}},
        )

    def post(self, post_id: str, query: str = "") -> PostView:
        raise NotImplementedError

    def stats(self) -> IndexStats:
        self.threads.append(threading.current_thread().name)
        return IndexStats(passages=2, posts=1, last_commit=None, generation=1, index_dir="x")


def test_index_opened_once_and_library_called_off_the_event_loop(tmp_path: Path) -> None:
    archive = StandInArchive()
    opened: list[Path] = []

    def open_index(index_dir: Path) -> StandInArchive:
        opened.append(index_dir)
        return archive

    with TestClient(create_app(tmp_path, open_index=open_index)) as client:
        for _ in range(3):
            assert client.get("/", params={"q": "word"}).status_code == 200
        assert client.get("/healthz").status_code == 200
    assert opened == [tmp_path]
    assert len(archive.threads) == 4
    assert all(name.startswith("search") for name in archive.threads)


def test_library_text_other_than_snippets_is_escaped(tmp_path: Path) -> None:
    app = create_app(tmp_path, open_index=lambda index_dir: StandInArchive())
    with TestClient(app) as client:
        response = client.get("/", params={"q": "word"})
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.find_all("b") == []
    assert [s.get("src") for s in soup.find_all("script")] == ["/static/app.js"]
    suggestion = soup.select_one(".suggestion a")
    assert suggestion.get_text() == HOSTILE
    assert soup.select_one(".warnings li").get_text() == f"dropped {HOSTILE} from the query"
    assert HOSTILE in soup.select_one(".post-title").get_text()
    snippet = soup.select_one(".snippet a")
    assert snippet.get_text() == "escaped <b> and word"
    assert [mark.get_text() for mark in snippet.select("mark")] == ["word"]


def test_truncated_author_facet_links_to_the_full_list(tmp_path: Path) -> None:
    app = create_app(tmp_path, open_index=lambda index_dir: StandInArchive())
    with TestClient(app) as client:
        page = BeautifulSoup(client.get("/", params={"q": "word", "page": "1"}).text, "html.parser")
        more = page.select_one("section.facet-author .facet-more")
        assert more["href"] == "/facets/author?q=word"
        assert len(page.select("section.facet-author li")) == 20
        assert page.select_one("section.facet-section .facet-more") is None
        assert client.get(more["href"]).status_code == 200
