"""A segment's term table (Whoosh's ordered hash file) written a piece at a time.

Whoosh 2.7.4's ``OrderedHashWriter.add`` makes per term a ``tell()``, three writes
through its file wrapper, a hex string of the key's MD5 parsed back into an integer
and a growable array's append: most terms are passage ids and spelling words with
one posting, so this was a quarter of a segment's flush. Here the rows are gathered
in a buffer and their positions computed, the MD5's last four bytes read directly
(what ``int(hexdigest, 16) & 0xffffffff`` keeps). The same bytes
(tests/test_docwriter.py compares every segment file with Whoosh's own writer's).
"""

from __future__ import annotations

import struct
from array import array
from hashlib import md5
from typing import Any

from whoosh.filedb.filetables import OrderedHashWriter

_LENGTHS = struct.Struct("!ii")  # Whoosh's: key and value lengths before a row
_PIECE = 1 << 20  # bytes of rows gathered before they are written


class TermTable(OrderedHashWriter):  # type: ignore[misc]
    """``OrderedHashWriter`` (MD5 hashes) with rows buffered."""

    rows: bytearray
    start: int
    positions: list[int]
    lastkey: bytes

    @classmethod
    def adopt(cls, writer: Any) -> TermTable:
        """Whoosh's writer (its header already written), turned into this one."""
        if writer.hashtype != 0 or len(writer.index):
            raise ValueError("only a new term table with MD5 hashes")
        writer.__class__ = cls
        table: TermTable = writer
        table.rows = bytearray()
        table.start = table.dbfile.tell()
        table.positions = []
        return table

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        position = self.start + len(self.rows)
        self.positions.append(position)
        rows = self.rows
        rows += _LENGTHS.pack(len(key), len(value))
        rows += key
        rows += value
        hashed = int.from_bytes(md5(key).digest()[12:], "big")
        self.buckets[hashed & 255].append((hashed, position))
        self.lastkey = key
        if len(rows) > _PIECE:
            self._write_rows()

    def _write_rows(self) -> None:
        self.dbfile.write(bytes(self.rows))
        self.rows.clear()
        self.start = self.dbfile.tell()

    def close(self) -> Any:
        self._write_rows()
        # The type Whoosh's growable array ends with: the smallest that holds the last.
        last = self.positions[-1] if self.positions else 0
        code = "H" if last < 2**16 else "i" if last < 2**31 else "I" if last < 2**32 else "q"
        self.index.array = array(code, self.positions)
        return super().close()
