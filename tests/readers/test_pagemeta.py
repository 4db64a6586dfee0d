"""Page metadata rules, each on a reduction of the real page it was learned from
(tests/fixtures/pagemeta/README.md): title, author and date as a user sees them."""

from __future__ import annotations

from datetime import datetime

from indexer.core.models import DatePrecision
from tests.readers.conftest import FIXTURES, read_file

PAGEMETA = FIXTURES / "pagemeta"


def test_yoast_graph_author_reference_is_resolved_and_site_name_stays_out_of_title() -> None:
    _, [post], _ = read_file(PAGEMETA / "yoast-graph.html")
    assert post.author == "Andreas Kalt"
    assert post.title == "15 Jahre rete-mirabile.net"
    # article:published_time "2019-07-28T10:22:40+02:00": the site's own time, its
    # offset kept (htmldate agrees on the day).
    assert (post.date, post.utc_offset) == (datetime(2019, 7, 28, 10, 22, 40), 120)
    assert post.date_precision == DatePrecision.MINUTE


def test_kicker_is_not_part_of_the_headline_and_a_newsletter_h1_is_not_the_title() -> None:
    _, [post], _ = read_file(PAGEMETA / "kicker-h1.html")
    assert post.title == "Wie Firmen ihre Beschäftigten schützen"
    assert post.author == "Marie Rövekamp"
    assert post.date is not None and post.date.date().isoformat() == "2020-04-29"


def test_xhtml_page_with_xml_declaration_is_read() -> None:
    reader, [post], _ = read_file(PAGEMETA / "xhtml-declaration.html")
    assert reader == "html-page"
    assert post.title == "Eine realistische Interpretation des Keynes-Hicks-Multiplikators"
    assert "zentrales Konzept der Makroökonomie" in post.passages[0].text


def test_author_from_profile_link_not_from_a_commenters_link() -> None:
    _, [post], _ = read_file(PAGEMETA / "profile-link.html")
    assert post.author == "Inga Hoeltmann"
    assert post.title == "Ich war am Wochenende auf einer Hochzeit"


def test_text_without_paragraphs_is_found_by_trafilatura_not_a_header_line() -> None:
    _, [post], _ = read_file(FIXTURES / "maintext" / "br-text.html")
    body = " ".join(p.text for p in post.passages if p.section == "post")
    assert "Die Kerne haften am Fruchtfleisch und können nicht herausfallen" in body
    assert "aber ohne Strunk sieht es auch schöner aus." in body
    assert "die Community für Hobbyköche" not in body
    assert "musst du eingeloggt sein" not in body


def test_template_markup_is_not_post_text_when_trafilatura_reads_the_body() -> None:
    _, [post], _ = read_file(FIXTURES / "maintext" / "template.html")
    [body] = [p.text for p in post.passages if p.section == "post"]
    assert body.endswith("Das ist der cremigste Kuchen, den ich kenne.")
    assert "Für eine 26er Springform." in body
    assert "Für dieses Rezept gibt es noch keine" not in body
    assert "{{" not in body


def test_comment_section_login_prompt_is_not_post_text() -> None:
    _, [post], _ = read_file(FIXTURES / "maintext" / "comment-login.html")
    [body] = [p.text for p in post.passages if p.section == "post"]
    assert body.startswith("Wer an der Tischkreissäge nach Riss sägen möchte")
    assert "sollte das Reststück zusätzlich verschraubt werden." in body
    assert "Sie sind aktuell nicht eingeloggt." not in body
    assert "loggen Sie sich bitte ein" not in body


def test_copyright_line_after_the_recipe_is_not_post_text() -> None:
    _, [post], _ = read_file(FIXTURES / "maintext" / "copyright-line.html")
    [body] = [p.text for p in post.passages if p.section == "post"]
    assert body.endswith("Serve warm or cool. Store covered in refrigerator.")
    assert "General Mills" not in body


def test_box_floated_beside_the_article_text_is_not_post_text() -> None:
    _, [post], _ = read_file(FIXTURES / "maintext" / "floated-box.html")
    [body] = [p.text for p in post.passages if p.section == "post"]
    assert body.startswith("A powerful alliance of chefs, celebrities and charities")
    assert body.endswith("secure the goal set out in the Government's own food strategy.")
    assert "As many as a million young people" not in body
    assert "Prince Charles warns" not in body


def test_post_author_from_their_own_comment_marked_bypostauthor() -> None:
    _, [post], _ = read_file(PAGEMETA / "bypostauthor.html")
    assert post.author == "jancak"
    comments = [p for p in post.passages if p.section == "comment"]
    assert [(c.author, c.text) for c in comments] == [
        ("Margit Heumann", "Deinen letzten Absatz kann ich nur unterschreiben."),
        ("jancak", "Ebenfalls alles Gute, du bist meine erste Kommentiererin im neuen Jahr!"),
    ]


def test_a_comments_date_is_not_the_posts_when_the_byline_has_no_markup() -> None:
    # htmldate takes the earliest date: the first comment's machine-readable time
    # (11 September) came before the byline's plain "30 septembre 2018".
    _, [post], _ = read_file(PAGEMETA / "comment-date-first.html")
    assert post.date == datetime(2018, 9, 30)
    assert post.date_precision == DatePrecision.DAY
    comments = [(p.author, p.date, p.utc_offset) for p in post.passages if p.section == "comment"]
    # Shown "Le 11 septembre 2018 à 12:57", stated in UTC (abbr title "…10:57:27Z"): the
    # shown time, its offset the difference.
    assert comments == [
        ("gabriel sempéré", datetime(2018, 9, 11, 12, 57), 120),
        ("Marie", datetime(2019, 12, 7, 13, 45), 60),
    ]
