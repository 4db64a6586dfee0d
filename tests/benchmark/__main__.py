"""``python -m tests.benchmark --passages 100000`` (what ``make bench`` runs)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.benchmark.queries import KINDS
from tests.benchmark.run import run_benchmark


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmark", description=__doc__)
    parser.add_argument("--passages", type=int, default=100_000, help="archive size (passages)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--out", type=Path, default=Path(".bench"), help="work and result folder")
    parser.add_argument(
        "--http-seconds", type=float, default=20.0, help="HTTP load duration; 0 skips it"
    )
    parser.add_argument(
        "--profile", choices=KINDS, action="append", help="cProfile a query kind (repeatable)"
    )
    options = parser.parse_args()
    run_benchmark(
        options.passages,
        options.out,
        seed=options.seed,
        http_seconds=options.http_seconds,
        profiles=options.profile or (),
    )


if __name__ == "__main__":
    main()
