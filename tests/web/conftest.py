"""Shared fixtures for the web tests: a real on-disk index of a small archive.

The archive is the project's sample page plus a hostile page whose title,
comment authors, comment text and quote carry script payloads, so every test
that renders something also renders hostile input.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 and warns when it finds only httpx (the pinned test
    # extra); the warning is about the test client's transport, not about this app.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from indexer import index_archive
from tests.synthetic_wxr import write_export
from web.app import create_app

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE_PAGE = REPOSITORY / "data" / "archive" / "000_e923294d5918d0a2.txt"
HOSTILE_PAGE = Path(__file__).parent / "archive" / "hostile.txt"
SAMPLE_POST_ID = (
    "2012-06-14-occupy-patriarchy-disrupts-law-enforcements-anti-sex-trafficking-354f95"
)
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)")


@pytest.fixture(scope="session")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    shutil.copy(SAMPLE_PAGE, folder / SAMPLE_PAGE.name)
    shutil.copy(HOSTILE_PAGE, folder / "001_hostile.txt")
    return folder


@pytest.fixture(scope="session")
def index_dir(archive_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index") / ".index"
    index_archive([archive_dir], folder)
    return folder


@pytest.fixture(scope="session")
def client(index_dir: Path) -> Iterator[TestClient]:
    # As a context manager, so the lifespan (which opens the index) runs.
    with TestClient(create_app(index_dir)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_post_id(client: TestClient) -> str:
    response = client.get("/api/search", params={"q": "hostility"})
    return str(response.json()["hits"][0]["post_id"])


@pytest.fixture(scope="session")
def sample_post_id() -> str:
    return SAMPLE_POST_ID


@pytest.fixture(scope="session")
def payloads() -> tuple[str, ...]:
    return PAYLOADS


# The real server, for the server and browser tests.
START_TIMEOUT_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve_command() -> list[str]:
    """The installed console script when there is one, else the same CLI as a module."""
    script = Path(sys.executable).parent / "archive-search"
    return [str(script)] if script.exists() else [sys.executable, "-m", "web.cli.main"]


_server_logs: dict[int, IO[str]] = {}


def start_server(index_dir: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    command = [*serve_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--index", str(index_dir), *extra]
    # The server's output goes to a file, never to a pipe nobody reads while it runs:
    # uvicorn logs every request, and once a 64 KiB pipe buffer is full the server
    # blocks on that write and stops answering (seen with long fuzzed URLs under CI).
    log = tempfile.TemporaryFile(mode="w+", prefix="archive-search-serve-")  # noqa: SIM115 (closed by stop())
    process = subprocess.Popen(
        command,
        cwd=REPOSITORY,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # so stopping it also stops uvicorn's worker processes
    )
    _server_logs[process.pid] = log
    return process


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
    log = _server_logs.pop(process.pid, None)
    if log is None:
        return ""
    with log:  # closing the file: an open one is a ResourceWarning (an error here)
        log.seek(0)
        return log.read()


@contextmanager
def running_server(index_dir: Path, workers: int = 1) -> Iterator[str]:
    """``archive-search serve`` on a free loopback port; yields its base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = start_server(index_dir, port, "--workers", str(workers))
    try:
        wait_until_serving(process, base_url)
        yield base_url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def server_runner() -> Callable[[Path, int], AbstractContextManager[str]]:
    return running_server


@pytest.fixture(scope="session")
def live_server(index_dir: Path) -> Iterator[str]:
    with running_server(index_dir) as base_url:
        yield base_url


# A synthetic export of 30 posts over several years, 8 comments each: pages of results,
# a chart of many bars and a long sidebar, for the browser tests.
MANY_POSTS, MANY_COMMENTS = 30, 8


@pytest.fixture(scope="session")
def many_posts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("many-posts")
    (folder / "archive").mkdir()
    write_export(folder / "archive" / "export.xml", MANY_POSTS, MANY_COMMENTS)
    assert not index_archive([folder / "archive"], folder / "index").failed
    with running_server(folder / "index") as base_url:
        yield base_url


# Chromium logs every 400 and 503 answer as a console error; the error pages and the
# busy server some browser tests ask for are meant to answer so.
EXPECTED_STATUSES = ("status of 400", "status of 503")


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A desktop page in the browser tests' Chromium (``browser``, from test_browser.py),
    checked for dialogs and console errors as ``watched`` is, expected statuses aside."""
    from tests.web.test_browser import WatchedPage

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = WatchedPage(context.new_page())
    yield watched.page
    watched.console_errors = [
        text
        for text in watched.console_errors
        if not any(status in text for status in EXPECTED_STATUSES)
    ]
    watched.assert_clean()
    context.close()
