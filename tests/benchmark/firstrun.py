"""The headline: each query's first run, over HTTP, in a freshly started server.

A user's query is mostly a first time: caches hold only what the queries before
it left there. So a new ``archive-search serve`` (one worker, so that every query
meets the same process and its caches) answers the 240 queries once each, in the
mix's order, on one keep-alive connection; then the same 240 again (warm).
The server's startup (``/healthz`` answering, facet arrays built) is timed apart.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.benchmark.queries import QuerySpec
from tests.benchmark.serverload import (
    HOST,
    _free_port,
    _peak_rss_mb,
    _stop,
    _tree,
    _wait_ready,
    serve_command,
)


class _Client:
    """One keep-alive HTTP/1.1 connection; reconnects once if the server closed it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def get(self, target: str) -> tuple[int, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request("GET", target)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def _pass(client: _Client, specs: list[QuerySpec]) -> tuple[list[float], list[int], int]:
    latencies, totals, errors = [], [], 0
    for spec in specs:
        target = f"/api/search?{urlencode(spec.http_params())}"
        started = time.perf_counter()
        status, body = client.get(target)
        latencies.append((time.perf_counter() - started) * 1000)
        if status != 200:
            errors += 1
            totals.append(-1)
        else:
            totals.append(int(json.loads(body)["total"]))
    return latencies, totals, errors


def first_run_over_http(index_dir: Path, specs: list[QuerySpec]) -> dict[str, Any]:
    """Latencies (ms) of the first and the second pass, totals, startup and memory."""
    port = _free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        serve_command(port, index_dir, 1),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(process, port)
        startup_s = time.perf_counter() - started
        client = _Client(port)
        try:
            first, totals, errors = _pass(client, specs)
            warm, _, warm_errors = _pass(client, specs)
        finally:
            client.close()
        rss = sum(_peak_rss_mb(pid) for pid in _tree(process.pid))
    finally:
        _stop(process)
    return {
        "first_ms": first,
        "warm_ms": warm,
        "totals": totals,
        "errors": errors + warm_errors,
        "startup_s": round(startup_s, 2),
        "rss_mb": round(rss, 1),
    }
