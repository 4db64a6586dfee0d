"""Comment threads as popular comment systems render them, each a minimal reduction of
the markup in the system's own source (tests/fixtures/commentsystems/README.md): who
said what, when, replying to whom, pingbacks typed, widgets and related posts left out."""

from __future__ import annotations

from datetime import datetime

from indexer.core.models import DatePrecision, Passage, Section
from tests.readers.conftest import FIXTURES, comment_rows, comment_thread, read_file

SYSTEMS = FIXTURES / "commentsystems"


def _thread(name: str) -> list[Passage]:
    return comment_thread(SYSTEMS / name, "html-page")


def _rows(name: str) -> list[tuple[str, str, datetime | None, str, str]]:
    return comment_rows(SYSTEMS / name, "html-page")


def test_kubrick_alt_items_without_depth_classes_and_an_unmarked_pingback() -> None:
    assert _rows("wp-kubrick-alt.html") == [
        ("comment-1", "Tom", datetime(2007, 5, 4, 9, 15), "",
         "The beans will love the extra light, good move."),
        ("comment-2", "Ann", datetime(2007, 5, 5, 18, 40), "",
         "Did you keep the old compost heap where it was?"),
        ("pingback-1", "Plot talk", datetime(2007, 5, 6, 8, 2), "",
         "[…] Jo moved the raised beds to the sunny side […]"),
    ]  # fmt: skip
    assert _thread("wp-kubrick-alt.html")[2].title == "Raised beds"


def test_walker_div_style_in_german_with_reply_pingback_and_no_widget() -> None:
    assert _rows("wp-walker-div-de.html") == [
        ("comment-1", "Greta", datetime(2012, 5, 3, 14, 5), "",
         "Zwei Stunden sind viel, wir heizen nur eine Stunde vor."),
        ("comment-2", "Koch", datetime(2012, 5, 4, 8, 30), "comment-1",
         "Bei einem kleinen Ofen reicht eine Stunde sicher."),
        ("pingback-1", "Backstube", None, "", "Holzofen-Rezepte | Backstube"),
    ]  # fmt: skip
    assert _thread("wp-walker-div-de.html")[2].url == "http://example.org/2012/05/ofen/"


def test_walker_xhtml_style_in_french_with_pingback_and_trackback() -> None:
    thread = _thread("wp-walker-xhtml-fr.html")
    assert _rows("wp-walker-xhtml-fr.html")[0] == (
        "comment-1", "Élodie", datetime(2011, 12, 3, 18, 20), "",
        "Nous y étions samedi, le vin chaud était excellent.",
    )  # fmt: skip
    assert thread[0].date_precision == DatePrecision.MINUTE
    assert [(p.section, p.author, p.title, p.text) for p in thread[1:]] == [
        (Section.PINGBACK, "Sorties en ville", "Les marchés de décembre",
         "Les marchés de décembre | Sorties en ville"),
        (Section.PINGBACK, "example.net", "Noël 2011", "Noël 2011"),
    ]  # fmt: skip


def test_walker_html5_in_spanish_and_no_related_posts_or_recent_comments() -> None:
    assert _rows("wp-html5-es.html") == [
        ("comment-1", "Lucía", datetime(2015, 9, 14, 10, 12), "",
         "¿Hay agua en el collado o hay que llevarla toda?"),
        ("comment-2", "Caminante", datetime(2015, 9, 14, 19, 30), "comment-1",
         "Hay una fuente, pero en agosto suele estar seca."),
    ]  # fmt: skip


def test_twenty_ten_callback_in_italian_with_pingback() -> None:
    assert _rows("twentyten-it.html") == [
        ("comment-1", "Marco", datetime(2010, 9, 21, 9, 45), "",
         "Anche da noi l'uva era già matura a fine agosto."),
        ("pingback-1", "Cantina aperta", None, "", "Uva e vino | Cantina aperta"),
    ]  # fmt: skip


def test_block_theme_comment_template_and_not_the_latest_comments_block() -> None:
    assert _rows("block-theme.html") == [
        ("comment-1", "Priya", datetime(2024, 1, 11, 8, 20), "",
         "Which seeds work best? I tried lettuce and nothing came up."),
        ("comment-2", "Sam", datetime(2024, 1, 11, 12, 5), "comment-1",
         "Perennials and hardy annuals; lettuce wants it warmer."),
    ]  # fmt: skip


def test_blogger_classic_definition_list() -> None:
    assert _rows("blogger-classic.html") == [
        ("comment-1", "Moira", datetime(2012, 10, 14, 19, 0), "",
         "Same here, the dahlias are black already."),
        ("comment-2", "Hilltop", datetime(2012, 10, 15, 12, 20), "",
         "Time to lift them and dry the tubers, I think."),
    ]  # fmt: skip


def test_blogger_threaded_comments_in_german() -> None:
    assert _rows("blogger-threaded-de.html") == [
        ("comment-1", "Hanne", datetime(2013, 2, 3, 15, 0), "",
         "Welche Nadelstärke nimmst du für die Socken?"),
        ("comment-2", "Strickliesel", datetime(2013, 2, 3, 17, 46), "comment-1",
         "Ich stricke sie mit 2,5 mm, das wird schön fest."),
    ]  # fmt: skip


def test_disqus_plugin_markup_is_undated_not_invented() -> None:
    thread = _thread("disqus-wp-plugin.html")
    assert _rows("disqus-wp-plugin.html") == [
        ("comment-1", "Raj", None, "",
         "Plucking works, but a tension meter is cheaper than a new rim."),
        ("comment-2", "Bea", None, "", "Which note should a rear wheel spoke give?"),
    ]  # fmt: skip
    assert {p.date_precision for p in thread} == {DatePrecision.UNKNOWN}


def test_commenters_and_recent_comment_widgets_are_never_the_post_byline() -> None:
    authors = {}
    for name in ("wp-walker-xhtml-fr.html", "disqus-wp-plugin.html", "wp-walker-div-de.html"):
        _, [post], _ = read_file(SYSTEMS / name)
        authors[name] = post.author
    assert authors == {
        "wp-walker-xhtml-fr.html": "",  # no byline on the page: unknown, not Élodie
        "disqus-wp-plugin.html": "",  # not Raj
        "wp-walker-div-de.html": "Koch",  # the comment WordPress marks bypostauthor
    }


def test_isso_thread_with_follow_up_reply() -> None:
    assert _rows("isso.html") == [
        ("comment-1", "Nadia", datetime(2021, 3, 2, 9, 30), "",
         "Did the import keep the reply threads, or only the flat list?"),
        ("comment-2", "Owen", datetime(2021, 3, 2, 11, 5), "comment-1",
         "The threads came through, replies and all."),
    ]  # fmt: skip
