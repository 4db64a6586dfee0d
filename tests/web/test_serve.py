"""The real server: ``archive-search serve`` on a free loopback port, queried over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from web.server import all_interfaces_warning, binds_all_interfaces

REPOSITORY = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_command() -> list[str]:
    """The installed console script when there is one, else the same CLI as a module."""
    script = Path(sys.executable).parent / "archive-search"
    return [str(script)] if script.exists() else [sys.executable, "-m", "web.cli"]


def start_server(index_dir: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    command = [*serve_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--index", str(index_dir), *extra]
    return subprocess.Popen(
        command,
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # so stopping it also stops uvicorn's worker processes
    )


def wait_until_serving(process: subprocess.Popen[str], base_url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = stop(process)
            pytest.fail(f"server exited with {process.returncode} before answering:\n{output}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"server did not answer on {base_url} within {START_TIMEOUT_SECONDS}s")


def stop(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    if process.stdout is None:
        return ""
    with process.stdout:  # closing the pipe: an open one is a ResourceWarning (an error here)
        return process.stdout.read()


@pytest.fixture(params=[1, 2], ids=["one-worker", "two-workers"])
def server(request: pytest.FixtureRequest, index_dir: Path) -> Iterator[str]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = start_server(index_dir, port, "--workers", str(request.param))
    try:
        wait_until_serving(process, base_url)
        yield base_url
    finally:
        stop(process)


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
