"""Language detection walks py3langid's automaton in numpy (analysis/detection.py,
issue 23): its answers must be py3langid's own, probability and all, on every passage,
post and sample the build detects, in every language the fixtures hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis.detection import TRIE_DEPTH, automaton_depth
from indexer.analysis.language import (
    PASSAGE_SAMPLE,
    POST_SAMPLE,
    _identifier,
    reference_identifier,
)
from indexer.build.parsing import parse_file
from indexer.readers import reader_for

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "data", ROOT / "tests" / "fixtures", ROOT.parent / "shared" / "fixtures"]
ODD = [
    "",
    "a",
    "Ü",
    "日本語のテキストです",
    "\x00\xff\ud800",
    "ABC DEF GHI",
    "x" * 5000,
    "🙂" * 50,
    "编译器笔记：内存分配与垃圾回收的基本原理，以及在实际项目中的实现方法。",
]


def _texts() -> list[str]:
    texts = list(ODD)
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            reader = reader_for(path) if path.is_file() else None
            if reader is None or reader.streamed:  # web archives: the same pages as HTML
                continue
            for post in parse_file(path, path.name, "").posts:
                texts.append(post.title + "\n" + "\n".join(part.text for part in post.passages))
                texts.extend(part.text for part in post.passages)
    return texts


def test_the_trie_depth_bound_holds() -> None:
    reference = reference_identifier()
    assert automaton_depth(_identifier()._nextmove, _identifier()._rowbase) <= TRIE_DEPTH
    assert len(reference.nb_classes) > 90


@pytest.mark.slow
@pytest.mark.parametrize("sample", [PASSAGE_SAMPLE, POST_SAMPLE])
def test_every_answer_is_py3langids(sample: int) -> None:
    texts = _texts()
    assert len(texts) > 1000
    reference, ours = reference_identifier(), _identifier()
    answers = {(reference.classify(text[:sample]), ours.classify(text[:sample])) for text in texts}
    differing = [(theirs, mine) for theirs, mine in answers if theirs != mine]
    assert differing == []
    assert {code for (code, _), _ in answers} >= {"en", "de", "fr", "zh", "es"}
