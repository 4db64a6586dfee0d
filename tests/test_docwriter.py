"""The build's own document adding and posting flushing (indexer/docwriter.py,
codec.DirectWriting) write the same segment, byte for byte, as Whoosh's
``add_document`` and ``add_postings`` with the same codec settings."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

from indexer.analysis.analyzers import (
    TOKEN_RE,
    WORD_RE,
    LanguageText,
    text_analyzer,
    text_positions,
    text_tokens,
    text_words,
)
from indexer.build.parsing import parse_file
from indexer.readers import discover
from indexer.store.codec import ArchiveCodec
from indexer.store.docwriter import add_document
from indexer.store.schema import documents_for_post
from indexer.store.storage import create_index, open_index
from indexer.store.textpostings import encoded_positions
from tests.benchmark.archive import write_archive

HOSTILE = [
    ("en", "Running runners ran; the the THE café CAFÉ naïve h.e.a.t ad\u200bmin " + "x" * 70),
    ("de", "Die Häuser wurden gebaut, und die Häuser stehen noch. Straße STRASSE"),
    ("ja", "東京タワーに行きました。東京 is big; 中中中 and 中"),
    ("zh", "我们的博客 archive 2024年 我们"),
    ("es", "argue argüir corriendo corrieron"),
    ("en", ""),
    ("en", "\u200b\u200c ... ,,, 12 3.14 _under_score_"),
    ("und", "word " * 300),
    # Over pickle's batch of 1,000 items; deltas of 2 and 4 bytes (positions past 255, 65,535).
    ("en", "filler " * 1100 + "tail"),
    ("en", "w " * 70000 + "far w"),
]


class _StockCodec(ArchiveCodec):
    """The same settings, postings flushed by Whoosh's own ``add_postings``."""

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return W3FieldWriter(self, storage, segment)


def _documents(folders: list[Path]) -> list[dict[str, Any]]:
    spelled: set[str] = set()
    documents = []
    for path in sorted(discover(folders)):
        parsed = parse_file(path, path.name, "")
        for post in parsed.posts:
            documents.extend(documents_for_post(post, spelled))
    assert len(documents) > 400
    base = documents[0]
    for number, (language, text) in enumerate(HOSTILE):
        documents.append(
            {**base, "id": f"hostile-{number}", "text": LanguageText(text, language),
             "_stored_text": text, "language": language}
        )  # fmt: skip
    return documents


def _segment_files(
    index_dir: Path, codec: Any, documents: list[dict[str, Any]], ours: bool, limitmb: float
) -> dict[str, bytes]:
    create_index(index_dir)
    # A small pool limit: the postings also go through the pool's temporary runs, and
    # ours through runs of token arrays, flushed in several chunks of terms.
    writer = SegmentWriter(
        open_index(index_dir), _lk=False, compound=False, limitmb=limitmb, codec=codec
    )
    for document in documents:
        if ours:
            add_document(writer, document)
        else:
            writer.add_document(**document)
    segment = writer._finalize_segment()
    writer._close_segment()
    prefix = f"{segment.indexname}_{segment.segid}"
    files = {}
    for path in index_dir.iterdir():
        if path.name.startswith(prefix):
            files[path.name.removeprefix(prefix)] = path.read_bytes()
    return files


@pytest.mark.parametrize("limitmb", [1, 0.05])
def test_segment_bytes_are_whooshs(core_archive: Path, tmp_path: Path, limitmb: float) -> None:
    generated = tmp_path / "generated"
    write_archive(generated, 400, seed=3)  # the benchmark's pages: many posts, languages
    documents = _documents([core_archive, generated])
    stock = _segment_files(tmp_path / "stock", _StockCodec(), documents, False, limitmb)
    ours = _segment_files(tmp_path / "ours", ArchiveCodec(), documents, True, limitmb)
    assert {".trm", ".pst"} <= set(stock)
    assert sorted(ours) == sorted(stock)
    for name in stock:
        assert ours[name] == stock[name], name


@pytest.mark.parametrize(("language", "text"), HOSTILE)
def test_text_positions_are_the_tokenizers(language: str, text: str) -> None:
    expected: dict[str, list[int]] = {}
    for token in text_analyzer()(LanguageText(text, language), positions=True, mode="index"):
        expected.setdefault(token.text, []).append(token.pos)
    assert text_positions(text, language) == expected


ASCII = [
    "".join(f"a{chr(code)}b{chr(code)}{chr(code)}9 " for code in range(128)),
    "a-b.c--d -e- f.-g _x_ 3.14-15 e-mail h.e.a.t. x..y -- .5 5. a_-_b",
]


@pytest.mark.parametrize("text", ASCII + [text for _, text in HOSTILE])
def test_words_of_ascii_text_are_the_patterns_words(text: str) -> None:
    """ASCII text is split by ASCII-only copies of the patterns: the same words."""
    assert text_words(text) == WORD_RE.findall(text)
    assert text_tokens(text) == TOKEN_RE.findall(text)


def test_positions_are_encoded_as_whoosh_encodes_them() -> None:
    """``encoded_positions`` (all postings at once) against ``Positions.encode``, one
    posting at a time: lists past pickle's batch of 1,000, deltas of 1, 2 and 4 bytes,
    and positions out of order (a negative delta)."""
    chooser = random.Random(5)
    lists = [
        sorted(chooser.sample(range(200_000), chooser.choice([1, 2, 3, 999, 1000, 1001, 2500])))
        for _ in range(120)
    ] + [[0], [5, 3], [70_000, 10], [3, 70_000, 2], [255, 256, 65_791]]
    counts = np.array([len(places) for places in lists])
    flat = np.array([place for places in lists for place in places], dtype=np.int32)
    data, offsets = encoded_positions(flat, np.cumsum(counts) - counts, counts)
    fmt = Positions()
    assert [data[a:b] for a, b in pairwise(offsets.tolist())] == [
        fmt.encode(places) for places in lists
    ]
