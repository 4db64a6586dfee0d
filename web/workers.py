"""Several worker processes, each accepting connections on its own listening socket.

uvicorn's supervisor gives every worker one shared socket, and asyncio accepts every
pending connection in one wake-up, so one worker took most or all of a client's
keep-alive connections for a whole run and its requests waited 3-7x longer
(docs/performance.md). Here each worker has its own socket bound with ``SO_REUSEPORT``:
the kernel spreads new connections over them by a hash of the addresses. The sockets
are bound and kept open by the supervisor, so connections that arrive while a dead
worker is replaced wait in its socket's queue instead of being refused. Where
``SO_REUSEPORT`` is missing all workers share one socket, as with uvicorn's supervisor.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import time
from types import FrameType

from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Process

logger = logging.getLogger("uvicorn.error")

# INT and TERM as in uvicorn; a hang-up (the terminal closing) also stops the workers.
STOP_SIGNALS = [
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
]
CHECK_EVERY_S = 0.5


def _socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def listening_sockets(host: str, port: int, count: int, backlog: int) -> list[socket.socket]:
    """`count` listening sockets on one address, or one to share without SO_REUSEPORT."""
    # A plain bind first: it fails on a port that is taken (SO_REUSEPORT alone would let
    # a second server, perhaps of another archive, silently share it) and resolves port 0.
    with _socket(host, port, reuse_port=False) as probe:
        port = probe.getsockname()[1]
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sockets.append(_socket(host, port, reuse_port=hasattr(socket, "SO_REUSEPORT")))
    except OSError:
        for sock in sockets:
            sock.close()
        if not hasattr(socket, "SO_REUSEPORT") or count == 1:
            raise
        sockets = [_socket(host, port, reuse_port=False)]  # e.g. ENOPROTOOPT: share one
    for sock in sockets:
        sock.listen(backlog)  # now, so a worker being replaced finds its queue waiting
    return sockets


class Worker(Process):
    """uvicorn's worker process, which also stops (gracefully) when its supervisor is gone,
    killed with SIGKILL say: uvicorn's own went on serving, orphaned, holding the port."""

    def always_pong(self) -> None:  # in the worker, on a thread of its own
        self.parent_conn.close()  # this process's copy: the supervisor's end is the last
        try:
            while True:
                self.pong()
        except (EOFError, OSError):  # the supervisor's end closed: it exited
            self.server.should_exit = True


class Supervisor:
    """Starts ``config.workers`` workers, worker i on socket i; replaces a worker that
    dies or stops answering (uvicorn's health check); stops them all on a signal."""

    def __init__(self, config: Config, sockets: list[socket.socket]) -> None:
        self.config = config
        self.sockets = sockets
        self.processes: list[Worker] = []
        self.received: list[int] = []

    def _start(self, index: int) -> Worker:
        process = Worker(self.config, [self.sockets[index % len(self.sockets)]])
        process.start()
        return process

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        self.received.append(number)  # handled by the loop: no locks in a handler

    def run(self) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, self._on_signal)
        logger.info("Started parent process [%d]", os.getpid())
        self.processes = [self._start(index) for index in range(self.config.workers)]
        while not self.received and self.keep_workers_alive():
            time.sleep(CHECK_EVERY_S)
        if self.received:
            logger.info("Received %s, exiting.", signal.Signals(self.received[0]).name)
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.join()
        logger.info("Stopping parent process [%d]", os.getpid())

    def keep_workers_alive(self) -> bool:
        """Replaces dead or hung workers; False when one failed before serving (a broken
        app or index fails the same way on every restart)."""
        for index, process in enumerate(self.processes):
            if self.received or process.is_alive(self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                logger.error("Child process [%s] failed to start, stopping.", process.pid)
                return False
            logger.info("Child process [%s] died", process.pid)
            self.processes[index] = self._start(index)
        return True


def serve(config: Config) -> None:
    """What ``uvicorn.run`` does with several workers, with a socket per worker."""
    try:
        sockets = listening_sockets(config.host, config.port, config.workers, config.backlog)
    except OSError as error:
        logger.error(error)
        sys.exit(STARTUP_FAILURE)
    host = f"[{config.host}]" if ":" in config.host else config.host
    shared = "one shared socket" if len(sockets) == 1 else "a socket each"
    logger.info("Serving on http://%s:%d, %d workers with %s (Press CTRL+C to quit)",
                host, sockets[0].getsockname()[1], config.workers, shared)  # fmt: skip
    try:
        Supervisor(config, sockets).run()
    except KeyboardInterrupt:
        pass
    finally:
        for sock in sockets:
            sock.close()
