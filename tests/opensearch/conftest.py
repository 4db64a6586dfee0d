"""A real two-node OpenSearch cluster for the tests in this folder (marked ``opensearch``).

Started once for this folder (a package, so the JVMs stop when its last test is done rather
than at the end of the whole suite) on free ports under a temporary folder; or,
when ARCHIVE_SEARCH_OPENSEARCH_URL names a running cluster, that one is used (and the tests
that stop a node skip). Without Java or Maven the tests skip, except when
ARCHIVE_SEARCH_REQUIRE_OPENSEARCH=1 (CI): then they fail, as a cluster that cannot start does.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests.opensearch.cluster import NODES, Cluster, start, stop, wait_for_health
from tests.opensearch.launcher import ClusterError, missing_tools

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.opensearch)


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("ARCHIVE_SEARCH_REQUIRE_OPENSEARCH") == "1":
        pytest.fail(f"ARCHIVE_SEARCH_REQUIRE_OPENSEARCH=1 but {reason}")
    pytest.skip(f"no OpenSearch cluster: {reason}")


def _free_ports(count: int) -> list[int]:
    """Ports the kernel hands out now (held together so they differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@pytest.fixture(scope="package")
def opensearch_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster | None]:
    """This folder's own local cluster (None when ARCHIVE_SEARCH_OPENSEARCH_URL is used)."""
    if os.environ.get("ARCHIVE_SEARCH_OPENSEARCH_URL"):
        yield None
        return
    reason = missing_tools()
    if reason:
        _unavailable(reason)
    ports = _free_ports(2 * len(NODES))
    cluster = Cluster(
        home=tmp_path_factory.mktemp("opensearch"),
        http_ports=(ports[0], ports[1]),
        transport_ports=(ports[2], ports[3]),
        name=f"archive-search-test-{os.getpid()}",
    )
    try:
        start(cluster)
    except ClusterError as error:
        _unavailable(str(error))
    try:
        yield cluster
    finally:
        stop(cluster)


@pytest.fixture(scope="package")
def opensearch_url(opensearch_cluster: Cluster | None) -> str:
    """The base URL of a green cluster (http://127.0.0.1:PORT, no trailing slash)."""
    if opensearch_cluster is not None:
        return opensearch_cluster.url
    url = os.environ["ARCHIVE_SEARCH_OPENSEARCH_URL"].rstrip("/")
    try:
        wait_for_health(url, "green", nodes=">=1", timeout=30)
    except ClusterError as error:
        _unavailable(f"ARCHIVE_SEARCH_OPENSEARCH_URL: {error}")
    return url


@pytest.fixture()
def own_cluster(opensearch_cluster: Cluster | None) -> Cluster:
    """The folder's cluster, for tests that stop and start its nodes (see restart_node)."""
    if opensearch_cluster is None:
        pytest.skip("ARCHIVE_SEARCH_OPENSEARCH_URL names a cluster these tests do not run")
    return opensearch_cluster
