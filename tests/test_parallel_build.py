"""A build in worker processes writes exactly what one process writes, and a build
killed with SIGKILL leaves no process behind and the lock free."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from indexer.build.indexing import source_name
from indexer.build.manifest import Manifest
from indexer.store.storage import open_index
from tests.benchmark.archive import write_archive
from tests.killed_build import KilledBuild
from tests.test_crash import make_pages

pytestmark = pytest.mark.slow


def _everything(index_dir: Path) -> dict[str, dict[str, object]]:
    """Every passage's stored fields, by passage id."""
    with open_index(index_dir).searcher() as searcher:
        return {fields["id"]: fields for fields in searcher.all_stored_fields()}


def test_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    write_archive(archive, 1500, seed=3)  # ~65 files: text pages and WordPress exports
    pages = sorted(archive.rglob("*.txt"))
    # The same post in two files: the newer copy must win in both builds.
    copy = archive / "copy-of-first.txt"
    shutil.copy(pages[0], copy)
    os.utime(copy, (time.time() + 60, time.time() + 60))
    (archive / "broken.txt").write_bytes(b"\x00\x01 not an archive")

    one, two = tmp_path / "one", tmp_path / "two"
    single = index_archive([archive], one, workers=1)
    calls: list[tuple[int, int]] = []
    parallel = index_archive(
        [archive], two, workers=2, progress=lambda done, total, _: calls.append((done, total))
    )

    assert parallel.passages == single.passages > 1500
    # The progress bar's total counts every file, parsed ahead or not.
    files = len(parallel.outcomes)
    assert [done for done, _ in calls] == list(range(1, files + 1))
    assert {total for _, total in calls} == {files}
    assert parallel.posts == single.posts
    assert sorted(parallel.warnings) == sorted(single.warnings)
    assert any("copy-of-first.txt" in warning for warning in parallel.warnings)
    assert [o.source for o in parallel.failed] == [o.source for o in single.failed] != []
    assert _everything(two) == _everything(one)
    manifests = Manifest.load(one), Manifest.load(two)
    assert manifests[0] is not None and manifests[1] is not None
    assert manifests[1].files == manifests[0].files
    assert manifests[1].files[source_name(copy)].passages > 0
    for word in ("said", "the"):
        ours = ArchiveIndex.open(two).search(build_request(word))
        theirs = ArchiveIndex.open(one).search(build_request(word))
        assert (ours.total, [h.id for h in ours.hits]) == (
            theirs.total,
            [h.id for h in theirs.hits],
        )

    # An incremental run on top of a parallel build: one changed file, in one process.
    with pages[1].open("a", encoding="utf-8") as page:
        page.write("\n")
    report = index_archive([archive], two, workers=2)
    assert report.count("updated") == 1 and report.passages == single.passages


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigkill_during_a_parallel_build_leaves_no_orphan_and_a_free_lock(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    make_pages(archive, 400)
    # The build says each file it has decided (its progress callback); it is killed
    # once a quarter of them are: workers parsed and wrote them, nothing is committed.
    build = KilledBuild(archive, index_dir, workers=2)
    build.kill_after(100)
    workers = _children(build.process.pid)
    assert len(workers) == 2, workers
    build.kill()

    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"orphaned workers still running: {workers}"
        time.sleep(0.1)
    # The lock is free at once (wait_seconds=0) and the next run completes.
    report = index_archive([archive], index_dir, workers=2)
    assert report.count("added") == 400 and report.passages == 12 * 400
    assert ArchiveIndex.open(index_dir).search(build_request("vice squad")).total == 400
    leftovers = [path.name for path in index_dir.iterdir() if path.suffix == ".tmp"]
    assert leftovers == []
