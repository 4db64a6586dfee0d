"""Times as the page showed them, with the offset it stated (docs/formats.md, "Times"),
through the web app: the JSON API, the post page's <time> and the Atom feed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import index_archive
from tests.web.conftest import TestClient
from web.app import create_app

# "14 de septiembre de 2015 a las 19:30", <time datetime="2015-09-14T19:30:00+02:00">.
PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "commentsystems" / "wp-html5-es.html"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    archive = tmp_path_factory.mktemp("archive")
    shutil.copy(PAGE, archive / PAGE.name)
    index = tmp_path_factory.mktemp("index") / ".index"
    index_archive([archive], index)
    with TestClient(create_app(index)) as test_client:
        yield test_client


def test_a_comment_keeps_the_time_shown_and_its_offset(client: TestClient) -> None:
    [hit] = client.get("/api/search", params={"q": "fuente"}).json()["hits"]
    assert (hit["author"], hit["date"], hit["utc_offset"]) == (
        "Caminante", "2015-09-14T19:30", "+02:00",
    )  # fmt: skip
    page = client.get(hit["url"].split("#")[0]).text
    assert '<time datetime="2015-09-14T19:30+02:00">' in page
    feed = client.get("/search.atom", params={"q": "fuente"}).text
    assert "<updated>2015-09-14T19:30:00+02:00</updated>" in feed


def test_exports_carry_the_offset_beside_the_time_shown(client: TestClient) -> None:
    csv_lines = client.get("/api/search.csv", params={"q": "fuente"}).text.splitlines()
    header, row = csv_lines[0].split(","), csv_lines[1].split(",")
    assert (row[header.index("date")], row[header.index("utc_offset")]) == (
        "2015-09-14T19:30", "+02:00",
    )  # fmt: skip
    [line] = client.get("/api/search.jsonl", params={"q": "fuente"}).text.splitlines()
    row = json.loads(line)
    assert (row["date"], row["date_precision"], row["utc_offset"]) == (
        "2015-09-14T19:30", "minute", "+02:00",
    )  # fmt: skip
