"""``python -m tests.eval [--run html,text] [--pages N] [--fixtures PATH]``: see __init__."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from tests.eval.errata import ERRATA, ErratumRefused, load_errata
from tests.eval.model import Annotation, Context, RunResult
from tests.eval.report import print_result, record
from tests.eval.runs import registered

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    runs = registered()
    parser = argparse.ArgumentParser(prog="python -m tests.eval", description=__doc__)
    parser.add_argument(
        "--run",
        default=",".join(runs),
        help=f"runs, comma-separated (default: all of {', '.join(runs)})",
    )
    parser.add_argument(
        "--pages",
        type=int,
        default=None,
        help="only the first N pages (by name): a quick smoke run",
    )
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=ROOT.parent / "shared" / "fixtures",
        help="folder holding html-eval/ (default: ../shared/fixtures)",
    )
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="print only; do not touch docs/ (implied by --pages)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="also write every run's figures and misses to this JSON file",
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    parser.add_argument("--errata", type=Path, default=ERRATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)  # fmt: skip

    names = [name.strip() for name in args.run.split(",") if name.strip()]
    unknown = [name for name in names if name not in runs]
    if unknown:
        parser.error(f"unknown run(s) {', '.join(unknown)}: choose from {', '.join(runs)}")
    folder = args.fixtures.resolve() / "html-eval"
    annotations = sorted(folder.glob("*.expected.json")) if folder.is_dir() else []
    if not annotations:
        parser.error(
            f"no annotated pages in {folder}: pass --fixtures PATH, the folder that holds "
            "html-eval/ (the project's shared fixtures, ../shared/fixtures by default)"
        )
    pages = tuple(Annotation.load(path) for path in annotations)[: args.pages]
    try:
        errata = load_errata(pages, lambda page: _read(folder / f"{page.name}.html"), args.errata)
    except ErratumRefused as error:
        parser.error(str(error))

    results: list[RunResult] = []
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"eval-{name}-") as scratch:
            ctx = Context(root=ROOT, fixtures=args.fixtures.resolve(), pages=pages,
                          workdir=Path(scratch), errata=errata)  # fmt: skip
            started = time.perf_counter()
            result = runs[name].run(ctx)
            result.elapsed_s = time.perf_counter() - started
        print_result(result)
        results.append(result)
    if args.json:
        args.json.write_text(json.dumps([r.to_json() for r in results], ensure_ascii=False,
                                        indent=2), encoding="utf-8")  # fmt: skip
    if not args.no_record and args.pages is None:
        record(results, args.docs, ROOT)
        print(f"written: {args.docs / 'eval.md'}, {args.docs / 'eval-history.jsonl'}")
    return 0


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
