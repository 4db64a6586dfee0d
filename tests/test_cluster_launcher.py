"""The test cluster's launcher stops what it started: a node still starting (no pid file
yet, as when its test gave up on a loaded machine) is stopped with the rest, not left
running after the session. A stand-in process plays the node: no Java needed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.opensearch.cluster import Cluster, running_pid, start_node, stop_node
from tests.opensearch.launcher import is_node

# Sleeps like a JVM that has not opened HTTP yet: it never writes its pid file.
STARTING_NODE = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_a_node_without_its_pid_file_yet_is_stopped(tmp_path: Path) -> None:
    cluster = Cluster(tmp_path)
    pid = start_node(cluster, "node2", STARTING_NODE)
    deadline = time.monotonic() + 10
    while not is_node(pid) and time.monotonic() < deadline:  # exec'd yet?
        time.sleep(0.05)
    assert is_node(pid) and running_pid(cluster, "node2") is None
    stop_node(cluster, "node2", timeout=10)
    assert not is_node(pid)
    assert not Path(f"/proc/{pid}").exists()  # and reaped
