"""Readers for web archives: WARC files (1.0/1.1, gzip per record or not) and WACZ packages.

Two passes, so a multi-GB crawl is never loaded: ``warcscan.scan`` lists where
each HTML page capture is, then each page's captures are read back by offset,
one page at a time, through the saved-page reader (the capture's
``WARC-Target-URI`` as its URL) and merged into one post (``captures.py``).
A WACZ is a zip of WARCs (``archive/*.warc.gz``, stored uncompressed by the
spec, so members are seekable) with ``pages/pages.jsonl`` and a CDXJ index;
its WARCs are read as one crawl, since a crawler splits its output over files.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import IO, Any, TypedDict, cast

from indexer.core.models import Post
from indexer.errors import ArchiveFileError
from indexer.readers.base import ArchiveReader, GrowingReader, Growth, ReadContext
from indexer.readers.captures import ParsedCapture, is_listing_page, merge_captures
from indexer.readers.html.page import read_page
from indexer.readers.warc.scan import (
    MAX_PAGE_BYTES,
    Catalogue,
    PageRecord,
    QuietIterator,
    error_reason,
    scan,
)

# Captures read per page, newest first: enough for any comment thread's history.
MAX_CAPTURES_PER_PAGE = 50
_HEAD_BYTES = 65536  # hashed to tell a file that grew from one that was replaced
_WACZ_WARC_RE = re.compile(r"^archive/[^/]+\.warc(?:\.gz)?$", re.I)

Opener = Callable[[], AbstractContextManager[IO[bytes]]]


class WarcState(TypedDict):
    """Where a one-part archive was read to, kept for the next run (as JSON)."""

    end: int  # the byte after the last record read
    head: str  # hash of the first bytes: the same file grew, or another replaced it
    captures: Any  # the scan's catalogue (``Catalogue.to_json``)
    posts: dict[str, list[Any]]  # page key -> [post id, passages]


def _warc_head(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/1.0", b"WARC/1.1", b"WARC/0.1"))


class WarcReader(GrowingReader):
    name = "warc"
    streamed = True

    def sniff(self, head: bytes, path: Path) -> bool:
        return _warc_head(head)

    def read_on(
        self, context: ReadContext, last: dict[str, Any] | None, growth: Growth
    ) -> Iterator[Post]:
        def opener() -> AbstractContextManager[IO[bytes]]:
            return _opened(context, lambda: context.path.open("rb"))

        yield from read_web_archive([opener], context, growth, _grown_from(context, last))


class WaczReader(ArchiveReader):
    name = "wacz"
    streamed = True

    def sniff(self, head: bytes, path: Path) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(path) as package:
                return any(_WACZ_WARC_RE.match(name) for name in package.namelist())
        except (OSError, zipfile.BadZipFile, ValueError):
            return False

    def read(self, context: ReadContext) -> Iterator[Post]:
        try:
            package = zipfile.ZipFile(context.path)
        except (OSError, zipfile.BadZipFile) as error:
            raise ArchiveFileError(context.source, f"not a readable WACZ (zip): {error}") from error
        with package:
            names = sorted(n for n in package.namelist() if _WACZ_WARC_RE.match(n))
            if not names:
                raise ArchiveFileError(
                    context.source, "a zip without archive/*.warc.gz: not a WACZ"
                )
            if "pages/pages.jsonl" not in package.namelist():
                context.warn("no pages/pages.jsonl (not a complete WACZ); its WARCs are read")
            openers: list[Opener] = [
                lambda name=name: _opened(context, lambda: package.open(name))  # type: ignore[misc]
                for name in names
            ]
            yield from read_web_archive(openers, context)


def _opened(
    context: ReadContext, open_: Callable[[], IO[bytes]]
) -> AbstractContextManager[IO[bytes]]:
    try:
        return open_()
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveFileError(context.source, f"cannot read the web archive: {error}") from error


def _head_hash(stream: IO[bytes], end: int) -> str:
    stream.seek(0)
    return hashlib.sha256(stream.read(min(end, _HEAD_BYTES))).hexdigest()


def _grown_from(context: ReadContext, last: dict[str, Any] | None) -> WarcState | None:
    """The last run's state when the file only grew since (same head, longer): then
    only the records after its old end are new."""
    try:
        if not last or context.path.stat().st_size <= int(last["end"]):
            return None
        with context.path.open("rb") as stream:
            grown = _head_hash(stream, int(last["end"])) == last["head"]
        return cast(WarcState, last) if grown and "captures" in last and "posts" in last else None
    except (OSError, KeyError, TypeError, ValueError):
        return None


def read_web_archive(
    parts: list[Opener],
    context: ReadContext,
    growth: Growth | None = None,
    grown_from: WarcState | None = None,
) -> Iterator[Post]:
    """Every post of a crawl stored in ``parts`` (WARC streams), one page at a time.

    With ``grown_from`` (a one-part archive that grew), only the appended records are
    scanned; the pages they add captures to are read again (with their old captures:
    a thread is the union of all of them), the file's other posts stay as indexed.
    ``growth`` (one-part archives) receives the state the next run reads on from.
    """
    catalogue = Catalogue()
    start, known = 0, {}
    if grown_from is not None:
        catalogue.load(grown_from["captures"])
        catalogue.touched = set()
        start, known = int(grown_from["end"]), dict(grown_from["posts"])
    end, head = 0, ""
    for number, opener in enumerate(parts):
        with opener() as stream:
            try:
                end = scan(stream, number, catalogue, context.warn, start if number == 0 else 0)
                head = _head_hash(stream, end)
            except Exception as error:  # the stream itself broke (a zip member's bad CRC)
                context.warn(f"part {number + 1}: {error_reason(error)}; the rest of it is skipped")
                end, head = 0, ""
    catalogue.resolve_revisits(context.warn)
    pages = catalogue.groups if catalogue.touched is None else catalogue.touched
    if grown_from is not None and growth is not None:
        growth.replaced = [known[key][0] for key in pages if key in known]
        growth.replaced_passages = sum(known[key][1] for key in pages if key in known)
        context.warn(f"web archive: grew since the last run; read the records after byte {start}")
    read = posts = 0
    with ExitStack() as stack:
        streams: dict[int, IO[bytes]] = {}

        def stream_of(part: int) -> IO[bytes]:
            if part not in streams:
                streams[part] = stack.enter_context(parts[part]())
            return streams[part]

        for key in [key for key in catalogue.groups if key in pages]:  # in crawl order
            captures = _parse_captures(catalogue.groups[key], stream_of, catalogue, context)
            read += len(captures)
            known.pop(key, None)
            if captures:
                posts += 1
                post = merge_captures(captures)
                known[key] = [post.post_id, max(1, len(post.passages))]
                yield post
    if growth is not None:  # (a WACZ that changed is read again whole)
        state = WarcState(end=end, head=head, captures=catalogue.to_json(), posts=known)
        growth.state = dict(state)
    skipped = ", ".join(f"{count} {why}" for why, count in sorted(catalogue.skipped.items()))
    context.warn(
        f"web archive: {read} page captures read as {posts} posts"
        + (f"; skipped {skipped}" if skipped else "")
    )


def _parse_captures(
    records: list[PageRecord],
    stream_of: Callable[[int], IO[bytes]],
    catalogue: Catalogue,
    context: ReadContext,
) -> list[ParsedCapture]:
    """The page's captures (newest first, at most MAX_CAPTURES_PER_PAGE) as posts."""
    newest = sorted(set(records), key=lambda r: r.captured, reverse=True)
    captures: list[ParsedCapture] = []
    for record in newest[:MAX_CAPTURES_PER_PAGE]:
        where = f"{record.uri} (captured {record.captured.isoformat()})"
        try:
            data = load_payload(stream_of(record.part), record.offset)
            if is_listing_page(data, record.uri):
                catalogue.skipped["listing pages (by their markup)"] += 1
                continue
            capture_context = ReadContext(context.path, context.source)
            post = read_page(data, capture_context, record.uri, record.captured)
        except ArchiveFileError as error:
            catalogue.skipped["unreadable pages"] += 1
            context.warn(f"{where}: {error.reason}; skipped")
            continue
        except Exception as error:  # one broken capture costs itself, never the crawl
            catalogue.skipped["unreadable pages"] += 1
            context.warn(f"{where}: {type(error).__name__}: {error}; skipped")
            continue
        if not captures:  # the newest capture's oddities are the post's
            for notice in capture_context.notices:
                context.warn(f"{where}: {notice.message}")
        captures.append(ParsedCapture(post, record.uri, record.captured))
    if len(newest) > MAX_CAPTURES_PER_PAGE:
        catalogue.skipped["older captures of pages captured over 50 times"] += (
            len(newest) - MAX_CAPTURES_PER_PAGE
        )
    return captures


def load_payload(stream: IO[bytes], offset: int) -> bytes:
    """The HTTP payload (dechunked, decompressed) of the record at ``offset``, bounded."""
    stream.seek(offset)
    iterator = QuietIterator(stream)
    try:
        record = next(iterator)
        data: bytes = record.content_stream().read(MAX_PAGE_BYTES + 1)
    finally:
        iterator.close()
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"larger than {MAX_PAGE_BYTES >> 20} MB once decompressed")
    return data
