"""JSON twins, health check, Atom feed and OpenSearch description."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import orjson
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request
from indexer.contract.results import FacetValue, Hit

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def test_api_search_is_the_library_json_contract(client: TestClient, index_dir: Path) -> None:
    params = [("q", "police"), ("author", "bebopper76"), ("author", "Cat"), ("sort", "newest")]
    data = client.get("/api/search", params=params).json()
    expected = (
        ArchiveIndex.open(index_dir)
        .search(build_request("police", author=["bebopper76", "Cat"], sort="newest"))
        .to_json()
    )
    data.pop("elapsed_ms")
    expected.pop("elapsed_ms")
    assert data == expected
    assert data["filters"]["author"] == ["bebopper76", "Cat"]


def test_api_search_takes_every_page_parameter(client: TestClient) -> None:
    params = {
        "q": "police",
        "section": "comment",
        "year": "2012",
        "month": "2012-06",
        "from": "2012-06-01",
        "to": "2012-06-30",
        "sort": "oldest",
        "page": "1",
        "per_page": "2",
    }
    data = client.get("/api/search", params=params).json()
    assert data["per_page"] == 2 and data["sort"] == "oldest"
    assert data["filters"] == {
        "author": [],
        "site": [],
        "section": ["comment"],
        "category": [],
        "tag": [],
        "language": [],
        "year": 2012,
        "month": "2012-06",
        "from": "2012-06-01",
        "to": "2012-06-30",
    }
    assert {hit["section"] for hit in data["hits"]} == {"comment"}


def test_healthz_reports_index_stats(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["posts"] == 2
    assert data["passages"] == 16  # 12 on the sample page, 4 on the hostile one
    assert data["last_commit"]


def test_atom_feed_lists_newest_matches_first(client: TestClient) -> None:
    response = client.get("/search.atom", params={"q": "police", "sort": "relevance"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Archive search: police"
    section = client.get("/search.atom", params={"q": "police", "section": "comment"})
    titled = ElementTree.fromstring(section.content).find(f"{ATOM}title").text
    assert titled == "Archive search: police (section Comment)"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href").startswith("http://testserver/post/")
    content = first.find(f"{ATOM}content")
    assert content.get("type") == "html" and "<mark>" in content.text


def test_atom_feed_escapes_hostile_text(client: TestClient) -> None:
    response = client.get("/search.atom", params={"q": "hostility"})
    feed = ElementTree.fromstring(response.content)  # well-formed despite the payloads
    titles = [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]
    assert any("<script>" in title for title in titles)  # as text, not markup
    assert b"<script>" not in response.content


def test_opensearch_description(client: TestClient) -> None:
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/opensearchdescription+xml")
    root = ElementTree.fromstring(response.content)
    assert root.find(f"{OPENSEARCH}ShortName").text == "Archive search"
    templates = {url.get("type"): url.get("template") for url in root.findall(f"{OPENSEARCH}Url")}
    assert templates["text/html"] == "http://testserver/?q={searchTerms}"
    assert templates["application/atom+xml"] == "http://testserver/search.atom?q={searchTerms}"


def test_static_files_are_served(client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "mark" in css.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/missing.css").status_code == 404


def test_api_answers_are_the_library_json_for_groups_posts_and_suggestions(
    client: TestClient, index_dir: Path
) -> None:
    """The API writes facet values and hits as orjson writes dataclasses
    (``to_json(native=True)``): the same JSON as the library's ``to_json()``."""
    archive = ArchiveIndex.open(index_dir)
    for params in ({"q": "police", "group": "post"}, {"q": "polize"}, {"q": '"vice squad"'}):
        data = client.get("/api/search", params=params).json()
        expected = archive.search(build_request(params["q"], group=params.get("group"))).to_json()
        data.pop("elapsed_ms")
        expected.pop("elapsed_ms")
        assert data == expected, params
    post_id = archive.search(build_request("police")).hits[0].post_id
    data = client.get(f"/api/post/{post_id}", params={"q": "police"}).json()
    assert data == archive.post(post_id, "police").to_json()
    assert any(passage["matched"] for passage in data["passages"])


def test_native_json_leaves_plain_results_to_the_encoder(index_dir: Path) -> None:
    result = ArchiveIndex.open(index_dir).search(build_request("police"))
    native = result.to_json(native=True)
    assert result.hits and all(isinstance(hit, Hit) for hit in native["hits"])
    assert all(isinstance(value, FacetValue) for value in native["facets"]["author"])
    assert orjson.dumps(native) == orjson.dumps(result.to_json())
