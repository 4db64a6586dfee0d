"""Short posting lists are inlined into the term table, and Whoosh's own reader
(any 2.7 version) reads them: the numpy path and Whoosh's search agree."""

from __future__ import annotations

from whoosh import query as whoosh_query

from indexer import ArchiveIndex, build_request
from indexer.codec import INLINE_LIMIT
from indexer.storage import open_index


def test_inlined_terms_are_read_by_whoosh_and_by_our_scorer(sample_index: ArchiveIndex) -> None:
    hit = sample_index.search(build_request("vice squad", sections=["quote"])).hits[0]
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
