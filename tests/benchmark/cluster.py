"""The OpenSearch backend beside the local index, on one machine: bulk indexing rate and
query latency over HTTP (``/api/search``), the two measured interleaved (A/B per query).

    python -m tests.benchmark.cluster --passages 100000 --opensearch http://127.0.0.1:9200

Both builds run as ``archive-search index --rebuild`` in a child, each with its default
worker processes (one per core: the local one writes segments, the cluster one's workers
send bulk requests; a rebuild fills its new index without replicas and copies them at the
end). Then two
servers (one worker each) answer the benchmark's query mix: each query goes to both, in
alternating order, first pass then warm pass. The cluster is the local 2-node one
(``make opensearch``): its nodes share this machine's cores with everything else.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from .archive import write_archive
from .firstrun import _Client
from .generate import Generator
from .queries import QuerySpec, query_mix
from .report import percentile
from .serverload import CLI, _free_port, _stop, _wait_ready, serve_command


def _build(archive: Path, index_dir: Path, extra: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    done = subprocess.run(
        [*CLI, "index", str(archive), "--index", str(index_dir), "--rebuild", "--json", *extra],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    report: dict[str, Any] = json.loads(done.stdout)
    wall = time.perf_counter() - started
    return {"passages": report["passages"], "wall_s": round(wall, 1),
            "passages_per_s": round(report["passages"] / wall)}  # fmt: skip


def _one(client: _Client, spec: QuerySpec) -> tuple[float, int]:
    started = time.perf_counter()
    status, body = client.get(f"/api/search?{urlencode(spec.http_params())}")
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, int(json.loads(body)["total"]) if status == 200 else -1


def _passes(ports: dict[str, int], specs: list[QuerySpec]) -> dict[str, Any]:
    """Each query to each server, the order alternating; a first and a warm pass."""
    clients = {name: _Client(port) for name, port in ports.items()}
    timings: dict[str, dict[str, list[float]]] = {name: {"first": [], "warm": []} for name in ports}
    totals: dict[str, list[int]] = {name: [] for name in ports}
    try:
        for run in ("first", "warm"):
            for number, spec in enumerate(specs):
                order = list(ports) if number % 2 == 0 else list(reversed(list(ports)))
                for name in order:
                    elapsed, total = _one(clients[name], spec)
                    timings[name][run].append(elapsed)
                    if run == "first":
                        totals[name].append(total)
    finally:
        for client in clients.values():
            client.close()
    names = list(ports)
    same = sum(a == b for a, b in zip(totals[names[0]], totals[names[1]], strict=True))
    figures: dict[str, Any] = {"queries": len(specs), "same_totals": same}
    for name in names:
        for run in ("first", "warm"):
            values = timings[name][run]
            figures[f"{name}_{run}_p50_ms"] = round(percentile(values, 0.5), 2)
            figures[f"{name}_{run}_p95_ms"] = round(percentile(values, 0.95), 2)
        figures[f"{name}_errors"] = sum(total < 0 for total in totals[name])
    return figures


def run(passages: int, out_dir: Path, url: str, index_name: str) -> dict[str, Any]:
    archive = out_dir / f"archive-{passages}"
    summary = write_archive(archive, passages, 1)
    specs = query_mix(Generator(1), summary.posts)
    index_dir = out_dir / f"index-{passages}"
    cluster_args = ["--opensearch", url, "--opensearch-index", index_name]
    results: dict[str, Any] = {"passages": passages, "measured": time.strftime("%Y-%m-%d %H:%M")}
    results["build_local"] = _build(archive, index_dir, [])
    results["build_cluster"] = _build(archive, index_dir, cluster_args)
    ports = {"local": _free_port(), "cluster": _free_port()}
    commands = {
        "local": serve_command(ports["local"], index_dir, 1),
        "cluster": [*serve_command(ports["cluster"], index_dir, 1), *cluster_args],
    }
    servers = {name: subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True)
               for name, command in commands.items()}  # fmt: skip
    try:
        for name, server in servers.items():
            _wait_ready(server, ports[name])
        results["queries"] = _passes(ports, specs)
    finally:
        for server in servers.values():
            _stop(server)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(".bench"))
    parser.add_argument("--opensearch", default="http://127.0.0.1:9200")
    parser.add_argument("--opensearch-index", default="bench-passages")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    results = run(
        arguments.passages, arguments.out, arguments.opensearch, arguments.opensearch_index
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
