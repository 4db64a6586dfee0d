"""py3langid's model is unpacked once into a cache folder and mapped after
(analysis/langmodel.py): a later process reads the same arrays, a damaged or unwritable
cache never changes an answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer.analysis import langmodel
from indexer.analysis.detection import VectorIdentifier
from indexer.analysis.language import reference_identifier

TEXTS = [
    "Das ist ein deutscher Satz über die Dinge des Lebens und so weiter.",
    "This is an English sentence about the things of life, written plainly.",
    "Ceci est une phrase française sur les choses de la vie et ainsi de suite.",
    "编译器笔记：内存分配与垃圾回收的基本原理，以及在实际项目中的实现方法。",
    "",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(langmodel.CACHE_ENVIRONMENT_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _answers(model: langmodel.LanguageModel) -> list[tuple[str, float]]:
    return VectorIdentifier(model).classify_many(TEXTS)


def _expected() -> list[tuple[str, float]]:
    reference = reference_identifier()
    return [reference.classify(text) for text in TEXTS]


def test_the_first_load_fills_the_cache_and_a_later_one_maps_it(cache: Path) -> None:
    first = langmodel.load()
    folders = list(cache.iterdir())
    assert [folder.name.startswith("py3langid-") for folder in folders] == [True]
    assert sorted(path.name for path in folders[0].iterdir()) == [
        "classes.json", "nextmove.npy", "output.npy", "prior.npy", "rowbase.npy", "table.npy",
    ]  # fmt: skip
    again = langmodel.load()
    assert isinstance(again.table, np.memmap) and isinstance(again.nextmove, np.memmap)
    assert again.classes == first.classes
    assert _answers(again) == _expected()
    assert again.aliases == reference_identifier()._alias_pairs


def test_a_damaged_cache_is_made_again(cache: Path) -> None:
    langmodel.load()
    (folder,) = cache.iterdir()
    table = folder / "table.npy"
    table.write_bytes(table.read_bytes()[:1000])  # a truncated file
    model = langmodel.load()
    assert _answers(model) == _expected()
    assert table.stat().st_size > 1_000_000  # written whole again


def test_a_cache_that_cannot_be_written_still_gives_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(langmodel.CACHE_ENVIRONMENT_VARIABLE, str(blocked / "cache"))
    model = langmodel.load()
    assert not isinstance(model.table, np.memmap)
    assert _answers(model) == _expected()
