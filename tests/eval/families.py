"""Which reader, and which family of thread, took each page of a run: the HTML reader's
families by ``page_family`` (forum topic, submission thread, comment thread by theme or
by signed blocks, no thread); the text reader's by whether it found a thread."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html
from lxml import etree

from indexer.core.models import Section
from indexer.errors import ArchiveFileError
from indexer.readers import reader_for
from indexer.readers.base import ReadContext
from indexer.readers.html.encoding import decode_page
from indexer.readers.html.forum import page_family


def families(folder: Path) -> dict[str, int]:
    """Pages of ``folder`` by "reader: family", most first."""
    counts: Counter[str] = Counter()
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        reader = reader_for(path)
        name = reader.name if reader is not None else "no reader"
        counts[f"{name}: {_family(name, path)}"] += 1
    return dict(counts.most_common())


def _family(reader: str, path: Path) -> str:
    if reader == "html-page":
        text, _ = decode_page(path.read_bytes())
        try:
            return page_family(lxml.html.document_fromstring(text.encode("utf-8")))
        except (etree.ParserError, ValueError):
            return "unreadable"
    found = reader_for(path)
    if found is None:
        return "-"
    try:
        posts = list(found.read(ReadContext(path, str(path))))
    except ArchiveFileError:
        return "skipped"
    threads = any(p.section == Section.COMMENT for post in posts for p in post.passages)
    return "comment thread" if threads else "no thread"
