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
import html
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer import ArchiveIndex, build_request, index_archive
from indexer.errors import ArchiveSearchError
from tests.eval.model import saved_text
from tests.eval.scoring import normalise

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
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
    name: str  # as the eval harness names the rate
    scores: list[float] = field(default_factory=list)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (page, what and why)
    # The scores of only the snippets the saved page holds at all (comments: annotators
    # also saw comments loaded by script, which no reader of the saved file can index).
    in_saved_page: list[float] = field(default_factory=list)

    @property
    def value(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


def _pages(fixtures: Path, names: set[str] | None) -> Iterable[tuple[Path, dict[str, Any]]]:
    for expected in sorted(fixtures.glob("html*/*.expected.json")):
        if names is not None and expected.name.removesuffix(".expected.json") not in names:
            continue
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


class PageTexts:
    """Each page's indexed passages (by source), to tell why a snippet was missed:
    its words are in no one passage of the page (what the reader indexed), or they
    are and the page ranked below the top 10."""

    def __init__(self, archive: ArchiveIndex) -> None:
        self.archive = archive
        self.posts: dict[str, set[str]] = {}
        page = 1
        while True:
            listed = archive.search(build_request("", per_page=100, page=page))
            for hit in listed.hits:
                self.posts.setdefault(str(Path(hit.source).resolve()), set()).add(hit.post_id)
            if page * 100 >= listed.total:
                break
            page += 1

    def why(self, source: str, query: str, section: str | None) -> str:
        wanted = set(_folded(query))
        for post_id in self.posts.get(str(Path(source).resolve()), ()):
            for passage in self.archive.post(post_id).passages:
                if (section is None or passage.section == section) and wanted <= set(
                    _folded(html.unescape(passage.html))
                ):
                    return "ranked below 10"
        place = f"{section} passage" if section else "passage"
        return f"not in any one {place} of the page as indexed"


def _folded(text: str) -> list[str]:
    return [word.lower() for word in _WORD_RE.findall(text)]


def evaluate(archive: ArchiveIndex, fixtures: Path, names: set[str] | None = None) -> list[Measure]:
    """The three measures over the annotated pages (only ``names`` when given)."""
    texts = PageTexts(archive)
    title = Measure("title-mrr")
    text = Measure("text-mrr")
    comments = Measure("comment-recall")
    for page, expected in _pages(fixtures, names):
        source = str(page)
        name = page.name.removesuffix(".html")
        if expected.get("title"):
            query = str(expected["title"])
            rank, why = _rank(archive, query, source, None)
            title.scores.append(1 / rank if rank else 0.0)
            if not rank:
                title.misses.append((name, f"{query!r}: {texts.why(source, query, None)}; {why}"))
        for snippet in expected.get("with") or []:
            query = plain_words(str(snippet))
            rank, why = _rank(archive, query, source, None)
            text.scores.append(1 / rank if rank else 0.0)
            if not rank:
                text.misses.append((name, f"{query!r}: {texts.why(source, query, None)}; {why}"))
        saved = normalise(saved_text(page.read_bytes().decode("utf-8", "replace")))
        for snippet in expected.get("comments") or []:
            query = plain_words(str(snippet))
            rank, why = _rank(archive, query, source, "comment")
            comments.scores.append(1.0 if rank else 0.0)
            if normalise(str(snippet)) in saved:
                comments.in_saved_page.append(1.0 if rank else 0.0)
            if not rank:
                reason = texts.why(source, query, "comment")
                comments.misses.append((name, f"{query!r}: {reason}; {why}"))
    return [title, text, comments]


def build_index(directory: Path, fixtures: Path = FIXTURES) -> None:
    """One mixed index of the sample data and every shared fixture."""
    sources = [ROOT / "data", fixtures]
    index_archive([source for source in sources if source.exists()], directory, rebuild=True)


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
        if measure.in_saved_page:
            present = measure.in_saved_page
            print(f"  of those in the saved page: {sum(present) / len(present):.2f} "
                  f"({sum(present):g}/{len(present)})")  # fmt: skip
        if arguments.misses:
            for page, miss in measure.misses:
                print(f"  miss {page}: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
