"""The results: ``.bench/results.json`` and a table on stdout."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation: a value that was actually measured)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    if not ours or not theirs or math.isnan(ours) or math.isnan(theirs):
        return None
    return round(ours / theirs, 3)


def ratios(ours: dict[str, Any], fts5: dict[str, Any]) -> dict[str, Any]:
    """Ours over FTS5: latency ratios below 1 and build ratios above 1 favour us."""
    return {
        "query_p50_vs_fts5": _ratio(ours["query_p50_ms"], fts5["query_p50_ms"]),
        "query_p95_vs_fts5": _ratio(ours["query_p95_ms"], fts5["query_p95_ms"]),
        "query_p99_vs_fts5": _ratio(ours["query_p99_ms"], fts5["query_p99_ms"]),
        "warm_p50_vs_fts5": _ratio(ours["warm_p50_ms"], fts5["warm_p50_ms"]),
        "warm_p95_vs_fts5": _ratio(ours["warm_p95_ms"], fts5["warm_p95_ms"]),
        "independent_p50_vs_fts5": _ratio(ours["independent_p50_ms"], fts5["independent_p50_ms"]),
        "independent_p95_vs_fts5": _ratio(ours["independent_p95_ms"], fts5["independent_p95_ms"]),
        "build_vs_fts5": _ratio(ours["build_passages_per_s"], fts5["build_passages_per_s"]),
        # The yardstick: ours from the files, FTS5 from pre-split passages.
        "build_vs_fts5_presplit": _ratio(
            ours["build_passages_per_s"], fts5["index_passages_per_s"]
        ),
        "index_mb_vs_fts5": _ratio(ours["index_mb"], fts5["index_mb"]),
    }


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


ROWS = (
    ("query p50, first run (ms)", "query_p50_ms"),
    ("query p95, first run (ms)", "query_p95_ms"),
    ("query p99, first run (ms)", "query_p99_ms"),
    ("query p50 / p95, warm (ms)", ("warm_p50_ms", "warm_p95_ms")),
    ("outside mix first p50 / p95 (ms)", ("independent_p50_ms", "independent_p95_ms")),
    ("outside mix warm p50 / p95 (ms)", ("independent_warm_p50_ms", "independent_warm_p95_ms")),
    ("in-process first p50 / p95 (ms)", ("inprocess_query_p50_ms", "inprocess_query_p95_ms")),
    ("server start / index open (ms)", "open_ms"),
    ("build (passages/s)", "build_passages_per_s"),
    ("build from pre-split passages (/s)", "index_passages_per_s"),
    ("parse by our readers (s)", "build_parse_s"),
    ("build wall (s)", "build_wall_s"),
    ("index size (MB)", "index_mb"),
    ("indexer peak RSS (MB)", "indexer_rss_mb"),
    ("one-file update (s)", "update_one_file_s"),
    ("no-op update (s)", "noop_update_s"),
    ("/api/search, 16 clients (req/s)", "http_rps"),
    ("server peak RSS (MB)", "server_rss_mb"),
)


def _value(figures: dict[str, Any], key: str | tuple[str, str]) -> str:
    if isinstance(key, tuple):
        if figures.get(key[0]) is None:
            return "—"
        return f"{_cell(figures.get(key[0]))} / {_cell(figures.get(key[1]))}"
    return _cell(figures.get(key))


def _kind(figures: dict[str, Any]) -> str:
    first = f"{_cell(figures['p50_ms'])} / {_cell(figures['p95_ms'])}"
    return f"{first}, {_cell(figures['warm_p50_ms'])} / {_cell(figures['warm_p95_ms'])}"


def table(results: dict[str, Any]) -> str:
    ours, fts5 = results["archive_search"], results["sqlite_fts5"]
    lines = [
        f"{results['passages']:,} passages ({results['archive']['posts']:,} posts, "
        f"{results['archive']['megabytes']} MB of text pages and WXR)",
        "",
        f"| {'measure':<32} | {'archive-search':>14} | {'SQLite FTS5':>12} |",
        f"| {'-' * 32} | {'-' * 14}:| {'-' * 12}:|",
    ]
    for label, key in ROWS:
        lines.append(f"| {label:<32} | {_value(ours, key):>14} | {_value(fts5, key):>12} |")
    heading = (
        f"| {'kind: first p50 / p95, warm p50 / p95':<38} | {'archive-search':>24} "
        f"| {'SQLite FTS5':>24} |"
    )
    lines += ["", heading, f"| {'-' * 38} | {'-' * 24}:| {'-' * 24}:|"]
    for kind, ours_kind in ours["by_kind"].items():
        theirs = fts5["by_kind"][kind]
        mine = _kind(ours_kind)
        yardstick = _kind(theirs)
        lines.append(f"| {kind:<38} | {mine:>24} | {yardstick:>24} |")
    shown = ", ".join(f"{key} {_cell(value)}" for key, value in results["ratios"].items())
    lines += [
        "",
        f"queries: archive-search {ours.get('query_method')}; FTS5 {fts5.get('query_method')}",
        f"ratios (archive-search / FTS5): {shown}",
    ]
    agreement = results["match_counts"]
    lines.append(f"match counts equal on {agreement['equal']}/{agreement['queries']} queries")
    return "\n".join([*lines, "", growth_column(results)])


GROWTH_ROWS = (  # docs/scaling.md's growth curve, row by row
    ("build, 2 worker processes (passages/s)", "build_passages_per_s", None),
    ("build time, 2 workers (s)", "build_wall_s", None),
    ("index size (MB)", "index_mb", None),
    ("server peak RSS, 2 workers (MB)", "server_rss_mb", None),
    ("first-run query p50 / p95 over HTTP (ms)", ("query_p50_ms", "query_p95_ms"), None),
    ("FTS5 first-run p50 / p95 (ms)", ("query_p50_ms", "query_p95_ms"), "fts5"),
    (
        "warm query p50 / p95, in-process (ms)",
        ("inprocess_warm_p50_ms", "inprocess_warm_p95_ms"),
        None,
    ),
    ("one-file update / no-op update (s)", ("update_one_file_s", "noop_update_s"), None),
    ("`/api/search`, 16 clients (requests/s)", "http_rps", None),
)


def growth_column(results: dict[str, Any]) -> str:
    """This run's column of docs/scaling.md's growth curve, to paste there (**m**: measured)."""
    code = results.get("code", {})
    dirty = ", uncommitted changes" if code.get("dirty_files") else ""
    lines = [
        f"docs/scaling.md, growth curve, {results['passages']:,} passages "
        f"(commit {code.get('commit') or '?'}{dirty}):"
    ]
    for label, key, engine in GROWTH_ROWS:
        figures = results["sqlite_fts5"] if engine else results["archive_search"]
        lines.append(f"| {label} | {_value(figures, key)} **m** |")
    return "\n".join(lines)
