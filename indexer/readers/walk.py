"""The walk over an archive folder: every file under it, in one pass of ``os.scandir``.

A no-op update of a 35,000-file archive spent most of its time here when the walk was
``Path.rglob`` and three ``stat`` calls per file (is it a file, is it a link, its
relative path's parts): the directory entries already say what each entry is. The
walk is ``rglob``'s: it enters no linked folder, skips folders it may not read, takes a
link to a file as a file, and keeps ``sorted(rglob(...))``'s order (by path parts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    """A file under the walked folder."""

    parts: tuple[str, ...]  # its path relative to the folder, one part per name
    path: Path
    linked: bool  # the file is itself a symbolic link (it resolves elsewhere)


def walk(root: Path) -> list[Found]:
    """Every file under the folder ``root`` (hidden folders left unvisited: nothing in
    them is archive content), in the order of their relative paths' parts."""
    found: list[Found] = []
    folders: list[tuple[str, tuple[str, ...]]] = [(str(root), ())]
    while folders:
        folder, parts = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:  # as rglob: a folder it may not read (or gone) holds nothing
            continue
        for entry in listed:
            here = (*parts, entry.name)
            try:
                if entry.is_dir():
                    if not entry.is_symlink() and not entry.name.startswith("."):
                        folders.append((entry.path, here))
                elif entry.is_file():
                    found.append(Found(here, Path(entry.path), entry.is_symlink()))
            except OSError:
                continue  # vanished or unreadable meanwhile: not a file here
    found.sort(key=lambda item: item.parts)
    return found
