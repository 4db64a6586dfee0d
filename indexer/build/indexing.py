"""Bring the index in line with the archive: parse new and changed files only.

One commit per run, so a crash (even ``kill -9``) leaves the last committed
index as it was; the next run repeats the work. A file that fails to parse is
reported and keeps the passages it had: nothing is deleted before its
replacement has been parsed.

The same post in two files (a re-saved page beside an older copy, a page and
an export) is one post, keyed by canonical URL or title + date: the newest
file (by modification time) keeps it and the other copy is reported. Whoosh
cannot delete what the same writer has just added, so changed files are
processed newest first: the first file of a run to claim a post is its newest.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from indexer.build.manifest import FileEntry, Manifest, file_hash
from indexer.build.parsing import ParsedFile
from indexer.build.summary import FileOutcome, IndexRunSummary
from indexer.build.workers import LocalWorker, balanced, start_workers
from indexer.errors import ArchiveFileError, IndexDamaged
from indexer.readers import discover
from indexer.store.schema import SCHEMA_VERSION
from indexer.store.segmentwriting import commit_with_segments
from indexer.store.storage import (
    create_index,
    exclusive_writer,
    index_exists,
    open_index,
    remove_other_versions,
)

ProgressCallback = Callable[[int, int, str], None]
PARALLEL_MIN_FILES = 40  # fewer: starting worker processes costs more than it saves
MAX_WORKERS = 4
BATCH_FILES = 8  # per worker and batch
LOOKAHEAD = 6  # batches parsed ahead of the decisions

__all__ = ["FileOutcome", "IndexRunSummary", "ProgressCallback", "index_archive", "source_name"]


def source_name(path: Path) -> str:
    """How a file is named in the index: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def _named(roots: list[Path]) -> Iterator[tuple[str, Path]]:
    """Each discovered file and its ``source_name``, the root named once: naming each file
    on its own (``relpath``, or ``resolve`` walking every component of its path) was most
    of a no-op update of a 35,000-file archive. A file that is itself a link is named on
    its own (it resolves elsewhere); ``discover`` enters no linked folder."""
    for root in roots:
        base = source_name(root)
        for path in discover([root]):
            if path == root or path.is_symlink():
                yield source_name(path), path
            else:
                yield os.path.normpath(os.path.join(base, *path.relative_to(root).parts)), path


def _usable(index_dir: Path, rebuild: bool) -> bool:
    """Whether an index of this version is there; a damaged one only counts as absent
    when rebuilding (otherwise IndexDamaged says to rebuild)."""
    try:
        return index_exists(index_dir)
    except Exception as error:  # an unreadable table of contents
        if rebuild:
            return False
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


class _Unknown:
    """Stands in for a file's stat when its content is not known to match the index."""

    def __init__(self, size: int) -> None:
        self.st_size = size
        self.st_mtime = -1.0  # never a real modification time: the next run re-reads


def _under(source: str, roots: list[Path]) -> bool:
    resolved = Path(source).resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


class _Run:
    """One indexing run: classify files, resolve duplicates, write, commit."""

    def __init__(self, manifest: Manifest, summary: IndexRunSummary, rebuild: bool) -> None:
        self.manifest = manifest
        self.summary = summary
        self.rebuild = rebuild
        self.unchanged: dict[str, FileEntry] = {}  # sources left as they are this run
        self.claimed: dict[str, str] = {}  # post id -> source that wrote it this run
        self.dropped: set[str] = set()  # posts the last applied file no longer holds
        self.spelled: set[str] = set()  # words this run already gave the spelling vocabulary
        self.touched = False  # whether the manifest changed without a commit

    def classify(
        self, files: list[tuple[Path, str]]
    ) -> list[tuple[Path, str, os.stat_result, str]]:
        """Files to (re)parse, newest first; unchanged ones are recorded, not read."""
        pending = []
        for path, source in files:
            try:
                stat = path.stat()
                previous = None if self.rebuild else self.manifest.files.get(source)
                if previous and (previous.size, previous.mtime) == (stat.st_size, stat.st_mtime):
                    self.unchanged[source] = previous
                    continue
                content_hash = file_hash(path)
            except OSError as error:
                self.summary.outcomes.append(
                    FileOutcome(source, "failed", error=f"cannot read file: {error.strerror}")
                )
                continue
            if previous and previous.hash == content_hash:
                previous.mtime = stat.st_mtime
                self.touched = True  # same content, new time: the manifest must learn it
                self.unchanged[source] = previous
                continue
            pending.append((path, source, stat, content_hash))
        pending.sort(key=lambda item: (item[2].st_mtime, item[1]), reverse=True)
        return pending

    def holders(self, post_id: str, excluding: str) -> list[tuple[float, str]]:
        """Unchanged files that also hold ``post_id``, as (mtime, source)."""
        return [
            (entry.mtime, source)
            for source, entry in self.unchanged.items()
            if source != excluding and post_id in entry.post_ids
        ]

    def release(self, post_ids: Iterable[str], pending: list[Any]) -> None:
        """Posts no longer held by a file: an older copy elsewhere must be read again."""
        for post_id in post_ids:
            if post_id in self.claimed:
                continue
            for _, source in self.holders(post_id, excluding=""):
                self.unchanged.pop(source)
                path = Path(source)
                if path.exists():
                    pending.append((path, source, path.stat(), file_hash(path)))

    def resume_state(self, source: str) -> dict[str, Any] | None:
        """A web archive's reader state from the last run (unless rebuilding)."""
        entry = None if self.rebuild else self.manifest.files.get(source)
        return entry.resume if entry is not None else None

    def decide(self, writer: Any, parsed: ParsedFile, stat: Any, content_hash: str) -> list[int]:
        """Which of a parsed file's posts to write (by number); deletions and the
        manifest entry go to ``writer`` and the run. Files are decided newest first."""
        source = parsed.source
        previous = self.manifest.files.get(source)
        if parsed.error is not None:
            self._failed(source, parsed.error, previous)
            return []
        self.summary.warnings.extend(parsed.warnings)
        if parsed.changed_while_read:
            # What was parsed may be either version: the manifest records "unknown"
            # and the next run reads the file again, whatever its size and time then.
            self.summary.warnings.append(
                f"{source}: changed while it was being read; it will be read again next run"
            )
            content_hash, stat = "", _Unknown(stat.st_size)
        # The file's old passages go in the same commit as its new ones; a web archive
        # that grew replaces only the posts its new records touch.
        kept_before: list[str] = []
        if parsed.replaced is not None and previous is not None:
            for post_id in parsed.replaced:
                if not self.holders(post_id, source):
                    writer.delete_by_term("post_id", post_id)
            kept_before = [pid for pid in previous.post_ids if pid not in set(parsed.replaced)]
        else:
            writer.delete_by_term("source", source)
        kept: list[int] = []
        for number, (post_id, title) in enumerate(parsed.post_keys):
            newer = [h for h in self.holders(post_id, source) if h > (stat.st_mtime, source)]
            if post_id in self.claimed or newer:
                kept_in = self.claimed.get(post_id) or max(newer)[1]
                self.summary.warnings.append(
                    f"{source}: {title[:80]!r} is the same post as in {kept_in} "
                    "(same URL, or same title and date); the newer copy is kept"
                )
                continue
            older = self.holders(post_id, source)
            if older:
                writer.delete_by_term("post_id", post_id)
                self.summary.warnings.append(
                    f"{source}: {title[:80]!r} is the same post as in "
                    f"{', '.join(s for _, s in older)}; this newer copy replaces it"
                )
            kept.append(number)
            self.claimed[post_id] = source
        post_ids = kept_before + [post_id for post_id, _ in parsed.post_keys]
        passages = sum(parsed.passage_counts[number] for number in kept)
        if kept_before and previous is not None:
            passages += previous.passages - parsed.replaced_passages
        self.manifest.files[source] = FileEntry(
            hash=content_hash,
            size=stat.st_size,
            mtime=stat.st_mtime,
            reader=parsed.reader,
            post_ids=post_ids,
            passages=passages,
            resume=parsed.resume if content_hash else None,
        )
        status = "updated" if previous else "added"
        self.summary.outcomes.append(
            FileOutcome(source, status, parsed.reader, len(post_ids), passages)
        )
        self.dropped = set(previous.post_ids if previous else ()) - set(post_ids)
        return kept

    def _failed(self, source: str, reason: str, previous: FileEntry | None) -> None:
        if previous is not None:
            reason += " (its last good version stays in the index)"
            self.unchanged[source] = previous
        self.summary.outcomes.append(FileOutcome(source, "failed", error=reason))


def _worker_count(requested: int | None, files: int) -> int:
    if requested is not None:
        return max(1, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, MAX_WORKERS) if files >= PARALLEL_MIN_FILES else 1


def _write_pending(
    run: _Run,
    writer: Any,
    pending: list[Any],
    index_dir: Path,
    requested: int | None,
    progress: ProgressCallback | None,
) -> list[Any]:
    """Parse, decide and write every pending file; the workers' finished segments.

    Workers parse up to ``LOOKAHEAD`` batches ahead of the decisions (newest file
    first, as one process would decide them), so a worker busy with a large file
    (a whole export) does not hold the others up; files go to the least loaded
    worker over the whole run.
    """
    count = _worker_count(requested, len(pending))
    team: list[Any] = (
        start_workers(index_dir, count) if count > 1 else [LocalWorker(writer, run.spelled)]
    )
    loads = [0] * len(team)
    in_flight: deque[list[Any]] = deque()

    def fill() -> None:
        while len(in_flight) < LOOKAHEAD and pending:
            in_flight.append(_send_batch(team, pending, loads, run.resume_state))

    try:
        done = 0
        fill()
        while in_flight:
            batch = in_flight.popleft()
            parsed = {item.source: item for worker in team for item in worker.receive_parsed()}
            kept_by_worker: list[dict[str, list[int]]] = [{} for _ in team]
            for position, (_path, source, stat, content_hash, share) in enumerate(batch, 1):
                done += 1
                if progress:  # files still to decide: queued, and parsed or parsing
                    waiting = len(pending) + sum(len(queued) for queued in in_flight)
                    progress(done, done + len(batch) - position + waiting, source)
                run.dropped = set()
                kept = run.decide(writer, parsed[source], stat, content_hash)
                kept_by_worker[share][source] = kept
                run.release(run.dropped, pending)
            for worker, kept_files in zip(team, kept_by_worker, strict=True):
                worker.send_write(kept_files)
            fill()
        return [segment for worker in team if (segment := worker.finish()) is not None]
    finally:
        for worker in team:
            worker.stop()


def _send_batch(
    team: list[Any],
    pending: list[Any],
    loads: list[int],
    resume_state: Callable[[str], dict[str, Any] | None],
) -> list[Any]:
    """The next files, split among the workers and sent to be parsed; the batch with
    each file's worker number, in the order they are to be decided."""
    size = BATCH_FILES * len(team)
    taken, pending[:] = pending[:size], pending[size:]
    shares = balanced(
        [(path, source, digest, resume_state(source)) for path, source, _, digest in taken], loads
    )
    owner = {job[1]: number for number, share in enumerate(shares) for job in share}
    for worker, share in zip(team, shares, strict=True):
        worker.send_parse(share)
    return [(*item, owner[item[1]]) for item in taken]


def index_archive(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    rebuild: bool = False,
    wait_seconds: float = 0.0,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> IndexRunSummary:
    """Index (incrementally) every archive file under ``paths`` into ``index_dir``.

    ``workers``: processes that parse and write in parallel; by default one per core
    when there are enough files to be worth starting them (a rebuild, a new folder).
    """
    started = time.perf_counter()
    roots = [Path(path) for path in paths]
    for root in roots:
        if not root.exists():
            raise ArchiveFileError(str(root), "no such file or folder")
    summary = IndexRunSummary(index_dir=str(index_dir))
    manifest = Manifest.load(index_dir)
    if manifest is not None and manifest.schema_version != SCHEMA_VERSION:
        summary.warnings.append(
            f"the index was built by another version (schema {manifest.schema_version}, "
            f"now {SCHEMA_VERSION}): rebuilding it from the archive; the old index answers "
            "until the new one is committed"
        )
        manifest = None
    if manifest is None or not _usable(index_dir, rebuild):
        if not _usable(index_dir, rebuild):
            create_index(index_dir)  # also clears a damaged table of contents
        rebuild = True
    if manifest is None or rebuild:
        # A rebuild commits with CLEAR: every old segment goes, so the manifest starts empty.
        manifest = Manifest(schema_version=SCHEMA_VERSION)
    summary.rebuilt = rebuild

    run = _Run(manifest, summary, rebuild)
    discovered = sorted(_named(list(roots)))
    seen = {source for source, _ in discovered}
    pending = run.classify([(path, source) for source, path in discovered])
    resolved_roots = [root.resolve() for root in roots]
    removed = [
        source
        for source in sorted(set(manifest.files) - seen)
        if rebuild or _under(source, resolved_roots)
    ]
    for source in removed:
        run.release(manifest.files[source].post_ids, pending)
    with exclusive_writer(open_index(index_dir), index_dir, wait_seconds) as writer:
        for source in removed:
            writer.delete_by_term("source", source)
            del manifest.files[source]
            summary.removed.append(source)
        segments = _write_pending(run, writer, pending, index_dir, workers, progress)
        failed = {outcome.source for outcome in summary.failed}
        summary.outcomes.extend(
            FileOutcome(source, "unchanged", entry.reader, len(entry.post_ids), entry.passages)
            for source, entry in run.unchanged.items()
            if source not in failed
        )
        committed = bool(
            rebuild or summary.removed or summary.count("added") or summary.count("updated")
        )
        if committed:
            commit_with_segments(writer, segments, rebuild)
            manifest.last_commit = time.time()
        # else: nothing to write; the writer is cancelled on exit, no new generation
    if committed or run.touched:  # a no-op run writes nothing (34,807 entries at 1M)
        manifest.save(index_dir)
    if rebuild:
        remove_other_versions(index_dir)

    with open_index(index_dir).searcher() as searcher:
        summary.passages = searcher.doc_count()
    # Every indexed post is held by some file of the manifest (duplicates once).
    summary.posts = len(
        {post_id for entry in manifest.files.values() for post_id in entry.post_ids}
    )
    summary.outcomes.sort(key=lambda outcome: outcome.source)
    summary.elapsed_s = time.perf_counter() - started
    return summary
