"""The discussions of test_discussions_cli.py saved as text (w3m's rendering,
tests/fixtures/discussions/text/) through the real CLI: markup is gone, so a forum post's
header line, a "Kommentar von" line or a link aggregator's "N points" line must still give
each reply its author and date, and a member's profile lines are never a name or text."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.test_discussions_cli import DISCUSSIONS, cli, hits

TEXT = DISCUSSIONS / "text"
Comment = tuple[str, str, str]  # author, date ("" unknown), a phrase of its text
# file -> (post author, post date, a phrase of the post, comments in page order)
FAMILIES: dict[str, tuple[str, str, str, list[Comment]]] = {
    "phpbb-prosilver-de": (
        "Hortensia", "2010-12-08T10:56", "Unser alter Boskoop trägt kaum noch",
        [("Baumwart", "2010-12-08T14:20", "Bei frostfreiem Wetter kannst du jetzt schneiden"),
         ("Hortensia", "2010-12-09T08:05", "dann fange ich am Wochenende")],
    ),
    "discourse-crawler": (
        "peapod (Pam Dodd)", "2018-08-02T07:40", "half my cherry tomatoes have split open",
        [("compostking", "2018-08-02T11:15", "Water evenly every morning during dry spells"),
         ("peapod (Pam Dodd)", "2018-08-03T18:30", "I will set up a drip hose")],
    ),
    # Member cards: the name is the card's first line, a rank or user title below it is not;
    # the date stands on a line of its own below the card, or above it (vBulletin).
    "xenforo2": (
        "Marisol", "2019-03-14T00:00", "smelled of nail polish remover",
        [("Ferment", "2019-03-14T00:00", "It is hungry, not dying")],
    ),
    "vbulletin4": (
        "spokeshave", "2010-12-18T10:56", "the rear derailleur skips on the two smallest cogs",
        [("Cassandra", "2010-12-18T14:20", "A new chain on an old cassette skips"),
         ("spokeshave", "2010-12-19T08:05", "a new cassette and the skipping is gone")],
    ),
    "mybb18": (
        "Oona", "2016-03-14T18:02", "built a pinhole camera from a biscuit tin",
        [("Halide", "2016-03-14T21:40", "Use the slowest paper or film you can find")],
    ),
    "smf21": (  # "10:56:12 AM": seconds before the meridiem; "Re: …" is the subject
        "Apis", "2010-12-08T10:56", "rapeseed honey has set hard in every jar",
        [("Drone Ranger", "2010-12-08T14:20", "Stand the jars in warm water")],
    ),
    "invision4": (  # "Posted May 21, 2017": the day alone
        "fiddleback", "2017-05-21T00:00", "has a hairline crack beside the f-hole",
        [("Purfling", "2017-05-21T00:00", "Hide glue, always")],
    ),
    # Link aggregators: "6 years ago", "2y ago" tell no date (the day the page was saved is
    # unknown), and no absolute date stands in the text; the score and "(N children)" are
    # never name or text.
    "reddit-old": (
        "rustbucket", "", "orange spots keep appearing overnight",
        [("seasoned_griddle", "", "Put it back on the hob for a minute"),
         ("rustbucket", "", "That did it, no rust this morning"),
         ("ovenmitt", "", "Never leave it to soak in the sink")],
    ),
    "reddit-shreddit": (
        "mule_kick", "", "unlined copper mugs for cocktails",
        [("beaker_bob", "", "Acidic drinks leach copper"),
         ("mule_kick", "", "So the lime juice is exactly the problem"),
         ("verdigris_vee", "", "Water and beer are fine in them")],
    ),
    # A news article's byline ("By NAME June 9, 2021": the month is no name); the comments'
    # "1 year ago" no date; the buttons under each comment ("Respect Reply Share Report")
    # and "In reply to NAME" no text.
    "coral-news": (
        "Priya Natarajan", "2021-06-09T00:00", "protected cycle lanes along the length",
        [("ferrywatcher", "", "nearly clipped by buses there twice"),
         ("harbourshop", "", "Forty spaces is a lot for the shops"),
         ("tandem_tom", "", "continue past the roundabout to the station")],
    ),
    "news-iframe-comments": (
        "Sam Okafor", "2021-07-02T00:00", "signed the goalkeeper Lena Brandt", [],
    ),
    # Kubrick's postmetadata under the text gives the post's author (the shown name, not
    # the account's slug in the sidebar) and date; it is no comment.
    "wp-kubrick-kommentar-von": (
        "Anna", "2010-12-08T09:30", "Handwerker am Hafenmarkt, die Kerzen ziehen",
        [("Sabine", "2010-12-08T10:56", "der Glühwein am Rathaus war der beste"),
         ("Uli", "2010-12-08T18:03", "Wie lange hat der Markt noch geöffnet?"),
         ("Anna", "2010-12-09T07:41", "Bis zum 22. Dezember, jeden Tag ab elf Uhr")],
    ),
    # Blogger's date header gives the day, "Eingestellt von NAME um 09:30" the author and
    # time; "NAME hat gesagt…" heads each comment, its date below the text.
    "blogger-classic-de": (
        "Henrike", "2010-12-08T09:30", "Resten von drei Pullovern sind diese Ringelsocken",
        [("Wollmaus", "2010-12-08T12:36", "wie viele Maschen hast du angeschlagen"),
         ("Henrike", "2010-12-08T17:00", "Sechzig Maschen auf Nadelstärke")],
    ),
    # Twenty Ten and Eleven: "Posted on December 8, 2010 by NAME" (the time only in the
    # permalink's title, gone in text), "NAME says:" / "NAME on DATE said:" headers, a
    # pingback no comment, "Reply ↓" no text.
    "wp-twentyten": (
        "Gwen Ashby", "2010-12-08T00:00", "rebuilt it with through stones every yard",
        [("Tom Waller", "2010-12-08T10:56", "the frost will have less to grip"),
         ("Gwen Ashby", "2010-12-08T13:12", "we used a batter frame this time"),
         ("Maggie", "2010-12-09T19:41", "How many tonnes of stone")],
    ),
    "wp-twentyeleven": (
        "Rosalind Pike", "2011-10-15T00:00", "milled two hundred kilos of windfalls",
        [("Perry Maker", "2011-10-16T08:20", "wild ferments run hot and fast"),
         ("Rosalind Pike", "2011-10-16T12:05", "stays at about twelve degrees")],
    ),
    # Comment systems in a SingleFile frame (srcdoc): w3m renders no srcdoc, so the text
    # holds the article alone and no comment is invented.
    "disqus-singlefile": (
        "Sam Okafor", "2021-07-02T00:00", "replaced the roof and the changing rooms", [],
    ),
    "facebook-comments-singlefile": (
        "Sam Okafor", "2021-07-02T00:00", "navy and white stripes returning to the away", [],
    ),
}  # fmt: skip
# Profile data, ranks and controls beside the posts: never a name nor text.
NEVER_INDEXED = (
    "Registriert", "Beiträge", "Beitragvon", "Moderatorin", "Benutzeravatar", "Join Date",
    "Joined", "Reaction score", "Reputation", "Threads", "Well-known member", "Staff member",
    "Senior Member", "Posting Freak", "Global Moderator", "Reply With Quote", "LikeReply",
    "Logged", "Re: Honey", "points", "children", "Respect", "In reply to", "Report",
    "Kommentar von", "hat gesagt", "Eingestellt von", "Dieser Eintrag", "wordpressadmin",
    "ReplyShare", "Most read", "Reply ↓", "says", "said",
)  # fmt: skip


@pytest.fixture(scope="module")
def text_index(tmp_path_factory: pytest.TempPathFactory) -> str:
    pages = tmp_path_factory.mktemp("text")
    for name in FAMILIES:
        shutil.copy(TEXT / f"{name}.txt", pages)
    index = str(tmp_path_factory.mktemp("index") / "index")
    summary = cli("index", str(pages), "--index", index)
    assert (summary["posts"], summary["failed"]) == (len(FAMILIES), [])
    return index


def _thread(index: str, post: dict[str, Any]) -> list[dict[str, Any]]:
    found = [
        hit for hit in hits(index, "", "--section", "comment") if hit["post_id"] == post["post_id"]
    ]
    return sorted(found, key=lambda hit: int(hit["anchor"].split("-")[1]))


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_text_post_and_replies_with_their_authors_and_dates(text_index: str, name: str) -> None:
    author, date, phrase, comments = FAMILIES[name]
    [post] = hits(text_index, f'"{phrase}"', "--section", "post")
    assert (post["author"], post["date"] or "") == (author, date)
    thread = _thread(text_index, post)
    assert [(hit["author"], hit["date"] or "") for hit in thread] == [
        (who, when) for who, when, _ in comments
    ]
    for hit, (_, _, said) in zip(thread, comments, strict=True):
        [found] = hits(text_index, f'"{said}"')
        assert found["id"] == hit["id"]


def test_text_profile_lines_and_controls_are_never_indexed(text_index: str) -> None:
    assert {word: len(hits(text_index, f'"{word}"')) for word in NEVER_INDEXED} == dict.fromkeys(
        NEVER_INDEXED, 0
    )
