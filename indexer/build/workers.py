"""Both cores for a build: worker processes parse, analyse and write segments.

The indexing process keeps the index's one lock and decides (which file keeps
a post, what to delete); each worker parses its share of files, writes the kept
posts into a segment of its own (``store.segmentwriting.WorkerSegment``, what
Whoosh's ``MpWriter`` does inside), and hands the finished segment back
to be committed with the rest in the indexing process's one commit.

Crash safety: workers are started as new programs (never forked) with only their
socket, so none inherits the lock's file descriptor; each exits as soon as the
indexing process is gone (its socket closes, and a watchdog checks the parent):
a build killed with SIGKILL leaves no process holding or waiting for the lock.
Segment files of a killed build are in no table of contents; the next commit deletes them.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from indexer.build.parsing import ParsedFile, parse_file
from indexer.build.spill import SpilledPosts
from indexer.store.docwriter import add_document
from indexer.store.schema import documents_for_post
from indexer.store.segmentwriting import WorkerSegment

# (path, source, content hash, the reader's state from the last run) of a file to read;
# {source: kept post numbers} to write.
FileJob = tuple[Path, str, str, dict[str, Any] | None]
WriteJob = dict[str, list[int]]


class LocalWorker:
    """The same steps in the indexing process, adding to its own writer: small runs
    (a one-file update) are not worth starting processes for."""

    def __init__(self, writer: Any, spelled: set[str]) -> None:
        self.writer = writer
        self.spelled = spelled
        self.parsed: dict[str, ParsedFile] = {}

    def send_parse(self, jobs: list[FileJob]) -> None:
        for path, source, content_hash, resume in jobs:
            self.parsed[source] = parse_file(path, source, content_hash, resume)

    def receive_parsed(self) -> list[ParsedFile]:
        return list(self.parsed.values())

    def send_write(self, kept: WriteJob) -> None:
        _write(self.writer, self.parsed, kept, self.spelled)

    def finish(self) -> Any:
        return None  # the documents are in the indexing process's own segment

    def stop(self) -> None:
        pass


def _write(writer: Any, parsed: dict[str, ParsedFile], kept: WriteJob, spelled: set[str]) -> int:
    written = 0
    for source, numbers in kept.items():
        posts = parsed.pop(source).posts
        for number in numbers:
            for document in documents_for_post(posts[number], spelled):
                add_document(writer, document)
                written += 1
        if isinstance(posts, SpilledPosts):
            posts.close()  # its temporary file goes now, not whenever it is collected
    return written


class ProcessWorker:
    """One worker process (a new Python running ``main``) and its socket; replies
    come in request order. A plain child process, not multiprocessing's spawn: that
    would re-run the caller's main module in every worker."""

    def __init__(self, index_dir: Path) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from indexer.build.workers import main; main(sys.argv[1:])",
                str(theirs.fileno()),
                str(index_dir),
                str(os.getpid()),
            ],
            pass_fds=[theirs.fileno()],  # and nothing else: no lock descriptor
            env=_worker_environment(),
        )
        theirs.close()
        self.connection = Connection(ours.detach())

    def send_parse(self, jobs: list[FileJob]) -> None:
        self.connection.send(("parse", jobs))

    def receive_parsed(self) -> list[ParsedFile]:
        reply = self._receive()
        assert isinstance(reply, list)
        return reply

    def send_write(self, kept: WriteJob) -> None:
        self.connection.send(("write", kept))

    def finish(self) -> Any:
        self.connection.send(("finish", None))
        return self._receive()

    def _receive(self) -> Any:
        try:
            kind, value = self.connection.recv()
        except EOFError:
            raise RuntimeError(
                f"an indexing worker (process {self.process.pid}) exited "
                f"with code {self.process.poll()}; nothing was committed"
            ) from None
        if kind == "error":
            number, message = value
            if number is not None:  # a storage error (disk full, permissions): the same
                raise OSError(number, message)  # OSError the indexing process would raise
            raise RuntimeError(f"an indexing worker failed: {message}")
        return value

    def stop(self) -> None:
        """Cancel (when not finished) and end the process."""
        with contextlib.suppress(OSError):
            self.connection.send(("stop", None))
        self.connection.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _worker_environment() -> dict[str, str]:
    """This process's environment, with the folder this ``indexer`` was imported from
    first on the path: a worker runs the same code as the process that started it."""
    package_root = str(Path(__file__).resolve().parent.parent)
    environment = dict(os.environ)
    rest = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = package_root + (os.pathsep + rest if rest else "")
    return environment


def start_workers(index_dir: Path, count: int) -> list[ProcessWorker]:
    return [ProcessWorker(index_dir) for _ in range(count)]


def balanced(jobs: list[FileJob], loads: list[int]) -> list[list[FileJob]]:
    """Split files among workers by size: largest first, each to the worker with the
    least bytes so far in the run (``loads``, updated)."""
    shares: list[list[FileJob]] = [[] for _ in loads]
    for size, job in sorted(((_size(job[0]), job) for job in jobs), key=lambda item: -item[0]):
        least = loads.index(min(loads))
        shares[least].append(job)
        loads[least] += size
    return shares


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _watch_parent(parent: int) -> None:
    """Exit when the indexing process is gone, even while busy (no orphans)."""
    while True:
        if os.getppid() != parent:
            os._exit(1)
        time.sleep(0.5)


def _worker_main(connection: Connection, index_dir: str, parent: int) -> None:
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    segment = WorkerSegment(Path(index_dir))
    parsed: dict[str, ParsedFile] = {}
    spelled: set[str] = set()
    written = 0
    try:
        while True:
            try:
                kind, value = connection.recv()
            except EOFError:
                return  # the indexing process is gone: cancelled below
            if kind == "parse":
                results = [parse_file(*job) for job in value]
                parsed.update((result.source, result) for result in results)
                connection.send(("parsed", [result.summary() for result in results]))
            elif kind == "write":
                written += _write(segment.writer, parsed, value, spelled)
            elif kind == "finish":
                connection.send(("segment", segment.finish(written)))
            else:  # stop
                return
    except Exception as error:  # reported to the indexing process, which cancels the run
        number = error.errno if isinstance(error, OSError) else None
        message = f"{type(error).__name__}: {error}"
        if isinstance(error, OSError) and error.strerror:
            message = error.strerror
        with contextlib.suppress(OSError):
            connection.send(("error", (number, message)))
    finally:
        segment.discard()


def main(arguments: list[str]) -> None:
    """A worker's entry point: socket descriptor, index folder, parent's process id."""
    _worker_main(Connection(int(arguments[0])), arguments[1], int(arguments[2]))
