"""Names of weekdays and months as pages print them: declared once, for every reader.

Each reader takes the languages and forms it can use: a date's weekday settles its order
only in English and German (French "mar" is also English "Mar", March); a name's trailing
weekday ("Hella, Sa") is cut in the abbreviations of three languages; dates in text are
read in ten languages' month names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Monday first; each day's full name, then its abbreviations.
WEEKDAYS = {
    "en": (
        ("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "wed"),
        ("thursday", "thurs", "thur", "thu"), ("friday", "fri"), ("saturday", "sat"),
        ("sunday", "sun"),
    ),
    "de": (
        ("montag", "mo"), ("dienstag", "di"), ("mittwoch", "mi"), ("donnerstag", "do"),
        ("freitag", "fr"), ("samstag", "sa"), ("sonntag", "so"),
    ),
    "fr": (
        ("lundi", "lun"), ("mardi", "mar"), ("mercredi", "mer"), ("jeudi", "jeu"),
        ("vendredi", "ven"), ("samedi", "sam"), ("dimanche", "dim"),
    ),
}  # fmt: skip

# January first, as written (accents and all); Polish and Russian dates name the month in
# the genitive ("3 maja", "3 мая").
MONTHS = {
    "en": "january february march april may june july august september october november december",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}
# Other spellings pages use: Austrian "Jänner", German without umlauts, short forms.
MONTH_VARIANTS = {"jänner": 1, "jaenner": 1, "maerz": 3, "mrz": 3, "sept": 9}


def fold(word: str) -> str:
    """Lower case without accents: "Février" -> "fevrier"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def weekday_names(languages: Iterable[str], *, full: bool = True, short: bool = True) -> list[str]:
    """The languages' weekday names (full, abbreviated or both), longest first."""
    names = {
        name
        for language in languages
        for day in WEEKDAYS[language]
        for name in (day[:1] if full else ()) + (day[1:] if short else ())
    }
    return sorted(names, key=lambda name: (-len(name), name))


def weekday_numbers(languages: Iterable[str]) -> dict[str, int]:
    """Each name of a weekday -> its number, Monday 0 (``datetime.weekday``)."""
    return {
        name: number
        for language in languages
        for number, names in enumerate(WEEKDAYS[language])
        for name in names
    }


def month_names(languages: Iterable[str]) -> list[tuple[int, str]]:
    """(month number, full name as written) of the languages' months."""
    return [
        (number, name)
        for language in languages
        for number, name in enumerate(MONTHS[language].split(), start=1)
    ]
