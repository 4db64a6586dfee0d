"""A streamed file's posts kept on disk between parsing and writing.

A build parses every file before deciding which copy of a post to keep, then
writes; a web archive of several GB holds more posts than memory. Its posts are
pickled to a temporary file as the reader hands them over, and read back one at
a time when written: memory holds one post, whatever the crawl's size.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator

from indexer.core.models import Post


class SpilledPosts:
    """The posts of one file, in a temporary file (deleted when closed or collected)."""

    def __init__(self, posts: Iterable[Post]) -> None:
        # Open for the object's life (closed by close()), not one block.
        self._file = tempfile.TemporaryFile(prefix="archive-search-posts-")  # noqa: SIM115
        self._offsets: list[int] = []
        self.keys: list[tuple[str, str]] = []  # (post id, title) per post
        self.passage_counts: list[int] = []  # documents per post
        for post in posts:
            self._offsets.append(self._file.tell())
            pickle.dump(post, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self.keys.append((post.post_id, post.title))
            self.passage_counts.append(max(1, len(post.passages)))

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, number: int) -> Post:
        self._file.seek(self._offsets[number])
        post = pickle.load(self._file)  # our own file, written above: trusted
        assert isinstance(post, Post)
        return post

    def __iter__(self) -> Iterator[Post]:
        for number in range(len(self)):
            yield self[number]

    def close(self) -> None:
        self._file.close()
