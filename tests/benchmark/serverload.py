"""HTTP throughput of ``/api/search`` against a real ``archive-search serve`` on loopback.

A bounded load: 16 concurrent clients for a fixed number of seconds, then the
server (the process this module started, and so its workers) is stopped.
Server memory is each process's peak RSS (``VmHWM``), summed over the tree.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .measure import percentile
from .queries import QuerySpec

HOST = "127.0.0.1"
CLIENTS = 16
WORKERS = 2
READY_TIMEOUT_S = 120.0


def server_available() -> bool:
    try:
        import httpx  # noqa: F401

        import web.server  # noqa: F401
    except ImportError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _command(port: int, index_dir: Path, workers: int) -> list[str]:
    script = shutil.which("archive-search", path=str(Path(sys.executable).parent))
    base = [script] if script else [sys.executable, "-m", "web.cli"]
    return [
        *base,
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--index",
        str(index_dir),
        "--workers",
        str(workers),
    ]


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


async def _load(port: int, specs: list[QuerySpec], seconds: float) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(
        base_url=f"http://{HOST}:{port}", limits=limits, timeout=60, trust_env=False
    ) as client:

        async def one_client(offset: int) -> None:
            nonlocal errors
            number = offset
            while time.perf_counter() < deadline:
                spec = specs[number % len(specs)]
                number += CLIENTS
                started = time.perf_counter()
                try:
                    response = await client.get("/api/search", params=spec.http_params())
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)

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


def _wait_ready(process: subprocess.Popen[bytes], port: int) -> None:
    import httpx

    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            if (
                httpx.get(f"http://{HOST}:{port}/healthz", timeout=5, trust_env=False).status_code
                == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer /healthz in time")


def http_throughput(
    index_dir: Path, specs: list[QuerySpec], seconds: float, workers: int = WORKERS
) -> dict[str, Any]:
    port = _free_port()
    process = subprocess.Popen(
        _command(port, index_dir, workers),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(process, port)
        # One request per distinct query first, so every worker's facet table is built.
        asyncio.run(_load(port, specs[: CLIENTS * 2], 2.0))
        result = asyncio.run(_load(port, specs, seconds))
        processes = _tree(process.pid)
        memory = [_peak_rss_mb(pid) for pid in processes]
        result["server_rss_mb"] = round(sum(memory), 1)
        result["server_processes"] = len(processes)
        result["server_workers"] = workers
        return result
    finally:
        # The session this module started: the server and its workers, nothing else.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
