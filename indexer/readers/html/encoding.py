"""Bytes of a saved page to text: the declared charset, unless the bytes say it lies."""

from __future__ import annotations

import codecs
import re

from indexer.core.text import byte_order_mark, decode_bytes

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Labels browsers read as a larger encoding (WHATWG Encoding): a page labelled with the
# smaller one routinely holds characters only the larger one has.
_AS_BROWSERS_READ = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-8",  # a meta tag read at all means ASCII-compatible bytes
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "utf8": "utf-8",
}


def _declared(data: bytes) -> str:
    head = data[:4096]
    match = _CHARSET_RE.search(head) or _XML_ENCODING_RE.search(head)
    label = match.group(1).decode("ascii", "replace").lower() if match else ""
    return _AS_BROWSERS_READ.get(label, label)


def decode_page(data: bytes) -> tuple[str, str | None]:
    """Text of an HTML page: a byte-order mark's encoding, else the declared charset when
    the bytes agree with it, else a detected one.

    A page declaring UTF-8 with stray Latin-1 bytes is decoded as UTF-8 with
    those bytes read as Windows-1252; a page declaring Latin-1 whose bytes are
    valid UTF-8 with multi-byte characters is read as UTF-8; a page declaring nothing
    that is not UTF-8 gets its encoding detected. Never raises.
    """
    if byte_order_mark(data) is not None:
        return decode_bytes(data)
    declared = _declared(data)
    if declared in ("", "utf-8"):
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError as error:
            if not declared:
                return decode_bytes(data)
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
    try:
        return data.decode(declared), None
    except LookupError:
        text, _ = decode_bytes(data)
        return text, f"charset {declared!r} unknown; the encoding was detected instead"
    except UnicodeDecodeError as error:
        return data.decode(declared, errors="replace"), (
            f"not valid {declared} as declared (byte {error.start}); "
            "the bytes that are not were replaced"
        )


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


# Registered once at import: decode_page names it as its error handler.
codecs.register_error("cp1252_fallback", _cp1252_fallback)
