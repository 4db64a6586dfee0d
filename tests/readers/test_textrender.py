"""Whole pages saved as text: the post, its byline and its comment thread by shape."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from indexer.errors import ArchiveFileError
from indexer.models import DatePrecision, Post, Section
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
