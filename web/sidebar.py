"""The facet sidebar and the active-filter chips, as plain data with ready-made links.

Following Datasette's shape: each facet value carries its count, whether it is
selected and the URL that toggles it, so templates only render.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer import DATE_RANGE, FACETS, FacetValue, SearchRequest, SearchResult
from web import urls
from web.templating import human_date, month_name


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    action: str  # "Apply filter: author Cat" / "Remove filter: author Cat"
    facet: str = ""

    @property
    def key(self) -> str:
        """Stable across pages, whatever the link's URL: the script refocuses the same value."""
        return f"{self.facet}:{self.value}"


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    values: list[FacetLink]
    truncated: bool
    more_url: str | None


@dataclass(frozen=True)
class DateFacet:
    years: list[FacetLink]
    months: list[FacetLink]  # of the selected year: the drill-down
    selected_year: str | None
    date_from: str
    date_to: str
    hidden: urls.Params = field(default_factory=list)  # other params the range form keeps


@dataclass(frozen=True)
class Chip:
    label: str
    url: str
    action: str


def value_label(facet: str, value: str) -> str:
    return FACETS[facet].label(value) if facet in FACETS else value


def _action(selected: bool, facet: str, label: str) -> str:
    return f"{'Remove' if selected else 'Apply'} filter: {facet} {label}"


def facet_groups(result: SearchResult, params: urls.Params, path: str = "/") -> list[FacetGroup]:
    """The value facets in registry order (section, author, category, tag, ...) that have
    a value to show or a selection to remove; a cut list links to all its values."""
    groups = []
    for name, facet in FACETS.items():
        values = result.facets.get(name, [])
        if not facet.in_sidebar:
            continue
        links = facet_links(name, values, result.request.selected(name), params, path)
        if not links:  # nothing to choose (a search that found nothing): no "None" list
            continue
        truncated = result.facets_truncated.get(name, False)
        more_url = urls.url(f"/facets/{name}", urls.without(params, "page")) if truncated else None
        groups.append(FacetGroup(name, facet.title, links, truncated, more_url))
    return groups


def facet_links(
    name: str,
    values: list[FacetValue],
    selected_values: tuple[str, ...],
    params: urls.Params,
    path: str = "/",
) -> list[FacetLink]:
    links = []
    for facet_value in values:
        selected = facet_value.selected or facet_value.value in selected_values
        label = facet_value.label or value_label(name, facet_value.value)
        links.append(
            FacetLink(
                value=facet_value.value,
                label=label,
                count=facet_value.count,
                selected=selected,
                url=urls.url(path, urls.toggle(params, name, facet_value.value)),
                action=_action(selected, name, label),
                facet=name,
            )
        )
    # A selected value with no matches left still needs its "remove" link.
    for value in selected_values:
        if not any(urls.same_value(name, link.value, value) for link in links):
            label = value_label(name, value)
            links.append(
                FacetLink(
                    value,
                    label,
                    0,
                    True,
                    urls.url(path, urls.toggle(params, name, value)),
                    _action(True, name, label),
                    name,
                )
            )
    return links


def date_facet(result: SearchResult, params: urls.Params) -> DateFacet:
    """Year links; under the selected year, its months (the drill-down): web/chart.py
    draws them as bars."""
    request = result.request
    selected_year = str(request.year) if request.year else None
    if selected_year is None and request.month:
        selected_year = request.month[:4]
    years = sorted(result.facets.get("year", []), key=lambda value: value.value)
    year_links = [
        FacetLink(
            value=value.value,
            label=value.value,
            count=value.count,
            selected=value.value == selected_year,
            url=urls.url("/", urls.toggle_year(params, value.value)),
            action=_action(value.value == selected_year, "year", value.value),
            facet="year",
        )
        for value in years
    ]
    month_links: list[FacetLink] = []
    if selected_year:
        months = sorted(
            (value for value in result.facets.get("month", [])),
            key=lambda value: value.value,
        )
        months = [value for value in months if value.value.startswith(f"{selected_year}-")]
        for value in months:
            selected = value.value == request.month
            label = month_name(value.value)
            month_links.append(
                FacetLink(
                    value=value.value,
                    label=label,
                    count=value.count,
                    selected=selected,
                    url=urls.url("/", urls.toggle_month(params, value.value)),
                    action=_action(selected, "month", label),
                    facet="month",
                )
            )
    return DateFacet(
        years=year_links,
        months=month_links,
        selected_year=selected_year,
        date_from=request.date_from.isoformat() if request.date_from else "",
        date_to=request.date_to.isoformat() if request.date_to else "",
        hidden=urls.without(params, *DATE_RANGE.parameters, "page"),
    )


def chips(request: SearchRequest, params: urls.Params) -> list[Chip]:
    """One removable chip per active filter, in the order the filters were chosen."""
    result = []
    for key, value in params:
        if key not in urls.FILTER_KEYS:
            continue
        if key == "month":
            label = f"month {month_name(value)}"
        elif key in DATE_RANGE.parameters:
            bound = getattr(request, DATE_RANGE.bound(key).keyword)
            label = f"{key} {human_date(bound.isoformat()) if bound else value}"
        else:
            label = f"{key} {value_label(key, value)}"
        remaining = [pair for pair in params if pair != (key, value)]
        if key == "year":  # a month inside a removed year means nothing
            remaining = urls.without(remaining, "month")
        result.append(
            Chip(label, urls.url("/", urls.without(remaining, "page")), f"Remove filter: {label}")
        )
    return result
