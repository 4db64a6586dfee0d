"""Hostile archive text and queries stay text; security headers on every response."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from starlette.testclient import TestClient

ROUTES = [
    "/",
    "/?q=police",
    "/?page=0",
    "/facets/author",
    "/post/nope",
    "/api/search?q=police",
    "/api/search?sort=foo",
    "/api/post/nope",
    "/healthz",
    "/search.atom?q=police",
    "/opensearch.xml",
    "/static/app.css",
    "/no/such/page",
]


@pytest.mark.parametrize("path", ROUTES)
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"


def assert_inert(html: str) -> BeautifulSoup:
    """No element, attribute or link that a payload could have created."""
    soup = BeautifulSoup(html, "html.parser")
    scripts = [script.get("src") for script in soup.find_all("script")]
    assert scripts == ["/static/app.js"]
    assert soup.find_all("img") == []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), element
            if name in ("href", "src", "action"):
                assert not str(value).strip().lower().startswith("javascript:"), element
    return soup


def hostile_texts(soup: BeautifulSoup) -> str:
    return soup.get_text(" ")


def test_hostile_search_results_are_shown_as_text(
    client: TestClient, payloads: tuple[str, ...]
) -> None:
    response = client.get("/", params={"q": "alert"})
    assert response.status_code == 200
    soup = assert_inert(response.text)
    text = hostile_texts(soup)
    for payload in payloads:
        assert payload in text  # visible, as the archive has it
    authors = [a["title"] for a in soup.select("section.facet-author a")]
    assert "Apply filter: author javascript:alert(1)" in authors


def test_hostile_post_page_is_inert(
    client: TestClient, hostile_post_id: str, payloads: tuple[str, ...]
) -> None:
    response = client.get(f"/post/{hostile_post_id}", params={"q": "police alert"})
    assert response.status_code == 200
    soup = assert_inert(response.text)
    assert "<script>alert(1)</script>" in soup.select_one("h1").get_text()
    assert soup.select_one("figure.quote cite").get_text() == "<script>alert(1)</script> quoter"
    comment_authors = [a.get_text() for a in soup.select(".comments .author")]
    assert comment_authors == [payloads[0] + payloads[1], payloads[2]]
    assert soup.select("mark")  # highlighting still works around the payloads


def test_hostile_query_is_escaped_everywhere(client: TestClient) -> None:
    query = '"><script>alert(1)</script><img src=x onerror=alert(1)> police'
    response = client.get("/", params={"q": query, "author": '"><b>x</b>'})
    soup = assert_inert(response.text)
    assert soup.select_one("input#q")["value"] == query
    assert soup.find_all("b") == []
    chips = [chip.get_text(" ", strip=True) for chip in soup.select(".chip")]
    assert chips == ['author "><b>x</b> ×']


def test_hostile_filter_selection_round_trips(client: TestClient) -> None:
    author = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    data = client.get("/api/search", params={"author": author}).json()
    assert data["total"] == 1
    assert data["hits"][0]["author"] == author
    soup = assert_inert(client.get("/", params={"author": author}).text)
    assert [a.get_text(" ", strip=True) for a in soup.select(".passage .author")] == [author]
