"""Timing both engines: query latencies (cold and warm), updates, profiles."""

from __future__ import annotations

import cProfile
import io
import math
import pstats
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer import ArchiveIndex, build_request, index_archive

from .archive import ArchiveSummary, add_comment
from .fts5 import Fts5Searcher
from .queries import KINDS, QuerySpec

UPDATE_WORD = "benchmarkupdateword"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation: a value that was actually measured)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class QueryTimings:
    cold_ms: float  # opening the index + the first query of the mix
    latencies_ms: list[float] = field(default_factory=list)  # the whole mix, warm
    kinds: list[str] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        by_kind = {}
        for kind in KINDS:
            chosen = [
                ms for ms, name in zip(self.latencies_ms, self.kinds, strict=True) if name == kind
            ]
            by_kind[kind] = {
                "p50_ms": round(percentile(chosen, 0.5), 2),
                "p95_ms": round(percentile(chosen, 0.95), 2),
            }
        return {
            "query_p50_ms": round(percentile(self.latencies_ms, 0.50), 2),
            "query_p95_ms": round(percentile(self.latencies_ms, 0.95), 2),
            "query_p99_ms": round(percentile(self.latencies_ms, 0.99), 2),
            "query_cold_ms": round(self.cold_ms, 2),
            "queries": len(self.latencies_ms),
            "by_kind": by_kind,
        }


def _time_mix(
    opener: Callable[[], Any], search: Callable[[Any, QuerySpec], int], specs: list[QuerySpec]
) -> QueryTimings:
    started = time.perf_counter()
    handle = opener()
    search(handle, specs[0])
    timings = QueryTimings(cold_ms=(time.perf_counter() - started) * 1000)
    for spec in specs:
        started = time.perf_counter()
        total = search(handle, spec)
        timings.latencies_ms.append((time.perf_counter() - started) * 1000)
        timings.kinds.append(spec.kind)
        timings.totals.append(total)
    if hasattr(handle, "close"):
        handle.close()
    return timings


def archive_search_queries(index_dir: Path, specs: list[QuerySpec]) -> QueryTimings:
    """Full results through the public API: top 10, every facet, snippets, suggestion."""
    return _time_mix(
        lambda: ArchiveIndex.open(index_dir),
        lambda archive, spec: archive.search(spec.request()).total,
        specs,
    )


def fts5_queries(database: Path, specs: list[QuerySpec]) -> QueryTimings:
    return _time_mix(
        lambda: Fts5Searcher(database), lambda searcher, spec: searcher.search(spec)["total"], specs
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
    """cProfile of one query kind (warm): the functions that dominate, by own time."""
    archive = ArchiveIndex.open(index_dir)
    chosen = [spec for spec in specs if spec.kind == kind]
    archive.search(chosen[0].request())  # warm the per-generation facet table
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
