"""A small JSON-over-HTTP client for one OpenSearch cluster (the standard library's
``http.client``: a persistent connection per thread, no dependency).

Every failure becomes one of our errors here, once: an unreachable cluster, a red one
or one that keeps refusing is ``ClusterUnavailable`` (503, "start it or check the URL");
a request the cluster rejects is a bug of ours, raised with the cluster's reason.
Requests answered 429 (the cluster pushing back) or 502-504 are retried with backoff.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import weakref
from typing import Any
from urllib.parse import quote, urlsplit

from indexer.errors import ClusterUnavailable, QueryError

RETRIED_STATUSES = frozenset({429, 502, 503, 504})
ATTEMPTS = 6
FIRST_BACKOFF_S = 0.25  # doubled per attempt: 0.25 + 0.5 + ... ~8 s in all
TIMEOUT_S = 30.0


class ClusterError(Exception):
    """A request the cluster answered with an error we did not expect (a bug of ours)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"HTTP {status}: {reason}")
        self.status = status
        self.reason = reason


def path_of(*parts: str) -> str:
    """A URL path from parts, each percent-encoded (an index name, a document id)."""
    return "/" + "/".join(quote(part, safe="") for part in parts)


class Client:
    """Requests to one cluster; safe to share between threads."""

    def __init__(self, url: str, timeout_s: float = TIMEOUT_S) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ClusterUnavailable(url, "not an http(s) URL")
        self.url = url.rstrip("/")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._base = parts.path.rstrip("/")
        self._timeout = timeout_s
        self._local = threading.local()
        # Every thread's connection, so that all are closed with the client (or when it goes).
        self._open: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _close_all, self._open, self._lock)

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            connection = kind(self._host, self._port, timeout=self._timeout)
            self._local.connection = connection
            with self._lock:
                self._open.append(connection)
        return connection

    def close(self) -> None:
        """Close every thread's connection (a later request opens a new one)."""
        _close_all(self._open, self._lock)
        self._local = threading.local()

    def _drop_connection(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
            with self._lock:
                if connection in self._open:
                    self._open.remove(connection)

    def _send(self, method: str, path: str, body: bytes | None, ndjson: bool) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/x-ndjson" if ndjson else "application/json"}
        for attempt in range(2):  # a kept-alive connection the server closed: once more
            connection = self._connection()
            try:
                connection.request(method, self._base + path, body=body, headers=headers)
                response = connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError) as error:
                self._drop_connection()
                if attempt or not isinstance(
                    error, http.client.RemoteDisconnected | BrokenPipeError
                ):
                    raise ClusterUnavailable(self.url, _describe(error)) from error
        raise AssertionError("unreachable")

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        ndjson: bool = False,
        allowed: tuple[int, ...] = (),
    ) -> Any:
        """The decoded JSON answer; statuses in ``allowed`` are answers, not errors."""
        data = body if isinstance(body, bytes) else None
        if body is not None and data is None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        status, answer = 0, b""
        for attempt in range(ATTEMPTS):
            status, answer = self._send(method, path, data, ndjson)
            if status not in RETRIED_STATUSES:
                break
            time.sleep(FIRST_BACKOFF_S * 2**attempt)
        decoded = json.loads(answer) if answer.strip() else {}
        if status < 300 or status in allowed:
            return decoded
        reason = error_reason(decoded)
        if status in RETRIED_STATUSES:
            raise ClusterUnavailable(self.url, f"HTTP {status}: {reason}")
        if status == 400 and "too_many_clauses" in reason:
            raise QueryError("the query expands to too many words for the cluster: narrow it")
        raise ClusterError(status, reason)


def _close_all(connections: list[http.client.HTTPConnection], lock: threading.Lock) -> None:
    with lock:
        for connection in connections:
            connection.close()
        connections.clear()


def error_reason(decoded: Any) -> str:
    error = decoded.get("error") if isinstance(decoded, dict) else None
    if isinstance(error, dict):
        cause = (error.get("root_cause") or [error])[0]
        return f"{cause.get('type', '')}: {cause.get('reason', '')}"[:500]
    return str(error or decoded)[:500]


def _describe(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    return f"{type(error).__name__}: {error}"
