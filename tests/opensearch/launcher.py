"""The OpenSearch node launcher in ``opensearch/``: built with Maven, run as its own JVM.

Standard library only (``make opensearch`` runs it with the system Python). The build also
records the classes a starting node loads in a class-data-sharing archive (AppCDS), which
cuts a node's start from ~21 s to ~8 s on this 2-core machine: the JVM maps the classes
already parsed and verified instead of loading ~15,000 of them from jars.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LAUNCHER = ROOT / "opensearch"
TARGET = LAUNCHER / "target"
CLASSPATH = TARGET / "classpath.txt"  # written by the build: also its stamp
JAR = TARGET / "local-opensearch-1.jar"  # a jar, not classes/: CDS archives jars only
CDS_ARCHIVE = TARGET / "classes.jsa"
MAIN_CLASS = "archivesearch.LocalNode"
JVM_OPTIONS = ("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8")
START_TIMEOUT = 240.0  # seconds for a node to answer HTTP: JVMs on a busy 2-core machine
STOP_TIMEOUT = 60.0


class ClusterError(RuntimeError):
    """The cluster could not be built, started, stopped or did not become healthy."""


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


def _stale() -> bool:
    if not CLASSPATH.exists() or not JAR.exists():
        return True
    sources = [LAUNCHER / "pom.xml", *(LAUNCHER / "src").rglob("*")]
    return CLASSPATH.stat().st_mtime < max(path.stat().st_mtime for path in sources)


def _maven_package() -> None:
    mvn = ["mvn", "-q", "-B", "-f", str(LAUNCHER / "pom.xml"), "package"]
    # Offline first: quick when the local repository has everything already.
    built = subprocess.run([*mvn[:1], "-o", *mvn[1:]], capture_output=True, text=True)
    if built.returncode != 0 and "offline" in built.stdout:
        built = subprocess.run(mvn, capture_output=True, text=True)
    if built.returncode != 0:
        raise ClusterError(f"building the launcher failed:\n{built.stdout[-3000:]}")
    CLASSPATH.touch()  # Maven leaves an unchanged file alone: this is the build's stamp


def build() -> list[str]:
    """The command line that runs a node, less its settings; builds what is stale first."""
    if _stale():
        CDS_ARCHIVE.unlink(missing_ok=True)
        _maven_package()
    command = [java(), *JVM_OPTIONS, "-cp", f"{JAR}:{CLASSPATH.read_text().strip()}"]
    if not CDS_ARCHIVE.exists():
        _record_classes(command)
    if CDS_ARCHIVE.exists():  # the JVM checks it (same JDK, same jars) and ignores a stale one
        command.insert(1, f"-XX:SharedArchiveFile={CDS_ARCHIVE}")
    return command


def _record_classes(command: list[str]) -> None:
    """Start a single node once, so that the JVM archives the classes it loaded at exit."""
    partial = CDS_ARCHIVE.with_suffix(".partial")
    with tempfile.TemporaryDirectory(prefix="opensearch-cds-") as home:
        pidfile = Path(home) / "node.pid"
        argv = [*command, MAIN_CLASS, "discovery.type=single-node", f"path.home={home}",
                "http.port=0", "transport.port=0"]  # fmt: skip
        argv[1:1] = [f"-XX:ArchiveClassesAtExit={partial}", f"-Dpidfile={pidfile}"]
        pid = spawn(argv, TARGET / "cds-training.log")
        deadline = time.monotonic() + START_TIMEOUT
        while not pidfile.exists() and exit_code(pid) is None and time.monotonic() < deadline:
            time.sleep(0.2)  # the JVM is starting: nothing to wait on but its file
        terminate(pid)
    if partial.exists():  # else the node did not start: run without an archive
        partial.replace(CDS_ARCHIVE)


def spawn(argv: list[str], log_path: Path) -> int:
    """Start a process in its own session, output appended to the log; its pid. Not
    subprocess.Popen: a node may outlive this process (``make opensearch`` returns)."""
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
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


def is_node(pid: int) -> bool:
    """Whether the process is a live launcher (not a pid the system has since reused)."""
    try:
        return MAIN_CLASS.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def exit_code(pid: int) -> int | None:
    """The exit code of a process started here that has exited (then reaped), else None."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # started by another process: alive while /proc has it
        return None if Path(f"/proc/{pid}").exists() else -1
    return os.waitstatus_to_exitcode(status) if done else None


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


def terminate(pid: int, timeout: float = STOP_TIMEOUT) -> None:
    """A clean shutdown (SIGTERM), killed if it hangs; reaped when it was started here."""
    if is_node(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            if not _wait_for_exit(pid, timeout):
                os.kill(pid, signal.SIGKILL)
                _wait_for_exit(pid, timeout)
    exit_code(pid)
