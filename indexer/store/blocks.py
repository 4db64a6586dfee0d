"""A posting block's data decoded faster than Whoosh's ``pickle.loads`` of it.

A W3 block holds one protocol-2 pickle of (document-number deltas, weights, values).
Protocol 2 has no bytes opcode: each posting's value (its encoded positions) is
pickled as a call ``_codecs.encode(text, "latin1")``, and that call, which looks the
codec up by name every time, was over half of a block's decoding (~0.6 us a posting;
most of a first query's time on common words). Two shortcuts, both exact:

* the block's one ``GLOBAL _codecs encode`` opcode is rewritten in place to
  ``GLOBAL builtins bytes`` (the same 16 bytes): ``bytes(text, "latin1")`` gives the
  same bytes without the codec lookup;
* a read that needs no values (document numbers and weights: scoring) stops the pickle
  before them: the values section is replaced by ``None``.

The opcode is found as the first occurrence of its 16 bytes. Before it the stream holds
only the ids and weights: integer and float opcodes, none of whose opcode bytes occurs
in those 16, with at most 8 data bytes between opcodes, so the 16 bytes cannot occur
there by chance. Anything unexpected (another layout, a shape that does not fit the
block) falls back to ``pickle.loads`` of the block as written.
"""

from __future__ import annotations

import pickle
from typing import Any

_ENCODE = b"c_codecs\nencode\n"  # GLOBAL '_codecs encode'
_BYTES = b"cbuiltins\nbytes\n"  # GLOBAL 'builtins bytes': the same length
_PROTOCOL_2 = b"\x80\x02"
_MARK = ord("(")
_NO_VALUES = b"N\x87."  # None, TUPLE3 (ids, weights, None), STOP


def decode_block(raw: bytes, count: int, values: bool = True) -> tuple[Any, Any, Any]:
    """The (ids, weights, values) tuple of a block of ``count`` postings; with
    ``values`` False, values are None (not decoded)."""
    at = raw.find(_ENCODE) if raw.startswith(_PROTOCOL_2) else -1
    if at < 0:
        return _plain(raw, values)
    if values:
        fast = raw[:at] + _BYTES + raw[at + len(_ENCODE) :]
    else:  # the values tuple's MARK, when it has one, goes too
        fast = raw[: at - 1 if raw[at - 1] == _MARK else at] + _NO_VALUES
    try:
        data = pickle.loads(fast)
    except (pickle.UnpicklingError, ValueError, EOFError, IndexError, TypeError):
        return _plain(raw, values)
    if not _fits(data, count, values):
        return _plain(raw, values)
    return data  # type: ignore[no-any-return]


def _plain(raw: bytes, values: bool) -> tuple[Any, Any, Any]:
    ids, weights, decoded = pickle.loads(raw)
    return ids, weights, decoded if values else None


def _fits(data: Any, count: int, values: bool) -> bool:
    """Whether ``data`` has the shape of a block's tuple: ids and weights (None, one
    float, or one per posting), and values (one bytes per posting) when read."""
    if not (isinstance(data, tuple) and len(data) == 3):
        return False
    ids, weights, decoded = data
    if not (isinstance(ids, tuple) and len(ids) == count):
        return False
    one_each = isinstance(weights, tuple) and len(weights) == count
    if not (weights is None or isinstance(weights, float) or one_each):
        return False
    if not values:
        return decoded is None
    return isinstance(decoded, tuple) and len(decoded) == count
