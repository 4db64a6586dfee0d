"""The first pass over a WARC: which records are pages of the blog, without keeping them.

``scan`` walks the records with warcio and keeps, for each HTML page captured
with status 200, only where it is (part, offset), its URL and its capture time;
everything else is counted by why it was skipped. Memory is bounded by the
number of page captures, never by the size of a record: bodies are read in
blocks and dropped. A record that cannot be parsed (truncated, a wrong
``Content-Length``, a gzip member that is not one) is reported and scanning
resumes at the next record start found after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from indexer.readers.captures import capture_key, is_listing_url

# A page larger than this is not a blog post (a 2 GB record is a video or an attack).
MAX_PAGE_BYTES = 16 << 20
_BLOCK = 1 << 16
_RESYNC_WINDOW = 1 << 20
_MAX_RESYNCS = 10_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# The next record's header inside a payload: the Content-Length ran past the record's end.
_RECORD_START = b"\nWARC/1."

Report = Callable[[str], None]


class QuietIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a bad ``Content-Length`` notice to stderr; we count it instead."""

    INC_RECORD = ""


@dataclass(frozen=True)
class PageRecord:
    """Where one HTML capture's payload is, and what it captured when."""

    part: int
    offset: int  # the record holding the payload (a revisit's original)
    uri: str
    captured: datetime
    digest: str = ""  # WARC-Payload-Digest: how revisits find their payload


@dataclass
class _Revisit:
    part: int
    key: str
    uri: str
    captured: datetime
    digest: str
    refers_uri: str
    refers_date: str


@dataclass
class Catalogue:
    """Every page capture of a web archive, grouped by page (``capture_key``)."""

    groups: dict[str, list[PageRecord]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    by_digest: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_uri_date: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    revisits: list[_Revisit] = field(default_factory=list)
    touched: set[str] | None = None  # when set: the pages that gained captures

    def add(self, key: str, record: PageRecord) -> None:
        self.groups.setdefault(key, []).append(record)
        if self.touched is not None:
            self.touched.add(key)

    def to_json(self) -> dict[str, list[list[Any]]]:
        """The captures of a one-part archive, to resume from when the file grows."""
        return {
            key: [[r.offset, r.uri, r.captured.isoformat(), r.digest] for r in records]
            for key, records in self.groups.items()
        }

    def load(self, groups: dict[str, list[list[Any]]]) -> None:
        for key, records in groups.items():
            for offset, uri, captured, digest in records:
                record = PageRecord(0, int(offset), uri, datetime.fromisoformat(captured), digest)
                self.groups.setdefault(key, []).append(record)
                if digest:
                    self.by_digest[digest] = (0, record.offset)

    def resolve_revisits(self, report: Report) -> None:
        """A revisit is a capture whose payload is an earlier record's (same digest)."""
        for revisit in self.revisits:
            original = self.by_digest.get(revisit.digest) or self.by_uri_date.get(
                (revisit.refers_uri, revisit.refers_date)
            )
            if original is None:
                self.skipped["revisits whose original is not in the archive"] += 1
                continue
            part, offset = original
            page = PageRecord(part, offset, revisit.uri, revisit.captured, revisit.digest)
            self.add(revisit.key, page)
        self.revisits.clear()


def warc_date(value: str | None) -> datetime | None:
    """``WARC-Date`` (UTC, seconds or finer) as a naive UTC datetime."""
    try:
        moment = datetime.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def is_gzip(stream: IO[bytes]) -> bool:
    stream.seek(0)
    return stream.read(2) == b"\x1f\x8b"


def scan(stream: IO[bytes], part: int, catalogue: Catalogue, report: Report, start: int = 0) -> int:
    """Catalogue the records of one WARC from ``start`` (a record boundary); returns the
    offset after its last good record."""
    gzipped = is_gzip(stream)
    position = end = start
    for _ in range(_MAX_RESYNCS):
        stream.seek(position)
        iterator = QuietIterator(stream)
        offset = position
        try:
            for record in iterator:
                offset = iterator.offset
                errors = iterator.err_count
                good = _catalogue_record(record, part, offset, gzipped, catalogue)
                iterator.read_to_end()  # reads the record through, in blocks
                if iterator.err_count > errors:
                    # What follows this record is not a record start: its length was wrong.
                    raise ValueError("Content-Length does not match the record")
                if good is not None:
                    key, page = good
                    catalogue.add(key, page)
                end = offset = iterator.offset  # where the next record starts
            return end
        except _Jump as jump:
            found = _next_record_start(stream, jump.to, gzipped)
        except Exception as error:  # warcio raises many kinds on broken input
            catalogue.skipped["unreadable records"] += 1
            report(f"record at byte {offset}: {error_reason(error)}; skipped")
            found = _next_record_start(stream, offset + 1, gzipped)
        finally:
            iterator.close()
        if found is None:
            return end
        position = found
    report(f"more than {_MAX_RESYNCS} unreadable records: the rest of the file is skipped")
    return end


def error_reason(error: Exception) -> str:
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(error).split()))[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _next_record_start(stream: IO[bytes], start: int, gzipped: bool) -> int | None:
    """The next place a record may start: a gzip member header, or ``WARC/1.`` on a line."""
    marker = b"\x1f\x8b\x08" if gzipped else _RECORD_START
    skip = 0 if gzipped else 1
    position = start
    while True:
        stream.seek(position)
        window = stream.read(_RESYNC_WINDOW)
        if not window:
            return None
        found = window.find(marker)
        if found >= 0:
            return position + found + skip
        if len(window) < len(marker):
            return None
        position += len(window) - len(marker) + 1


def _catalogue_record(
    record: Any, part: int, offset: int, gzipped: bool, catalogue: Catalogue
) -> tuple[str, PageRecord] | None:
    """The page this record captured, or None (and the reason counted)."""
    kind = record.rec_type
    if kind not in ("response", "revisit"):
        return None  # requests, metadata, warcinfo: not captures
    headers = record.rec_headers
    uri = (headers.get_header("WARC-Target-URI") or "").strip("<> ")
    captured = warc_date(headers.get_header("WARC-Date"))
    reason = _skip_reason(kind, uri, captured, record.http_headers)
    if reason:
        catalogue.skipped[reason] += 1
        return None
    assert captured is not None  # _skip_reason said so
    if kind == "revisit":
        catalogue.revisits.append(
            _Revisit(
                part,
                capture_key(uri),
                uri,
                captured,
                headers.get_header("WARC-Payload-Digest") or "",
                headers.get_header("WARC-Refers-To-Target-URI") or "",
                headers.get_header("WARC-Refers-To-Date") or "",
            )
        )
        return None
    if not _payload_is_whole(record, offset, gzipped, catalogue.skipped):
        return None
    digest = headers.get_header("WARC-Payload-Digest") or ""
    if digest:
        catalogue.by_digest[digest] = (part, offset)
    catalogue.by_uri_date[(uri, headers.get_header("WARC-Date") or "")] = (part, offset)
    return capture_key(uri), PageRecord(part, offset, uri, captured, digest)


def _skip_reason(kind: str, uri: str, captured: datetime | None, http: Any) -> str:
    """Why a response or revisit is no page capture to read ("" when it is one)."""
    if not uri.lower().startswith(("http://", "https://")) or http is None:
        return "not HTTP captures"
    if captured is None:
        return "records without a readable WARC-Date"
    status = http.get_statuscode()
    mime = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if urlsplit(uri).path.lower().endswith("/robots.txt"):
        return "robots.txt"
    if status.startswith("3") and kind == "response":
        return "redirects"
    if status not in ("200", "304") or (status == "304" and kind == "response"):
        return "errors (status other than 200)"
    if (mime and mime not in _HTML_TYPES) or (not mime and kind == "response"):
        return "not HTML (images, styles, scripts, feeds)"
    if is_listing_url(uri):
        return "listing pages (category, tag, author, search, date archives)"
    return ""


class _Jump(Exception):
    """Skip an oversized record of an uncompressed WARC by seeking, not reading it."""

    def __init__(self, to: int) -> None:
        super().__init__(to)
        self.to = to


def _payload_is_whole(record: Any, offset: int, gzipped: bool, skipped: Counter[str]) -> bool:
    """Reads the payload through in blocks: not truncated, not too large, no record inside."""
    too_large = f"pages larger than {MAX_PAGE_BYTES >> 20} MB"
    try:
        declared = int(record.rec_headers.get_header("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_PAGE_BYTES + _BLOCK:
        skipped[too_large] += 1
        if not gzipped:  # the next record starts after the declared length: seek there
            raise _Jump(offset + declared)
        return False  # warcio decompresses it through, in blocks
    stream = record.raw_stream
    size = 0
    tail = b""
    while block := stream.read(_BLOCK):
        size += len(block)
        window = tail + block
        if any(window.find(_RECORD_START + v + b"\r\n") >= 0 for v in (b"0", b"1")):
            raise ValueError("its Content-Length runs into the next record")
        tail = block[-32:]
    if getattr(stream, "limit", 0) > 0:
        raise ValueError("the record is truncated (shorter than its Content-Length)")
    if size > MAX_PAGE_BYTES:
        skipped[too_large] += 1
        return False
    return True
