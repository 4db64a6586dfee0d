"""The index as OpenSearch input: an index mapping and bulk NDJSON files.

One OpenSearch document per passage, keyed by the passage id (so a re-export or
an incremental bulk update overwrites instead of duplicating). Facet fields are
``keyword`` (terms aggregations count them), dates are ``date`` (date-histogram
and range filters), the text is analysed per language: ``text`` with a
language-neutral analyzer for every passage, plus ``text_<lang>`` with
OpenSearch's built-in analyzer of the passage's language when it is known
(queries search both). The design behind it: docs/scaling.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.store.storage import open_index

# Languages with a built-in OpenSearch analyzer (ISO 639-1 -> analyzer name).
LANGUAGE_ANALYZERS = {
    "ar": "arabic", "bg": "bulgarian", "ca": "catalan", "cs": "czech", "da": "danish",
    "de": "german", "el": "greek", "en": "english", "es": "spanish", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "gl": "galician",
    "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "lv": "latvian", "nl": "dutch", "no": "norwegian", "pt": "portuguese",
    "ro": "romanian", "ru": "russian", "sv": "swedish", "th": "thai", "tr": "turkish",
}  # fmt: skip
DATE_FORMAT = "yyyy-MM-dd'T'HH:mm||yyyy-MM-dd"  # what the index stores (minute precision)
BULK_DOCUMENTS = 5000  # per bulk file: ~10 MB, a request size clusters accept
KEYWORDS = ("post_id", "section", "author", "year", "month", "category", "tag", "language",
            "source", "date_precision", "post_date_precision")  # fmt: skip
STORED_ONLY = ("post_title", "post_url", "post_author", "anchor", "title",
               "parent", "url")  # fmt: skip


def index_mapping(shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """The body of ``PUT /<index>``: settings (analyzers) and the mapping."""
    properties: dict[str, Any] = {name: {"type": "keyword"} for name in KEYWORDS}
    properties.update({name: {"type": "keyword", "index": False} for name in STORED_ONLY})
    properties.update(
        {
            "id": {"type": "keyword"},
            "date": {"type": "date", "format": DATE_FORMAT},
            "post_date": {"type": "date", "format": DATE_FORMAT},
            "position": {"type": "integer"},
            # Searchable text: folded for every passage, per-language beside it.
            "text": {"type": "text", "analyzer": "folded"},
            "title_words": {"type": "text", "analyzer": "folded"},
            "author_words": {"type": "text", "analyzer": "folded"},
        }
    )
    for language, analyzer in LANGUAGE_ANALYZERS.items():
        properties[f"text_{language}"] = {"type": "text", "analyzer": analyzer}
        properties[f"title_words_{language}"] = {"type": "text", "analyzer": analyzer}
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": {
                "analyzer": {
                    # Words, lowercase, accents folded, no stemming: any language.
                    "folded": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    }
                }
            },
        },
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def _date(value: str) -> str | None:
    return value or None  # "" (unknown) is absent, not a date


def _values(joined: str) -> list[str]:
    return [value for value in joined.split(",") if value]


def opensearch_document(stored: dict[str, Any]) -> dict[str, Any]:
    """One passage's stored fields as an OpenSearch document."""
    date = stored.get("date", "")
    language = stored.get("language", "") or ""
    first = stored.get("position") == 1
    document: dict[str, Any] = {
        "id": stored["id"],
        "post_id": stored["post_id"],
        "section": stored.get("section", ""),
        "author": stored.get("author", ""),
        "author_words": stored.get("author", ""),
        "date": _date(date),
        "date_precision": stored.get("date_precision", ""),
        "year": date[:4] or None,
        "month": date[:7] or None,
        "post_date": _date(stored.get("post_date", "")),
        "post_date_precision": stored.get("post_date_precision", ""),
        "category": _values(stored.get("category", "")),
        "tag": _values(stored.get("tag", "")),
        "language": language,
        "source": stored.get("source", ""),
        "position": stored.get("position", 0),
        "text": stored.get("text", ""),
        # The title is searchable on a post's first passage only (as in the index).
        "title_words": stored.get("post_title", "") if first else "",
    }
    for name in STORED_ONLY:
        document[name] = stored.get(name, "")
    analyzer_language = language if language in LANGUAGE_ANALYZERS else None
    if analyzer_language:
        document[f"text_{analyzer_language}"] = document["text"]
        document[f"title_words_{analyzer_language}"] = document["title_words"]
    return document


@dataclass
class BulkFiles:
    """What an export wrote: the file names (mapping first) and the passages in them."""

    passages: int = 0
    files: list[str] = field(default_factory=list)


def _bulk_lines(index_name: str, documents: Iterator[dict[str, Any]]) -> Iterator[str]:
    for document in documents:
        action = {"index": {"_index": index_name, "_id": document["id"]}}
        yield json.dumps(action, ensure_ascii=False)
        yield json.dumps(document, ensure_ascii=False)


def export_opensearch(
    index_dir: Path, out_dir: Path, index_name: str = "archive-passages"
) -> BulkFiles:
    """Write ``mapping.json`` (for ``PUT /<index_name>``) and ``bulk-NNNNN.ndjson``
    files (each a ``POST /_bulk`` body) of every passage in the index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = BulkFiles()
    mapping = out_dir / "mapping.json"
    mapping.write_text(json.dumps(index_mapping(), indent=2) + "\n", encoding="utf-8")
    written.files.append(mapping.name)
    with open_index(index_dir).searcher() as searcher:
        batch: list[dict[str, Any]] = []
        for stored in searcher.all_stored_fields():
            batch.append(opensearch_document(stored))
            if len(batch) == BULK_DOCUMENTS:
                _write_bulk(out_dir, index_name, batch, written)
        if batch:
            _write_bulk(out_dir, index_name, batch, written)
    return written


def _write_bulk(
    out_dir: Path, index_name: str, batch: list[dict[str, Any]], written: BulkFiles
) -> None:
    path = out_dir / f"bulk-{len(written.files):05d}.ndjson"
    with path.open("w", encoding="utf-8") as handle:
        for line in _bulk_lines(index_name, iter(batch)):
            handle.write(line + "\n")  # the bulk API needs the final newline too
    written.passages += len(batch)
    written.files.append(path.name)
    batch.clear()
