"""One benchmark run: generate, build both, query both, update, serve, report."""

from __future__ import annotations

import platform
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tests.benchmark.archive import write_archive
from tests.benchmark.child import run_build
from tests.benchmark.generate import Generator
from tests.benchmark.measure import (
    archive_search_queries,
    fts5_queries,
    http_queries,
    profile_kind,
    updates,
)
from tests.benchmark.queries import query_mix
from tests.benchmark.report import ratios, table, write_json
from tests.benchmark.serverload import http_throughput, server_available


def _megabytes(path: Path) -> float:
    files = [path] if path.is_file() else [item for item in path.rglob("*") if item.is_file()]
    return round(sum(item.stat().st_size for item in files) / 1e6, 1)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_benchmark(
    passages: int,
    out_dir: Path,
    *,
    seed: int = 1,
    http_seconds: float = 20.0,
    profiles: tuple[str, ...] | list[str] = (),
    quiet: bool = False,
) -> dict[str, Any]:
    say = (lambda message: None) if quiet else _say
    out_dir.mkdir(parents=True, exist_ok=True)
    archive_root = out_dir / f"archive-{passages}"
    index_dir, database = out_dir / f"index-{passages}", out_dir / f"fts5-{passages}.sqlite"
    say(f"generating {passages:,} passages into {archive_root}")
    summary = write_archive(archive_root, passages, seed)
    specs = query_mix(Generator(seed), summary.posts)

    say("building the archive-search index (child process)")
    shutil.rmtree(index_dir, ignore_errors=True)
    ours_build = run_build("archive-search", archive_root, index_dir)
    say(f"  {ours_build['passages']:,} passages in {ours_build['wall_s']:.1f} s")
    say("building the FTS5 database (child process)")
    fts5_build = run_build("fts5", archive_root, database)
    say(f"  {fts5_build['passages']:,} passages in {fts5_build['wall_s']:.1f} s")

    say(f"querying both engines ({len(specs)} queries each, first run then warm)")
    ours_http = http_queries(index_dir, specs) if server_available() else None
    ours_local = archive_search_queries(index_dir, specs)
    fts5_timings = fts5_queries(database, specs)
    ours_queries = ours_http or ours_local
    equal = sum(a == b for a, b in zip(ours_queries.totals, fts5_timings.totals, strict=True))
    differing = [
        {"query": spec.to_json(), "archive_search": a, "fts5": b}
        for spec, a, b in zip(specs, ours_queries.totals, fts5_timings.totals, strict=True)
        if a != b
    ]

    for kind in profiles:
        say(f"profiling the {kind!r} queries into {out_dir}/profile-{kind}.txt")
        profile_text = profile_kind(index_dir, specs, kind)
        (out_dir / f"profile-{kind}.txt").write_text(profile_text, encoding="utf-8")

    index_mb = _megabytes(index_dir)  # before updates add segments
    say("incremental updates: one changed file, then nothing changed")
    update = updates(archive_root, index_dir, summary)

    http: dict[str, Any] = {"http_rps": None, "server_rss_mb": None}
    if http_seconds > 0 and server_available():
        say(f"HTTP load: 16 clients for {http_seconds:.0f} s on 127.0.0.1")
        try:
            http = http_throughput(index_dir, specs, http_seconds)
        except RuntimeError as error:
            http["http_error"] = str(error)

    ours: dict[str, Any] = {
        "build_passages_per_s": round(ours_build["passages"] / ours_build["wall_s"], 1),
        "build_wall_s": round(ours_build["wall_s"], 1),
        "build_method": "archive-search index --rebuild (CLI, from the archive's files)",
        "index_mb": index_mb,
        "indexer_rss_mb": round(ours_build["rss_mb"], 1),
        **ours_queries.summary(),
        **ours_local.summary("inprocess_"),
        **update,
        **http,
    }
    fts5: dict[str, Any] = {
        "build_passages_per_s": round(fts5_build["passages"] / fts5_build["wall_s"], 1),
        "build_wall_s": round(fts5_build["wall_s"], 1),
        "build_parse_s": round(fts5_build["parse_seconds"], 1),
        # From pre-split passages: its build without our readers' parse.
        "index_passages_per_s": round(
            fts5_build["passages"] / (fts5_build["wall_s"] - fts5_build["parse_seconds"]), 1
        ),
        "build_method": "our readers' passages loaded into FTS5 (parse timed apart)",
        "index_mb": _megabytes(database),
        "indexer_rss_mb": round(fts5_build["rss_mb"], 1),
        **fts5_timings.summary(),
    }
    results: dict[str, Any] = {
        "passages": ours_build["passages"],
        "seed": seed,
        "machine": {"python": platform.python_version(), "cpus": _cpus(), "sqlite": _sqlite()},
        "code": _code_version(),
        "archive": asdict(summary),
        "archive_search": ours,
        "sqlite_fts5": fts5,
        "fts5": fts5,  # the same figures under the short name
        "ratios": ratios(ours, fts5),
        "match_counts": {"queries": len(specs), "equal": equal, "differing": differing[:20]},
    }
    write_json(results, out_dir / "results.json")
    if not quiet:
        print(table(results))
    return results


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _sqlite() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def _code_version() -> dict[str, Any]:
    """The commit measured, and whether the working tree had uncommitted changes."""
    import subprocess

    def git(*arguments: str) -> str:
        try:
            return subprocess.run(
                ["git", *arguments], capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty_files": git("status", "--porcelain", "--untracked-files=no").splitlines(),
    }
