"""The search page as people use it, in a real Chromium against the real server: results
by post across pages, "more in this post", the way back, errors that keep the search."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.synthetic_wxr import WORD
from tests.web.conftest import MANY_POSTS as POSTS
from tests.web.test_browser import browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def test_pages_of_posts_show_each_post_once_with_its_best_passages(
    page: Any, many_posts: str
) -> None:
    page.goto(f"{many_posts}/?q={WORD}&author=reader1&author=reader2&sort=newest")
    seen: list[str] = []
    number = 1
    while True:
        titles = page.locator("article.post-group .post-title").all_inner_texts()
        seen += titles
        for article in page.locator("article.post-group").all():
            shown = article.locator("li.passage").count()
            assert 1 <= shown <= 3
        if page.locator("a[rel=next]").count() == 0:
            break
        page.click("a[rel=next]")
        number += 1
        page.wait_for_url(f"**page={number}*")  # fetched in place: the address changes
    assert len(seen) == len(set(seen)) == POSTS
    assert page.locator("#result-count").inner_text().endswith("showing posts 21 to 30.")


def test_more_in_this_post_opens_every_match_and_steps_through_them(
    page: Any, many_posts: str
) -> None:
    page.goto(f"{many_posts}/?q={WORD}&sort=oldest&page=2")
    more = page.locator(".more-in-post a").first
    label = more.inner_text()
    hidden = int(label.split()[0])
    assert label.startswith(f"{hidden} more in this post")
    assert hidden in (5, 6)  # 8 comments (odd posts: and the body) match, 3 shown
    more.click()
    page.wait_for_url("**/post/**")
    matches = hidden + 3
    assert page.locator(".passage.match").count() == matches
    assert page.locator(".passage.match mark").count() == matches
    assert f"{matches} passages match" in page.locator(".post-query").inner_text()
    steps = page.locator(".match-step")
    assert steps.first.get_attribute("aria-label") == f"Match 1 of {matches}"
    steps.nth(1).get_by_role("link", name="Next match →").click()
    third = steps.nth(2).evaluate("step => step.parentElement.id")
    assert page.evaluate("location.hash") == f"#{third}"
    # The way back leads to the same page of the same search.
    page.locator(".post-query").get_by_role("link", name="back to the results").click()
    page.wait_for_url(f"{many_posts}/?**")
    assert query_of(page.url) == [("q", WORD), ("sort", "oldest"), ("page", "2")]


def test_back_to_the_results_keeps_author_sort_and_page(page: Any, many_posts: str) -> None:
    start = f"{many_posts}/?q={WORD}&author=reader4&sort=newest&per_page=20&page=2"
    page.goto(start)
    page.locator("li.passage .snippet a").first.click()
    page.wait_for_url("**/post/**")
    page.locator(".site-footer").get_by_role("link", name="Back to the results").click()
    page.wait_for_url(f"{many_posts}/?**")
    assert query_of(page.url) == query_of(start)
    assert page.locator("#per_page").input_value() == "20"
    assert page.locator("#sort").input_value() == "newest"


def test_error_page_keeps_the_search_and_shows_the_error_beside_the_field(
    page: Any, many_posts: str
) -> None:
    page.goto(f"{many_posts}/?q={WORD}&author=reader1&sort=newest&from=2012-02-30")
    assert page.locator("#q").input_value() == WORD
    assert page.locator("#sort").input_value() == "newest"
    date_from = page.locator("#from")
    assert date_from.input_value() == "2012-02-30"
    assert date_from.get_attribute("aria-invalid") == "true"
    assert "no day 30" in page.locator("#from-error").inner_text()
    # Correcting the field and applying it runs the same search with the new date.
    date_from.fill("2010-02-01")
    page.get_by_role("button", name="Apply dates").click()
    page.wait_for_url("**from=2010-02-01*")
    assert dict(query_of(page.url))["author"] == "reader1"
    assert page.locator("article.post-group").count() > 0

    page.goto(f"{many_posts}/?q=AND&author=reader1")
    assert page.locator("#q").input_value() == "AND"
    assert page.locator("#q").get_attribute("aria-invalid") == "true"
    assert page.locator("#q-error").is_visible()
    assert page.locator("input[type=hidden][name=author]").input_value() == "reader1"

    page.goto(f"{many_posts}/?q={WORD}&year=12")
    error = page.locator("#year-error")
    assert "year must be four digits" in error.inner_text()
    error.get_by_role("link", name="Search without this year").click()
    assert query_of(page.url) == [("q", WORD)]


def test_export_links_download_the_whole_match_set(page: Any, many_posts: str) -> None:
    page.goto(f"{many_posts}/?q={WORD}&author=reader1")
    link = page.get_by_role("link", name="CSV")
    assert query_of(link.get_attribute("href") or "") == [("q", WORD), ("author", "reader1")]
    with page.expect_download() as download:
        link.click()
    rows = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    count = page.locator("#result-count").inner_text()
    assert count.startswith(f"{len(rows) - 1} passages")


@pytest.mark.parametrize("path", [f"/?q={WORD}", "/?q=AND&from=x", f"/post/x?q={WORD}"])
def test_no_sideways_scroll_on_a_phone(browser: Any, many_posts: str, path: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    if path.startswith("/post/"):
        phone.goto(f"{many_posts}/?q={WORD}")
        path = phone.locator(".post-title a").first.get_attribute("href")
    phone.goto(f"{many_posts}{path}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def accessibility_tree(page: Any) -> list[dict[str, Any]]:
    """Chromium's own accessibility tree (what a screen reader is given), via CDP."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    return [
        {
            "role": node.get("role", {}).get("value"),
            "name": node.get("name", {}).get("value", ""),
            **{prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])},
        }
        for node in nodes
        if not node.get("ignored")
    ]


def test_facet_counts_and_state_reach_the_accessibility_tree(page: Any, many_posts: str) -> None:
    import httpx

    params = {"q": WORD, "author": "reader2"}
    counts = httpx.get(f"{many_posts}/api/search", params=params).json()["facets"]
    page.goto(f"{many_posts}/?q={WORD}&author=reader2")
    tree = accessibility_tree(page)
    checkboxes = {node["name"]: node["checked"] for node in tree if node["role"] == "checkbox"}
    for value in counts["author"]:
        name = f"{value['value']} {value['count']} passages"
        assert checkboxes[name] == ("true" if value["value"] == "reader2" else "false")
    for value in counts["section"]:
        label = value["value"].title()
        assert checkboxes[f"{label} {value['count']} passages"] == "false"
    # The status line is read out: a live region with the count in words.
    status = [node for node in tree if node["role"] == "status"]
    assert status and status[0]["live"] == "polite"
    # Space toggles a checkbox, as it would a real one.
    page.locator('a[role=checkbox][title="Apply filter: author reader3"]').focus()
    page.keyboard.press(" ")
    page.wait_for_url("**author=reader3*")
    assert page.locator('a[role=checkbox][title="Remove filter: author reader3"]').count() == 1


def test_chart_bars_are_links_to_their_year_and_month_named_with_counts(
    page: Any, many_posts: str
) -> None:
    import httpx

    years = httpx.get(f"{many_posts}/api/search", params={"q": WORD}).json()["facets"]["year"]
    page.goto(f"{many_posts}/?q={WORD}")
    links = {node["name"] for node in accessibility_tree(page) if node["role"] == "link"}
    for value in years:
        assert f"{value['value']}: {value['count']} passages, show only these" in links
    target = years[1]
    page.get_by_role("link", name=f"{target['value']}: {target['count']} passages").click()
    page.wait_for_url(f"**year={target['value']}*")
    assert page.locator("#result-count").inner_text().startswith(f"{target['count']} passages")
    months = page.locator(f'svg[aria-label="Passages per month in {target["value"]}"] a')
    assert months.count() >= 1
    first_month = months.first.get_attribute("href") or ""
    months.first.click()
    page.wait_for_url(f"**month={target['value']}-*")
    assert dict(query_of(page.url))["month"] == dict(query_of(first_month))["month"]


def test_slash_focuses_the_search_box_and_dark_mode_follows_the_system(
    browser: Any,  # noqa: F811
    many_posts: str,
) -> None:
    context = browser.new_context(color_scheme="dark")
    dark = context.new_page()
    dark.goto(f"{many_posts}/?q={WORD}")
    background = dark.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(21, 24, 28)"
    dark.locator("body").click(position={"x": 5, "y": 5})
    dark.keyboard.press("/")
    assert dark.evaluate("document.activeElement.id") == "q"
    context.close()
