"""Scripts whose words carry combining marks, or have no spaces, and folding that
people expect: a Hindi word is not split at its vowel signs, a Thai word inside a
sentence is found, pointed Hebrew and vocalised Arabic match what people type
(unpointed), Greek accents and German "ß" fold. Texts written for these tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from indexer.analysis.analyzers import text_analyzer
from tests.test_languages import wxr

POSTS = [
    (
        "पुस्तकालय की यात्रा",
        "आज मैंने पुस्तकालय में एक नई किताब पढ़ी। किताब में भारत के इतिहास के बारे में "
        "बहुत कुछ लिखा है और मुझे यह बहुत पसंद आई।",
        "राहुल",
        "मैं भी अगले हफ्ते पुस्तकालय जाऊँगा।",
    ),
    (
        "ห้องสมุดวันนี้",
        "วันนี้ฉันไปห้องสมุดและอ่านหนังสือประวัติศาสตร์ไทยหลายเล่มจนถึงตอนเย็น",
        "สมชาย",
        "ผมชอบหนังสือเล่มนั้นมากครับ",
    ),
    (
        "סֵפֶר חָדָשׁ",
        "שָׁלוֹם לְכֻלָּם, הַיּוֹם קָרָאתִי סֵפֶר חָדָשׁ עַל הַהִיסְטוֹרְיָה שֶׁל הָעִיר וְנֶהֱנֵיתִי מְאוֹד מִכָּל פֶּרֶק.",
        "דָּוִד",
        "תודה רבה על ההמלצה, אקרא אותו בשבוע הבא.",
    ),
    (
        "زيارة المكتبة",
        "ذَهَبْتُ اليَوْمَ إِلَى المَكْتَبَةِ وَقَرَأْتُ كِتَابًا جَدِيدًا عَنْ تَارِيخِ المَدِينَةِ وَأَعْجَبَنِي كَثِيرًا.",
        "أحمد",
        "شكرا على هذه التوصية الجميلة.",
    ),
    (
        "Μια μέρα στη βιβλιοθήκη",
        "Σήμερα διάβασα ένα βιβλίο για την ιστορία της πόλης και μου άρεσε πάρα πολύ, "
        "ιδιαίτερα το κεφάλαιο για το λιμάνι.",
        "Γιώργος",
        "Ευχαριστώ για την πρόταση, θα το διαβάσω σύντομα.",
    ),
    (
        "Ein Spaziergang",
        "Wir gingen gestern die lange Straße entlang bis zum alten Hafen und tranken dort "
        "einen Kaffee, bevor es zu regnen begann.",
        "Grete",
        "Die Straße kenne ich gut, dort habe ich früher gewohnt.",
    ),
]


@pytest.fixture(scope="module")
def scripts_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("scripts")
    (archive / "scripts.xml").write_text(wxr(POSTS), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("scripts-index")
    assert not index_archive([archive], index_dir).failed
    return index_dir


def test_words_with_combining_marks_stay_whole() -> None:
    words = [token.text for token in text_analyzer()("मैंने पुस्तकालय में किताब पढ़ी", mode="query")]
    assert words == ["मैंने", "पुस्तकालय", "में", "किताब", "पढ़ी"]


@pytest.mark.parametrize(
    ("typed", "title", "marked"),
    [
        ("पुस्तकालय", "पुस्तकालय की यात्रा", "पुस्तकालय"),
        ("इतिहास", "पुस्तकालय की यात्रा", "इतिहास"),
        ("ห้องสมุด", "ห้องสมุดวันนี้", "ห้องสมุด"),  # Thai, inside a sentence
        ("ประวัติศาสตร์", "ห้องสมุดวันนี้", "ประวัติศาสตร์"),
        ("ספר", "סֵפֶר חָדָשׁ", "סֵפֶר"),  # unpointed finds pointed
        ("ההיסטוריה", "סֵפֶר חָדָשׁ", "הַהִיסְטוֹרְיָה"),
        ("المكتبة", "زيارة المكتبة", "المَكْتَبَةِ"),  # without harakat
        ("ιστορια", "Μια μέρα στη βιβλιοθήκη", "ιστορία"),  # without tonos
        ("ΙΣΤΟΡΙΑ", "Μια μέρα στη βιβλιοθήκη", "ιστορία"),
        ("Strasse", "Ein Spaziergang", "Straße"),  # as the Swiss write it
    ],
)
def test_a_word_as_people_type_it_is_found_and_marked(
    scripts_index: Path, typed: str, title: str, marked: str
) -> None:
    result = ArchiveIndex.open(scripts_index).search(build_request(typed))
    assert result.hits, typed
    assert result.hits[0].post_title == title
    assert f"<mark>{marked}</mark>" in result.hits[0].snippet


def test_a_query_typed_decomposed_finds_the_composed_text(scripts_index: Path) -> None:
    typed = unicodedata.normalize("NFD", "Straße Kaffee tranken")  # as some keyboards send
    result = ArchiveIndex.open(scripts_index).search(build_request(typed))
    assert [hit.post_title for hit in result.hits] == ["Ein Spaziergang"]


def test_each_script_is_its_own_language(scripts_index: Path) -> None:
    result = ArchiveIndex.open(scripts_index).search(build_request(""))
    languages = {value.value for value in result.facets["language"]}
    # (fully pointed Hebrew is taken for Biblical Hebrew, "hbo", by the detector)
    assert {"hi", "th", "ar", "el", "de"} <= languages and languages & {"he", "hbo"}
