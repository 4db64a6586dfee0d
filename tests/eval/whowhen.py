"""Who, when and where (issue 20), read through the web API of one index of the pages.

``comment-meta.json`` (beside the pages) gives, for each annotated comment the saved page
holds, the commenter's name and the date the page shows, and each page's site. Each
distinct (page, snippet) record that is not marked uncertain is one comment:

- **names**: the comment passage holding the snippet (the first, in page order) has the
  annotated name (compared after NFKC, case folding, whitespace collapsing; a pingback's
  shown "Post | Site" is its title and site); a comment not found as a comment passage
  counts as wrong;
- **dates**: its date is the annotated one, to the minute where the page shows a time,
  else to the day (records without a shown date are not counted);
- **site**: the page's posts carry the annotated site on their hits (``site``, lower case,
  without ``www.``);
- **furniture**: of all comment passages of the index, those whose name carries page
  furniture (``tests/eval/furniture.py``); lower is better;
- **author-filter**: of the 5 most frequent commenter names with a capital letter, those
  whose lower-cased ``author=`` finds what the facet value counts;
- **csv-columns**: of ``post_url``, ``site``, ``language``, those in the CSV export.

Everything is read as a user of ``/api/search``, ``/api/post`` and ``/api/search.csv``
sees it (the Starlette app in process).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from tests.eval.furniture import furniture
from tests.eval.model import Annotation, Miss, RunResult, Tally, saved_text
from tests.eval.scoring import normalise
from web.app import create_app

META = "comment-meta.json"
RATES = ("names", "dates", "site", "furniture", "author-filter", "csv-columns")
CSV_COLUMNS = ("post_url", "site", "language")
COMMENT_SECTIONS = ("comment", "pingback")
CHECKED_NAMES = 5
PER_PAGE = 100


@dataclass(frozen=True)
class Expected:
    """One annotated comment: its page, its words, its name and shown date."""

    page: str
    snippet: str
    author: str
    date: str | None  # YYYY-MM-DDTHH:MM or YYYY-MM-DD, as shown


@dataclass(frozen=True)
class Passage:
    section: str
    author: str
    date: str | None
    text: str
    title: str = ""  # a pingback's linking post

    def shows(self, name: str) -> bool:
        """Whether this is the name the page shows: a pingback shows its link's text,
        "Post | Site", which the index keeps as title and site (author)."""
        wanted = normalise(name)
        if normalise(self.author) == wanted:
            return True
        parts = (normalise(self.title), normalise(self.author))
        return self.section == "pingback" and all(part and part in wanted for part in parts)


def load_meta(folder: Path, pages: tuple[Annotation, ...]) -> tuple[list[Expected], dict[str, str]]:
    """The comments to check and each page's site, for ``pages`` only."""
    data: dict[str, Any] = json.loads((folder / META).read_text(encoding="utf-8"))["pages"]
    wanted = {page.name for page in pages}
    expected: dict[tuple[str, str], Expected] = {}
    sites: dict[str, str] = {}
    for file_name, entry in data.items():
        name = file_name.removesuffix(".html")
        if name not in wanted:
            continue
        sites[name] = str(entry["site"])
        for record in entry["comments"]:
            if record.get("uncertain"):
                continue
            key = (name, record["snippet"])
            expected.setdefault(key, Expected(name, record["snippet"], record["author"],
                                              record.get("date")))  # fmt: skip
    return list(expected.values()), sites


def _site(value: object) -> str:
    return str(value or "").strip().lower().removeprefix("www.")


class Api:
    """The JSON API of one index, as a client reads it."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def search(self, **params: Any) -> dict[str, Any]:
        answer = self.client.get("/api/search", params=params)
        answer.raise_for_status()
        result: dict[str, Any] = answer.json()
        return result

    def hits(self, **params: Any) -> Iterator[dict[str, Any]]:
        page = 1
        while True:
            result = self.search(per_page=PER_PAGE, page=page, sort="oldest", **params)
            yield from result["hits"]
            if page >= result["pages"]:
                return
            page += 1

    def passages(self, post_id: str) -> list[Passage]:
        answer = self.client.get(f"/api/post/{post_id}")
        answer.raise_for_status()
        return [
            Passage(p["section"], p["author"], p["date"], saved_text(p["html"]), p["title"])
            for p in answer.json()["passages"]
            if p["section"] in COMMENT_SECTIONS
        ]


def measure(
    index_dir: Path,
    folder: Path,
    pages: tuple[Annotation, ...],
    file_of: Callable[[Annotation], str],
    result: RunResult,
) -> RunResult:
    """Score the index in ``index_dir`` (of ``pages``' files, named by ``file_of``)."""
    expected, sites = load_meta(folder, pages)
    result.tallies = {rate: Tally() for rate in RATES}
    result.rate_names = RATES
    result.pages = len(pages)
    with TestClient(create_app(index_dir)) as client:
        api = Api(client)
        by_file: dict[str, list[dict[str, Any]]] = {}
        for hit in api.hits():
            by_file.setdefault(Path(hit["source"]).name, []).append(hit)
        _score_comments(api, expected, pages, file_of, by_file, result)
        _score_sites(sites, pages, file_of, by_file, result)
        _score_furniture(by_file, result)
        _score_author_filter(api, result)
        _score_csv(client, result)
    return result


def _score_comments(
    api: Api,
    expected: list[Expected],
    pages: tuple[Annotation, ...],
    file_of: Callable[[Annotation], str],
    by_file: dict[str, list[dict[str, Any]]],
    result: RunResult,
) -> None:
    files = {page.name: file_of(page) for page in pages}
    comments: dict[str, list[Passage]] = {}
    for page, file_name in files.items():
        post_ids = dict.fromkeys(hit["post_id"] for hit in by_file.get(file_name, []))
        comments[page] = [p for post_id in post_ids for p in api.passages(post_id)]
    names, dates = result.tallies["names"], result.tallies["dates"]
    for record in expected:
        passage = _holding(comments[record.page], record.snippet)
        if passage is None:
            names.add(False)
            if record.date:
                dates.add(False)
            result.misses.append(Miss(record.page, "names", f"{_short(record.snippet)!r}: "
                                      "not found as a comment passage"))  # fmt: skip
            continue
        name_ok = passage.shows(record.author)
        names.add(name_ok)
        if not name_ok:
            result.misses.append(Miss(record.page, "names", f"got {passage.author!r}, "
                                      f"the page shows {record.author!r}"))  # fmt: skip
        if record.date:
            got = (passage.date or "")[: len(record.date)]
            dates.add(got == record.date)
            if got != record.date:
                result.misses.append(Miss(record.page, "dates", f"{record.author!r}: got "
                                          f"{passage.date or 'none'}, the page shows "
                                          f"{record.date}"))  # fmt: skip


def _holding(passages: list[Passage], snippet: str) -> Passage | None:
    """The first comment passage whose words (else name, else both) hold the snippet."""
    words = normalise(snippet)
    for read in (
        lambda p: p.text,
        lambda p: p.author,
        lambda p: f"{p.author} {p.text}",
    ):
        for passage in passages:
            if words in normalise(read(passage)):
                return passage
    return None


def _score_sites(
    sites: dict[str, str],
    pages: tuple[Annotation, ...],
    file_of: Callable[[Annotation], str],
    by_file: dict[str, list[dict[str, Any]]],
    result: RunResult,
) -> None:
    for page in pages:
        if page.name not in sites:
            continue
        hits = by_file.get(file_of(page), [])
        got = {_site(hit.get("site")) for hit in hits}
        ok = got == {_site(sites[page.name])}
        result.tallies["site"].add(ok)
        if not ok:
            shown = ", ".join(repr(site) for site in sorted(got)) if hits else "no post"
            result.misses.append(Miss(page.name, "site", f"got {shown}, "
                                      f"annotated {sites[page.name]!r}"))  # fmt: skip


def _score_furniture(by_file: dict[str, list[dict[str, Any]]], result: RunResult) -> None:
    tally = result.tallies["furniture"]
    for file_name, hits in sorted(by_file.items()):
        for hit in hits:
            if hit["section"] != "comment":
                continue
            kind = furniture(hit["author"])
            tally.add(kind is not None)
            if kind:
                page = Path(file_name).stem
                result.misses.append(Miss(page, "furniture", f"{kind}: {hit['author']!r}"))


def _score_author_filter(api: Api, result: RunResult) -> None:
    facet = api.search(section="comment", facet_size=0)["facets"]["author"]
    chosen = [v for v in facet if v["value"] != v["value"].lower()][:CHECKED_NAMES]
    for value in chosen:
        typed = value["value"].lower()
        total = api.search(section="comment", author=typed, per_page=1)["total"]
        result.tallies["author-filter"].add(total == value["count"])
        if total != value["count"]:
            result.misses.append(Miss("(index)", "author-filter", f"author={typed!r} finds "
                                      f"{total}, the facet value {value['value']!r} "
                                      f"counts {value['count']}"))  # fmt: skip


def _score_csv(client: TestClient, result: RunResult) -> None:
    answer = client.get("/api/search.csv", params={"section": "comment"})
    answer.raise_for_status()
    header = answer.text.splitlines()[0].split(",") if answer.text else []
    for column in CSV_COLUMNS:
        result.tallies["csv-columns"].add(column in header)
        if column not in header:
            result.misses.append(Miss("(index)", "csv-columns", f"no {column} column"))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
