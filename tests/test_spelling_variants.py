"""Words as people spell them (issue 24), through a real index: a hyphenated compound
and its joined form find each other ("e-mail" and "email", "Wi-Fi" and "wifi") without
the compound matching its parts alone, German "ue" finds "ü", phrases stay exact, and
the snippets mark what matched. The archive is a WXR export written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import ArchiveIndex, build_request, index_archive
from tests.test_languages import wxr

POSTS = [
    (
        "Hyphenated",
        "Send me an e-mail with the Wi-Fi password.",
        "Ann",
        "My e-mail address changed last week.",
    ),
    (
        "Joined",
        "Send me an email with the wifi password.",
        "Bob",
        "Your email address is on the list.",
    ),
    (
        "Postal",
        "The mail arrived late again, and the postman blamed the weather for it.",
        "Cid",
        "Our mail comes at noon.",
    ),
    (
        "Überforderung im Alltag",
        "Die Überforderung im Alltag ist für viele Menschen in der Stadt ein großes "
        "Thema geworden, und die Gespräche darüber werden jeden Tag länger und ernster.",
        "Dora",
        "Das kenne ich gut aus meiner eigenen Familie und von meinen Nachbarn.",
    ),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("variants")
    (archive / "variants.xml").write_text(wxr(POSTS), encoding="utf-8")
    target = tmp_path_factory.mktemp("variants-index")
    assert not index_archive([archive], target).failed
    return target


def hits(index_dir: Path, text: str) -> list[tuple[str, str, str]]:
    """(post title, section, snippet) of every hit."""
    result = ArchiveIndex.open(index_dir).search(build_request(text, per_page=50))
    return sorted((hit.post_title, hit.section, hit.snippet) for hit in result.hits)


def test_a_compound_finds_its_joined_form_and_not_its_parts(index_dir: Path) -> None:
    expected = [
        (
            "Hyphenated",
            "comment",
            "My <mark>e-mail</mark> address changed last week.",
        ),
        (
            "Hyphenated",
            "post",
            "Send me an <mark>e-mail</mark> with the Wi-Fi password.",
        ),
        ("Joined", "comment", "Your <mark>email</mark> address is on the list."),
        (
            "Joined",
            "post",
            "Send me an <mark>email</mark> with the wifi password.",
        ),
    ]
    assert hits(index_dir, "e-mail") == expected
    assert hits(index_dir, "email") == expected
    assert [title for title, _, _ in hits(index_dir, "wifi")] == ["Hyphenated", "Joined"]
    assert [title for title, _, _ in hits(index_dir, "Wi-Fi")] == ["Hyphenated", "Joined"]


def test_a_part_alone_still_finds_the_compound(index_dir: Path) -> None:
    found = hits(index_dir, "mail")
    assert [(title, section) for title, section, _ in found] == [
        ("Hyphenated", "comment"),
        ("Hyphenated", "post"),
        ("Postal", "comment"),
        ("Postal", "post"),
    ]
    assert found[0][2] == "My e-<mark>mail</mark> address changed last week."


def test_a_phrase_with_a_compound_finds_both_spellings_exactly(index_dir: Path) -> None:
    expected = [
        ("Hyphenated", "comment", "My <mark>e-mail address</mark> changed last week."),
        ("Joined", "comment", "Your <mark>email address</mark> is on the list."),
    ]
    assert hits(index_dir, '"e-mail address"') == expected
    assert hits(index_dir, '"email address"') == [expected[1]]  # the joined form as typed
    assert hits(index_dir, '"e mail address"') == [expected[0]]
    # The parts keep their positions: a phrase of a part finds the compound, as "mail" does.
    assert hits(index_dir, '"mail address"') == [
        ("Hyphenated", "comment", "My e-<mark>mail address</mark> changed last week.")
    ]
    assert [title for title, _, _ in hits(index_dir, '"the Wi-Fi password"')] == [
        "Hyphenated",
        "Joined",
    ]
    assert hits(index_dir, '-"e-mail address" address') == []


def test_german_ue_finds_u_umlaut_and_marks_both(index_dir: Path) -> None:
    expected = [
        (
            "Überforderung im Alltag",
            "post",
            "Die <mark>Überforderung</mark> im Alltag ist für viele Menschen in der Stadt",
        )
    ]
    assert hits(index_dir, "Ueberforderung") == expected
    assert hits(index_dir, "Überforderung") == expected
    assert hits(index_dir, "Uberforderung") == expected  # accents were always folded
    assert [title for title, _, _ in hits(index_dir, "laenger")] == ["Überforderung im Alltag"]
    result = ArchiveIndex.open(index_dir).search(build_request("Ueberforderung"))
    assert result.suggestion is None
