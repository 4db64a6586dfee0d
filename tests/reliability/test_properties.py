"""Property tests: any query text, any HTTP parameter value, never anything but an answer.

The query layer gives results or a ``QueryError`` (nothing else escapes); every route
answers 200 or a documented error with the documented shape, never a 5xx or a traceback.
Example counts are modest (the suite stays fast); the docs list them.
"""

from __future__ import annotations

import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request
from indexer.errors import QueryError
from tests.reliability.shapes import assert_well_formed

QUERY_EXAMPLES = 400
PARAMETER_EXAMPLES = 150
RAW_EXAMPLES = 150
SETTINGS = settings(deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])  # fmt: skip

# The query language's pieces, real words of the archive and anything else.
SYNTAX = ["AND", "OR", "NOT", "-", "+", '"', "(", ")", "*", "?", "~", "~2", "~5", "^2", ":",
          "title:", "author:", "section:", "nosuchfield:", "[", "]", "{", "}", "TO", "\\", "'",
          "“", "”", "&&", "||", "!", "/", "police", "vice", "squad", "xss", "a", "e", "the",
          "café", "Ωμέγα", "<script>", "%00", "\x00", "\u202e", "\ufeff", " "]  # fmt: skip
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
TOKENS = st.one_of(st.sampled_from(SYNTAX), ANY_TEXT)
QUERIES = st.lists(TOKENS, max_size=30).map(" ".join) | st.lists(TOKENS, max_size=30).map("".join)


@given(query=QUERIES)
@settings(SETTINGS, max_examples=QUERY_EXAMPLES)
def test_query_language_gives_results_or_a_query_error(
    core_index: ArchiveIndex, query: str
) -> None:
    try:
        result = core_index.search(build_request(query), time_limit_s=10)
    except QueryError as error:
        assert error.message
        return
    assert len(result.hits) == min(result.total, result.request.per_page)
    assert sum(value.count for value in result.facets["section"]) == result.total
    for hit in result.hits:
        assert "<script" not in hit.snippet  # snippets are escaped HTML


@given(query=QUERIES, page=st.integers(-3, 12), sort=st.sampled_from(["", "newest", "x"]))
@settings(SETTINGS, max_examples=QUERY_EXAMPLES // 4)
def test_query_language_with_paging_and_sort(
    core_index: ArchiveIndex, query: str, page: int, sort: str
) -> None:
    try:
        core_index.search(build_request(query, page=page, sort=sort, per_page=3))
    except QueryError as error:
        assert error.message


# HTTP parameters -------------------------------------------------------------------

VALUE = st.one_of(
    ANY_TEXT,
    st.sampled_from(["", "0", "-1", "1", "2012", "2012-06", "2012-13", "2012-06-31", "9999",
                     "10001", "1e3", "NaN", "post", "quote", "comment", "pingback", "newest",
                     "relevance", "oldest", "police", "Cat", "bebopper76", "%", "%%", "../"]),
    st.integers(-(10**20), 10**20).map(str),
)  # fmt: skip
NAMES = ["q", "author", "section", "category", "tag", "year", "month", "from", "to", "sort",
         "page", "per_page", "facet_size"]  # fmt: skip
PARAMS = st.lists(st.tuples(st.sampled_from([*NAMES, "other"]) | ANY_TEXT, VALUE), max_size=8)
PATHS = ["/", "/api/search", "/search.atom", "/facets/author"]


@given(path=st.sampled_from(PATHS), params=PARAMS)
@settings(SETTINGS, max_examples=PARAMETER_EXAMPLES)
def test_any_search_parameters_are_answered_with_the_error_shape(
    hostile_client: TestClient, path: str, params: list[tuple[str, str]]
) -> None:
    assert_well_formed(hostile_client.get(path, params=params))


@given(post_id=ANY_TEXT | st.sampled_from(["..", "../..", "%2e%2e", "~", "0", "-1"]),
       query=ANY_TEXT, api=st.booleans())  # fmt: skip
@settings(SETTINGS, max_examples=PARAMETER_EXAMPLES)
def test_any_post_id_and_query_is_a_page_or_a_404(
    hostile_client: TestClient, post_id: str, query: str, api: bool
) -> None:
    path = ("/api/post/" if api else "/post/") + quote(post_id, safe="")
    response = hostile_client.get(path, params={"q": query})
    assert_well_formed(response)
    assert response.status_code in (200, 400, 404)


RAW = st.text(string.ascii_letters + string.digits + "%&=+;#?/.-_~[]!$'()*,:@ ", max_size=200)


@given(path=st.sampled_from([*PATHS, "/post/x", "/api/post/x"]), raw=RAW)
@settings(SETTINGS, max_examples=RAW_EXAMPLES)
def test_raw_query_strings_with_broken_escapes(
    hostile_client: TestClient, path: str, raw: str
) -> None:
    """Bad percent-escapes (``%ff%fe``, ``%``, ``%zz``) and odd separators."""
    response = hostile_client.get(f"{path}?{raw.replace('#', '%23')}")
    assert_well_formed(response)


@pytest.mark.parametrize(
    "raw",
    [
        "q=%ff%fe",
        "q=%",
        "q=%zz",
        "q=%00",
        "author=%C0%AF",
        "q=a&q=b&q=c",
        "&&&",
        "=x",
        "page=%2b1",
        "year=%EF%BC%91",
        "q=" + "%25" * 300,
    ],
)
@pytest.mark.parametrize("path", PATHS)
def test_known_awkward_query_strings(hostile_client: TestClient, path: str, raw: str) -> None:
    assert_well_formed(hostile_client.get(f"{path}?{raw}"))
