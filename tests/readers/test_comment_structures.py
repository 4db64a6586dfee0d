"""Comment threads recognised by structure, each on a reduction of the real page it was
learned from (tests/fixtures/comments/README.md): who said what, when, replying to whom."""

from __future__ import annotations

from datetime import datetime

from indexer.core.models import DatePrecision, Passage, Section
from tests.readers.conftest import FIXTURES, read_file

COMMENTS = FIXTURES / "comments"


def _comments(name: str) -> list[Passage]:
    _, [post], _ = read_file(COMMENTS / name)
    return [p for p in post.passages if p.section == Section.COMMENT]


def test_wpdiscuz_thread_with_nested_reply_and_no_counter_boxes() -> None:
    comments = _comments("wpdiscuz.html")
    assert [(c.anchor, c.author, c.parent) for c in comments] == [
        ("comment-1", "Nici", ""),
        ("comment-2", "Kathrin", "comment-1"),
        ("comment-3", "Julia", ""),
    ]
    assert comments[0].text == "Ich backe häufiger, aber dieser Kuchen ist mir nicht gelungen."
    assert comments[1].date == datetime(2020, 3, 13, 9, 5)
    assert comments[1].date_precision == DatePrecision.MINUTE


def test_drupal_comments_and_indented_replies_without_the_form() -> None:
    comments = _comments("drupal-indented.html")
    assert [c.author for c in comments] == ["Gerhard Baierlein", "David Z", "malte"]
    assert [c.text for c in comments] == [
        "Dieser Spruch trifft auf alle extremen Denkungsarten zu.",
        "Ja, den Islamismus kann man so beschreiben.",
        "Viele richtige Gedanken, aber teilweise etwas unausgegoren.",
    ]
    assert comments[1].date == datetime(2023, 10, 22, 11, 20)


def test_profile_link_names_the_commenter_and_controls_are_not_text() -> None:
    comments = _comments("profile-links.html")
    assert [(c.author, c.text) for c in comments] == [
        ("08bine", "Hallo zusammen, könnte ich die Früchte auf den Kuchen legen, "
                   "nachdem ich ihn gebacken habe?"),
        ("steinchen71", "Hallo, der Kuchen ist endlich aus dem Ofen. LG steinchen71"),
    ]  # fmt: skip
    assert [c.date for c in comments] == [
        datetime(2020, 4, 7, 21, 50),
        datetime(2006, 10, 18, 15, 36),
    ]


def test_lone_comment_with_a_relative_date_is_kept_undated() -> None:
    [comment] = _comments("lone-relative.html")
    assert comment.author == "Critica"
    assert comment.text.startswith("Daran, dass die Autohändler als erste öffnen durften")
    assert comment.date is None and comment.date_precision == DatePrecision.UNKNOWN


def test_recent_comments_widget_is_not_a_thread() -> None:
    assert _comments("recent-comments-widget.html") == []
