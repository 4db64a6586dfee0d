"""The language facet, added as one class (``LanguageFacet``) in the registry: this test
shows that the search, the JSON contract, the sidebar, the CLI and the OpenAPI
parameters all pick it up with nothing else written for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from starlette.testclient import TestClient

from indexer import ArchiveIndex, Passage, Post, Section, build_request
from indexer.errors import BadParameter
from indexer.store.schema import documents_for_post
from indexer.store.storage import create_index, exclusive_writer
from web.app import create_app
from web.cli.main import main

# Two posts, passages in English and German (what the language detector will record).
POSTS = [
    Post(
        title="Police report",
        source="report.txt",
        author="Cat",
        date=datetime(2012, 6, 14),
        passages=[
            Passage(Section.POST, "post-1", "The police report came out today.", language="en"),
            Passage(
                Section.COMMENT,
                "comment-1",
                "Die Polizei hat nichts gesagt.",
                author="Lena",
                language="de",
            ),
            Passage(
                Section.COMMENT,
                "comment-2",
                "Nobody from the police answered.",
                author="Sam",
                language="en",
            ),
        ],
    ),
    Post(
        title="Polizeibericht",
        source="bericht.txt",
        author="Lena",
        date=datetime(2013, 1, 2),
        passages=[Passage(Section.POST, "post-1", "Der Bericht der Polizei.", language="de")],
    ),
]
REPORT, BERICHT = (post.post_id for post in POSTS)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("language") / "index"
    index = create_index(folder)
    with exclusive_writer(index, folder) as writer:
        for post in POSTS:
            for document in documents_for_post(post):
                writer.add_document(**document)
        writer.commit()
    return folder


@pytest.fixture(scope="module")
def client(index_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(index_dir)) as test_client:
        yield test_client


def test_selecting_a_language_filters_and_keeps_the_other_counts(index_dir: Path) -> None:
    archive = ArchiveIndex.open(index_dir)
    result = archive.search(build_request("", language=["de"]))
    assert sorted(hit.id for hit in result.hits) == [f"{REPORT}#comment-1", f"{BERICHT}#post-1"]
    counts = {value.value: (value.count, value.selected) for value in result.facets["language"]}
    assert counts == {"de": (2, True), "en": (2, False)}  # disjunctive: English still counted
    assert result.to_json()["filters"]["language"] == ["de"]
    both = archive.search(build_request("", language=["de", "en"], author=["Sam", "Lena"]))
    assert sorted(hit.id for hit in both.hits) == [
        f"{REPORT}#comment-1",
        f"{REPORT}#comment-2",
        f"{BERICHT}#post-1",
    ]


def test_a_bad_language_says_why() -> None:
    with pytest.raises(BadParameter, match="language must be a code such as en"):
        build_request("", language=["<script>"])


def test_api_sidebar_and_openapi_know_the_facet(client: TestClient) -> None:
    data = client.get("/api/search", params={"language": "en"}).json()
    assert {hit["id"] for hit in data["hits"]} == {
        f"{REPORT}#post-1",
        f"{REPORT}#comment-2",
    }
    assert client.get("/api/search", params={"language": "xx-yy"}).status_code == 400
    soup = BeautifulSoup(client.get("/", params={"language": "en"}).text, "html.parser")
    group = soup.select_one("section.facet-language")
    assert group is not None and group.h2 is not None and group.h2.get_text() == "Language"
    links = {
        link.select_one(".facet-label").get_text(strip=True): (
            link.select_one(".count").get_text(" ", strip=True),
            link["aria-checked"],
            link["href"],
        )
        for link in group.select("a[role=checkbox]")
    }
    # Named, filtered by code.
    assert links == {
        "German": ("2 passages", "false", "/?language=en&language=de"),
        "English": ("2 passages", "true", "/"),
    }
    parameters = client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["parameters"]
    assert "language" in {parameter["name"] for parameter in parameters}


def test_cli_has_the_option(index_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "polizei", "--language", "de", "--index", str(index_dir), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [hit["id"] for hit in data["hits"]] == [f"{BERICHT}#post-1", f"{REPORT}#comment-1"]
    assert data["filters"]["language"] == ["de"]
