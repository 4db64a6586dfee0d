"""Both cores for a build: worker processes parse, analyse and write segments.

The indexing process keeps the index's one lock and decides (which file keeps
a post, what to delete); each worker parses its share of files, writes the kept
posts into a segment of its own (``store.segmentwriting.WorkerSegment``, what
Whoosh's ``MpWriter`` does inside), and hands the finished segment back
to be committed with the rest in the indexing process's one commit. Where the
kept posts go is the worker's ``Sink``: a segment here, bulk requests to a cluster
(``indexer.opensearch.workers``, whose ``main`` starts the same loop).

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
from typing import Any, Protocol

from indexer.build.parsing import ParsedFile, parse_file
from indexer.build.spill import SpilledPosts
from indexer.core.models import Post
from indexer.errors import ArchiveSearchError
from indexer.store.docwriter import add_document
from indexer.store.schema import documents_for_post
from indexer.store.segmentwriting import WorkerSegment

# (path, source, content hash, the reader's state from the last run) of a file to read;
# {source: kept post numbers} to write.
FileJob = tuple[Path, str, str, dict[str, Any] | None]
WriteJob = dict[str, list[int]]


class Sink(Protocol):
    """Where a worker's kept posts go."""

    def add_post(self, post: Post, spelled: set[str]) -> int:
        """Write one post's passages; how many."""

    def finish(self, written: int) -> Any:
        """Everything written (``written`` passages): what the indexing process commits."""

    def discard(self) -> None:
        """Undo what was not finished."""


class WriterSink:
    """Posts added to a Whoosh writer: the indexing process's own, or a worker segment's."""

    def __init__(self, writer: Any, segment: WorkerSegment | None = None) -> None:
        self.writer = writer
        self.segment = segment

    def add_post(self, post: Post, spelled: set[str]) -> int:
        written = 0
        for document in documents_for_post(post, spelled):
            add_document(self.writer, document)
            written += 1
        return written

    def finish(self, written: int) -> Any:
        return self.segment.finish(written) if self.segment else None

    def discard(self) -> None:
        if self.segment:
            self.segment.discard()


class LocalWorker:
    """The same steps in the indexing process, adding to its own sink: small runs
    (a one-file update) are not worth starting processes for."""

    def __init__(self, sink: Sink, spelled: set[str]) -> None:
        self.sink = sink
        self.spelled = spelled
        self.parsed: dict[str, ParsedFile] = {}
        self.written = 0

    def send_parse(self, jobs: list[FileJob]) -> None:
        for path, source, content_hash, resume in jobs:
            self.parsed[source] = parse_file(path, source, content_hash, resume)

    def receive_parsed(self) -> list[ParsedFile]:
        return list(self.parsed.values())

    def send_write(self, kept: WriteJob) -> None:
        self.written += _write(self.sink, self.parsed, kept, self.spelled)

    def finish(self) -> Any:
        return self.sink.finish(self.written)

    def stop(self) -> None:
        pass


def _write(sink: Sink, parsed: dict[str, ParsedFile], kept: WriteJob, spelled: set[str]) -> int:
    written = 0
    for source, numbers in kept.items():
        posts = parsed.pop(source).posts
        for number in numbers:
            written += sink.add_post(posts[number], spelled)
        if isinstance(posts, SpilledPosts):
            posts.close()  # its temporary file goes now, not whenever it is collected
    return written


class ProcessWorker:
    """One worker process (a new Python running ``main``) and its socket; replies
    come in request order. A plain child process, not multiprocessing's spawn: that
    would re-run the caller's main module in every worker."""

    def __init__(self, arguments: list[str], entry: str = __name__) -> None:
        """``entry``: the module whose ``main`` the worker runs, with its socket's
        descriptor, this process's id and ``arguments``."""
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                f"import sys; from {entry} import main; main(sys.argv[1:])",
                str(theirs.fileno()),
                str(os.getpid()),
                *arguments,
            ],
            pass_fds=[theirs.fileno()],  # and nothing else: no lock descriptor
            env=_worker_environment(),
        )
        theirs.close()
        self.connection = Connection(ours.detach())

    def send_parse(self, jobs: list[FileJob]) -> None:
        self._send(("parse", jobs))

    def receive_parsed(self) -> list[ParsedFile]:
        reply = self._receive()
        assert isinstance(reply, list)
        return reply

    def send_write(self, kept: WriteJob) -> None:
        self._send(("write", kept))

    def finish(self) -> Any:
        self._send(("finish", None))
        return self._receive()

    def _send(self, message: tuple[str, Any]) -> None:
        """A worker that failed (a full disk) says so and exits: a request sent after
        that meets a closed socket, and the reason is in the replies still unread. A
        BrokenPipeError must not escape: the CLI takes it for its own closed stdout
        (``| head``) and would exit 0 with nothing said."""
        try:
            self.connection.send(message)
        except (BrokenPipeError, ConnectionResetError):
            while True:  # earlier replies in order, then the worker's error or its exit
                self._receive()

    def _receive(self) -> Any:
        try:
            kind, value = self.connection.recv()
        except EOFError:
            raise RuntimeError(
                f"an indexing worker (process {self.process.pid}) exited "
                f"with code {self.process.poll()}; nothing was committed"
            ) from None
        if kind == "error":
            number, message, ours = value
            if ours is not None:  # one of our errors (a cluster away): as it was raised
                raise ours
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


def start_workers(arguments: list[str], count: int, entry: str = __name__) -> list[ProcessWorker]:
    return [ProcessWorker(arguments, entry) for _ in range(count)]


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


def serve(connection: Connection, sink: Sink, parent: int) -> None:
    """A worker's loop: parse what it is sent, write the kept posts into ``sink``."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
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
                written += _write(sink, parsed, value, spelled)
            elif kind == "finish":
                connection.send(("segment", sink.finish(written)))
            else:  # stop
                return
    except Exception as error:  # reported to the indexing process, which cancels the run
        _report(connection, error)
    finally:
        sink.discard()


def _report(connection: Connection, error: Exception) -> None:
    number = error.errno if isinstance(error, OSError) else None
    message = f"{type(error).__name__}: {error}"
    if isinstance(error, OSError) and error.strerror:
        message = error.strerror
    ours = error if isinstance(error, ArchiveSearchError) else None
    with contextlib.suppress(OSError):
        try:
            connection.send(("error", (number, message, ours)))
        except Exception:  # an error of ours that does not pickle: its message
            connection.send(("error", (number, message, None)))


def main(arguments: list[str]) -> None:
    """A worker's entry point: socket descriptor, parent's process id, index folder."""
    segment = WorkerSegment(Path(arguments[2]))
    serve(Connection(int(arguments[0])), WriterSink(segment.writer, segment), int(arguments[1]))
