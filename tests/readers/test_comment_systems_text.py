"""The comment systems of test_comment_systems.py as text: each reduction rendered with
``w3m -dump -cols 100`` (tests/fixtures/commentsystems/text/), read by the text reader.
Markup is gone: authors, dates, texts and pingbacks must still come out; a reply is known
only where the rendering indents it."""

from __future__ import annotations

from datetime import datetime

import pytest

from indexer.core.models import Passage
from tests.readers.conftest import FIXTURES, comment_rows, comment_thread

TEXT = FIXTURES / "commentsystems" / "text"


def _thread(name: str) -> list[Passage]:
    return comment_thread(TEXT / name, "text-page")


def _rows(name: str) -> list[tuple[str, str, datetime | None, str, str]]:
    return comment_rows(TEXT / name, "text-page")


def test_kubrick_numbered_list_with_says_and_an_unmarked_pingback() -> None:
    assert _rows("wp-kubrick-alt.txt") == [
        ("comment-1", "Tom", datetime(2007, 5, 4, 9, 15), "",
         "The beans will love the extra light, good move."),
        ("comment-2", "Ann", datetime(2007, 5, 5, 18, 40), "",
         "Did you keep the old compost heap where it was?"),
        ("pingback-1", "Plot talk", datetime(2007, 5, 6, 8, 2), "",
         "[…] Jo moved the raised beds to the sunny side […]"),
    ]  # fmt: skip


def test_german_says_lines_pingback_and_no_recent_comments_widget() -> None:
    assert _rows("wp-walker-div-de.txt") == [
        ("comment-1", "Greta", datetime(2012, 5, 3, 14, 5), "",
         "Zwei Stunden sind viel, wir heizen nur eine Stunde vor."),
        ("comment-2", "Koch", datetime(2012, 5, 4, 8, 30), "",  # div style: not indented
         "Bei einem kleinen Ofen reicht eine Stunde sicher."),
        ("pingback-1", "Backstube", None, "", "Holzofen-Rezepte | Backstube"),
    ]  # fmt: skip
    assert _thread("wp-walker-div-de.txt")[2].title == "Holzofen-Rezepte"


def test_french_dates_with_h_min_times_pingback_and_trackback() -> None:
    assert _rows("wp-walker-xhtml-fr.txt") == [
        ("comment-1", "Élodie", datetime(2011, 12, 3, 18, 20), "",
         "Nous y étions samedi, le vin chaud était excellent."),
        ("pingback-1", "Sorties en ville", None, "",
         "Les marchés de décembre | Sorties en ville"),
        ("pingback-2", "", None, "", "Noël 2011"),
    ]  # fmt: skip


def test_spanish_reply_indented_and_the_widget_is_not_its_text() -> None:
    assert _rows("wp-html5-es.txt") == [
        ("comment-1", "Lucía", datetime(2015, 9, 14, 10, 12), "",
         "¿Hay agua en el collado o hay que llevarla toda?"),
        ("comment-2", "Caminante", datetime(2015, 9, 14, 19, 30), "comment-1",
         "Hay una fuente, pero en agosto suele estar seca."),
    ]  # fmt: skip


def test_italian_ha_detto_and_pingback() -> None:
    assert _rows("twentyten-it.txt") == [
        ("comment-1", "Marco", datetime(2010, 9, 21, 9, 45), "",
         "Anche da noi l'uva era già matura a fine agosto."),
        ("pingback-1", "Cantina aperta", None, "", "Uva e vino | Cantina aperta"),
    ]  # fmt: skip


def test_block_theme_avatar_alt_text_is_not_a_comment() -> None:
    assert _rows("block-theme.txt") == [
        ("comment-1", "Priya", datetime(2024, 1, 11, 8, 20), "",
         "Which seeds work best? I tried lettuce and nothing came up."),
        ("comment-2", "Sam", datetime(2024, 1, 11, 12, 5), "comment-1",
         "Perennials and hardy annuals; lettuce wants it warmer."),
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["blogger-classic.txt", "blogger-threaded-de.txt"])
def test_blogger_said_lines_and_controls(name: str) -> None:
    expected = {
        "blogger-classic.txt": [
            ("comment-1", "Moira", datetime(2012, 10, 14, 19, 0), "",
             "Same here, the dahlias are black already."),
            ("comment-2", "Hilltop", datetime(2012, 10, 15, 12, 20), "",
             "Time to lift them and dry the tubers, I think."),
        ],
        "blogger-threaded-de.txt": [
            ("comment-1", "Hanne", datetime(2013, 2, 3, 15, 0), "",
             "Welche Nadelstärke nimmst du für die Socken?"),
            ("comment-2", "Strickliesel", datetime(2013, 2, 3, 17, 46), "comment-1",
             "Ich stricke sie mit 2,5 mm, das wird schön fest."),
        ],
    }  # fmt: skip
    assert _rows(name) == expected[name]


def test_isso_relative_dates_are_unknown_not_counted_from_the_post() -> None:
    # "2 years ago" counts back from the save, which the text does not tell: not from the
    # post's date (a comment two years older than its post)
    assert _rows("isso.txt") == [
        ("comment-1", "Nadia", None, "",
         "Did the import keep the reply threads, or only the flat list?"),
        ("comment-2", "Owen", None, "", "The threads came through, replies and all."),
    ]  # fmt: skip
