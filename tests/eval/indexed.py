"""Index a folder through the real CLI, then read every post back through the library.

Reading goes through ``ArchiveIndex.search`` (an empty query lists everything, as
``/api/search`` does) and ``ArchiveIndex.post``: what a user of the API would see.
"""

from __future__ import annotations

import html
import json
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indexer import ArchiveIndex, PostView, build_request
from indexer.contract.request import MAX_PER_PAGE
from tests.eval.model import Context


@dataclass
class IndexRun:
    """What ``archive-search index --json`` said: per-file failures and warnings."""

    index_dir: Path
    failed: dict[str, str] = field(default_factory=dict)  # file name -> reason
    warnings: list[str] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)  # file name -> posts


def index_folder(cli: Path, folder: Path, index_dir: Path) -> IndexRun:
    """Run ``archive-search index FOLDER --index DIR --json``; exit 1 (some files failed)
    is expected here, anything else is the harness's problem and raised."""
    done = subprocess.run(
        [str(cli), "index", str(folder), "--index", str(index_dir), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(
            f"archive-search index exited {done.returncode}: {done.stderr.strip()[-2000:]}"
        )
    summary = json.loads(done.stdout)
    run = IndexRun(index_dir=index_dir, warnings=list(summary.get("warnings", [])))
    for failure in summary.get("failed", []):
        run.failed[Path(failure["path"]).name] = failure["error"]
    for entry in summary.get("per_file", []):
        run.per_file[Path(entry["path"]).name] = int(entry["posts"])
    return run


def index_written(ctx: Context, write: Callable[[Context, Path], None]) -> IndexRun:
    """``write(ctx, folder)`` puts the pages' files in a fresh folder, which is indexed."""
    pages = ctx.workdir / "pages"
    pages.mkdir()
    write(ctx, pages)
    return index_folder(ctx.cli, pages, ctx.workdir / "index")


@dataclass(frozen=True)
class IndexedPassage:
    section: str
    author: str
    date: str | None
    text: str  # plain text (the API's escaped HTML, unescaped)


@dataclass(frozen=True)
class IndexedPost:
    post_id: str
    source: str  # file name
    title: str
    date: str | None
    author: str
    passages: tuple[IndexedPassage, ...]

    def text_of(self, *sections: str) -> str:
        return " ".join(p.text for p in self.passages if p.section in sections)

    def comment_text(self) -> str:
        """Comment and pingback passages, each as its author's name and its text."""
        return " ".join(
            f"{p.author} {p.text}" for p in self.passages if p.section in ("comment", "pingback")
        )


def _post_ids_by_source(archive: ArchiveIndex) -> dict[str, list[str]]:
    by_source: dict[str, list[str]] = {}
    page = 1
    while True:
        result = archive.search(
            build_request("", per_page=MAX_PER_PAGE, page=page, sort="oldest", facet_size=1)
        )
        for hit in result.hits:
            ids = by_source.setdefault(Path(hit.source).name, [])
            if hit.post_id not in ids:
                ids.append(hit.post_id)
        if page >= result.pages:
            return by_source
        page += 1


def _indexed(view: PostView, source: str) -> IndexedPost:
    return IndexedPost(
        post_id=view.post_id,
        source=source,
        title=view.title,
        date=view.date,
        author=view.author,
        passages=tuple(
            IndexedPassage(p.section, p.author, p.date, html.unescape(p.html))
            for p in view.passages
        ),
    )


def read_posts(index_dir: Path) -> dict[str, list[IndexedPost]]:
    """Every indexed post, grouped by the file name it came from."""
    archive = ArchiveIndex.open(index_dir)
    return {
        source: [_indexed(archive.post(post_id), source) for post_id in ids]
        for source, ids in _post_ids_by_source(archive).items()
    }


def iter_posts(posts: dict[str, list[IndexedPost]]) -> Iterator[IndexedPost]:
    for group in posts.values():
        yield from group
