"""The search page's layout for the keyboard, a phone and the timeline, in a real Chromium,
with and without JavaScript: results first, a Filters control on a phone, skip links, few
Tab presses to the first result, and chart labels that are never cut off."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from tests.synthetic_wxr import WORD
from tests.web.test_browser import WatchedPage, browser  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Skip links, the site's name, the search box, sort, page size, Search (and on a phone
# the Filters control) come before the first result; the facets come after the results.
MOST_TABS_TO_FIRST_RESULT = 8
FIRST_RESULT_FOCUSED = "!!(document.activeElement && document.activeElement.closest('.post-group'))"


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:  # noqa: F811 (the imported fixture)
    opened: list[tuple[Any, WatchedPage]] = []

    def open_page(viewport: dict[str, int], javascript: bool = True) -> Any:
        context = browser.new_context(
            viewport=viewport, is_mobile=viewport == PHONE, java_script_enabled=javascript
        )
        watched = WatchedPage(context.new_page())
        opened.append((context, watched))
        return watched.page

    yield open_page
    for context, watched in opened:
        watched.assert_clean()
        context.close()


def tabs_to_first_result(page: Any) -> int:
    for presses in range(1, 200):
        page.keyboard.press("Tab")
        if page.evaluate(FIRST_RESULT_FOCUSED):
            return presses
    raise AssertionError("Tab never reached a result")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", ["/", f"/?q={WORD}"], ids=["browse", "query"])
def test_the_keyboard_reaches_the_first_result_in_a_few_tabs(
    open_page: Any, many_posts: str, viewport: dict[str, int], path: str, javascript: bool
) -> None:
    page = open_page(viewport, javascript)
    page.goto(f"{many_posts}{path}")
    assert tabs_to_first_result(page) <= MOST_TABS_TO_FIRST_RESULT
    # Or by the first skip link: Tab, Enter, Tab.
    page.goto(f"{many_posts}{path}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FIRST_RESULT_FOCUSED)


def test_the_skip_link_to_the_filters_leads_to_the_timeline_then_the_facets(
    open_page: Any, many_posts: str, javascript: bool
) -> None:
    page = open_page(DESKTOP, javascript)
    page.goto(f"{many_posts}/?q={WORD}")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to filters"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('svg').getAttribute('aria-label')") == (
        "Passages per year"
    )


def test_on_a_phone_results_come_first_and_filters_open_from_a_control(
    open_page: Any, many_posts: str, javascript: bool
) -> None:
    page = open_page(PHONE, javascript)
    page.goto(f"{many_posts}/?q={WORD}&author=reader3")
    control = page.locator("#filters-toggle")
    assert control.inner_text() == "Filters (1)"
    first_result = page.locator("article.post-group").first
    assert control.bounding_box()["y"] < first_result.bounding_box()["y"] < PHONE["height"]
    assert page.locator(".chip").inner_text().startswith("author reader3")  # chosen: in view
    facet = page.locator('a[role=checkbox][title="Apply filter: author reader4"]')
    assert not facet.is_visible()
    control.click()
    assert facet.is_visible()
    if javascript:
        assert control.get_attribute("aria-expanded") == "true"
    # The panel opens between the control and the results.
    assert (
        control.bounding_box()["y"] < facet.bounding_box()["y"] < first_result.bounding_box()["y"]
    )
    facet.click()
    page.wait_for_url("**author=reader4*")
    page.wait_for_selector("#filters-toggle:text-is('Filters (2)')")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def visible_label_boxes(page: Any) -> list[dict[str, Any]]:
    """Each shown axis label's box, and the box of the SVG it is drawn in."""
    return list(
        page.evaluate(
            """[...document.querySelectorAll('.chart text.bar-label')]
            .filter(text => getComputedStyle(text).display !== 'none')
            .map(text => {
              const box = text.getBoundingClientRect();
              const chart = text.ownerSVGElement, svg = chart.getBoundingClientRect();
              return {label: text.textContent, chart: chart.getAttribute('aria-label'),
                      left: box.left, right: box.right, top: box.top, bottom: box.bottom,
                      svgLeft: svg.left, svgRight: svg.right, svgTop: svg.top,
                      svgBottom: svg.bottom};
            })"""
        )
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_timeline_labels_are_inside_the_chart_and_never_overlap(
    open_page: Any, many_posts: str, viewport: dict[str, int]
) -> None:
    page = open_page(viewport)
    page.goto(f"{many_posts}/?q={WORD}&year=2010")
    if viewport == PHONE:
        page.click("#filters-toggle")
    boxes = visible_label_boxes(page)
    charts = {box["chart"] for box in boxes}
    assert charts == {"Passages per year", "Passages per month in 2010"}
    labels = [box["label"] for box in boxes if box["chart"] == "Passages per year"]
    assert labels[0] == "2008" and labels[-1] == "2012"  # both ends
    for box in boxes:
        assert box["svgLeft"] <= box["left"] and box["right"] <= box["svgRight"], box
        assert box["svgTop"] <= box["top"] and box["bottom"] <= box["svgBottom"], box
    for before, after in itertools.pairwise(boxes):
        if before["chart"] == after["chart"]:
            assert before["right"] < after["left"], (before, after)


def test_each_bar_shows_its_count_on_focus_and_the_selected_year_is_marked(
    open_page: Any, many_posts: str
) -> None:
    page = open_page(DESKTOP)
    page.goto(f"{many_posts}/?q={WORD}&year=2010")
    bars = page.locator('svg[aria-label="Passages per year"] a')
    count = page.locator('svg[aria-label="Passages per year"] a .bar-count')
    assert count.nth(0).evaluate("text => getComputedStyle(text).visibility") == "hidden"
    bars.nth(0).focus()
    assert count.nth(0).evaluate("text => getComputedStyle(text).visibility") == "visible"
    name = bars.nth(0).get_attribute("aria-label") or ""
    assert name.startswith(f"2008: {count.nth(0).text_content()} passages")
    assert bars.nth(0).locator("title").text_content() == name
    selected = page.locator('svg[aria-label="Passages per year"] a[aria-current="true"]')
    assert selected.get_attribute("aria-label", timeout=1000).startswith("2010: ")
    assert page.locator('svg[aria-label="Passages per year"] rect.range').count() == 1
