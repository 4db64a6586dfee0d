"""The plain-text page reader, exactly right on the sample and general for its family."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import DatePrecision, Post, Section
from indexer.readers import ReadContext, reader_for
from tests.paths import SAMPLE, TEXTPAGES


def read(path: Path) -> tuple[Post, list[str]]:
    reader = reader_for(path)
    assert reader is not None and reader.name == "text-page"
    context = ReadContext(path, path.name)
    posts = list(reader.read(context))
    assert len(posts) == 1
    return posts[0], [notice.message for notice in context.notices]


def test_sample_post_fields() -> None:
    post, warnings = read(SAMPLE)
    assert (
        post.title
        == "Occupy Patriarchy disrupts Law Enforcement’s “Anti-Sex-Trafficking” Conference"
    )
    assert post.date == datetime(2012, 6, 14)  # "14 Jun": year inferred
    assert post.date_precision == DatePrecision.DAY
    assert post.post_id.startswith("2012-06-14-occupy-patriarchy-disrupts-law-enforcements-")
    assert warnings == [
        "the page announces 9 responses but 8 are present (6 comments, 2 pingbacks); "
        "indexed what is present"
    ]


def test_sample_passages_in_page_order() -> None:
    post, _ = read(SAMPLE)
    summary = [(p.section, p.anchor, p.author, p.date, p.date_precision) for p in post.passages]
    day = datetime(2012, 6, 14)
    assert summary == [
        (Section.POST, "post-1", "", day, DatePrecision.DAY),
        (Section.QUOTE, "quote-1", "anonymous sex worker", day, DatePrecision.DAY),
        (Section.POST, "post-2", "", day, DatePrecision.DAY),
        (Section.POST, "post-3", "", day, DatePrecision.DAY),
        (Section.COMMENT, "comment-1", "cydnova", datetime(2012, 6, 14, 18, 0), "minute"),
        (Section.COMMENT, "comment-2", "Cristine Sardina", datetime(2012, 6, 14, 23, 7), "minute"),
        (Section.COMMENT, "comment-3", "Cat", datetime(2012, 6, 17, 9, 40), "minute"),
        (Section.COMMENT, "comment-4", "bebopper76", datetime(2012, 6, 18, 20, 2), "minute"),
        (Section.COMMENT, "comment-5", "bebopper76", datetime(2012, 6, 18, 20, 45), "minute"),
        (Section.COMMENT, "comment-6", "bebopper76", datetime(2012, 6, 18, 20, 54), "minute"),
        (Section.PINGBACK, "pingback-1", "postwhoreamerica", datetime(2012, 6, 18), "day"),
        (
            Section.PINGBACK,
            "pingback-2",
            "The Myth of Sex Trafficking and Sex Slavery, Research, Lies, Facts, Fact Sheet, "
            "Truth about Human Trafficking statistics and Prostitution",
            datetime(2012, 6, 18),
            "day",
        ),
    ]


def test_sample_body_keeps_subtitle_and_whos_who_list() -> None:
    post, _ = read(SAMPLE)
    first, second, third = (p for p in post.passages if p.section == Section.POST)
    assert first.text.startswith(
        "The H.E.A.T. Conference is Just Another Excuse to Police Us!\n\n"
        "The H.E.A.T conference organizers claim"
    )
    assert first.text.endswith("silent about these forms of forced labour.")
    assert second.text.startswith("No doubt many participants in H.E.A.T have positive")
    assert third.title == "Who’s Who in the H.E.A.T. Conference"
    items = [line for line in third.text.split("\n\n") if line.startswith("–")]
    assert len(items) == 4  # dash lines of the list are list items, not attributions
    assert items[0].startswith("– Linda Smith- anti-abortionist")
    assert items[3].startswith("– Daphne Phung- Executive director")


def test_sample_quote_text_and_attribution() -> None:
    post, _ = read(SAMPLE)
    (quote,) = (p for p in post.passages if p.section == Section.QUOTE)
    assert quote.text.startswith("When the vice squad does stings, the facade")
    assert quote.text.endswith("is the source of this patriarchal dynamic.")
    assert quote.author == "anonymous sex worker"


def test_sample_comment_texts_are_complete() -> None:
    post, _ = read(SAMPLE)
    comments = {p.anchor: p.text for p in post.passages if p.section == Section.COMMENT}
    assert comments["comment-2"] == (
        "The BOJ “Trafficking Report” does not support its own statistics. Most people "
        "arrested are Hispanic & Black men & very few arrests have led to convictions"
    )
    assert comments["comment-3"].endswith("Please advise\n\nThanks so much\nIn solidarity")
    assert "KDTD_Human_Trafficking_And_Sex_Work.pdf" in comments["comment-3"]
    assert comments["comment-5"].startswith("COLLEGE PARK, GA June 13 2012 – A College Park")
    assert comments["comment-5"].endswith("related to prostitution to be dropped.")
    assert comments["comment-6"].endswith("where to come get us.”")


def test_sample_pingbacks_have_title_and_excerpt() -> None:
    post, _ = read(SAMPLE)
    first, second = (p for p in post.passages if p.section == Section.PINGBACK)
    assert first.title == "Occupy Oakland Patriarchy outing people in the sex trade?"
    assert first.text.startswith(first.title + "\n\n[…] writes extensively on anti-trafficking")
    assert second.title == (
        "Police are forcing prostitutes to lie against their will about Sex Trafficking"
    )
    assert "oaklandoccupypatriarchy.wordpress.com/2012/06/14/" in second.text


def test_sample_footer_is_never_a_passage() -> None:
    post, _ = read(SAMPLE)
    everything = "\n".join(p.text + p.author + p.title for p in post.passages)
    for furniture in (
        "Leave a Reply",
        "Fill in your details below",
        "You are commenting using your",
        "Connecting to %s",
        "bloggers like this",
        "WordPress.com Logo",
        "Facebook photo",
        "9 Responses",
    ):
        assert furniture not in everything


def test_year_in_date_line_and_am_pm_times() -> None:
    post, warnings = read(TEXTPAGES / "with-year-ampm.txt")
    assert warnings == []  # 2 announced, 2 present
    assert post.date == datetime(2015, 6, 3)
    quote = next(p for p in post.passages if p.section == Section.QUOTE)
    assert quote.author == "Marta, allotment 14"
    assert quote.text == (
        "We lost the beans and the lettuce, but the tomatoes just bent and stood up again."
    )
    comments = [p for p in post.passages if p.section == Section.COMMENT]
    assert [(c.author, c.date) for c in comments] == [
        ("Jo Bloggs", datetime(2015, 6, 4, 9, 5)),
        ("Ángel Núñez", datetime(2015, 6, 5, 12, 30)),
    ]
    assert comments[1].text == "Split fruit makes good sauce.\nDon’t waste it."
    assert not [p for p in post.passages if p.section == Section.PINGBACK]


def test_no_comments_and_share_buttons_are_furniture() -> None:
    post, warnings = read(TEXTPAGES / "no-comments.txt")
    assert warnings == []
    assert [(p.section, p.text) for p in post.passages] == [
        (Section.POST, "Nothing much happened today. The river was high.")
    ]
    assert post.date == datetime(2019, 2, 2)


def test_dash_list_after_quoted_sentence_is_not_an_attribution() -> None:
    post, _ = read(TEXTPAGES / "dash-list.txt")
    assert [p.section for p in post.passages] == [Section.POST]
    assert "– Bob Example, keynote" in post.passages[0].text


def test_year_inferred_across_new_year() -> None:
    post, _ = read(TEXTPAGES / "year-boundary.txt")
    assert post.date == datetime(2013, 12, 28)  # the first comment is from January 2014
    assert post.passages[-1].date == datetime(2014, 1, 2, 7, 15)


def test_year_unknown_is_reported_not_invented() -> None:
    post, warnings = read(TEXTPAGES / "undated-year.txt")
    assert post.date is None and post.date_precision == DatePrecision.UNKNOWN
    assert warnings == ["post date '5 May' has no year and none could be inferred"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"\n\n  \n", "empty file"), (b"title\x00\x01binary", "binary")],
)
def test_unreadable_pages_raise_with_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    from indexer.errors import ArchiveFileError
    from indexer.readers.text.page import TextPageReader

    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(ArchiveFileError, match=reason):
        list(TextPageReader().read(ReadContext(path, "page.txt")))


def test_latin1_page_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 notes\n\n3 Mar 2011\n\nThe caf\xe9 opened.\n".encode("latin-1"))
    post, warnings = read(path)
    assert post.passages[0].text == "The café opened."
    assert warnings and "not valid UTF-8" in warnings[0]
