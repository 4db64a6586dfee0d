"""Saved HTML pages: each fixture's expected values, furniture, encodings, markup in comments."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from indexer.core.models import Post, Section
from indexer.readers.html.encoding import decode_page
from tests.readers.conftest import FIXTURES, read_file

HTML = FIXTURES / "html"
PAGES = sorted(path.name for path in HTML.glob("*.html"))
# Author-written text that the trafilatura annotators call boilerplate: a call to
# action inside the post body itself, indistinguishable from prose by markup.
KNOWN_BODY_BOILERPLATE = {"Du möchtest gerne bei Through"}


def _read(name: str) -> tuple[Post, dict]:  # type: ignore[type-arg]
    reader, posts, _ = read_file(HTML / name)
    assert reader == "html-page"
    assert len(posts) == 1
    expected = json.loads((HTML / name.replace(".html", ".expected.json")).read_text("utf-8"))
    return posts[0], expected


@pytest.mark.parametrize("name", PAGES)
def test_expected_metadata(name: str) -> None:
    post, expected = _read(name)
    assert post.title == expected["title"]
    assert post.author == expected["author"]
    assert post.date is not None and post.date.date() == date.fromisoformat(expected["date"])
    assert post.url == expected["url"]
    assert set(expected["categories"]) <= set(post.categories)
    assert set(expected["tags"]) <= set(post.tags)


@pytest.mark.parametrize("name", PAGES)
def test_expected_body_and_comments(name: str) -> None:
    post, expected = _read(name)
    body = "\n".join(p.text for p in post.passages if p.section in (Section.POST, Section.QUOTE))
    comments = [p.text for p in post.passages if p.section == Section.COMMENT]
    everything = "\n".join(p.text + " " + p.author + " " + p.title for p in post.passages)
    for snippet in expected["with"]:
        assert snippet in body, snippet
    for snippet in expected["without"]:
        if snippet not in KNOWN_BODY_BOILERPLATE:
            assert snippet not in everything, snippet
    for snippet in expected["comments"]:
        assert any(snippet in text for text in comments), snippet
        assert snippet not in body, snippet


def test_known_boilerplate_is_still_indexed_as_body() -> None:
    # Documents the one miss: if this starts failing, drop the exception above.
    post, _ = _read("derpapierplanet.de.juni.html")
    body = "\n".join(p.text for p in post.passages if p.section == Section.POST)
    assert "Du möchtest gerne bei Through" in body
    assert "Teilnehmende Blogs" not in body  # the trailing link list is dropped


@pytest.mark.parametrize(
    ("name", "comments", "pingbacks", "replies"),
    [
        ("blog.wordpress.com.diverse.html", 13, 0, 3),
        ("thenervousbreakdown.com.loneliest.html", 11, 0, 2),
        ("gormulus.wordpress.com.durfen.html", 40, 5, 25),
        ("derpapierplanet.de.juni.html", 13, 0, 9),
    ],
)
def test_thread_counts(name: str, comments: int, pingbacks: int, replies: int) -> None:
    post, _ = _read(name)
    found = [p for p in post.passages if p.section == Section.COMMENT]
    assert len(found) == comments
    assert len([p for p in post.passages if p.section == Section.PINGBACK]) == pingbacks
    assert len([p for p in found if p.parent]) == replies
    anchors = {p.anchor for p in post.passages}
    assert all(p.parent in anchors for p in found if p.parent)
    assert all(p.author and p.date for p in found)
    for passage in found:  # controls and like buttons are not comment text
        for furniture in ("Antworten", "Löschen", "Reply", "Like", "Liked by"):
            assert furniture not in passage.text.split("\n")


def test_comment_dates_english_german_and_yearless() -> None:
    diverse, _ = _read("blog.wordpress.com.diverse.html")
    first = next(p for p in diverse.passages if p.anchor == "comment-1")
    assert (first.author, first.date) == ("JanBeek", datetime(2019, 6, 20, 2, 41))
    reply = next(p for p in diverse.passages if p.anchor == "comment-3")
    assert reply.parent == "comment-2"
    papier, _ = _read("derpapierplanet.de.juni.html")
    sana = next(p for p in papier.passages if p.anchor == "comment-1")
    assert (sana.author, sana.date) == ("Sana", datetime(2015, 6, 6, 10, 23))
    assert '"Southern Gothic"' in sana.text  # &quot; decoded
    nervous, _ = _read("thenervousbreakdown.com.loneliest.html")
    art = next(p for p in nervous.passages if p.anchor == "comment-1")
    assert (art.author, art.date) == ("Art Edwards", datetime(2011, 7, 11, 12, 25))


def test_pingbacks_mixed_into_comments() -> None:
    post, _ = _read("gormulus.wordpress.com.durfen.html")
    pings = [p for p in post.passages if p.section == Section.PINGBACK]
    assert pings[0].author == "Gormulus"
    assert pings[0].title == "Israel: Von Grabenkämpfen und dem Wert wahrer Freundschaft"
    assert pings[0].url.startswith("https://gormulus.wordpress.com/2012/12/09/")
    assert not any("Pingback:" in p.text for p in post.passages)


PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title} | Site</title></head><body>
<nav><a href="/">Home</a> Navigation furniture</nav>
<article class="post hentry"><h1 class="entry-title">{title}</h1>
<div class="entry-content"><p>{body}</p>
<blockquote><p>To be or not to be.</p><p>&mdash; William Shakespeare</p></blockquote>
<div class="sharedaddy">Share this: Twitter</div></div></article>
<div id="comments"><ol class="commentlist">
<li class="comment depth-1" id="comment-1">
<div class="comment-author"><cite class="fn">{commenter}</cite></div>
<div class="comment-meta"><a href="#comment-1">March 3, 2020 at 10:00 am</a></div>
<div class="comment-content"><p>{comment}</p></div><div class="reply"><a>Reply</a></div></li>
</ol></div><div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea></form></div>
<aside class="widget"><h3>Recent comments</h3>
<ul><li class="recentcomments">X on Y</li></ul></aside>
<script>var tracking = "furniture";</script><footer>Footer furniture</footer></body></html>
"""


def test_non_utf8_page_and_lying_charset(tmp_path: Path) -> None:
    latin = tmp_path / "latin.html"
    latin.write_bytes(
        PAGE.format(charset="iso-8859-1", title="Grüße", body="Über Käse", commenter="Jörg",
                    comment="Schön").encode("latin-1")
    )  # fmt: skip
    _, posts, reports = read_file(latin)
    assert posts[0].title == "Grüße" and "Über Käse" in posts[0].passages[0].text
    assert reports == []
    lying = tmp_path / "lying.html"
    page = PAGE.format(charset="utf-8", title="Café", body="naïve BODY", commenter="Zoë",
                       comment="fine")  # fmt: skip
    lying.write_bytes(page.encode("utf-8").replace(b"BODY", "caf\xe9".encode("latin-1")))
    _, posts, reports = read_file(lying)
    assert posts[0].title == "Café"
    assert "naïve café" in posts[0].passages[0].text
    assert any("not valid UTF-8" in report.message for report in reports)


def test_decode_never_raises_on_junk() -> None:
    text, _ = decode_page(b'<meta charset="no-such-charset"><p>\xff\xfe\x00abc</p>')
    assert "abc" in text


def test_script_in_comment_is_plain_text_and_furniture_is_gone(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        PAGE.format(charset="utf-8", title="Hello", body="Body text here.", commenter="Mallory",
                    comment="Look &lt;script&gt;alert(1)&lt;/script&gt; here"),
        encoding="utf-8",
    )  # fmt: skip
    _, posts, _ = read_file(path)
    post = posts[0]
    comment = next(p for p in post.passages if p.section == Section.COMMENT)
    assert comment.text == "Look <script>alert(1)</script> here"  # escaped when rendered
    assert (comment.author, comment.date) == ("Mallory", datetime(2020, 3, 3, 10, 0))
    quote = next(p for p in post.passages if p.section == Section.QUOTE)
    assert (quote.text, quote.author) == ("To be or not to be.", "William Shakespeare")
    everything = " ".join(p.text for p in post.passages)
    for furniture in ("Navigation", "Share this", "Leave a Reply", "Recent comments",
                      "tracking", "Footer furniture", "Reply"):  # fmt: skip
        assert furniture not in everything
    assert [p.section for p in post.passages] == [Section.POST, Section.QUOTE, Section.COMMENT]


def test_a_comment_thread_collapsed_behind_a_button_is_read() -> None:
    _, [post], _ = read_file(FIXTURES / "comments" / "collapsed-thread.html")
    comments = [(p.author, p.date, p.text) for p in post.passages if p.section == "comment"]
    assert comments == [
        # Shown "19. Oktober 2019 um 14:37 Uhr" (<time datetime="…14:37:24+02:00">).
        ("Kersti Wolnow", datetime(2019, 10, 19, 14, 37),
         "Wir leben eben in einer Welt, auf der alles auf den Kopf gestellt wird, wie bei Orwell."),
        ("Hans", datetime(2019, 10, 19, 16, 2), "Treffend beschrieben."),
    ]  # fmt: skip
    text = " ".join(p.text for p in post.passages)
    assert "Versteckter Text" not in text  # other hidden elements stay unread
    assert "Kommentare ausblenden" not in text
