"""Every language the archive holds: detected per passage, stemmed in its own language,
CJK words found inside sentences, through the library, the CLI and the web API.

The archive is a hand-written WXR export (text written for these tests) whose channel
declares ``en-US`` for every post, as a Chinese blog's export does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from indexer import ArchiveIndex, build_request, index_archive
from tests.test_query_typing import copied_words_find_their_passage
from web.app import create_app
from web.cli.main import main

POSTS = [
    (
        "编译器笔记",
        "今天我学习了编译器的内存管理和程序优化。编译器把源代码翻译成机器码，"
        "内存分配是程序运行的关键。",
        "小明",
        "我也在读这本关于编译器的书，内存那一章很难。",
    ),
    (
        "Die Polizei und die Häuser",
        "Die Polizisten haben gestern alle Häuser in der Straße durchsucht, aber sie "
        "fanden nichts. Die Nachbarn waren überrascht und fragten sich, warum die "
        "Beamten so früh am Morgen gekommen waren.",
        "Jürgen Weber",
        "Das ist doch unglaublich, dass die Polizei einfach in die Wohnungen gehen darf.",
    ),
    (
        "Les policières du quartier",
        "Les policières ont fouillé toutes les maisons de la rue hier matin, mais elles "
        "n'ont rien trouvé. Les voisins étaient surpris et se demandaient pourquoi les "
        "agents étaient venus si tôt.",
        "Amélie Durand",
        "C'est incroyable que la police puisse entrer dans les appartements comme ça.",
    ),
    (
        "Policing the neighbourhood",
        "The officers searched every house on the street yesterday morning, but they "
        "found nothing. The neighbours were surprised and wondered why the police had "
        "come so early. When the police arrive, the street goes quiet.",
        "bebopper76",
        "Policing like this is exactly what the e-mail from the council warned about.",
    ),
]


def wxr(posts: list[tuple[str, str, str, str]]) -> str:
    """A WXR export of ``posts`` (title, body, commenter, comment), one comment each."""
    items = []
    for number, (title, body, commenter, comment) in enumerate(posts, start=1):
        items.append(f"""<item><title>{title}</title>
<link>http://example.org/?p={number}</link>
<dc:creator><![CDATA[admin]]></dc:creator>
<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>
<wp:post_id>{number}</wp:post_id>
<wp:post_date>2020-01-0{number} 10:00:00</wp:post_date>
<wp:post_name>post-{number}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>{number}0</wp:comment_id>
<wp:comment_author><![CDATA[{commenter}]]></wp:comment_author>
<wp:comment_date>2020-01-0{number} 12:00:00</wp:comment_date>
<wp:comment_content><![CDATA[{comment}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type>
<wp:comment_parent>0</wp:comment_parent></wp:comment></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Mixed</title><link>http://example.org</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version>{"".join(items)}</channel></rss>
"""


@pytest.fixture(scope="module")
def mixed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("mixed")
    (archive / "mixed.xml").write_text(wxr(POSTS), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("mixed-index")
    report = index_archive([archive], index_dir)
    assert not report.failed
    return index_dir


def titles(index_dir: Path, text: str) -> list[str]:
    result = ArchiveIndex.open(index_dir).search(build_request(text))
    return [hit.post_title for hit in result.hits]


@pytest.mark.parametrize("word", ["编译器", "内存", "程序", "机器码"])
def test_a_chinese_word_inside_a_sentence_is_found_and_marked(mixed_index: Path, word: str) -> None:
    result = ArchiveIndex.open(mixed_index).search(build_request(word))
    assert result.hits and {hit.post_title for hit in result.hits} == {"编译器笔记"}
    assert f"<mark>{word}</mark>" in result.hits[0].snippet


def test_each_post_is_stemmed_in_its_own_language(mixed_index: Path) -> None:
    assert titles(mixed_index, "Polizist") == ["Die Polizei und die Häuser"]  # "Polizisten"
    assert titles(mixed_index, "Haus") == ["Die Polizei und die Häuser"]  # "Häuser"
    assert titles(mixed_index, "policière") == ["Les policières du quartier"]
    assert titles(mixed_index, "houses") == ["Policing the neighbourhood"]  # "house"
    assert titles(mixed_index, "hauser") == ["Die Polizei und die Häuser"]  # accents folded


def test_language_is_detected_not_declared_and_filters(mixed_index: Path) -> None:
    assert titles(mixed_index, "language:zh 内存") == ["编译器笔记"] * 2  # post, comment
    assert titles(mixed_index, "language:german Polizei") == ["Die Polizei und die Häuser"] * 2
    assert titles(mixed_index, "language:en Polizei") == []
    result = ArchiveIndex.open(mixed_index).search(build_request("language:klingon police"))
    assert any("language:klingon ignored" in warning for warning in result.warnings)


def test_explain_names_the_languages_searched(mixed_index: Path) -> None:
    result = ArchiveIndex.open(mixed_index).search(build_request("Polizisten"))
    assert result.parsed_query.endswith("languages: de, en, fr, zh]")
    # German stems it "polizist", the others leave it whole; only what the index holds stays
    assert "text:polizist" in result.parsed_query and "polizisten" not in result.parsed_query


def test_explain_names_the_common_words_not_required(mixed_index: Path) -> None:
    result = ArchiveIndex.open(mixed_index).search(build_request("die Polizisten und the officers"))
    assert result.parsed_query.endswith("  [common words, not required: die, und, the]")
    searched = result.parsed_query.split("  [")[0]
    assert "text:polizist" in searched and ":die" not in searched and ":the" not in searched
    phrase = ArchiveIndex.open(mixed_index).search(build_request('"the street" the houses'))
    assert phrase.hits and phrase.parsed_query.endswith("[common words, not required: the]")
    plain = ArchiveIndex.open(mixed_index).search(build_request("Polizisten"))
    assert "common words" not in plain.parsed_query


def test_a_name_finds_that_persons_comments_first(mixed_index: Path) -> None:
    for name in ("bebopper76", "Jürgen Weber", "Amelie Durand"):
        result = ArchiveIndex.open(mixed_index).search(build_request(name))
        assert result.hits[0].section == "comment"
        assert result.hits[0].author.replace("é", "e") == name.replace("é", "e")


def test_cli_chinese_word_and_exclusion_only(mixed_index: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(main, ["query", "内存", "--index", str(mixed_index)])
    assert found.exit_code == 0 and "**内存**" in found.stdout
    excluded = runner.invoke(main, ["query", "--json", "--index", str(mixed_index), "--", "-内存"])
    assert excluded.exit_code == 0, excluded.output
    assert '"total": 6' in excluded.stdout  # 8 passages, the two that say 内存 left out


def test_web_api_chinese_word_exclusion_and_name(mixed_index: Path) -> None:
    with TestClient(create_app(mixed_index)) as client:
        found = client.get("/api/search", params={"q": "编译器"}).json()
        assert found["total"] == 2 and "<mark>编译器</mark>" in found["hits"][0]["snippet"]
        excluded = client.get("/api/search", params={"q": "-police"}).json()
        # 8 passages less the English post and comment ("Policing" is stemmed as
        # police is) and the French comment
        assert excluded["total"] == 5
        assert "Policing the neighbourhood" not in {h["post_title"] for h in excluded["hits"]}
        assert not any("<mark>" in hit["snippet"] for hit in excluded["hits"])  # nothing flipped
        assert any("only exclusions" in warning for warning in excluded["warnings"])
        named = client.get("/api/search", params={"q": "bebopper76"}).json()
        assert named["hits"][0]["author"] == "bebopper76"


@settings(max_examples=80, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_words_copied_from_a_passage_find_it_in_any_language(
    mixed_index: Path, data: st.DataObject
) -> None:
    copied_words_find_their_passage(ArchiveIndex.open(mixed_index), data)
