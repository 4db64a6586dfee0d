"""Fixed costs per query, cut without changing answers: parsed queries kept per index
generation (a wildcard typed before a commit
expands to the new words after it), suggestions only for empty or tiny results."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer import ArchiveIndex, build_request, index_archive
from indexer.search.run import SUGGEST_AT_MOST
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


def test_did_you_mean_only_for_an_empty_or_tiny_result(sample_index: ArchiveIndex) -> None:
    # "polise" finds nothing: offered. "polise OR sex" finds plenty: not computed.
    assert sample_index.search(build_request("polise")).suggestion == "police"
    plenty = sample_index.search(build_request("polise OR sex"))
    assert plenty.total > SUGGEST_AT_MOST and plenty.suggestion is None


def test_a_repeated_query_gets_the_same_warnings(sample_index: ArchiveIndex) -> None:
    # The parsed query is kept and shared; what one search adds to its warnings (here:
    # no passage has all the words) must not pile up on the next.
    first = sample_index.search(build_request("vice squad zebrafish"))
    again = sample_index.search(build_request("vice squad zebrafish"))
    assert first.total == again.total >= 1
    assert any("no passage has all 3 words" in warning for warning in first.warnings)
    assert again.warnings == first.warnings
