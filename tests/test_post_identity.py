"""One post, however many copies or edits: duplicates keep the newest, a renamed file
or an edited comment keeps passage ids (permalinks)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from indexer import ArchiveIndex, build_request, index_archive
from tests.test_updates import add_comment, ids


def set_mtime(path: Path, seconds_ago: float) -> None:
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_same_post_in_two_files_is_one_post_newest_kept(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    older, newer = archive / "sample.txt", archive / "sample-resaved.txt"
    shutil.copy(older, newer)
    add_comment(newer)  # the re-saved page has one more comment
    set_mtime(older, 3600)
    report = index_archive([archive], index_dir)
    assert report.passages == 13 and report.posts == 1
    assert any("same post as in" in w and "newer copy is kept" in w for w in report.warnings)
    assert ArchiveIndex.open(index_dir).search(build_request("author:latecomer")).total == 1
    # The newer copy goes away: the older one is read again, nothing is lost.
    newer.unlink()
    report = index_archive([archive], index_dir)
    assert report.passages == 12 and report.removed == [str(newer.relative_to(Path.cwd()))
                                                        if newer.is_relative_to(Path.cwd())
                                                        else str(newer)]  # fmt: skip
    assert ArchiveIndex.open(index_dir).search(build_request("vice squad")).total == 1


def test_newer_copy_arriving_later_replaces_the_older(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    set_mtime(archive / "sample.txt", 3600)
    index_archive([archive], index_dir)
    newer = archive / "zz-resaved.txt"
    shutil.copy(archive / "sample.txt", newer)
    add_comment(newer)
    report = index_archive([archive], index_dir)
    assert report.passages == 13
    assert any("this newer copy replaces it" in w for w in report.warnings)
    found = ids(index_dir)
    assert len(found) == len(set(found)) == 13


def test_rename_keeps_passage_ids(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    before = ids(index_dir)
    (archive / "sample.txt").rename(archive / "renamed.txt")
    report = index_archive([archive], index_dir)
    assert (report.count("added"), len(report.removed)) == (1, 1)
    assert ids(index_dir) == before


def test_edited_and_removed_comments(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    page = archive / "sample.txt"
    text = page.read_text(encoding="utf-8")
    edited = text.replace("Take it out.", "Please take it out now.")
    page.write_text(edited, encoding="utf-8")
    index_archive([archive], index_dir)
    archive_index = ArchiveIndex.open(index_dir)
    assert archive_index.search(build_request('"please take it out now"')).total == 1
    assert archive_index.search(build_request('"rude. Take it out"')).total == 0
    # Remove comment 2 (Cristine Sardina): one passage fewer, the others renumbered in order.
    start = edited.index("  2. Cristine Sardina")
    end = edited.index("  3. Cat June")
    page.write_text(edited[:start] + edited[end:], encoding="utf-8")
    report = index_archive([archive], index_dir)
    assert report.passages == 11
    result = ArchiveIndex.open(index_dir).search(build_request("", section=["comment"]))
    assert "Cristine Sardina" not in {value.value for value in result.facets["author"]}
