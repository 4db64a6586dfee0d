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
from .searching import DEFAULT_SEARCH_TIME_LIMIT_S

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INDEX_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_INDEX"
TIME_LIMIT_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_TIME_LIMIT"
REPLAY_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_REPLAY_URL"
DEFAULT_INDEX = Path(".index")
# Protocol-level limits, per worker process: a request head over 16 KiB is refused by
# h11 before the app sees it; past LIMIT_CONCURRENCY open connections and tasks uvicorn
# answers 503 at once instead of queueing without bound (the app's own limits: limits.py).
MAX_REQUEST_HEAD_BYTES = 16 * 1024
LIMIT_CONCURRENCY = 512
SERVER_LIMITS = {
    "h11_max_incomplete_event_size": MAX_REQUEST_HEAD_BYTES,
    "limit_concurrency": LIMIT_CONCURRENCY,
    "proxy_headers": False,
}


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


def _time_limit(value: float | None) -> float | None:
    """0 (or less) means no time limit."""
    return value if value and value > 0 else None


def app_from_environment() -> Starlette:
    """App factory for uvicorn's worker processes."""
    limit = os.environ.get(TIME_LIMIT_ENVIRONMENT_VARIABLE)
    return create_app(
        Path(os.environ.get(INDEX_ENVIRONMENT_VARIABLE, str(DEFAULT_INDEX))),
        search_time_limit_s=_time_limit(float(limit)) if limit else DEFAULT_SEARCH_TIME_LIMIT_S,
        replay_url=os.environ.get(REPLAY_ENVIRONMENT_VARIABLE) or None,
    )


def run(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    index_dir: Path = DEFAULT_INDEX,
    workers: int = 1,
    search_time_limit_s: float | None = DEFAULT_SEARCH_TIME_LIMIT_S,
    replay_url: str | None = None,
) -> None:
    warning = all_interfaces_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    if workers > 1:
        # uvicorn restarts a worker that dies (its supervisor checks them every
        # timeout_worker_healthcheck seconds); tests/reliability/test_faults.py shows it.
        os.environ[INDEX_ENVIRONMENT_VARIABLE] = str(Path(index_dir).resolve())
        os.environ[TIME_LIMIT_ENVIRONMENT_VARIABLE] = str(search_time_limit_s or 0)
        os.environ[REPLAY_ENVIRONMENT_VARIABLE] = replay_url or ""
        uvicorn.run(
            "web.server:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            **SERVER_LIMITS,  # type: ignore[arg-type]
        )
    else:
        app = create_app(
            Path(index_dir),
            search_time_limit_s=_time_limit(search_time_limit_s),
            replay_url=replay_url,
        )
        uvicorn.run(app, host=host, port=port, **SERVER_LIMITS)  # type: ignore[arg-type]


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
    parser.add_argument("--search-timeout", type=float, default=DEFAULT_SEARCH_TIME_LIMIT_S)
    options = parser.parse_args(arguments)
    run(options.host, options.port, options.index, options.workers, options.search_timeout)


if __name__ == "__main__":
    main()
