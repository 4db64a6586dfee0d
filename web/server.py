"""Serving the app with uvicorn: ``run(host, port, index_dir, workers)``.

Binds 127.0.0.1 unless told otherwise: the archive may hold material that
should not be on the network by accident, so all-interfaces binds warn.
With several workers uvicorn imports the app per process, so the index
location travels in an environment variable to ``app_from_environment``.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from .app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INDEX_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_INDEX"
DEFAULT_INDEX = Path(".index")


def binds_all_interfaces(host: str) -> bool:
    if host in ("", "*"):
        return True
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def all_interfaces_warning(host: str, port: int) -> str | None:
    if not binds_all_interfaces(host):
        return None
    return (
        f"warning: serving on {host or '*'}:{port} makes the archive reachable from other "
        f"machines; use --host 127.0.0.1 to keep it on this one"
    )


def app_from_environment() -> Starlette:
    """App factory for uvicorn's worker processes."""
    return create_app(Path(os.environ.get(INDEX_ENVIRONMENT_VARIABLE, str(DEFAULT_INDEX))))


def run(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    index_dir: Path = DEFAULT_INDEX,
    workers: int = 1,
) -> None:
    warning = all_interfaces_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    if workers > 1:
        os.environ[INDEX_ENVIRONMENT_VARIABLE] = str(Path(index_dir).resolve())
        uvicorn.run(
            "web.server:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=False,
        )
    else:
        uvicorn.run(create_app(Path(index_dir)), host=host, port=port, proxy_headers=False)


def main(arguments: list[str] | None = None) -> None:
    """``python -m web.server``: the same as ``archive-search serve``."""
    parser = argparse.ArgumentParser(prog="python -m web.server", description=__doc__)
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument(
        "--index",
        type=Path,
        default=Path(os.environ.get(INDEX_ENVIRONMENT_VARIABLE, str(DEFAULT_INDEX))),
    )
    parser.add_argument("--workers", type=int, default=1)
    options = parser.parse_args(arguments)
    run(options.host, options.port, options.index, options.workers)


if __name__ == "__main__":
    main()
