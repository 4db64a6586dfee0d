"""Saved pages and text files in the encodings people's archives hold: a byte-order
mark wins, labels are read as browsers read them (WHATWG), a page that declares nothing
and is not UTF-8 gets its encoding detected. Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.core.models import Section
from indexer.core.text import decode_bytes
from indexer.readers.html.encoding import decode_page
from tests.readers.conftest import read_file

RUSSIAN = "Сегодня мы долго говорили о погоде и о том, как провести выходные в городе."
FRENCH = "Les élèves ont été très sérieux pendant la leçon de français à l'école cet été."
PAGE = """<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>
<article class="post"><h1 class="entry-title">{title}</h1>
<div class="entry-content"><p>{body}</p><p>{body}</p></div></article></body></html>"""


def _page(title: str, body: str, meta: str = "") -> str:
    return PAGE.format(meta=meta, title=title, body=body)


@pytest.mark.parametrize(
    ("label", "encoding", "text"),
    [
        ("Shift_JIS", "cp932", "丸数字①と髙橋さんの日記"),  # ①, 髙: Windows' Shift_JIS only
        ("gb2312", "gbk", "朱镕基的讲话"),  # 镕 is not in GB2312 proper
        ("euc-kr", "cp949", "똠방각하"),  # 똠: Windows' EUC-KR only
        ("iso-8859-1", "cp1252", "„Anführungszeichen“ – und €"),  # Windows-1252 bytes
        ("iso-8859-9", "cp1254", "Türkçe ağaç"),
    ],
)
def test_labels_are_read_as_browsers_read_them(label: str, encoding: str, text: str) -> None:
    page = _page("t", text, f'<meta charset="{label}">').encode(encoding)
    decoded, warning = decode_page(page)
    assert text in decoded and warning is None


def test_a_byte_order_mark_wins_over_the_declared_charset() -> None:
    page = _page("Заголовок", RUSSIAN, '<meta charset="iso-8859-1">')
    decoded, _ = decode_page(b"\xff\xfe" + page.encode("utf-16-le"))
    assert RUSSIAN in decoded


@pytest.mark.parametrize(
    ("encoding", "text"), [("cp1251", RUSSIAN), ("koi8-r", RUSSIAN), ("cp1252", FRENCH)]
)
def test_an_undeclared_page_gets_its_encoding_detected(encoding: str, text: str) -> None:
    decoded, warning = decode_page(_page("t", text).encode(encoding))
    assert text in decoded
    assert warning is not None and "no encoding declared" in warning


def test_declared_charset_with_a_bad_byte_keeps_the_rest() -> None:
    good = "今日はとても良い天気でした。".encode("cp932")
    page = b'<meta charset="shift_jis"><p>' + good + b"\x81\x7f" + good + b"</p>"
    decoded, warning = decode_page(page)
    assert decoded.count("今日はとても良い天気でした。") == 2
    assert warning is not None and "not valid cp932 as declared" in warning


def test_a_utf16_page_saved_on_windows_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "post.html"
    path.write_bytes(b"\xff\xfe" + _page("Погода в городе", RUSSIAN).encode("utf-16-le"))
    _, posts, _ = read_file(path)
    [post] = posts
    assert post.title == "Погода в городе"
    assert [p.text for p in post.passages if p.section == Section.POST] == [
        f"{RUSSIAN}\n\n{RUSSIAN}"
    ]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xff\xfe" + RUSSIAN.encode("utf-16-le"), RUSSIAN),  # Notepad's "Unicode"
        (RUSSIAN.encode("cp1251"), RUSSIAN),
        (FRENCH.encode("cp1252"), FRENCH),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH),
    ],
)
def test_text_files_in_other_encodings(data: bytes, text: str) -> None:
    assert decode_bytes(data)[0] == text
