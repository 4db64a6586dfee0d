"""The archive walk (readers/walk.py, one pass of os.scandir) finds the files
``sorted(Path.rglob("*"))`` found, in the same order: what an update compares with
the manifest must not change with how the folder is walked."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.readers import discover, is_candidate
from indexer.readers.walk import walk

PAGE = "Title\n\nSome text.\n"


def _rglob_discover(root: Path) -> list[Path]:
    """The walk as it was: rglob, then a file test and the candidate test per path
    (web-archive sniffing left out: the tree below holds no compressed file)."""
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file() and is_candidate(path.relative_to(root))
    ]


def _tree(root: Path) -> Path:
    files = [
        "a/b.html", "a-c/x.html", "a.b/y.txt", "ab/z.txt", "Z/upper.txt", "top.xml",
        ".hidden/inside.html", "a/.dot.html", "a/README", "a/style.css", "a/notes.md",
        "deep/1/2/3/4/five.html", "ü/ümlaut.txt", "space d/with space.txt",
    ]  # fmt: skip
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(PAGE, encoding="utf-8")
    outside = root.parent / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "sub" / "far.html").write_text(PAGE, encoding="utf-8")
    (root / "linked-folder").symlink_to(outside / "sub", target_is_directory=True)
    (root / "a" / "linked.txt").symlink_to(outside / "sub" / "far.html")
    (root / "a" / "broken.txt").symlink_to(outside / "missing.txt")
    (root / "empty").mkdir()
    return root


def test_the_walk_finds_rglobs_files_in_rglobs_order(tmp_path: Path) -> None:
    root = _tree(tmp_path / "archive")
    found = list(discover([root]))
    assert found == _rglob_discover(root)
    names = [str(path.relative_to(root)) for path in found]
    assert names[:4] == ["Z/upper.txt", "a/b.html", "a/linked.txt", "a-c/x.html"]
    assert "linked-folder/far.html" not in names  # a linked folder is not entered
    assert not any(".hidden" in name or "README" in name for name in names)


def test_a_linked_file_is_marked_and_a_relative_root_gives_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    found = {item.parts: item for item in walk(Path("archive"))}
    assert found[("a", "linked.txt")].linked and not found[("a", "b.html")].linked
    assert found[("a", "b.html")].path == Path("archive/a/b.html")
    assert ("a", "broken.txt") not in found  # a link to nothing is no file


def test_a_missing_folder_holds_nothing(tmp_path: Path) -> None:
    assert walk(tmp_path / "missing") == []
