"""The on-disk codec: Whoosh's W3 format, written with cheaper settings.

* ``length_stats = False``: Whoosh otherwise looks up the field length of the
  document of every posting while flushing a segment (one column read, or one
  ``stat()`` for fields without lengths, per posting: ~20% of a build). The
  per-block length bounds only serve Whoosh's block-quality skipping, which the
  numpy scorer does not use; without them Whoosh's own skipping is merely more
  conservative, never wrong.
* Blocks of 256 postings instead of 128, zlib level 1 instead of 3: half the
  blocks to pickle, compress and (at query time) decompress.

The format stays W3: any Whoosh 2.7 reader opens these segments. The class is
pickled into the index's table of contents, so its name and module must stay.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec


class ArchiveCodec(W3Codec):  # type: ignore[misc]
    length_stats = False

    def __init__(self, blocklimit: int = 256, compression: int = 1, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)
