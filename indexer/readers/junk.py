"""Junk is not post text: what a page holds that no one wrote as a post or comment.

Every reader's posts pass here on their way to the index (``build/parsing.py``), so a
reader added later is covered too. Removed from every passage:

- **server error dumps**: PHP's "Strict Standards: … in /path/file.php on line 785",
  "Warning:", "Fatal error:", "Deprecated:", "Notice:" (a broken plugin prints them
  into the page, dozens at a time);
- **script and JSON blobs**: a paragraph that is a script's source or a data object
  ("(function() { document.addEventListener(…", "{"@context": …"), which a saved page
  shows when its script ran into the text;
- **private-use characters**: icon fonts' glyphs (``\\ue192``), boxes to a reader;
- **cookie banners**: "We use cookies …", "This feature is not available with your
  current cookie settings".

A post whose body (post and quote passages) was mostly junk is reported; when what is
left is too little to be a post (under 150 words), it is not indexed.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.core.models import Passage, Post, Section

_PHP_RE = re.compile(
    r"(?:<b>)?\b(?:Strict Standards|Warning|Fatal error|Parse error|Catchable fatal error|"
    r"Deprecated|Notice)(?:</b>)?\s*:\s[^\n]*?(?:\n[^\n]*?){0,3}?\.php(?:</b>)?\s+on\s+line\s+"
    r"(?:<b>)?\d+(?:</b>)?[ \t]*"
)
_PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U0010fffd]+[ \t]?")
# How a script's or a data object's source starts.
_SCRIPT_START_RE = re.compile(
    r"^\s*(?:\(\s*function\s*\(|!function\s*\(|(?:var|let|const)\s+[\w$]+\s*=|window\.|"
    r"document\.|jQuery\s*\(|\$\s*\(|googletag\.|dataLayer|_gaq|//\s*<!\[CDATA\[|"
    r"\{\s*\"[\w@$-]+\"\s*:|\[\s*\{\s*\"[\w@$-]+\"\s*:)"
)
_SCRIPT_SIGNS_RE = re.compile(r"[{}()\[\];=\"\\]")
_SCRIPT_SIGN_SHARE = 0.06  # of a paragraph's characters: prose has a few, code many
_COOKIE_RE = re.compile(
    r"\b(?:we|this (?:site|website)|our (?:site|website)|wir|diese (?:seite|website))\s+"
    r"(?:use|uses|verwenden|nutzt|nutzen|setzt|setzen|benutzt)\s+cookies\b|"
    r"\bcookie[- ]?(?:settings|einstellungen|policy|richtlinie|consent|banner|preferences|"
    r"hinweis)\b|\b(?:accept|akzeptieren|allow|zulassen)\s+(?:all\s+|alle\s+)?cookies\b|"
    r"\bconsent to (?:the use of )?cookies\b",
    re.I,
)
_LONGEST_BANNER_WORDS = 120
_MOSTLY = 0.5  # of a body's characters: more junk than text
_FEWEST_WORDS = 150  # left of a mostly junk body: less is no post
_BODY = (Section.POST, Section.QUOTE)


@dataclass
class Removed:
    """How many characters of each kind of junk were taken out of a post."""

    chars: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> None:
        if text.strip():
            self.chars[kind] = self.chars.get(kind, 0) + len(text.strip())

    @property
    def total(self) -> int:
        return sum(self.chars.values())


def clean_text(text: str, removed: Removed | None = None) -> str:
    """``text`` without junk; what was taken out is counted in ``removed``."""
    removed = removed if removed is not None else Removed()
    text = _sub(_PHP_RE, text, "server error messages", removed)
    text = _sub(_PRIVATE_USE_RE, text, "icon-font glyphs", removed)
    kept: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        kind = _junk_paragraph(paragraph)
        if kind:
            removed.add(kind, paragraph)
        else:
            kept.append(paragraph)
    return "\n\n".join(part.strip("\n") for part in kept if part.strip()).strip()


def _sub(pattern: re.Pattern[str], text: str, kind: str, removed: Removed) -> str:
    def cut(match: re.Match[str]) -> str:
        removed.add(kind, match.group(0))
        return ""

    return pattern.sub(cut, text)


def _junk_paragraph(paragraph: str) -> str:
    text = paragraph.strip()
    if not text:
        return ""
    if _SCRIPT_START_RE.match(text) and len(_SCRIPT_SIGNS_RE.findall(text)) >= max(
        4, _SCRIPT_SIGN_SHARE * len(text)
    ):
        return "script"
    if len(text.split()) <= _LONGEST_BANNER_WORDS and _COOKIE_RE.search(text):
        return "cookie banner"
    return ""


def clean_post(post: Post, warn: Callable[[str], None]) -> Post | None:
    """``post`` without junk in its title and passages; None (and a warning) when its body
    was mostly junk and too little text is left to be a post."""
    body, junk = Removed(), Removed()
    passages: list[Passage] = []
    for passage in post.passages:
        removed = junk if passage.section in _BODY else Removed()
        text = clean_text(passage.text, removed)
        if passage.section in _BODY:
            body.add("text", text)
        if text or not passage.text.strip():
            kept = passage if text == passage.text else dataclasses.replace(passage, text=text)
            passages.append(kept)
    title = clean_text(post.title)
    if junk.total and junk.total > _MOSTLY * (junk.total + body.total):
        kinds = ", ".join(sorted(junk.chars, key=lambda kind: -junk.chars[kind]))
        share = round(100 * junk.total / (junk.total + body.total))
        words = sum(len(p.text.split()) for p in passages if p.section in _BODY)
        left = "not indexed as a post" if words < _FEWEST_WORDS else "removed, its text kept"
        warn(f"{title or post.title or 'a post'!r}: its body is mostly junk ({kinds}: "
             f"{share}%), {left}")  # fmt: skip
        if words < _FEWEST_WORDS:
            return None
    post.title = title
    post.passages = passages
    return post
