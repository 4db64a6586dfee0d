"""The cluster backend where no cluster answers, and the query DSL it sends: our errors
with what to do next (CLI exit 3, HTTP 503), and the user's text only ever as values."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from indexer import Cluster
from indexer.opensearch.connection import Connection, ParsingTerms
from indexer.opensearch.translate import Translator
from indexer.query.parse import parse_query
from indexer.store.schema import build_schema
from web.app import create_app
from web.cli import main

# What users (and attackers) type; each is either refused by our parser or searched as
# words: no operator, field name or JSON of the cluster's own query languages gets through.
HOSTILE_QUERIES = [
    '"vice squad', "(vice squad", "AND vice", "NOT NOT vice squad", "nosuchfield:vice",
    "*ice squad", "v* squad", '{"query": {"match_all": {}}}', "<script>alert(1)</script>",
    'police\\" OR 1=1', 'title:"', "\x00police", "\u202epolice", "编译器 AND (内存 OR",
    "polic~99", "pol* " * 40, "author:*", "_id:1", "text_en:polic", "police^100", "/.*/",
    "[a TO z]", "police && vice || squad", "' OR ''='", "${jndi:ldap://x}", "_exists_:text",
    "post_id:*", "section:comment -section:comment", "a" * 300,
]  # fmt: skip


@pytest.fixture()
def closed_port_url() -> str:
    """A local URL nothing listens on (the port was free a moment ago)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_query_without_a_cluster_says_so_and_exits_3(closed_port_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "police", "--opensearch", closed_port_url, "--index", str(tmp_path)]
    )
    assert result.exit_code == 3
    assert f"the OpenSearch cluster at {closed_port_url} cannot answer (connection refused)" in (
        result.output
    )
    assert "make opensearch" in result.output


def test_a_cluster_url_must_be_http(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "police", "--opensearch", "localhost:9200"])
    assert result.exit_code == 2
    assert "is not an http(s) URL of an OpenSearch cluster" in result.output


def test_the_web_app_answers_503_while_the_cluster_is_away(
    closed_port_url: str, tmp_path: Path
) -> None:
    app = create_app(tmp_path, cluster=Cluster(closed_port_url))
    with TestClient(app) as client:
        response = client.get("/api/search", params={"q": "police"})
        assert response.status_code == 503
        body = response.json()
        assert body["error"]["code"] == "cluster_unavailable"
        assert "start it (make opensearch)" in body["error"]["message"]
        assert client.get("/", params={"q": "police"}).status_code == 503


def _leaves(dsl: Any) -> list[tuple[str, Any]]:
    """Every (query type, body) pair in a DSL tree."""
    found: list[tuple[str, Any]] = []
    if isinstance(dsl, dict):
        for key, value in dsl.items():
            found.append((key, value))
            found += _leaves(value)
    elif isinstance(dsl, list):
        for item in dsl:
            found += _leaves(item)
    return found


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_text_reaches_the_dsl_only_as_values(text: str) -> None:
    # Our parser, as the cluster backend runs it (every word variant kept: no cluster here).
    terms = ParsingTerms(Connection(Cluster("http://127.0.0.1:1")))
    try:
        parsed = parse_query(text, build_schema(), terms, ("en", "de"))
    except Exception as error:  # our parser refused it: nothing is sent
        assert type(error).__name__ in ("QueryError", "QueryTooLong")
        return
    dsl = Translator(("en", "de")).query(parsed.query)
    kinds = {kind for kind, _ in _leaves(dsl)}
    assert not kinds & {"query_string", "simple_query_string", "match", "regexp", "wildcard",
                        "script", "match_phrase", "intervals"}  # fmt: skip
    json.dumps(dsl)  # plain JSON: no object of ours leaks into a request
