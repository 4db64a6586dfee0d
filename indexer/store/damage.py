"""What counts as a damaged index, as opposed to a bug."""

from __future__ import annotations

import pickle
import struct
import zlib
from pathlib import Path

from whoosh.index import EmptyIndexError, IndexVersionError
from zlib_ng import zlib_ng

# zlib-ng's stub declares its error an instance; it is a class (the one raised).
_ZLIB_NG_ERROR: type[Exception] = zlib_ng.error  # type: ignore[assignment]

# What reading damaged or vanished index files raises inside Whoosh, numpy and the codec:
# bytes that do not decode, offsets past an end, a truncated pickle. Anything else
# (TypeError, AttributeError, NameError, AssertionError...) is a bug in our code and is
# reported as one, never as "index damaged, rebuild".
DAMAGE_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,  # UnicodeDecodeError too
    LookupError,  # IndexError, KeyError
    OverflowError,
    struct.error,
    zlib.error,
    _ZLIB_NG_ERROR,  # posting blocks are inflated by zlib-ng (postings.py)
    pickle.UnpicklingError,
    EmptyIndexError,
    IndexVersionError,
)
_OURS = str(Path(__file__).resolve().parent.parent)  # indexer/
_STORE = str(Path(__file__).resolve().parent)  # indexer/store/: our codec decodes bytes too


def is_damage(error: BaseException) -> bool:
    """Whether an exception from reading the index means damaged (or vanished) files.

    Told by where it was raised, since Whoosh raises anything on bad bytes (a bare
    ``Exception("Block tag error")``, ``FileFormatError``, a ``TypeError`` from ``ord``
    of an empty read, numpy's "data type not understood"): raised in Whoosh, numpy or
    the standard library while reading, it is damage; raised in our store's decoding
    as one of ``DAMAGE_ERRORS``, damage; raised anywhere else in our code (a wrong
    argument, an AttributeError), a bug.
    """
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = frame.tb_frame.f_code.co_filename if frame is not None else ""
    if not where.startswith(_OURS):
        return True
    return where.startswith(_STORE) and isinstance(error, DAMAGE_ERRORS)
