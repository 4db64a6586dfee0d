"""Every setting's default, declared once: the CLI's options, the server and the app
read them here (the library's own limits, such as results per page, live in
``indexer.contract.request``)."""

from __future__ import annotations

from pathlib import Path

INDEX_DIR = Path(".index")  # git-ignored, never inside data/
INDEX_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_INDEX"
# How the search budget reaches uvicorn's worker processes (they import the app anew).
TIME_LIMIT_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_TIME_LIMIT"
REPLAY_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_REPLAY_URL"
HOST = "127.0.0.1"  # the archive stays on this machine unless told otherwise
PORT = 8000
WORKERS = 1
MAX_WORKERS = 64
# A search over this budget answers 503 (``SearchTimeout``) instead of holding a
# search thread: broad wildcard/OR queries on a big archive can otherwise run for seconds.
SEARCH_TIME_LIMIT_S = 5.0
# Searching holds the GIL, so more threads add no throughput (see notes/whoosh.md);
# two keep a slow search from queueing every other request behind it.
SEARCH_THREADS = 2
WRITER_WAIT_S = 30.0  # how long `index` and `watch` wait for another writer
# The OpenSearch backend (``--opensearch URL``): the cluster and the index (alias) name;
# both also reach uvicorn's worker processes through these variables.
OPENSEARCH_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_OPENSEARCH"
OPENSEARCH_INDEX_ENVIRONMENT_VARIABLE = "ARCHIVE_SEARCH_OPENSEARCH_INDEX"
