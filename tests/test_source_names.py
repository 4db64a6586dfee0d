"""Files are named in the index from their root, named once: the same names as naming
each file on its own (relative inside the working directory; resolved outside it, a
linked file to its target)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer.build.indexing import named_files, source_name
from indexer.readers import discover

ROOT = Path(__file__).resolve().parent.parent


def _archive(folder: Path) -> Path:
    (folder / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.html", "three.xml"):
        (folder / name).write_text("Title\n\nSome text.\n", encoding="utf-8")
    elsewhere = folder.parent / f"{folder.name}-target.txt"
    elsewhere.write_text("Linked\n\nText.\n", encoding="utf-8")
    (folder / "a" / "linked.txt").symlink_to(elsewhere)
    return folder


@pytest.mark.parametrize("inside", [True, False])
def test_names_from_the_root_equal_names_of_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: bool
) -> None:
    archive = _archive(tmp_path / "archive")
    monkeypatch.chdir(tmp_path if inside else ROOT)
    roots = [Path("archive")] if inside else [Path(os.path.relpath(archive))]
    expected = sorted((source_name(path), path) for path in discover(roots))
    assert sorted(named_files(roots)) == expected
    names = [name for name, _ in expected]
    assert len(names) == 4 and (names[0].startswith("archive/") if inside else "/" in names[0])
    # outside the working directory a linked file is named by its target
    assert any(name.endswith("archive-target.txt") for name in names) is not inside
