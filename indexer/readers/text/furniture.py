"""What page furniture looks like once a page is rendered as text.

Menus, widgets, share buttons, forms and footers lose their markup in a text
rendering, but keep their shape: short lines, bullet items of a few words,
bracketed form fields ("[Senden]", "[ ]"), rules, and stock phrases in the
page's language. Nothing here knows any one site; only the shapes.
"""

from __future__ import annotations

import re

from indexer.readers.commentwords import PROFILE_LABEL_RE

# "1. " numbers an item, but "2. Februar 2020" is a date.
BULLET_RE = re.compile(
    r"^\s*(?:[•◦▪▸►○●□■✓☆★◆◇➤-]|\d{1,3}\.(?!\s+[^\W\d_]{3,10}\.?,?\s+\d{4})|\*)\s+"
)
_FORM_FIELD_RE = re.compile(r"^\s*(?:\[[^\]]*\]|\([ *x]?\)|<[^>]*>|\*)\s*\S{0,20}\s*$")
_WIDGET_BULLET_RE = re.compile(r"^\s*[•◦▪□■☆★●]\s")
_BRACKET_RE = re.compile(r"\[[^\]]{0,40}\]")
_RULE_RE = re.compile(r"^\s*[━─═_=*~·-]{5,}\s*$")
# Stock phrases of page furniture in the languages of the eval and beyond: a
# line that *is* one of these (or starts with one) is never post text.
_FURNITURE_RE = re.compile(
    r"^\s*(?:leave a (?:reply|comment)|post a comment|add (?:a )?comment|write a comment|"
    r"schreibe? (?:einen|deinen) kommentar|kommentar (?:verfassen|schreiben|hinzufügen)|"
    r"hinterlasse (?:einen|eine)? ?(?:kommentar|antwort)|leave a response|"
    r"deine e-mail-adresse wird nicht|your email address|"
    r"ihre e-mail-adresse wird nicht|erforderliche felder|required fields|"
    r"antworten abbrechen|cancel reply|share this|teilen mit|diesen beitrag teilen|"
    r"bitte teile|share on|share:?$|teilen:?$|tweet$|like this:?$|gefällt mir|"
    r"related(?: posts| articles)?:?$|ähnliche beiträge|das könnte (?:dich|sie) auch|"
    r"you (?:might|may) also like|auch interessant|mehr zum thema|weitere artikel|"
    r"newsletter|abonnieren|subscribe|folge (?:uns|mir)|follow (?:us|me)|"
    r"copyright|©|all rights reserved|alle rechte vorbehalten|impressum|datenschutz|"
    r"privacy policy|cookie|we use cookies|wir verwenden cookies|"
    r"skip to (?:content|main)|zum inhalt springen|toggle navigation|menü$|menu$|"
    r"search$|suche$|suchen$|previous post|next post|vorheriger beitrag|nächster beitrag|"
    r"zurück$|weiter$|nach oben$|back to top$|« |← |→ |posted in|veröffentlicht in|"
    r"filed under|kategorien?:|labels?:|kommentar veröffentlichen|"
    r"categories:|tags?:|schlagwörter:|schlagworte:|permalink|loading\.\.\.|"
    r"notify me|benachrichtige mich|comments are closed|kommentare sind geschlossen|"
    r"%d bloggers like this|powered by|proudly powered|theme by|werbung$|anzeige$|advertisement$)",
    re.I,
)


def is_blank(line: str) -> bool:
    return not line.strip()


def is_form_field(line: str) -> bool:
    text = line.strip()
    if text.startswith("[") and "]" in text:  # "[Senden]", "[ ] Notify me"; "[1] A note." is text
        inside = text[1 : text.index("]")].strip()
        return inside in {"", "x", "X", "*"} or words(text[text.index("]") + 1 :]) <= 3
    return bool(_FORM_FIELD_RE.match(line)) or text.startswith(("( )", "(*)"))


def is_rule(line: str) -> bool:
    return bool(_RULE_RE.match(line))


def is_furniture(line: str) -> bool:
    """A stock furniture line, a form field or a rule."""
    return bool(_FURNITURE_RE.match(line)) or is_rule(line) or is_form_field(line)


def is_widget(line: str) -> bool:
    """A menu item, a form field or a rule: the web page's own furniture."""
    return bool(_WIDGET_BULLET_RE.match(line)) or is_form_field(line) or is_rule(line)


def words(line: str) -> int:
    return len(_BRACKET_RE.sub(" ", line).split())


def is_prose(line: str) -> bool:
    """A line of running text: long, many words, with sentence punctuation."""
    text = BULLET_RE.sub("", line).strip()
    return len(text) >= 60 and words(text) >= 9 and bool(re.search(r"[.!?,;:]", text))


def is_profile_line(line: str) -> bool:
    """A forum member's profile data beside a post ("Beiträge: 87", "Joined: Jan 2014",
    a bare "Join Date" over its value): never a header, a name or a comment's text."""
    return bool(PROFILE_LABEL_RE.match(BULLET_RE.sub("", line).strip()))


def profile_value(lines: list[str], index: int, start: int) -> bool:
    """The value line under a bare profile label ("Join Date" / "    Mar 2008")."""
    above = next((i for i in range(index - 1, start - 1, -1) if lines[i].strip()), None)
    if above is None or not is_profile_line(lines[above]):
        return False
    label = BULLET_RE.sub("", lines[above]).strip()
    match = PROFILE_LABEL_RE.match(label)
    return match is not None and match.end() >= len(label.rstrip(":"))
