"""`make loadtest`: wrk against `archive-search serve --workers 2` while `watch` updates.

1. Generates (or reuses) a seeded 100,000-passage archive with the benchmark's
   generator (tests/benchmark), copied so updates never touch the benchmark's copy,
   and indexes it.
2. Starts the server (2 workers) and `archive-search watch` on 127.0.0.1 only.
3. Drives a mix of search page, API, post page, Atom feed and facet-toggle requests
   (plus a few expensive queries: leading *, a*, ~5, 50-term OR) with wrk at 32
   connections for 60 s, while a thread rewrites one archived page every few seconds.
4. Stops everything and writes `.bench/loadtest/report.json`: requests/s, p50/p90/p99,
   wrk's connections held by each worker (sampled mid-run), socket errors, 4xx, 5xx
   (503 counted apart), updates applied (index generations); with ``--by-kind`` each
   kind's latency as one more client sees it (loadsample.py).

Bounded: every wait has a timeout, wrk runs for a fixed time, processes are stopped
by pid in `finally`. Exit 1 when any socket error or 5xx was seen.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.benchmark.archive import add_comment, write_archive
from tests.benchmark.generate import Generator
from tests.benchmark.queries import query_mix
from tests.benchmark.serverload import CLI, serve_command
from tests.reliability.loadsample import KindSampler, sample_connections

REPOSITORY = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
LUA_SCRIPT = Path(__file__).with_name("loadtest.lua")
# Share of each kind of request in the mix (by repetition in the mix file).
WEIGHTS = {"search": 30, "api": 25, "post": 15, "feed": 8, "facets": 20, "expensive": 2}
EXPENSIVE = ["*", "*e", "a*", "be*", "e~5", "ta~5", " OR ".join(f"w{n}" for n in range(50))]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def path(route: str, params: list[tuple[str, str]]) -> str:
    return f"{route}?{urlencode(params)}" if params else route


def build_mix(base_url: str, passages: int, seed: int) -> list[tuple[str, str]]:
    """(kind, request path), weighted by kind; post ids and facet values come from the
    server."""
    chooser = random.Random(seed)
    generator = Generator(seed)
    specs = query_mix(generator, posts=passages // 25)
    with httpx.Client(base_url=base_url, timeout=60) as client:
        post_ids = set()
        for page in range(1, 6):
            hits = client.get(
                "/api/search", params={"per_page": "100", "page": str(page), "sort": "newest"}
            ).json()["hits"]
            post_ids |= {hit["post_id"] for hit in hits}
        facets = client.get("/api/search", params={"facet_size": "40"}).json()["facets"]
    authors = [value["value"] for value in facets["author"] if value["value"]]
    years = [value["value"] for value in facets["year"]]
    kinds: dict[str, list[str]] = {kind: [] for kind in WEIGHTS}
    for spec in specs:
        params = spec.http_params()
        kinds["search"].append(path("/", params))
        kinds["api"].append(path("/api/search", params))
        kinds["feed"].append(path("/search.atom", params))
        toggle = chooser.choice(
            [
                ("author", chooser.choice(authors)),
                ("year", chooser.choice(years)),
                ("section", chooser.choice(["comment", "quote", "post"])),
            ]
        )
        kinds["facets"].append(path("/", [*params, toggle]))
    for post_id in sorted(post_ids):
        words = chooser.choice(specs).text.split()[:1]
        kinds["post"].append(path(f"/post/{post_id}", [("q", words[0])] if words else []))
    kinds["expensive"] = [path("/api/search", [("q", query)]) for query in EXPENSIVE]
    mix = []
    for kind, weight in WEIGHTS.items():
        mix += [(kind, chooser.choice(kinds[kind])) for _ in range(weight * 40)]
    chooser.shuffle(mix)
    return mix


def wait_for(base_url: str, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def generation(base_url: str) -> int:
    return int(httpx.get(f"{base_url}/healthz", timeout=10).json()["generation"])


def run(options: argparse.Namespace) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install -y wrk)")
    work = Path(options.dir)
    work.mkdir(parents=True, exist_ok=True)
    archive, index_dir = work / f"archive-{options.passages}", work / f"index-{options.passages}"
    started = time.perf_counter()
    summary = write_archive(archive, options.passages, options.seed)
    print(f"archive: {summary.passages} passages in {summary.posts} posts ({archive})")
    indexed = subprocess.run(
        [*CLI, "index", str(archive), "--index", str(index_dir)],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=3600,
    )
    if indexed.returncode not in (0, 1):
        raise SystemExit(f"indexing failed:\n{indexed.stderr[-2000:]}")
    print(f"indexed in {time.perf_counter() - started:.0f} s (incl. generation)")

    port = free_port()
    base_url = f"http://{HOST}:{port}"
    server = watcher = None
    log = work / "server.log"
    stop_updates = threading.Event()
    updates: list[float] = []
    balance: list[int] = []

    def update_every_few_seconds() -> None:
        number = 0
        while not stop_updates.wait(options.update_every):
            number += 1
            add_comment(archive, summary, f"load test update {number}: the quarterly report")
            updates.append(time.monotonic())

    try:
        with log.open("wb") as server_log:
            server = subprocess.Popen(
                serve_command(port, index_dir, options.workers),
                stdout=server_log,
                stderr=subprocess.STDOUT,
                cwd=REPOSITORY,
                start_new_session=True,
            )
            wait_for(base_url, server, 120)
            watcher = subprocess.Popen(
                [*CLI, "watch", str(archive), "--index", str(index_dir), "--debounce", "500"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=REPOSITORY,
                start_new_session=True,
            )
            mix = build_mix(base_url, summary.passages, options.seed)
            mix_file = work / "mix.txt"
            mix_file.write_text("".join(f"{path}\n" for _, path in mix))
            time.sleep(5)  # the watcher's first (no-op) run
            first_generation = generation(base_url)
            updater = threading.Thread(target=update_every_few_seconds, daemon=True)
            updater.start()
            threading.Thread(
                target=sample_connections, args=(port, options.seconds / 2, balance), daemon=True
            ).start()
            by_kind = KindSampler(base_url, mix, options.seed)
            if options.by_kind:
                by_kind.start()
            print(
                f"wrk: {options.connections} connections, {options.seconds} s, "
                f"{len(mix)} paths, an update every {options.update_every} s"
            )
            loaded = subprocess.run(
                [
                    "wrk",
                    "-t",
                    str(options.threads),
                    "-c",
                    str(options.connections),
                    "-d",
                    f"{options.seconds}s",
                    "--timeout",
                    "30s",
                    "--latency",
                    "-s",
                    str(LUA_SCRIPT),
                    base_url,
                ],
                capture_output=True,
                text=True,
                timeout=options.seconds + 120,
                env={**os.environ, "LOADTEST_MIX": str(mix_file)},
            )
            stop_updates.set()
            by_kind.stop.set()
            updater.join(timeout=30)
            time.sleep(options.update_every)  # the last update lands
            last_generation = generation(base_url)
            health_after = httpx.get(f"{base_url}/healthz", timeout=10).json()
    finally:
        stop_updates.set()
        stop(watcher)
        stop(server)
    line = next(
        (row for row in loaded.stdout.splitlines() if row.startswith("LOADTEST_RESULT")), None
    )
    if line is None:
        raise SystemExit(f"wrk gave no result:\n{loaded.stdout}\n{loaded.stderr}")
    result = json.loads(line.removeprefix("LOADTEST_RESULT "))
    seconds = result["duration_us"] / 1e6
    socket_errors = sum(
        result[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    report = {
        "passages": summary.passages,
        "posts": summary.posts,
        "workers": options.workers,
        "connections": options.connections,
        "seconds": round(seconds, 1),
        "requests": result["requests"],
        "requests_per_second": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 1),
        "p90_ms": round(result["p90_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1),
        "max_ms": round(result["max_us"] / 1000, 1),
        "socket_errors": socket_errors,
        "status_5xx": result["status_5xx"],
        "status_503": result["status_503"],
        "status_4xx": result["status_4xx"],
        "connections_per_worker": balance,
        "updates_written": len(updates),
        "index_generations_during_run": last_generation - first_generation,
        "passages_after": health_after["passages"],
        "mix": WEIGHTS,
        **({"by_kind": by_kind.report()} if options.by_kind else {}),
        "wrk_output": loaded.stdout,
    }
    (work / "report.json").write_text(json.dumps(report, indent=2))
    return report


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--update-every", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", default=str(REPOSITORY / ".bench" / "loadtest"))
    parser.add_argument("--by-kind", action="store_true",
                        help="also each kind's latency, as one more client sees it")  # fmt: skip
    options = parser.parse_args(arguments)
    report = run(options)
    shown = {key: value for key, value in report.items() if key != "wrk_output"}
    print(json.dumps(shown, indent=2))
    failed = report["socket_errors"] or report["status_5xx"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
