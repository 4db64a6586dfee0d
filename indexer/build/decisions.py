"""Which files a run reads and which of their posts it writes.

A run reads new and changed files only (size and time, then content hash); of
the same post in several files, the newest file's copy is written and the others
reported, whether they lie under this run's roots or were indexed from others.
A file that fails to parse keeps its last good version.
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
        # Files indexed from other roots: their posts count as copies too (a folder
        # moved, or the same page saved twice), so a post is never written twice.
        self.elsewhere: dict[str, FileEntry] = {}
        self._gone: dict[str, bool] = {}
        self._by_post: dict[str, list[str]] | None = None  # post id -> those files
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

    def set_elsewhere(self, sources: Iterable[str]) -> None:
        """The manifest's files outside this run's roots (neither found nor removed)."""
        self.elsewhere = {source: self.manifest.files[source] for source in sources}

    def gone(self, source: str) -> bool:
        """Whether a file indexed from another root is no longer where it was named."""
        if source not in self.elsewhere:
            return False
        if source not in self._gone:
            self._gone[source] = not Path(source).exists()
        return self._gone[source]

    def _sources_of(self, post_id: str) -> list[str]:
        """Files not read this run that hold ``post_id``: looked up, not scanned, as
        every post of a new folder asks beside a large archive's unchanged files."""
        if self._by_post is None:
            self._by_post = {}
            for entries in (self.unchanged, self.elsewhere):
                for source, entry in entries.items():
                    for held in entry.post_ids:
                        self._by_post.setdefault(held, []).append(source)
        return self._by_post.get(post_id, [])

    def holders(self, post_id: str, excluding: str) -> list[tuple[float, str]]:
        """Files not read this run that also hold ``post_id``, as (mtime, source):
        unchanged ones, and those of other roots that are still there."""
        found = []
        for source in self._sources_of(post_id):
            entry = self.unchanged.get(source) or self.elsewhere.get(source)
            if source != excluding and entry is not None and not self.gone(source):
                found.append((entry.mtime, source))
        return found

    def release(self, post_ids: Iterable[str], pending: list[Any]) -> None:
        """Posts no longer held by a file: an older copy elsewhere must be read again."""
        for post_id in post_ids:
            if post_id in self.claimed:
                continue
            for _, source in self.holders(post_id, excluding=""):
                self.unchanged.pop(source, None)
                self.elsewhere.pop(source, None)
                path = Path(source)
                if path.exists():
                    pending.append((path, source, path.stat(), file_hash(path)))

    def forget_moved(self) -> None:
        """Drop the entries of files of other roots that are gone and whose every post a
        file of this run now holds (a folder moved or renamed): their passages went by
        post id when the new copies were claimed."""
        for source, entry in list(self.elsewhere.items()):
            if self.gone(source) and all(post_id in self.claimed for post_id in entry.post_ids):
                del self.manifest.files[source]
                self.summary.removed.append(source)

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
        older = self.holders(post_id, source)  # older ones, unless a newer one is among them
        newer = [holder for holder in older if holder > (mtime, source)]
        if post_id in self.claimed or newer:
            kept_in = self.claimed.get(post_id) or max(newer)[1]
            self.summary.warnings.append(
                f"{source}: {title[:80]!r} is the same post as in {kept_in} "
                "(same URL, or same title and date); the newer copy is kept"
            )
            return False
        moved = [s for s in self._sources_of(post_id) if s in self.elsewhere and self.gone(s)]
        if older or moved:
            writer.delete_by_term("post_id", post_id)
        if older:
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
