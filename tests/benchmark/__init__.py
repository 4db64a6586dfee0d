"""The benchmark of issue 6: archive-search against SQLite FTS5, one run, one report.

``python -m tests.benchmark --passages 100000`` (``make bench``) generates a
seeded archive under ``.bench/``, builds both indexes, measures both, and
writes ``.bench/results.json``. See docs/performance.md.
"""
