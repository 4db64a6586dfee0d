"""A synthetic web crawl of a given size, for measuring indexing memory on web archives.

``python -m tests.benchmark.webarchive OUT.warc.gz --size-mb 1024``: the real saved
pages of ``../shared/fixtures/html-eval`` (and tests/fixtures/html) captured under many
URLs (each copy its own post: canonical links removed), a second capture of every fifth
page, and what fills a real crawl's bytes: images and scripts (random, incompressible
bytes), plus one 20 MB page that must be skipped. Write it outside the repository.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
_CANONICAL_RE = re.compile(
    rb"<link[^>]+rel=[\"']canonical[\"'][^>]*>|<meta[^>]+property=[\"']og:url[\"'][^>]*>", re.I
)
HTML_SHARE = 0.12  # of the bytes: real crawls are mostly media


def _pages() -> list[bytes]:
    folders = [
        ROOT.parent / "shared" / "fixtures" / "html-eval",
        ROOT / "tests" / "fixtures" / "html",
    ]
    return [
        _CANONICAL_RE.sub(b"", p.read_bytes()) for f in folders for p in sorted(f.glob("*.html"))
    ]


def _write(writer: WARCWriter, uri: str, body: bytes, content_type: str, date: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                       length=len(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})  # fmt: skip
    writer.write_record(record)


def generate(path: Path, size_mb: int, seed: int = 1) -> dict[str, int]:
    chooser = random.Random(seed)
    pages = _pages()
    target = size_mb << 20
    counts = {"pages": 0, "recaptures": 0, "assets": 0}
    html_bytes = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        huge = b"<html><body>" + b"x" * (20 << 20)  # over the 16 MB page limit: skipped
        _write(
            writer, "https://blog.example/2020/01/huge/", huge, "text/html", "2020-01-01T00:00:00Z"
        )
        number = 0
        while handle.tell() < target:
            if html_bytes < HTML_SHARE * max(handle.tell(), 1):
                number += 1
                body = pages[number % len(pages)]
                uri = f"https://blog.example/2020/{number % 12 + 1:02d}/post-{number}/"
                _write(writer, uri, body, "text/html; charset=UTF-8", "2020-02-01T00:00:00Z")
                counts["pages"] += 1
                html_bytes += len(body)
                if number % 5 == 0:  # captured again a month later
                    _write(writer, uri + "?replytocom=1", body, "text/html", "2020-03-01T00:00:00Z")
                    counts["recaptures"] += 1
                    html_bytes += len(body)
            else:
                size = chooser.randint(100_000, 2_000_000)
                _write(writer, f"https://blog.example/wp-content/uploads/{counts['assets']}.jpg",
                       os.urandom(size), "image/jpeg", "2020-02-01T00:00:00Z")  # fmt: skip
                counts["assets"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size-mb", type=int, default=1024)
    args = parser.parse_args()
    counts = generate(args.out, args.size_mb)
    print(f"{args.out}: {args.out.stat().st_size >> 20} MB, {counts}")


if __name__ == "__main__":
    main()
