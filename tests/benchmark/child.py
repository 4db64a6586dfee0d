"""Builds run in child processes, so each one's peak RSS is its own (``os.wait4``).

``python -m tests.benchmark.child archive-search ARCHIVE INDEX`` or
``... fts5 ARCHIVE DATABASE`` prints one JSON line with what the build reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def run_build(engine: str, archive: Path, target: Path) -> dict[str, Any]:
    """Run one build in a child; its report plus wall seconds and peak RSS (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmark.child", engine, str(archive), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    with process.stdout:
        output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{engine} build failed (exit {process.returncode})")
    report: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    report["wall_s"] = time.perf_counter() - started
    report["rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return report


def main(arguments: list[str]) -> None:
    engine, archive, target = arguments[0], Path(arguments[1]), Path(arguments[2])
    if engine == "archive-search":
        from indexer import index_archive

        report = index_archive([archive], target, rebuild=True)
        failed = [outcome.source for outcome in report.failed]
        print(
            json.dumps(
                {
                    "passages": report.passages,
                    "posts": report.posts,
                    "seconds": report.elapsed_s,
                    "failed": failed,
                    "warnings": len(report.warnings),
                }
            )
        )
    elif engine == "fts5":
        from .fts5 import build

        print(json.dumps(build(archive, target)))
    else:
        raise SystemExit(f"unknown engine {engine!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
