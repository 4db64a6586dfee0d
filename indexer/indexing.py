"""Bring the index in line with the archive: parse new and changed files only.

One commit per run, so a crash (even ``kill -9``) leaves the last committed
index as it was; the next run repeats the work. A file that fails to parse is
reported and keeps the passages it had: nothing is deleted before its
replacement has been parsed.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import writing

from .errors import ArchiveFileError
from .manifest import FileEntry, Manifest, file_hash
from .readers import ReadContext, discover, reader_for
from .schema import SCHEMA_VERSION, documents_for_post
from .storage import create_index, exclusive_writer, index_exists, open_index

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class FileOutcome:
    source: str
    status: str  # added | updated | unchanged | failed | unrecognised
    reader: str = ""
    posts: int = 0
    passages: int = 0
    error: str = ""


@dataclass
class IndexReport:
    index_dir: str
    outcomes: list[FileOutcome] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passages: int = 0  # in the index after this run
    posts: int = 0
    rebuilt: bool = False
    elapsed_s: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def to_json(self) -> dict[str, Any]:
        read = [o for o in self.outcomes if o.status in ("added", "updated", "unchanged")]
        return {
            "index": self.index_dir,
            "files": len(read),
            "passages": self.passages,
            "posts": self.posts,
            "added": self.count("added"),
            "updated": self.count("updated"),
            "removed": len(self.removed),
            "unchanged": self.count("unchanged"),
            "rebuilt": self.rebuilt,
            "failed": [{"path": o.source, "error": o.error} for o in self.failed],
            "warnings": list(self.warnings),
            "per_file": [
                {
                    "path": o.source,
                    "status": o.status,
                    "reader": o.reader,
                    "posts": o.posts,
                    "passages": o.passages,
                }
                for o in self.outcomes
                if o.status != "unrecognised"
            ],
            "elapsed_s": round(self.elapsed_s, 3),
        }


def source_name(path: Path) -> str:
    """How a file is named in the index: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def _under(source: str, roots: list[Path]) -> bool:
    resolved = Path(source).resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


def index_archive(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    wait_seconds: float = 0.0,
    progress: ProgressCallback | None = None,
) -> IndexReport:
    """Index (incrementally) every archive file under ``paths`` into ``index_dir``."""
    started = time.perf_counter()
    roots = [Path(path) for path in paths]
    for root in roots:
        if not root.exists():
            raise ArchiveFileError(str(root), "no such file or folder")
    report = IndexReport(index_dir=str(index_dir))
    manifest = Manifest.load(index_dir) if index_exists(index_dir) else None
    if manifest is not None and manifest.schema_version != SCHEMA_VERSION:
        report.warnings.append(
            f"the index was built by another version (schema {manifest.schema_version}, "
            f"now {SCHEMA_VERSION}): rebuilding it from the archive"
        )
        _replace_with_empty_index(index_dir)
        manifest, rebuild = None, True
    if not index_exists(index_dir):
        create_index(index_dir)
        manifest, rebuild = None, True
    if manifest is None or rebuild:
        manifest = Manifest(schema_version=SCHEMA_VERSION)
        report.rebuilt = True

    index = open_index(index_dir)
    files = list(discover(roots))
    resolved_roots = [root.resolve() for root in roots]
    seen: set[str] = set()
    with exclusive_writer(index, index_dir, wait_seconds) as writer:
        for number, path in enumerate(files, start=1):
            source = source_name(path)
            seen.add(source)
            if progress:
                progress(number, len(files), source)
            outcome = _apply_file(writer, manifest, path, source, report)
            report.outcomes.append(outcome)
        for source in sorted(set(manifest.files) - seen):
            if _under(source, resolved_roots) or report.rebuilt:
                writer.delete_by_term("source", source)
                del manifest.files[source]
                report.removed.append(source)
        changed = (
            report.rebuilt
            or report.removed
            or any(outcome.status in ("added", "updated") for outcome in report.outcomes)
        )
        if changed:
            writer.commit(mergetype=writing.CLEAR if report.rebuilt else None)
            manifest.last_commit = time.time()
        # else: nothing to write; the writer is cancelled on exit, no new generation
    manifest.save(index_dir)

    with open_index(index_dir).searcher() as searcher:
        report.passages = searcher.doc_count()
        report.posts = len(list(searcher.lexicon("post_id")))
    report.elapsed_s = time.perf_counter() - started
    return report


def _apply_file(
    writer: Any, manifest: Manifest, path: Path, source: str, report: IndexReport
) -> FileOutcome:
    previous = manifest.files.get(source)
    try:
        stat = path.stat()
        if previous and previous.size == stat.st_size and previous.mtime == stat.st_mtime:
            return FileOutcome(source, "unchanged", previous.reader, len(previous.post_ids),
                               previous.passages)  # fmt: skip
        content_hash = file_hash(path)
        if previous and previous.hash == content_hash:
            previous.mtime = stat.st_mtime
            return FileOutcome(source, "unchanged", previous.reader, len(previous.post_ids),
                               previous.passages)  # fmt: skip
        reader = reader_for(path)
        if reader is None:
            raise ArchiveFileError(
                source,
                "not a format archive-search reads (saved text or HTML page, WordPress "
                "export, Blogger export)",
            )
        context = ReadContext(path, source)
        documents: list[dict[str, Any]] = []
        post_ids: list[str] = []
        for post in reader.read(context):
            post_ids.append(post.post_id)
            documents.extend(documents_for_post(post))
    except ArchiveFileError as error:
        return _failed(source, error.message.removeprefix(f"{source}: "), previous, report)
    except (OSError, UnicodeError, ValueError, RecursionError, MemoryError) as error:
        return _failed(source, f"{type(error).__name__}: {error}", previous, report)
    report.warnings.extend(str(warning) for warning in context.reports)
    # Replace: the file's old passages go in the same commit as its new ones.
    writer.delete_by_term("source", source)
    for document in documents:
        writer.add_document(**document)
    manifest.files[source] = FileEntry(
        hash=content_hash,
        size=stat.st_size,
        mtime=stat.st_mtime,
        reader=reader.name,
        post_ids=post_ids,
        passages=len(documents),
    )
    status = "updated" if previous else "added"
    return FileOutcome(source, status, reader.name, len(post_ids), len(documents))


def _failed(
    source: str, reason: str, previous: FileEntry | None, report: IndexReport
) -> FileOutcome:
    if previous is not None:
        reason += " (its last good version stays in the index)"
    return FileOutcome(source, "failed", error=reason)


def _replace_with_empty_index(index_dir: Path) -> None:
    """Make way for an index of a new schema version (the old one cannot be mixed in)."""
    for child in index_dir.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
