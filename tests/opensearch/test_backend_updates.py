"""Indexing into the cluster follows the local index's manifest rules: a changed file's
passages are replaced, a removed file's deleted, an unchanged run writes nothing; and no
text a user types reaches the cluster as syntax (the same answer or error as locally)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive, open_archive
from indexer.errors import QueryError
from indexer.opensearch.client import Client, path_of
from tests.opensearch.archives import Backends, cluster_for, drop
from tests.paths import ROOT, SAMPLE
from tests.test_cluster_offline import HOSTILE_QUERIES

GERMAN_PAGE = ROOT / "tests" / "fixtures" / "commentsystems" / "blogger-threaded-de.html"


@pytest.fixture()
def small(opensearch_url: str, tmp_path: Path) -> Iterator[Backends]:
    """data/'s sample and one German comment page, in both backends, for one test."""
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "sample.txt")
    shutil.copy(GERMAN_PAGE, archive / "de.html")
    index_dir = tmp_path / "index"
    cluster = cluster_for(opensearch_url, "updates")
    index_archive([archive], index_dir)
    index_archive([archive], index_dir, cluster=cluster)
    try:
        local = ArchiveIndex.open(index_dir)
        yield Backends(local, open_archive(index_dir, cluster=cluster), archive, index_dir, cluster)
    finally:
        drop(cluster)


def _both(backends: Backends, query: str) -> tuple[int, int]:
    request = build_request(query)
    return backends.local.search(request).total, backends.cluster.search(request).total


def _update_both(backends: Backends) -> tuple[dict[str, int], dict[str, int]]:
    local = index_archive([backends.archive], backends.index_dir)
    cluster = index_archive([backends.archive], backends.index_dir, cluster=backends.settings)
    counts = ("added", "updated", "unchanged")
    assert cluster.passages == local.passages
    return ({c: local.count(c) for c in counts} | {"removed": len(local.removed)},
            {c: cluster.count(c) for c in counts} | {"removed": len(cluster.removed)})  # fmt: skip


def test_a_changed_file_is_sent_again_and_a_removed_one_deleted(small: Backends) -> None:
    assert _both(small, "police") == (6, 6)
    page = small.archive / "sample.txt"
    page.write_text(re.sub(r"(?i)\bpolic\w*", "constabulary", page.read_text(encoding="utf-8")))
    local, cluster = _update_both(small)
    assert cluster == local == {"added": 0, "updated": 1, "unchanged": 1, "removed": 0}
    assert _both(small, "police") == (0, 0)
    assert _both(small, "constabulary") == (6, 6)
    german = _both(small, "Socken")
    assert german[0] > 0 and german[1] == german[0]
    (small.archive / "de.html").unlink()
    local, cluster = _update_both(small)
    assert cluster == local == {"added": 0, "updated": 0, "unchanged": 1, "removed": 1}
    assert _both(small, "Socken") == (0, 0)
    assert small.cluster.stats().passages == small.local.stats().passages == 12


def test_a_moved_folder_is_sent_once_from_its_new_place(small: Backends) -> None:
    moved = small.archive.rename(small.archive.with_name("moved"))
    local = index_archive([moved], small.index_dir)
    cluster = index_archive([moved], small.index_dir, cluster=small.settings)
    assert (cluster.count("added"), len(cluster.removed)) == (local.count("added"), 2) == (2, 2)
    assert small.cluster.stats().passages == small.local.stats().passages == local.passages
    assert _both(small, "police") == (6, 6)


def test_nothing_changed_writes_nothing(small: Backends) -> None:
    before = small.cluster.stats().last_commit
    local, cluster = _update_both(small)
    assert cluster == local == {"added": 0, "updated": 0, "unchanged": 2, "removed": 0}
    assert small.cluster.stats().last_commit == before


def test_a_rebuild_replaces_the_index_behind_the_alias(small: Backends) -> None:
    summary = index_archive([small.archive], small.index_dir, cluster=small.settings, rebuild=True)
    assert summary.rebuilt and summary.count("added") == 2
    assert _both(small, "police") == (6, 6)
    # Filled without replicas, published with them, copied (green) before it is searched.
    client = Client(small.settings.url)
    settings = client.request("GET", path_of(small.settings.index_name, "_settings"))
    (index,) = settings.values()
    assert index["settings"]["index"]["number_of_replicas"] == "1"
    health = client.request("GET", path_of("_cluster", "health", small.settings.index_name))
    assert (health["status"], health["active_shards"]) == ("green", 2)


@pytest.mark.parametrize("text", HOSTILE_QUERIES)
def test_hostile_text_gets_the_local_answer(small: Backends, text: str) -> None:
    request = build_request(text)
    try:
        expected = small.local.search(request)
    except QueryError as error:
        with pytest.raises(type(error)) as raised:
            small.cluster.search(request)
        assert raised.value.message == error.message
        return
    found = small.cluster.search(request)
    assert (found.total, found.warnings) == (expected.total, expected.warnings)
