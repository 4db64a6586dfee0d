"""Serving the app with uvicorn: ``run(host, port, index_dir, workers)``.

Binds 127.0.0.1 unless told otherwise: the archive may hold material that
should not be on the network by accident, so all-interfaces binds warn.
With several workers (workers.py: a listening socket each) every process
imports the app, so the index location travels in an environment variable
to ``app_from_environment``.
"""

from __future__ import annotations

import gc
import ipaddress
import os
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from indexer import DEFAULT_INDEX_NAME, Cluster
from web import settings
from web.app import create_app
from web.workers import serve as serve_workers

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


def frozen(app: Starlette) -> Starlette:
    """Takes every object alive now (modules, the app: ~60,000 that live as long as the
    process) out of the cyclic garbage collector's walks. A full collection, about one per
    new index generation under live updates, walked them all: ~20 ms of a worker's GIL
    each (docs/performance.md, session 6). The index is opened later, in the lifespan,
    so its generations stay collectable."""
    gc.freeze()
    return app


def app_from_environment() -> Starlette:
    """App factory for uvicorn's worker processes."""
    limit = os.environ.get(settings.TIME_LIMIT_ENVIRONMENT_VARIABLE)
    app = create_app(
        Path(os.environ.get(settings.INDEX_ENVIRONMENT_VARIABLE, str(settings.INDEX_DIR))),
        search_time_limit_s=_time_limit(float(limit)) if limit else settings.SEARCH_TIME_LIMIT_S,
        replay_url=os.environ.get(settings.REPLAY_ENVIRONMENT_VARIABLE) or None,
        cluster=_cluster_from_environment(),
    )
    return frozen(app)


def _cluster_from_environment() -> Cluster | None:
    url = os.environ.get(settings.OPENSEARCH_ENVIRONMENT_VARIABLE)
    if not url:
        return None
    name = os.environ.get(settings.OPENSEARCH_INDEX_ENVIRONMENT_VARIABLE) or DEFAULT_INDEX_NAME
    return Cluster(url, name)


def run(
    host: str = settings.HOST,
    port: int = settings.PORT,
    index_dir: Path = settings.INDEX_DIR,
    workers: int = settings.WORKERS,
    search_time_limit_s: float | None = settings.SEARCH_TIME_LIMIT_S,
    replay_url: str | None = None,
    cluster: Cluster | None = None,
) -> None:
    warning = all_interfaces_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    if workers > 1:
        # A socket per worker; a worker that dies is replaced (workers.py;
        # tests/reliability/test_faults.py shows it).
        os.environ[settings.INDEX_ENVIRONMENT_VARIABLE] = str(Path(index_dir).resolve())
        os.environ[settings.TIME_LIMIT_ENVIRONMENT_VARIABLE] = str(search_time_limit_s or 0)
        os.environ[settings.REPLAY_ENVIRONMENT_VARIABLE] = replay_url or ""
        os.environ[settings.OPENSEARCH_ENVIRONMENT_VARIABLE] = cluster.url if cluster else ""
        if cluster:
            os.environ[settings.OPENSEARCH_INDEX_ENVIRONMENT_VARIABLE] = cluster.index_name
        config = uvicorn.Config(
            "web.server:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            **SERVER_LIMITS,  # type: ignore[arg-type]
        )
        serve_workers(config)
    else:
        app = frozen(
            create_app(
                Path(index_dir),
                search_time_limit_s=_time_limit(search_time_limit_s),
                replay_url=replay_url,
                cluster=cluster,
            )
        )
        uvicorn.run(app, host=host, port=port, **SERVER_LIMITS)  # type: ignore[arg-type]
