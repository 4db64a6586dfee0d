"""Matches over time as a bar chart, laid out here and drawn as SVG by the template.

Server-side, so it works without JavaScript: each bar is a link that filters to
its year (or month), named with its count for screen readers and showing it on
hover and focus. Gaps in time are drawn as empty slots, so the axis is time, not a
list of the years that matched.

The SVG has no viewBox: bars and labels are placed in percent of its width, so it
fills whatever width it is given (a phone's panel or a desktop band) while its text
keeps its size. Which axis labels fit depends on that width; labels that only fit a
wide chart are marked ``minor`` and hidden by a container query on narrow ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from web.sidebar import FacetLink

PLOT_HEIGHT = 80
COUNT_ROOM = 16  # above the tallest bar: a bar's count, shown on hover and focus
LABEL_ROOM = 20  # under the bars: the year or month
CHARACTER_WIDTH = 7.0  # px, of a label at the chart's 11 px font, with room to spare
LABEL_GAP = 10  # px between two labels
NARROW_WIDTH = 260  # px: the narrowest chart (a phone's panel); its labels never overlap
WIDE_WIDTH = 400  # px: from this width on (app.css: a container query) minor labels show too
BAR_GAP = 0.12  # of a slot, either side of its bar
MONTH_LABELS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip


@dataclass(frozen=True)
class Bar:
    label: str  # shown under the bar (when there is room)
    name: str  # the link's accessible name: what, how many, and what a click does
    key: str  # stable across pages ("year:2012"): the script refocuses the same bar
    count: int
    url: str | None  # None: an empty slot (no matches then), not a link
    selected: bool
    x: float  # percent of the chart's width
    width: float  # percent
    y: float  # px from the top
    height: float  # px
    label_tier: str  # "" (no label), "major" (always shown) or "minor" (wide charts)
    anchor: str  # text-anchor of the label and count: the end bars' stay inside

    @property
    def center(self) -> str:
        return f"{round(self.x + self.width / 2, 3)}%"

    @property
    def text_x(self) -> str:
        """Where the label and count stand: the bar's centre, or its outer edge at an end."""
        spot = {"start": self.x, "end": self.x + self.width}.get(self.anchor)
        return self.center if spot is None else f"{round(spot, 3)}%"


@dataclass(frozen=True)
class Chart:
    title: str  # also the SVG's accessible name
    caption: str  # the scale in words: the highest bar
    bars: list[Bar]
    slot: float  # percent of the width per bar (its gap included)
    height: int = COUNT_ROOM + PLOT_HEIGHT + LABEL_ROOM
    baseline: int = COUNT_ROOM + PLOT_HEIGHT
    top: int = COUNT_ROOM  # of the tallest bar; a bar's link covers its whole column

    @property
    def selected_range(self) -> tuple[str, str] | None:
        """x and width (percent) of the band behind the selected bars, if any."""
        chosen = [bar for bar in self.bars if bar.selected]
        if not chosen:
            return None
        start = chosen[0].x - self.slot * BAR_GAP
        end = chosen[-1].x + chosen[-1].width + self.slot * BAR_GAP
        return f"{round(start, 3)}%", f"{round(end - start, 3)}%"


def _passages(count: int) -> str:
    return f"{count} passage{'' if count == 1 else 's'}"


def label_steps(slots: int, widest: int) -> tuple[int, int]:
    """Every how many slots a label fits on a wide and on a narrow chart; the narrow
    step is a multiple of the wide one, so narrow labels are a subset of wide ones."""
    room = widest * CHARACTER_WIDTH + LABEL_GAP
    wide = max(1, math.ceil(room * slots / WIDE_WIDTH))
    narrow = max(1, math.ceil(room * slots / NARROW_WIDTH))
    return wide, wide * math.ceil(narrow / wide)


def _end_room(step: int, widest: int) -> float:
    """How many slots a label keeps from an end label: that one stands at its bar's outer
    edge, not centred, so it reaches half a label further in."""
    label = widest * CHARACTER_WIDTH
    return step * (1.5 * label + LABEL_GAP) / (label + LABEL_GAP) - (0.5 - BAR_GAP)


def label_tiers(slots: int, widest: int) -> list[str]:
    """Per slot: "major" (always shown), "minor" (wide charts only) or "" (unlabelled).
    The first and the last slot are labelled; labels too close to them are not."""
    wide, narrow = label_steps(slots, widest)
    last = slots - 1
    tiers = []
    for number in range(slots):
        tier = ""
        for step, name in ((wide, "minor"), (narrow, "major")):
            room = _end_room(step, widest)
            if number % step == 0 and number >= room and last - number >= room:
                tier = name
        tiers.append("major" if number in (0, last) else tier)
    return tiers


def bar_chart(title: str, slots: list[tuple[str, str, str, FacetLink | None]]) -> Chart:
    """``slots``: (short label, full label, key, link or None for no matches) in time order."""
    largest = max((link.count for _, _, _, link in slots if link), default=0)
    slot = 100 / max(1, len(slots))
    widest = max((len(short) for short, _, _, _ in slots), default=1)
    tiers = label_tiers(len(slots), widest)
    bars = []
    for number, (short, full, key, link) in enumerate(slots):
        count = link.count if link else 0
        height = 0.0 if not count else max(2.0, PLOT_HEIGHT * count / largest)
        if link is None:
            name = f"{full}: no passages"
        else:
            action = "remove this filter" if link.selected else "show only these"
            name = f"{full}: {_passages(count)}, {action}"
        ends = {0: "start", len(slots) - 1: "end"} if len(slots) > 1 else {}
        bars.append(
            Bar(
                label=short,
                name=name,
                key=key,
                count=count,
                url=link.url if link else None,
                selected=bool(link and link.selected),
                x=round(number * slot + slot * BAR_GAP, 3),
                width=round(slot * (1 - 2 * BAR_GAP), 3),
                y=round(COUNT_ROOM + PLOT_HEIGHT - height, 2),
                height=round(height, 2),
                label_tier=tiers[number],
                anchor=ends.get(number, "middle"),
            )
        )
    peak = max((bar for bar in bars if bar.count), key=lambda bar: bar.count, default=None)
    caption = f"Most: {_passages(peak.count)} in {peak.name.split(':')[0]}" if peak else ""
    return Chart(title, caption, bars, slot)


def year_chart(years: list[FacetLink]) -> Chart | None:
    """Every year from the first to the last with matches."""
    by_year = {int(link.value): link for link in years if link.value.isdigit()}
    if not by_year:
        return None
    span = range(min(by_year), max(by_year) + 1)
    slots = [(str(year), str(year), f"year:{year}", by_year.get(year)) for year in span]
    return bar_chart("Passages per year", slots)


def month_chart(year: str, months: list[FacetLink]) -> Chart | None:
    """The twelve months of the selected year."""
    if not months:
        return None
    by_month = {link.value: link for link in months}
    slots = []
    for number, short in enumerate(MONTH_LABELS):
        value = f"{year}-{number + 1:02d}"
        slots.append((short, f"{short} {year}", f"month:{value}", by_month.get(value)))
    return bar_chart(f"Passages per month in {year}", slots)
