"""Posting blocks decoded by ``indexer.store.blocks`` are what ``pickle.loads`` gives for
them: every block of a real index (text words: positions; sections and post ids: no
values), blocks of one to three postings (no MARK before the values), and
streams that do not have the layout (decoded as written)."""

from __future__ import annotations

import pickle
import zlib

import pytest
from whoosh.formats import Positions

from indexer import ArchiveIndex
from indexer.store.blocks import decode_block


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
