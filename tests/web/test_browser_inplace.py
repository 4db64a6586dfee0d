"""Refining a search without losing your place (web/static/app.js), in a real Chromium:
a filter, sort or page changes the results in place, keeps the scroll position and the
focus, updates the address and announces the count; back and forward restore the search;
typing searches after a pause. The same steps without JavaScript load whole pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.synthetic_wxr import WORD
from tests.web.test_browser import browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
FACET = 'a[role=checkbox][title="Apply filter: author reader3"]'


def params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


def mark_document(page: Any) -> None:
    """A flag on the window and one on the live region: both survive only if the page
    was not reloaded and the live region was updated, not replaced."""
    page.evaluate("window.notReloaded = true; document.getElementById('result-count').kept = 1")


def still_marked(page: Any) -> bool:
    return bool(
        page.evaluate(
            "window.notReloaded === true && document.getElementById('result-count').kept === 1"
        )
    )


def wait_until(page: Any, expression: str) -> None:
    """Polls ``expression`` (page.wait_for_function evaluates strings, which the
    page's CSP forbids, as it should)."""
    for _ in range(200):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


def top_of(page: Any, selector: str) -> float:
    return float(page.eval_on_selector(selector, "element => element.getBoundingClientRect().top"))


def test_a_facet_click_keeps_the_place_the_focus_and_updates_the_address(
    page: Any, many_posts: str
) -> None:
    page.goto(f"{many_posts}/?q={WORD}")
    page.evaluate(
        f"window.scrollBy(0, document.querySelector('{FACET}').getBoundingClientRect().top - 100)"
    )
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 250  # the facet is well down the page: a reload would lose this
    before_count = page.locator("#result-count").inner_text()
    before_top = top_of(page, FACET)
    mark_document(page)
    page.click(FACET)
    page.wait_for_url("**author=reader3*")
    assert params(page.url) == {"q": WORD, "author": "reader3"}
    assert still_marked(page)
    # Focus is on the same value, now checked, and it has not moved on the screen.
    focused = page.evaluate(
        "['data-key', 'aria-checked'].map(name => document.activeElement.getAttribute(name))"
    )
    assert focused == ["author:reader3", "true"]
    assert abs(top_of(page, '[data-key="author:reader3"]') - before_top) <= 2
    assert page.evaluate("window.scrollY") > 250
    after_count = page.locator("#result-count").inner_text()
    assert after_count != before_count
    assert page.locator("#result-count").get_attribute("aria-live") == "polite"
    assert {text.strip() for text in page.locator(".passage .author").all_inner_texts()} == {
        "reader3"
    }
    assert page.get_by_role("link", name="Remove filter: author reader3").count() == 1  # the chip


def test_back_and_forward_restore_the_search(page: Any, many_posts: str) -> None:
    page.goto(f"{many_posts}/?q={WORD}")
    everything = page.locator("#result-count").inner_text()
    mark_document(page)
    page.click(FACET)
    page.wait_for_url("**author=reader3*")
    filtered = page.locator("#result-count").inner_text()
    page.select_option("#sort", "newest")
    page.wait_for_url("**sort=newest*")
    assert page.evaluate("document.activeElement.id") == "sort"
    page.go_back()
    page.wait_for_url(f"{many_posts}/?q={WORD}&author=reader3")
    wait_until(page, "document.getElementById('sort').value === ''")
    assert page.locator("#result-count").inner_text() == filtered
    page.go_back()
    page.wait_for_url(f"{many_posts}/?q={WORD}")
    wait_until(
        page,
        f"document.querySelector('{FACET}') !== null",  # the value is unchecked again
    )
    assert page.locator("#result-count").inner_text() == everything
    assert page.locator(".chip").count() == 0
    page.go_forward()
    page.wait_for_url("**author=reader3")
    wait_until(page, "document.querySelectorAll('.chip').length === 1")
    assert page.locator("#result-count").inner_text() == filtered
    assert still_marked(page)  # all of it in one document


def test_the_pager_shows_the_next_page_from_its_top(page: Any, many_posts: str) -> None:
    page.goto(f"{many_posts}/?q={WORD}")
    page.locator("a[rel=next]").scroll_into_view_if_needed()
    page.click("a[rel=next]")
    page.wait_for_url("**page=2*")
    assert page.evaluate("document.activeElement.id") == "results"
    assert 0 <= top_of(page, "#results") < 900
    assert page.locator("#result-count").inner_text().endswith("showing posts 11 to 20.")


def test_typing_searches_after_a_pause_never_per_key(page: Any, many_posts: str) -> None:
    searches: list[str] = []
    page.on(
        "request", lambda request: searches.append(request.url) if "?q=" in request.url else None
    )
    page.goto(f"{many_posts}/")
    searches.clear()
    page.locator("#q").press_sequentially(WORD, delay=40)  # faster than the pause
    page.wait_for_url(f"**q={WORD}*")
    wait_until(page, f"document.getElementById('result-count').textContent.indexOf('{WORD}') < 0")
    assert len(searches) == 1, searches
    assert page.locator(".snippet mark").first.inner_text().lower() == WORD
    assert page.evaluate("document.activeElement.id") == "q"  # typing goes on
    assert page.locator("#q").input_value() == WORD


def test_typing_stops_searching_while_the_server_is_busy(page: Any, many_posts: str) -> None:
    answered: list[str] = []

    def busy(route: Any) -> None:
        answered.append(route.request.url)
        route.fulfill(status=503, body="busy", headers={"Retry-After": "30"})

    page.goto(f"{many_posts}/")
    page.route("**/?q=*", busy)
    page.locator("#q").press_sequentially("harb", delay=20)
    page.wait_for_timeout(1000)
    assert len(answered) == 1
    page.locator("#q").press_sequentially("our", delay=20)
    page.wait_for_timeout(1000)
    assert len(answered) == 1  # no more requests while it said it was busy
    assert urlsplit(page.url).query == ""  # still the page it was: nothing half-loaded
    page.unroute("**/?q=*")
    page.locator("#q").press("Enter")  # a search asked for still runs
    page.wait_for_url("**q=harbour*")


def test_without_javascript_the_same_steps_load_whole_pages(browser: Any, many_posts: str) -> None:  # noqa: F811
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{many_posts}/?q={WORD}")
    page.click(FACET)
    page.wait_for_url("**author=reader3*")
    assert page.get_by_role("link", name="Remove filter: author reader3").count() == 1
    page.select_option("#sort", "newest")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url("**sort=newest*")
    assert params(page.url)["author"] == "reader3"
    page.go_back()
    page.wait_for_url("**author=reader3")
    page.go_back()
    page.wait_for_url(f"{many_posts}/?q={WORD}")
    assert page.locator(".chip").count() == 0
    context.close()
