"""Shared fixtures: real archive files, a real on-disk Whoosh index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import ArchiveIndex, index_archive
from tests.paths import SAMPLE, TEXTPAGES


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    """A folder holding the sample page (some test modules define their own)."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "sample.txt")
    return folder


@pytest.fixture(scope="session")
def core_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample page plus the hand-made text pages (hostile one included)."""
    archive = tmp_path_factory.mktemp("archive")
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    for page in TEXTPAGES.glob("*.txt"):
        shutil.copy(page, archive / page.name)
    return archive


@pytest.fixture(scope="session")
def core_index(core_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> ArchiveIndex:
    index_dir = tmp_path_factory.mktemp("index")
    report = index_archive([core_archive], index_dir)
    assert not report.failed
    return ArchiveIndex.open(index_dir)


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> ArchiveIndex:
    """An index of the sample page alone."""
    archive = tmp_path_factory.mktemp("sample")
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    index_dir = tmp_path_factory.mktemp("sample-index")
    index_archive([archive], index_dir)
    return ArchiveIndex.open(index_dir)
