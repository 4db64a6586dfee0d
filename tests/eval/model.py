"""The harness's plain data: annotated pages, a run's context, and what a run measured."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TAG = re.compile(r"<[^>]+>")
# The six rates of issue 10, in the order they are printed.
RATES = ("title", "date", "author", "with", "without", "comments")
# Second readings of a rate, beside the headline (which stays exactly as the issue defines
# it): over the snippets the saved page holds at all (annotators also saw comments loaded
# by script), and with the annotation errata of ``errata.toml`` applied.
IN_SAVED_PAGE = "in_saved_page"
ERRATA_APPLIED = "errata_applied"


@dataclass(frozen=True)
class Annotation:
    """One page's ``.expected.json`` (trafilatura's evaldata entry)."""

    name: str  # the page's file name without ``.html``
    url: str
    title: str
    date: str  # YYYY-MM-DD (zero-padded here), "" when not annotated
    author: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    comments: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> Annotation:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            name=path.name.removesuffix(".expected.json"),
            url=str(data.get("url") or "").strip(),
            title=str(data.get("title") or "").strip(),
            date=_padded(str(data.get("date") or "").strip()),
            author=str(data.get("author") or "").strip(),
            with_=tuple(data.get("with") or ()),
            without=tuple(data.get("without") or ()),
            comments=tuple(data.get("comments") or ()),
        )


def _padded(day: str) -> str:
    """``2022-11-1`` (one annotation is written so) -> ``2022-11-01``."""
    parts = day.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return day
    return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"


@dataclass(frozen=True)
class Context:
    """What every run gets: the fixtures, which pages, a scratch folder, the repo root."""

    root: Path  # the repository
    fixtures: Path  # holds html-eval/ (and whatever other runs need)
    pages: tuple[Annotation, ...]  # the html-eval pages to use, in name order
    workdir: Path  # a fresh temporary folder for this run
    # page name -> {field: what the page says}: the errata (``errata.toml``) of these pages
    errata: dict[str, dict[str, str]] = field(default_factory=dict)

    def page_file(self, page: Annotation) -> Path:
        return self.fixtures / "html-eval" / f"{page.name}.html"

    def page_html(self, page: Annotation) -> str:
        return self.page_file(page).read_bytes().decode("utf-8", errors="replace")

    def page_text(self, page: Annotation) -> str:
        return saved_text(self.page_html(page))

    @property
    def cli(self) -> Path:
        """The real ``archive-search`` command of this virtualenv."""
        import sys

        return Path(sys.executable).parent / "archive-search"


def saved_text(markup: str) -> str:
    """Everything a saved page says, markup stripped (scripts' text included): a snippet
    not even here cannot be indexed from this page by any reader."""
    return html.unescape(_TAG.sub(" ", markup))


@dataclass
class Tally:
    """One rate: right out of counted (pages or snippets where the annotation gives it)."""

    right: float = 0  # a count, or a sum of reciprocal ranks (known-item run)
    counted: int = 0
    # Second readings of the same rate (IN_SAVED_PAGE, ERRATA_APPLIED), by name.
    also: dict[str, Tally] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        return self.right / self.counted if self.counted else None

    def add(self, ok: bool) -> None:
        self.counted += 1
        self.right += ok

    def second(self, name: str) -> Tally:
        """The second reading ``name`` of this rate, created empty on first use."""
        return self.also.setdefault(name, Tally())


@dataclass(frozen=True)
class Miss:
    page: str
    rate: str  # one of RATES, or "page" for a page that was not indexed at all
    reason: str


@dataclass
class RunResult:
    name: str
    description: str  # one line: what was indexed and how
    pages: int = 0
    tallies: dict[str, Tally] = field(default_factory=lambda: {rate: Tally() for rate in RATES})
    rate_names: tuple[str, ...] = RATES  # a run measuring other things names its own
    misses: list[Miss] = field(default_factory=list)
    elapsed_s: float = 0.0
    # "reader: family" -> pages (tests/eval/families.py); empty for runs that read no pages
    families: dict[str, int] = field(default_factory=dict)

    def rates(self) -> dict[str, float | None]:
        return {rate: self.tallies[rate].rate for rate in self.rate_names}

    def to_json(self) -> dict[str, Any]:
        return {
            "run": self.name,
            "description": self.description,
            "pages": self.pages,
            "rates": {name: _rounded(value) for name, value in self.rates().items()},
            "counts": {rate: [tally.right, tally.counted] for rate, tally in self.tallies.items()},
            # e.g. {"comments": {"in_saved_page": {"rate": 0.97, "counts": [141, 145]}}}
            "also": {
                rate: {
                    name: {"rate": _rounded(second.rate), "counts": [second.right, second.counted]}
                    for name, second in tally.also.items()
                }
                for rate, tally in self.tallies.items()
                if tally.also
            },
            "misses": [
                {"page": miss.page, "rate": miss.rate, "reason": miss.reason}
                for miss in self.misses
            ],
            "elapsed_s": round(self.elapsed_s, 1),
            "families": self.families,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
