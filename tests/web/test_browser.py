"""Real browser tests: headless Chromium driven by Playwright against the real server.

Skipped when no Chromium is installed, unless ARCHIVE_SEARCH_REQUIRE_BROWSER=1
(CI sets it), which turns the skip into a failure. Screenshots go to
tests/artifacts/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def chromium_path() -> str:
    """The system Chromium, or a skip (a failure when CI requires the browser)."""
    required = os.environ.get("ARCHIVE_SEARCH_REQUIRE_BROWSER") == "1"
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
        reason = "the playwright package is not installed (pip install playwright)"
    else:
        reason = "no Chromium found on PATH (Debian: apt-get install chromium)"
    if found:
        return found
    if required:
        pytest.fail(f"ARCHIVE_SEARCH_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class WatchedPage:
    """A page that records dialogs (a payload that ran), console errors and page errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert self.dialogs == [], "a payload script ran"
        assert self.console_errors == []


@pytest.fixture
def watched(browser: Any) -> Iterator[WatchedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = WatchedPage(context.new_page())
    yield page
    page.assert_clean()
    context.close()


def in_viewport(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "element => { const box = element.getBoundingClientRect();"
            " return box.top >= 0 && box.top < window.innerHeight; }",
        )
    )


def test_typing_a_query_shows_marked_results(watched: WatchedPage, live_server: str) -> None:
    page = watched.page
    page.goto(f"{live_server}/")
    page.fill("#q", "vice squad")
    page.click("form.search-form button[type=submit]")
    page.wait_for_url("**/?q=vice+squad*")
    marks = page.locator(".snippet mark").all_inner_texts()
    assert {"vice", "squad"} <= {mark.lower() for mark in marks}
    quote = page.locator("li.passage", has_text="anonymous sex worker")
    assert quote.locator(".badge").inner_text().lower() == "quote"
    assert page.locator("#result-count").get_attribute("aria-live") == "polite"
    watched.screenshot("search-vice-squad")


def test_clicking_a_facet_changes_count_and_results(watched: WatchedPage, live_server: str) -> None:
    page = watched.page
    page.goto(f"{live_server}/?q=police")
    before = page.locator("#result-count").inner_text()
    page.locator('a[role=checkbox][title="Apply filter: section Comment"]').click()
    page.wait_for_url("**section=comment*")
    after = page.locator("#result-count").inner_text()
    assert after != before
    badges = {badge.lower() for badge in page.locator(".passage .badge").all_inner_texts()}
    assert badges == {"comment"}
    chip = page.get_by_role("link", name="Remove filter: section Comment")
    assert chip.count() >= 1
    watched.screenshot("search-police-comments")
    chip.first.click()
    page.wait_for_url(f"{live_server}/?q=police")
    assert page.locator("#result-count").inner_text() == before


def test_following_a_result_opens_the_post_at_the_highlighted_passage(
    watched: WatchedPage, live_server: str
) -> None:
    page = watched.page
    page.goto(f"{live_server}/?q=vice+squad")
    page.locator("li.passage", has_text="anonymous sex worker").locator(".snippet a").click()
    page.wait_for_url("**/post/**#quote-1")
    assert page.locator("#quote-1 mark").count() >= 2
    assert "match" in (page.get_attribute("#quote-1", "class") or "")
    assert in_viewport(page, "#quote-1")
    watched.screenshot("post-at-quote")


def test_post_page_without_anchor_scrolls_to_first_match(
    watched: WatchedPage, live_server: str, sample_post_id: str
) -> None:
    page = watched.page
    page.goto(f"{live_server}/post/{sample_post_id}?q=College+Park")
    assert in_viewport(page, ".first-match")
    assert page.get_attribute(".first-match", "id") == "comment-5"


def test_hostile_pages_run_no_script(
    watched: WatchedPage, live_server: str, hostile_post_id: str
) -> None:
    page = watched.page
    page.goto(f"{live_server}/?q=alert")
    assert page.locator("li.passage").count() >= 3
    watched.screenshot("hostile-search")
    page.goto(f"{live_server}/post/{hostile_post_id}?q=alert")
    assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    watched.screenshot("hostile-post")
    # assert_clean (in the fixture) checks that no dialog opened and nothing was logged.


def test_phone_width_layout(browser: Any, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = WatchedPage(context.new_page())
    page.page.goto(f"{live_server}/?q=police")
    width = page.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot("search-phone")
    page.assert_clean()
    context.close()
