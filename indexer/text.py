"""Text helpers shared by readers: decoding bytes and normalising what we keep."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and direction-control characters: kept in stored text "as written",
# but never part of a token (see analysis.py) and stripped from names we facet on.
INVISIBLE_CHARACTERS = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"  # word joiner, isolates
    "\ufeff\u00ad"  # BOM, soft hyphen
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode archive bytes: UTF-8 (with or without BOM), else Windows-1252.

    Returns the text and a warning when the bytes were not valid UTF-8.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        warning = (
            f"not valid UTF-8 (byte {error.start}); read as Windows-1252, "
            "some characters may be wrong"
        )
        return data.decode("cp1252", errors="replace"), warning


def normalize(text: str) -> str:
    """NFC, with line endings unified; otherwise the text as written."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_name(name: str) -> str:
    """A person's or site's name as a facet value: invisible characters gone, spaces folded."""
    return _SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", normalize(name))).strip()
