"""Where the cluster backend lives: the cluster's URL, the index's name and its layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_INDEX_NAME = "archive-passages"
DEFAULT_SHARDS = 1  # one shard holds ~10M passages; more only spread the work of one query
DEFAULT_REPLICAS = 1  # a copy of each shard on another node: searches survive a node


@dataclass(frozen=True)
class Cluster:
    """An OpenSearch cluster as the backend (``--opensearch URL``).

    The search index is the alias ``index_name``; each rebuild makes a new concrete index
    and moves the alias at its commit, so the old one answers until then. The manifest
    (which files are indexed) stays on the indexing machine, under ``state_dir(index_dir)``.
    """

    url: str
    index_name: str = DEFAULT_INDEX_NAME
    shards: int = DEFAULT_SHARDS
    replicas: int = DEFAULT_REPLICAS

    def state_dir(self, index_dir: Path) -> Path:
        """The folder of this cluster index's manifest, beside the local index."""
        return Path(index_dir) / "opensearch" / self.index_name
