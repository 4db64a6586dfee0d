"""Builds run in child processes, so each one's peak RSS is its own (``os.wait4``).

Ours is what a user runs: ``archive-search index ARCHIVE --rebuild`` (the CLI, from
the archive's files; its worker processes included). FTS5's is
``python -m tests.benchmark.child fts5 ARCHIVE DATABASE``, one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmark.serverload import CLI


def run_build(engine: str, archive: Path, target: Path) -> dict[str, Any]:
    """Run one build in a child; its report plus wall seconds and peak RSS (MB)."""
    started = time.perf_counter()
    if engine == "archive-search":
        command = [*CLI, "index", str(archive), "--index", str(target), "--rebuild", "--json"]
    else:
        command = [sys.executable, "-m", "tests.benchmark.child", engine, str(archive), str(target)]
    process = subprocess.Popen(
        command,
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
    report: dict[str, Any] = json.loads(
        output if engine == "archive-search" else output.strip().splitlines()[-1]
    )
    report["wall_s"] = time.perf_counter() - started
    # Kilobytes on Linux; the largest of the process and the children it waited for.
    report["rss_mb"] = usage.ru_maxrss / 1024
    return report


def main(arguments: list[str]) -> None:
    engine, archive, target = arguments[0], Path(arguments[1]), Path(arguments[2])
    if engine != "fts5":
        raise SystemExit(f"unknown engine {engine!r}")
    from tests.benchmark.fts5 import build

    print(json.dumps(build(archive, target)))


if __name__ == "__main__":
    main(sys.argv[1:])
