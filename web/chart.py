"""Matches over time as a bar chart, laid out here and drawn as SVG by the template.

Server-side, so it works without JavaScript: each bar is a link that filters to
its year (or month), named with its count for screen readers. Gaps in time are
drawn as empty slots, so the axis is time, not a list of the years that matched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from web.sidebar import FacetLink

WIDTH = 240  # viewBox units; the sidebar is about that many pixels wide
PLOT_HEIGHT = 90
COUNT_ROOM = 12  # above the tallest bar: its count
LABEL_ROOM = 16  # under the bars: the year or month
CHARACTER_WIDTH = 6.5  # of a label at font-size 10: labels every k slots never overlap
MONTH_LABELS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip


@dataclass(frozen=True)
class Bar:
    label: str  # shown under the bar (when there is room)
    name: str  # the link's accessible name: what, how many, and what a click does
    count: int
    url: str | None  # None: an empty slot (no matches then), not a link
    selected: bool
    x: float
    y: float
    width: float
    height: float
    show_label: bool
    show_count: bool  # the count above the bar, when it fits its slot

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = COUNT_ROOM + PLOT_HEIGHT + LABEL_ROOM
    baseline: int = COUNT_ROOM + PLOT_HEIGHT
    top: int = COUNT_ROOM  # of the tallest bar; a bar's link covers its whole column


def _passages(count: int) -> str:
    return f"{count} passage{'' if count == 1 else 's'}"


def bar_chart(title: str, slots: list[tuple[str, str, FacetLink | None]]) -> Chart:
    """``slots``: (short label, full label, link or None for no matches) in time order."""
    largest = max((link.count for _, _, link in slots if link), default=0)
    slot = WIDTH / max(1, len(slots))
    widest = max((len(short) for short, _, _ in slots), default=1)
    every = max(1, math.ceil((widest + 1) * CHARACTER_WIDTH / slot))
    bars = []
    for number, (short, full, link) in enumerate(slots):
        count = link.count if link else 0
        height = 0.0 if not count else max(2.0, PLOT_HEIGHT * count / largest)
        if link is None:
            name = f"{full}: no passages"
        else:
            action = "remove this filter" if link.selected else "show only these"
            name = f"{full}: {_passages(count)}, {action}"
        bars.append(
            Bar(
                label=short,
                name=name,
                count=count,
                url=link.url if link else None,
                selected=bool(link and link.selected),
                x=round(number * slot + slot * 0.12, 2),
                y=round(COUNT_ROOM + PLOT_HEIGHT - height, 2),
                width=round(slot * 0.76, 2),
                height=round(height, 2),
                show_label=number % every == 0,
                show_count=bool(count) and (len(str(count)) + 0.5) * CHARACTER_WIDTH <= slot,
            )
        )
    return Chart(title, bars)


def year_chart(years: list[FacetLink]) -> Chart | None:
    """Every year from the first to the last with matches."""
    by_year = {int(link.value): link for link in years if link.value.isdigit()}
    if not by_year:
        return None
    span = range(min(by_year), max(by_year) + 1)
    slots = [(str(year), str(year), by_year.get(year)) for year in span]
    return bar_chart("Passages per year", slots)


def month_chart(year: str, months: list[FacetLink]) -> Chart | None:
    """The twelve months of the selected year."""
    if not months:
        return None
    by_month = {link.value: link for link in months}
    slots = [
        (MONTH_LABELS[number][0], f"{MONTH_LABELS[number]} {year}",
         by_month.get(f"{year}-{number + 1:02d}"))
        for number in range(12)
    ]  # fmt: skip
    return bar_chart(f"Passages per month in {year}", slots)
