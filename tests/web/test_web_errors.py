"""Every bad input is a 400 with the one error shape; never a 500 or a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from indexer.contract.request import SearchRequest
from indexer.contract.results import IndexStats, PostView, SearchResult
from web.app import create_app

BAD_PARAMETERS = [
    ({"page": "0"}, "bad_parameter", "page"),
    ({"page": "abc"}, "bad_parameter", "page"),
    ({"page": "-1"}, "bad_parameter", "page"),
    ({"per_page": "10000"}, "bad_parameter", "per_page"),
    ({"per_page": "0"}, "bad_parameter", "per_page"),
    ({"sort": "foo"}, "bad_parameter", "sort"),
    ({"month": "2012-13"}, "bad_parameter", "month"),
    ({"month": "June"}, "bad_parameter", "month"),
    ({"from": "2012-02-30"}, "bad_parameter", "from"),
    ({"to": "yesterday"}, "bad_parameter", "to"),
    ({"from": "2013-01-01", "to": "2012-01-01"}, "bad_parameter", "from"),
    ({"year": "twenty"}, "bad_parameter", "year"),
    ({"section": "sidebar"}, "bad_parameter", "section"),
    ({"q": "x" * 1001}, "query_too_long", "1000"),
]


@pytest.mark.parametrize(("params", "code", "mentions"), BAD_PARAMETERS)
def test_bad_parameters_are_400_json_on_the_api(
    client: TestClient, params: dict[str, str], code: str, mentions: str
) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert mentions in body["error"]["message"]


@pytest.mark.parametrize(("params", "code", "mentions"), BAD_PARAMETERS)
def test_bad_parameters_are_400_plain_text_on_the_feed(
    client: TestClient, params: dict[str, str], code: str, mentions: str
) -> None:
    response = client.get("/search.atom", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith(f"Error 400 ({code}): ")
    assert mentions in response.text and "<" not in response.text


@pytest.mark.parametrize(("params", "code", "mentions"), BAD_PARAMETERS)
@pytest.mark.parametrize("path", ["/", "/facets/author"])
def test_bad_parameters_are_400_pages_on_html_routes(
    client: TestClient, path: str, params: dict[str, str], code: str, mentions: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(response.text, "html.parser")
    assert mentions.lower() in soup.select_one(".error-message").get_text().lower()
    # The kind stays machine-readable; people read a sentence, not "Error 400 (code)".
    assert soup.select_one("[data-error-code]")["data-error-code"] == code
    assert "Error 400" not in soup.get_text() and f"({code})" not in soup.get_text()
    assert soup.title.get_text().startswith(("Error: ", "Bad request – "))
    assert "Traceback" not in response.text


def test_long_query_on_post_page_and_api(client: TestClient, sample_post_id: str) -> None:
    long_query = {"q": "word " * 201}
    assert client.get(f"/post/{sample_post_id}", params=long_query).status_code == 400
    api = client.get(f"/api/post/{sample_post_id}", params=long_query)
    assert api.status_code == 400 and api.json()["error"]["code"] == "query_too_long"


@pytest.mark.parametrize(
    "query", ["AND OR", "title:(", "NOT NOT x", '"unclosed', "v*", "*e", "é∂ƒ"]
)
def test_odd_queries_never_fail_the_server(client: TestClient, query: str) -> None:
    for path in ("/", "/api/search", "/search.atom"):
        response = client.get(path, params={"q": query})
        assert response.status_code in (200, 400), (path, query, response.text[:300])
        assert "Traceback" not in response.text


@pytest.mark.parametrize("path", ["/post/.atom", "/post/search.atom", "/no/such.atom"])
def test_only_the_feed_answers_errors_as_plain_text(client: TestClient, path: str) -> None:
    # A post id or page ending in ".atom" is an HTML page, as its OpenAPI entry says
    # (a schemathesis case found /post/.atom answered as text/plain).
    response = client.get(path, params={"q": "x"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_unknown_routes_and_methods(client: TestClient) -> None:
    page = client.get("/no/such/page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.title.get_text() == "Page not found – Archive search"
    assert soup.select_one(".error h1").get_text() == "There is nothing at this address"
    assert soup.select_one(".error-message").get_text() == "There is no page at /no/such/page."
    # A way on: a search form that works, not "search for it at /".
    form = soup.select_one(".error form[role=search]")
    assert form["action"] == "/" and form["method"] == "get"
    assert form.select_one("input[type=search]")["name"] == "q"
    searched = client.get(form["action"], params={"q": "police"})
    assert searched.status_code == 200 and "police" in searched.text
    api = client.get("/api/nothing")
    assert api.status_code == 404
    assert api.json() == {
        "error": {"code": "not_found", "message": "There is no page at /api/nothing."}
    }
    post = client.post("/api/search")
    assert post.status_code == 405
    assert post.json()["error"]["code"] == "method_not_allowed"


def test_missing_index_is_503_and_recovers_once_indexed(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "no-index")) as client:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["error"]["code"] == "index_missing"
        assert "archive-search index" in health.json()["error"]["message"]
        page = client.get("/", params={"q": "police"})
        assert page.status_code == 503
        assert "archive-search index" in page.text


class BrokenArchive:
    """Stands in for the index to show what an unexpected library failure looks like."""

    def search(self, request: SearchRequest) -> SearchResult:
        raise RuntimeError("secret internal detail")

    def post(self, post_id: str, query: str = "") -> PostView:
        raise RuntimeError("secret internal detail")

    def stats(self) -> IndexStats:
        raise RuntimeError("secret internal detail")


def test_unexpected_failure_is_a_500_without_details(tmp_path: Path) -> None:
    app = create_app(tmp_path, open_index=lambda index_dir: BrokenArchive())
    with TestClient(app, raise_server_exceptions=False) as client:
        api = client.get("/api/search", params={"q": "x"})
        assert api.status_code == 500
        assert api.json()["error"]["code"] == "internal_error"
        page = client.get("/", params={"q": "x"})
        assert page.status_code == 500
        for response in (api, page):
            assert "secret internal detail" not in response.text
            assert "Traceback" not in response.text
            assert response.headers["x-content-type-options"] == "nosniff"
