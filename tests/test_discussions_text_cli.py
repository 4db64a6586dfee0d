"""The discussions of test_discussions_cli.py saved as text (w3m's rendering,
tests/fixtures/discussions/text/) through the real CLI: markup is gone, so a forum post's
header line, a "Kommentar von" line or a link aggregator's "N points" line must still give
each reply its author and date, and a member's profile lines are never a name or text."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.test_discussions_cli import DISCUSSIONS, cli, hits

TEXT = DISCUSSIONS / "text"
Comment = tuple[str, str, str]  # author, date ("" unknown), a phrase of its text
# file -> (post author, post date, a phrase of the post, comments in page order)
FAMILIES: dict[str, tuple[str, str, str, list[Comment]]] = {
    "phpbb-prosilver-de": (
        "Hortensia", "2010-12-08T10:56", "Unser alter Boskoop trägt kaum noch",
        [("Baumwart", "2010-12-08T14:20", "Bei frostfreiem Wetter kannst du jetzt schneiden"),
         ("Hortensia", "2010-12-09T08:05", "dann fange ich am Wochenende")],
    ),
    "discourse-crawler": (
        "peapod (Pam Dodd)", "2018-08-02T07:40", "half my cherry tomatoes have split open",
        [("compostking", "2018-08-02T11:15", "Water evenly every morning during dry spells"),
         ("peapod (Pam Dodd)", "2018-08-03T18:30", "I will set up a drip hose")],
    ),
}  # fmt: skip
# The other families' text renderings are not read right yet (README.md, "Left").
NEVER_INDEXED = ("Registriert", "Beiträge", "Beitragvon", "Moderatorin", "Benutzeravatar")


@pytest.fixture(scope="module")
def text_index(tmp_path_factory: pytest.TempPathFactory) -> str:
    pages = tmp_path_factory.mktemp("text")
    for name in FAMILIES:
        shutil.copy(TEXT / f"{name}.txt", pages)
    index = str(tmp_path_factory.mktemp("index") / "index")
    summary = cli("index", str(pages), "--index", index)
    assert (summary["posts"], summary["failed"]) == (len(FAMILIES), [])
    return index


def _thread(index: str, post: dict[str, Any]) -> list[dict[str, Any]]:
    found = [
        hit for hit in hits(index, "", "--section", "comment") if hit["post_id"] == post["post_id"]
    ]
    return sorted(found, key=lambda hit: int(hit["anchor"].split("-")[1]))


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_text_post_and_replies_with_their_authors_and_dates(text_index: str, name: str) -> None:
    author, date, phrase, comments = FAMILIES[name]
    [post] = hits(text_index, f'"{phrase}"', "--section", "post")
    assert (post["author"], post["date"] or "") == (author, date)
    thread = _thread(text_index, post)
    assert [(hit["author"], hit["date"] or "") for hit in thread] == [
        (who, when) for who, when, _ in comments
    ]
    for hit, (_, _, said) in zip(thread, comments, strict=True):
        [found] = hits(text_index, f'"{said}"')
        assert found["id"] == hit["id"]


def test_text_profile_lines_and_controls_are_never_indexed(text_index: str) -> None:
    assert {word: len(hits(text_index, f'"{word}"')) for word in NEVER_INDEXED} == dict.fromkeys(
        NEVER_INDEXED, 0
    )
