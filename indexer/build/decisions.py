"""Which files a run reads and which of their posts it writes.

A run reads new and changed files only (size and time, then content hash); of
the same post in several files, the newest file's copy is written and the others
reported. A file that fails to parse keeps its last good version.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from indexer.build.manifest import FileEntry, Manifest, file_hash
from indexer.build.parsing import ParsedFile
from indexer.build.summary import FileOutcome, IndexRunSummary


class Decision(NamedTuple):
    """What ``Run.decide`` made of a parsed file."""

    kept: list[int]  # its posts to write, by number
    dropped: frozenset[str]  # posts its last version held and this one does not


class _Unknown:
    """Stands in for a file's stat when its content is not known to match the index."""

    def __init__(self, size: int) -> None:
        self.st_size = size
        self.st_mtime = -1.0  # never a real modification time: the next run re-reads


class Run:
    """One indexing run: classify files, resolve duplicates, write, commit."""

    def __init__(self, manifest: Manifest, summary: IndexRunSummary, rebuild: bool) -> None:
        self.manifest = manifest
        self.summary = summary
        self.rebuild = rebuild
        self.unchanged: dict[str, FileEntry] = {}  # sources left as they are this run
        self.claimed: dict[str, str] = {}  # post id -> source that wrote it this run
        self.spelled: set[str] = set()  # words this run already gave the spelling vocabulary
        self.touched = False  # whether the manifest changed without a commit

    def classify(
        self, files: list[tuple[Path, str]]
    ) -> list[tuple[Path, str, os.stat_result, str]]:
        """Files to (re)parse, newest first; unchanged ones are recorded, not read."""
        pending = []
        for path, source in files:
            try:
                stat = path.stat()
                previous = None if self.rebuild else self.manifest.files.get(source)
                if previous and (previous.size, previous.mtime) == (stat.st_size, stat.st_mtime):
                    self.unchanged[source] = previous
                    continue
                content_hash = file_hash(path)
            except OSError as error:
                self.summary.outcomes.append(
                    FileOutcome(source, "failed", error=f"cannot read file: {error.strerror}")
                )
                continue
            if previous and previous.hash == content_hash:
                previous.mtime = stat.st_mtime
                self.touched = True  # same content, new time: the manifest must learn it
                self.unchanged[source] = previous
                continue
            pending.append((path, source, stat, content_hash))
        pending.sort(key=lambda item: (item[2].st_mtime, item[1]), reverse=True)
        return pending

    def holders(self, post_id: str, excluding: str) -> list[tuple[float, str]]:
        """Unchanged files that also hold ``post_id``, as (mtime, source)."""
        return [
            (entry.mtime, source)
            for source, entry in self.unchanged.items()
            if source != excluding and post_id in entry.post_ids
        ]

    def release(self, post_ids: Iterable[str], pending: list[Any]) -> None:
        """Posts no longer held by a file: an older copy elsewhere must be read again."""
        for post_id in post_ids:
            if post_id in self.claimed:
                continue
            for _, source in self.holders(post_id, excluding=""):
                self.unchanged.pop(source)
                path = Path(source)
                if path.exists():
                    pending.append((path, source, path.stat(), file_hash(path)))

    def resume_state(self, source: str) -> dict[str, Any] | None:
        """A web archive's reader state from the last run (unless rebuilding)."""
        entry = None if self.rebuild else self.manifest.files.get(source)
        return entry.resume if entry is not None else None

    def decide(self, writer: Any, parsed: ParsedFile, stat: Any, content_hash: str) -> Decision:
        """Which of a parsed file's posts to write (by number), and the posts the file no
        longer holds; deletions go to ``writer``, the manifest entry and outcome to the
        run. Files are decided newest first."""
        source = parsed.source
        previous = self.manifest.files.get(source)
        if parsed.error is not None:
            self._failed(source, parsed.error, previous)
            return Decision([], frozenset())
        self.summary.warnings.extend(parsed.warnings)
        if parsed.changed_while_read:
            # What was parsed may be either version: the manifest records "unknown"
            # and the next run reads the file again, whatever its size and time then.
            self.summary.warnings.append(
                f"{source}: changed while it was being read; it will be read again next run"
            )
            content_hash, stat = "", _Unknown(stat.st_size)
        kept_before = self._delete_old(writer, parsed, previous)
        kept = [
            number
            for number, (post_id, title) in enumerate(parsed.post_keys)
            if self._claim(writer, source, post_id, title, stat.st_mtime)
        ]
        post_ids = kept_before + [post_id for post_id, _ in parsed.post_keys]
        passages = sum(parsed.passage_counts[number] for number in kept)
        if kept_before and previous is not None:
            passages += previous.passages - parsed.replaced_passages
        self.manifest.files[source] = FileEntry(
            hash=content_hash,
            size=stat.st_size,
            mtime=stat.st_mtime,
            reader=parsed.reader,
            post_ids=post_ids,
            passages=passages,
            resume=parsed.resume if content_hash else None,
        )
        status = "updated" if previous else "added"
        self.summary.outcomes.append(
            FileOutcome(source, status, parsed.reader, len(post_ids), passages)
        )
        return Decision(kept, frozenset(previous.post_ids if previous else ()) - set(post_ids))

    def _delete_old(self, writer: Any, parsed: ParsedFile, previous: FileEntry | None) -> list[str]:
        """The file's old passages go in the same commit as its new ones; a web archive
        that grew replaces only the posts its new records touch (the others, returned,
        stay)."""
        source = parsed.source
        if parsed.replaced is None or previous is None:
            writer.delete_by_term("source", source)
            return []
        for post_id in parsed.replaced:
            if not self.holders(post_id, source):
                writer.delete_by_term("post_id", post_id)
        replaced = set(parsed.replaced)
        return [post_id for post_id in previous.post_ids if post_id not in replaced]

    def _claim(self, writer: Any, source: str, post_id: str, title: str, mtime: float) -> bool:
        """Whether this file's copy of a post is written: the newest copy wins."""
        newer = [h for h in self.holders(post_id, source) if h > (mtime, source)]
        if post_id in self.claimed or newer:
            kept_in = self.claimed.get(post_id) or max(newer)[1]
            self.summary.warnings.append(
                f"{source}: {title[:80]!r} is the same post as in {kept_in} "
                "(same URL, or same title and date); the newer copy is kept"
            )
            return False
        older = self.holders(post_id, source)
        if older:
            writer.delete_by_term("post_id", post_id)
            self.summary.warnings.append(
                f"{source}: {title[:80]!r} is the same post as in "
                f"{', '.join(s for _, s in older)}; this newer copy replaces it"
            )
        self.claimed[post_id] = source
        return True

    def _failed(self, source: str, reason: str, previous: FileEntry | None) -> None:
        if previous is not None:
            reason += " (its last good version stays in the index)"
            self.unchanged[source] = previous
        self.summary.outcomes.append(FileOutcome(source, "failed", error=reason))
