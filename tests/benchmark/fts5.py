"""The yardstick: the same passages and queries on SQLite FTS5 (stdlib sqlite3).

Fed by our own readers (the same parse as archive-search, so build throughput
compares indexing, not parsing), ranked by ``bm25()`` (title x2, author x0.5 as in ours),
facets by ``GROUP BY`` over the match set (each facet without its own
selection, as ours), snippets by ``snippet()``.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from indexer.contract.params import parse_date_bound
from indexer.readers import ReadContext, discover, reader_for
from indexer.store.schema import UNKNOWN_DATE_KEY, date_key, documents_for_post
from tests.benchmark.queries import QuerySpec

TOKENIZER = "porter unicode61 remove_diacritics 2"
FACET_LIMIT = 20  # author, category, tag: top 20 (as ours); section, year, month: all
BATCH = 5000
SNIPPET = "snippet(fts, -1, '<mark>', '</mark>', ' … ', 32)"  # ~240 characters
PASSAGE_COLUMNS = (
    "id",
    "passage_id",
    "post_id",
    "post_title",
    "section",
    "author",
    "date",
    "date_key",
    "year",
    "month",
    "position",
    "anchor",
)
SCHEMA = f"""
CREATE VIRTUAL TABLE fts USING fts5(title_words, text, author_words, tokenize='{TOKENIZER}');
CREATE TABLE passages(id INTEGER PRIMARY KEY, passage_id TEXT, post_id TEXT, post_title TEXT,
    section TEXT, author TEXT, date TEXT, date_key INTEGER, year TEXT, month TEXT,
    position INTEGER, anchor TEXT);
CREATE TABLE post_terms(post_id TEXT, kind TEXT, value TEXT);
CREATE TABLE facets(id INTEGER PRIMARY KEY, post_id TEXT, section TEXT, author TEXT,
    year TEXT, month TEXT, date_key INTEGER);
"""
# ``facets`` is the covering table of every column a filter or a count reads: match
# sets and GROUP BYs scan its narrow rows, never the wide ``passages`` rows.
INDEXES = """
CREATE INDEX facets_post ON facets(post_id);
CREATE INDEX facets_author ON facets(author, section, year);
CREATE INDEX facets_section_year ON facets(section, year, author);
CREATE INDEX facets_year ON facets(year, section, author);
CREATE INDEX passages_date ON passages(date_key, position);
CREATE INDEX post_terms_post ON post_terms(kind, post_id, value);
CREATE INDEX post_terms_value ON post_terms(kind, value, post_id);
"""


def build(archive: Path, database: Path) -> dict[str, Any]:
    """Parse with our readers and load FTS5 in one transaction; optimize at the end."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.executescript(SCHEMA)
    texts: list[tuple[int, str, str]] = []
    rows: list[tuple[Any, ...]] = []
    terms: list[tuple[str, str, str]] = []
    parse_seconds = 0.0
    count = 0
    for path in discover([archive]):
        parse_started = time.perf_counter()
        reader = reader_for(path)
        if reader is None:
            continue
        documents = [
            document
            for post in reader.read(ReadContext(path, str(path)))
            for document in documents_for_post(post)
        ]
        parse_seconds += time.perf_counter() - parse_started
        for document in documents:
            count += 1
            texts.append(
                (count, str(document["title_words"]), str(document["text"]), document["author"])
            )
            rows.append(
                (
                    count,
                    document["id"],
                    document["post_id"],
                    document["post_title"],
                    document["section"],
                    document["author"],
                    document["date"],
                    document["date_key"],
                    document["year"],
                    document["month"],
                    document["position"],
                    document["anchor"],
                )
            )
            if document["position"] == 1:
                for kind in ("category", "tag"):
                    terms += [
                        (document["post_id"], kind, value)
                        for value in document[kind].split(",")
                        if value
                    ]
        if len(rows) >= BATCH:
            _flush(connection, texts, rows, terms)
    _flush(connection, texts, rows, terms)
    connection.executescript(INDEXES)
    connection.execute("INSERT INTO fts(fts) VALUES('optimize')")
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()
    return {
        "passages": count,
        "seconds": time.perf_counter() - started,
        "parse_seconds": parse_seconds,
    }


def _flush(
    connection: sqlite3.Connection, texts: list[Any], rows: list[Any], terms: list[Any]
) -> None:
    connection.executemany(
        "INSERT INTO fts(rowid, title_words, text, author_words) VALUES (?, ?, ?, ?)", texts
    )
    connection.executemany(
        f"INSERT INTO passages VALUES ({', '.join('?' * len(PASSAGE_COLUMNS))})", rows
    )
    connection.executemany("INSERT INTO post_terms VALUES (?, ?, ?)", terms)
    connection.executemany(
        "INSERT INTO facets VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(row[0], row[2], row[4], row[5], row[8], row[9], row[7]) for row in rows],
    )
    texts.clear()
    rows.clear()
    terms.clear()


def match_expression(spec: QuerySpec) -> str | None:
    """Our query as FTS5 syntax: AND of quoted words and phrases over the fields plain
    words search (title, text, author's name)."""
    parts = [f'"{word}"' for word in spec.words]
    if spec.phrase:
        parts.append('"' + " ".join(spec.phrase) + '"')
    return "{title_words text author_words} : (" + " AND ".join(parts) + ")" if parts else None


def _in(column: str, values: tuple[str, ...]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


class Fts5Searcher:
    """One connection; ``search`` answers what ``ArchiveIndex.search`` answers."""

    def __init__(self, database: Path) -> None:
        # Its best settings: statements compiled once per distinct SQL text (the cache),
        # the file memory-mapped, a large page cache, temporary tables in memory.
        self.connection = sqlite3.connect(database, check_same_thread=False, cached_statements=1024)
        self.connection.executescript(
            "PRAGMA mmap_size = 4294967296; PRAGMA cache_size = -262144; "
            "PRAGMA temp_store = MEMORY;"
        )

    def close(self) -> None:
        self.connection.close()

    def _filters(self, spec: QuerySpec) -> dict[str, tuple[str, list[Any]]]:
        filters: dict[str, tuple[str, list[Any]]] = {}
        if spec.sections:
            filters["section"] = _in("p.section", spec.sections)
        if spec.authors:
            filters["author"] = _in("p.author", spec.authors)
        if spec.categories:
            clause, values = _in("t.value", spec.categories)
            filters["category"] = (
                "p.post_id IN (SELECT t.post_id FROM post_terms t "
                f"WHERE t.kind = 'category' AND {clause})",
                values,
            )
        if spec.year:
            filters["year"] = ("p.year = ?", [spec.year])
        if spec.date_from or spec.date_to:
            low = parse_date_bound("from", spec.date_from, end=False)
            high = parse_date_bound("to", spec.date_to, end=True)
            clause, values = "p.date_key > ?", [UNKNOWN_DATE_KEY]
            if low:
                clause, values = (
                    clause + " AND p.date_key >= ?",
                    [*values, date_key(datetime.combine(low, datetime.min.time()))],
                )
            if high:
                clause, values = (
                    clause + " AND p.date_key <= ?",
                    [*values, date_key(datetime.combine(high, datetime.max.time()))],
                )
            filters["range"] = (clause, values)
        return filters

    @staticmethod
    def _where(filters: dict[str, tuple[str, list[Any]]], *excluded: str) -> tuple[str, list[Any]]:
        kept = [value for name, value in filters.items() if name not in excluded]
        if not kept:
            return "", []
        return " WHERE " + " AND ".join(clause for clause, _ in kept), [
            v for _, values in kept for v in values
        ]

    def search(self, spec: QuerySpec) -> dict[str, Any]:
        connection = self.connection
        match = match_expression(spec)
        filters = self._filters(spec)
        connection.execute("DROP TABLE IF EXISTS temp.matched")
        if match:
            connection.execute(
                # The match set with its facet columns, materialised once: every GROUP BY
                # below then scans this small table instead of joining the whole index.
                "CREATE TEMP TABLE matched AS SELECT p.id, p.post_id, p.section, p.author, "
                "p.year, p.month, p.date_key FROM fts JOIN facets p ON p.id = fts.rowid "
                "WHERE fts MATCH ?",
                (match,),
            )
            source = "temp.matched p"
        else:
            source = "facets p"
        where, values = self._where(filters)
        total, total_posts = connection.execute(
            f"SELECT count(*), count(DISTINCT p.post_id) FROM {source}{where}", values
        ).fetchone()
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, excluded in (
            ("author", ("author",)),
            ("section", ("section",)),
            ("year", ("year",)),
            ("month", ()),
        ):
            column = f"p.{name}"
            where, values = self._where(filters, *excluded)
            limit = f" LIMIT {FACET_LIMIT}" if name == "author" else ""
            facets[name] = connection.execute(
                f"SELECT {column}, count(*) AS n FROM {source}{where} GROUP BY {column} "
                f"ORDER BY n DESC, {column}{limit}",
                values,
            ).fetchall()
        for kind in ("category", "tag"):
            where, values = self._where(filters, kind)
            facets[kind] = connection.execute(
                f"SELECT t.value, count(*) AS n FROM {source} JOIN post_terms t ON t.kind = ? "
                f"AND t.post_id = p.post_id{where} GROUP BY t.value ORDER BY n DESC, t.value "
                f"LIMIT {FACET_LIMIT}",
                [kind, *values],
            ).fetchall()
        return {
            "total": total,
            "total_posts": total_posts,
            "facets": facets,
            "hits": self._hits(match, filters),
        }

    def _hits(
        self, match: str | None, filters: dict[str, tuple[str, list[Any]]]
    ) -> list[tuple[Any, ...]]:
        where, values = self._where(filters)
        columns = ", ".join(f"p.{name}" for name in PASSAGE_COLUMNS)
        if match:
            condition = " AND ".join(["fts MATCH ?", *(clause for clause, _ in filters.values())])
            return self.connection.execute(
                f"SELECT {columns}, {SNIPPET}, bm25(fts, 2.0, 1.0, 0.5) AS score FROM fts "
                f"JOIN passages p ON p.id = fts.rowid WHERE {condition} ORDER BY score LIMIT 10",
                [match, *values],
            ).fetchall()
        # Browsing: oldest first (undated last), the passage's opening as its snippet.
        return self.connection.execute(
            f"SELECT {columns}, substr(f.text, 1, 240), NULL FROM passages p "
            f"JOIN fts f ON f.rowid = p.id{where} "
            f"ORDER BY p.date_key = {UNKNOWN_DATE_KEY}, p.date_key, p.position LIMIT 10",
            values,
        ).fetchall()
