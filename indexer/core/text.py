"""Text helpers shared by readers: decoding bytes and normalising what we keep."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
from whoosh.support.charset import accent_map

# Zero-width and direction-control characters: kept in stored text "as written",
# but never part of a token (see analysis.py) and stripped from names we facet on.
INVISIBLE_CHARACTERS = (
    "\u200b\u200c\u200d\u200e\u200f"  # zero-width space/joiners, LRM/RLM
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"  # word joiner, isolates
    "\ufeff\u00ad"  # BOM, soft hyphen
)
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


def _mark_ranges() -> str:
    """Every combining mark (Unicode category M) as the body of a regex class. ``\\w``
    leaves them out, so without them a Hindi, Bengali or Thai word splits at each vowel
    sign or virama and a pointed Hebrew word at each point."""
    code_points = [*range(0x20000), *range(0xE0100, 0xE01F0)]  # marks beyond: none
    marks = [code for code in code_points if unicodedata.category(chr(code))[0] == "M"]
    ranges: list[tuple[int, int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


COMBINING_MARKS = _mark_ranges()
# Folded for every language, as search engines' ICU folding does: accents on Latin and
# Greek letters (after NFD; Cyrillic "й" keeps its breve, a letter of its own), Hebrew
# points and cantillation, Arabic harakat and tatweel (text is mostly written without
# them, so a pointed and an unpointed copy must match). Indic and Thai signs stay: they
# are vowels, not accents.
_FOLDED_MARKS_RE = re.compile(
    r"(?<=[\u0000-\u03ff])[\u0300-\u036f]+"  # Latin and Greek diacritics
    r"|[\u0591-\u05c7]"  # Hebrew points and cantillation
    r"|[\u0610-\u061a\u064b-\u065f\u0670\u0640]"  # Arabic harakat, tatweel
)
_BEFORE_FOLDING = str.maketrans({"ß": "ss", "ё": "е"})  # after lower(): "ẞ", "Ё" too
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


# A byte-order mark decides the encoding, before anything a page declares (WHATWG).
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),  # Windows Notepad's "Unicode", old IE saves
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def byte_order_mark(data: bytes) -> tuple[str, int] | None:
    """The encoding a leading byte-order mark names, and the mark's length."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def guess_encoding(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8 and declare none: charset_normalizer's
    guess, but Windows-1252 (the web's default) whenever it reads them as cleanly, since
    the guesser cannot tell French in Windows-1252 from the same bytes in Windows-1250."""
    best = charset_normalizer.from_bytes(data[:65536]).best()
    if best is None:
        return "cp1252"
    western = charset_normalizer.from_bytes(data[:65536], cp_isolation=["cp1252"]).best()
    return "cp1252" if western is not None and western.chaos <= best.chaos else best.encoding


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode archive bytes that declare no encoding: a byte-order mark's, else UTF-8,
    else the encoding ``guess_encoding`` finds (Windows-1251 Russian, Shift_JIS...).

    Returns the text and a warning when the bytes were not valid UTF-8.
    """
    mark = byte_order_mark(data)
    if mark is not None:
        encoding, length = mark
        return data[length:].decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        encoding = guess_encoding(data)
        warning = (
            f"not valid UTF-8 (byte {error.start}) and no encoding declared; read as "
            f"{encoding} (detected), some characters may be wrong"
        )
        return data.decode(encoding, errors="replace"), warning


def normalize(text: str) -> str:
    """NFC, with line endings unified; otherwise the text as written."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def fold(word: str) -> str:
    """A word as the index compares it: lowercase, accents folded ("Straße" and
    "Strasse", "Ελληνικά" and "ελληνικα", "été" typed decomposed or not, all alike)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    folded = lowered.translate(_BEFORE_FOLDING).translate(accent_map)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFD", folded)
    return unicodedata.normalize("NFC", _FOLDED_MARKS_RE.sub("", decomposed))


# Every combining diacritic block, on a Latin or Greek letter: the folding of names a
# filter compares (stacked marks too, "A̸̰̅d̴̰͝m̵͎̽i̵̱̋n̷̰̎" is "admin"; ``fold`` would read some as letters).
_NAME_MARKS_RE = re.compile(
    r"(?<=[\u0000-\u03ff])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)


def name_key(name: str) -> str:
    """A name as a filter compares it: case, accents and spacing aside."""
    if name.isascii():
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFD", name)
    return " ".join(fold(_NAME_MARKS_RE.sub("", decomposed)).split())


def clean_name(name: str) -> str:
    """A person's or site's name as a facet value: invisible characters gone, spaces folded."""
    return _SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", normalize(name))).strip()
