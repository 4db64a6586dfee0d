"""Bounded expensive queries and request limits: answered (or 503) fast, never a 500."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from tests.reliability.shapes import assert_well_formed
from tests.web.conftest import SAMPLE_POST_ID
from web.app import create_app

# Each is answered within this many seconds (the budget is 5 s; on the test archive
# everything takes milliseconds, so this bounds the expansion caps, not the budget).
QUICK_SECONDS = 5.0
EXPENSIVE_QUERIES = [
    "*",
    "*e",
    "*olice",
    "a*",
    "po*",
    "pol*",
    "e~5",
    "to~5",
    "police~5",
    "a~2",
    " OR ".join(f"w{number}*" for number in range(50)),
    " OR ".join(["police", "vice", "squad", "the", "a", "of", "sex", "work", "law", "and"] * 5),
    " ".join(f"-w{number}" for number in range(50)),
    '"' + " ".join(["police"] * 100) + '"',
    "(" * 200 + "police" + ")" * 200,
    "NOT NOT police",
    "title:* author:* section:*",
    "police^1000000000",
    "p" * 1000,
]


@pytest.mark.parametrize("query", EXPENSIVE_QUERIES, ids=range(len(EXPENSIVE_QUERIES)))
@pytest.mark.parametrize("path", ["/api/search", "/"])
def test_expensive_queries_are_answered_quickly(
    hostile_client: TestClient, path: str, query: str
) -> None:
    started = time.perf_counter()
    response = hostile_client.get(path, params={"q": query})
    assert time.perf_counter() - started < QUICK_SECONDS
    assert_well_formed(response)
    assert response.status_code in (200, 400, 503)


def test_over_budget_search_is_503_and_the_worker_stays_healthy(hostile_index: Path) -> None:
    app = create_app(hostile_index, search_time_limit_s=1e-9)  # every search is over it
    with TestClient(app, raise_server_exceptions=False) as client:
        for _ in range(3):
            api = client.get("/api/search", params={"q": "police"})
            assert api.status_code == 503
            assert api.json()["error"]["code"] == "search_timeout"
            assert "narrow" in api.json()["error"]["message"]
            page = client.get("/", params={"q": "police"})
            assert page.status_code == 503 and "took longer than" in page.text
            assert_well_formed(page)
        # Everything that is not a search still answers: the worker is fine.
        assert client.get("/healthz").status_code == 200
        assert client.get(f"/api/post/{SAMPLE_POST_ID}").status_code == 200
    with TestClient(create_app(hostile_index, search_time_limit_s=5)) as client:
        assert client.get("/api/search", params={"q": "police"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": "x" * 1001}, "query_too_long"),
        ({"facet_size": "10001"}, "bad_parameter"),
        ({"facet_size": "-1"}, "bad_parameter"),
        ({"per_page": "101"}, "bad_parameter"),
        ({"page": "10001"}, "bad_parameter"),
        ({"author": [f"a{number}" for number in range(51)]}, "bad_parameter"),
        ({"tag": "t" * 201}, "bad_parameter"),
    ],
)
def test_parameter_bounds(hostile_client: TestClient, params: dict[str, object], code: str) -> None:
    response = hostile_client.get("/api/search", params=params)  # type: ignore[arg-type]
    assert response.status_code == 400 and response.json()["error"]["code"] == code
    assert_well_formed(response)


@pytest.mark.parametrize("path", ["/", "/api/search", "/post/x", "/healthz"])
def test_request_bodies_headers_and_long_urls_are_refused(
    hostile_client: TestClient, path: str
) -> None:
    body = hostile_client.request("GET", path, content=b"x" * 10)
    assert body.status_code == 413
    chunked = hostile_client.request("GET", path, content=iter([b"x"]))  # Transfer-Encoding
    assert chunked.status_code == 413
    headers = hostile_client.get(path, headers={f"x-h{n}": "v" * 100 for n in range(90)})
    assert headers.status_code == 431
    long_url = hostile_client.get(path + "?" + "a=b&" * 4000)
    assert long_url.status_code == 414
    for response in (body, chunked, headers, long_url):
        assert_well_formed(response)
        assert response.headers["content-security-policy"].startswith("default-src")


@pytest.mark.server
def test_real_server_refuses_oversized_heads_without_5xx(hostile_server: str) -> None:
    """uvicorn's own limit (16 KiB request head) and the app's, on the real server."""
    with httpx.Client(base_url=hostile_server, timeout=10) as client:
        huge = client.get("/", headers={"x-big": "v" * 20_000})
        assert huge.status_code < 500
        large = client.get("/", headers={"x-big": "v" * 9_000})
        assert large.status_code == 431
        assert client.get("/", params={"q": "police"}).status_code == 200  # still serving
