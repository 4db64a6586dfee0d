"""Shared fixtures for the web tests: a real on-disk index of a small archive.

The archive is the project's sample page plus a hostile page whose title,
comment authors, comment text and quote carry script payloads, so every test
that renders something also renders hostile input.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 and warns when it finds only httpx (the pinned test
    # extra); the warning is about the test client's transport, not about this app.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from indexer import index_archive
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
