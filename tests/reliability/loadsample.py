"""What `make loadtest` measures beside wrk, which reports one latency distribution for
the whole mix: wrk's connections held by each server worker (once, mid-run, from /proc)
and, with ``--by-kind``, each kind's latency as one more client sees it during the run."""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from typing import Any

import httpx

from tests.benchmark.report import percentile
from tests.reliability import procnet


def sample_connections(port: int, after_s: float, into: list[int]) -> None:
    """The connections held by each server process, largest first (wrk's, and the
    by-kind client's when there is one)."""
    time.sleep(after_s)
    if procnet.available():
        into += sorted(procnet.holders(port, procnet.ESTABLISHED).values(), reverse=True)


class KindSampler(threading.Thread):
    """One client more, asking paths of the mix one at a time until stopped; each
    answer's latency is kept under its kind (search, facets, post, expensive...)."""

    def __init__(self, base_url: str, mix: list[tuple[str, str]], seed: int) -> None:
        super().__init__(daemon=True)
        self.base_url, self.mix = base_url, mix
        self.chooser = random.Random(seed)
        self.stop = threading.Event()
        self.latencies: defaultdict[str, list[float]] = defaultdict(list)

    def run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=60) as client:
            while not self.stop.is_set():
                kind, path = self.chooser.choice(self.mix)
                started = time.perf_counter()
                client.get(path)
                self.latencies[kind].append((time.perf_counter() - started) * 1000)

    def report(self) -> dict[str, dict[str, Any]]:
        """Per kind: requests, p50/p90/p99/max in ms (few requests: read p99 as max)."""
        return {
            kind: {
                "requests": len(values),
                **{
                    f"p{point}_ms": round(percentile(values, point / 100), 1)
                    for point in (50, 90, 99)
                },
                "max_ms": round(max(values), 1),
            }
            for kind, values in sorted(self.latencies.items())
        }
