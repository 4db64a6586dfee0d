"""How the ``archive-search`` commands fail: a message and an exit code, never a traceback
(1 some files failed, 2 bad arguments or query, 3 no usable index, 4 index busy)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click

from indexer.errors import ArchiveSearchError
from web import settings

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


def _fail(error: ArchiveSearchError) -> NoReturn:
    click.echo(f"error: {error.message}", err=True)
    sys.exit(error.exit_code)


def reports_errors(function: CommandFunction) -> CommandFunction:
    """Library errors, a damaged index and file-system failures become a message and an
    exit code, never a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        index_dir = str(kwargs.get("index_dir", settings.INDEX_DIR))
        try:
            result = function(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, inside the handler below
            return result
        except BrokenPipeError:
            _quiet_exit()
        except ArchiveSearchError as error:
            _fail(error)
        except OSError as error:  # read-only or full file system, permissions
            _fail(IndexUnusable(index_dir, error))

    return wrapper  # type: ignore[return-value]


def _quiet_exit() -> NoReturn:
    """The reader of our output went away (``| head -1``): stop, say nothing, exit 0.

    Python would report the pipe again when it flushes stdout at exit; pointing
    stdout at /dev/null first keeps that quiet too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


class IndexUnusable(ArchiveSearchError):
    """The index folder cannot be read or written (exit 3, like a missing index)."""

    kind = "index_unusable"
    exit_code = 3

    def __init__(self, index_dir: str, error: OSError) -> None:
        where = f" ({error.filename})" if error.filename else ""
        super().__init__(
            f"cannot use the index in {index_dir}: {error.strerror or error}{where}; "
            "an update that failed leaves the last committed index as it was"
        )
