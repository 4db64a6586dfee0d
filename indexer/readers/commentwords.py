"""Words comment threads are written with, in the languages of WordPress's language packs:
shared by the HTML reader (``comments.py``) and the text reader (``textcomments.py``).

"NAME says:" (de ``sagt:``, fr ``dit :``, es ``dice:``, it ``ha detto:``, pt ``disse:``,
nl ``zegt:``/``schreef:``, pl ``pisze:``, ru ``говорит:``, sv ``skriver:``; Blogger's
"NAME said..."), the prefix of a pingback or trackback ("Pingback:", fr "Rétrolien :"),
and the controls under a comment ("Reply", "Antworten", "Rispondi" …).
"""

from __future__ import annotations

import re

SAYS_WORDS = (  # Blogger's German "hat gesagt…" before "sagt" (leftmost wins)
    r"hat gesagt|hat geschrieben|says|said|sagt|schreibt|meint|writes|wrote|dit|a dit|dice|"
    r"escribió|ha detto|scrive|"
    r"disse|diz|zegt|schreef|pisze|napisał|говорит|пишет|skriver|siger|sier|sanoo|napsal|říká"
)
# A says word ending a name ("Greta sagt:", "Moira said...").
SAYS_END_RE = re.compile(rf"\s+(?:{SAYS_WORDS})\s*(?::|\.\.\.|…)?\s*$", re.IGNORECASE)
# Old themes' words before a commenter's name ("Kommentar von <cite>Sabine</cite>").
BY_WORDS = (
    r"kommentar\s+von|comment\s+by|commented\s+by|comment\s+from|commentaire\s+de|"
    r"comentario\s+de|commento\s+di|reactie\s+van|komentarz\s+od"
)
# Labels of a member's profile data beside a forum post, in the forum engines' languages.
PROFILE_LABEL_RE = re.compile(
    r"^(?:join(?:ed|\s+date)|registered|registriert|mitglied\s+seit|dabei\s+seit|posts?|"
    r"beiträge|messages|threads|themen|reputation|reaction\s+score|points|location|wohnort|"
    r"ort|inscrit|inscription|registrado|mensajes|iscritto|messaggi|dołączył|posty|"
    r"зарегистрирован|сообщений|сообщения)(?-i:(?![a-z]))\s*:?",
    re.IGNORECASE,
)
PING_WORDS = r"pingback|trackback|rétrolien|retrolien|пингбэк|уведомление"
# WordPress writes a pingback's text as "[…] excerpt […]": old themes list it as a comment.
PING_EXCERPT_RE = re.compile(r"\[(?:…|\.\.\.)\][^\[\]]{10,}\[(?:…|\.\.\.)\]\s*$")
PING_PREFIX_RE = re.compile(rf"^\s*(?:{PING_WORDS})\s*:\s*", re.IGNORECASE)
# Controls under a comment ("Antworten", fr "Répondre", it "Rispondi", es "Responder" …).
REPLY_WORDS = (
    r"reply|antworten|répondre|repondre|responder|rispondi|responda|beantwoorden|reageren|"
    r"odpowiedz|ответить|svara|svar|besvar|vastaa|odpovědět"
)
EDIT_WORDS = r"edit|bearbeiten|modifier|editar|modifica|bewerken|edytuj|изменить|redigera"
# Every control printed beside a comment, in the pages' languages: each reader adds its own
# (a name's "Fotos Videos" links, a thread's "Show more", a forum's "Multi-Quote").
CONTROL_WORDS = (
    rf"{REPLY_WORDS}|{EDIT_WORDS}|antwort|permalink|permanenter link|melden|zitieren|quote|"
    r"report|like|gefällt mir|löschen|delete|share|teilen|link"
)

# A linking page's title: "Post | Site", "Post « Site", "Post – Site"; old WordPress
# titles put the site first ("Site » Post").
_SHORTEST_ECHO = 8  # characters of a subject line taken as the text's own beginning
_PING_SITE_SEPARATORS = (" | ", " « ", " – ", " - ", " » ")


def ping_title_site(title: str) -> tuple[str, str]:
    """The post title and the site name in a pingback's link text ("" when it names none)."""
    separator = next((sep for sep in _PING_SITE_SEPARATORS if sep in title), "")
    if not separator:
        return title, ""
    if separator == " » ":
        site, post_title = title.split(separator, 1)
    else:
        post_title, site = title.rsplit(separator, 1)
    return post_title.strip(), site.strip()


def without_echoed_subject(text: str) -> str:
    """A comment's text without a subject line that only repeats its first words (Drupal
    titles a comment typed without a subject with its first 29 characters); a subject of
    its own ("Heating in block A") is what the commenter wrote and stays."""
    first, newline, rest = text.partition("\n")
    head, rest = first.strip(), rest.lstrip()
    if newline and len(head) >= _SHORTEST_ECHO and rest.startswith(head):
        return rest
    return text
