"""What an indexing run did, per file and in total (printed by the CLI, as JSON too)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FileOutcome:
    source: str
    status: str  # added | updated | unchanged | failed | unrecognised
    reader: str = ""
    posts: int = 0
    passages: int = 0
    error: str = ""


@dataclass
class IndexRunSummary:
    """One ``index_archive`` run: each file's outcome, the warnings, the index's totals."""

    index_dir: str
    outcomes: list[FileOutcome] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passages: int = 0  # in the index after this run
    posts: int = 0
    rebuilt: bool = False
    elapsed_s: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> list[FileOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]

    def to_json(self) -> dict[str, Any]:
        read = [o for o in self.outcomes if o.status in ("added", "updated", "unchanged")]
        return {
            "index": self.index_dir,
            "files": len(read),
            "passages": self.passages,
            "posts": self.posts,
            "added": self.count("added"),
            "updated": self.count("updated"),
            "removed": len(self.removed),
            "unchanged": self.count("unchanged"),
            "rebuilt": self.rebuilt,
            "failed": [{"path": o.source, "error": o.error} for o in self.failed],
            "warnings": list(self.warnings),
            "per_file": [
                {
                    "path": o.source,
                    "status": o.status,
                    "reader": o.reader,
                    "posts": o.posts,
                    "passages": o.passages,
                }
                for o in self.outcomes
                if o.status != "unrecognised"
            ],
            "elapsed_s": round(self.elapsed_s, 3),
        }
