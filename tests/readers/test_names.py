"""``readers/names.py``: a name as the page shows it, whatever the reader took around it.
The dirty names are those the readers indexed from the html-eval pages and their text
renderings before issue 20 (and the issue's examples); the clean ones are names those
pages show, which must come through unchanged."""

from __future__ import annotations

import pytest

from indexer.readers.names import author_name, commenter_name


@pytest.mark.parametrize(
    ("taken", "name"),
    [
        ("Swantje Bernsmann on 16/08/2020 at 12:58 Antworten", "Swantje Bernsmann"),
        ("Tina on 12/08/2020 at 3:57 Antworten", "Tina"),
        ("JensDey dabei seit 01/2016 Fotos Videos", "JensDey"),
        ("Martin Mair3. Februar 2020 um 9:46Permalink", "Martin Mair"),
        ("Jeremy Banks says: January 20, 2020 at 11:27 am", "Jeremy Banks"),
        ("Heidemarie Heim | Di, 21. April 2020 - 16:40", "Heidemarie Heim"),
        ("geschrieben von GeorgQuaas am 21. Jan. 2015, 21:03", "GeorgQuaas"),
        ("Nicolai11 schrieb:", "Nicolai11"),
        ("Roberto Roberto,", "Roberto Roberto"),
        ("Hella, Sa", "Hella"),
        ("Hella, Thurs", "Hella"),  # every abbreviation of calendarwords' table
        ("Ana Souza 3 de novembro de 2019 às 10:12", "Ana Souza"),  # each language's 12 months
        ("Marie Dupont, jeudi 12 mars 2020", "Marie Dupont"),
        ("Andjela GligorijevicMittwoch", "Andjela Gligorijevic"),
        ("Avatar Amber", "Amber"),
        ("Benutzerbild von Marianne1", "Marianne1"),
        ("Comment by X — 17.07, 2011 @ 13:04", "X"),
        ("Comments by Rudi", "Rudi"),
        ("Moira said...", "Moira"),
        ("Dave 1234 Beiträge", "Dave"),
        ("Erin • Author", "Erin"),
        ("Zeige alle Beiträge von mywakenews", "mywakenews"),
        ("View all posts by Ann Lee", "Ann Lee"),
    ],
)
def test_furniture_around_a_name_goes(taken: str, name: str) -> None:
    assert commenter_name(taken) == name


@pytest.mark.parametrize(
    "name",
    ["-thh", "admin", "Dr. Webbaer", "Georg N.", "Unbekannter Nutzer", "Qaboos bin Said",
     "Verifizierte/r Tierfreund/in", "Rowena @ rolala loves", "Liz That Skinny Chick Can Bake",
     "Marie-Theres Schindler", "janina271282", "Anonymous", "Do"],
)  # fmt: skip
def test_a_name_as_shown_is_kept(name: str) -> None:
    assert commenter_name(name) == name


@pytest.mark.parametrize(
    "taken",
    ["Daumen hoch0Daumen runter", "Last reply was", "Publiziert", "Antworten",
     "16/08/2020 12:58", "Create a commenting name to join the debateSubmit", "Posted on"],
)  # fmt: skip
def test_furniture_alone_is_no_name(taken: str) -> None:
    assert commenter_name(taken) == ""


def test_a_posts_author_is_never_a_date_or_a_widget_heading() -> None:
    assert author_name("11 February 2020") == ""
    assert author_name("Member List") == ""
    assert author_name("Sign up") == ""
    assert author_name("Reuters Updated: January 16, 2020") == "Reuters"
    # Several authors, and a long credit line, stay whole.
    assert author_name("David Brand, Ramsey Khalifeh") == "David Brand, Ramsey Khalifeh"
    credit = "Glen Owen And Brendan Carlin For The Mail On Sunday"
    assert author_name(credit) == credit
