"""Posting blocks decoded by ``indexer.store.blocks`` are what ``pickle.loads`` gives for
them: every block of a real index (text words: positions; sections and post ids: no
values), blocks of one to three postings (no MARK before the values), and
streams that do not have the layout (decoded as written); blocks inflated by zlib-ng
(``postings._block_data``) are zlib's, and bytes it cannot inflate are damage; the
postings read in bulk are those of Whoosh's matcher walk."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from whoosh.formats import Positions

from indexer import ArchiveIndex
from indexer.errors import StorageFailure
from indexer.store.blocks import decode_block
from indexer.store.postings import _block_data, leaf_postings, leaf_values


def _text_matchers(index: ArchiveIndex) -> Iterator[tuple[Any, bytes, Any, Any]]:
    """Each text word of each segment: (segment, word, its term info, a fresh Whoosh
    matcher over its postings)."""
    with index._searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            terms, fieldformat = leaf._terms, leaf.schema["text"].format
            for (name, term), info in terms.items_from("text", b""):
                if name != "text":
                    break
                yield (
                    leaf,
                    term,
                    info,
                    terms._codec.postings_reader(terms._postfile, info, fieldformat),
                )


def _raw_blocks(leaf: object, fieldname: str) -> list[tuple[bytes, int]]:
    """Every posting block of a field in one segment: (decompressed bytes, postings)."""
    terms = leaf._terms  # type: ignore[attr-defined]
    fieldformat = leaf.schema[fieldname].format  # type: ignore[attr-defined]
    blocks = []
    for (name, term), info in terms.items_from(fieldname, b""):
        if name != fieldname:
            break
        if info.is_inlined():
            continue
        matcher = terms._codec.postings_reader(terms._postfile, info, fieldformat, term=term)
        while matcher.is_active():
            start = matcher._dataoffset
            raw = matcher._postfile.get(start, matcher._nextoffset - start)
            if matcher._compression:
                raw = zlib.decompress(raw)
            blocks.append((bytes(raw), matcher._blocklength))
            matcher._next_block()
    return blocks


@pytest.mark.parametrize("fieldname", ["text", "section", "post_id"])
def test_every_block_of_an_index_decodes_as_pickle_does(
    generated_index: ArchiveIndex, fieldname: str
) -> None:
    decoded = 0
    with generated_index._searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            for raw, count in _raw_blocks(leaf, fieldname):
                ids, weights, values = pickle.loads(raw)
                assert decode_block(raw, count) == (ids, weights, values)
                assert decode_block(raw, count, values=False) == (ids, weights, None)
                decoded += 1
    assert decoded > 0


def test_blocks_inflated_by_zlib_ng_are_zlibs(generated_index: ArchiveIndex) -> None:
    """Every compressed block of the text field, read as searches read it."""
    compared = 0
    for _, _, info, matcher in _text_matchers(generated_index):
        if compared > 3000:
            break
        while not info.is_inlined() and matcher.is_active():
            start = matcher._dataoffset
            raw = bytes(matcher._postfile.get(start, matcher._nextoffset - start))
            if matcher._compression:
                assert _block_data(matcher, True) == pickle.loads(zlib.decompress(raw))
                compared += 1
            matcher._next_block()
    assert compared > 0


def test_a_block_zlib_ng_cannot_inflate_is_damage(generated_index: ArchiveIndex) -> None:
    """A common word's first block with its compressed bytes overwritten: the read
    raises ``StorageFailure`` (the server's 503 "rebuild"), not a bug."""
    with generated_index._searcher() as searcher:
        leaf = next(iter(searcher.reader().leaf_readers()))[0]
        terms = leaf._terms
        term, info = max(
            (
                (term, info)
                for (name, term), info in terms.items_from("text", b"")
                if name == "text"
            ),
            key=lambda pair: pair[1].doc_frequency(),
        )
        postfile = terms._postfile
        real_get = postfile.get
        matcher = terms._codec.postings_reader(postfile, info, leaf.schema["text"].format)
        assert matcher._compression
        first = matcher._dataoffset

        def garbled(position: int, length: int) -> bytes:
            data = bytes(real_get(position, length))
            return b"\xff" * length if position == first else data

        postfile.get = garbled
        try:
            with pytest.raises(StorageFailure):
                leaf_values(leaf, "text", term, info)
        finally:
            postfile.get = real_get


def _block(ids: tuple[int, ...], weights: object, values: tuple[bytes, ...]) -> bytes:
    return pickle.dumps((ids, weights, values), 2)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 256])
@pytest.mark.parametrize("weights", ["none", "one", "each"])
def test_short_and_long_blocks_with_every_kind_of_weights(count: int, weights: str) -> None:
    ids = tuple(range(1, count + 1))
    values = tuple(Positions().encode(list(range(n % 7 + 1))) for n in range(count))
    block_weights = {"none": None, "one": 2.0, "each": tuple(float(n) for n in ids)}[weights]
    raw = _block(ids, block_weights, values)
    assert b"_codecs" in raw  # the layout the shortcut rewrites
    assert decode_block(raw, count) == (ids, block_weights, values)
    assert decode_block(raw, count, values=False) == (ids, block_weights, None)


def test_a_stream_of_another_layout_is_decoded_as_written() -> None:
    ids, values = (1, 2, 3, 4), (b"", b"a", b"b\xff", b"c")
    for raw in (
        pickle.dumps((ids, None, values), 3),  # protocol 3: bytes opcodes, no call
        _block(ids, None, values),  # an empty value first: another call before encode's
        _block(ids, None, ()),  # no values at all
    ):
        expected = pickle.loads(raw)
        assert decode_block(raw, len(ids)) == expected
        assert decode_block(raw, len(ids), values=False) == (*expected[:2], None)


def test_a_block_whose_shape_does_not_fit_its_count_is_decoded_as_written() -> None:
    raw = _block((1, 2, 3, 4), None, (b"a", b"b", b"c", b"d"))
    assert decode_block(raw, 5) == pickle.loads(raw)
    assert decode_block(raw, 5, values=False) == ((1, 2, 3, 4), None, None)


def test_values_holding_the_opcodes_own_bytes_are_kept() -> None:
    """A value containing the 16 bytes the shortcut looks for: only the opcode changes."""
    tricky = b"c_codecs\nencode\n" * 2
    values = (tricky, b"x", tricky, b"y")
    raw = _block((5, 6, 7, 8), 1.5, values)
    assert decode_block(raw, 4) == ((5, 6, 7, 8), 1.5, values)


def test_postings_read_in_bulk_are_whooshs_walk(generated_index: ArchiveIndex) -> None:
    """Every word's postings (document numbers, weights, positions) as ``leaf_postings``
    and ``leaf_values`` read them, against Whoosh's matcher stepped one posting a time."""
    walked = 0
    for leaf, term, info, matcher in _text_matchers(generated_index):
        if walked > 4000:
            break
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        read_ids, read_weights = leaf_postings(leaf, "text", term, info)
        (_, _), raw = leaf_values(leaf, "text", term, info)
        assert read_ids.tolist() == ids == raw.ids.tolist(), term
        assert read_weights.tolist() == weights, term
        ends = zip(raw.offsets[:-1], raw.offsets[1:], strict=True)
        held = [bytes(raw.buffer[start:end]) for start, end in ends]
        assert held == values, term
        walked += len(ids)
    assert walked > 4000
