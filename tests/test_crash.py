"""A writer killed with SIGKILL mid-update leaves the last committed index readable."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from tests.killed_build import KilledBuild
from tests.paths import SAMPLE

pytestmark = pytest.mark.slow


def make_pages(folder: Path, count: int, start: int = 0) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    for number in range(start, start + count):
        page = text.replace(title, f"{title} (copy {number})", 1)
        (folder / f"page-{number:04d}.txt").write_text(page, encoding="utf-8")


def test_sigkill_mid_update_keeps_the_previous_index(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "sample.txt")
    index_archive([archive], index_dir)
    make_pages(archive, 300)
    # The update says each file it has decided; it is killed once 50 of the 300 new
    # pages are, well inside parsing and adding them and before its one commit.
    build = KilledBuild(archive, index_dir, workers=1)
    build.kill_after(50)
    assert (index_dir / "writer.json").exists()  # the writer holds the lock
    assert build.kill() == -signal.SIGKILL

    survivor = ArchiveIndex.open(index_dir)
    assert survivor.stats().passages == 12
    assert survivor.search(build_request("vice squad")).total == 1

    report = index_archive([archive], index_dir, wait_seconds=5)  # the kernel freed the lock
    assert report.count("added") == 300 and report.passages == 12 * 301
