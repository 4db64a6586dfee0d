"""HTTP throughput of ``/api/search`` against a real ``archive-search serve`` on loopback.

A bounded load: 16 concurrent clients for a fixed number of seconds, then the
server (the process this module started, and so its workers) is stopped.
Server memory is each process's peak RSS (``VmHWM``), summed over the tree.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.benchmark.queries import QuerySpec
from tests.benchmark.report import percentile

HOST = "127.0.0.1"
CLIENTS = 16
WORKERS = 2
READY_TIMEOUT_S = 120.0


def server_available() -> bool:
    try:
        import web.server  # noqa: F401
    except ImportError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


# `python -m web.cli.main` is `archive-search` from the code being measured (the working
# directory), not necessarily the installed copy.
CLI = [sys.executable, "-m", "web.cli.main"]


def serve_command(port: int, index_dir: Path, workers: int) -> list[str]:
    return [*CLI, "serve", "--host", HOST, "--port", str(port), "--index", str(index_dir),
            "--workers", str(workers)]  # fmt: skip


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc (uvicorn workers are children)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found += children
        frontier = children
    return found


def _peak_rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> int:
    """One keep-alive HTTP/1.1 GET; the status. A hand-rolled client: httpx would take
    most of a core here, on a machine whose 2 cores the server needs."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _load(port: int, specs: list[QuerySpec], seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    targets = [f"/api/search?{urlencode(spec.http_params())}" for spec in specs]

    async def one_client(offset: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(HOST, port)
        number = offset
        try:
            while time.perf_counter() < deadline:
                target = targets[number % len(targets)]
                number += CLIENTS
                started = time.perf_counter()
                try:
                    if await _get(reader, writer, target) != 200:
                        errors += 1
                except (OSError, ValueError, asyncio.IncompleteReadError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                latencies.append((time.perf_counter() - started) * 1000)
        finally:
            writer.close()
            await writer.wait_closed()

    started = time.perf_counter()
    await asyncio.gather(*(one_client(offset) for offset in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    return {
        "http_rps": round((len(latencies) - errors) / elapsed, 1),
        "http_requests": len(latencies),
        "http_errors": errors,
        "http_p50_ms": round(percentile(latencies, 0.5), 1),
        "http_p95_ms": round(percentile(latencies, 0.95), 1),
    }


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of these processes so far (clock ticks from /proc/<pid>/stat)."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def _wait_ready(process: subprocess.Popen[bytes], port: int) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with opener.open(f"http://{HOST}:{port}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer /healthz in time")


def http_throughput(
    index_dir: Path, specs: list[QuerySpec], seconds: float, workers: int = WORKERS
) -> dict[str, Any]:
    port = _free_port()
    process = subprocess.Popen(
        serve_command(port, index_dir, workers),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(process, port)
        # One request per distinct query first, so every worker's facet table is built.
        asyncio.run(_load(port, specs[: CLIENTS * 2], 2.0))
        processes = _tree(process.pid)
        cpu_before, client_before = _cpu_seconds(processes), time.process_time()
        each_before = [_cpu_seconds([pid]) for pid in processes]
        result = asyncio.run(_load(port, specs, seconds))
        # CPU per request tells a slow server from a machine busy with something else.
        served = max(1, result["http_requests"])
        result["server_cpu_ms_per_request"] = round(
            (_cpu_seconds(processes) - cpu_before) * 1000 / served, 1
        )
        # How evenly the workers shared the load (keep-alive connections stay on one worker).
        result["server_cpu_s_by_process"] = [
            round(_cpu_seconds([pid]) - before, 2)
            for pid, before in zip(processes, each_before, strict=True)
        ]
        result["client_cpu_ms_per_request"] = round(
            (time.process_time() - client_before) * 1000 / served, 1
        )
        memory = [_peak_rss_mb(pid) for pid in processes]
        result["server_rss_mb"] = round(sum(memory), 1)
        result["server_processes"] = len(processes)
        result["server_workers"] = workers
        return result
    finally:
        # The session this module started: the server and its workers, nothing else.
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's session (it may already have exited on its own)."""
    for sent, wait_s in ((signal.SIGTERM, 20.0), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue
    process.wait()
