"""Broken and hostile web archives: each bad record is reported and skipped, never a crash.

Three real pages (A, B, C) are written as three WARC records with warcio; each
test then breaks the bytes the way real files break.
"""

from __future__ import annotations

import gzip as gzip_module
import re
import resource
from pathlib import Path

import pytest

from tests.readers.conftest import read_file
from tests.readers.warcfiles import PAGE, Crawl

HTML = PAGE.parent
PAGES = {
    "A": ("https://en.blog.wordpress.com/2019/06/19/diverse/", "blog.wordpress.com.diverse.html"),
    "B": (
        "https://gormulus.wordpress.com/2012/12/11/durfen/",
        "gormulus.wordpress.com.durfen.html",
    ),
    "C": ("http://thenervousbreakdown.com/tanderson/2011/07/alone/", PAGE.name),
}
TITLES = {
    "A": "Want to See a More Diverse WordPress Contributor Community? So Do We.",
    "B": "„Das wird man ja wohl noch sagen dürfen!“",
    "C": "The Loneliest Woman in the World: An Appreciation of Heart’s “Alone”",
}


def _records(tmp_path: Path, gzip: bool) -> dict[str, bytes]:
    """Each page as one WARC record's bytes."""
    records = {}
    for name, (url, file) in PAGES.items():
        crawl = Crawl(tmp_path / f"{name}.warc", gzip=gzip)
        crawl.response(url, (HTML / file).read_bytes(), "2019-07-01T10:00:00Z")
        records[name] = crawl.close().read_bytes()
    return records


def _titles(path: Path) -> tuple[list[str], list[str]]:
    reader, posts, reports = read_file(path)
    assert reader == "warc"
    titles = sorted(TITLES, key=lambda name: TITLES[name])
    found = {post.title for post in posts}
    return [name for name in titles if TITLES[name] in found], [r.message for r in reports]


def _with_length(record: bytes, change: int) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        return b"Content-Length: %d\r\n" % (int(match.group(1)) + change)

    return re.sub(rb"Content-Length: (\d+)\r\n", replace, record, count=1)


@pytest.mark.parametrize("gzip", [True, False], ids=["gzip", "plain"])
def test_truncated_last_record(tmp_path: Path, gzip: bool) -> None:
    records = _records(tmp_path, gzip)
    path = tmp_path / "crawl.warc"
    path.write_bytes(records["A"] + records["B"] + records["C"][: len(records["C"]) // 2])
    found, reports = _titles(path)
    assert found == ["B", "A"] or sorted(found) == ["A", "B"]
    assert any("skipped" in message and "record at byte" in message for message in reports)


def test_content_length_too_short(tmp_path: Path) -> None:
    records = _records(tmp_path, gzip=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(records["A"] + _with_length(records["B"], -1000) + records["C"])
    found, reports = _titles(path)
    assert sorted(found) == ["A", "C"]
    assert any("Content-Length" in message for message in reports)


def test_content_length_too_long(tmp_path: Path) -> None:
    records = _records(tmp_path, gzip=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_with_length(records["A"], 5000) + records["B"] + records["C"])
    found, reports = _titles(path)
    assert sorted(found) == ["B", "C"]
    assert any("record at byte 0" in m and "Content-Length" in m for m in reports)


def test_gzip_member_that_is_not_one(tmp_path: Path) -> None:
    records = _records(tmp_path, gzip=True)
    fake = b"\x1f\x8b\x08\x00" + b"this is not deflate data at all " * 20
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(records["A"] + fake + records["B"] + records["C"])
    found, reports = _titles(path)
    assert sorted(found) == ["A", "B", "C"]
    broken = [message for message in reports if "record at byte" in message]
    assert len(broken) == 1 and broken[0].startswith(f"record at byte {len(records['A'])}:")


def test_response_that_lies_about_its_charset(tmp_path: Path) -> None:
    latin1 = PAGE.read_bytes().decode("utf-8").encode("cp1252", errors="replace")
    crawl = Crawl(tmp_path / "crawl.warc.gz")  # headers (and the page) say UTF-8
    crawl.response(PAGES["C"][0], latin1, "2019-07-01T10:00:00Z")
    _, posts, reports = read_file(crawl.close())
    assert [post.title for post in posts] == [TITLES["C"]]
    assert any("not valid UTF-8 as declared" in report.message for report in reports)


def test_two_gigabyte_record_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    records = _records(tmp_path, gzip=False)
    size = 2 << 30
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"WARC-Target-URI: http://thenervousbreakdown.com/2019/07/huge/\r\n"
        b"WARC-Date: 2019-07-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:huge>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>" % size
    )
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:  # a sparse file: 2 GB of record, no 2 GB of disk
        out.write(records["A"] + header)
        out.seek(len(records["A"]) + len(header) - 45 + size)
        out.write(b"\r\n\r\n" + records["C"])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found, reports = _titles(path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    assert sorted(found) == ["A", "C"]
    assert "1 pages larger than 16 MB" in reports[-1]
    assert peak - before < 256 * 1024  # far below the record's 2 GB


def test_gzip_bomb_in_a_compressed_response_is_skipped(tmp_path: Path) -> None:
    bomb = gzip_module.compress(b"<html><body>" + bytes(100 << 20), compresslevel=9)
    crawl = Crawl(tmp_path / "crawl.warc.gz")
    crawl.response(
        "http://thenervousbreakdown.com/2019/07/bomb/",
        bomb,
        "2019-07-01T10:00:00Z",
        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
    )
    crawl.response(PAGES["C"][0], PAGE.read_bytes(), "2019-07-01T10:00:01Z")
    found, reports = _titles(crawl.close())
    assert found == ["C"]
    assert any("larger than 16 MB once decompressed; skipped" in m for m in reports)
