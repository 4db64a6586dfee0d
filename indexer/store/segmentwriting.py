"""Segments written by build workers and committed with the index's one writer.

The only place that drives Whoosh's writer internals (2.7.4's ``SegmentWriter`` and
the steps of ``MpWriter._commit``): a worker process writes a segment of its own
without the lock, and the indexing process, which holds the lock, commits all of
them in one table of contents.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from whoosh import writing
from whoosh.writing import SegmentWriter

from indexer.store.codec import ArchiveCodec
from indexer.store.storage import open_index

# A finished segment as Whoosh describes it (its ``Segment``), handed between processes.
Segment = Any


class WorkerSegment:
    """A lock-less segment writer for one worker: the indexing process holds the lock
    and commits the finished segment (``commit_with_segments``)."""

    def __init__(self, index_dir: Path) -> None:
        self.writer: Any = SegmentWriter(
            open_index(index_dir), _lk=False, compound=False, limitmb=128, codec=ArchiveCodec()
        )

    def finish(self, written: int) -> Segment | None:
        """The finished segment, or None (and its files gone) when nothing was written."""
        writer, self.writer = self.writer, None
        if written:
            return writer._finalize_segment()
        writer._close_segment()
        return None

    def discard(self) -> None:
        """Its pool's temporary files go; on a full disk this can fail again, and the
        indexing process has already been told."""
        if self.writer is not None:
            with contextlib.suppress(Exception):
                self.writer._close_segment()
            self.writer = None


def commit_with_segments(writer: Any, segments: list[Segment], rebuild: bool) -> None:
    """``writer.commit()`` that also commits the workers' segments: the steps of Whoosh
    2.7.4's ``MpWriter._commit`` with ``multisegment=True``. A rebuild drops every
    earlier segment (``writing.CLEAR``)."""
    mergetype = writing.CLEAR if rebuild else None
    if not segments:
        writer.commit(mergetype=mergetype)
        return
    writer._check_state()
    final = writer._merge_segments(mergetype, None, None) + segments
    if writer._added:  # documents added locally, or small segments merged into it
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()
