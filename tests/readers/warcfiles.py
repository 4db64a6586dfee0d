"""Web archives built with warcio itself from the real saved pages in tests/fixtures/html.

Nothing binary is checked in: each test writes its WARC (gzip per record, as
crawlers do, or plain) from a page fixture and HTTP response headers in the
form a WordPress site sends them. A second capture of a page is the same page
with comments removed (lxml), which is what the blog served before they were
written or after they were deleted.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

import lxml.html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE = FIXTURES / "html" / "thenervousbreakdown.com.loneliest.html"
PAGE_URL = (
    "http://thenervousbreakdown.com/tanderson/2011/07/"
    "the-loneliest-woman-in-the-world-an-appreciation-of-hearts-alone/"
)
HTTPS_URL = PAGE_URL.replace("http://", "https://")
# Response headers in the form a WordPress site behind nginx sends them.
WORDPRESS_HEADERS = [
    ("Server", "nginx"),
    ("Content-Type", "text/html; charset=UTF-8"),
    ("Connection", "close"),
    ("Vary", "Accept-Encoding, Cookie"),
    ("X-Pingback", "http://thenervousbreakdown.com/xmlrpc.php"),
    ("Link", "<http://thenervousbreakdown.com/?p=67347>; rel=shortlink"),
]
# The smallest valid GIF: a 1x1 image, as a crawl of a blog captures many.
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def without_comments(html: bytes, indexes: Iterable[int]) -> bytes:
    """The page with the comment list items at ``indexes`` (0-based, page order) removed."""
    root = lxml.html.document_fromstring(html)
    items = root.xpath("//li[contains(concat(' ', normalize-space(@class), ' '), ' comment ')]")
    for index in sorted(indexes, reverse=True):
        items[index].drop_tree()
    return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


class Crawl:
    """A WARC being written: responses, revisits, redirects, assets."""

    def __init__(self, path: Path, gzip: bool = True) -> None:
        self.path = path
        self.handle = path.open("wb")
        self.writer = WARCWriter(self.handle, gzip=gzip)

    def response(
        self,
        uri: str,
        body: bytes,
        date: str,
        status: str = "200 OK",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        http = StatusAndHeaders(status, list(headers or WORDPRESS_HEADERS), protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # known: warcio need not spool the body to a temporary file
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        self.writer.write_record(record)

    def revisit_of(self, uri: str, original_date: str, digest: str, date: str) -> None:
        http = StatusAndHeaders("200 OK", list(WORDPRESS_HEADERS), protocol="HTTP/1.1")
        record = self.writer.create_revisit_record(
            uri, digest, uri, original_date, http_headers=http
        )
        record.rec_headers.replace_header("WARC-Date", date)
        self.writer.write_record(record)

    def redirect(self, uri: str, target: str, date: str) -> None:
        self.response(uri, b"", date, "301 Moved Permanently", [("Location", target)])

    def image(self, uri: str, date: str) -> None:
        self.response(uri, GIF, date, headers=[("Content-Type", "image/gif")])

    def close(self) -> Path:
        self.handle.close()
        return self.path


def history_crawl(path: Path) -> Path:
    """Four captures of one post, and the other things a crawl of a blog holds.

    June: without the newest comment; July (https, ``?replytocom=``): all 11;
    August: a revisit (unchanged); September (``#comments``): the first comment deleted.
    Also an image, robots.txt, a category page, a redirect and a 404.
    """
    page = PAGE.read_bytes()
    crawl = Crawl(path)
    # Before the newest comment was written.
    crawl.response(PAGE_URL, without_comments(page, [10]), "2019-06-15T20:00:00Z")
    crawl.image(
        "http://thenervousbreakdown.com/wp-content/uploads/heart.gif", "2019-06-15T20:00:01Z"
    )
    crawl.response(
        "http://thenervousbreakdown.com/robots.txt",
        b"User-agent: *\nDisallow: /wp-admin/\n",
        "2019-06-15T19:59:59Z",
        headers=[("Content-Type", "text/plain")],
    )
    crawl.response("http://thenervousbreakdown.com/category/music/", page, "2019-06-15T20:00:02Z")
    crawl.redirect(PAGE_URL.rstrip("/"), PAGE_URL, "2019-07-01T10:00:00Z")
    # A month later, over https, the reply link's URL variant: the new comment is there.
    crawl.response(HTTPS_URL + "?replytocom=4242", page, "2019-07-01T10:00:01Z")
    crawl.response(
        HTTPS_URL + "no-such-page/", b"<html>gone</html>", "2019-07-01T10:00:02Z", "404 Not Found"
    )
    crawl.close()
    digest = payload_digest(path, HTTPS_URL + "?replytocom=4242")
    crawl = Crawl(path.with_suffix(".more"))
    # Unchanged in August (a revisit), and in September the first comment was deleted.
    crawl.revisit_of(
        HTTPS_URL + "?replytocom=4242", "2019-07-01T10:00:01Z", digest, "2019-08-01T00:00:00Z"
    )
    crawl.response(PAGE_URL + "#comments", without_comments(page, [0]), "2019-09-01T00:00:00Z")
    crawl.close()
    with path.open("ab") as out:  # one crawl appended to the other, as crawlers do
        out.write(path.with_suffix(".more").read_bytes())
    path.with_suffix(".more").unlink()
    return path


def payload_digest(path: Path, uri: str) -> str:
    """The WARC-Payload-Digest of the first response for ``uri`` in ``path``."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "response" and record.rec_headers.get("WARC-Target-URI") == uri:
                return str(record.rec_headers.get("WARC-Payload-Digest"))
    raise LookupError(uri)


def wacz(path: Path, warcs: list[Path], pages: list[dict[str, str]]) -> Path:
    """A WACZ package (spec 1.1: WARCs stored uncompressed under archive/)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as package:
        for warc in warcs:
            package.write(warc, f"archive/{warc.name}")
        lines = [json.dumps({"format": "json-pages-1.0", "id": "pages"})]
        lines += [json.dumps(page) for page in pages]
        package.writestr("pages/pages.jsonl", "\n".join(lines) + "\n")
        package.writestr(
            "datapackage.json",
            json.dumps({"profile": "data-package", "wacz_version": "1.1.1", "resources": []}),
        )
    return path
