"""Privacy: what the archive's owners did not publish is never indexed, stored or shown.

An index of every WordPress export fixture (and the hostile export, which adds
drafts, private, future and password-protected posts and an unapproved comment) is
searched for the exports' commenter and author e-mail addresses and IP addresses,
taken from the XML itself: in every stored value of every document, in every
indexed term, and in the raw bytes of every index file. None may be found.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request, index_archive
from indexer.store.storage import open_index
from tests.reliability.conftest import HOSTILE_ARCHIVE, UNPUBLISHED
from web.app import create_app
from web.settings import HOST

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wxr"
EXPORTS = [*sorted(FIXTURES.glob("*.xml")), HOSTILE_ARCHIVE / "hostile-export.xml"]
EMAIL_RE = re.compile(
    r"<wp:(?:comment_author_email|author_email)>(?:<!\[CDATA\[)?\s*([^<\]\s]+@[^<\]\s]+)"
)
IP_RE = re.compile(r"<wp:comment_author_IP>(?:<!\[CDATA\[)?\s*([0-9a-fA-F:.]{3,})")


def private_strings() -> set[str]:
    found: set[str] = set()
    for export in EXPORTS:
        text = export.read_text(encoding="utf-8", errors="replace")
        found |= set(EMAIL_RE.findall(text)) | set(IP_RE.findall(text))
    return found


@pytest.fixture(scope="module")
def privacy_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("exports")
    for export in EXPORTS:
        shutil.copy(export, archive / export.name)
    index_dir = tmp_path_factory.mktemp("privacy") / "index"
    index_archive([archive], index_dir)
    return index_dir


def test_the_fixtures_carry_private_addresses() -> None:
    secrets = private_strings()
    assert any("@" in value for value in secrets) and any("." in value and "@" not in value
                                                          for value in secrets)  # fmt: skip
    assert {"commenter.secret@mail.example.net", "203.0.113.77"} <= secrets
    assert len(secrets) >= 10, secrets


def test_no_address_in_any_stored_field_term_or_file(privacy_index: Path) -> None:
    secrets = private_strings()
    index = open_index(privacy_index)
    with index.searcher() as searcher:
        stored = [repr(fields) for fields in searcher.all_stored_fields()]
        assert len(stored) > 100
        stored_text = "\n".join(stored).lower()
        terms = {term.decode("utf-8", "replace").lower() if isinstance(term, bytes)
                 else str(term).lower() for _, term in searcher.reader().all_terms()}  # fmt: skip
    for secret in secrets:
        assert secret.lower() not in stored_text, secret
        assert secret.lower() not in terms, secret
    for path in privacy_index.iterdir():
        content = path.read_bytes().lower()
        for secret in secrets:
            assert secret.lower().encode() not in content, (path.name, secret)


def test_unpublished_text_is_never_searchable_or_stored(privacy_index: Path) -> None:
    archive = ArchiveIndex.open(privacy_index)
    with open_index(privacy_index).searcher() as searcher:
        stored_text = "\n".join(repr(fields) for fields in searcher.all_stored_fields()).lower()
    for word in UNPUBLISHED:
        assert archive.search(build_request(word)).total == 0, word
        assert word not in stored_text, word
    with TestClient(create_app(privacy_index)) as client:
        for word in UNPUBLISHED:
            answer = client.get("/api/search", params={"q": word}).json()
            assert answer["total"] == 0 and answer["hits"] == [], word
        every = client.get("/api/search", params={"per_page": "100", "facet_size": "0"}).text
        for word in UNPUBLISHED:
            assert word not in every.lower()


def test_server_binds_loopback_by_default() -> None:
    """All-interfaces binds warn: tests/web/test_serve.py::test_binding_all_interfaces_warns."""
    from web.cli.main import serve_command

    host = next(option for option in serve_command.params if option.name == "host")
    assert host.default == HOST == "127.0.0.1"
