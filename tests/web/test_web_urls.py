"""Pure helpers: toggle and paging URLs, match summaries, the markup gate, dates."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from web import urls
from web.results_view import match_summary
from web.templating import highlighted, human_date, month_name, safe_href


@pytest.mark.parametrize(
    ("params", "key", "value", "expected"),
    [
        ([("q", "x")], "author", "Cat", [("q", "x"), ("author", "Cat")]),
        ([("q", "x"), ("author", "Cat")], "author", "Cat", [("q", "x")]),
        (
            [("author", "Cat"), ("page", "3")],
            "author",
            "bebopper76",
            [("author", "Cat"), ("author", "bebopper76")],
        ),
        ([("section", "comment"), ("page", "2")], "section", "comment", []),
    ],
)
def test_toggle_adds_or_removes_and_drops_page(
    params: urls.Params, key: str, value: str, expected: urls.Params
) -> None:
    assert urls.toggle(params, key, value) == expected


def test_replace_sets_one_value_and_drops_page() -> None:
    params = [("q", "x"), ("sort", "newest"), ("page", "4")]
    assert urls.replace(params, "sort", "oldest") == [("q", "x"), ("sort", "oldest")]
    assert urls.replace(params, "sort", None) == [("q", "x")]


def test_year_toggle_clears_month_and_month_toggle_keeps_year() -> None:
    params = [("q", "x"), ("year", "2012"), ("month", "2012-06"), ("page", "2")]
    assert urls.toggle_year(params, "2012") == [("q", "x")]
    assert urls.toggle_year(params, "2013") == [("q", "x"), ("year", "2013")]
    assert urls.toggle_month(params, "2012-06") == [("q", "x"), ("year", "2012")]
    assert urls.toggle_month([("year", "2012")], "2012-07") == [
        ("year", "2012"),
        ("month", "2012-07"),
    ]


def test_clear_filters_keeps_query_sort_and_page_size() -> None:
    params = [("q", "x"), ("author", "Cat"), ("sort", "newest"), ("per_page", "5"), ("page", "2")]
    assert urls.clear_filters(params) == [("q", "x"), ("sort", "newest"), ("per_page", "5")]


def test_paging_links() -> None:
    assert urls.with_page([("q", "x"), ("page", "3")], 1) == [("q", "x")]
    assert urls.with_page([("q", "x")], 2) == [("q", "x"), ("page", "2")]


def test_clean_drops_empty_and_repeated_values() -> None:
    raw = [("q", "x"), ("from", ""), ("to", "  "), ("author", "Cat"), ("author", "Cat")]
    assert urls.clean(raw) == [("q", "x"), ("author", "Cat")]


def test_url_encodes_values() -> None:
    assert urls.url("/", [("q", "a&b c"), ("author", "<x>")]) == "/?q=a%26b+c&author=%3Cx%3E"
    assert urls.url("/", []) == "/"


def test_post_link_carries_query_and_anchor() -> None:
    assert urls.post_link("2012-x", "vice squad", "quote-1") == "/post/2012-x?q=vice+squad#quote-1"
    assert urls.post_link("2012-x") == "/post/2012-x"
    assert urls.post_link("a/b?c") == "/post/a%2Fb%3Fc"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"comment": 3, "post": 1}, "3 matches in comments, 1 in the post"),
        ({"quote": 1}, "1 match in a quote"),
        ({"post": 2, "pingback": 1, "comment": 0}, "2 matches in the post, 1 in a pingback"),
        ({}, ""),
    ],
)
def test_match_summary(counts: dict[str, int], expected: str) -> None:
    assert match_summary(counts) == expected


def test_highlighted_trusts_only_mark_tags() -> None:
    good = 'a &lt;b&gt; <mark class="match term0">vice</mark> <mark>squad</mark>'
    assert highlighted(good) == Markup(good)
    bad = "<mark>x</mark><script>alert(1)</script>"
    assert "<script>" not in str(highlighted(bad))
    assert "&lt;script&gt;" in str(highlighted(bad))


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(link: str | None, expected: str | None) -> None:
    assert safe_href(link) == expected


def test_human_dates() -> None:
    assert human_date("2012-06-14T18:00", "minute") == "June 14, 2012 at 6:00 pm"
    assert human_date("2012-06-14T09:05:00", "minute") == "June 14, 2012 at 9:05 am"
    assert human_date("2012-06-14T00:00", "day") == "June 14, 2012"
    assert human_date("2012-06-14", "unknown") == ""
    assert human_date(None) == ""
    assert month_name("2012-06") == "June 2012"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=24)), max_size=6))
def test_a_link_is_urlencodes_query_string_and_reads_back(params: list[tuple[str, str]]) -> None:
    """Links quote each pair once (cached): still exactly what ``urlencode`` writes, so
    hostile values ("&", "#", "+", quotes, any script) come back as typed."""
    link = urls.url("/", params)
    assert link == (f"/?{urlencode(params)}" if params else "/")
    assert parse_qsl(link.partition("?")[2], keep_blank_values=True) == params
