"""``make eval``: how well the readers do on real saved pages (issue 10).

Each run is one module in ``tests/eval/runs/`` exposing ``NAME``, ``ORDER`` and
``run(ctx: Context) -> RunResult``; ``python -m tests.eval`` finds them by itself, so
adding a run is adding a file. A run builds an index of its pages through the real CLI
and scores it with ``tests.eval.scoring.score_index``, which reads the index back
through the library's public API (the path ``/api/search`` takes).
"""
