"""The post page: structure, attribution, highlighting and the passage it opens at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from indexer import index_archive
from web.app import create_app


def post_page(client: TestClient, post_id: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/post/{post_id}", params=params)
    assert response.status_code == 200, response.text
    soup = BeautifulSoup(response.text, "html.parser")
    passages = [
        {
            "id": element["id"],
            "tag": element.name,
            "classes": element.get("class") or [],
            "author": element.select_one(".author, cite").get_text(strip=True)
            if element.select_one(".author, cite")
            else "",
            "date": element.select_one("time").get_text(strip=True)
            if element.select_one("time")
            else "",
            "marks": [mark.get_text() for mark in element.select("mark")],
        }
        for element in soup.select(".passage[id]")
    ]
    return {"soup": soup, "passages": passages, "by_id": {p["id"]: p for p in passages}}


def test_post_page_renders_every_part_with_anchors(client: TestClient, sample_post_id: str) -> None:
    page = post_page(client, sample_post_id)
    soup = page["soup"]
    assert soup.select_one("h1").get_text(strip=True).startswith("Occupy Patriarchy disrupts")
    assert soup.select_one(".post-header time")["datetime"].startswith("2012-06-14")
    ids = [p["id"] for p in page["passages"]]
    assert ids == [
        "post-1",
        "quote-1",
        "post-2",
        "post-3",
        *(f"comment-{n}" for n in range(1, 7)),
        "pingback-1",
        "pingback-2",
    ]
    comments = [p for p in page["passages"] if p["id"].startswith("comment-")]
    assert [c["author"] for c in comments] == [
        "cydnova",
        "Cristine Sardina",
        "Cat",
        "bebopper76",
        "bebopper76",
        "bebopper76",
    ]
    assert comments[0]["date"] == "June 14, 2012 at 6:00 pm"
    assert page["by_id"]["pingback-1"]["author"] == "postwhoreamerica"
    assert soup.select_one("#comments-heading").get_text(strip=True) == "6 comments"
    assert soup.select_one("#pingbacks-heading").get_text(strip=True) == "2 pingbacks"
    assert not any(p["marks"] for p in page["passages"])


def test_quote_is_a_blockquote_with_attribution(client: TestClient, sample_post_id: str) -> None:
    soup = post_page(client, sample_post_id)["soup"]
    figure = soup.select_one("figure#quote-1")
    assert figure.select_one("blockquote").get_text().startswith("When the vice squad does stings")
    assert figure.select_one("figcaption cite").get_text() == "anonymous sex worker"


def test_query_highlights_and_opens_at_the_quote(client: TestClient, sample_post_id: str) -> None:
    page = post_page(client, sample_post_id, q="vice squad")
    quote = page["by_id"]["quote-1"]
    assert {mark.lower() for mark in quote["marks"]} == {"vice", "squad"}
    assert "match" in quote["classes"] and "first-match" in quote["classes"]
    matched = [p["id"] for p in page["passages"] if "match" in p["classes"]]
    assert matched[0] == "quote-1"
    article = page["soup"].select_one("article.post")
    assert article["data-first-match"] == "quote-1"
    first = page["soup"].select_one(".post-query a")
    assert first["href"] == f"/post/{sample_post_id}?q=vice+squad#quote-1"


def test_search_result_links_open_the_post_at_the_passage(
    client: TestClient, sample_post_id: str
) -> None:
    hits = client.get("/api/search", params={"q": "vice squad"}).json()["hits"]
    quote = next(hit for hit in hits if hit["author"] == "anonymous sex worker")
    search = BeautifulSoup(client.get("/", params={"q": "vice squad"}).text, "html.parser")
    links = [a["href"] for a in search.select(".snippet a")]
    target = f"/post/{sample_post_id}?q=vice+squad#{quote['anchor']}"
    assert target in links
    path, anchor = target.split("#")
    page = BeautifulSoup(client.get(path).text, "html.parser")
    assert page.select_one(f"#{anchor}").name == "figure"


def test_unknown_post_is_a_404_page(client: TestClient) -> None:
    response = client.get("/post/2012-01-01-no-such-post-000000")
    assert response.status_code == 404
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one(".error h1").get_text() == "There is nothing at this address"
    assert soup.title.get_text() == "Page not found – Archive search"
    message = soup.select_one(".error-message").get_text()
    assert message == "No post '2012-01-01-no-such-post-000000' in this archive."
    assert soup.select_one(".error form[role=search] input[name=q]") is not None
    assert "Traceback" not in response.text


def test_post_json_twin(client: TestClient, sample_post_id: str) -> None:
    page = post_page(client, sample_post_id, q="vice squad")
    alternate = page["soup"].select_one('head link[rel=alternate][type="application/json"]')
    assert alternate["href"] == f"/api/post/{sample_post_id}?q=vice+squad"
    data = client.get(alternate["href"]).json()
    assert data["post_id"] == sample_post_id
    assert data["first_match"] == "quote-1"
    assert [p["anchor"] for p in data["passages"]] == [p["id"] for p in page["passages"]]
    missing = client.get("/api/post/nope")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_pingbacks_link_to_the_linking_posts(tmp_path: Path) -> None:
    """A pingback's own URL (stored per passage) is shown: the post that linked here."""
    export = Path(__file__).parents[1] / "fixtures" / "wxr" / "theme-unit-test-data.xml"
    index_archive([export], tmp_path / "index")
    with TestClient(create_app(tmp_path / "index")) as client:
        post_id = client.get("/api/search", params={"section": "pingback"}).json()["hits"][0][
            "post_id"
        ]
        soup = BeautifulSoup(client.get(f"/post/{post_id}").text, "html.parser")
    links = [
        (link.find_parent("li")["id"], link["href"], link["rel"])
        for link in soup.select("section.pingbacks a.linking-post")
    ]
    base = "http://tellyworth.wordpress.com/2007/11/21/"
    rel = ["nofollow", "ugc", "noopener", "noreferrer"]
    assert links == [
        ("pingback-1", f"{base}ping-1/", rel),
        ("pingback-2", f"{base}ping-2-with-a-much-longer-title-than-the-previous-ping-"
         "which-was-called-ping-1/", rel),
        ("pingback-3", f"{base}ping-3/", rel),
        ("pingback-4", f"{base}ping-4/", rel),
    ]  # fmt: skip
