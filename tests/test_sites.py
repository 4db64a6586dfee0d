"""Who, when and where as people type them (issue 20, items 3, 5, 6, 8), through a real
index of seven sites in every format (``sites_index_dir``) and the CLI: every post's
site, the site facet; author, category, tag and site filters regardless of case and
accents; languages by name; why a passage with nothing marked matched."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from indexer import ArchiveIndex, build_request
from indexer.core.models import Post, Section
from indexer.store.schema import documents_for_post
from tests.paths import FIXTURES
from tests.readers.conftest import read_file
from web.cli import main

# The site facet of the seven files: (site, passages). The text page names its blog in
# the permalink a pingback quotes; the other text page, nothing: its folder's name.
SITES = [
    ("wgdd.de", 335),
    ("en.blog.wordpress.com", 17),
    ("oaklandoccupypatriarchy.wordpress.com", 12),
    ("thenervousbreakdown.com", 12),
    ("lobsterino.wordpress.com", 2),
    ("notes", 1),
    ("playground.internal", 1),
]
LEIDERT = 252  # passages by Daniel Leidert (the Blogger export's author)
DEBIAN = 227  # passages of posts in his category "debian"


def cli(index_dir: Path, *arguments: str) -> Any:
    result = CliRunner().invoke(main, ["query", *arguments, "--index", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_post_carries_its_site(sites_index_dir: Path) -> None:
    result = ArchiveIndex.open(sites_index_dir).search(build_request("", facet_size=0))
    assert [(value.value, value.count) for value in result.facets["site"]] == SITES
    assert result.to_json()["facets"]["site"][0] == {
        "value": "wgdd.de",
        "count": 335,
        "selected": False,
        "label": "wgdd.de",
    }


@pytest.mark.parametrize("typed", ["wgdd.de", "WGDD.DE", "www.wgdd.de", "https://www.wgdd.de/"])
def test_the_site_filter_takes_the_site_as_typed(sites_index_dir: Path, typed: str) -> None:
    data = cli(sites_index_dir, "", "--site", typed, "--per-page", "100")
    assert data["total"] == 335
    assert {hit["site"] for hit in data["hits"]} == {"wgdd.de"}
    assert data["facets"]["site"][0] == {
        "value": "wgdd.de",
        "count": 335,
        "selected": True,
        "label": "wgdd.de",
    }


@pytest.mark.parametrize("typed", ["Daniel Leidert", "daniel leidert", "DANIEL  LEIDERT"])
def test_the_author_filter_finds_what_the_query_finds(sites_index_dir: Path, typed: str) -> None:
    assert cli(sites_index_dir, 'author:"Daniel Leidert"')["total"] == LEIDERT
    data = cli(sites_index_dir, "", "--author", typed)
    assert data["total"] == LEIDERT
    # The facet lists the name as the archive writes it, selected.
    assert data["facets"]["author"][0]["value"] == "Daniel Leidert"
    assert data["facets"]["author"][0]["selected"] is True


def test_category_and_accents_as_people_type(sites_index_dir: Path) -> None:
    assert cli(sites_index_dir, "", "--category", "Debian")["total"] == DEBIAN
    assert cli(sites_index_dir, "", "--category", "debian")["total"] == DEBIAN
    # "A̸̰̅d̴̰͝m̵͎̽i̵̱̋n̷̰̎" (combining marks on every letter, wxr-utf-8-challenges.xml) is "admin" to a
    # filter typed without them.
    data = cli(sites_index_dir, "", "--author", "admin")
    assert [hit["site"] for hit in data["hits"]] == ["playground.internal"]


@pytest.mark.parametrize("typed", ["german", "German", "de", "DE"])
def test_a_language_by_name_or_code(sites_index_dir: Path, typed: str) -> None:
    data = cli(sites_index_dir, "", "--language", typed)
    assert data["filters"]["language"] == ["de"]
    assert data["total"] == 44 == cli(sites_index_dir, "language:german")["total"]


def test_languages_are_named_in_facets_and_the_terminal(sites_index_dir: Path) -> None:
    data = cli(sites_index_dir, "")
    assert [(v["value"], v["label"], v["count"]) for v in data["facets"]["language"]] == [
        ("en", "English", 333),
        ("de", "German", 44),
        ("und", "Unknown", 3),
    ]
    assert cli(sites_index_dir, "", "--language", "unknown")["total"] == 3
    shown = CliRunner().invoke(
        main, ["query", "Impressum", "--index", str(sites_index_dir), "--language", "German"]
    )
    assert shown.exit_code == 0, shown.output
    # The blog's own time (published "…23:06…+02:00"), as every reader keeps it.
    assert "[post] Daniel Leidert · 2019-05-09 23:06 · wgdd.de · German · Impressum" in (
        shown.stdout
    )
    assert "| language: German (1) |" in shown.stdout


def test_a_bad_language_says_what_it_takes(sites_index_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "", "--language", "klingon", "--index", str(sites_index_dir)]
    )
    assert result.exit_code == 2
    assert "language must be a code such as en or de, or a name such as German" in result.output


def test_a_passage_found_through_title_or_author_says_so(sites_index_dir: Path) -> None:
    title = cli(sites_index_dir, "Loneliest")
    (hit,) = title["hits"]
    assert (hit["matched_in"], hit["site"]) == ("title", "thenervousbreakdown.com")
    assert "<mark>" not in hit["snippet"]
    assert hit["post_title_html"].startswith("The <mark>Loneliest</mark> Woman in the World")
    author = cli(sites_index_dir, "bebopper76")
    assert [(h["author"], h["matched_in"]) for h in author["hits"]] == [
        ("bebopper76", "author")
    ] * 3
    # A passage whose text matches says nothing more.
    assert {h["matched_in"] for h in cli(sites_index_dir, "diverse")["hits"]} == {""}
    shown = CliRunner().invoke(main, ["query", "Loneliest", "--index", str(sites_index_dir)])
    assert "(matched in the title)" in shown.stdout


def test_exports_carry_the_citation(sites_index_dir: Path) -> None:
    command = ["query", "", "--site", "lobsterino.wordpress.com", "--format", "csv", "--all"]
    result = CliRunner().invoke(main, [*command, "--index", str(sites_index_dir)])
    assert result.exit_code == 0, result.output
    cited = ("post_url", "site", "language", "categories", "tags", "author")
    rows = [
        (row["id"].split("#")[1], *(row[name] for name in cited))
        for row in csv.DictReader(io.StringIO(result.stdout))
    ]
    original = "http://lobsterino.wordpress.com/2010/02/06/hello-world/"
    cites = (original, "lobsterino.wordpress.com", "en", "Uncategorized", "tag")
    assert rows == [("post-1", *cites, "lobsterino"), ("comment-1", *cites, "Mr WordPress")]
    lines = CliRunner().invoke(
        main,
        ["query", "", "--site", "notes", "--format", "jsonl", "--index", str(sites_index_dir)],
    )
    (row,) = [json.loads(line) for line in lines.stdout.splitlines()]
    assert (row["site"], row["post_url"], row["categories"], row["tags"]) == ("notes", "", [], [])


def test_a_post_with_too_little_body_takes_its_language_from_the_rest() -> None:
    """WordPress's "Edge Case: No Content" post has no body; its one comment, 90 letters
    of English, was "und" (too short to detect alone, and its post's language)."""
    export = FIXTURES / "wxr" / "theme-unit-test-data.xml"
    _, posts, _ = read_file(export)
    post = next(post for post in posts if post.title == "Edge Case: No Content")
    assert [passage.section for passage in post.passages] == [Section.COMMENT]
    languages = [document["language"] for document in documents_for_post(post)]
    assert languages == ["en"]
    assert _only_title_language() == "und"  # nothing to read at all: still unknown


def _only_title_language() -> str:
    (document,) = documents_for_post(Post(title="woop", source="woop.txt"))
    return str(document["language"])
