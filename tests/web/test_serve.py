"""The real server: ``archive-search serve`` on a free loopback port, queried over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from web.server import all_interfaces_warning, binds_all_interfaces


@pytest.fixture(params=[1, 2], ids=["one-worker", "two-workers"])
def server(
    request: pytest.FixtureRequest,
    index_dir: Path,
    server_runner: Callable[[Path, int], AbstractContextManager[str]],
) -> Iterator[str]:
    with server_runner(index_dir, request.param) as base_url:
        yield base_url


@pytest.mark.server
def test_real_server_answers_search_page_api_and_post(server: str, sample_post_id: str) -> None:
    page = httpx.get(f"{server}/", params={"q": "vice squad"}, timeout=10)
    assert page.status_code == 200
    assert "<mark>vice</mark> <mark>squad</mark>" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    data = httpx.get(f"{server}/api/search", params={"q": "vice squad"}, timeout=10).json()
    assert any(hit["author"] == "anonymous sex worker" for hit in data["hits"])
    post = httpx.get(f"{server}/post/{sample_post_id}", params={"q": "vice squad"}, timeout=10)
    assert post.status_code == 200 and 'id="quote-1"' in post.text
    bad = httpx.get(f"{server}/api/search", params={"page": "0"}, timeout=10)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_parameter"


@pytest.mark.parametrize(
    ("host", "warns"),
    [("127.0.0.1", False), ("::1", False), ("localhost", False), ("0.0.0.0", True), ("::", True)],
)
def test_binding_all_interfaces_warns(host: str, warns: bool) -> None:
    assert binds_all_interfaces(host) is warns
    warning = all_interfaces_warning(host, 8000)
    assert (warning is not None) is warns
    if warning:
        assert "127.0.0.1" in warning
