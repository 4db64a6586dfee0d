"""The backend, chosen once: the local index in a folder, or an OpenSearch cluster.

The CLI and the web app call ``open_archive`` and ``index_archive`` with an optional
``Cluster``; what they get answers the same calls (search, post, export, stats) with the
same results, whichever it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from indexer.archive import ArchiveIndex
from indexer.build import indexing as local_indexing
from indexer.build.indexing import ProgressCallback
from indexer.build.summary import IndexRunSummary
from indexer.opensearch.archive import ClusterArchive
from indexer.opensearch.config import Cluster
from indexer.opensearch.indexing import index_into_cluster

Archive = ArchiveIndex | ClusterArchive


def open_archive(
    index_dir: Path,
    cluster: Cluster | None = None,
    time_limit_s: float | None = None,
    background: bool = False,
) -> Archive:
    """The index to search: the cluster's when one is given, else the one in ``index_dir``
    (``background``: see ``ArchiveIndex.open``). Raises an ``IndexMissing`` (or
    ``ClusterUnavailable``) saying what to do."""
    if cluster is not None:
        return ClusterArchive.open(cluster, time_limit_s=time_limit_s)
    return ArchiveIndex.open(index_dir, time_limit_s=time_limit_s, background=background)


def index_archive(
    paths: Iterable[Path],
    index_dir: Path,
    *,
    cluster: Cluster | None = None,
    rebuild: bool = False,
    wait_seconds: float = 0.0,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
) -> IndexRunSummary:
    """Index (incrementally) every archive file under ``paths``: into ``index_dir``, or
    into the cluster (its manifest kept under ``index_dir``: ``Cluster.state_dir``)."""
    if cluster is not None:
        return index_into_cluster(
            paths, index_dir, cluster, rebuild=rebuild, wait_seconds=wait_seconds,
            progress=progress, workers=workers,
        )  # fmt: skip
    return local_indexing.index_archive(
        paths, index_dir, rebuild=rebuild, wait_seconds=wait_seconds, progress=progress,
        workers=workers,
    )  # fmt: skip
