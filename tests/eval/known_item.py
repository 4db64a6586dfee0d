"""Known-item evaluation: can a user find a page by what they remember of it?

One mixed index of ``data/`` and all of ``../shared/fixtures/`` (WXR, Blogger, html,
html-eval). For every annotated page (``*.expected.json``):

- **title**: its annotated title typed as is; reciprocal rank of the first of the top 10
  hits from that page (title MRR@10);
- **text**: each ``with`` snippet's inner words (``plain_words``: punctuation and the
  possibly cut edge words left out) as plain words; reciprocal rank of the first hit from
  that page (text MRR@10);
- **comments**: each ``comments`` snippet the same way, expecting a *comment* passage of
  that page among the top 10 (comment recall@10).

Misses are listed with why (what was searched, what came first), so a ranking change can
be judged by them. Run: ``python -m tests.eval.known_item [--index DIR] [--misses]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer import ArchiveIndex, build_request, index_archive
from indexer.errors import ArchiveSearchError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
SOURCES = (ROOT / "data", FIXTURES)
TOP = 10
INNER_FROM = 4
_WORD_RE = re.compile(r"\w+(?:[-'.’]\w+)*")


def plain_words(snippet: str) -> str:
    """A snippet as a user retypes it: its inner words, without punctuation or quotes.

    The annotators cut snippets out of running text, often mid-word ("ann Nach
    Informationen ... erklärte auch in d"): of a snippet of 4 words or more the first and
    last word are left out, as they may be fragments; shorter ones are taken whole."""
    words = _WORD_RE.findall(snippet)
    return " ".join(words[1:-1] if len(words) >= INNER_FROM else words)


@dataclass
class Measure:
    name: str
    scores: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


def _pages(fixtures: Path) -> Iterable[tuple[Path, dict[str, object]]]:
    for expected in sorted(fixtures.glob("html*/*.expected.json")):
        page = expected.with_name(expected.name.replace(".expected.json", ".html"))
        yield page, json.loads(expected.read_text(encoding="utf-8"))


def _rank(archive: ArchiveIndex, query: str, source: str, section: str | None) -> tuple[int, str]:
    """1-based rank of the first top-10 hit from ``source`` (and ``section``), 0 if none;
    and a short account of what came first, for the misses list."""
    try:
        result = archive.search(build_request(query, per_page=TOP))
    except ArchiveSearchError as error:
        return 0, f"refused: {error}"
    for rank, hit in enumerate(result.hits, start=1):
        if Path(hit.source).resolve() == Path(source).resolve() and (
            section is None or hit.section == section
        ):
            return rank, ""
    first = result.hits[0] if result.hits else None
    why = f"{result.total} hits" + (
        f"; first: {first.section} of {first.post_title[:50]!r} ({Path(first.source).name})"
        if first
        else ""
    )
    if result.warnings:
        why += f"; warnings: {'; '.join(result.warnings)}"
    return 0, why


def evaluate(archive: ArchiveIndex, fixtures: Path) -> list[Measure]:
    title = Measure("title MRR@10")
    text = Measure("text MRR@10")
    comments = Measure("comment recall@10")
    for page, expected in _pages(fixtures):
        source = str(page)
        name = page.name
        if expected.get("title"):
            query = str(expected["title"])
            rank, why = _rank(archive, query, source, None)
            title.scores.append(1 / rank if rank else 0.0)
            if not rank:
                title.misses.append(f"{name}: {query!r}: {why}")
        for snippet in expected.get("with") or []:  # type: ignore[union-attr]
            query = plain_words(str(snippet))
            rank, why = _rank(archive, query, source, None)
            text.scores.append(1 / rank if rank else 0.0)
            if not rank:
                text.misses.append(f"{name}: {query!r}: {why}")
        for snippet in expected.get("comments") or []:  # type: ignore[union-attr]
            query = plain_words(str(snippet))
            rank, why = _rank(archive, query, source, "comment")
            comments.scores.append(1.0 if rank else 0.0)
            if not rank:
                comments.misses.append(f"{name}: {query!r}: {why}")
    return [title, text, comments]


def build_index(directory: Path) -> None:
    index_archive([source for source in SOURCES if source.exists()], directory, rebuild=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, help="reuse this index (built if missing)")
    parser.add_argument("--misses", action="store_true", help="list every miss and why")
    arguments = parser.parse_args(argv)
    if not FIXTURES.exists():
        print(f"no fixtures at {FIXTURES}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        directory = arguments.index or Path(scratch) / "index"
        if not directory.exists():
            build_index(directory)
        measures = evaluate(ArchiveIndex.open(directory), FIXTURES)
    for measure in measures:
        print(f"{measure.name}: {measure.value:.2f} ({len(measure.scores)} queries, "
              f"{len(measure.misses)} missed)")  # fmt: skip
        if arguments.misses:
            for miss in measure.misses:
                print(f"  miss {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
