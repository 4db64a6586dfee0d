"""One archive indexed into both backends answers the same: totals, distinct posts and
every facet's counts for a fixed set of queries, the same first hit for known-item
queries, the same snippets (our markup), the same post page and export rows.

The archive: data/, real pages and exports from tests/fixtures (English, German,
French, Italian, Spanish; WordPress, Blogger) and the hand-written multilingual export of
tests/test_languages.py (Chinese among them)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from indexer import ArchiveIndex, build_request
from tests.eval.known_item import plain_words
from tests.opensearch.archives import HTML_FIXTURES, Backends, both_backends


@pytest.fixture(scope="module")
def backends(opensearch_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backends]:
    yield from both_backends(opensearch_url, tmp_path_factory.mktemp("parity"), "parity")


QUERIES: list[dict[str, Any]] = [
    {"query": "police"},  # words: stemmed ("policing")
    {"query": "sex worker"},
    {"query": "the"},  # a stop word alone is searched
    {"query": '"vice squad"'},  # phrases
    {"query": '"die Polizei"'},
    {"query": "author:anonymous"},  # names
    {"query": "Jürgen"},
    {"query": "author:jurgen"},
    {"query": "Polizisten"},  # German stems
    {"query": "Häuser"},
    {"query": "policières"},  # French
    {"query": "编译器"},  # CJK: a word inside a sentence, a phrase, one character
    {"query": '"编译器的内存"'},
    {"query": "记"},
    {"query": "n'ont"},
    {"query": "e-mail"},  # spelling variants: a compound and its joined form
    {"query": "email"},
    {"query": "Wi-Fi"},
    {"query": "mail"},  # a part alone still finds the compound
    {"query": '"e-mail address"'},
    {"query": '"email address"'},
    {"query": '"mail address"'},
    {"query": "Ueberforderung"},  # German "ue" for "ü"
    {"query": "laenger"},
    {"query": "Köln Mühle"},  # and the other way round
    {"query": '"schöne Grüße"'},
    {"query": "pol*"},  # prefixes and fuzzy words: expanded by each backend
    {"query": "polise~"},
    {"query": "comment OR pingback"},
    {"query": "-vice police"},
    {"query": "-vice"},  # only exclusions
    {"query": "title:hello"},
    {"query": "language:de"},
    {"query": ""},  # browsing
    {"query": "police", "section": ["comment", "quote"]},  # filters
    {"query": "", "author": ["Daniel Leidert", "Theme Buster"]},
    {"query": "", "category": ["Uncategorized"]},
    {"query": "", "tag": ["genres"]},
    {"query": "", "language": ["de"]},
    {"query": "", "author": ["daniel leidert"]},  # filters compare as the registry keys them
    {"query": "", "author": ["ZOE ABERG"]},  # case and accents folded
    {"query": "address", "author": ["Zoë Åberg", "Daniel Leidert"]},
    {"query": "", "site": ["www.wgdd.de"]},
    {"query": "", "language": ["german"]},
    {"query": "test", "year": "2008"},
    {"query": "", "year": "2008", "month": "2008-09"},
    {"query": "", "date_from": "2012-01-01", "date_to": "2012-12-31"},  # date ranges
    {"query": "the", "date_from": "2010-06"},
    {"query": "", "date_to": "2009"},
    {"query": "lorem ipsum", "group": "post"},
    {"query": "markup test post", "sort": "newest"},
    {"query": "", "sort": "oldest", "page": 3},
]


def _counts(result: Any) -> dict[str, Any]:
    return {
        "total": result.total,
        "total_posts": result.total_posts,
        "facets": {
            name: [(v.value, v.count, v.selected) for v in values]
            for name, values in result.facets.items()
        },
        "truncated": result.facets_truncated,
        "warnings": result.warnings,
        "suggestion": result.suggestion,
    }


@pytest.mark.parametrize("options", QUERIES, ids=lambda options: json.dumps(options))
def test_the_same_totals_and_facet_counts(backends: Backends, options: dict[str, Any]) -> None:
    request = build_request(**options)
    local, cluster = backends.local.search(request), backends.cluster.search(request)
    assert _counts(cluster) == _counts(local)
    if not any(sign in options["query"] for sign in "*~"):  # the cluster expands those
        assert cluster.parsed_query == local.parsed_query  # the same words, fields, stems
    assert local.total > 0 or options["query"] in ("", "test")  # the query is not vacuous


def _known_items() -> list[str]:
    queries = []
    for path in sorted(HTML_FIXTURES.glob("*.expected.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        typed = [page["title"], *page.get("with", []), *page.get("comments", [])]
        queries += [plain_words(text) if text != page["title"] else text for text in typed]
    return [query for query in queries if query.strip()]


@pytest.mark.parametrize("query", _known_items())
def test_known_items_come_first_on_both(backends: Backends, query: str) -> None:
    request = build_request(query)
    local, cluster = backends.local.search(request), backends.cluster.search(request)
    assert local.hits and cluster.hits
    assert cluster.hits[0].id == local.hits[0].id
    assert cluster.hits[0].snippet == local.hits[0].snippet  # our markup, our escaping


def test_snippets_mark_the_words_each_backend_matched(backends: Backends) -> None:
    for query in ("police", "polise~", "pol*", '"vice squad"', "编译器", "e-mail", "laenger"):
        request = build_request(query, per_page=100)
        local = {hit.id: hit.snippet for hit in backends.local.search(request).hits}
        cluster = {hit.id: hit.snippet for hit in backends.cluster.search(request).hits}
        assert cluster == local, query
    hit = backends.cluster.search(build_request("police", per_page=1)).hits[0]
    assert "<mark>" in hit.snippet


def test_post_page_and_grouped_page_are_the_same(backends: Backends) -> None:
    grouped = build_request("police", group="post")
    local, cluster = backends.local.search(grouped), backends.cluster.search(grouped)
    # The same posts with the same match counts (in an order each backend's scores decide).
    assert sorted((g.post_id, g.matches, len(g.hits)) for g in cluster.groups or []) == sorted(
        (g.post_id, g.matches, len(g.hits)) for g in local.groups or []
    )
    post_id = local.hits[0].post_id
    assert backends.cluster.post(post_id, "police") == backends.local.post(post_id, "police")
    assert cluster.post_matches == local.post_matches


def test_export_rows_are_the_same_set(backends: Backends) -> None:
    request = build_request("", section=["comment"])
    local = list(backends.local.export(request))
    cluster = list(backends.cluster.export(request))
    assert len(cluster) == len(local) > 100  # more than one request of the cluster's paging
    assert sorted(cluster, key=lambda row: row["id"]) == sorted(local, key=lambda row: row["id"])


def test_stats_count_the_same_passages(backends: Backends, tmp_path: Path) -> None:
    local, cluster = backends.local.stats(), backends.cluster.stats()
    assert (cluster.passages, cluster.posts) == (local.passages, local.posts)
    assert cluster.last_commit is not None
    assert isinstance(backends.local, ArchiveIndex)
