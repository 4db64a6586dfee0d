"""The one exception hierarchy of archive-search.

Every error carries a message that says what to do next. Each class has a
``kind`` (a stable machine-readable code used in JSON error bodies) and the
shells translate it exactly once: the web layer to an HTTP status, the CLI to
an exit code (see ``http_status`` and ``exit_code``).
"""

from __future__ import annotations


class ArchiveSearchError(Exception):
    """Base class: something the user can act on went wrong."""

    kind = "error"
    http_status = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ArchiveFileError(ArchiveSearchError):
    """An archive file could not be read or parsed; it is skipped, the rest indexed."""

    kind = "archive_file"
    exit_code = 1

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class QueryError(ArchiveSearchError):
    """A query or a search parameter that cannot be searched at all."""

    kind = "bad_query"
    http_status = 400
    exit_code = 2


class BadParameter(QueryError):
    """A filter, sort or paging parameter with an invalid value."""

    kind = "bad_parameter"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field  # the parameter at fault, so a form can show the error beside it


class QueryTooLong(QueryError):
    kind = "query_too_long"


class IndexMissing(ArchiveSearchError):
    """There is no index at the configured location."""

    kind = "index_missing"
    http_status = 503
    exit_code = 3

    def __init__(self, index_dir: str) -> None:
        self.index_dir = index_dir
        super().__init__(
            f"no index found in {index_dir}: run `archive-search index` first "
            f"(or point --index / ARCHIVE_SEARCH_INDEX at an existing index)"
        )


class IndexOutdated(IndexMissing):
    """The index was built by another version of archive-search (another schema)."""

    kind = "index_outdated"

    def __init__(self, index_dir: str) -> None:
        self.index_dir = index_dir
        ArchiveSearchError.__init__(
            self,
            f"the index in {index_dir} was built by another version of archive-search: "
            "run `archive-search index` (it rebuilds the index from the archive)",
        )


class IndexDamaged(ArchiveSearchError):
    """The index exists but cannot be read."""

    kind = "index_damaged"
    http_status = 503
    exit_code = 3

    def __init__(self, index_dir: str, reason: str) -> None:
        self.index_dir = index_dir
        super().__init__(
            f"index in {index_dir} is damaged ({reason}): run `archive-search index --rebuild`"
        )


class IndexBusy(ArchiveSearchError):
    """Another process holds the index's write lock."""

    kind = "index_busy"
    http_status = 503
    exit_code = 4

    def __init__(self, index_dir: str, holder: str | None = None) -> None:
        self.index_dir = index_dir
        detail = f" by {holder}" if holder else ""
        super().__init__(
            f"index in {index_dir} is being updated{detail}: wait for that update to finish "
            f"and try again"
        )


class NotFound(ArchiveSearchError):
    """A post or passage id that is not in the index."""

    kind = "not_found"
    http_status = 404
    exit_code = 2


class SearchTimeout(ArchiveSearchError):
    """A search ran over its time budget."""

    kind = "search_timeout"
    http_status = 503
    exit_code = 2


class StorageFailure(Exception):
    """Reading the index's files failed: raised by the code that opens and decodes them
    (``storage.guarded``, ``segments``), never shown to users. ``ArchiveIndex`` turns it
    into ``IndexDamaged``, or retries when a commit replaced the files meanwhile."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.error = error


class ClusterUnavailable(ArchiveSearchError):
    """The OpenSearch cluster cannot answer: unreachable, red, or refusing for too long."""

    kind = "cluster_unavailable"
    http_status = 503
    exit_code = 3

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        super().__init__(
            f"the OpenSearch cluster at {url} cannot answer ({reason}): start it "
            "(make opensearch) or check --opensearch / ARCHIVE_SEARCH_OPENSEARCH"
        )


class ClusterIndexMissing(IndexMissing):
    """The cluster answers but holds no index of that name (or of another version)."""

    kind = "index_missing"

    def __init__(self, url: str, index_name: str, outdated: bool = False) -> None:
        self.index_dir = f"{url}/{index_name}"
        what = "was built by another version of archive-search" if outdated else "does not exist"
        ArchiveSearchError.__init__(
            self,
            f"the index {index_name!r} on the OpenSearch cluster at {url} {what}: run "
            f"`archive-search index --opensearch {url}` first",
        )
