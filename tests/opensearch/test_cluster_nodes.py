"""The local cluster's second node can be stopped and started again (restart_node): while it
is away the replica on node1 answers and takes writes; when it is back it has caught up."""

from __future__ import annotations

import httpx

from tests.opensearch.cluster import Cluster, restart_node, wait_for_health

INDEX = "restart-check"


def _count(url: str, preference: str = "") -> int:
    params = {"preference": preference} if preference else {}
    answer = httpx.get(f"{url}/{INDEX}/_count", params=params, timeout=60)
    assert answer.status_code == 200, answer.text
    count: int = answer.json()["count"]
    return count


def _index(url: str, ids: range) -> None:
    lines = "".join(f'{{"index":{{"_index":"{INDEX}","_id":"{i}"}}}}\n{{"n":{i}}}\n' for i in ids)
    answer = httpx.post(
        f"{url}/_bulk",
        content=lines,
        params={"refresh": "true"},
        headers={"Content-Type": "application/x-ndjson"},
        timeout=60,
    ).json()
    assert answer["errors"] is False, answer


def test_node2_stopped_and_started_again(own_cluster: Cluster) -> None:
    url = own_cluster.url
    settings = {"settings": {"index": {"number_of_shards": 2, "number_of_replicas": 1}}}
    created = httpx.put(f"{url}/{INDEX}", json=settings, timeout=60)
    assert created.status_code == 200, created.text
    wait_for_health(url, "green", nodes="2")
    _index(url, range(10))

    def while_stopped() -> None:
        # node1 alone: every shard's copy there is (or becomes) primary; yellow, not red.
        wait_for_health(url, "yellow", nodes="1")
        assert httpx.get(f"{url}/_cluster/health", timeout=60).json()["status"] == "yellow"
        assert _count(url) == 10
        _index(url, range(10, 15))  # writes go on with the replicas missing
        assert _count(url) == 15

    restart_node(own_cluster, "node2", while_stopped)
    # Green again: node2's copies recovered, including what was written while it was away.
    assert _count(own_cluster.node_url("node2"), preference="_only_local") == 15
    assert httpx.delete(f"{url}/{INDEX}", timeout=60).status_code == 200
