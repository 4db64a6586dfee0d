"""Parsing in worker processes for a cluster, as for the local build (``indexer.build.
workers``): each worker parses its share of files and sends the kept posts to the cluster
in bulk requests of its own (``ClusterWriter``: bounded, pushed back on, retried), under
the indexing run's id, so the run's deletions spare them. A worker waiting on the cluster
parses nothing further: the back-pressure reaches the parsing too."""

from __future__ import annotations

from multiprocessing.connection import Connection
from typing import Any

from indexer.build.workers import ProcessWorker, serve, start_workers
from indexer.core.models import Post
from indexer.store.schema import documents_for_post

from .client import Client
from .mapping import cluster_document
from .writer import INDEXING_TIMEOUT_S, ClusterWriter


def cluster_documents(post: Any, run: str) -> list[dict[str, Any]]:
    """A post's passages as cluster documents: the local index's documents (one build
    path), their stored text and the title's language."""
    documents = []
    for fields in documents_for_post(post):
        stored = {**fields, "text": fields["_stored_text"]}
        language = getattr(fields["title_words"], "language", None)
        documents.append(cluster_document(stored, language, run))
    return documents


class BulkSink:
    """Kept posts as cluster documents, through a ``ClusterWriter``."""

    def __init__(self, writer: ClusterWriter) -> None:
        self.writer = writer

    def add_post(self, post: Post, spelled: set[str]) -> int:
        documents = cluster_documents(post, self.writer.run)
        for document in documents:
            self.writer.add(document)
        return len(documents)

    def finish(self, written: int) -> Any:
        self.writer.flush()  # everything sent before the run commits
        return None

    def discard(self) -> None:
        pass  # what was sent stays: ids overwrite, the next run repeats the work


def start_bulk_workers(writer: ClusterWriter, count: int) -> list[ProcessWorker]:
    """``count`` worker processes writing into ``writer``'s index under its run."""
    return start_workers([writer.client.url, writer.index, writer.run], count, entry=__name__)


def main(arguments: list[str]) -> None:
    """A worker's entry point: socket descriptor, parent's process id, cluster URL,
    index name, run id."""
    url, index, run = arguments[2:5]
    writer = ClusterWriter(Client(url, timeout_s=INDEXING_TIMEOUT_S), index, run)
    serve(Connection(int(arguments[0])), BulkSink(writer), int(arguments[1]))
