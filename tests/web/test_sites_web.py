"""Who, when and where on the web (issue 20, items 3, 5, 6, 7, 8), against a real index
of seven sites (``sites_index_dir``): the site on every hit, card and post page; the site
facet and filters as people type; marked titles and "matched in the title"; exports that
carry the citation, named for their search."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from indexer import Hit
from web.app import create_app
from web.schemas import object_schema


@pytest.fixture(scope="module")
def client(sites_index_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sites_index_dir)) as test_client:
        yield test_client


def page(client: TestClient, path: str, **params: str) -> BeautifulSoup:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def test_every_hit_names_its_site_in_the_api_and_its_schema(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "Loneliest"}).json()
    (hit,) = data["hits"]
    assert (hit["site"], hit["language"], hit["matched_in"]) == (
        "thenervousbreakdown.com",
        "en",
        "title",
    )
    hit_schema = object_schema(Hit)["properties"]
    assert hit_schema["site"]["type"] == "string"
    assert hit_schema["matched_in"] == {"type": "string", "enum": ["", "title", "author"]}
    parameters = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["parameters"]
    assert "site" in {parameter["name"] for parameter in parameters}


def test_the_site_filter_as_typed_in_a_url(client: TestClient) -> None:
    for typed in ("wgdd.de", "WWW.WGDD.DE", "https://www.wgdd.de/2019/"):
        data = client.get("/api/search", params={"site": typed}).json()
        assert data["total"] == 335, typed
    typed = client.get("/api/search", params={"author": "daniel leidert"}).json()
    assert typed["total"] == 252
    assert client.get("/api/search", params={"language": "German"}).json()["total"] == 44


def test_cards_show_the_site_the_language_and_why(client: TestClient) -> None:
    soup = page(client, "/", q="Loneliest")
    (card,) = soup.select("article.post-group")
    title = card.select_one(".post-title a")
    assert title is not None and title.mark is not None and title.mark.get_text() == "Loneliest"
    site = card.select_one(".post-meta a.site")
    assert site is not None and site.get_text() == "thenervousbreakdown.com"
    assert site["href"] == "/?q=Loneliest&site=thenervousbreakdown.com"
    meta = card.select_one(".passage-meta")
    assert meta is not None
    assert meta.select_one(".language").get_text() == "English"  # type: ignore[union-attr]
    assert meta.select_one(".matched-in").get_text() == "matched in the title"  # type: ignore[union-attr]
    by_author = page(client, "/", q="bebopper76")
    notes = [note.get_text() for note in by_author.select(".passage-meta .matched-in")]
    assert notes == ["matched the author"] * 3


def test_the_sidebar_lists_sites_and_named_languages(client: TestClient) -> None:
    soup = page(client, "/", author="daniel leidert")
    sites = soup.select_one("section.facet-site")
    assert sites is not None and sites.h2 is not None and sites.h2.get_text() == "Site"
    assert [
        (link.select_one(".facet-label").get_text(), link["aria-checked"])  # type: ignore[union-attr]
        for link in sites.select("a[role=checkbox]")
    ] == [("wgdd.de", "false")]
    # The listed spelling is selected, and following it removes the typed filter.
    (author,) = [
        link
        for link in soup.select("section.facet-author a[role=checkbox]")
        if link["aria-checked"] == "true"
    ]
    assert author.select_one(".facet-label").get_text() == "Daniel Leidert"  # type: ignore[union-attr]
    assert author["href"] == "/"
    languages = soup.select("section.facet-language .facet-label")
    assert [label.get_text() for label in languages] == ["English", "German", "Unknown"]


def test_the_post_page_marks_its_title_and_names_its_site(client: TestClient) -> None:
    post_id = client.get("/api/search", params={"q": "Hello"}).json()["hits"][0]["post_id"]
    soup = page(client, f"/post/{post_id}", q="Hello")
    heading = soup.select_one("h1")
    assert heading is not None and str(heading) == "<h1><mark>Hello</mark> world!</h1>"
    site = soup.select_one(".post-meta a.site")
    assert site is not None and site.get_text() == "lobsterino.wordpress.com"
    assert site["href"] == "/?site=lobsterino.wordpress.com"
    note = soup.select_one("#post-1 .matched-in")
    assert note is not None and note.get_text() == "matched in the title"
    data = client.get(f"/api/post/{post_id}", params={"q": "Hello"}).json()
    assert (data["site"], data["title_html"]) == (
        "lobsterino.wordpress.com",
        "<mark>Hello</mark> world!",
    )
    assert [(p["anchor"], p["matched_in"]) for p in data["passages"]] == [
        ("post-1", "title"),
        ("comment-1", ""),
    ]


def test_a_hostile_title_is_escaped_where_it_is_marked(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "bts"}).json()
    titles = {hit["post_title_html"] for hit in data["hits"]}
    assert "Make &#x27;<mark>bts</mark>&#x27; (devscripts) accept TLS connection" in next(
        title for title in titles if title.startswith("Make")
    )


def test_exports_carry_the_citation_and_say_what_was_searched(client: TestClient) -> None:
    response = client.get(
        "/api/search.csv", params={"q": "police", "author": "bebopper76", "site": "Ökö.example"}
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="archive-search_police_author-bebopper76_site-oko-example.csv"; '
        "filename*=UTF-8''archive-search_police_author-bebopper76_site-%C3%B6k%C3%B6-example.csv"
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows == []  # no such site: a header alone
    every = client.get("/api/search.jsonl", params={"site": "lobsterino.wordpress.com"})
    assert every.headers["content-disposition"].startswith(
        'attachment; filename="archive-search_site-lobsterino-wordpress-com.jsonl"'
    )
    first = json.loads(every.text.splitlines()[0])
    assert {key: first[key] for key in ("post_url", "site", "language", "categories", "tags")} == {
        "post_url": "http://lobsterino.wordpress.com/2010/02/06/hello-world/",
        "site": "lobsterino.wordpress.com",
        "language": "en",
        "categories": ["Uncategorized"],
        "tags": ["tag"],
    }
    plain = client.get("/api/search.csv")
    assert plain.headers["content-disposition"].startswith(
        'attachment; filename="archive-search.csv"'
    )
