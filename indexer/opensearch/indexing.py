"""Indexing into the cluster: the same files, readers, passages and manifest rules as
the local index (``indexer.build.indexing``), written by bulk requests.

The manifest (which file holds which posts, at which size, time and hash) stays on the
indexing machine, under ``Cluster.state_dir(index_dir)``: it is what the next run
compares the archive with, and only the indexing machine reads it. A rebuild writes a
new concrete index and moves the alias at the end, so searches see the old one until
then. An incremental run writes into the live index: a run that dies midway leaves its
passages written and its deletions not done, and its manifest unsaved, so the next run
repeats the whole run's work (ids overwrite: nothing is doubled).
"""

from __future__ import annotations

import fcntl
import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from indexer.build.indexing import ProgressCallback, Run, start_run, worker_count, write_with
from indexer.build.manifest import Manifest
from indexer.build.summary import FileOutcome, IndexRunSummary
from indexer.build.workers import LocalWorker
from indexer.errors import ArchiveFileError, IndexBusy

from .client import Client, path_of
from .config import Cluster
from .indices import Live, committed, count, create_index, live_index, publish
from .mapping import CLUSTER_SCHEMA
from .workers import BulkSink, start_bulk_workers
from .writer import INDEXING_TIMEOUT_S, ClusterWriter

LOCK_FILE = "indexing.lock"


@contextmanager
def _one_run(state: Path, name: str, wait_seconds: float) -> Iterator[None]:
    """One indexing run per cluster index at a time (the manifest is its to change): a
    ``flock`` the kernel frees if the run dies; another run waits up to ``wait_seconds``."""
    state.mkdir(parents=True, exist_ok=True)
    handle = os.open(state / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        until = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= until:
                    raise IndexBusy(name) from None
                time.sleep(0.25)
        yield
    finally:
        os.close(handle)  # releases the lock


def _write_pending(
    run: Run,
    writer: ClusterWriter,
    pending: list[Any],
    workers: int | None,
    progress: ProgressCallback | None,
) -> None:
    """Parse, decide and write each pending file, newest first: parsed in worker
    processes (each sending its bulk requests) as the local build parses, or in this
    process for a small run."""
    count = worker_count(workers, len(pending))
    team: list[Any] = (
        start_bulk_workers(writer, count)
        if count > 1
        else [LocalWorker(BulkSink(writer), run.spelled)]
    )
    write_with(team, run, writer, pending, progress)


def _starting_manifest(
    state: Path, live: Live | None, rebuild: bool, summary: IndexRunSummary
) -> tuple[Manifest, bool]:
    """The manifest to update and whether this run rebuilds: asked to, no live index of
    this schema behind the alias, or a manifest of another version."""
    manifest = Manifest.load(state)
    if manifest is not None and manifest.schema_version != CLUSTER_SCHEMA:
        summary.warnings.append("the cluster index was built by another version: rebuilding it")
        manifest = None
    if live is None or not live.is_alias or live.schema_version != CLUSTER_SCHEMA:
        manifest = None
    if rebuild or manifest is None:
        return Manifest(schema_version=CLUSTER_SCHEMA), True
    return manifest, False


def index_into_cluster(
    paths: Iterable[Path],
    index_dir: Path,
    cluster: Cluster,
    *,
    rebuild: bool = False,
    wait_seconds: float = 0.0,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> IndexRunSummary:
    """Index (incrementally) every archive file under ``paths`` into the cluster; another
    run on the same cluster index: wait up to ``wait_seconds``, then ``IndexBusy``.
    ``workers``: parsing processes, by default as for the local build."""
    roots = [Path(path) for path in paths]
    for root in roots:
        if not root.exists():
            raise ArchiveFileError(str(root), "no such file or folder")
    state = cluster.state_dir(index_dir)
    with _one_run(state, f"{cluster.url}/{cluster.index_name}", wait_seconds):
        return _index(roots, state, cluster, rebuild, progress, workers)


def _index(
    roots: list[Path],
    state: Path,
    cluster: Cluster,
    rebuild: bool,
    progress: ProgressCallback | None,
    workers: int | None,
) -> IndexRunSummary:
    started = time.perf_counter()
    client = Client(cluster.url, timeout_s=INDEXING_TIMEOUT_S)
    summary = IndexRunSummary(index_dir=f"{cluster.url}/{cluster.index_name}")
    live = live_index(client, cluster.index_name)
    manifest, rebuild = _starting_manifest(state, live, rebuild, summary)
    summary.rebuilt = rebuild
    target = create_index(client, cluster) if rebuild else live.name  # type: ignore[union-attr]
    try:
        return _apply(client, cluster, state, ClusterWriter(client, target, uuid.uuid4().hex),
                      roots, manifest, live, summary, progress, started, workers)  # fmt: skip
    except BaseException:
        if rebuild:  # a rebuild that failed leaves no half-built index behind
            client.request("DELETE", path_of(target), allowed=(404,))
        raise


def _apply(
    client: Client,
    cluster: Cluster,
    state: Path,
    writer: ClusterWriter,
    roots: list[Path],
    manifest: Manifest,
    live: Live | None,
    summary: IndexRunSummary,
    progress: ProgressCallback | None,
    started: float,
    workers: int | None,
) -> IndexRunSummary:
    rebuild = summary.rebuilt

    run, pending, removed = start_run(manifest, summary, rebuild, roots)
    for source in removed:
        writer.delete_by_term("source", source)
        del manifest.files[source]
        summary.removed.append(source)
    _write_pending(run, writer, pending, workers, progress)
    run.forget_moved()
    failed = {outcome.source for outcome in summary.failed}
    summary.outcomes.extend(
        FileOutcome(source, "unchanged", entry.reader, len(entry.post_ids), entry.passages)
        for source, entry in run.unchanged.items()
        if source not in failed
    )
    _commit(client, cluster, writer, live if rebuild else None, rebuild, summary)
    if summary.rebuilt or summary.removed or summary.count("added") or summary.count("updated"):
        manifest.last_commit = time.time()
        manifest.save(state)
    elif run.touched:
        manifest.save(state)
    _count(client, cluster, manifest, summary)
    summary.elapsed_s = time.perf_counter() - started
    return summary


def _count(client: Client, cluster: Cluster, manifest: Manifest, summary: IndexRunSummary) -> None:
    summary.passages = count(client, cluster.index_name)
    summary.posts = len({pid for entry in manifest.files.values() for pid in entry.post_ids})
    summary.outcomes.sort(key=lambda outcome: outcome.source)


def _commit(
    client: Client,
    cluster: Cluster,
    writer: ClusterWriter,
    replaced: Live | None,
    rebuild: bool,
    summary: IndexRunSummary,
) -> None:
    writer.apply_deletions()  # writes what is buffered first
    changed = rebuild or summary.removed or summary.count("added") or summary.count("updated")
    if changed:
        committed(client, writer.index)
    if rebuild:
        publish(client, cluster, writer.index, replaced)
