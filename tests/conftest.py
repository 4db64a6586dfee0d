"""Shared fixtures: real archive files, a real on-disk Whoosh index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import ArchiveIndex, index_archive
from tests.benchmark.archive import write_archive
from tests.paths import SAMPLE, SITE_FILES, TEXTPAGES


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


@pytest.fixture(scope="session")
def generated_index(tmp_path_factory: pytest.TempPathFactory) -> ArchiveIndex:
    """The benchmark's generator, 800 posts (seed 3): common words in long posting lists."""
    root = tmp_path_factory.mktemp("generated")
    write_archive(root / "archive", 800, seed=3)
    index_archive([root / "archive"], root / "index")
    return ArchiveIndex.open(root / "index")


@pytest.fixture(scope="session")
def sites_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of seven sites in every format (tests/paths.py ``SITE_FILES``): the
    sample text page (its site from the permalink a pingback quotes), a text page with
    none (its folder's name), two WordPress exports (their channel's link), a Blogger
    export (the blog), a saved HTML page (its canonical URL) and a web archive (its
    capture). Indexed as ``archive-search index`` does, in one process."""
    archive = tmp_path_factory.mktemp("sites")
    for target, source in SITE_FILES.items():
        (archive / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, archive / target)
    index_dir = tmp_path_factory.mktemp("sites-index")
    report = index_archive([archive], index_dir)
    assert not report.failed
    return index_dir
