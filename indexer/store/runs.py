"""Postings kept as integer arrays per field, spilled to temporary files as they are.

Shared by the text tokens (``textpostings.FieldTokens``) and the other indexed fields'
postings (``keypostings.FieldKeys``): past the writer's memory limit a field's arrays
go to a temporary file (deleted when closed, or when the process ends however it
ends), and the segment's flush reads them back a range of terms at a time, so the
sorting never needs more than about one limit's worth of memory.
"""

from __future__ import annotations

import tempfile
from array import array
from collections.abc import Callable, Iterator
from itertools import pairwise
from typing import IO, Any

import numpy as np
import numpy.typing as npt

Ints32 = npt.NDArray[np.int32]
Arrays = tuple[npt.NDArray[Any], ...]  # per posting (or token): the term number first
Run = tuple[IO[bytes], tuple[int, ...]]  # a temporary file and its arrays' lengths


def spill(arrays: list[array[Any]]) -> Run:
    """The arrays to a new temporary file."""
    run = tempfile.TemporaryFile(prefix="archive-search-postings-")  # noqa: SIM115
    for values in arrays:
        values.tofile(run)
    return run, tuple(len(values) for values in arrays)


def read(run: Run, typecodes: str) -> list[npt.NDArray[Any]]:
    """A run's arrays (``typecodes``: each one's ``array`` type code)."""
    file, lengths = run
    file.seek(0)
    result = []
    for code, length in zip(typecodes, lengths, strict=True):
        size = array(code).itemsize
        result.append(np.frombuffer(file.read(size * length), dtype=np.dtype(code)))
    return result


def close(runs: list[Run]) -> None:
    for file, _ in runs:
        file.close()


def term_ranks(terms: list[Any]) -> tuple[list[int], Ints32]:
    """Term numbers in term order, and each term number's rank in it."""
    in_order = sorted(range(len(terms)), key=terms.__getitem__)
    rank = np.empty(len(terms), dtype=np.int32)
    rank[in_order] = np.arange(len(rank), dtype=np.int32)
    return in_order, rank


def chunks(
    parts: Callable[[], Iterator[Arrays]], rank: Ints32, spilled: bool, chunk_size: int
) -> Iterator[Arrays]:
    """Every part's arrays (``parts()``: runs, then what is held, in document order),
    the term numbers replaced by their ranks, joined a range of ranks at a time: whole
    terms, about ``chunk_size`` postings or tokens in each range."""
    if not len(rank):
        return
    if not spilled:  # what is held alone: at most the memory limit
        for numbers, *rest in parts():
            if len(numbers):
                yield (rank[numbers], *rest)
        return
    counts = np.zeros(len(rank), dtype=np.int64)
    for numbers, *_ in parts():
        counts += np.bincount(rank[numbers], minlength=len(rank))
    ranges = (np.cumsum(counts) - counts) // max(1, chunk_size)
    starts = np.flatnonzero(changes(ranges)).tolist()
    for low, high in pairwise([*starts, len(rank)]):
        pieces = []
        for numbers, *rest in parts():
            ranks = rank[numbers]
            kept = (ranks >= low) & (ranks < high)
            pieces.append((ranks[kept], *(values[kept] for values in rest)))
        joined = tuple(np.concatenate(part) for part in zip(*pieces, strict=True))
        del pieces
        yield joined


def changes(values: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.bool_]:
    """Where a run of equal values starts."""
    changed = np.empty(len(values), dtype=bool)
    changed[:1] = True
    np.not_equal(values[1:], values[:-1], out=changed[1:])
    return changed
