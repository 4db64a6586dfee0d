"""One archive file read into posts: the step a build runs in worker processes.

Everything here is per file and independent of the index (no writer, no lock),
so it runs the same in the indexing process or in a worker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.build.manifest import file_hash
from indexer.build.spill import SpilledPosts
from indexer.core.models import Post
from indexer.errors import ArchiveFileError
from indexer.readers import ReadContext, reader_for
from indexer.readers.base import GrowingReader, Growth
from indexer.readers.junk import clean_post

UNRECOGNISED = (
    "not a format archive-search reads (saved text or HTML page, WordPress export, "
    "Blogger export, web archive: WARC or WACZ)"
)


@dataclass
class ParsedFile:
    """A file's posts, or why it could not be read. ``post_keys`` (id, title) is all the
    indexing process needs to decide which posts to keep; ``posts`` may stay in a worker."""

    source: str
    reader: str = ""
    posts: list[Post] | SpilledPosts = field(default_factory=list)
    post_keys: list[tuple[str, str]] = field(default_factory=list)
    passage_counts: list[int] = field(default_factory=list)  # documents per post
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    changed_while_read: bool = False
    # A web archive: its reader's state for the next run; and when only the records
    # appended since the last run were read, the post ids (and passage count) they replace.
    resume: dict[str, Any] | None = None
    replaced: list[str] | None = None
    replaced_passages: int = 0

    def summary(self) -> ParsedFile:
        """The same without the posts: what a worker sends back."""
        return dataclasses.replace(self, posts=[])


def _without_junk(posts: Iterable[Post], context: ReadContext) -> Iterator[Post]:
    """Every reader's posts without junk (``readers/junk.py``); a post that was mostly
    junk is reported, not indexed."""
    for post in posts:
        kept = clean_post(post, context.warn)
        if kept is not None:
            yield kept


def _hash_or_none(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None


def parse_file(
    path: Path, source: str, content_hash: str, resume: dict[str, Any] | None = None
) -> ParsedFile:
    """Read one file; a reader's error (or bug) costs this file only. ``resume`` is the
    reader's state from the last run (web archives that grow)."""
    parsed = ParsedFile(source)
    growth = Growth()
    try:
        reader = reader_for(path)
        if reader is None:
            raise ArchiveFileError(source, UNRECOGNISED)
        parsed.reader = reader.name
        context = ReadContext(path, source)
        posts = _without_junk(
            reader.read_on(context, resume, growth)
            if isinstance(reader, GrowingReader)
            else reader.read(context),
            context,
        )
        if reader.streamed:  # a web archive: its posts wait on disk, not in memory
            spilled = SpilledPosts(posts)
            parsed.posts, parsed.post_keys = spilled, spilled.keys
            parsed.passage_counts = spilled.passage_counts
        else:
            parsed.posts = list(posts)
    except ArchiveFileError as error:
        parsed.error = error.message.removeprefix(f"{source}: ")
        return parsed
    except Exception as error:  # a reader's bug must cost one file, never the run
        parsed.error = f"{type(error).__name__}: {error}"
        return parsed
    parsed.warnings = [str(warning) for warning in context.notices]
    parsed.resume, parsed.replaced = growth.state, growth.replaced
    parsed.replaced_passages = growth.replaced_passages
    if isinstance(parsed.posts, list):
        parsed.post_keys = [(post.post_id, post.title) for post in parsed.posts]
        # A post without passages is still one document (findable by its title).
        parsed.passage_counts = [max(1, len(post.passages)) for post in parsed.posts]
    # Changed while being read (an editor still saving, a sync in progress): what was
    # parsed may be either version, so the next run must read the file again.
    parsed.changed_while_read = _hash_or_none(path) != content_hash
    return parsed
