"""The same pages as a crawl: packed into one WARC with warcio, indexed from it.

Each page is a ``response`` record (status 200, ``Content-Type: text/html`` with no
charset, as the loose files have none) whose ``WARC-Target-URI`` is the annotated URL;
posts are matched back to pages by the URL of the capture they came from. The rates
should equal the ``html`` run's: a web archive adds nothing and must lose nothing.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer import ArchiveIndex
from tests.eval.indexed import _indexed, _post_ids_by_source, index_folder
from tests.eval.model import Context, RunResult
from tests.eval.scoring import score_missing, score_page

NAME = "warc"
ORDER = 30
DESCRIPTION = "the same pages packed into one WARC (warcio, gzip per record), indexed from it"
CAPTURED = "2020-01-01T00:00:00Z"


def pack(ctx: Context, path: Path) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in ctx.pages:
            body = ctx.page_file(page).read_bytes()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": CAPTURED},
            )
            writer.write_record(record)
    return path


def run(ctx: Context) -> RunResult:
    folder = ctx.workdir / "crawl"
    folder.mkdir()
    pack(ctx, folder / "crawl.warc.gz")
    indexed = index_folder(ctx.cli, folder, ctx.workdir / "index")
    result = RunResult(NAME, DESCRIPTION)
    archive = ArchiveIndex.open(indexed.index_dir)
    by_url: dict[str, list] = {}  # type: ignore[type-arg]
    for source, ids in _post_ids_by_source(archive).items():
        for post_id in ids:
            view = archive.post(post_id)
            by_url.setdefault(view.capture_url, []).append(_indexed(view, source))
    result.pages = len(ctx.pages)
    for page in ctx.pages:
        text = ctx.page_text(page)
        if by_url.get(page.url):
            score_page(page, by_url[page.url], result, text, ctx.errata)
        elif "crawl.warc.gz" in indexed.failed:
            reason = f"not indexed: {indexed.failed['crawl.warc.gz']}"
            score_missing(page, reason, result, text, ctx.errata)
        else:
            reason = "not indexed: no post read from its capture"
            score_missing(page, reason, result, text, ctx.errata)
    return result
