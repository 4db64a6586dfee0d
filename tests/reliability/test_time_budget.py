"""The per-search time budget: filters still hold under it, and over it a search is a 503."""

from __future__ import annotations

from indexer import ArchiveIndex, build_request


def test_a_timed_search_keeps_its_filters(core_index: ArchiveIndex) -> None:
    # Regression: TimeLimitCollector around Whoosh's FilterCollector skipped the filter.
    request = build_request("police", section=["comment"])
    untimed = core_index.search(request)
    timed = core_index.search(request, time_limit_s=30)
    assert {hit.section for hit in timed.hits} == {"comment"}
    assert [hit.id for hit in timed.hits] == [hit.id for hit in untimed.hits]
    assert timed.total == untimed.total
