"""One node of the two stopped while the archive is searched and updated: the replicas
answer the same searches, indexing goes on, and when the node is back the cluster is
whole again (green) with every passage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indexer import build_request, index_archive, open_archive
from tests.opensearch.archives import cluster_for, drop, write_archive
from tests.opensearch.cluster import Cluster, restart_node
from tests.test_languages import wxr


def _answer(result: Any) -> tuple[Any, ...]:
    """What a search answers, scores aside (a replica's statistics may differ slightly)."""
    facets = {name: [(v.value, v.count) for v in values] for name, values in result.facets.items()}
    return result.total, result.total_posts, facets, sorted(hit.id for hit in result.hits)


def test_searches_and_indexing_go_on_while_a_node_is_down(
    own_cluster: Cluster, tmp_path: Path
) -> None:
    archive = write_archive(tmp_path / "archive")
    index_dir = tmp_path / "index"
    settings = cluster_for(own_cluster.url, "failover", replicas=1)
    # Two shards: each node holds a primary, so stopping either loses one.
    settings = type(settings)(settings.url, settings.index_name, shards=2, replicas=1)
    try:
        assert not index_archive([archive], index_dir, cluster=settings).failed
        searched = open_archive(index_dir, cluster=settings)
        requests = [build_request("police"), build_request("", section=["comment"]),
                    build_request("编译器"), build_request("Polizei", group="post")]  # fmt: skip
        before = [_answer(searched.search(request)) for request in requests]
        seen: dict[str, Any] = {}

        def while_stopped() -> None:
            seen["during"] = [_answer(searched.search(request)) for request in requests]
            late = [("Les gendarmes", "La gendarmerie est venue ce matin.", "Paul", "Merci.")]
            (archive / "late.xml").write_text(wxr(late), encoding="utf-8")
            seen["indexed"] = index_archive([archive], index_dir, cluster=settings)
            seen["found"] = searched.search(build_request("gendarmerie")).total

        restart_node(own_cluster, "node2", while_stopped=while_stopped)
        assert seen["during"] == before  # the replicas answered the same
        assert seen["indexed"].count("added") == 1 and not seen["indexed"].failed
        assert seen["found"] > 0
        # Back and green (restart_node waits for it): everything, on both nodes again.
        after = searched.search(build_request("gendarmerie"))
        assert after.total == seen["found"]
        assert searched.stats().passages == seen["indexed"].passages
    finally:
        drop(settings)
