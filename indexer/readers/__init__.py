"""Archive readers, chosen per file by content, and the walk over an archive tree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.core.text import byte_order_mark
from indexer.readers.base import ArchiveReader, ReadContext
from indexer.readers.exports.blogger import BloggerReader
from indexer.readers.exports.wxr import WxrReader
from indexer.readers.html.page import HtmlPageReader
from indexer.readers.text.page import TextPageReader
from indexer.readers.walk import Found, walk
from indexer.readers.warc.reader import WaczReader, WarcReader

# Order matters: the first reader whose sniff() accepts a file reads it. The
# plain-text reader accepts almost any text, so it comes last; a WARC holds HTML
# and text, so web archives come first.
READERS: tuple[ArchiveReader, ...] = (
    WarcReader(),
    WaczReader(),
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
# Compressed files are archive content only when they are web archives (WARC, WACZ):
# a folder walk sniffs them; a file named on the command line is always tried.
SNIFFED_SUFFIXES = frozenset({".gz", ".zip", ".wacz", ".tgz", ".bz2", ".xz", ".7z"})
WEB_ARCHIVE_READERS = frozenset({"warc", "wacz"})
IGNORED_NAMES = frozenset({"readme", "license", "licence", "copying", "notice", "makefile"})


def is_candidate(path: Path) -> bool:
    """Whether a file under an archive folder (``path``: relative to it) may hold
    archived posts."""
    return _candidate(path.parts, path)


def _candidate(parts: tuple[str, ...], path: Path) -> bool:
    """``parts``: the path relative to the archive folder; ``path``: the file (its name decides)."""
    if any(part.startswith(".") for part in parts if part not in (".", "..")):
        return False
    return path.suffix.lower() not in IGNORED_SUFFIXES and path.stem.lower() not in IGNORED_NAMES


def candidates(root: Path) -> Iterator[Found]:
    """Every candidate archive file under the folder ``root``, in a stable order."""
    for found in walk(root):
        if not _candidate(found.parts, found.path):
            continue
        if found.path.suffix.lower() in SNIFFED_SUFFIXES and not _is_web_archive(found.path):
            continue
        yield found


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every candidate archive file under ``paths``, in a stable order."""
    for root in paths:
        if root.is_file():
            yield root
            continue
        yield from (found.path for found in candidates(root))


def _is_web_archive(path: Path) -> bool:
    try:
        reader = reader_for(path)
    except OSError:
        return True  # unreadable: let indexing report it
    return reader is not None and reader.name in WEB_ARCHIVE_READERS


def reader_for(path: Path, head: bytes | None = None) -> ArchiveReader | None:
    """The reader that takes ``path``, judged by its content; None when none does."""
    if head is None:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    mark = byte_order_mark(head)
    if mark is not None and mark[0] != "utf-8":  # UTF-16: readers sniff ASCII-like bytes
        head = head[mark[1] :].decode(mark[0], errors="ignore").encode("utf-8")
    for reader in READERS:
        if reader.sniff(head, path):
            return reader
    return None


__all__ = [
    "READERS",
    "ArchiveReader",
    "Found",
    "ReadContext",
    "candidates",
    "discover",
    "is_candidate",
    "reader_for",
]
