"""Search results users see: facets, filters, highlighting, sorting, paging, the post view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request
from indexer.contract.results import SearchResult
from indexer.errors import NotFound


def counts(result: SearchResult, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


def selected(result: SearchResult, facet: str) -> set[str]:
    return {value.value for value in result.facets[facet] if value.selected}


def test_vice_squad_finds_the_attributed_quote(sample_index: ArchiveIndex) -> None:
    result = sample_index.search(build_request("vice squad", section=["quote"]))
    assert result.total == 1 and result.total_posts == 1
    (hit,) = result.hits
    assert (hit.section, hit.author, hit.anchor) == ("quote", "anonymous sex worker", "quote-1")
    assert hit.snippet.startswith("When the <mark>vice</mark> <mark>squad</mark> does stings")
    assert hit.url == f"/post/{hit.post_id}#quote-1"


def test_facet_counts_without_selection(sample_index: ArchiveIndex) -> None:
    result = sample_index.search(build_request(""))
    assert result.total == 12 and result.sort == "oldest"
    assert counts(result, "section") == {"post": 3, "quote": 1, "comment": 6, "pingback": 2}
    assert counts(result, "author")["bebopper76"] == 3
    assert counts(result, "year") == {"2012": 12}
    assert counts(result, "month") == {"2012-06": 12}
    assert result.facets_truncated["author"] is False


def test_disjunctive_author_facet_keeps_other_authors_countable(sample_index: ArchiveIndex) -> None:
    request = build_request("", author=["bebopper76", "Cat"], section=["comment"])
    result = sample_index.search(request)
    assert result.total == 4
    assert {hit.author for hit in result.hits} == {"bebopper76", "Cat"}
    author_counts = counts(result, "author")
    # Counted without the author selection, within section=comment.
    assert author_counts == {"bebopper76": 3, "Cat": 1, "cydnova": 1, "Cristine Sardina": 1}
    assert selected(result, "author") == {"bebopper76", "Cat"}
    # Section counts ignore the section selection but respect the author one.
    assert counts(result, "section") == {"comment": 4}
    assert selected(result, "section") == {"comment"}


def test_year_month_and_date_range_filters(core_index: ArchiveIndex) -> None:
    everything = core_index.search(build_request(""))
    assert counts(everything, "year")["2012"] == 12
    in_2015 = core_index.search(build_request("", year="2015"))
    assert {hit.date[:4] for hit in in_2015.hits if hit.date} == {"2015"}
    assert counts(in_2015, "year") == counts(everything, "year")  # year counts ignore year
    june = core_index.search(build_request("", month="2012-06", section=["comment"]))
    assert june.total == 6
    ranged = core_index.search(build_request("", date_from="2012-06-17", date_to="2012-06-18"))
    assert {hit.date[:10] for hit in ranged.hits} == {"2012-06-17", "2012-06-18"}
    assert ranged.total == 6  # Cat, bebopper76 x3, 2 pingbacks
    assert core_index.search(build_request("", date_from="2030")).total == 0


def test_undated_passages_are_not_in_any_year(core_index: ArchiveIndex) -> None:
    result = core_index.search(build_request("fragment"))
    assert result.total == 1 and result.hits[0].date is None
    assert counts(result, "year") == {}


def test_sorting_and_paging(sample_index: ArchiveIndex) -> None:
    newest = sample_index.search(build_request("", sort="newest", per_page="3"))
    assert [hit.anchor for hit in newest.hits] == ["comment-6", "comment-5", "comment-4"]
    oldest = sample_index.search(build_request("", per_page="3", page="2"))
    assert [hit.anchor for hit in oldest.hits] == ["post-3", "comment-1", "comment-2"]
    assert oldest.pages == 4
    past_the_end = sample_index.search(build_request("", page="9"))
    assert past_the_end.hits == [] and past_the_end.total == 12
    relevance = sample_index.search(build_request("police"))
    scores = [hit.score for hit in relevance.hits]
    assert all(score is not None for score in scores) and scores == sorted(scores, reverse=True)


def test_filter_only_snippet_is_the_passage_start(sample_index: ArchiveIndex) -> None:
    result = sample_index.search(build_request("", author=["Cristine Sardina"]))
    assert result.hits[0].snippet.startswith("The BOJ “Trafficking Report” does not support")
    assert "<mark>" not in result.hits[0].snippet


def test_snippets_escape_everything_but_mark(core_index: ArchiveIndex) -> None:
    result = core_index.search(build_request("payload"))
    assert result.total == 3
    for hit in result.hits:
        without_marks = hit.snippet.replace("<mark>", "").replace("</mark>", "")
        assert "<" not in without_marks and ">" not in without_marks
        assert "<mark>payload</mark>" in hit.snippet.lower()
    comment = next(hit for hit in result.hits if hit.section == "comment")
    whole = next(
        passage.html
        for passage in core_index.post(comment.post_id, "payload").passages
        if passage.anchor == comment.anchor
    )
    assert "and &lt;script&gt;alert(2)&lt;/script&gt; &amp; more." in whole
    assert whole.startswith("Comment <mark>payload</mark>: &quot;&gt;&lt;img")
    assert "&quot;&gt;&lt;img src=x onerror=alert(&#x27;comment&#x27;)&gt;" in comment.snippet
    assert comment.author == "<script>alert(1)</script>"  # plain data; escaped at render time


def test_post_matches_summarise_sections(sample_index: ArchiveIndex) -> None:
    result = sample_index.search(build_request("police"))
    (post_id,) = {hit.post_id for hit in result.hits}
    assert result.post_matches[post_id] == {"post": 2, "quote": 1, "comment": 2, "pingback": 1}
    assert sum(result.post_matches[post_id].values()) == result.total


def test_post_view_marks_the_matching_passages(sample_index: ArchiveIndex) -> None:
    post_id = sample_index.search(build_request("vice squad")).hits[0].post_id
    view = sample_index.post(post_id, query="vice squad")
    assert [passage.anchor for passage in view.passages][:2] == ["post-1", "quote-1"]
    assert view.first_match == "quote-1"
    assert [passage.anchor for passage in view.passages if passage.matched] == ["quote-1"]
    quote = view.passages[1]
    assert quote.author == "anonymous sex worker"
    assert len(re.findall(r"<mark>", quote.html)) == 2
    assert view.date == "2012-06-14T00:00" and len(view.passages) == 12
    plain = sample_index.post(post_id)
    assert plain.first_match is None and "<mark>" not in plain.passages[1].html


def test_unknown_post_is_not_found(sample_index: ArchiveIndex) -> None:
    with pytest.raises(NotFound):
        sample_index.post("no-such-post")


def test_stats(sample_index: ArchiveIndex) -> None:
    stats = sample_index.stats()
    assert (stats.passages, stats.posts) == (12, 1)
    assert stats.last_commit is not None


def test_author_facet_top_values_and_truncation(core_index: ArchiveIndex) -> None:
    limited = core_index.search(build_request("", facet_size="2"))
    assert len(limited.facets["author"]) == 2 and limited.facets_truncated["author"]
    assert limited.facets["author"][0].value == "bebopper76"
    everything = core_index.search(build_request("", facet_size="0"))
    assert not everything.facets_truncated["author"]
    assert len(everything.facets["author"]) > 2


def test_a_search_over_its_time_budget_stops_with_a_clear_error(
    sample_index: ArchiveIndex,
) -> None:
    from indexer.errors import SearchTimeout

    with pytest.raises(SearchTimeout, match="took longer than 1e-09 s"):
        sample_index.search(build_request("police"), time_limit_s=1e-9)
    assert sample_index.search(build_request("police"), time_limit_s=30).total == 6
    within = sample_index.search(build_request("police", section=["comment"]), time_limit_s=30)
    assert within.total > 0 and {hit.section for hit in within.hits} == {"comment"}


def test_a_filter_that_leaves_nothing_returns_no_hits(sample_index: ArchiveIndex) -> None:
    # Whoosh reads filter=set() as "no filter": an empty match set must not rank anything.
    result = sample_index.search(build_request("bebopper76 OR college", section=["quote"]))
    assert (result.total, result.hits) == (0, [])


def test_warm_builds_what_the_first_search_needs(core_archive: Path, tmp_path: Path) -> None:
    from indexer import index_archive

    index_dir = tmp_path / "index"
    index_archive([core_archive], index_dir)
    archive = ArchiveIndex.open(index_dir)
    assert archive.snapshot is None
    archive.warm()
    warmed = archive.snapshot
    assert warmed is not None  # the server's first search finds the facet arrays built
    assert archive.search(build_request("vice squad")).total == 1
    assert archive.snapshot is warmed  # and uses them


def test_a_commit_replaces_the_snapshot(core_archive: Path, tmp_path: Path) -> None:
    import shutil

    from indexer import index_archive

    archive_dir, index_dir = tmp_path / "archive", tmp_path / "index"
    shutil.copytree(core_archive, archive_dir)
    extra = next(archive_dir.glob("*.txt"))
    moved = tmp_path / extra.name
    extra.rename(moved)
    index_archive([archive_dir], index_dir)
    archive = ArchiveIndex.open(index_dir)
    before = archive.search(build_request("")).total
    first = archive.snapshot
    assert first is not None
    moved.rename(archive_dir / extra.name)
    index_archive([archive_dir], index_dir)
    after = archive.search(build_request("")).total
    second = archive.snapshot
    assert second is not None and second.generation > first.generation
    assert after > before and second.table.size > first.table.size


@pytest.mark.parametrize(
    "query",
    ["police", '"vice squad"', "pol*", "polise~1", "police -vice", "police OR cat", "the"],
)
def test_a_post_page_marks_exactly_the_passages_the_search_matches(
    core_index: ArchiveIndex, query: str
) -> None:
    """The post page's "matched" passages are the ones a search for the same words finds
    in that post, whatever the query's kind (phrase, prefix, fuzzy, NOT, OR)."""
    export = core_index.export(build_request(query))
    found: dict[str, set[str]] = {}
    for row in export:
        found.setdefault(row["post_id"], set()).add(row["id"])
    assert found, query
    for post_id, ids in found.items():
        view = core_index.post(post_id, query=query)
        assert {passage.id for passage in view.passages if passage.matched} == ids, query
