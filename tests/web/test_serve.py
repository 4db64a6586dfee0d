"""The real server: ``archive-search serve`` on a free loopback port, queried over HTTP."""

from __future__ import annotations

import socket
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from tests.reliability import procnet
from tests.web.conftest import running_server, serve_command
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


def _accepting_worker(port: int, connection: socket.socket) -> int:
    """Asks /healthz on an open connection and returns the pid of the process that
    accepted it (its server-side socket, found through /proc)."""
    connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert connection.recv(65536).startswith(b"HTTP/1.1 200 ")
    (pid,) = procnet.holders(port, procnet.ESTABLISHED, connection.getsockname()[1])
    return pid


@pytest.mark.server
@pytest.mark.skipif(
    not procnet.available() or not hasattr(socket, "SO_REUSEPORT"),
    reason="needs Linux /proc and SO_REUSEPORT",
)
def test_two_workers_each_take_a_share_of_a_burst_of_connections(
    index_dir: Path, server_runner: Callable[[Path, int], AbstractContextManager[str]]
) -> None:
    # A load generator opens its keep-alive connections at once. With one shared socket
    # the worker that woke first accepted nearly all of them; with a socket per worker
    # the kernel spreads them by a hash of the ports (all 32 on one of two: 2 in 2**32).
    with server_runner(index_dir, 2) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        connections = [socket.create_connection(("127.0.0.1", port), 60) for _ in range(32)]
        try:
            served_by = Counter(_accepting_worker(port, each) for each in connections)
            parents = {procnet.parent_of(pid) for pid in served_by}
        finally:
            for connection in connections:
                connection.close()
    assert len(served_by) == 2, served_by
    assert len(parents) == 1  # two workers of the one server


@pytest.mark.server
def test_a_port_in_use_is_refused_not_shared(index_dir: Path) -> None:
    # SO_REUSEPORT alone would let a second server (perhaps of another archive) take half
    # of the port's connections.
    with running_server(index_dir, workers=2) as base_url:
        port = base_url.rsplit(":", 1)[1]
        command = ["serve", "--port", port, "--index", str(index_dir), "--workers", "2"]
        second = subprocess.run(
            [*serve_command(), *command], capture_output=True, text=True, timeout=120
        )
    assert second.returncode == 3, second.stderr
    assert "Address already in use" in second.stderr and "Traceback" not in second.stderr
