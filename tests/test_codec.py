"""Short posting lists are inlined into the term table, and Whoosh's own reader
(any 2.7 version) reads them: the numpy path and Whoosh's search agree."""

from __future__ import annotations

import shutil
from pathlib import Path

from whoosh import query as whoosh_query
from whoosh import writing
from whoosh.codec.whoosh3 import W3PerDocReader

from indexer import ArchiveIndex, build_request, index_archive
from indexer.store.codec import INLINE_LIMIT
from indexer.store.storage import open_index
from tests.paths import SAMPLE


def test_inlined_terms_are_read_by_whoosh_and_by_our_scorer(sample_index: ArchiveIndex) -> None:
    hit = sample_index.search(build_request("vice squad", section=["quote"])).hits[0]
    with open_index(sample_index.index_dir).searcher() as searcher:
        ((leaf, _),) = searcher.reader().leaf_readers()
        info = leaf._terms.term_info("id", hit.id.encode("utf-8"))
        assert info.is_inlined()  # one posting: no block of its own
        found = searcher.search(whoosh_query.Term("id", hit.id))
        assert [fields["id"] for fields in found] == [hit.id]
        squad = leaf._terms.term_info("text", b"squad")
        assert squad.doc_frequency() < INLINE_LIMIT and squad.is_inlined()
        whoosh_hits = searcher.search(whoosh_query.Phrase("text", ["vice", "squad"]))
        assert [fields["id"] for fields in whoosh_hits] == [hit.id]
    assert sample_index.search(build_request('"vice squad"')).total == 1


def test_segments_with_inlined_terms_merge(tmp_path: Path) -> None:
    """A merge reads every posting back into Whoosh's pool, inlined ones included."""
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "first.txt")
    index_archive([archive], index_dir)
    page = SAMPLE.read_text(encoding="utf-8")
    title = page.split("\n", 1)[0]
    (archive / "second.txt").write_text(page.replace(title, "Second copy", 1), encoding="utf-8")
    index_archive([archive], index_dir)  # a second segment
    open_index(index_dir).writer(compound=False).commit(mergetype=writing.OPTIMIZE)
    merged = ArchiveIndex.open(index_dir)
    assert merged.search(build_request('"vice squad"')).total == 2
    assert merged.search(build_request("", section=["quote"])).total == 2
    with open_index(index_dir).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 1


def test_stored_fields_read_by_our_reader_are_whooshs(core_index: ArchiveIndex) -> None:
    """Offsets by numpy (not Whoosh's per-searcher Python loop), the same records."""
    index = open_index(core_index.index_dir)
    checked = 0
    for segment in index._segments():
        ours = segment.codec().per_document_reader(index.storage, segment)
        stock = W3PerDocReader(index.storage, segment)
        assert type(ours) is not W3PerDocReader
        for docnum in range(segment.doc_count_all()):
            assert ours.stored_fields(docnum) == stock.stored_fields(docnum)
            checked += 1
        ours.close()
        stock.close()
    assert checked > 20
