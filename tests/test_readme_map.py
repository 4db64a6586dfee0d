"""The README's map of the code matches the tree: every package of the library and the
shells is on it, and every file it names exists (README "Layout")."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _map_rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("### Layout", 1)[1].split("\n\n|", 1)[1]
    return [line for line in ("|" + layout).splitlines() if line.startswith("| `")]


def _named_paths(row: str) -> list[Path]:
    """The row's first cell names files and folders: ``indexer/core/``, or ``web/app.py``
    followed by siblings (``pages.py``); its second cell names files in parentheses
    (``models.py``) relative to the first cell's folder."""
    where, what = row.split("|")[1:3]
    first = re.findall(r"`([^`]+)`", where)
    base = ROOT / (first[0] if first[0].endswith("/") else str(Path(first[0]).parent))
    paths = [ROOT / first[0]] + [base / name for name in first[1:]]
    paths += [base / name for name in re.findall(r"`([\w/]+\.py)`", what)]
    return paths


def test_every_file_the_map_names_exists() -> None:
    missing = [
        str(path.relative_to(ROOT))
        for row in _map_rows()
        for path in _named_paths(row)
        if not path.exists()
    ]
    assert missing == []


def test_every_package_and_top_module_is_on_the_map() -> None:
    text = "\n".join(_map_rows())
    packages = [
        f"{path.relative_to(ROOT)}/"
        for top in ("indexer", "web")
        for path in (ROOT / top).iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    ]
    modules = [
        path.name
        for top in ("indexer", "web")
        for path in (ROOT / top).glob("*.py")
        if path.name != "__init__.py"
    ]
    assert [package for package in packages if f"`{package}`" not in text] == []
    assert [module for module in modules if module not in text] == []
