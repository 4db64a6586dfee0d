"""Is a commenter's name, as indexed, carrying page furniture (issue 20)?

A name as the page shows it is a person's (or a linking post's) name; what comment
templates print around it is not: the date ("on 16/08/2020 at 12:58", "3. Februar 2020 um
9:46"), "says:"/"sagt:", "Reply"/"Antworten", "Permalink", badges ("Author", "Verified"),
"member since"/"dabei seit", post counts, a "Comment by" lead. ``furniture(name)`` names
the first such thing found, or returns None. It flags none of the hand-annotated names of
``comment-meta.json`` (tested), so a flag is a reader's fault, never a name's.
"""

from __future__ import annotations

import re

_MONTHS = (
    "jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz)|apr(?:il)?|ma[iy]|june?|juni|"
    "july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_DATE_DIGITS = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}:\d{2}\b"
_DATE_WORDS = rf"\d{{1,2}}\.?\s*(?:{_MONTHS})\b\.?\s*\d{{2,4}}|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b"
_RELATIVE = (
    r"\b(?:\d+|an?|one)\s+(?:years?|months?|weeks?|days?|hours?)\s+ago\b|"
    r"\bvor\s+\d+\s+(?:Jahren|Monaten|Wochen|Tagen|Stunden)\b"
)
_SAYS = r"\b(?:says|sagt|schreibt|schrieb|a écrit)\b|\b(?:said|wrote|writes|meint|dice):"
_CONTROL = (
    r"\b(?:reply|antworten|antwort|permalink|zitieren|quote|melden|report|submit|edit|"
    r"bearbeiten|log in|anmelden)\b|submit$"
)
_MEMBER = (
    r"\b(?:member since|joined|dabei seit|mitglied seit|registriert seit)\b|\bfotos\s+videos\b"
)
_COUNT = (
    r"\b\d+\s+(?:posts?|beiträge|comments?|kommentare|messages?|nachrichten)\b|"
    r"\b(?:posts|beiträge):\s*\d"
)
_LEAD = r"^(?:comment|kommentar|posted|geschrieben)\s+(?:by|von)\b"
_KINDS = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("date", _DATE_DIGITS),
        ("date", _DATE_WORDS),
        ("date", _RELATIVE),
        ("says", _SAYS),
        ("control", _CONTROL),
        ("member since", _MEMBER),
        ("post count", _COUNT),
        ("lead", _LEAD),
    )
)
# A badge beside a name ("Jane Doe Author"); the word alone may be a real display name.
_BADGE = re.compile(
    r"\b(?:author|autor(?:in)?|admin(?:istrator)?|moderator(?:in)?|verified|verifiziert|"
    r"top commenter|editor|redaktion|staff|mod)\s*$",
    re.I,
)


def furniture(name: str) -> str | None:
    """What page furniture ``name`` carries ("date", "says", ...), None when it is clean."""
    text = " ".join(name.split())
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    if len(text.split()) > 1 and _BADGE.search(text):
        return "badge"
    return None
