"""Discussions beyond the blog theme through the real CLI (issue 21): each reduction of
tests/fixtures/discussions/ (README.md: the template each comes from) indexed with
`archive-search index`, then asked with `archive-search query --json`: the topic's post,
every reply with its own author and date, nothing of the members' profile data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from web.cli.main import main

DISCUSSIONS = Path(__file__).resolve().parent / "fixtures" / "discussions"

# file -> (title, post author, post date, a phrase of the post, comments in page order as
# (author, date, phrase, parent anchor))
Comment = tuple[str, str, str, str]
FAMILIES: dict[str, tuple[str, str, str, str, list[Comment]]] = {
    "phpbb-prosilver-de": (
        "Apfelbaum im Winter schneiden", "Hortensia", "2010-12-08T10:56",
        "Unser alter Boskoop trägt kaum noch",
        [("Baumwart", "2010-12-08T14:20", "Bei frostfreiem Wetter kannst du jetzt schneiden", ""),
         ("Hortensia", "2010-12-09T08:05", "dann fange ich am Wochenende", "")],
    ),
    "vbulletin4": (
        "Rear derailleur keeps skipping", "spokeshave", "2010-12-18T10:56",
        "the rear derailleur skips on the two smallest cogs",
        [("Cassandra", "2010-12-18T14:20", "A new chain on an old cassette skips", ""),
         ("spokeshave", "2010-12-19T08:05", "a new cassette and the skipping is gone", "")],
    ),
    "vbulletin3": (
        "Wheel keeps going out of true", "truebluewheels", "2010-12-18T10:56",
        "always at the same three spokes. It is a 32 spoke",
        [("Nipple Twister", "2010-12-18T14:20", "a cracked rim eyelet does exactly this", ""),
         ("truebluewheels", "2010-12-19T08:05", "the rim is going in the bin", "")],
    ),
    "xenforo2": (
        "Sourdough starter smells of acetone", "Marisol", "2019-03-14T18:02",
        "smelled of nail polish remover",
        [("Ferment", "2019-03-14T20:45", "It is hungry, not dying", "")],
    ),
    "mybb18": (
        "Which film for pinhole cameras?", "Oona", "2016-03-14T18:02",
        "built a pinhole camera from a biscuit tin",
        [("Halide", "2016-03-14T21:40", "Use the slowest paper or film you can find", "")],
    ),
    "smf21": (
        "Honey crystallised in the jars", "Apis", "2010-12-08T10:56",
        "rapeseed honey has set hard in every jar",
        [("Drone Ranger", "2010-12-08T14:20", "Stand the jars in warm water", "")],
    ),
    "invision4": (
        "Best glue for a cracked violin top?", "fiddleback", "2017-05-21T09:14",
        "has a hairline crack beside the f-hole",
        [("Purfling", "2017-05-21T13:02", "Hide glue, always", "")],
    ),
    "discourse-crawler": (
        "Tomatoes splitting after heavy rain", "peapod", "2018-08-02T07:40",
        "half my cherry tomatoes have split open",
        [("compostking", "2018-08-02T11:15", "Water evenly every morning during dry spells", ""),
         ("peapod", "2018-08-03T18:30", "I will set up a drip hose", "")],
    ),
    "reddit-old": (
        "How do I stop my cast iron pan from rusting?", "rustbucket", "2016-12-08T10:56",
        "orange spots keep appearing overnight",
        [("seasoned_griddle", "2016-12-08T11:30", "Put it back on the hob for a minute", ""),
         ("rustbucket", "2016-12-08T12:02", "That did it, no rust this morning", "comment-1"),
         ("ovenmitt", "2016-12-08T14:45", "Never leave it to soak in the sink", "")],
    ),
    "reddit-shreddit": (
        "Is it safe to drink from a copper mug?", "mule_kick", "2023-12-08T10:56",
        "unlined copper mugs for cocktails",
        [("beaker_bob", "2023-12-08T11:40", "Acidic drinks leach copper", ""),
         ("mule_kick", "2023-12-08T12:15", "So the lime juice is exactly the problem", "comment-1"),
         ("verdigris_vee", "2023-12-08T13:05", "Water and beer are fine in them", "")],
    ),
    "coral-news": (
        "City council approves new cycle lanes on Harbour Road", "Priya Natarajan",
        "2021-06-09T07:30", "protected cycle lanes along the length of Harbour Road",
        [("ferrywatcher", "2021-06-09T09:12", "nearly clipped by buses there twice", ""),
         ("harbourshop", "2021-06-09T10:47", "Forty spaces is a lot for the shops", "comment-1"),
         ("tandem_tom", "2021-06-09T12:20", "continue past the roundabout to the station", "")],
    ),
    # Disqus' own markup, in the frame document SingleFile kept in the iframe's srcdoc.
    "disqus-singlefile": (
        "Harbour swimming pool reopens after refit", "Sam Okafor", "2021-07-02T16:00",
        "replaced the roof and the changing rooms",
        [("Length Swimmer", "2021-07-02T19:48", "needed new changing rooms since the nineties", ""),
         ("Pat Dwyer", "2021-07-03T09:05", "stay open for clubs on Tuesday evenings", "comment-1"),
         ("harbourdad", "2021-07-03T11:30", "into the booking form still crashes it", "")],
    ),
    # Facebook's comments plugin, its frame document kept in the iframe's srcdoc.
    "facebook-comments-singlefile": (
        "Harbour FC unveil new kit", "Sam Okafor", "2021-07-02T16:00",
        "navy and white stripes returning to the away shirt",
        [("Mo Hassan", "2021-07-02T20:12", "far too much for families", ""),
         ("Dara Quinn", "2021-07-03T09:15", "the stripes are back", "comment-1"),
         ("Ines Carvalho", "2021-07-03T10:40", "goalkeeper shirt in kids' sizes", "")],
    ),
    "news-iframe-comments": (
        "Harbour FC sign new goalkeeper", "Sam Okafor", "2021-07-02T16:00",
        "signed the goalkeeper Lena Brandt", [],
    ),
    "wp-kubrick-kommentar-von": (
        "Mittelaltermarkt in Esslingen", "Anna", "2010-12-08T09:30",
        "Handwerker am Hafenmarkt, die Kerzen ziehen",
        [("Sabine", "2010-12-08T10:56", "der Glühwein am Rathaus war der beste", ""),
         ("Uli", "2010-12-08T18:03", "Wie lange hat der Markt noch geöffnet?", ""),
         ("Anna", "2010-12-09T07:41", "Bis zum 22. Dezember, jeden Tag ab elf Uhr", "")],
    ),
    # The post's day as text, its time only in the permalink's title="9:30 am".
    "wp-twentyten": (
        "Mending a drystone wall after the frost", "Gwen Ashby", "2010-12-08T09:30",
        "rebuilt it with through stones every yard",
        [("Tom Waller", "2010-12-08T10:56", "the frost will have less to grip", ""),
         ("Gwen Ashby", "2010-12-08T13:12", "we used a batter frame this time", "comment-1"),
         ("Maggie", "2010-12-09T19:41", "How many tonnes of stone", "")],
    ),
    # Twenty Eleven shows span.by-author: the body does not say single-author.
    "wp-twentyeleven": (
        "Pressing apples for the first cider", "Rosalind Pike", "2011-10-15T18:45",
        "milled two hundred kilos of windfalls",
        [("Perry Maker", "2011-10-16T08:20", "wild ferments run hot and fast", ""),
         ("Rosalind Pike", "2011-10-16T12:05", "stays at about twelve degrees", "comment-1")],
    ),
    # The post's time as shown: "um 09:30" (abbr title "…09:30:00+01:00"), not UTC.
    "blogger-classic-de": (
        "Socken aus Restwolle", "Henrike", "2010-12-08T09:30",
        "Resten von drei Pullovern sind diese Ringelsocken",
        [("Wollmaus", "2010-12-08T12:36", "wie viele Maschen hast du angeschlagen", ""),
         ("Henrike", "2010-12-08T17:00", "Sechzig Maschen auf Nadelstärke", "")],
    ),
}  # fmt: skip
# A member's profile data beside each forum post, and comment controls: never indexed.
NEVER_INDEXED = (
    "Registriert", "Beiträge", "Join Date", "Joined", "Reaction score", "Reputation",
    "Threads", "Posts", "Kommentar von", "points", "Senior Member", "Moderatorin",
    "Junior Member", "View Public Profile", "says", "Edit", "Reply With Quote",
    "frame script never text", "Join the discussion", "Powered by Disqus", "Sort by Best",
    "see more", "plugin script never text", "Add a comment", "Facebook Comments Plugin",
)  # fmt: skip


def cli(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def hits(index: str, query: str, *options: str) -> list[dict[str, Any]]:
    return list(cli("query", query, "--per-page", "100", *options, "--index", index)["hits"])


@pytest.fixture(scope="module")
def html_index(tmp_path_factory: pytest.TempPathFactory) -> str:
    pages = tmp_path_factory.mktemp("pages")
    for page in DISCUSSIONS.glob("*.html"):
        shutil.copy(page, pages)
    index = str(tmp_path_factory.mktemp("index") / "index")
    summary = cli("index", str(pages), "--index", index)
    assert (summary["posts"], summary["failed"]) == (len(FAMILIES), [])
    return index


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_topic_post_and_each_reply_with_its_own_author_and_date(html_index: str, name: str) -> None:
    title, author, date, phrase, comments = FAMILIES[name]
    [post] = hits(html_index, f'"{phrase}"', "--section", "post")
    assert (post["post_title"], post["author"], post["date"]) == (title, author, date)
    thread = [
        hit
        for hit in hits(html_index, "", "--section", "comment")
        if hit["post_id"] == post["post_id"]
    ]
    thread.sort(key=lambda hit: int(hit["anchor"].split("-")[1]))
    assert [(hit["author"], hit["date"], hit["parent"]) for hit in thread] == [
        (who, when, parent) for who, when, _, parent in comments
    ]
    for hit, (_, _, said, _) in zip(thread, comments, strict=True):
        [found] = hits(html_index, f'"{said}"')
        assert (found["id"], found["section"]) == (hit["id"], "comment")


def test_profile_data_and_controls_are_never_indexed(html_index: str) -> None:
    assert {word: len(hits(html_index, f'"{word}"')) for word in NEVER_INDEXED} == dict.fromkeys(
        NEVER_INDEXED, 0
    )


def test_shreddit_saved_before_its_times_rendered_dates_each_comment_by_its_attribute(
    tmp_path: Path,
) -> None:
    """A page saved before reddit's scripts filled in ``faceplate-timeago``: the post's
    ``created-timestamp`` and each comment's ``created`` attribute still date them."""
    saved = (DISCUSSIONS / "reddit-shreddit.html").read_text(encoding="utf-8")
    bare = re.sub(r"<faceplate-timeago\b.*?</faceplate-timeago>", "", saved, flags=re.S)
    assert "<time" not in bare
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "shreddit-bare.html").write_text(bare, encoding="utf-8")
    index = str(tmp_path / "index")
    cli("index", str(tmp_path / "pages"), "--index", index)
    [post] = hits(index, '"unlined copper mugs for cocktails"', "--section", "post")
    thread = sorted(
        hits(index, "", "--section", "comment"), key=lambda hit: int(hit["anchor"].split("-")[1])
    )
    assert [post["date"], *(hit["date"] for hit in thread)] == [
        "2023-12-08T10:56", "2023-12-08T11:40", "2023-12-08T12:15", "2023-12-08T13:05"
    ]  # fmt: skip


def test_a_frame_document_is_data_its_escaped_text_stays_text(html_index: str) -> None:
    """The Disqus frame's srcdoc is parsed as HTML, never run: a commenter's typed
    "<script>" is text of the comment (escaped again when shown), the frame's own
    script is nothing."""
    [hit] = hits(html_index, '"booking form still crashes"')
    assert "Typing &lt;script&gt;alert(1)&lt;/script&gt; into the" in hit["snippet"]
    assert "<script" not in hit["snippet"]
    assert hits(html_index, '"frame script never text"') == []
