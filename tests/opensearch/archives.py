"""The archive both backends index in these tests, and the fixtures that build them.

Provenance of the files: data/ (the repository's sample), tests/fixtures/html,
tests/fixtures/commentsystems, tests/fixtures/wxr and tests/fixtures/blogger (each
folder's README), the hand-written multilingual export of tests/test_languages.py, and the
spelling variants' export of tests/test_spelling_variants.py (on a host of its own, its
two first commenters renamed: one name in two spellings that fold to one key; and a German
post written with "oe", "ue" for the umlauts).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer import ArchiveIndex, Cluster, index_archive, open_archive
from indexer.opensearch.client import Client, path_of
from tests.paths import ROOT, SAMPLE
from tests.test_languages import POSTS, wxr
from tests.test_spelling_variants import POSTS as VARIANT_POSTS

FIXTURES = ROOT / "tests" / "fixtures"
HTML_FIXTURES = FIXTURES / "html"
FILES = [
    SAMPLE,
    *sorted(HTML_FIXTURES.glob("*.html")),
    *sorted((FIXTURES / "commentsystems").glob("*.html")),
    FIXTURES / "wxr" / "small-export.xml",
    FIXTURES / "wxr" / "theme-unit-test-data.xml",
    FIXTURES / "blogger" / "www.wgdd.de.xml",
]


def write_archive(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in FILES:
        shutil.copy(path, folder / path.name)
    (folder / "languages.xml").write_text(wxr(POSTS), encoding="utf-8")
    renamed = {"Ann": "Zoë Åberg", "Bob": "zoe aberg"}
    variants = [(title, body, renamed.get(name, name), comment)
                for title, body, name, comment in VARIANT_POSTS]  # fmt: skip
    variants.append(
        (
            "Gruesse aus Koeln",
            "Viele Gruesse aus Koeln: die Muehle am Rhein ist "
            "wieder offen, und die Fuehrungen am Sonntag sind schoen und kostenlos.",
            "Jürgen",
            "Schoene Gruesse zurueck aus Muenchen, wir kommen bald vorbei.",
        )
    )
    text = wxr(variants).replace("http://example.org", "http://variants.example.org")
    (folder / "variants.xml").write_text(text, encoding="utf-8")
    return folder


def cluster_for(url: str, name: str, replicas: int = 1) -> Cluster:
    """A cluster index of its own for one test module (removed by ``drop``)."""
    return Cluster(url, index_name=f"test-{name}-{os.getpid()}", replicas=replicas)


def drop(cluster: Cluster) -> None:
    """Remove the test's index (every concrete index behind its alias)."""
    client = Client(cluster.url)
    client.request("DELETE", path_of(f"{cluster.index_name}*"), allowed=(404,))


@dataclass
class Backends:
    local: ArchiveIndex
    cluster: Any  # indexer.opensearch.archive.ClusterArchive
    archive: Path
    index_dir: Path
    settings: Cluster


def both_backends(url: str, folder: Path, name: str) -> Iterator[Backends]:
    """The archive indexed into a local index and a cluster index (replicas=1), for a
    module's fixture; the cluster index is removed afterwards."""
    archive = write_archive(folder / "archive")
    index_dir = folder / "index"
    cluster = cluster_for(url, name)
    assert not index_archive([archive], index_dir).failed
    # Parsed by two worker processes, each sending its own bulk requests.
    assert not index_archive([archive], index_dir, cluster=cluster, workers=2).failed
    try:
        local = open_archive(index_dir)
        assert isinstance(local, ArchiveIndex)
        yield Backends(local, open_archive(index_dir, cluster=cluster), archive, index_dir, cluster)
    finally:
        drop(cluster)
