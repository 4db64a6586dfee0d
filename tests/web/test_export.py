"""Export of the whole match set (10k+ rows) as CSV and JSON Lines: from the library in
flat memory, from the real server streamed, from the CLI in a pipe."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import tracemalloc
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest

from indexer import EXPORT_FIELDS, ArchiveIndex, build_request, index_archive
from tests.synthetic_wxr import WORD, write_export
from tests.web.conftest import serve_command
from web.exporting import chunks

pytestmark = pytest.mark.slow
POSTS, COMMENTS = 400, 25
MATCHING = POSTS * COMMENTS + POSTS // 2  # every comment, and the odd posts' bodies


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    (folder / "archive").mkdir()
    write_export(folder / "archive" / "export.xml", POSTS, COMMENTS)
    report = index_archive([folder / "archive"], folder / "index")
    assert not report.failed and report.passages == POSTS * (COMMENTS + 1)
    return folder / "index"


def test_library_export_streams_in_flat_memory(big_index: Path) -> None:
    archive = ArchiveIndex.open(big_index)
    request = build_request(WORD, sort="newest")
    assert archive.search(request).total == MATCHING  # also builds the generation's caches
    export = archive.export(request)
    tracemalloc.start()
    written = rows = 0
    largest_chunk = 0
    for chunk in chunks("jsonl", export):
        written += len(chunk)
        rows += chunk.count("\n")
        largest_chunk = max(largest_chunk, len(chunk))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert rows == export.total == MATCHING
    # Holding the rows would take several times the text written; streaming takes a
    # few chunks' worth (the match set itself is one array of 8-byte document numbers).
    assert written > 2_000_000
    assert peak < written / 4, f"peak {peak} bytes for {written} bytes written"


def test_server_streams_csv_and_jsonl_with_the_search_total(
    big_index: Path, server_runner: Callable[[Path, int], AbstractContextManager[str]]
) -> None:
    params = {"q": WORD, "author": "reader3", "sort": "oldest"}
    with server_runner(big_index, 1) as base_url:
        total = httpx.get(f"{base_url}/api/search", params=params).json()["total"]
        assert total > 1000
        with httpx.stream("GET", f"{base_url}/api/search.csv", params=params) as response:
            assert response.status_code == 200
            assert response.headers["content-type"] == "text/csv; charset=utf-8"
            assert response.headers["x-total-count"] == str(total)
            assert "attachment" in response.headers["content-disposition"]
            text = "".join(response.iter_text())
        table = list(csv.reader(io.StringIO(text)))
        assert table[0] == list(EXPORT_FIELDS)
        assert len(table) - 1 == total
        author = EXPORT_FIELDS.index("author")
        assert {row[author] for row in table[1:]} == {"reader3"}
        assert table[1][EXPORT_FIELDS.index("url")].startswith(f"{base_url}/post/")

        everything = httpx.get(f"{base_url}/api/search.jsonl", params={"q": WORD})
        lines = everything.text.splitlines()
        assert len(lines) == int(everything.headers["x-total-count"]) == MATCHING
        assert json.loads(lines[0])["section"] in ("post", "comment")

        bad = httpx.get(f"{base_url}/api/search.csv", params={"q": WORD, "year": "12"})
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_parameter"
        assert httpx.get(f"{base_url}/api/search.xlsx").status_code == 404


def test_cli_exports_every_row_into_a_pipe(big_index: Path) -> None:
    command = [*serve_command(), "query", WORD, "--format", "jsonl", "--all"]
    command += ["--index", str(big_index)]
    counted = subprocess.run(
        ["bash", "-c", f"{' '.join(command)} | wc -l; echo ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    lines, status = counted.stdout.split()
    assert (int(lines), status) == (MATCHING, "0")
    assert counted.stderr == ""


def test_csv_cells_a_spreadsheet_would_run_are_quoted_and_offsets_kept() -> None:
    row = dict.fromkeys(EXPORT_FIELDS, "")
    row.update(author='=HYPERLINK("http://evil.example/")', text="+1, and -1 to the rest",
               section="comment", utc_offset="+02:00", tags=["@home", "war"])  # fmt: skip
    [header, cells] = list(csv.reader(io.StringIO("".join(chunks("csv", [row])))))
    written = dict(zip(header, cells, strict=True))
    assert (written["author"], written["text"], written["utc_offset"], written["tags"]) == (
        "'=HYPERLINK(\"http://evil.example/\")", "'+1, and -1 to the rest", "+02:00", "'@home, war",
    )  # fmt: skip
