"""py3langid's model as the arrays detection.py walks, unpacked once and mapped after.

py3langid ships its model LZMA-packed (4.5 MB): unpacking it took 0.4-0.5 s of every
process that detects a language (half of a one-file update), and converting it held
~140 MB in each build worker. The unpacked arrays are kept in a cache folder and mapped
read-only, so a later process opens them in milliseconds and the build's processes
share one copy in the page cache. The cache is keyed by the model file's bytes; a
cache that cannot be written or read is rebuilt or skipped (the model is then unpacked
in memory, as before), never trusted blindly.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# Where derived data lives: ARCHIVE_SEARCH_CACHE, else the XDG cache folder.
CACHE_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_CACHE"
_ARRAYS = ("nextmove", "rowbase", "output", "table", "prior")


@dataclass(frozen=True)
class LanguageModel:
    """The parts of a py3langid model (``norm_probs=True``) detection.py uses."""

    nextmove: np.ndarray  # the automaton's next state per (row base + byte)
    rowbase: np.ndarray  # int64: a state's row in ``nextmove``, times 256
    output: np.ndarray  # int64: the feature a state emits, -1 for none
    table: np.ndarray  # float32 (float16 -> float32 is exact): feature x class
    prior: np.ndarray  # float32: per class
    classes: tuple[str, ...]

    @property
    def aliases(self) -> list[tuple[int, int]]:
        """(first, repeat) columns of labels that appear twice, as py3langid pairs them."""
        first: dict[str, int] = {}
        pairs = []
        for column, label in enumerate(self.classes):
            if label in first:
                pairs.append((first[label], column))
            else:
                first[label] = column
        return pairs


def from_identifier(identifier: Any) -> LanguageModel:
    """The arrays of a loaded ``py3langid.langid.LanguageIdentifier``."""
    return LanguageModel(
        nextmove=np.asarray(identifier.tk_nextmove),
        rowbase=np.asarray(identifier.tk_row, dtype=np.int64) << 8,
        output=np.asarray(identifier.tk_output, dtype=np.int64),
        table=np.asarray(identifier.nb_ptc, dtype=np.float32),
        prior=np.asarray(identifier.nb_pc, dtype=np.float32),
        classes=tuple(identifier.nb_classes),
    )


def cache_root() -> Path:
    configured = os.environ.get(CACHE_ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "archive-search"


def model_file() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / str(MODEL_FILE)


def load() -> LanguageModel:
    """The model, mapped from the cache (made first when missing or unreadable)."""
    source = model_file()
    folder = cache_root() / f"py3langid-{_digest(source)}"
    cached = _read(folder)
    if cached is not None:
        return cached
    shutil.rmtree(folder, ignore_errors=True)  # unreadable: made again below
    model = from_identifier(unpack())
    _write(folder, model)
    return _read(folder) or model


def unpack() -> Any:
    """py3langid's own classifier, its packed model unpacked in memory (the slow way)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _read(folder: Path) -> LanguageModel | None:
    try:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
        classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, truncated or not ours: rebuilt by the caller
        return None
    model = LanguageModel(**arrays, classes=tuple(classes))
    return model if _consistent(model) else None


def _consistent(model: LanguageModel) -> bool:
    return (
        model.table.ndim == 2
        and model.table.shape[1] == len(model.classes)
        and model.prior.shape == (len(model.classes),)
        and model.rowbase.shape == model.output.shape
        and model.table.dtype == np.float32
    )


def _write(folder: Path, model: LanguageModel) -> None:
    """Written to a temporary folder and renamed into place, so a reader sees the whole
    model or none; a cache that cannot be written is no error (the model is in memory)."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder.parent))
    except OSError:
        return
    try:
        for name in _ARRAYS:
            np.save(staging / f"{name}.npy", np.ascontiguousarray(getattr(model, name)))
        (staging / "classes.json").write_text(json.dumps(list(model.classes)), encoding="utf-8")
        os.replace(staging, folder)  # fails when another process got there first: fine
    except OSError:
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
