"""The local cluster is a real OpenSearch: it takes our export of data/ (mapping and bulk
files from ``archive-search export --format opensearch``) and answers searches over HTTP
with the analyzers our mapping names (analysis-common's language analyzers)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.paths import ROOT

INDEX = "smoke-passages"
CLI = str(Path(sys.executable).with_name("archive-search"))


def _cli(*args: str) -> str:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def whoosh_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("smoke") / "index"
    _cli("index", str(ROOT / "data"), "--index", str(index_dir))
    return index_dir


@pytest.fixture(scope="module")
def client(opensearch_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=opensearch_url, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def loaded(
    whoosh_index: Path, client: httpx.Client, tmp_path_factory: pytest.TempPathFactory
) -> int:
    """The export of data/ bulk-loaded into a fresh index; the number of passages."""
    out = tmp_path_factory.mktemp("smoke-export")
    _cli("export", "--format", "opensearch", "--out", str(out), "--index", str(whoosh_index),
         "--index-name", INDEX)  # fmt: skip
    client.delete(f"/{INDEX}")  # a cluster given by ARCHIVE_SEARCH_OPENSEARCH_URL may have one
    mapping = json.loads((out / "mapping.json").read_text(encoding="utf-8"))
    created = client.put(f"/{INDEX}", json=mapping, params={"wait_for_active_shards": "all"})
    assert created.status_code == 200, created.text
    passages = 0
    for bulk in sorted(out.glob("bulk-*.ndjson")):
        body = bulk.read_bytes()
        answer = client.post(
            "/_bulk",
            content=body,
            params={"refresh": "wait_for"},
            headers={"Content-Type": "application/x-ndjson"},
        ).json()
        assert answer["errors"] is False, json.dumps(answer)[:2000]
        passages += len(answer["items"])
    return passages


def _search(client: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"/{INDEX}/_search", json=body)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _whoosh_ids(index_dir: Path, query: str) -> list[str]:
    answer = json.loads(
        _cli("query", query, "--index", str(index_dir), "--json", "--per-page", "100")
    )
    assert answer["total"] == len(answer["hits"])
    return [hit["id"] for hit in answer["hits"]]


def test_every_passage_is_searchable_on_both_nodes(loaded: int, client: httpx.Client) -> None:
    assert loaded == 12
    assert client.get(f"/{INDEX}/_count").json()["count"] == 12
    shards = client.get("/_cat/shards/" + INDEX, params={"format": "json"}).json()
    # One primary and its replica, started, on two different nodes.
    assert sorted(shard["prirep"] for shard in shards) == ["p", "r"]
    assert {shard["state"] for shard in shards} == {"STARTED"}
    assert len({shard["node"] for shard in shards}) == 2


def test_the_english_analyzer_stems_as_our_index_does(
    loaded: int, client: httpx.Client, whoosh_index: Path
) -> None:
    # "police" finds "policing" too, in Whoosh (our stemmer) and in text_en (the cluster's).
    query = {"multi_match": {"query": "police", "fields": ["text_*"]}}
    result = _search(client, {"query": query, "size": 100, "_source": ["id"]})
    found = sorted(hit["_source"]["id"] for hit in result["hits"]["hits"])
    assert found == sorted(_whoosh_ids(whoosh_index, "police"))
    assert len(found) == 6


def test_a_phrase_finds_the_attributed_quote(loaded: int, client: httpx.Client) -> None:
    phrase = {"multi_match": {"query": "vice squad", "type": "phrase", "fields": ["text_*"]}}
    body = {"query": phrase, "_source": ["section", "author"]}
    (hit,) = _search(client, body)["hits"]["hits"]
    assert hit["_source"] == {"section": "quote", "author": "anonymous sex worker"}
