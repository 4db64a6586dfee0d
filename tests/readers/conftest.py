"""Helpers for reader tests: read a fixture file with the reader the registry picks."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.models import Post, ReadNotice
from indexer.readers import reader_for
from indexer.readers.base import ReadContext

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def read_file(path: Path) -> tuple[str, list[Post], list[ReadNotice]]:
    """The name of the reader that took ``path``, its posts and its warnings."""
    reader = reader_for(path)
    assert reader is not None, f"no reader takes {path}"
    context = ReadContext(path, str(path))
    posts = list(reader.read(context))
    return reader.name, posts, context.notices


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
