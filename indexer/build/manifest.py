"""The manifest beside the index: which archive files it holds, as of which content.

``manifest.json`` maps each source path to its content hash, size, mtime and
the post and passage ids it gave. ``archive-search index`` compares the archive
with it to parse only new and changed files. It is written (atomically) after
each successful commit; if a crash falls between the commit and the manifest,
the next run re-applies the same files, which is idempotent.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

MANIFEST_FILE = "manifest.json"


@dataclass
class FileEntry:
    hash: str
    size: int
    mtime: float
    reader: str
    post_ids: list[str] = field(default_factory=list)
    passages: int = 0
    resume: dict[str, Any] | None = None  # a web archive's state: where to read on from


@dataclass
class Manifest:
    schema_version: int
    files: dict[str, FileEntry] = field(default_factory=dict)
    last_commit: float | None = None

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        path = index_dir / MANIFEST_FILE
        try:
            data: dict[str, Any] = orjson.loads(path.read_bytes())
            return cls(
                schema_version=int(data["schema_version"]),
                files={
                    source: FileEntry(**entry) for source, entry in data.get("files", {}).items()
                },
                last_commit=data.get("last_commit"),
            )
        except (OSError, ValueError, KeyError, TypeError):  # orjson's errors are ValueErrors
            return None

    def save(self, index_dir: Path) -> None:
        path = index_dir / MANIFEST_FILE
        temporary = path.with_suffix(".tmp")
        payload = {
            "schema_version": self.schema_version,
            "last_commit": self.last_commit,
            # vars(), not dataclasses.asdict (which deep-copies): the manifest of a
            # million-passage archive has tens of thousands of entries.
            "files": {source: vars(entry) for source, entry in sorted(self.files.items())},
        }
        # orjson: the same compact UTF-8 JSON as json.dumps(..., ensure_ascii=False) in
        # a fifth of the time (tens of thousands of entries, read and written each run).
        temporary.write_bytes(orjson.dumps(payload))
        os.replace(temporary, path)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
