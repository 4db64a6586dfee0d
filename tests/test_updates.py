"""Incremental indexing: only what changed is parsed, nothing lost or duplicated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from indexer.errors import IndexBusy
from indexer.store.storage import exclusive_writer, open_index
from tests.paths import SAMPLE, TEXTPAGES

NEW_COMMENT = """
  7. latecomer June 20, 2012 at 10:00 am #

    A new comment about the vice squad, added after the page was first saved.

"""


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "sample.txt")
    shutil.copy(TEXTPAGES / "with-year-ampm.txt", folder / "garden.txt")
    return folder


def ids(index_dir: Path, **filters: object) -> list[str]:
    result = ArchiveIndex.open(index_dir).search(build_request("", per_page=100, **filters))  # type: ignore[arg-type]
    return [hit.id for hit in result.hits]


def add_comment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    marker = "\n\n\n\n  1. Occupy Oakland"
    assert marker in text
    path.write_text(text.replace(marker, "\n" + NEW_COMMENT + "\n\n  1. Occupy Oakland", 1))


def test_changed_file_replaces_its_passages_exactly(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = index_archive([archive], index_dir)
    assert (first.count("added"), first.passages) == (2, 12 + 5)
    before = ids(index_dir)
    add_comment(archive / "sample.txt")
    second = index_archive([archive], index_dir)
    assert (second.count("updated"), second.count("unchanged")) == (1, 1)
    after = ids(index_dir)
    assert second.passages == 18 and len(after) == len(set(after)) == 18
    assert set(before) <= set(after)  # permalinks of unchanged passages keep working
    (new,) = set(after) - set(before)
    assert new.endswith("#comment-7")


def test_unchanged_run_is_a_no_op(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    generation = ArchiveIndex.open(index_dir).stats().generation
    again = index_archive([archive], index_dir)
    assert (again.count("unchanged"), again.passages) == (2, 17)
    assert ArchiveIndex.open(index_dir).stats().generation == generation  # nothing committed


def test_removed_file_loses_its_passages(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    (archive / "garden.txt").unlink()
    report = index_archive([archive], index_dir)
    assert len(report.removed) == 1 and report.passages == 12


def test_unparsable_change_keeps_the_last_good_passages(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    (archive / "garden.txt").write_bytes(b"\x00\x00 corrupted")
    report = index_archive([archive], index_dir)
    (failure,) = report.failed
    assert failure.source.endswith("garden.txt")
    assert "its last good version stays in the index" in failure.error
    assert report.passages == 17
    assert ArchiveIndex.open(index_dir).search(build_request("tomatoes")).total == 2


def test_rebuild_starts_from_empty(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    report = index_archive([archive], index_dir, rebuild=True)
    assert report.rebuilt and report.count("added") == 2 and report.passages == 17


def test_second_writer_gets_index_busy_naming_the_holder(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    with (
        exclusive_writer(open_index(index_dir), index_dir),
        pytest.raises(IndexBusy, match=r"being updated by process \d+ since"),
    ):
        index_archive([archive], index_dir, rebuild=True, wait_seconds=0.3)
    # The index still answers, and the lock is free again.
    assert index_archive([archive], index_dir).passages == 17


def test_a_moved_folder_is_indexed_once_from_its_new_place(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    before = sorted(ids(index_dir))
    moved = archive.rename(tmp_path / "renamed")
    second = index_archive([moved], index_dir)
    assert (second.passages, second.count("added")) == (12 + 5, 2)
    assert sorted(second.removed) == sorted(
        str(archive / name) for name in ("garden.txt", "sample.txt")
    )
    assert sorted(ids(index_dir)) == before
    assert index_archive([moved], index_dir).count("unchanged") == 2


def test_a_copy_under_another_root_replaces_the_post_and_gives_it_back(
    archive: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    before = sorted(ids(index_dir))
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(archive / "sample.txt", copy / "sample.txt")  # newer: it replaces the post
    second = index_archive([copy], index_dir)
    assert second.passages == 12 + 5
    assert any("this newer copy replaces it" in warning for warning in second.warnings)
    assert sorted(ids(index_dir)) == before
    (copy / "sample.txt").unlink()  # the copy goes: the post is read again from the archive
    third = index_archive([copy], index_dir)
    assert (third.removed, third.passages) == ([str(copy / "sample.txt")], 12 + 5)
    assert sorted(ids(index_dir)) == before
