"""The cluster's index: its settings (analyzers), its mapping, and a passage as a document.

One document per passage, keyed by the passage id (so re-indexing overwrites), routed by
its post (a post's passages share a shard: a post page is one shard's work). Facet fields
are ``keyword`` (terms aggregations), dates ``date`` (ranges, the date histogram).

The text is analysed by the cluster, configured to match ``indexer.analysis``: words
lowercased and accent-folded, then stemmed with the same Snowball stemmer in the
passage's own language, Chinese, Japanese and Korean as overlapping bigrams (unigrams
too). A passage's text goes to ``text_<code>`` for the 14 languages both stem, to
``text_plain`` (folded, unstemmed) otherwise; queries (``translate.py``) ask every
field the index holds, as one Whoosh field holds every language's stems. Where the
cluster's analysis differs from ours: docs/scaling.md. ``export --format opensearch``
writes this same mapping and documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.analysis.analyzers import WORD_RE, word_terms
from indexer.analysis.variants import HYPHEN
from indexer.contract.facets import FACETS
from indexer.core.urls import address_keys
from indexer.store.schema import SCHEMA_VERSION, spelling_words
from indexer.store.storage import open_index

from .facets import KEYED, keyed_fields

# Languages both Whoosh (``analysis.language.stemmer``) and Lucene stem with Snowball.
SNOWBALL = {
    "da": "Danish", "de": "German", "en": "English", "es": "Spanish", "fi": "Finnish",
    "fr": "French", "hu": "Hungarian", "it": "Italian", "nl": "Dutch", "no": "Norwegian",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
}  # fmt: skip
# The cluster index's version: the local schema's, and this mapping's revision (2: facets
# counted by key; 3: spelling variants). An index of another version is rebuilt, as a
# local one is.
MAPPING_REVISION = 3
CLUSTER_SCHEMA = SCHEMA_VERSION * 100 + MAPPING_REVISION
PLAIN = "plain"  # every other language: folded, not stemmed
ANALYZED = (*SNOWBALL, PLAIN)  # the suffixes of text_* and title_words_*
DATE_FORMAT = "yyyy-MM-dd'T'HH:mm||yyyy-MM-dd"  # what the index stores (minute precision)
BULK_DOCUMENTS = 5000  # per bulk file: ~10 MB, a request size clusters accept
# Exact-match fields: every facet of the registry (with its key and spelling when it has
# a key: facets.py), and the ids, source file, addresses and indexing run filtered by.
KEYWORDS = ("id", "post_id", *FACETS, "source", "address", "run",
            *(f"{name}_{part}" for name in KEYED for part in ("key", "spelling")))  # fmt: skip
STORED_ONLY = ("post_title", "post_url", "post_author", "post_date_precision", "anchor",
               "title", "parent", "url", "date_precision", "captured", "post_captured",
               "post_capture_url", "utc_offset", "post_utc_offset")  # fmt: skip
MAX_TOKEN_LENGTH = 64  # longer tokens are dropped, as analysis.MAX_TOKEN_LENGTH
# Our tokenizer splits at apostrophes, colons and middle dots, and between digits at a
# comma; Unicode's word rules (the standard tokenizer) keep those inside one word.
_SPLIT = r"['’:·]|(?<=\d)[,;](?=\d)"
# German "ae", "oe", "ue" (not after "q") read as umlauts, once folded, as
# ``analysis.variants.german_spelling`` does: the "e" after them goes.
_GERMAN_UMLAUTS = r"(?<=[ao])e|(?<=(?<!q)u)e"


def analyzed_field(language: str) -> str:
    """The suffix of the fields a passage of ``language`` is analysed into."""
    return language if language in SNOWBALL else PLAIN


def _analysis() -> dict[str, Any]:
    common = ["lowercase", "asciifolding", "archive_length"]
    analyzers: dict[str, Any] = {
        f"archive_{code}": {
            "type": "custom",
            "tokenizer": "standard",
            "char_filter": ["archive_split"],
            "filter": [
                *common,
                *(["archive_umlauts"] if code == "de" else []),
                *([f"archive_stem_{code}"] if code in SNOWBALL else []),
                "archive_bigrams",
            ],
        }
        for code in ANALYZED
    }
    analyzers["archive_names"] = {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["archive_split"],
        "filter": common,
    }
    filters: dict[str, Any] = {
        f"archive_stem_{code}": {"type": "snowball", "language": name}
        for code, name in SNOWBALL.items()
    }
    filters["archive_length"] = {"type": "length", "max": MAX_TOKEN_LENGTH}
    filters["archive_bigrams"] = {"type": "cjk_bigram", "output_unigrams": True}
    filters["archive_umlauts"] = {"type": "pattern_replace", "pattern": _GERMAN_UMLAUTS,
                                  "replacement": "", "all": True}  # fmt: skip
    return {
        "char_filter": {
            "archive_split": {"type": "pattern_replace", "pattern": _SPLIT, "replacement": " "}
        },
        "filter": filters,
        "analyzer": analyzers,
    }


def index_body(shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """The body of ``PUT /<index>``: settings (analyzers) and the mapping."""
    properties: dict[str, Any] = {name: {"type": "keyword"} for name in KEYWORDS}
    properties.update({name: {"type": "keyword", "index": False} for name in STORED_ONLY})
    properties.update(
        {
            "date": {"type": "date", "format": DATE_FORMAT},
            "post_date": {"type": "date", "format": DATE_FORMAT},
            "position": {"type": "integer"},
            "text": {"type": "text", "index": False},  # as written, for snippets and pages
            "author_words": {"type": "text", "analyzer": "archive_names"},
            # "did you mean": each passage's words as written (lowercased), counted by
            # terms aggregations; never searched.
            "spell": {"type": "keyword", "index": False},
        }
    )
    for code in ANALYZED:
        for name in ("text", "title_words"):
            properties[f"{name}_{code}"] = {"type": "text", "analyzer": f"archive_{code}"}
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas},
            "analysis": _analysis(),
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"schema_version": CLUSTER_SCHEMA},
            # The analysed copies are not kept in _source: they repeat ``text``.
            "_source": {"excludes": ["text_*", "title_words_*"]},
            "properties": properties,
        },
    }


def with_joined_forms(text: str, language: str) -> str | list[str]:
    """A text as its analysed field's value: with each hyphenated compound's joined form
    ("e-mail": "email") after it, one value each, that the local index also holds
    (``analysis.variants``). The standard tokenizer splits the compound into its parts;
    the joined forms are the field's further values, each ``position_increment_gap``
    apart, so no phrase reaches into or across them."""
    if HYPHEN not in text:
        return text
    joined = [
        word.replace(HYPHEN, "")
        for word in WORD_RE.findall(text)
        if HYPHEN in word
        and any(start == 0 and end == len(word) for _, start, end, _ in
                word_terms(word, language or None, True))
    ]  # fmt: skip
    return [text, *joined] if joined else text


def _date(value: str) -> str | None:
    return value or None  # "" (unknown) is absent, not a date


def _values(joined: str) -> list[str]:
    return [value for value in joined.split(",") if value]


def cluster_document(
    stored: dict[str, Any], title_language: str | None = None, run: str = ""
) -> dict[str, Any]:
    """One passage (its stored fields, as the Whoosh index keeps them) as a document.
    ``title_language``: the post's language, that its title is stemmed in (by default
    the passage's own); ``run``: the indexing run that writes it."""
    date = stored.get("date", "")
    language = stored.get("language", "") or ""
    text = stored.get("text", "")
    first = stored.get("position") == 1
    title = stored.get("post_title", "") if first else ""
    document: dict[str, Any] = {name: stored.get(name, "") for name in STORED_ONLY}
    document.update(
        {
            "id": stored["id"],
            "post_id": stored["post_id"],
            "section": stored.get("section", ""),
            "author": stored.get("author") or None,  # no author: no facet value
            "author_words": stored.get("author", ""),
            "date": _date(date),
            "year": date[:4] or None,
            "month": date[:7] or None,
            "post_date": _date(stored.get("post_date", "")),
            "category": _values(stored.get("category", "")),
            "tag": _values(stored.get("tag", "")),
            "language": language or None,
            "site": stored.get("site") or None,  # no site: no facet value
            "source": stored.get("source", ""),
            "position": stored.get("position", 0),
            "text": text,
            "spell": spelling_words(f"{title}\n{text}" if first else text).split(),
            "address": address_keys(
                (
                    stored.get("post_url", ""),
                    stored.get("post_capture_url", ""),
                    stored.get("url", ""),
                )
            ).split(),
            "run": run,
            f"text_{analyzed_field(language)}": with_joined_forms(text, language),
        }
    )
    for name in KEYED:  # counted by key, shown as written
        value = document.get(name)
        document.update(
            keyed_fields(name, value if isinstance(value, list) else [value] if value else [])
        )
    if title:
        code = title_language or language
        document[f"title_words_{analyzed_field(code)}"] = with_joined_forms(title, code)
    return document


@dataclass
class BulkFiles:
    """What an export wrote: the file names (mapping first) and the passages in them."""

    passages: int = 0
    files: list[str] = field(default_factory=list)


def bulk_action(index_name: str, document: dict[str, Any]) -> dict[str, Any]:
    """The bulk action line that writes ``document``: keyed by passage, routed by post."""
    return {"index": {"_index": index_name, "_id": document["id"], "routing": document["post_id"]}}


def export_opensearch(
    index_dir: Path, out_dir: Path, index_name: str = "archive-passages"
) -> BulkFiles:
    """Write ``mapping.json`` (for ``PUT /<index_name>``) and ``bulk-NNNNN.ndjson``
    files (each a ``POST /_bulk`` body) of every passage in the index."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = BulkFiles()
    mapping = out_dir / "mapping.json"
    mapping.write_text(json.dumps(index_body(), indent=2) + "\n", encoding="utf-8")
    written.files.append(mapping.name)
    with open_index(index_dir).searcher() as searcher:
        batch: list[dict[str, Any]] = []
        for stored in searcher.all_stored_fields():
            batch.append(cluster_document(stored))
            if len(batch) == BULK_DOCUMENTS:
                _write_bulk(out_dir, index_name, batch, written)
        if batch:
            _write_bulk(out_dir, index_name, batch, written)
    return written


def _bulk_lines(index_name: str, documents: Iterator[dict[str, Any]]) -> Iterator[str]:
    for document in documents:
        yield json.dumps(bulk_action(index_name, document), ensure_ascii=False)
        yield json.dumps(document, ensure_ascii=False)


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
