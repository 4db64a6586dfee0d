"""Text analysis: the one-step English analysis indexes exactly what Whoosh's filter
chain would; other languages get their own stemmer; CJK runs become bigrams."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis.analyzers import LanguageText, reference_text_analyzer, text_analyzer

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
    fast = [(t.text, t.pos) for t in text_analyzer()(LanguageText(text, "en"), positions=True)]
    reference = [(t.text, t.pos) for t in reference_text_analyzer()(text, positions=True)]
    assert fast == reference and len(fast) > 10


def _terms(text: str, language: str | None) -> list[str]:
    value = text if language is None else LanguageText(text, language)
    return [t.text for t in text_analyzer()(value)]


def test_accents_invisibles_and_stems() -> None:
    words = _terms("Café ad\u200bmin Policing H.E.A.T. naïve", "en")
    assert words == ["cafe", "admin", "polic", "h.e.a.t", "naiv"]


def test_each_language_its_own_stemmer_and_query_words_unstemmed() -> None:
    assert _terms("Polizisten Häuser", "de") == ["polizist", "haus"]
    assert _terms("policières maisons", "fr") == ["policier", "maison"]
    assert _terms("Policing Häuser", None) == ["policing", "hauser"]  # how queries are read
    assert _terms("Policing Häuser", "pl") == ["policing", "hauser"]  # no stemmer: folded only


def test_cjk_runs_become_bigrams_with_positions() -> None:
    tokens = [
        (t.text, t.pos)
        for t in text_analyzer()(LanguageText("我的编译器 ok", "zh"), positions=True)
    ]
    assert tokens == [
        ("我的", 0), ("我", 0), ("的编", 1), ("的", 1), ("编译", 2), ("编", 2),
        ("译器", 3), ("译", 3), ("器", 3), ("ok", 4),
    ]  # fmt: skip
    query = [(t.text, t.pos) for t in text_analyzer()("编译器", mode="query", positions=True)]
    assert query == [("编译", 0), ("译器", 1)]  # a query's run: bigrams only, in sequence
