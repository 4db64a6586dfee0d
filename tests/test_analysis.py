"""The one-step text analysis indexes exactly what Whoosh's filter chain would."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis import reference_text_analyzer, text_analyzer

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    *sorted((ROOT / "data" / "archive").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "textpages").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html")),
    ROOT / "tests" / "fixtures" / "wxr" / "wxr-utf-8-challenges.xml",
]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.name)
def test_same_terms_and_positions_as_the_filter_chain(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    fast = [(t.text, t.pos) for t in text_analyzer()(text, positions=True)]
    reference = [(t.text, t.pos) for t in reference_text_analyzer()(text, positions=True)]
    assert fast == reference and len(fast) > 10


def test_accents_invisibles_and_stems() -> None:
    words = [t.text for t in text_analyzer()("Café ad\u200bmin Policing H.E.A.T. naïve")]
    assert words == ["cafe", "admin", "polic", "h.e.a.t", "naiv"]
