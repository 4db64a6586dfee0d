"""A name as the page shows it: every reader's last word on a commenter's or author's name.

Comment templates print furniture around the name, and a reader that takes the name's
container takes it too: "Swantje Bernsmann on 16/08/2020 at 12:58 Antworten", "Martin
Mair3. Februar 2020 um 9:46Permalink", "Jeremy Banks says:", "JensDey dabei seit 01/2016
Fotos Videos", "geschrieben von GeorgQuaas", "Roberto Roberto,". ``commenter_name`` keeps
the name: a lead ("Comment by", "geschrieben von", an avatar's "Benutzerbild von"), a
"says" word, a date or time and all after it, "member since" and post counts, controls
and badges go. A text that is all furniture ("Antworten", "Daumen hoch") is no name.
``author_name`` does the same for a post's author and refuses what is no author: a date
("11 February 2020"), a widget heading ("Member List", "Sign up").

Readers pick the name's element first (each comment system's own: ``.fn``, ``cite``,
``.comment-author-name``…); this cleans what they picked, so every reader (HTML, text,
exports, and those added later) gives one facet value per person.
"""

from __future__ import annotations

import re

from indexer.core.text import clean_name
from indexer.readers.calendarwords import fold, month_names, weekday_names
from indexer.readers.commentwords import CONTROL_WORDS, SAYS_WORDS

_DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
_MONTH_WORDS = {form for _, name in month_names(_DATE_LANGUAGES) for form in (name, fold(name))} | {
    "jänner",
    "maerz",
}
_MONTH = (
    "(?:"
    + "|".join(sorted(_MONTH_WORDS | {word[:3] for word in _MONTH_WORDS}, key=len, reverse=True))
    + r")\.?"
)
_WEEKDAY = rf"(?:{'|'.join(weekday_names(('en', 'de', 'fr')))})\.?,?\s*"
_DATE = (
    rf"(?:{_WEEKDAY})?(?:"
    # 16/08/2020, 18. 05. 2014, 2020-04-09, 17.07, 2011
    r"(?<!\d)\d{1,4}[./-]\s?\d{1,2}(?:[./-]|\.?,)\s?\d{2,4}(?!\d)"
    rf"|(?<!\d)\d{{1,2}}(?:\.|st|nd|rd|th|er)?\s*(?:de\s+)?{_MONTH}(?![^\W\d_])"  # 3. Februar
    rf"|(?<![^\W\d_]){_MONTH}\s+\d{{1,2}}(?!\d)"  # January 20
    r"|(?<!\d)\d{1,2}[:h]\d{2}(?!\d)"  # 12:58, 18h20
    r"|\b(?:vor|il y a|hace)\s+(?:\d+|einem|einer|zwei|drei)\s+\w+"
    r"|\b(?:\d+|an?|one|two|three)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r")"
)
# What stands between a name and its date: "on", "am", "|", ",", "schrieb am" …
_JOINT = (
    r"(?:\s*(?:[,|/·•@–—-]|\b(?:on|am|at|um|le|el|il|op|em|den|vom|the|posted|published|"
    r"updated|aktualisiert|veröffentlicht|publiziert|schrieb|wrote|geschrieben|commented|"
    r"kommentierte)\b:?))*"
)
_FROM_DATE_RE = re.compile(rf"{_JOINT}\s*{_DATE}.*$", re.I | re.S)
_LEAD_RE = re.compile(
    r"^(?:(?:view|show|see|zeige|alle)\s+(?:all\s+|alle\s+)?(?:posts|beiträge|artikel)\s+"
    r"(?:by|von)|(?:comments?|kommentare?|antwort|reply|answer|posted|written|published|submitted|geschrieben|verfasst|"
    r"eingestellt|veröffentlicht)\s+(?:by|von|from)|(?:avatar|benutzerbild|profilbild|"
    r"profile (?:picture|photo|image)|photo|foto|bild|image)(?:\s+(?:of|von|de|for|für))?|"
    r"by|von|par|por):?\s+(?=\S)",
    re.I,
)
_MEMBER_RE = re.compile(
    r"\s*(?:\b(?:member since|mitglied seit|dabei seit|registriert seit|registered|joined)\b|"
    r"\b(?:beiträge|posts|messages|nachrichten):\s*\d|"
    r"\b\d+\s+(?:beiträge|posts?|comments?|kommentare|messages|nachrichten)\b).*$",
    re.I | re.S,
)
_SAYS_RE = re.compile(
    rf"\s*(?:\b(?:{SAYS_WORDS})\s*(?::|\.\.\.|…)|\b(?:says|sagt|schreibt|schrieb|meint)\s*$).*$",
    re.I | re.S,
)
_CONTROLS = rf"{CONTROL_WORDS}|likes|fotos|videos|profil|profile"
_TRAILING_CONTROL_RE = re.compile(rf"(?:[\s|·•,()\[\]]*\b(?:{_CONTROLS}))+[\s|·•,()\[\]]*$", re.I)
_BADGE_RE = re.compile(
    r"(?:\s*[|·•–—-]\s*|\s+)(?:post author|beitragsautor(?:in)?|site admin|author|autor(?:in)?|"
    r"admin|administrator|moderator(?:in)?|verified(?: buyer)?|verifiziert|top commenter|"
    r"editor|redaktion|staff)[\s|·•]*$",
    re.I,
)
# Drupal marks a name typed by a visitor without an account: "Hamid (not verified)".
_UNVERIFIED_RE = re.compile(
    r"\s*\((?:not verified|nicht überprüft|nicht verifiziert|non vérifié|no verificado|"
    r"non verificato|niet geverifieerd)\)\s*$",
    re.I,
)
_EDGES = " \t,;:|/·•@–—-([{"
_LEADING_EDGES = " \t,;:|/·•([{"  # "-thh", "@name": a dash or at sign may be the name's
# Texts that are all furniture: no name at all.
_NOT_A_NAME_RE = re.compile(
    rf"^(?:(?:{_CONTROLS}|daumen hoch|daumen runter|thumbs up|thumbs down|\d+)\W*)+$|"
    r"^(?:last reply was|publiziert|veröffentlicht|(?:published|posted|updated)(?: on| at)?|"
    r"aktualisiert|"
    r"anzeige|werbung|advertisement|avatar|benutzerbild|profilbild|kommentar|comment|"
    r"kommentare|comments|antworten|replies)$",
    re.I,
)
# Headings and controls a byline reader can mistake for a post's author.
_NOT_AN_AUTHOR_RE = re.compile(
    r"^(?:member list|mitgliederliste|sign up|sign in|log in|login|logout|register|"
    r"registrieren|anmelden|e-?mail|reference|references|home|startseite|menu|menü|search|"
    r"suche|share|teilen|contact|kontakt|recent posts|neueste beiträge|archives?|archiv|"
    r"categories|kategorien|tags|about|über uns|impressum|privacy policy|datenschutz|"
    r"uncategorized|allgemein|news|blog|newsletter|subscribe|abonnieren|follow us|"
    r"recipes?|rezepte|more|mehr|read more|weiterlesen|\W*)$",
    re.I,
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_MAX_NAME_CHARS = 80
_MAX_NAME_WORDS = 7  # "Liz That Skinny Chick Can Bake" is a name; a sentence is not
# A weekday left behind the name: "Hella, Sa" (its date on the next line),
# "Andjela GligorijevicMittwoch" (run together by a rendering).
_WEEKDAY_TAIL_RE = re.compile(
    rf"(?:\s*[,|·•–—-]\s*(?:{'|'.join(weekday_names(('en', 'de', 'fr'), full=False))})\.?|"
    rf"(?<=[a-zäöüß])(?:{'|'.join(weekday_names(('en', 'de'), short=False))}))\s*$",
    re.I,
)
_GLUED_CONTROL_RE = re.compile(r"(?<=[a-zäöüß])(?-i:Submit|Antworten|Reply|Permalink)$")


def commenter_name(text: str) -> str:
    """The commenter's name in ``text`` (a name element's or a header line's text)."""
    name = _cleaned(text)
    if _NOT_A_NAME_RE.match(name) or len(name) > _MAX_NAME_CHARS:
        return ""
    return "" if len(name.split()) > _MAX_NAME_WORDS else name


def author_name(text: str) -> str:
    """A post's author in ``text`` (one name or several: "A, B", "X and Y for the Z"),
    or "" when it names no person or organisation."""
    name = _cleaned(text)
    if _NOT_A_NAME_RE.match(name) or _NOT_AN_AUTHOR_RE.match(name):
        return ""
    return "" if len(name) > 2 * _MAX_NAME_CHARS else name


def _cleaned(text: str) -> str:
    name = clean_name(text)
    for _ in range(3):  # leads and tails can nest: "Kommentar von Avatar X sagt:"
        before = name
        name = _LEAD_RE.sub("", name)
        name = _MEMBER_RE.sub("", name)
        name = _cut_date(name)
        name = _SAYS_RE.sub("", name)
        name = _TRAILING_CONTROL_RE.sub("", name)
        name = _strip_badge(_UNVERIFIED_RE.sub("", name))
        name = _GLUED_CONTROL_RE.sub("", _WEEKDAY_TAIL_RE.sub("", name))
        name = name.lstrip(_LEADING_EDGES).rstrip(_EDGES)
        if name == before:
            break
    return name if _LETTER_RE.search(name) else ""


def _cut_date(name: str) -> str:
    """``name`` up to the date or time in it ("Helen on 11/08/2020 at 10:39" -> "Helen");
    a text that starts with its date names no one."""
    match = _FROM_DATE_RE.search(name)
    return name if match is None else name[: match.start()]


def _strip_badge(name: str) -> str:
    stripped = _BADGE_RE.sub("", name)
    return stripped if _LETTER_RE.search(stripped) else name
