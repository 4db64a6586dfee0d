"""A crawl that grows: only the appended records are read; a replaced file is read whole."""

from __future__ import annotations

import json
from pathlib import Path

from indexer import ArchiveIndex, build_request, index_archive
from indexer.build.manifest import Manifest
from tests.readers.warcfiles import PAGE, PAGE_URL, Crawl, without_comments

OTHER_URL = "https://gormulus.wordpress.com/2012/12/11/das-wird-man-ja-wohl-noch-sagen-durfen/"
OTHER = PAGE.parent / "gormulus.wordpress.com.durfen.html"


def _append(path: Path, uri: str, body: bytes, date: str) -> None:
    more = Crawl(path.parent.parent / "more.warc.gz")  # outside the indexed folder
    more.response(uri, body, date)
    with path.open("ab") as out:
        out.write(more.close().read_bytes())


def _comments(archive: ArchiveIndex, url_word: str) -> list[str]:
    found = archive.search(build_request(url_word, per_page=1))
    post = archive.post(found.hits[0].post_id)
    return [p.author for p in post.passages if p.section == "comment"]


def test_grown_crawl_reads_only_new_records(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "crawls", tmp_path / "index"
    folder.mkdir()
    crawl = Crawl(folder / "crawl.warc.gz")
    crawl.response(PAGE_URL, without_comments(PAGE.read_bytes(), [10]), "2019-06-15T20:00:00Z")
    crawl.response(OTHER_URL, OTHER.read_bytes(), "2019-06-15T20:01:00Z")
    path = crawl.close()
    first = index_archive([folder], index_dir)
    assert first.posts == 2
    archive = ArchiveIndex.open(index_dir)
    assert len(_comments(archive, '"Heart"')) == 10
    other_ids = {h.id for h in archive.search(build_request("Antisemitismus", per_page=100)).hits}

    end = first_end(index_dir)
    # The crawler appends a July capture of the first post, with its newest comment.
    _append(path, PAGE_URL, PAGE.read_bytes(), "2019-07-01T10:00:00Z")
    second = index_archive([folder], index_dir)
    assert [o.status for o in second.outcomes] == ["updated"]
    summaries = [w.split(": ", 1)[1] for w in second.warnings if "web archive:" in w]
    assert (
        summaries[0] == f"web archive: grew since the last run; read the records after byte {end}"
    )
    # The new capture and the old one of the same page (for the thread's union); not OTHER.
    assert summaries[1] == "web archive: 2 page captures read as 1 posts"
    archive = ArchiveIndex.open(index_dir)
    assert (
        _comments(archive, '"Heart"')[-1] == "Kgaard" and len(_comments(archive, '"Heart"')) == 11
    )
    assert {h.id for h in archive.search(build_request("Antisemitismus", per_page=100)).hits} == (
        other_ids
    )
    manifest = Manifest.load(index_dir)
    assert manifest is not None
    (entry,) = manifest.files.values()
    assert entry.passages == second.passages == first.passages + 1
    assert entry.resume is not None and entry.resume["end"] == path.stat().st_size > end


def first_end(index_dir: Path) -> int:
    data = json.loads((index_dir / "manifest.json").read_text("utf-8"))
    (entry,) = data["files"].values()
    return int(entry["resume"]["end"])


def test_replaced_crawl_is_read_whole(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "crawls", tmp_path / "index"
    folder.mkdir()
    crawl = Crawl(folder / "crawl.warc.gz")
    crawl.response(PAGE_URL, PAGE.read_bytes(), "2019-07-01T10:00:00Z")
    crawl.close()
    assert index_archive([folder], index_dir).posts == 1
    # A new crawl under the same name, longer than the old one: a different head.
    crawl = Crawl(folder / "crawl.warc.gz")
    crawl.response(OTHER_URL, OTHER.read_bytes(), "2019-08-01T10:00:00Z")
    crawl.response(PAGE_URL + "?amp=1", PAGE.read_bytes(), "2019-08-01T10:01:00Z")
    crawl.close()
    report = index_archive([folder], index_dir)
    assert not any("grew since the last run" in warning for warning in report.warnings)
    assert any("2 page captures read as 2 posts" in warning for warning in report.warnings)
    assert report.posts == 2
