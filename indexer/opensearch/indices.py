"""The cluster index's life: which concrete index the alias names, a new one for a
rebuild, the alias moved at its commit (the old index answers until then)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from indexer.errors import ClusterIndexMissing, ClusterUnavailable

from .client import Client, path_of
from .config import Cluster
from .mapping import CLUSTER_SCHEMA, index_body

REPLICATION_WAIT_S = 600.0  # a rebuild's replicas copied before it is searched


@dataclass(frozen=True)
class Live:
    """The concrete index behind the alias and what its mapping's ``_meta`` says."""

    name: str
    schema_version: int | None
    last_commit: float | None
    is_alias: bool


def live_index(client: Client, alias: str) -> Live | None:
    """What ``alias`` names now (None: nothing yet). A concrete index of that name (one
    loaded from ``export --format opensearch``) counts as not an alias."""
    answer = client.request("GET", path_of(alias, "_mapping"), allowed=(404,))
    if "error" in answer or not answer:
        return None
    name, body = sorted(answer.items())[-1]
    meta = body.get("mappings", {}).get("_meta", {})
    return Live(name, meta.get("schema_version"), meta.get("last_commit"), name != alias)


def searchable(client: Client, cluster: Cluster) -> Live:
    """The live index, checked: raises ``ClusterIndexMissing`` when there is none or it
    was built by another version, ``ClusterUnavailable`` when the cluster is red."""
    health = client.request("GET", path_of("_cluster", "health") + "?timeout=5s", allowed=(408,))
    if health.get("status") == "red":
        raise ClusterUnavailable(client.url, "the cluster is red: a shard has no copy on any node")
    live = live_index(client, cluster.index_name)
    if live is None:
        raise ClusterIndexMissing(client.url, cluster.index_name)
    if live.schema_version != CLUSTER_SCHEMA:
        raise ClusterIndexMissing(client.url, cluster.index_name, outdated=True)
    return live


def create_index(client: Client, cluster: Cluster) -> str:
    """A new, empty concrete index for a rebuild (not searched until ``publish``): no
    refreshes and no replicas while it is filled (each passage analysed once, not once per
    copy; ``publish`` adds the replicas, copied as files)."""
    name = f"{cluster.index_name}-v{CLUSTER_SCHEMA}-{time.time_ns() // 1_000_000}"
    body = index_body(cluster.shards, 0)
    body["settings"]["index"]["refresh_interval"] = "-1"  # nobody searches it yet
    client.request("PUT", path_of(name), body)
    return name


def publish(client: Client, cluster: Cluster, name: str, replaced: Live | None) -> None:
    """Make ``name`` the searched index (one atomic alias change) once its replicas are
    copied; the old index goes."""
    # Flushed first: the replicas copy its segment files rather than replay its translog
    # (every passage of the rebuild, analysed again).
    client.request("POST", path_of(name, "_flush"))
    settings = {"refresh_interval": None, "number_of_replicas": cluster.replicas}
    client.request("PUT", path_of(name, "_settings"), {"index": settings})
    _replicated(client, name, cluster.replicas)
    actions: list[dict[str, Any]] = []
    if replaced is not None:
        actions.append({"remove_index": {"index": replaced.name}})
    actions.append({"add": {"index": name, "alias": cluster.index_name}})
    client.request("POST", "/_aliases", {"actions": actions})


def _replicated(client: Client, name: str, replicas: int) -> None:
    """Wait (up to ``REPLICATION_WAIT_S``) for every copy of ``name``, when the cluster
    has the nodes to hold them all; otherwise (one node) it stays yellow and serves."""
    health = path_of("_cluster", "health", name)
    answer = client.request("GET", health + "?timeout=1s", allowed=(408,))
    if int(answer.get("number_of_data_nodes", 0)) <= replicas:
        return
    until = time.monotonic() + REPLICATION_WAIT_S
    while answer.get("status") != "green" and time.monotonic() < until:
        answer = client.request("GET", health + "?wait_for_status=green&timeout=20s",
                                allowed=(408,))  # fmt: skip


def committed(client: Client, name: str) -> None:
    """Make what was written searchable and record the commit's time."""
    client.request("POST", path_of(name, "_refresh"))
    meta = {"schema_version": CLUSTER_SCHEMA, "last_commit": time.time()}
    client.request("PUT", path_of(name, "_mapping"), {"_meta": meta})


def count(client: Client, name: str, body: dict[str, Any] | None = None) -> int:
    answer = client.request("POST", path_of(name, "_count"), body or {"query": {"match_all": {}}})
    return int(answer.get("count", 0))
