"""One time policy for every reader (docs/formats.md, "Times"): a comment's time is the
wall-clock time its source shows, never converted; its UTC offset is kept where the
source states it. The same comment gives the same time from the saved page (HTML), its
text rendering (w3m), a WordPress export and a web archive of the page."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer.core.models import DatePrecision, Passage
from indexer.readers.pagedates import ShownTime, parse_page_time, shown_or_stated
from tests.readers.conftest import FIXTURES, read_file

# Walker's HTML5 comment in Spanish: <time datetime="2015-09-14T19:30:00+02:00">14 de
# septiembre de 2015 a las 19:30</time> (tests/fixtures/commentsystems/README.md).
PAGE = FIXTURES / "commentsystems" / "wp-html5-es.html"
RENDERED = FIXTURES / "commentsystems" / "text" / "wp-html5-es.txt"
URL = "http://example.es/ruta/"
SHOWN = datetime(2015, 9, 14, 19, 30)
# The same post as WordPress exports it: the site's time and its GMT twin.
WXR = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://example.es</wp:base_site_url>
<item><title>Ruta por la sierra</title><link>{URL}</link><dc:creator>admin</dc:creator>
<content:encoded><![CDATA[La ruta sale del pueblo y sube por el barranco.]]>
</content:encoded>
<wp:post_id>7</wp:post_id><wp:post_date>2015-09-13 09:00:00</wp:post_date>
<wp:post_date_gmt>2015-09-13 07:00:00</wp:post_date_gmt><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>42</wp:comment_id><wp:comment_author>Caminante</wp:comment_author>
<wp:comment_date>2015-09-14 19:30:00</wp:comment_date>
<wp:comment_date_gmt>2015-09-14 17:30:00</wp:comment_date_gmt>
<wp:comment_content>Hay una fuente, pero en agosto suele estar seca.</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>
"""


def _caminante(path: Path) -> Passage:
    _, posts, _ = read_file(path)
    return next(p for post in posts for p in post.passages if p.author == "Caminante")


def _warc(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    body = PAGE.read_bytes()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                URL, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2016-01-01T00:00:00Z"},
            )
        )  # fmt: skip
    return path


def test_the_same_comment_has_the_same_time_from_every_source(tmp_path: Path) -> None:
    export = tmp_path / "export.xml"
    export.write_text(WXR, encoding="utf-8")
    read = {
        "html": _caminante(PAGE),
        "text": _caminante(RENDERED),
        "wxr": _caminante(export),
        "warc": _caminante(_warc(tmp_path)),
    }
    assert {name: (p.date, p.date_precision) for name, p in read.items()} == {
        name: (SHOWN, DatePrecision.MINUTE) for name in read
    }
    # The offset where the source states it (the page's <time>, the export's GMT twin);
    # a text rendering shows only the time.
    assert {name: p.utc_offset for name, p in read.items()} == {
        "html": 120, "text": None, "wxr": 120, "warc": 120,
    }  # fmt: skip


def test_a_page_showing_local_time_and_stating_utc_keeps_the_shown_time() -> None:
    # regards.fr's comments: <abbr title="2020-01-09T12:06:44Z">9 janvier à 13h06</abbr>.
    stated = parse_page_time("2020-01-09T12:06:44Z")
    shown = parse_page_time("9 janvier à 13h06", stated.moment)
    assert shown_or_stated(shown, stated) == ShownTime(
        datetime(2020, 1, 9, 13, 6), DatePrecision.MINUTE, 60
    )


def test_a_shown_day_takes_the_stated_minute_of_that_day_and_a_misreading_loses() -> None:
    stated = parse_page_time("2020-04-10T08:15:00+02:00")
    assert shown_or_stated(parse_page_time("10.4.2020"), stated) == ShownTime(
        datetime(2020, 4, 10, 8, 15), DatePrecision.MINUTE, 120
    )
    # "04/10/2020 08:15" read as 4 October: more than a day from what the markup states.
    misread = ShownTime(datetime(2020, 10, 4, 8, 15), DatePrecision.MINUTE)
    assert shown_or_stated(misread, stated) == stated


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Wed, 12/08/2010 - 14:20", "2010-12-08T14:20"),  # Drupal's default, month first
        ("Wednesday, 12/08/2010", "2010-12-08T00:00"),  # the day's full name
        ("Thursday 12/09/2010", "2010-12-09T00:00"),
        ("Mi, 08.12.2010 - 14:20", "2010-12-08T14:20"),  # the same day written day first
        ("Friday, 3/4/2016", "2016-03-04T00:00"),
        ("Sat, 13/08/2010", "2010-08-13T00:00"),  # only one order is a date
        ("12/08/2010 14:20", "2010-08-12T14:20"),  # no weekday: day first, as before
    ],
)
def test_a_shown_weekday_settles_a_numeric_date_that_reads_either_way(text: str, day: str) -> None:
    moment = parse_page_time(text).moment
    assert moment is not None and moment.isoformat(timespec="minutes") == day
