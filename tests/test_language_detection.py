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
    _letters,
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


def _posts_texts() -> list[list[str]]:
    """The texts the build detects, a post's together (ODD as one more post)."""
    posts = [list(ODD)]
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            reader = reader_for(path) if path.is_file() else None
            if reader is None or reader.streamed:  # web archives: the same pages as HTML
                continue
            for post in parse_file(path, path.name, "").posts:
                texts = [post.title + "\n" + "\n".join(part.text for part in post.passages)]
                posts.append(texts + [part.text for part in post.passages])
    return posts


def _texts() -> list[str]:
    return [text for texts in _posts_texts() for text in texts]


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


@pytest.mark.slow
def test_a_posts_passages_detected_together_get_py3langids_answers() -> None:
    """The build detects a post's passages in one batch (``classify_many``): each
    answer is still the one py3langid gives the passage alone."""
    reference, ours = reference_identifier(), _identifier()
    posts = _posts_texts()
    assert len(posts) > 100
    for texts in posts:
        samples = [text[:PASSAGE_SAMPLE] for text in texts]
        assert ours.classify_many(samples) == [reference.classify(text) for text in samples]


@pytest.mark.parametrize(
    "text", ["", "abc 12 _x", "".join(map(chr, range(128))) * 10, "Grüße, Ελλάδα ½ ²", ODD[-1]]
)
def test_letters_are_counted_as_str_isalpha_counts_them(text: str) -> None:
    assert _letters(text) == sum(map(str.isalpha, text[: PASSAGE_SAMPLE * 2]))
