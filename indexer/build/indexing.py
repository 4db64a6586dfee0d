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

from indexer.build.decisions import Run
from indexer.build.manifest import Manifest
from indexer.build.summary import FileOutcome, IndexRunSummary
from indexer.build.workers import LocalWorker, WriterSink, balanced, start_workers
from indexer.errors import ArchiveFileError, IndexDamaged
from indexer.readers import candidates
from indexer.store.damage import is_damage
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

__all__ = [
    "FileOutcome",
    "IndexRunSummary",
    "ProgressCallback",
    "Run",
    "index_archive",
    "named_files",
    "removed_sources",
    "source_name",
    "under_roots",
]


def source_name(path: Path) -> str:
    """How a file is named in the index: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def named_files(roots: list[Path]) -> Iterator[tuple[str, Path]]:
    """Each discovered file and its ``source_name``, the root named once: naming each file
    on its own (``relpath``, or ``resolve`` walking every component of its path) was most
    of a no-op update of a 35,000-file archive. A file that is itself a link is named on
    its own (it resolves elsewhere); the walk enters no linked folder (readers/walk.py)."""
    for root in roots:
        if root.is_file():
            yield source_name(root), root
            continue
        base = source_name(root)
        for found in candidates(root):
            if found.linked:
                yield source_name(found.path), found.path
            else:
                yield os.path.normpath(os.path.join(base, *found.parts)), found.path


def _usable(index_dir: Path, rebuild: bool) -> bool:
    """Whether an index of this version is there; a damaged one only counts as absent
    when rebuilding (otherwise IndexDamaged says to rebuild)."""
    try:
        return index_exists(index_dir)
    except Exception as error:  # an unreadable table of contents
        if not is_damage(error):
            raise
        if rebuild:
            return False
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


def under_roots(source: str, roots: list[Path]) -> bool:
    resolved = Path(source).resolve()
    return any(resolved == root or root in resolved.parents for root in roots)


def worker_count(requested: int | None, files: int) -> int:
    """Worker processes for ``files`` files: ``requested``, else one per core (at most
    ``MAX_WORKERS``) for a run large enough to pay for starting them."""
    if requested is not None:
        return max(1, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, MAX_WORKERS) if files >= PARALLEL_MIN_FILES else 1


def _write_pending(
    run: Run,
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
    count = worker_count(requested, len(pending))
    team: list[Any] = (
        start_workers([str(index_dir)], count)
        if count > 1
        else [LocalWorker(WriterSink(writer), run.spelled)]
    )
    return write_with(team, run, writer, pending, progress)


def write_with(
    team: list[Any],
    run: Run,
    writer: Any,
    pending: list[Any],
    progress: ProgressCallback | None,
) -> list[Any]:
    """``_write_pending`` with a team of workers (stopped at the end): what each
    worker's ``finish`` gave, those that gave something."""
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
                decision = run.decide(writer, parsed[source], stat, content_hash)
                kept_by_worker[share][source] = decision.kept
                run.release(decision.dropped, pending)
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


def _starting_manifest(
    index_dir: Path, rebuild: bool, summary: IndexRunSummary
) -> tuple[Manifest, bool]:
    """The manifest to update, and whether this run rebuilds: asked to, no usable
    index, or an index of another schema version (said in ``summary``)."""
    manifest = Manifest.load(index_dir)
    if manifest is not None and manifest.schema_version != SCHEMA_VERSION:
        summary.warnings.append(
            f"the index was built by another version (schema {manifest.schema_version}, "
            f"now {SCHEMA_VERSION}): rebuilding it from the archive; the old index answers "
            "until the new one is committed"
        )
        manifest = None
    if not _usable(index_dir, rebuild):
        create_index(index_dir)  # also clears a damaged table of contents
        rebuild = True
    if manifest is None or rebuild:
        # A rebuild commits with CLEAR: every old segment goes, so the manifest starts empty.
        return Manifest(schema_version=SCHEMA_VERSION), True
    return manifest, False


def removed_sources(
    manifest: Manifest, seen: set[str], roots: list[Path], rebuild: bool
) -> list[str]:
    """Files of the manifest no longer found under the roots indexed this run."""
    resolved_roots = [root.resolve() for root in roots]
    return [
        source
        for source in sorted(set(manifest.files) - seen)
        if rebuild or under_roots(source, resolved_roots)
    ]


def start_run(
    manifest: Manifest, summary: IndexRunSummary, rebuild: bool, roots: list[Path]
) -> tuple[Run, list[Any], list[str]]:
    """A run over ``roots`` (either backend): the files to read, newest first, and the
    manifest's files no longer under them (the posts they held released to other copies)."""
    run = Run(manifest, summary, rebuild)
    discovered = sorted(named_files(roots))
    pending = run.classify([(path, source) for source, path in discovered])
    seen = {source for source, _ in discovered}
    removed = removed_sources(manifest, seen, roots, rebuild)
    run.set_elsewhere(set(manifest.files) - seen - set(removed))
    for source in removed:
        run.release(manifest.files[source].post_ids, pending)
    return run, pending, removed


def _count_index(index_dir: Path, manifest: Manifest, summary: IndexRunSummary) -> None:
    with open_index(index_dir).searcher() as searcher:
        summary.passages = searcher.doc_count()
    # Every indexed post is held by some file of the manifest (duplicates once).
    summary.posts = len(
        {post_id for entry in manifest.files.values() for post_id in entry.post_ids}
    )
    summary.outcomes.sort(key=lambda outcome: outcome.source)


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
    manifest, rebuild = _starting_manifest(index_dir, rebuild, summary)
    summary.rebuilt = rebuild
    run, pending, removed = start_run(manifest, summary, rebuild, roots)
    with exclusive_writer(open_index(index_dir), index_dir, wait_seconds) as writer:
        for source in removed:
            writer.delete_by_term("source", source)
            del manifest.files[source]
            summary.removed.append(source)
        segments = _write_pending(run, writer, pending, index_dir, workers, progress)
        run.forget_moved()
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
    _count_index(index_dir, manifest, summary)
    summary.elapsed_s = time.perf_counter() - started
    return summary
