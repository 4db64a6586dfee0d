"""The benchmark harness at a tiny size: it runs, its JSON has the promised shape,
and both engines agree on exact match sets (so it cannot silently rot). No timings
are asserted."""

from __future__ import annotations

import json
from pathlib import Path

from indexer import ArchiveIndex, build_request
from tests.benchmark.fts5 import Fts5Searcher
from tests.benchmark.generate import Generator
from tests.benchmark.queries import KINDS, PER_KIND, QuerySpec
from tests.benchmark.report import GROWTH_ROWS, growth_column
from tests.benchmark.run import run_benchmark
from tests.benchmark.vocabulary import HEAD_WORDS

PASSAGES = 2000
QUERIES = len(KINDS) * PER_KIND  # 300: every kind, the phrases of common words too


def test_benchmark_runs_and_engines_agree(tmp_path: Path) -> None:
    results = run_benchmark(PASSAGES, tmp_path, http_seconds=0, quiet=True)

    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved["passages"] == results["passages"] >= PASSAGES
    assert saved["archive"]["passages"] == saved["passages"]  # the readers found every passage
    ours_keys = {"build_passages_per_s", "query_p50_ms", "query_p95_ms", "query_p99_ms",
                 "update_one_file_s", "noop_update_s", "index_mb", "indexer_rss_mb",
                 "server_rss_mb", "http_rps"}  # fmt: skip
    assert ours_keys <= saved["archive_search"].keys()
    assert {"build_passages_per_s", "query_p50_ms", "query_p95_ms", "query_p99_ms",
            "index_mb"} <= saved["sqlite_fts5"].keys() == saved["fts5"].keys()  # fmt: skip
    assert {"query_p50_vs_fts5", "query_p95_vs_fts5", "build_vs_fts5", "warm_p50_vs_fts5",
            "build_vs_fts5_presplit"} <= saved["ratios"].keys()  # fmt: skip
    # The headline is each query's first run over HTTP in a fresh server, warm beside it.
    assert saved["archive_search"]["query_method"].startswith("HTTP")
    assert saved["archive_search"]["queries"] == saved["sqlite_fts5"]["queries"] == QUERIES
    assert {"warm_p50_ms", "warm_p95_ms", "inprocess_query_p50_ms", "independent_p95_ms"} <= saved[
        "archive_search"
    ].keys()
    assert saved["archive_search"]["build_method"].startswith("archive-search index")
    assert 0 < saved["sqlite_fts5"]["build_parse_s"] < saved["sqlite_fts5"]["build_wall_s"]
    assert saved["archive_search"]["update_found"] == 1
    assert saved["archive_search"]["noop_files_changed"] == 0
    assert {"phrase_common", "phrase3"} <= saved["archive_search"]["by_kind"].keys()
    assert saved["match_counts"]["equal"] == saved["match_counts"]["queries"] == QUERIES
    # The column to paste into docs/scaling.md's growth curve, from these figures.
    column = growth_column(saved).splitlines()
    assert len(column) == 1 + len(GROWTH_ROWS)
    sizes = [line for line in column if line.startswith("| index size (MB) | ")]
    assert len(sizes) == 1 and "—" not in sizes[0] and sizes[0].endswith(" **m** |")

    # A single common word: both engines return exact match sets of the same size.
    word = Generator().words.items[len(HEAD_WORDS)]
    ours = ArchiveIndex.open(tmp_path / f"index-{PASSAGES}").search(build_request(word))
    searcher = Fts5Searcher(tmp_path / f"fts5-{PASSAGES}.sqlite")
    try:
        theirs = searcher.search(QuerySpec("common", word, words=(word,)))
    finally:
        searcher.close()
    assert ours.total == theirs["total"] > 100
    assert ours.total_posts == theirs["total_posts"]
    assert len(ours.hits) == len(theirs["hits"]) == 10
