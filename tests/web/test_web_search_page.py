"""The search page, read as data: results grouped by post, facets, chips, paging."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag
from starlette.testclient import TestClient


def text_of(element: Tag | None) -> str:
    return element.get_text(" ", strip=True) if element else ""


def facet_values(soup: BeautifulSoup, name: str) -> dict[str, dict[str, Any]]:
    """``{label: {"count", "selected", "action", "url"}}`` for one facet of the sidebar."""
    values = {}
    for link in soup.select(f"section.facet-{name} a[role=checkbox]"):
        count = link.select_one(".count")
        assert count is not None and count.select_one(".visually-hidden") is not None
        values[text_of(link.select_one(".facet-label"))] = {
            "count": int(count.find(string=True).strip()),
            "selected": link["aria-checked"] == "true",
            "action": link["title"],
            "url": link["href"],
        }
    return values


def chart_bars(soup: BeautifulSoup, title: str) -> dict[str, tuple[str, str | None]]:
    """``{accessible name: (href, aria-current)}`` of the date chart called ``title``."""
    svg = soup.select_one(f'section.facet-date svg[aria-label="{title}"]')
    if svg is None:
        return {}
    return {bar["aria-label"]: (bar["href"], bar.get("aria-current")) for bar in svg.select("a")}


def search_page(client: TestClient, params: Any) -> dict[str, Any]:
    response = client.get("/", params=params)
    assert response.status_code == 200, response.text
    soup = BeautifulSoup(response.text, "html.parser")
    groups = []
    for article in soup.select("article.post-group"):
        passages = []
        for item in article.select("li.passage"):
            passages.append(
                {
                    "section": text_of(item.select_one(".badge")),
                    "author": text_of(item.select_one(".author")),
                    "date": text_of(item.select_one("time")),
                    "marks": [mark.get_text() for mark in item.select(".snippet mark")],
                    "snippet": text_of(item.select_one(".snippet")),
                    "link": item.select_one(".snippet a")["href"],
                }
            )
        groups.append(
            {
                "title": text_of(article.select_one(".post-title")),
                "link": article.select_one(".post-title a")["href"],
                "summary": text_of(article.select_one(".match-summary")),
                "passages": passages,
            }
        )
    count = soup.select_one("#result-count")
    return {
        "soup": soup,
        "count": text_of(count),
        "count_live": count.get("aria-live") if count else None,
        "groups": groups,
        "passages": [passage for group in groups for passage in group["passages"]],
        "chips": [
            (text_of(chip), chip["aria-label"], chip["href"]) for chip in soup.select(".chip")
        ],
        "clear_all": (soup.select_one(".clear-all") or {}).get("href"),
        "query_box": soup.select_one("input#q")["value"],
        "sort": soup.select_one("#sort option[selected]")["value"],
        "sort_labels": [option.get_text() for option in soup.select("#sort option")],
    }


def test_vice_squad_shows_the_attributed_quote_with_both_words_marked(client: TestClient) -> None:
    page = search_page(client, {"q": "vice squad"})
    quotes = [p for p in page["passages"] if p["author"] == "anonymous sex worker"]
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote["section"] == "Quote"
    assert {mark.lower() for mark in quote["marks"]} >= {"vice", "squad"}
    assert quote["link"].endswith("?q=vice+squad#quote-1")
    assert page["query_box"] == "vice squad"
    assert page["count_live"] == "polite"


def test_two_authors_in_comments_show_four_comments_and_disjunctive_author_counts(
    client: TestClient,
) -> None:
    params = [("author", "bebopper76"), ("author", "Cat"), ("section", "comment")]
    one_by_one = search_page(client, [*params, ("group", "passage")])
    assert len(one_by_one["passages"]) == 4
    assert {p["section"] for p in one_by_one["passages"]} == {"Comment"}
    assert sorted(p["author"] for p in one_by_one["passages"]) == ["Cat"] + ["bebopper76"] * 3
    assert one_by_one["count"].startswith("4 passages in 1 post")
    # By post (the page's default): the post once, its first 3 comments, and the rest linked.
    page = search_page(client, params)
    assert [p["author"] for p in page["passages"]] == ["Cat", "bebopper76", "bebopper76"]
    assert page["count"].startswith("4 passages in 1 post")
    assert (
        page["soup"]
        .select_one(".more-in-post a")
        .get_text(" ", strip=True)
        .startswith("1 more in this post")
    )
    authors = facet_values(page["soup"], "author")
    # Counting is disjunctive: other authors keep their counts, to be added with OR.
    assert authors["cydnova"]["count"] == 1
    assert authors["Cristine Sardina"]["count"] == 1
    assert authors["cydnova"]["action"] == "Apply filter: author cydnova"
    assert authors["bebopper76"] == {
        "count": 3,
        "selected": True,
        "action": "Remove filter: author bebopper76",
        "url": "/?author=Cat&section=comment",
    }
    sections = facet_values(page["soup"], "section")
    assert sections["Comment"]["selected"] is True
    assert [chip[1] for chip in page["chips"]] == [
        "Remove filter: author bebopper76",
        "Remove filter: author Cat",
        "Remove filter: section Comment",
    ]
    assert page["clear_all"] == "/"


def test_results_grouped_by_post_with_match_summary(client: TestClient) -> None:
    page = search_page(client, {"q": "police"})
    titles = [group["title"] for group in page["groups"]]
    assert len(titles) == len(set(titles)) == 2
    sample = next(group for group in page["groups"] if group["title"].startswith("Occupy"))
    assert "in comments" in sample["summary"]
    assert sample["summary"].split()[1] in ("match", "matches")
    assert sample["link"].endswith("?q=police")
    assert all("polic" in " ".join(p["marks"]).lower() for p in sample["passages"])


def test_a_facet_link_toggles_the_filter_and_resets_paging(client: TestClient) -> None:
    first = search_page(client, {"q": "police", "per_page": "2", "page": "2"})
    cat_link = facet_values(first["soup"], "section")["Comment"]["url"]
    assert cat_link == "/?q=police&per_page=2&section=comment"
    second = search_page(client, cat_link.split("?", 1)[1])
    assert {p["section"] for p in second["passages"]} == {"Comment"}
    assert facet_values(second["soup"], "section")["Comment"]["selected"] is True
    assert second["count"] != first["count"]


def test_year_chart_drills_down_to_months(client: TestClient) -> None:
    page = search_page(client, {"q": "police"})
    years = chart_bars(page["soup"], "Passages per year")
    counts = client.get("/api/search", params={"q": "police"}).json()["facets"]["year"]
    assert years == {
        f"{value['value']}: {value['count']} passage{'s' if value['count'] > 1 else ''}, "
        f"show only these": (f"/?q=police&year={value['value']}", None)
        for value in counts
    }
    assert chart_bars(page["soup"], "Passages per month in 2012") == {}
    url_2012 = next(href for name, (href, _) in years.items() if name.startswith("2012"))
    drilled = search_page(client, url_2012.split("?", 1)[1])
    assert {p["date"][-4:] for p in drilled["passages"]} <= {"2012"} | {
        p["date"][-4:] for p in drilled["passages"] if " at " in p["date"]
    }
    selected = chart_bars(drilled["soup"], "Passages per year")
    assert [current for name, (_, current) in selected.items() if name.startswith("2012")] == [
        "true"
    ]
    months = chart_bars(drilled["soup"], "Passages per month in 2012")
    assert list(months) == [
        f"Jun 2012: {counts[0]['count'] if counts[0]['value'] == '2012' else 0} passages, "
        "show only these"
    ]
    year_chip = [chip for chip in drilled["chips"] if chip[0].startswith("year")]
    assert year_chip and year_chip[0][2] == "/?q=police"


def test_month_and_date_range_filters(client: TestClient) -> None:
    june = search_page(client, {"q": "police", "month": "2012-06"})
    assert june["passages"] and all("2012" in p["date"] for p in june["passages"])
    ranged = search_page(client, {"q": "police", "from": "2013-01-01", "to": "2013-12"})
    assert ranged["passages"] and all("2013" in p["date"] for p in ranged["passages"])
    labels = [chip[0] for chip in ranged["chips"]]
    assert labels[0].startswith("from January 1, 2013")
    assert labels[1].startswith("to December 31, 2013")
    form = ranged["soup"].select_one("form.date-range")
    assert form.select_one("#from")["value"] == "2013-01-01"
    hidden = {(i["name"], i["value"]) for i in form.select("input[type=hidden]")}
    assert hidden == {("q", "police")}


def test_sort_is_kept_and_changing_it_is_a_plain_get_form(client: TestClient) -> None:
    page = search_page(client, {"q": "police", "sort": "newest", "author": "Cat"})
    assert page["sort"] == "newest"
    form = page["soup"].select_one("form.search-form")
    assert form["method"] == "get" and form.select_one("button[type=submit]")
    hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert hidden == [("author", "Cat")]
    dates = [p["date"] for p in search_page(client, {"q": "police", "sort": "newest"})["passages"]]
    assert dates[0].startswith("March") and "2013" in dates[0]
    ranked = search_page(client, {"q": "police"})
    assert ranked["sort"] == "" and ranked["sort_labels"] == [
        "Best match",
        "Newest first",
        "Oldest first",
    ]
    assert search_page(client, {"q": "police", "sort": "relevance"})["sort"] == ""


def test_paging_and_a_page_past_the_last(client: TestClient) -> None:
    params = {"q": "police", "per_page": "2", "group": "passage"}
    page = search_page(client, params)
    nav = page["soup"].select_one("nav.paging")
    assert nav.select_one("a[rel=next]")["href"] == "/?q=police&per_page=2&group=passage&page=2"
    assert nav.select_one("[aria-current=page]").get_text() == "1"
    past = search_page(client, {**params, "page": "99"})
    assert past["passages"] == []
    pages = client.get("/api/search", params=params).json()["pages"]
    back = past["soup"].select_one(".past-last a")
    assert back is not None
    assert back["href"] == f"/?q=police&per_page=2&group=passage&page={pages}"
    assert "past the last page" in past["count"]


def test_did_you_mean_links_to_the_corrected_search(client: TestClient) -> None:
    page = search_page(client, {"q": "polise", "author": "Cat"})
    link = page["soup"].select_one(".suggestion a")
    assert link is not None and link.get_text() == "police"
    assert link["href"] == "/?author=Cat&q=police"


def test_more_page_lists_every_author(client: TestClient) -> None:
    response = client.get("/facets/author", params={"q": "police"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    labels = [a["title"] for a in soup.select("section.facet-author a")]
    assert "Apply filter: author bebopper76" in labels
    api = client.get("/api/search", params={"q": "police", "facet_size": "0"}).json()
    assert len(labels) == len(api["facets"]["author"])
    assert client.get("/facets/nonsense").status_code == 404


def test_head_links_opensearch_json_and_atom(client: TestClient) -> None:
    soup = search_page(client, {"q": "vice squad", "page": "1"})["soup"]
    links = {(link["rel"][0], link.get("type")): link["href"] for link in soup.select("head link")}
    assert links[("search", "application/opensearchdescription+xml")] == "/opensearch.xml"
    assert links[("alternate", "application/json")] == "/api/search?q=vice+squad&page=1"
    assert links[("alternate", "application/atom+xml")] == "/search.atom?q=vice+squad"


def test_home_page_without_a_query_browses_everything(client: TestClient) -> None:
    page = search_page(client, {})
    assert page["query_box"] == ""
    assert page["passages"]
    assert page["sort"] == ""  # the default order: oldest first without a query
    assert page["sort_labels"][0] == "Default (oldest first)"
    dates = [p["date"] for p in page["passages"]]
    assert dates[0].startswith("June 14, 2012")


def test_a_search_that_finds_nothing_lists_no_empty_facets(client: TestClient) -> None:
    page = search_page(client, {"q": "zzyzxnothing", "author": "Cat"})
    assert page["count"] == "No passages match."
    sidebar = page["soup"].select_one("#facets")
    headings = [text_of(heading) for heading in sidebar.select("section.facet h2")]
    # Only the chosen author (to remove it) and the date range form: no "Section: None".
    assert headings == ["Author", "Date range"]
    assert "None" not in text_of(sidebar)
    assert facet_values(page["soup"], "author") == {
        "Cat": {
            "count": 0,
            "selected": True,
            "action": "Remove filter: author Cat",
            "url": "/?q=zzyzxnothing",
        }
    }
    assert text_of(page["soup"].select_one("#timeline")) == ""  # no chart of nothing
    assert page["soup"].select_one("#filters-toggle").get_text() == "Filters (1)"


def widenings(client: TestClient, params: dict[str, str]) -> list[tuple[str, str]]:
    """The empty page's "Remove one filter" list: (text, link) in the order shown."""
    soup = BeautifulSoup(client.get("/", params=params).text, "html.parser")
    return [(text_of(link.parent), link["href"]) for link in soup.select(".empty-state li a")]


def test_an_empty_search_lists_each_filter_with_what_its_removal_finds(client: TestClient) -> None:
    params = {"q": "police", "author": "anonymous sex worker", "section": "comment"}
    assert widenings(client, params) == [
        ("without author anonymous sex worker : 3 passages", "/?q=police&section=comment"),
        ("without section Comment : 1 passage", "/?q=police&author=anonymous+sex+worker"),
    ]
    params = {"q": "vice squad", "from": "2001", "to": "2002", "section": "quote"}
    assert widenings(client, params) == [
        ("without to December 31, 2002 : 2 passages", "/?q=vice+squad&from=2001&section=quote"),
        ("without from January 1, 2001 : 0 passages", "/?q=vice+squad&to=2002&section=quote"),
        ("without section Quote : 0 passages", "/?q=vice+squad&from=2001&to=2002"),
    ]
