"""A real local OpenSearch cluster: two nodes, each its own JVM, on 127.0.0.1.

The nodes are run by the launcher in ``opensearch/`` (a Maven project: OpenSearch 2.19 from
Maven Central, no downloaded distribution). node1 is the cluster manager and holds data;
node2 holds data only, so it can be stopped and started again (replicas answer meanwhile)
without the cluster losing its manager. Standard library only: ``make opensearch`` runs
this file with the system Python, the tests import it.

    python3 tests/opensearch/cluster.py start [--home .opensearch] [--ports 9200,9201]
    python3 tests/opensearch/cluster.py stop  [--home .opensearch]
    python3 tests/opensearch/cluster.py build (the launcher alone)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
LAUNCHER = ROOT / "opensearch"
CLASSPATH = LAUNCHER / "target" / "classpath.txt"
MAIN_CLASS = "archivesearch.LocalNode"
JVM_OPTIONS = ("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8")
NODES = ("node1", "node2")
ROLES = {"node1": "cluster_manager,data,ingest", "node2": "data,ingest"}
START_TIMEOUT = 240.0  # seconds: two JVMs on a busy 2-core machine
STOP_TIMEOUT = 60.0


class ClusterError(RuntimeError):
    """The cluster could not be built, started, stopped or did not become healthy."""


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


def java() -> str:
    """The java of JAVA_HOME when set (as Maven does), else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    return str(Path(home) / "bin" / "java") if home else "java"


def missing_tools() -> str | None:
    """Why the launcher cannot be built or run here, or None."""
    if not shutil.which(java()):
        return "no java on PATH (Debian: apt-get install openjdk-17-jdk-headless)"
    if not CLASSPATH.exists() and not shutil.which("mvn"):
        return "no mvn on PATH to build the launcher (Debian: apt-get install maven)"
    return None


def _sources() -> list[Path]:
    return [LAUNCHER / "pom.xml", *sorted((LAUNCHER / "src").rglob("*"))]


def build_launcher() -> str:
    """The launcher's run classpath, built with Maven when its sources are newer."""
    if not CLASSPATH.exists() or CLASSPATH.stat().st_mtime < max(
        path.stat().st_mtime for path in _sources()
    ):
        mvn = ["mvn", "-q", "-B", "-f", str(LAUNCHER / "pom.xml"), "package"]
        # Offline first: quick when the local repository has everything already.
        built = subprocess.run([*mvn[:1], "-o", *mvn[1:]], capture_output=True, text=True)
        if built.returncode != 0 and "offline" in built.stdout:
            built = subprocess.run(mvn, capture_output=True, text=True)
        if built.returncode != 0:
            raise ClusterError(f"building the launcher failed:\n{built.stdout[-3000:]}")
        CLASSPATH.touch()  # Maven leaves an unchanged file alone: this is the build's stamp
    return f"{LAUNCHER / 'target' / 'classes'}:{CLASSPATH.read_text().strip()}"


def _is_node(pid: int) -> bool:
    """Whether the process is a live launcher (not a pid the system has since reused)."""
    try:
        return MAIN_CLASS.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def running_pid(cluster: Cluster, node: str) -> int | None:
    """The node's process id if its pid file names a live launcher process."""
    try:
        pid = int(cluster.pidfile(node).read_text())
    except (OSError, ValueError):
        return None
    return pid if _is_node(pid) else None


def start_node(cluster: Cluster, node: str, classpath: str) -> int:
    """Start one node in its own JVM and session (it may outlive this process); its pid."""
    (cluster.home / node).mkdir(parents=True, exist_ok=True)
    cluster.pidfile(node).unlink(missing_ok=True)
    argv = [java(), *JVM_OPTIONS, f"-Dpidfile={cluster.pidfile(node)}", "-cp", classpath,
            MAIN_CLASS, *cluster.settings(node)]  # fmt: skip
    log = os.open(cluster.log(node), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:  # not subprocess.Popen: nothing here owns the node's lifetime
        return os.posix_spawnp(
            argv[0],
            argv,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log, 1),
                (os.POSIX_SPAWN_DUP2, log, 2),
            ],
            setsid=True,
        )
    finally:
        os.close(log)


def _exit_code(pid: int) -> int | None:
    """The exit code of a node started here that has exited (reaped), else None."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # started by another process: alive while /proc has it
        return None if Path(f"/proc/{pid}").exists() else -1
    return os.waitstatus_to_exitcode(status) if done else None


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
            elif (code := _exit_code(pid)) is not None:
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
    classpath = build_launcher()
    started = {
        node: start_node(cluster, node, classpath)
        for node in NODES
        if running_pid(cluster, node) is None
    }
    try:
        _wait_for_pidfiles(cluster, started)
        wait_for_health(cluster.url, "green", str(len(NODES)), timeout)
    except ClusterError:
        for pid in started.values():  # those that never wrote a pid file too
            _kill(pid)
        stop(cluster)
        raise
    return time.monotonic() - began


def _wait_for_exit(pid: int, timeout: float) -> bool:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([handle], [], [], timeout)
        return bool(readable)
    finally:
        os.close(handle)


def _kill(pid: int) -> None:
    if _is_node(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid, STOP_TIMEOUT)
    _exit_code(pid)


def stop_node(cluster: Cluster, node: str, timeout: float = STOP_TIMEOUT) -> None:
    """Stop one node (a clean shutdown, killed if it hangs); no-op if it is not running."""
    pid = running_pid(cluster, node)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        if not _wait_for_exit(pid, timeout):
            os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid, timeout)
        _exit_code(pid)  # reaped, when it was started here
    cluster.pidfile(node).unlink(missing_ok=True)


def restart_node(cluster: Cluster, node: str, while_stopped: Any = None) -> None:
    """Stop a node, run ``while_stopped()`` (if given), start it again and wait until green."""
    stop_node(cluster, node)
    if while_stopped is not None:
        while_stopped()
    pid = start_node(cluster, node, build_launcher())
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
            build_launcher()
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
