"""Documents added to a Whoosh segment writer, text analysed in one pass.

``add_document`` does what Whoosh 2.7.4's ``SegmentWriter.add_document`` does and
writes the same segment (the same bytes: tests/test_docwriter.py), but the body and
title text skip Whoosh's per-token machinery (``Token`` objects through a generator,
``word_values``' dictionaries) and its pool (one tuple per posting, sorted, spilled
to disk past 128 MB and merged back): see docs/performance.md, "Build throughput".
The other indexed fields are analysed by Whoosh (``field.index``) but their postings
also skip the pool (``keypostings.FieldKeys``); stored fields and columns are Whoosh's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh.formats import Positions
from whoosh.system import pack_uint

from indexer.analysis.analyzers import ArchiveTokenizer, text_positions
from indexer.store.codec import DirectWriting
from indexer.store.keypostings import POSTING_BYTES, FieldKeys, Posting
from indexer.store.textpostings import TOKEN_BYTES, FieldTokens, Term


def _fast_text(field: Any) -> bool:
    """A field whose postings ``add_document`` computes itself: our text analysis into
    positions, no boosts."""
    return (
        isinstance(field.analyzer, ArchiveTokenizer)
        and type(field.format) is Positions
        and field.format.field_boost == 1.0
        and not field.vector
        and not field.separate_spelling()
    )


def add_document(writer: Any, fields: dict[str, Any]) -> None:
    """``writer.add_document(**fields)`` for a ``SegmentWriter`` (no boosts, no vectors)."""
    writer._check_state()
    perdocwriter = writer.perdocwriter
    schema = writer.schema
    docnum = writer.docnum
    pool = writer.pool
    add_post = pool.add
    direct = _direct(writer)
    names = sorted(name for name in fields if not name.startswith("_"))
    writer._check_fields(schema, names)

    perdocwriter.start_doc(docnum)
    for name in names:
        value = fields[name]
        if value is None:
            continue
        field = schema[name]
        length = 0
        if field.indexed:
            if _fast_text(field):
                length = _add_text_postings(writer, direct, name, docnum, value)
                length = length if field.scorable else 0
            elif direct is not None:
                length = direct.add_keys(name, docnum, _indexed(field, name, value))
                length = length if field.scorable else 0
            else:
                scorable = field.scorable
                for tbytes, freq, weight, vbytes in _indexed(field, name, value):
                    if scorable:
                        length += freq
                    add_post((name, tbytes, docnum, weight, vbytes))
            if field.separate_spelling():  # Whoosh would add spelling words: none of ours
                raise NotImplementedError(f"field {name!r}: separate spelling words")
        stored = fields.get(f"_stored_{name}", value)
        perdocwriter.add_field(name, field, stored if field.stored else None, length)
        column = field.column_type
        if column and stored is not None:
            perdocwriter.add_column_value(name, column, field.to_column_value(stored))
    perdocwriter.finish_doc()
    if direct is not None and direct.size > direct.limit:
        direct.spill()
    writer._added = True
    writer.docnum += 1


# (field, value) -> what ``field.index(value)`` gives: most of a passage's indexed fields
# are its post's (post id, source, section, author, categories, year...), the same for
# every passage of the post, and Whoosh analyses each one through a Token generator.
_INDEXED: dict[tuple[str, Any], tuple[tuple[bytes, int, float, bytes], ...]] = {}
_INDEXED_LIMIT = 50_000
_INDEXED_LONGEST = 256  # longer values are rarely repeated


def _indexed(field: Any, name: str, value: Any) -> Any:
    """``field.index(value)``, remembered for values that repeat."""
    if field.unique or value.__class__ not in (str, int) or len(str(value)) > _INDEXED_LONGEST:
        return field.index(value)
    key = (name, value)
    found = _INDEXED.get(key)
    if found is None:
        if len(_INDEXED) > _INDEXED_LIMIT:
            _INDEXED.clear()
        found = _INDEXED[key] = tuple(field.index(value))
    return found


class DirectPostings:
    """One segment's postings per field, kept out of Whoosh's pool as arrays of text
    tokens (``textpostings.FieldTokens``) or of other fields' postings
    (``keypostings.FieldKeys``): no tuple per posting to build, sort and
    (past the pool's memory limit) spill to disk and merge back. ``codec.DirectWriting``
    writes them with the pool's postings. Past ``limit`` bytes the arrays go to
    temporary files as they are (memory stays bounded), and the flush sorts them in
    chunks of about ``limit`` bytes: through Whoosh's pool instead, a posting at a
    time, the 1M build spent twice the CPU per passage of the 100k one."""

    def __init__(self, limit: int) -> None:
        self.fields: dict[str, FieldTokens] = {}
        self.keys: dict[str, FieldKeys] = {}  # the other indexed fields
        self.limit = limit
        self.size = 0

    def add(self, name: str, docnum: int, text: str, language: str | None) -> int:
        """A document's text for one field; its length (tokens)."""
        tokens = self.fields.get(name)
        if tokens is None:
            tokens = self.fields[name] = FieldTokens()
        length = tokens.add(docnum, text, language)
        self.size += TOKEN_BYTES * length + 64
        return length

    def add_keys(self, name: str, docnum: int, postings: Iterable[Posting]) -> int:
        """A document's postings of another indexed field; their frequencies' sum."""
        keys = self.keys.get(name)
        if keys is None:
            keys = self.keys[name] = FieldKeys()
        count, length = keys.add(docnum, postings)
        self.size += POSTING_BYTES * count
        return length

    def terms(self) -> Iterator[Term]:
        """Every term's postings in (field, term) order."""
        for name in sorted({*self.fields, *self.keys}):
            if name in self.fields:
                yield from self.fields[name].postings(name, self.limit // TOKEN_BYTES)
            if name in self.keys:
                yield from self.keys[name].postings(name, self.limit // POSTING_BYTES)

    def spill(self) -> None:
        """Everything held to temporary files."""
        for tokens in self.fields.values():
            tokens.spill()
        for keys in self.keys.values():
            keys.spill()
        self.size = 0


def _direct(writer: Any) -> DirectPostings | None:
    """The writer's direct postings, when its field writer writes them."""
    fieldwriter = writer.fieldwriter
    if not isinstance(fieldwriter, DirectWriting):
        return None
    if fieldwriter.direct is None:
        fieldwriter.direct = DirectPostings(writer.pool.limit)
    direct: DirectPostings = fieldwriter.direct
    return direct


def _add_text_postings(
    writer: Any, direct: DirectPostings | None, name: str, docnum: int, value: str
) -> int:
    """The field's postings as Whoosh's Positions format encodes them; its length."""
    language = getattr(value, "language", None)
    if direct is not None:
        return direct.add(name, docnum, value, language)
    positions = text_positions(value, language)
    length = 0
    for term, places in positions.items():  # another codec's writer: Whoosh's pool
        writer.pool.add((name, term.encode("utf-8"), docnum, float(len(places)), _encoded(places)))
        length += len(places)
    return length


def _encoded(places: list[int]) -> bytes:
    """Whoosh's ``Positions.encode``: the count, then the pickled position deltas."""
    deltas = [places[0]]
    deltas.extend(b - a for a, b in pairwise(places))
    encoded: bytes = pack_uint(len(places)) + dumps(deltas, 2)
    return encoded
