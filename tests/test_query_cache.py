"""Parsed queries are kept per index generation: a wildcard typed before a commit
expands to the words of the new generation after it."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer import ArchiveIndex, build_request, index_archive
from tests.paths import SAMPLE


def test_a_cached_wildcard_sees_the_words_of_the_next_commit(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "sample.txt")
    index_archive([archive], index_dir)
    search = ArchiveIndex.open(index_dir)
    before = search.search(build_request("zebraf*"))
    assert before.total == 0 and search.search(build_request("zebraf*")).total == 0

    page = SAMPLE.read_text(encoding="utf-8")
    title = page.split("\n", 1)[0]
    page = page.replace(title, "Zebrafish at night", 1).replace(
        "vice squad", "zebrafishes squad", 1
    )
    (archive / "second.txt").write_text(page, encoding="utf-8")
    index_archive([archive], index_dir)

    after = search.search(build_request("zebraf*"))
    assert after.total >= 1
    assert any("<mark>" in hit.snippet for hit in after.hits)
