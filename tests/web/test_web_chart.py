"""The timeline's layout (web/chart.py): which axis labels are shown at which width, and
where the end labels stand, for spans from one year to decades."""

from __future__ import annotations

import itertools

import pytest

from web.chart import CHARACTER_WIDTH, NARROW_WIDTH, WIDE_WIDTH, year_chart
from web.sidebar import FacetLink


def years(first: int, last: int, selected: int | None = None) -> list[FacetLink]:
    return [
        FacetLink(
            str(year), str(year), year - first + 1, year == selected, f"/?year={year}", "", "year"
        )
        for year in range(first, last + 1)
    ]


def shown(tiers: list[str], width: int) -> list[int]:
    wanted = ("major",) if width < WIDE_WIDTH else ("major", "minor")
    return [number for number, tier in enumerate(tiers) if tier in wanted]


@pytest.mark.parametrize("span", [1, 2, 5, 12, 23, 40, 75])
@pytest.mark.parametrize("width", [NARROW_WIDTH, WIDE_WIDTH])
def test_labels_at_both_ends_never_overlap(span: int, width: int) -> None:
    chart = year_chart(years(2000, 2000 + span - 1))
    assert chart is not None
    numbers = shown([bar.label_tier for bar in chart.bars], width)
    assert numbers[0] == 0 and numbers[-1] == span - 1
    label = 4 * CHARACTER_WIDTH  # px: four digits, generously
    edges = []
    for number in numbers:
        bar = chart.bars[number]
        start = {"start": bar.x, "end": bar.x + bar.width}.get(bar.anchor, bar.x + bar.width / 2)
        start = start * width / 100 - {"start": 0, "end": label}.get(bar.anchor, label / 2)
        edges.append((start, start + label))
    assert edges[0][0] >= 0 and edges[-1][1] <= width  # inside the chart
    for (_, right), (left, _) in itertools.pairwise(edges):
        assert right <= left, edges
    anchors = [bar.anchor for bar in chart.bars]
    if span > 1:
        assert anchors[0] == "start" and anchors[-1] == "end"
        assert set(anchors[1:-1]) <= {"middle"}


def test_the_selected_year_is_marked_and_named() -> None:
    chart = year_chart(years(2008, 2012, selected=2010))
    assert chart is not None
    selected = [bar for bar in chart.bars if bar.selected]
    assert [bar.name for bar in selected] == ["2010: 3 passages, remove this filter"]
    assert chart.selected_range == ("40.0%", "20.0%")
    assert chart.caption == "Most: 5 passages in 2012"
    assert [bar.key for bar in chart.bars][:2] == ["year:2008", "year:2009"]
