"""Whole pages saved as text: the post, its byline and its comment thread by shape."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import DatePrecision, Post, Section
from indexer.errors import ArchiveFileError
from indexer.readers import ReadContext, reader_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "textrender"


def read(path: Path) -> Post:
    reader = reader_for(path)
    assert reader is not None and reader.name == "text-page"
    (post,) = reader.read(ReadContext(path, path.name))
    return post


def body_of(post: Post) -> str:
    return "\n".join(p.text for p in post.passages if p.section in (Section.POST, Section.QUOTE))


def test_german_wordpress_page_title_byline_and_thread() -> None:
    post = read(FIXTURES / "wordpress-de-sagt.txt")
    assert post.title == "DB Lounge: Kein Zugang mehr mit Sparpreis-Ticket"
    assert (post.date, post.date_precision) == (datetime(2019, 10, 18), DatePrecision.DAY)
    assert post.author == "David"
    body = body_of(post)
    assert body.startswith("Die Deutsche Bahn streicht den Zutritt zu ihrer DB Lounge")
    for furniture in (
        "Startseite",
        "Datenschutzerklärung",
        "Das könnte Dich",
        "Pingbacks0",
        "sagt:",
    ):
        assert furniture not in body
    comments = [p for p in post.passages if p.section == Section.COMMENT]
    assert [(c.author, c.date, c.date_precision) for c in comments] == [
        ("Borchert", datetime(2019, 10, 18, 15, 5), DatePrecision.MINUTE),
        ("Moritz", datetime(2019, 10, 18, 17, 18), DatePrecision.MINUTE),
        ("Christoph Hruschka", datetime(2019, 10, 19, 21, 4), DatePrecision.MINUTE),
    ]
    assert comments[1].text == (
        "Glückwunsch an den Autor, das ist nach der ganzen Verwirrung ein echter Scoop. "
        "Auch die Infos\nzum neuen Premium-Konzept."
    )
    assert all("Antworten" not in c.text for c in comments)  # reply buttons are furniture
    assert [c.parent for c in comments] == ["", "", "comment-2"]  # indented: a reply


def test_english_numbered_comments_with_reply_buttons() -> None:
    post = read(FIXTURES / "numbered-en-reply.txt")
    assert post.title == "Leadership Styles"
    assert body_of(post).startswith("Definition: The Leadership Styles are the behavioral")
    comments = [p for p in post.passages if p.section == Section.COMMENT]
    assert [(c.author, c.date) for c in comments] == [
        ("Chris Anamani", datetime(2017, 2, 23, 12, 33)),
        ("Amna", datetime(2018, 3, 26, 13, 9)),
        ("Jacinta", datetime(2018, 9, 9, 21, 40)),
        ("Sabrina K.", datetime(2018, 12, 2, 21, 50)),
        ("Megha M", datetime(2018, 12, 3, 10, 0)),
        ("Chinedum O.", datetime(2019, 7, 14, 18, 45)),
    ]
    assert comments[1].text == "Thank you"
    assert [c.parent for c in comments] == ["", "", "", "", "comment-4", "comment-5"]
    assert not any("Reply" in c.text or "Related terms" in c.text for c in comments)


@pytest.mark.parametrize(
    "text",
    [
        "Home\n\n  • News\n  • Sport\n  • Kontakt\n\nImpressum\n",
        "Search results\n\n  • First post title\n  • Second post title\n\n© 2020 Example\n",
    ],
    ids=["menu-only", "search-page"],
)
def test_a_page_without_a_post_is_reported_and_skipped(tmp_path: Path, text: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArchiveFileError, match="no post found"):
        read(path)


BODY = (
    "The council met on Tuesday and agreed, after a long debate, to keep the old library "
    "open for another year. Volunteers will run the reading room, and the town will pay "
    "for heating and light until a new home for the books is found."
)


def page(tmp_path: Path, head: str, tail: str = "") -> Post:
    """A page as text: a menu, the head (title and byline lines), the body, ``tail``."""
    menu = "Town News\n\n  • Home\n  • Politics\n  • Contact\n\n"
    path = tmp_path / "page.txt"
    path.write_text(f"{menu}{head}\n\n{BODY}\n\n{tail}\n", encoding="utf-8")
    return read(path)


# Byline shapes as the eval's pages write them (regards.fr, achgut.com, unsere-zeitung.at,
# skispringen.com, telebasel.ch, exxpress.at); the titles and names are made up.
@pytest.mark.parametrize(
    ("head", "author", "day"),
    [
        ("Accueil | Par Loïc Le Clerc | 30 septembre 2018\n\nThe library stays", "Loïc Le Clerc",
         datetime(2018, 9, 30)),
        ("Ann Example / 22.04.2020 / 06:15 / Foto: Example.com\n\nThe library stays",
         "Ann Example", datetime(2020, 4, 22)),
        ("The library stays\n\n2. Februar 20202. Februar 2020 Alexander Roll 1 Kommentar Politik",
         "Alexander Roll", datetime(2020, 2, 2)),
        ("The library stays\n\n1. Februar 2022 Luis Holuch 6", "Luis Holuch",
         datetime(2022, 2, 1)),
        ("The library stays\n\nRedaktion 1. November 2023 10:29", "Redaktion",
         datetime(2023, 11, 1)),
        ("The library stays\n\nChristoph von Eichhorn\n\nAktualisiert: 11.04.2020, 10:27",
         "Christoph von Eichhorn", datetime(2020, 4, 11)),
        ("The library stays\n\nDo, 21. April 2020 - 16:40", "", datetime(2020, 4, 21)),
    ],
)  # fmt: skip
def test_byline_shapes(tmp_path: Path, head: str, author: str, day: datetime) -> None:
    post = page(tmp_path, head)
    assert (post.title, post.author, post.date) == ("The library stays", author, day)
    assert body_of(post).startswith("The council met on Tuesday")


def test_a_dated_byline_with_a_time_is_not_a_comment(tmp_path: Path) -> None:
    """telebasel.ch: "19.10.2019    11:36   telebasel" above the lead, no thread."""
    post = page(tmp_path, "The library stays\n\n19.10.2019    11:36   telebasel")
    assert post.date == datetime(2019, 10, 19)
    assert [p.section for p in post.passages] == [Section.POST]
    assert body_of(post).startswith("The council met on Tuesday")


def comments_of(post: Post) -> list[tuple[str, datetime | None, str]]:
    return [(p.author, p.date, p.text) for p in post.passages if p.section == Section.COMMENT]


def test_title_wrapped_at_the_margin_and_breadcrumbs(tmp_path: Path) -> None:
    """it-learner.de: a headline of two lines, its byline below; a breadcrumb trail."""
    wrapped = (
        "When the network under Windows 10 is very slow, switching off the autotuning feature\n"
        "of the TCP stack may help\n\n16. Mai 2019 Markus Example"
    )
    post = page(tmp_path, wrapped)
    assert post.title == (
        "When the network under Windows 10 is very slow, switching off the autotuning feature "
        "of the TCP stack may help"
    )
    assert post.date == datetime(2019, 5, 16)
    post = page(tmp_path, "Home » Recipes » Lemon cake from the tray\n\nvon Kathrin · 17.02.2020")
    assert (post.title, post.author) == ("Lemon cake from the tray", "Kathrin")


def test_comment_headers_below_their_text(tmp_path: Path) -> None:
    """literaturgefluester (WordPress): "Kommentar von X — 2019-01-01 @ 00:45 | Antworten"."""
    thread = (
        "2 Kommentare »\n\n 1. [909]\n\n    Your last paragraph is one I can sign.\n\n"
        "    Kommentar von Margit Example — 2019-01-01 @ 00:39 | Antworten\n\n 2. [897]\n\n"
        "    All the best to you too.\n\n"
        "    Kommentar von jancak — 2019-01-01 @ 00:45 | Antworten\n\nKommentar verfassen\n"
    )
    post = page(tmp_path, "The library stays\n\nvon jancak · 31. Dezember 2018", thread)
    assert comments_of(post) == [
        ("Margit Example", datetime(2019, 1, 1, 0, 39), "Your last paragraph is one I can sign."),
        ("jancak", datetime(2019, 1, 1, 0, 45), "All the best to you too."),
    ]


def test_reviews_and_bulleted_comment_headers(tmp_path: Path) -> None:
    """zooroyal.de: "Name am 8.6.2020" reviews; spektrum.de (SciLogs): name and date as bullets."""
    reviews = (
        "Kundenbewertungen\n\n    Georg N. am 10.4.2020\n\n    All fine, the rabbits are happy.\n\n"
        "    stefanie am 19.2.2012\n\n    Sturdy and easy to build.\n"
    )
    post = page(tmp_path, "The library stays\n\n2. Februar 2020", reviews)
    assert comments_of(post) == [
        ("Georg N.", datetime(2020, 4, 10), "All fine, the rabbits are happy."),
        ("stefanie", datetime(2012, 2, 19), "Sturdy and easy to build."),
    ]
    bullets = (
        "Kommentare Schreibe einen Kommentar\n\n 1. [dc63703] [gif]\n      □ Antworten\n"
        "      □ Dietmar Example\n      □ 8. April 2019 @ 11:38\n      □ \n"
        "        Were the women not asked? One would think so.\n"
    )
    post = page(tmp_path, "The library stays\n\n2. Februar 2020", bullets)
    assert comments_of(post) == [
        (
            "Dietmar Example",
            datetime(2019, 4, 8, 11, 38),
            "Were the women not asked? One would think so.",
        )
    ]


def test_blog_name_then_date_is_a_rendered_page_not_the_saved_post_layout(tmp_path: Path) -> None:
    """literaturgefluester (WordPress): the blog's name, the date, then the post's title;
    its menus tell it from the saved-post layout (title, date line, text)."""
    menu = "".join(f"  • Category {number}\n" for number in range(6))
    path = tmp_path / "page.txt"
    path.write_text(
        f"Literaturgefluester\n\n2019-01-01\n\nInto the new year\n\n"
        f"Filed under: Diary — jancak @\n00:11\n\n{BODY}\n\n{menu}",
        encoding="utf-8",
    )
    post = read(path)
    assert (post.title, post.date) == ("Into the new year", datetime(2019, 1, 1))
    assert body_of(post).startswith("The council met on Tuesday")


def test_title_deep_in_the_run_with_its_byline_starts_the_post(tmp_path: Path) -> None:
    """couchstyle.de, mtb-news.de: teasers of other posts run on into the post; the heading
    with a date below it is the title, and the post starts there."""
    teaser = (  # wrapped at the margin, as w3m renders a paragraph
        "Another story, told at length elsewhere on this site, with enough words in it to read\n"
        "like running text to anyone who skims."
    )
    teasers = "\n\n".join(f"{teaser}\n\nRead more" for _ in range(6))
    post = page(tmp_path, f"{teasers}\n\nThe library stays open\n\n23.09.22\n-\nSaarland")
    assert (post.title, post.date) == ("The library stays open", datetime(2022, 9, 23))
    assert body_of(post).startswith("The council met on Tuesday")
    assert "Another story" not in body_of(post)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("Artikel von: Jessie", "Jessie"),  # a labelled "von:" is a marker, not a particle
        ("Marie Rövekamp", "Marie Rövekamp"),  # a name alone between headline and text
        ("Wohnen", ""),  # one word alone: a section, not a name
    ],
)
def test_byline_between_headline_and_text(tmp_path: Path, byline: str, author: str) -> None:
    page = tmp_path / "page.txt"
    text = (
        "Die Zeitung\n\n  • Home\n  • Wirtschaft\n\n29.04.2020\n\n"
        "Wie Firmen ihre Beschäftigten schützen\n\n"
        f"{byline}\n\n"
        "Hinein kommt nur, wer die richtigen Werte hat. Bei dem Unternehmen in Zehlendorf, das\n"
        "elektronische Bauteile herstellt, hängt am Eingang eine Wärmebildkamera, die misst.\n"
        "Wer zu warm ist, bleibt draußen und wird nach Hause geschickt, so will es die Regel.\n"
    )
    page.write_text(text, encoding="utf-8")
    post = read(page)
    assert post.title == "Wie Firmen ihre Beschäftigten schützen"
    assert post.author == author
