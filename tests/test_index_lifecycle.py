"""The index beside its writers and readers: schema versions, a busy index, watch, a read
racing a merging commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import ArchiveIndex, build_request, index_archive
from indexer.store.storage import exclusive_writer, open_index
from tests.test_updates import add_comment
from web.cli.main import main


def test_schema_version_change_triggers_a_rebuild(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    manifest_path = index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["schema_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    report = index_archive([archive], index_dir)
    assert report.rebuilt and report.passages == 12
    assert any("built by another version (schema 0" in w for w in report.warnings)
    assert json.loads(manifest_path.read_text())["schema_version"] != 0


def test_cli_busy_index_exits_4_naming_the_writer(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    with exclusive_writer(open_index(index_dir), index_dir):
        result = CliRunner().invoke(
            main, ["index", str(archive), "--index", str(index_dir), "--wait", "0.3"]
        )
    assert result.exit_code == 4
    assert f"being updated by process {os.getpid()} since" in result.stderr


@pytest.mark.slow
def test_watch_applies_changes_as_they_happen(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    script = Path(sys.executable).with_name("archive-search")
    watcher = subprocess.Popen(
        [str(script), "watch", str(archive), "--index", str(index_dir), "--debounce", "200"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        for line in watcher.stdout:
            if line.startswith("Watching"):
                break
        page = archive / "sample.txt"
        add_comment(page)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if ArchiveIndex.open(index_dir).search(build_request("author:latecomer")).total == 1:
                break
            time.sleep(1)
            # "Watching" is printed just before the OS watch is set up: touch the file
            # again, in case the first change came before it.
            os.utime(page)
        else:
            pytest.fail("watch did not apply the change within 30 s")
    finally:
        watcher.terminate()
        watcher.communicate(timeout=10)  # also closes the pipe


def test_a_read_racing_a_merging_commit_is_retried_on_the_new_generation(
    archive: Path, tmp_path: Path
) -> None:
    """Whoosh opens column files lazily: a commit that merges segments deletes files
    under a searcher opened before it. Such a read is retried, not a 500."""
    from whoosh import writing

    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    shutil.copy(archive / "sample.txt", archive / "second.txt")  # a second segment
    (archive / "second.txt").write_text(
        (archive / "sample.txt").read_text(encoding="utf-8").replace("Occupy", "Reoccupy", 1),
        encoding="utf-8",
    )
    index_archive([archive], index_dir)
    archive_index = ArchiveIndex.open(index_dir)
    calls: list[int] = []

    def read_after_a_merge(searcher: object) -> dict[str, object]:
        calls.append(1)
        if len(calls) == 1:  # a writer merges everything and deletes the old files
            whoosh_index = open_index(index_dir)
            whoosh_index.writer(compound=False).commit(mergetype=writing.OPTIMIZE)
        return searcher.stored_fields(0)  # type: ignore[attr-defined,no-any-return]

    # What Whoosh does without the retry:
    with pytest.raises((TypeError, OSError)), open_index(index_dir).searcher() as stale:
        open_index(index_dir).writer(compound=False).commit(mergetype=writing.OPTIMIZE)
        stale.reader().leaf_readers()[0][0].stored_fields(0)
    assert archive_index._read(read_after_a_merge)["id"]
    assert len(calls) == 2


def test_an_index_of_another_version_says_to_reindex(archive: Path, tmp_path: Path) -> None:
    from indexer.errors import IndexOutdated

    index_dir = tmp_path / "index"
    index_archive([archive], index_dir)
    for path in index_dir.iterdir():  # as an older archive-search would have named it
        path.rename(path.with_name(path.name.replace("passages-v", "passages-v0")))
    with pytest.raises(IndexOutdated, match=r"built by another version.*archive-search index"):
        ArchiveIndex.open(index_dir)
