"""Fixtures for the reliability and security tests: a hostile archive, its index, the app.

The archive is the sample page plus tests/reliability/archive/: a WordPress export and a
saved HTML page with a script payload in every field the index keeps (title, author,
body, quote, comment, pingback, category, tag, URL), and text the public never saw.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from indexer import index_archive
from tests.web.conftest import SAMPLE_PAGE, running_server
from web.app import create_app

HOSTILE_ARCHIVE = Path(__file__).parent / "archive"
# Words that occur only in the hostile files, one per archived field.
MARKERS = {
    "wxr title": "xsstitle",
    "wxr body": "xssbody",
    "wxr quote": "xssquote",
    "wxr comment": "xsscomment",
    "wxr pingback": "xsspingback",
    "html title": "xsspage",
    "html body": "xsspagebody",
    "html quote": "xsspagequote",
    "html comment": "xsspagecomment",
    "html pingback": "xsspageping",
}
# Text the public never saw: drafts, private, future, password-protected, unapproved.
UNPUBLISHED = ("draftsecret", "privatesecret", "futuresecret", "passwordsecret",
               "protectedcommentsecret", "unapprovedsecret")  # fmt: skip


@pytest.fixture(scope="session")
def hostile_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-archive")
    shutil.copy(SAMPLE_PAGE, folder / SAMPLE_PAGE.name)
    for path in HOSTILE_ARCHIVE.iterdir():
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def hostile_index(hostile_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-index") / ".index"
    report = index_archive([hostile_archive], folder)
    assert not report.failed, report.failed
    return folder


@pytest.fixture(scope="session")
def hostile_client(hostile_index: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_index), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def hostile_server(hostile_index: Path) -> Iterator[str]:
    """``archive-search serve`` over the hostile index on a free loopback port."""
    with running_server(hostile_index) as base_url:
        yield base_url
