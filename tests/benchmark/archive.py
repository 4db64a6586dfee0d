"""Write a generated archive to disk (text pages + WXR exports), one file at a time."""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import TextIO

from tests.benchmark.generate import (
    POSTS_PER_WXR_FILE,
    Comment,
    GeneratedPost,
    Generator,
    text_page,
    text_page_path,
)
from tests.benchmark.wxrfile import FOOTER, HEADER, write_item

SUMMARY_NAME = "summary.json"


@dataclass
class ArchiveSummary:
    seed: int
    target_passages: int
    passages: int  # as generated (the readers must find exactly these)
    posts: int
    text_pages: int
    wxr_files: int
    megabytes: float
    seconds: float
    update_post: int  # a text-page post the one-file update rewrites


def write_archive(root: Path, passages: int, seed: int = 1) -> ArchiveSummary:
    """Generate (or reuse, when already generated with the same parameters) an archive."""
    summary_path = root.parent / f"{root.name}.{SUMMARY_NAME}"
    if summary_path.exists() and root.is_dir():
        summary = ArchiveSummary(**json.loads(summary_path.read_text()))
        if (summary.seed, summary.target_passages) == (seed, passages):
            # Undo a previous run's one-file update, so every run starts from the same archive.
            _write_page(root, Generator(seed).post(summary.update_post))
            return summary
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    generator = Generator(seed)
    total = posts = text_pages = wxr_files = in_export = 0
    size = 0
    export: TextIO | None = None
    update_post = -1
    for post in generator.posts_for(passages):
        posts += 1
        total += post.passage_count
        if post.in_wxr:
            if export is None:
                path = root / "exports" / f"export-{wxr_files:05d}.xml"
                path.parent.mkdir(parents=True, exist_ok=True)
                export = path.open("w", encoding="utf-8")
                host = f"blog{post.blog:02d}.example.org"
                export.write(HEADER.format(title=f"Blog {post.blog:02d}", host=host))
                wxr_files += 1
            write_item(export, post, f"blog{post.blog:02d}.example.org")
            in_export += 1
            if in_export == POSTS_PER_WXR_FILE:
                export.write(FOOTER)
                size += export.tell()
                export.close()
                export, in_export = None, 0
        else:
            size += _write_page(root, post)
            text_pages += 1
            # A page from the archive's middle when there is one.
            if update_post < 50:
                update_post = post.number
    if export is not None:
        export.write(FOOTER)
        size += export.tell()
        export.close()
    summary = ArchiveSummary(
        seed,
        passages,
        total,
        posts,
        text_pages,
        wxr_files,
        round(size / 1e6, 1),
        round(time.perf_counter() - started, 2),
        update_post,
    )
    summary_path.write_text(json.dumps(asdict(summary), indent=2))
    return summary


def _write_page(root: Path, post: GeneratedPost) -> int:
    path = text_page_path(root, post)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = text_page(post)
    path.write_text(content, encoding="utf-8")
    return len(content.encode("utf-8"))


def add_comment(root: Path, summary: ArchiveSummary, text: str) -> Path:
    """Rewrite the update post's page with one more comment (a one-file change)."""
    generator = Generator(summary.seed)
    post = generator.post(summary.update_post)
    last = post.comments[-1].moment if post.comments else post.moment
    post.comments.append(Comment("Benchmark Visitor", last + timedelta(minutes=5), [text]))
    path = text_page_path(root, post)
    path.write_text(text_page(post), encoding="utf-8")
    return path
