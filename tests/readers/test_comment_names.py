"""Commenters' names as the page shows them, and their times as shown (issue 20).

Each case is one comment of a real page of ../shared/fixtures/html-eval/ (trafilatura's
evaluation pages; provenance and licence in that folder's README), reduced by hand to the
markup of its name and date (text shortened), inside a minimal page. Before, the readers
took the name's container: "Gloria Corazon on 11/08/2020 at 12:40 Antworten", "Martin
Mair3. Februar 2020 um 9:46Permalink", "Jeremy Banks says: January 20, 2020 at 11:27 am",
"Roberto Roberto,", a Drupal comment's title; and converted shown times to UTC.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.readers.conftest import read_file

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ein Beitrag</title>
</head><body><article class="post hentry"><h1 class="entry-title">Ein Beitrag</h1>
<div class="entry-content"><p>Der Beitrag selbst ist lang genug, um als Text eines Beitrags
zu gelten, und er handelt von nichts Besonderem, außer dass er Kommentare hat.</p>
<p>Ein zweiter Absatz sagt noch etwas mehr dazu, damit der Text nicht zu kurz ist.</p></div>
</article><div id="comments" class="comments-area">{thread}</div></body></html>"""

CASES = {
    # theoriginalcopy.de.baby: the theme's <header class="comment__meta comment-author">
    # holds name, <time> and the reply link.
    "theoriginalcopy": (
        """<ol class="comment-list"><li class="comment even depth-1"><article id="comment-83713"
        class="comment-article media"><div class="media__body"><header class="comment__meta
        comment-author"><span class="comment__author-name"><a href='http://www.isadora.com/de'
        rel='external nofollow ugc' class='url'>Gloria Corazon</a></span><time class="comment__time"
        datetime="2020-08-11T12:40:46+02:00"><a href="#comment-83713" class="comment__timestamp">on
        11/08/2020 at 12:40 </a></time><div class="comment__links"><a rel='nofollow'
        class='comment-reply-link' href='#comment-83713'>Antworten</a></div></header>
        <section class="comment__content comment"><p>Wow so toll geschrieben!</p></section>
        </div></article></li></ol>""",
        ("Gloria Corazon", datetime(2020, 8, 11, 12, 40), 120, "Wow so toll geschrieben!"),
    ),
    # unsere-zeitung.at.inklusion: name link, date and "Permalink" in one header.
    "unsere-zeitung": (
        """<ul class="comment-list"><li class="comment even depth-1" id="li-comment-34240">
        <article id="comment-34240" class="comment"><header class="comment-meta comment-author
        vcard"><div class="comment-author-link"><a href='http://www.aktive-arbeitslose.at'
        rel='external nofollow ugc' class='url'>Martin Mair</a></div><div
        class="comment-date-time">3. Februar 2020 um 9:46</div><a class="comment-permalink"
        href="#comment-34240">Permalink</a></header><section class="comment-content comment">
        <p>Wenns nur der Kapitalismus alleine wäre …</p></section></article></li></ul>""",
        (
            "Martin Mair",
            datetime(2020, 2, 3, 9, 46),
            None,
            "Wenns nur der Kapitalismus alleine wäre …",
        ),
    ),
    # stackoverflow.com.rust (the blog): <cite> and "says:" in .comment-author.
    "stackoverflow-blog": (
        """<ol class="comment-list"><li class="comment even depth-1" id="comment-554074"><div
        class="comment-body"><div class="comment-author vcard"><div class="lh-sm"><cite
        class="fw-bold">Jeremy Banks</cite> <span class="sm:d-none">says:</span></div><div
        class="comment-meta commentmetadata"><a href="#comment-554074">January 20, 2020 at
        11:27 am</a></div></div><div class="comment-text"><p>This is the kind of content I love
        to see on this blog.</p></div><div class="reply"><a class='comment-reply-link'
        href='#comment-554074'>Reply</a></div></div></li></ol>""",
        (
            "Jeremy Banks",
            datetime(2020, 1, 20, 11, 27),
            None,
            "This is the kind of content I love to see on this blog.",
        ),
    ),
    # verfassungsblog.de.expertinnen: <cite class="fn">Markus Rau, </cite>.
    "verfassungsblog": (
        """<ol class="commentlist"><li class="comment odd depth-1" id="li-comment-801017"><article
        id="comment-801017" class="comment"><footer class="clear"><div class="comment-author
        vcard"> <span></span> <cite class="fn">Markus Rau, </cite><a href="#comment-801017"><time
        pubdate datetime="2020-04-09T08:59:19+02:00"> Do  9 Apr 2020 / 08:59 </time></a> <a
        rel='nofollow' class='comment-reply-link' href='#respond'>Antworten</a></div></footer>
        <div class="comment-content"><p>Sehr geehrter Herr Professor Sauer,</p></div></article>
        </li></ol>""",
        ("Markus Rau", datetime(2020, 4, 9, 8, 59), 120, "Sehr geehrter Herr Professor Sauer,"),
    ),
    # bibliothek2null.de.mai: WordPress's name link in an <h3>, date and time in <b>s.
    "bibliothek2null": (
        """<ul class="comment-items"><li id="comment-1446" class="row-fluid"><div class="span10
        comment-info"><h3><a href='http://marius300482.wordpress.com' rel='external nofollow'
        class='url'>Marius</a></h3><p>ich bin schon ganz gespannt, was hier als nächstes so alles
        auftaucht.</p><div><b>18. 05. 2014</b> <b class="time-info">22:38</b></div></div></li>
        </ul>""",
        (
            "Marius",
            datetime(2014, 5, 18, 22, 38),
            None,
            "ich bin schon ganz gespannt, was hier als nächstes so alles auftaucht.",
        ),
    ),
    # cicero.de.pandemie (Drupal): the name only on the meta line, the comment's title a
    # permalink in a "field--name-comment-body".
    "cicero": (
        """<article id="comment-214106" class="js-comment comment"><footer><h6>Heidemarie Heim
        | Di, 21. April 2020 - 16:40 <span property="schema:dateCreated"
        content="2020-04-21T14:40:07+00:00" class="hidden"></span></h6></footer><div><div
        class="field--name-comment-body"><p><a href="/comment/214106" class="permalink">Wo und
        wie gestorben wird</a></p></div><div class="field field--name-comment-body"><p>Vielen
        Dank für diese Einblicke! Ein schweres Thema.</p></div></div></article>""",
        ("Heidemarie Heim", datetime(2020, 4, 21, 16, 40), None, None),
    ),
    # oekonomenstimme.org.keynes: "geschrieben von NAME am DATE" under the comment's title.
    "oekonomenstimme": (
        """<ol class="commentlist"><li id="comment-1510" class="comment"><div><h2 id="c1510">Kurze
        Antworten </h2><span class="metadata"> geschrieben von GeorgQuaas am 21. Jan. 2015, 21:03
        </span><span class="reply-comment">[ <a class="login-required" href="/konto/login/">
        antworten</a> ]</span></div><p>@Felsberger: Wenn Sie meiner Argumentation gefolgt wären,
        wüssten Sie es.</p></li></ol>""",
        ("GeorgQuaas", datetime(2015, 1, 21, 21, 3), None, None),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_the_name_and_time_the_page_shows(case: str, tmp_path: Path) -> None:
    thread, (author, date, offset, text) = CASES[case]
    path = tmp_path / f"{case}.html"
    path.write_text(PAGE.format(thread=thread), encoding="utf-8")
    _, [post], _ = read_file(path)
    [comment] = [p for p in post.passages if p.section == "comment"]
    assert (comment.author, comment.date, comment.utc_offset) == (author, date, offset)
    if text is not None:
        assert comment.text == text
