"""Helpers for reader tests: read a fixture file with the reader the registry picks."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from indexer.core.models import Passage, Post, ReadNotice, Section
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


def comment_thread(path: Path, reader: str) -> list[Passage]:
    """The comments and pingbacks of the one post ``reader`` reads from ``path``."""
    name, [post], _ = read_file(path)
    assert name == reader
    return [p for p in post.passages if p.section in (Section.COMMENT, Section.PINGBACK)]


def comment_rows(path: Path, reader: str) -> list[tuple[str, str, datetime | None, str, str]]:
    """Each comment as (anchor, author, date, parent, text)."""
    return [(p.anchor, p.author, p.date, p.parent, p.text) for p in comment_thread(path, reader)]


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
