"""The searcher pool (``indexer.store.searchers``) on a real index: a new generation is
prepared in the background while the one before serves, no searcher of it is lent
before its preparation has finished, and a request's own error gives its searcher back."""

from __future__ import annotations

import shutil
import threading
from functools import partial
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from indexer.archive import _latest_generation, _open_searcher
from indexer.errors import QueryError
from indexer.store.searchers import SearcherPool
from indexer.store.storage import open_index
from tests.paths import SAMPLE
from tests.test_crash import make_pages


@pytest.fixture()
def index_dir(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    index_archive([archive], tmp_path / "index")
    return tmp_path / "index"


def _commit(index_dir: Path, number: int) -> None:
    archive = index_dir.parent / "archive"
    make_pages(archive, 1, start=number)
    index_archive([archive], index_dir)


def test_a_new_generation_is_lent_only_once_prepared(index_dir: Path) -> None:
    index = open_index(index_dir)
    release, prepared = threading.Event(), []

    def prepare(searcher: object) -> None:  # a slow preparation, held until released
        assert release.wait(30)
        prepared.append(SearcherPool.generation_of(searcher))

    pool = SearcherPool(
        partial(_open_searcher, index, index_dir), partial(_latest_generation, index, index_dir),
        prepare,
    )  # fmt: skip
    with pool.lease() as searcher:
        old = SearcherPool.generation_of(searcher)
    _commit(index_dir, 1)
    new = _latest_generation(index, index_dir)
    assert new > old
    for _ in range(3):  # the older generation serves while the new one is prepared
        with pool.lease() as searcher:
            assert SearcherPool.generation_of(searcher) == old
    # Another request while this one holds the only searcher: it waits for it to come
    # back rather than prepare the new generation on its own path.
    seen: list[int] = []

    def other_request() -> None:
        with pool.lease() as other:
            seen.append(SearcherPool.generation_of(other))

    with pool.lease() as searcher:
        other = threading.Thread(target=other_request)
        other.start()
        other.join(0.05)
        assert not seen  # waiting
    other.join(10)
    assert seen == [old]
    assert not prepared
    release.set()
    for _ in range(200):  # then the prepared generation, once its thread has switched
        with pool.lease() as searcher:
            if SearcherPool.generation_of(searcher) == new:
                break
        threading.Event().wait(0.05)
    assert prepared == [new]
    with pool.lease() as searcher:
        assert SearcherPool.generation_of(searcher) == new
    pool.close()


def test_a_query_error_gives_the_searcher_back(index_dir: Path) -> None:
    archive = ArchiveIndex.open(index_dir)
    archive.search(build_request("police"))
    with archive._searchers.lease() as searcher:
        lent = searcher
    with pytest.raises(QueryError):
        archive.search(build_request("*"))
    with archive._searchers.lease() as searcher:
        assert searcher is lent  # given back, not closed: no new searcher opened
    with pytest.raises(QueryError), archive._searchers.lease() as searcher:
        raise QueryError("a query that cannot be searched")
    with archive._searchers.lease() as again:
        assert again is searcher
