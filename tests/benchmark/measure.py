"""Timing both engines: query latencies (first run and warm), updates, profiles."""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer import ArchiveIndex, build_request, index_archive
from tests.benchmark.archive import ArchiveSummary, add_comment
from tests.benchmark.firstrun import first_run_over_http
from tests.benchmark.fts5 import Fts5Searcher
from tests.benchmark.queries import INDEPENDENT_KINDS, KINDS, QuerySpec
from tests.benchmark.report import percentile

UPDATE_WORD = "benchmarkupdateword"


@dataclass
class QueryTimings:
    """Each query's first run (the headline) and the same queries again (warm)."""

    method: str  # how the queries were asked
    first_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    open_ms: float | None = None  # opening the index / starting the server

    def summary(self, prefix: str = "") -> dict[str, Any]:
        def of(values: list[float], kind: str | None = None) -> list[float]:
            return [v for v, k in zip(values, self.kinds, strict=True) if kind in (None, k)]

        def outside(values: list[float]) -> list[float]:
            return [v for v, k in zip(values, self.kinds, strict=True) if k in INDEPENDENT_KINDS]

        by_kind = {
            kind: {
                "p50_ms": round(percentile(of(self.first_ms, kind), 0.5), 2),
                "p95_ms": round(percentile(of(self.first_ms, kind), 0.95), 2),
                "warm_p50_ms": round(percentile(of(self.warm_ms, kind), 0.5), 2),
                "warm_p95_ms": round(percentile(of(self.warm_ms, kind), 0.95), 2),
            }
            for kind in KINDS
        }
        figures = {
            "query_p50_ms": round(percentile(self.first_ms, 0.50), 2),
            "query_p95_ms": round(percentile(self.first_ms, 0.95), 2),
            "query_p99_ms": round(percentile(self.first_ms, 0.99), 2),
            "warm_p50_ms": round(percentile(self.warm_ms, 0.50), 2),
            "warm_p95_ms": round(percentile(self.warm_ms, 0.95), 2),
            "warm_p99_ms": round(percentile(self.warm_ms, 0.99), 2),
            # The outside measurement's kinds alone (issue 23): no browse or multi-select.
            "independent_p50_ms": round(percentile(outside(self.first_ms), 0.50), 2),
            "independent_p95_ms": round(percentile(outside(self.first_ms), 0.95), 2),
            "independent_warm_p50_ms": round(percentile(outside(self.warm_ms), 0.50), 2),
            "independent_warm_p95_ms": round(percentile(outside(self.warm_ms), 0.95), 2),
            "query_method": self.method,
            "queries": len(self.first_ms),
            "by_kind": by_kind,
        }
        if self.open_ms is not None:
            figures["open_ms"] = round(self.open_ms, 1)
        return {f"{prefix}{key}": value for key, value in figures.items()}


def _time_mix(
    method: str,
    opener: Callable[[], Any],
    search: Callable[[Any, QuerySpec], int],
    specs: list[QuerySpec],
) -> QueryTimings:
    """Open, then every query once (first run), then all again (warm)."""
    started = time.perf_counter()
    handle = opener()
    timings = QueryTimings(method, open_ms=(time.perf_counter() - started) * 1000)
    for latencies in (timings.first_ms, timings.warm_ms):
        for spec in specs:
            started = time.perf_counter()
            total = search(handle, spec)
            latencies.append((time.perf_counter() - started) * 1000)
            if latencies is timings.first_ms:
                timings.kinds.append(spec.kind)
                timings.totals.append(total)
    if hasattr(handle, "close"):
        handle.close()
    return timings


def archive_search_queries(index_dir: Path, specs: list[QuerySpec]) -> QueryTimings:
    """In-process, through the public API: top 10, every facet, snippets, suggestion."""
    return _time_mix(
        "in-process, index just opened",
        lambda: ArchiveIndex.open(index_dir),
        lambda archive, spec: archive.search(spec.request()).total,
        specs,
    )


def http_queries(index_dir: Path, specs: list[QuerySpec]) -> QueryTimings:
    """The headline: over HTTP, against a freshly started ``archive-search serve``."""
    measured = first_run_over_http(index_dir, specs)
    if measured["errors"]:
        raise RuntimeError(f"{measured['errors']} of the HTTP queries failed")
    return QueryTimings(
        "HTTP /api/search, freshly started server (1 worker), one keep-alive connection",
        measured["first_ms"],
        measured["warm_ms"],
        [spec.kind for spec in specs],
        measured["totals"],
        open_ms=measured["startup_s"] * 1000,
    )


def fts5_queries(database: Path, specs: list[QuerySpec]) -> QueryTimings:
    return _time_mix(
        "in-process (no HTTP), new connection",
        lambda: Fts5Searcher(database),
        lambda searcher, spec: searcher.search(spec)["total"],
        specs,
    )


def updates(archive_root: Path, index_dir: Path, summary: ArchiveSummary) -> dict[str, Any]:
    """One file changed (a comment added), then nothing changed: both incremental runs."""
    add_comment(archive_root, summary, f"A late reply with the word {UPDATE_WORD} in it.")
    started = time.perf_counter()
    report = index_archive([archive_root], index_dir)
    one_file = time.perf_counter() - started
    started = time.perf_counter()
    noop = index_archive([archive_root], index_dir)
    noop_seconds = time.perf_counter() - started
    found = ArchiveIndex.open(index_dir).search(build_request(UPDATE_WORD)).total
    return {
        "update_one_file_s": round(one_file, 3),
        "noop_update_s": round(noop_seconds, 3),
        "update_files_changed": report.count("updated"),
        "noop_files_changed": noop.count("updated") + noop.count("added"),
        "update_found": found,  # 1: the new comment is searchable
    }


def profile_kind(index_dir: Path, specs: list[QuerySpec], kind: str, top: int = 25) -> str:
    """cProfile of one query kind, each query's first run in a fresh index handle warmed
    as a server warms it (facet arrays, vocabulary): the functions that dominate."""
    archive = ArchiveIndex.open(index_dir)
    chosen = [spec for spec in specs if spec.kind == kind]
    archive.warm()  # what `serve` does before answering: no query of the kind runs twice
    profiler = cProfile.Profile()
    profiler.enable()
    for spec in chosen:
        archive.search(spec.request())
    profiler.disable()
    output = io.StringIO()
    stats = pstats.Stats(profiler, stream=output)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return output.getvalue()
