"""The interface every archive reader implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
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
        # Web archives that grow (crawls append): the reader's state from the last run
        # (``resume``), its state now (``resume_out``), and, when only the appended part
        # was read, the post ids its posts replace (the file's other posts stay).
        self.resume: dict[str, Any] | None = None
        self.resume_out: dict[str, Any] | None = None
        self.replaced: list[str] | None = None
        self.replaced_passages = 0

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
