"""Opening, creating and locking the on-disk Whoosh index.

Segments are written non-compound: a compound segment is copied into memory by
every searcher (~82 MB per searcher at 50k passages, measured), a non-compound
one is mapped and costs under 1 MB, and opening a searcher costs 0.25 ms.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from indexer.errors import (
    ArchiveSearchError,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    IndexOutdated,
    StorageFailure,
)
from indexer.store.codec import ArchiveCodec
from indexer.store.damage import is_damage
from indexer.store.schema import SCHEMA_VERSION, build_schema

# The schema version is part of the index name: an index of a new version is built
# beside the old one, which keeps answering until the new one is committed.
INDEX_NAME = f"passages-v{SCHEMA_VERSION}"

_OTHER_VERSION_RE = re.compile(r"^_?passages(?:-v\d+)?_")
HOLDER_FILE = "writer.json"


def index_exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME)


def open_index(index_dir: Path) -> Any:
    """The Whoosh index in ``index_dir``; IndexMissing / IndexDamaged with the next step."""
    try:
        exists = index_exists(index_dir)
    except Exception as error:  # a damaged TOC fails even Whoosh's existence check
        if not is_damage(error):
            raise
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error
    if not exists:
        if index_dir.is_dir() and any(_OTHER_VERSION_RE.match(p.name) for p in index_dir.iterdir()):
            raise IndexOutdated(str(index_dir))
        raise IndexMissing(str(index_dir))
    try:
        return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except Exception as error:  # unpickling a truncated TOC raises many kinds
        if not is_damage(error):
            raise
        raise IndexDamaged(str(index_dir), f"{type(error).__name__}: {error}") from error


def create_index(index_dir: Path) -> Any:
    index_dir.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(index_dir))
    return storage.create_index(build_schema(), indexname=INDEX_NAME)


def _holder(index_dir: Path) -> str | None:
    try:
        data = json.loads((index_dir / HOLDER_FILE).read_text(encoding="utf-8"))
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(data["started"])))
        return f"process {int(data['pid'])} since {started}"
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextmanager
def exclusive_writer(index: Any, index_dir: Path, wait_seconds: float = 0.0) -> Iterator[Any]:
    """The index's one writer (non-compound segments). Another process holding it:
    wait up to ``wait_seconds``, then ``IndexBusy`` naming that process.

    The lock is Whoosh's ``flock``: the kernel frees it when a writer dies, so a
    killed writer never leaves a stale lock behind.
    """
    try:
        writer = index.writer(
            timeout=wait_seconds, delay=0.25, compound=False, limitmb=256, codec=ArchiveCodec()
        )
    except LockError:
        raise IndexBusy(str(index_dir), _holder(index_dir)) from None
    holder_path = index_dir / HOLDER_FILE
    holder_path.write_text(json.dumps({"pid": os.getpid(), "started": time.time()}))
    try:
        yield writer
    finally:
        if not writer.is_closed:  # not committed (an error, or nothing to do): release
            writer.cancel()
        holder_path.unlink(missing_ok=True)


def remove_other_versions(index_dir: Path) -> None:
    """Delete the files of indexes of other schema versions (after a rebuild committed)."""
    for path in index_dir.iterdir():
        if _OTHER_VERSION_RE.match(path.name) and not path.name.lstrip("_").startswith(
            f"{INDEX_NAME}_"
        ):
            path.unlink(missing_ok=True)


class Guarded:
    """A Whoosh searcher or reader whose calls (and the iterators they return) raise
    ``StorageFailure`` for what damaged files raise inside Whoosh (``is_damage``): the
    storage boundary. A bug in our code passes through as the bug it is."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = value(*args, **kwargs)
            except ArchiveSearchError:
                raise
            except Exception as error:
                if not is_damage(error):
                    raise
                raise StorageFailure(error) from error
            if name == "reader":
                return Guarded(result)
            if name == "stored_fields" and "id" not in result:
                # A truncated stored-fields column decodes to an empty record rather
                # than failing: every passage is stored with its id, so this is damage.
                raise StorageFailure(ValueError(f"document {args[0]} has no stored fields"))
            if isinstance(result, Iterator):
                return _guarded_iterator(result)
            return result

        return call

    def __enter__(self) -> Guarded:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._target.close()


def _guarded_iterator(items: Iterator[Any]) -> Iterator[Any]:
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as error:
            if not is_damage(error):
                raise
            raise StorageFailure(error) from error
        yield item
