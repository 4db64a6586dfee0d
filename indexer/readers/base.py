"""The interface every archive reader implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from indexer.core.models import Post, ReadNotice, Section


class Anchors:
    """Passage anchors numbered per section in page order (``post-1``, ``quote-2``):
    permalinks depend on this numbering, so every reader takes it from here."""

    def __init__(self) -> None:
        self.counts: dict[Section, int] = {}

    def next(self, section: Section) -> str:
        self.counts[section] = self.counts.get(section, 0) + 1
        return f"{section}-{self.counts[section]}"


class ReadContext:
    """Collects the warnings a reader has about one file (what was odd, what was skipped)."""

    def __init__(self, path: Path, source: str) -> None:
        self.path = path
        self.source = source  # the path as stored in the index
        self.notices: list[ReadNotice] = []

    def warn(self, message: str, line: int | None = None) -> None:
        self.notices.append(ReadNotice(self.source, message, line))


class ArchiveReader(ABC):
    """Turns one archive file into posts.

    ``sniff`` decides from the file's first bytes (not only its extension)
    whether this reader takes the file. ``read`` yields posts one at a time so
    large exports are streamed; it raises ``ArchiveFileError`` (path, line,
    reason) when the file cannot be read at all, and reports anything odd but
    survivable through ``context.warn``.
    """

    name: ClassVar[str]
    # True when ``read`` streams a file too large to hold (web archives): it then
    # reports broken parts itself and yields what it could read.
    streamed: ClassVar[bool] = False

    @abstractmethod
    def sniff(self, head: bytes, path: Path) -> bool: ...

    @abstractmethod
    def read(self, context: ReadContext) -> Iterator[Post]: ...


@dataclass
class Growth:
    """What reading a file that grows (a crawl appends records) hands the next run."""

    state: dict[str, Any] | None = None  # the reader's state now (JSON, kept in the manifest)
    # When only the appended part was read: the post ids (and passage count) its posts
    # replace; the file's other posts stay as indexed.
    replaced: list[str] | None = None
    replaced_passages: int = 0


class GrowingReader(ArchiveReader):
    """A reader of files that grow: it reads on from its own state of the last run
    (``read_on``), which only it can interpret; ``read`` reads the whole file."""

    def read(self, context: ReadContext) -> Iterator[Post]:
        return self.read_on(context, None, Growth())

    @abstractmethod
    def read_on(
        self, context: ReadContext, last: dict[str, Any] | None, growth: Growth
    ) -> Iterator[Post]: ...
