"""Archive readers, chosen per file by content, and the walk over an archive tree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .base import ArchiveReader, ReadContext
from .blogger import BloggerReader
from .htmlpage import HtmlPageReader
from .textpage import TextPageReader
from .wxr import WxrReader

# Order matters: the first reader whose sniff() accepts a file reads it. The
# plain-text reader accepts almost any text, so it comes last.
READERS: tuple[ArchiveReader, ...] = (
    WxrReader(),
    BloggerReader(),
    HtmlPageReader(),
    TextPageReader(),
)

SNIFF_BYTES = 65536
# Files that are never archive content, whatever they contain.
IGNORED_SUFFIXES = frozenset(
    {
        ".md",
        ".rst",
        ".json",
        ".py",
        ".pyc",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".webp",
        ".ico",
        ".css",
        ".js",
        ".pdf",
        ".zip",
        ".gz",
        ".toml",
        ".yaml",
        ".yml",
        ".lock",
        ".woff",
        ".woff2",
        ".ttf",
        ".mp3",
        ".mp4",
    }
)
IGNORED_NAMES = frozenset({"readme", "license", "licence", "copying", "notice", "makefile"})


def is_candidate(path: Path) -> bool:
    """Whether a file under an archive folder may hold archived posts."""
    if any(part.startswith(".") for part in path.parts if part not in (".", "..")):
        return False
    if path.suffix.lower() in IGNORED_SUFFIXES:
        return False
    return path.stem.lower() not in IGNORED_NAMES


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every candidate archive file under ``paths``, in a stable order."""
    for root in paths:
        if root.is_file():
            yield root
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file() and is_candidate(path.relative_to(root)):
                yield path


def reader_for(path: Path, head: bytes | None = None) -> ArchiveReader | None:
    """The reader that takes ``path``, judged by its content; None when none does."""
    if head is None:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    for reader in READERS:
        if reader.sniff(head, path):
            return reader
    return None


__all__ = ["READERS", "ArchiveReader", "ReadContext", "discover", "is_candidate", "reader_for"]
