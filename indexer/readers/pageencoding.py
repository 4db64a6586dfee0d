"""Bytes of a saved page to text: the declared charset, unless the bytes say it lies."""

from __future__ import annotations

import codecs
import re

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(data: bytes) -> tuple[str, str | None]:
    """Text of an HTML page: the declared charset when the bytes agree with it.

    A page declaring UTF-8 with stray Latin-1 bytes is decoded as UTF-8 with
    those bytes read as Windows-1252; a page declaring Latin-1 whose bytes are
    valid UTF-8 with multi-byte characters is read as UTF-8. Never raises.
    """
    declared_match = _CHARSET_RE.search(data[:4096])
    declared = declared_match.group(1).decode("ascii", "replace").lower() if declared_match else ""
    if declared in ("", "utf-8", "utf8"):
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as error:
            text = data.decode("utf-8", errors="cp1252_fallback")
            return (
                text,
                f"not valid UTF-8 as declared (byte {error.start}); "
                "stray bytes read as Windows-1252",
            )
    try:
        strict_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        strict_utf8 = None
    if strict_utf8 is not None and re.search(r"[^\x00-\x7f]", strict_utf8):
        return strict_utf8, f"declared {declared} but the bytes are UTF-8; read as UTF-8"
    # Browsers read these labels as Windows-1252 (WHATWG Encoding), and so do we.
    if declared in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "windows-1252"):
        declared = "cp1252"
    try:
        return data.decode(declared), None
    except (LookupError, UnicodeDecodeError):
        return data.decode(
            "cp1252", errors="replace"
        ), f"charset {declared!r} unusable; read as Windows-1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


# Registered once at import: decode_page names it as its error handler.
codecs.register_error("cp1252_fallback", _cp1252_fallback)
