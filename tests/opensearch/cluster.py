"""A real local OpenSearch cluster: two nodes, each its own JVM, on 127.0.0.1.

The nodes are run by the launcher in ``opensearch/`` (a Maven project: OpenSearch 2.19 from
Maven Central, no downloaded distribution). node1 is the cluster manager and holds data;
node2 holds data only, so it can be stopped and started again (replicas answer meanwhile)
without the cluster losing its manager. Standard library only: ``make opensearch`` runs
it with the system Python (from the repository's root), the tests import it.

    python3 -m tests.opensearch.cluster start [--home .opensearch] [--ports 9200,9201]
    python3 -m tests.opensearch.cluster stop  [--home .opensearch]
    python3 -m tests.opensearch.cluster build (the launcher alone)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.opensearch.launcher import (
    MAIN_CLASS,
    ROOT,
    START_TIMEOUT,
    STOP_TIMEOUT,
    ClusterError,
    build,
    exit_code,
    is_node,
    spawn,
    terminate,
)

NODES = ("node1", "node2")
ROLES = {"node1": "cluster_manager,data,ingest", "node2": "data,ingest"}


@dataclass(frozen=True)
class Cluster:
    """Where a local cluster lives (data, logs, pid files) and its ports."""

    home: Path
    http_ports: tuple[int, int] = (9200, 9201)
    transport_ports: tuple[int, int] = (9300, 9301)
    name: str = "archive-search"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_ports[0]}"

    def node_url(self, node: str) -> str:
        return f"http://127.0.0.1:{self.http_ports[NODES.index(node)]}"

    def pidfile(self, node: str) -> Path:
        return self.home / f"{node}.pid"

    def log(self, node: str) -> Path:
        return self.home / f"{node}.log"

    def settings(self, node: str) -> list[str]:
        index = NODES.index(node)
        seeds = ",".join(f"127.0.0.1:{port}" for port in self.transport_ports)
        return [
            f"cluster.name={self.name}",
            f"node.name={node}",
            f"node.roles={ROLES[node]}",
            f"path.home={self.home / node}",
            f"http.port={self.http_ports[index]}",
            f"transport.port={self.transport_ports[index]}",
            f"discovery.seed_hosts={seeds}",
            f"cluster.initial_cluster_manager_nodes={NODES[0]}",
        ]


def running_pid(cluster: Cluster, node: str) -> int | None:
    """The node's process id if its pid file names a live launcher process."""
    try:
        pid = int(cluster.pidfile(node).read_text())
    except (OSError, ValueError):
        return None
    return pid if is_node(pid) else None


# Nodes this process started, by pid file: a node writes its pid file only once HTTP
# answers, so one still starting when its test gave up (a loaded machine) has none, and
# a stop that only read pid files left it running after the session.
_STARTED: dict[Path, int] = {}


def start_node(cluster: Cluster, node: str, command: list[str]) -> int:
    """Start one node (``command`` from ``launcher.build()``) in its own JVM; its pid."""
    (cluster.home / node).mkdir(parents=True, exist_ok=True)
    cluster.pidfile(node).unlink(missing_ok=True)
    pidfile = f"-Dpidfile={cluster.pidfile(node)}"
    pid = spawn([*command, pidfile, MAIN_CLASS, *cluster.settings(node)], cluster.log(node))
    _STARTED[cluster.pidfile(node)] = pid
    return pid


def _log_tail(cluster: Cluster, node: str) -> str:
    try:
        lines = cluster.log(node).read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-15:])


def _wait_for_pidfiles(cluster: Cluster, started: dict[str, int]) -> None:
    """Each started node writes its pid file once HTTP answers; a node that exits fails."""
    deadline = time.monotonic() + START_TIMEOUT
    waiting = dict(started)
    while waiting:
        for node, pid in list(waiting.items()):
            if running_pid(cluster, node) == pid:
                del waiting[node]
            elif (code := exit_code(pid)) is not None:
                raise ClusterError(
                    f"{node} exited ({code}); {cluster.log(node)}:\n" + _log_tail(cluster, node)
                )
        if waiting and time.monotonic() > deadline:
            raise ClusterError(f"{', '.join(waiting)} did not open HTTP in {START_TIMEOUT:.0f} s")
        time.sleep(0.2)  # the JVMs are starting: nothing to wait on but their files


def request(url: str, method: str = "GET", body: Any = None, timeout: float = 30) -> Any:
    """One JSON request; HTTP errors come back as their JSON body (with "status")."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    call = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return json.loads(error.read() or b"null")


def wait_for_health(
    url: str, status: str = "green", nodes: str = ">=2", timeout: float = 120
) -> None:
    """Block in the cluster's own health wait until it is at least as healthy as ``status``
    with ``nodes`` nodes (a count: "2", or at least: ">=2")."""
    count = urllib.parse.quote(nodes)
    query = f"wait_for_status={status}&wait_for_nodes={count}&timeout={int(timeout)}s"
    try:
        health = request(f"{url}/_cluster/health?{query}", timeout=timeout + 10)
    except OSError as error:
        raise ClusterError(f"{url} does not answer: {error}") from error
    if not health or health.get("timed_out", True):
        raise ClusterError(
            f"{url} not {status} with {nodes} nodes after {timeout:.0f} s: {json.dumps(health)}"
        )


def start(cluster: Cluster, timeout: float = START_TIMEOUT) -> float:
    """Start the nodes not yet running, wait until green; the seconds it took."""
    began = time.monotonic()
    command = build()
    started = {
        node: start_node(cluster, node, command)
        for node in NODES
        if running_pid(cluster, node) is None
    }
    try:
        _wait_for_pidfiles(cluster, started)
        wait_for_health(cluster.url, "green", str(len(NODES)), timeout)
    except ClusterError:
        for pid in started.values():  # those that never wrote a pid file too
            terminate(pid)
        stop(cluster)
        raise
    return time.monotonic() - began


def stop_node(cluster: Cluster, node: str, timeout: float = STOP_TIMEOUT) -> None:
    """Stop one node (a clean shutdown, killed if it hangs); no-op if it is not running."""
    pid = running_pid(cluster, node)
    if pid is not None:
        terminate(pid, timeout)
    started = _STARTED.pop(cluster.pidfile(node), None)
    if started is not None and started != pid:
        terminate(started, timeout)  # no pid file yet: still starting (terminate checks it)
    cluster.pidfile(node).unlink(missing_ok=True)


def restart_node(
    cluster: Cluster, node: str, while_stopped: Callable[[], None] | None = None
) -> None:
    """Stop a node, run ``while_stopped()`` (if given), start it again and wait until green."""
    stop_node(cluster, node)
    if while_stopped is not None:
        while_stopped()
    pid = start_node(cluster, node, build())
    _wait_for_pidfiles(cluster, {node: pid})
    wait_for_health(cluster.url, "green", str(len(NODES)))


def stop(cluster: Cluster) -> None:
    """Stop every node (data nodes first); idempotent."""
    for node in reversed(NODES):
        stop_node(cluster, node)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["build", "start", "stop", "status"])
    parser.add_argument("--home", type=Path, default=ROOT / ".opensearch")
    parser.add_argument("--ports", default="9200,9201", help="the two nodes' HTTP ports")
    parser.add_argument("--transport-ports", default="9300,9301")
    args = parser.parse_args(argv)
    http = tuple(int(port) for port in args.ports.split(","))
    transport = tuple(int(port) for port in args.transport_ports.split(","))
    cluster = Cluster(args.home.resolve(), http, transport)  # type: ignore[arg-type]
    try:
        if args.action == "build":
            build()
        elif args.action == "start":
            seconds = start(cluster)
            print(f"OpenSearch cluster green at {cluster.url} ({seconds:.1f} s)")
        elif args.action == "stop":
            stop(cluster)
            print("OpenSearch cluster stopped")
        else:
            print(json.dumps({n: running_pid(cluster, n) for n in NODES}))
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
