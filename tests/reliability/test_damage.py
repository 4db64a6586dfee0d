"""A damaged index: every file kind truncated, emptied or overwritten with garbage.

The app keeps answering (``/healthz`` and searches answer quickly, with the error
shape), a search that touches the damage is a 503 that says to run
``archive-search index --rebuild``, never a 500 or a traceback, and that rebuild
brings the index back without restarting the server.
"""

from __future__ import annotations

import gc
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from indexer import ArchiveIndex, index_archive
from tests.reliability.shapes import assert_well_formed
from tests.web.conftest import SAMPLE_POST_ID, running_server, serve_command
from web.app import create_app

REBUILD_HINT = "archive-search index --rebuild"
# One of each kind of file a segment has, and the table of contents.
FILE_KINDS = ("toc", "pst", "trm", "_stored.col", "_text_len.col", "post_id.col", "author.col",
              "month.col", "section.col")  # fmt: skip
DAMAGES = ("truncated", "emptied", "garbage")


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "emptied":
        path.write_bytes(b"")
    else:  # the middle half overwritten in place (same size, same inode)
        noise = random.Random(path.name).randbytes(len(data) // 2)
        with path.open("r+b") as handle:
            handle.seek(len(data) // 4)
            handle.write(noise)


def file_of_kind(index_dir: Path, kind: str) -> Path:
    matches = [path for path in index_dir.iterdir() if path.name.endswith(f".{kind}")]
    assert len(matches) == 1, (kind, sorted(path.name for path in index_dir.iterdir()))
    return matches[0]


@pytest.fixture
def damaged_copy(hostile_index: Path, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "index"
    shutil.copytree(hostile_index, copy)
    yield copy
    gc.collect()  # Whoosh's leaked TOC file is reported here, under this test's filter


def ask_everything(client: TestClient) -> list[httpx.Response]:
    return [
        client.get("/healthz"),
        client.get("/api/search", params={"q": "police"}),
        client.get("/api/search", params={"q": "police", "section": "comment"}),
        client.get("/", params={"author": "Cat"}),
        client.get("/", params={"q": "xss*"}),
        client.get(f"/post/{SAMPLE_POST_ID}", params={"q": "vice"}),
        client.get("/search.atom", params={"q": "police"}),
    ]


# Whoosh does not close a TOC file it fails to unpickle; the garbage collector does
# (a ResourceWarning, no descriptor growth). Only that warning is tolerated here.
TOC_LEAK = "ignore:Exception ignored in:pytest.PytestUnraisableExceptionWarning"


@pytest.mark.filterwarnings(TOC_LEAK)
@pytest.mark.parametrize("how", DAMAGES)
@pytest.mark.parametrize("kind", FILE_KINDS)
def test_damaged_file_is_a_503_that_says_rebuild(damaged_copy: Path, kind: str, how: str) -> None:
    damage(file_of_kind(damaged_copy, kind), how)
    with TestClient(create_app(damaged_copy), raise_server_exceptions=False) as client:
        responses = ask_everything(client)
    statuses = [response.status_code for response in responses]
    for response in responses:
        assert_well_formed(response)  # 200 or 503 with the error shape, no traceback
        assert response.status_code in (200, 503), statuses
        if response.status_code == 503:
            assert REBUILD_HINT in response.text
    # Files every search reads; the others may be unread by these requests (harmless).
    if kind in ("toc", "pst", "_stored.col"):
        assert 503 in statuses, statuses


@pytest.mark.filterwarnings(TOC_LEAK)
@pytest.mark.parametrize("kind", ["pst", "_stored.col"])
def test_rebuild_repairs_a_damaged_segment(
    damaged_copy: Path, hostile_archive: Path, kind: str
) -> None:
    damage(file_of_kind(damaged_copy, kind), "garbage")
    with TestClient(create_app(damaged_copy), raise_server_exceptions=False) as client:
        assert client.get("/api/search", params={"q": "police"}).status_code == 503
    report = index_archive([hostile_archive], damaged_copy, rebuild=True)
    assert not report.failed
    assert ArchiveIndex.open(damaged_copy).stats().passages == report.passages


@pytest.mark.filterwarnings(TOC_LEAK)
def test_rebuild_repairs_a_damaged_table_of_contents(
    damaged_copy: Path, hostile_archive: Path
) -> None:
    damage(file_of_kind(damaged_copy, "toc"), "garbage")
    report = index_archive([hostile_archive], damaged_copy, rebuild=True)
    assert ArchiveIndex.open(damaged_copy).stats().passages == report.passages


@pytest.mark.filterwarnings(TOC_LEAK)
def test_cli_on_a_damaged_index_says_rebuild_without_traceback(damaged_copy: Path) -> None:
    damage(file_of_kind(damaged_copy, "toc"), "garbage")
    for command in (["query", "police"], ["serve", "--port", "1"]):
        done = subprocess.run(
            [*serve_command(), *command, "--index", str(damaged_copy)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 3, done.stderr
        assert REBUILD_HINT in done.stderr and "Traceback" not in done.stderr


@pytest.mark.server
def test_live_server_reports_damage_and_recovers_after_rebuild(
    damaged_copy: Path, hostile_archive: Path
) -> None:
    with running_server(damaged_copy) as base_url, httpx.Client(base_url=base_url) as client:
        assert client.get("/api/search", params={"q": "police"}).status_code == 200
        # Stored fields are read per hit (facet columns are cached per generation).
        damage(file_of_kind(damaged_copy, "_stored.col"), "garbage")
        damaged = client.get("/api/search", params={"q": "police"}, timeout=10)
        assert damaged.status_code == 503
        assert REBUILD_HINT in damaged.json()["error"]["message"]
        health = client.get("/healthz", timeout=10)
        assert health.status_code in (200, 503)
        assert_well_formed(health)
        rebuilt = subprocess.run(
            [*serve_command(), "index", str(hostile_archive), "--index", str(damaged_copy),
             "--rebuild"], capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert client.get("/api/search", params={"q": "police"}, timeout=10).status_code == 200
        assert client.get("/healthz", timeout=10).status_code == 200


def test_a_bug_is_raised_as_itself_not_as_damage(hostile_index: Path) -> None:
    """Damage is recognised where index files are read (a ``StorageFailure``), so an error
    in other code stays what it is: a 500 with the real traceback in the log, not
    "rebuild the index"."""
    archive = ArchiveIndex.open(hostile_index)
    with pytest.raises(ZeroDivisionError):
        archive._read(lambda searcher: searcher.doc_count() / 0)


def test_an_empty_stored_record_is_damage_not_a_bug() -> None:
    """Whoosh decodes some truncations of the stored-fields column to an empty record
    instead of failing (seen as a KeyError 500 under CI when the page's documents fell
    in the cut half): the storage boundary reports it as damage."""
    from indexer.errors import StorageFailure
    from indexer.store.storage import Guarded

    class TruncatedColumn:  # what Whoosh's searcher answered for such a document
        def stored_fields(self, docnum: int) -> dict[str, str]:
            return {}

    with pytest.raises(StorageFailure, match="document 7 has no stored fields"):
        Guarded(TruncatedColumn()).stored_fields(7)


def test_a_bug_inside_a_whoosh_call_is_not_damage() -> None:
    """A TypeError raised inside a call through the storage boundary (our code calling
    Whoosh wrongly, or a bug Whoosh calls back into) is a bug: it passes through as
    itself, while what damaged files raise becomes a ``StorageFailure``."""
    from indexer.errors import StorageFailure
    from indexer.store.storage import Guarded

    class Searcher:  # stands in for Whoosh's: what it raises is raised outside our code
        def search(self, query: object) -> None:
            return None

        def doc_count(self) -> int:
            raise TypeError("ord() expected a character, but string of length 0 found")

    with pytest.raises(TypeError, match="limitt"):  # our call is wrong: a bug
        Guarded(Searcher()).search("police", limitt=10)
    with pytest.raises(StorageFailure):  # an empty read inside Whoosh: damage
        Guarded(Searcher()).doc_count()


def test_a_bug_in_a_segment_reader_is_not_damage() -> None:
    """The segment readers' boundary (``_decodes``) tells the same apart: bytes that do
    not decode are a ``StorageFailure``, an AttributeError in the reading code a bug."""
    import struct

    from indexer.errors import StorageFailure
    from indexer.store.segments import _decodes, leaf_term_info

    @_decodes
    def undecodable(leaf: object) -> None:
        struct.unpack("<I", b"\x00")

    with pytest.raises(AttributeError):  # our reader handed no segment: a bug
        leaf_term_info(None, "body", b"police")
    with pytest.raises(StorageFailure):  # raised by struct on short bytes: damage
        undecodable(None)
