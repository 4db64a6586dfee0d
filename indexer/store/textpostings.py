"""A segment's text postings kept as arrays of term numbers, encoded in bulk.

Per passage the build looks its words up (one C-level ``map`` over a word -> number
table, not a Python step per word) and appends three integer arrays: term number,
document, position. When the segment is written, one stable sort by term orders every
token by (term, document, position of occurrence) and the postings' values, Whoosh's
``Positions`` encoding (the count, then the position deltas pickled as a list with
protocol 2), are written for all postings at once by array arithmetic: byte for byte
what ``pack_uint(count) + pickle.dumps(deltas, 2)`` gives (tests/test_docwriter.py).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from itertools import pairwise, repeat
from pickle import dumps
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.analysis.analyzers import text_words, word_entry
from indexer.store import runs

Ints = npt.NDArray[np.int64]
Ints32 = runs.Ints32
Term = tuple[str, bytes, list[int], list[float], list[bytes]]  # field, term, ids, weights, values
DROPPED = -1  # a word code: no term, but it takes a position
UNKNOWN = -(2**31)  # a word not looked up yet
# Three int32 per token held, and about as much again while a flush sorts and encodes.
TOKEN_BYTES = 24
WORDS_LIMIT = 500_000  # words per language remembered before the table starts over
_BATCH = 1000  # pickle writes a list's items in batches (MARK ... APPENDS) of this many
_HEAD = np.frombuffer(b"\x80\x02]q\x00", dtype=np.uint8)  # PROTO 2, EMPTY_LIST, BINPUT 0


class FieldTokens:
    """One field's tokens in a segment: term numbers, documents and positions."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}  # term -> its number
        self.terms: list[str] = []
        # Per language: word -> term number, DROPPED, or -2 - k for ``self.several[k]``.
        self.words: dict[str | None, dict[str, int]] = {}
        self.several: list[tuple[tuple[tuple[int, int], ...], int]] = []  # (term, offset)s, span
        # Every token's term number and position; each document's number and token count.
        self.token_terms = array("i")
        self.token_positions = array("i")
        self.documents = array("i")
        self.lengths = array("i")
        self.tokens = 0
        # Spilled runs: a temporary file and its token and document counts.
        self.runs: list[runs.Run] = []

    def add(self, docnum: int, text: str, language: str | None) -> int:
        """A document's text; its length (tokens indexed), as Whoosh counts it."""
        words = text_words(text)
        if not words:
            return 0
        table = self.words.get(language)
        if table is None or len(table) > WORDS_LIMIT:
            table = self.words[language] = {}
        codes = list(map(table.get, words, repeat(UNKNOWN)))
        lowest = min(codes)
        if lowest == UNKNOWN:  # words met for the first time
            for word in {word for word, code in zip(words, codes, strict=True) if code == UNKNOWN}:
                table[word] = self._code(word, language)
            codes = list(map(table.__getitem__, words))
            lowest = min(codes)
        if lowest >= 0:  # one term per word: positions are the words' places
            self.token_terms.extend(codes)
            self.token_positions.extend(range(len(codes)))
            length = len(codes)
        else:  # dropped words, words of several terms
            length = self._expanded(codes)
        self.documents.append(docnum)
        self.lengths.append(length)
        self.tokens += length
        return length

    def _clear(self) -> None:
        self.token_terms, self.token_positions = array("i"), array("i")
        self.documents, self.lengths = array("i"), array("i")
        self.tokens = 0

    def _code(self, word: str, language: str | None) -> int:
        entry = word_entry(word, language)
        if entry is None:
            return DROPPED
        if entry.__class__ is str:
            return self._number(entry)
        several = tuple((self._number(term), offset) for term, offset in entry)
        self.several.append((several, max(offset for _, offset in entry) + 1))
        return -1 - len(self.several)

    def _number(self, term: str) -> int:
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.terms)
            self.terms.append(term)
        return number

    def _expanded(self, codes: list[int]) -> int:
        """Add the terms and positions of a text with dropped words or words of several
        terms (CJK bigrams, compounds), in the order ``text_positions`` meets them; their
        count."""
        terms, positions = self.token_terms, self.token_positions
        position = added = 0
        for code in codes:
            if code >= 0:
                terms.append(code)
                positions.append(position)
                position += 1
                added += 1
            elif code == DROPPED:  # a dropped word still takes its position, as in Whoosh
                position += 1
            else:
                several, span = self.several[-2 - code]
                for term, offset in several:
                    terms.append(term)
                    positions.append(position + offset)
                position += span
                added += len(several)
        return added

    def spill(self) -> None:
        """The tokens held so far to a temporary file, read back when the segment is
        written: memory holds one run of tokens, not a whole segment's (a worker's
        share of 1M passages is ~25M tokens)."""
        if self.documents:
            held = [self.token_terms, self.token_positions, self.documents, self.lengths]
            self.runs.append(runs.spill(held))
            self._clear()

    def _parts(self) -> Iterator[runs.Arrays]:
        """Each run's tokens, then the held ones, in document order: (term number,
        position, document) per token."""
        for run in self.runs:
            terms, positions, numbers, lengths = runs.read(run, "iiii")
            yield terms, positions, np.repeat(numbers, lengths)
        if self.documents:
            yield (
                np.frombuffer(self.token_terms, dtype=np.int32),
                np.frombuffer(self.token_positions, dtype=np.int32),
                np.repeat(
                    np.frombuffer(self.documents, dtype=np.int32),
                    np.frombuffer(self.lengths, dtype=np.int32),
                ),
            )

    def postings(self, name: str, chunk_tokens: int) -> Iterator[Term]:
        """Every term's postings in term order (UTF-8 order is ``str`` order), sorted
        and encoded in chunks of about ``chunk_tokens`` tokens (whole terms): a flush
        needs ~40 bytes a token while it runs."""
        in_order, rank = runs.term_ranks(self.terms)
        for ranks, positions, documents in runs.chunks(
            self._parts, rank, bool(self.runs), chunk_tokens
        ):
            yield from self._chunk(name, in_order, ranks, positions, documents)
        runs.close(self.runs)
        self.runs = []
        self._clear()

    def _chunk(
        self, name: str, in_order: list[int], ranks: Ints32, positions: Ints32, documents: Ints32
    ) -> Iterator[Term]:
        """The postings of these tokens' terms (every token of each), in term order."""
        order = np.argsort(ranks, kind="stable")  # documents, then occurrences, stay in order
        ranks, documents, positions = ranks[order], documents[order], positions[order]
        del order
        starts = np.flatnonzero(runs.changes(ranks) | runs.changes(documents))
        counts = np.diff(np.append(starts, len(ranks)))
        buffer, offsets = encoded_positions(positions, starts, counts)
        del positions
        first = np.flatnonzero(runs.changes(ranks[starts]))  # each term's first posting
        term_ranks = ranks[starts[first]].tolist()
        del ranks
        ids, weights = documents[starts], counts.astype(np.float64)
        del documents
        # Python lists a term at a time: a posting as Python objects costs ~100 bytes.
        for a, b, rank_of in zip(
            first.tolist(), [*first[1:].tolist(), len(starts)], term_ranks, strict=True
        ):
            term = self.terms[in_order[rank_of]]
            values = [buffer[c:d] for c, d in pairwise(offsets[a : b + 1].tolist())]
            yield name, term.encode("utf-8"), ids[a:b].tolist(), weights[a:b].tolist(), values


def encoded_positions(positions: Any, starts: Ints, counts: Ints) -> tuple[bytes, Ints]:
    """Each posting's value (postings of ``counts`` positions from ``starts``) as
    Whoosh's ``Positions.encode`` writes it; (all values, their offsets)."""
    deltas = positions.astype(np.int32)
    deltas[1:] -= positions[:-1]
    deltas[starts] = positions[starts]
    # pickle's int opcodes: K (1 byte), M (2 bytes), J (4 bytes, signed)
    small, middle = (deltas >= 0) & (deltas <= 0xFF), (deltas > 0xFF) & (deltas <= 0xFFFF)
    sizes = np.where(small, 2, np.where(middle, 3, 5)).astype(np.int32)
    several = counts > 1
    head = 4 + len(_HEAD) + several  # the count, the list, MARK
    size_sums = np.add.reduceat(sizes, starts) if len(starts) else sizes[:0]
    lengths = head + size_sums + 2  # APPEND or APPENDS, STOP
    offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    out = np.zeros(int(offsets[-1]), dtype=np.uint8)
    begin = offsets[:-1]
    for shift, byte in zip((24, 16, 8, 0), range(4), strict=True):
        out[begin + byte] = (counts >> shift) & 0xFF
    for byte, value in enumerate(_HEAD):
        out[begin + 4 + byte] = value
    out[begin[several] + 4 + len(_HEAD)] = ord("(")
    out[offsets[1:] - 2] = np.where(several, ord("e"), ord("a"))
    out[offsets[1:] - 1] = ord(".")
    owner = np.repeat(np.arange(len(starts), dtype=np.int32), counts)
    inside = np.cumsum(sizes, dtype=np.int64) - sizes
    at = begin[owner] + head[owner] + inside - inside[starts][owner]
    out[at] = np.where(small, ord("K"), np.where(middle, ord("M"), ord("J")))
    unsigned = deltas.view(np.uint32)  # J's signed 4 bytes: two's complement
    out[at + 1] = unsigned & 0xFF
    wide = ~small
    out[at[wide] + 2] = (unsigned[wide] >> 8) & 0xFF
    widest = ~small & ~middle
    for byte in (3, 4):
        out[at[widest] + byte] = (unsigned[widest] >> (8 * (byte - 1))) & 0xFF
    data = out.tobytes()
    long_lists = np.flatnonzero(counts > _BATCH)
    if len(long_lists):  # pickle's batches: these few are encoded by pickle itself
        return _with_long_lists(data, offsets, positions, starts, counts, long_lists)
    return data, offsets


def _with_long_lists(
    data: bytes, offsets: Ints, positions: Any, starts: Ints, counts: Ints, long_lists: Ints
) -> tuple[bytes, Ints]:
    pieces: list[bytes] = []
    lengths = np.diff(offsets)
    done = 0
    for number in long_lists.tolist():
        pieces.append(data[offsets[done] : offsets[number]])
        places = positions[starts[number] : starts[number] + counts[number]].tolist()
        deltas = [places[0], *(b - a for a, b in pairwise(places))]
        value = int(counts[number]).to_bytes(4, "big") + dumps(deltas, 2)
        pieces.append(value)
        lengths[number] = len(value)
        done = number + 1
    pieces.append(data[offsets[done] :])
    fixed = np.zeros_like(offsets)
    np.cumsum(lengths, out=fixed[1:])
    return b"".join(pieces), fixed
