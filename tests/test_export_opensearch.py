"""``archive-search export --format opensearch``: a mapping and bulk NDJSON an
OpenSearch cluster accepts (checked here on the format: no cluster)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from indexer import ArchiveIndex, build_request, index_archive
from indexer.opensearch.mapping import BULK_DOCUMENTS, SNOWBALL, cluster_document
from tests.paths import SAMPLE
from web.cli.main import main


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    archive = tmp_path_factory.mktemp("export-archive")
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    index_dir = tmp_path_factory.mktemp("export-index") / "idx"
    index_archive([archive], index_dir)
    out = tmp_path_factory.mktemp("export") / "opensearch"
    result = CliRunner().invoke(
        main, ["export", "--format", "opensearch", "--out", str(out), "--index", str(index_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "12 passages in 1 bulk file(s)" in result.output
    return index_dir, out


def _bulk(out: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = []
    for path in sorted(out.glob("bulk-*.ndjson")):
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n")  # the bulk API rejects a body without the final newline
        lines = [json.loads(line) for line in text.splitlines()]
        assert len(lines) % 2 == 0
        pairs += list(zip(lines[::2], lines[1::2], strict=True))
    return pairs


def test_bulk_files_hold_every_passage_once_keyed_by_passage_id(
    exported: tuple[Path, Path],
) -> None:
    index_dir, out = exported
    pairs = _bulk(out)
    assert [path.name for path in sorted(out.iterdir())] == ["bulk-00001.ndjson", "mapping.json"]
    assert len(pairs) == ArchiveIndex.open(index_dir).stats().passages == 12
    assert all(set(action) == {"index"} for action, _ in pairs)
    assert [a["index"]["_id"] for a, _ in pairs] == [d["id"] for _, d in pairs]
    assert [a["index"]["routing"] for a, _ in pairs] == [d["post_id"] for _, d in pairs]
    assert len({d["id"] for _, d in pairs}) == 12
    assert {a["index"]["_index"] for a, _ in pairs} == {"archive-passages"}


def test_the_attributed_quote_as_an_opensearch_document(exported: tuple[Path, Path]) -> None:
    index_dir, out = exported
    hit = (
        ArchiveIndex.open(index_dir).search(build_request("vice squad", section=["quote"])).hits[0]
    )
    (quote,) = [document for _, document in _bulk(out) if document["section"] == "quote"]
    assert quote["id"] == hit.id and quote["post_id"] == hit.post_id
    assert quote["author"] == quote["author_words"] == "anonymous sex worker"
    assert quote["text"].startswith("When the vice squad does stings")
    assert (quote["year"], quote["month"]) == ("2012", "2012-06")
    assert quote["text_en"] == quote["text"]  # analysed in its language
    assert not any(name.startswith("title_words") for name in quote)  # first passage only
    (first,) = [d for _, d in _bulk(out) if d["position"] == 1]
    # The title as written, then its compound's joined form (issue 24's spelling variants).
    assert first["title_words_en"] == [first["post_title"], "AntiSexTrafficking"]


def test_every_document_fits_the_strict_mapping(exported: tuple[Path, Path]) -> None:
    _, out = exported
    body = json.loads((out / "mapping.json").read_text(encoding="utf-8"))
    mapping = body["mappings"]
    assert mapping["dynamic"] == "strict"  # an unmapped field would be rejected, not guessed
    properties = mapping["properties"]
    for name in ("post_id", "section", "author", "year", "month", "category", "tag", "language"):
        assert properties[name] == {"type": "keyword"}, name  # facets: terms aggregations
    assert properties["date"]["type"] == "date"
    assert properties["text_en"]["analyzer"] == "archive_en"
    assert properties["text_plain"]["analyzer"] == "archive_plain"
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["archive_de"]["filter"] == [
        "lowercase", "asciifolding", "archive_length", "archive_umlauts", "archive_stem_de",
        "archive_bigrams",
    ]  # fmt: skip
    assert analysis["filter"]["archive_stem_de"] == {"type": "snowball", "language": "German"}
    assert analysis["filter"]["archive_bigrams"] == {"type": "cjk_bigram", "output_unigrams": True}
    for _, document in _bulk(out):
        assert set(document) <= set(properties), set(document) - set(properties)
        for name in ("date", "post_date"):
            if document[name] is not None:
                datetime.strptime(document[name], "%Y-%m-%dT%H:%M")  # the mapping's format
        assert isinstance(document["category"], list) and isinstance(document["tag"], list)


def test_a_passage_of_a_known_language_is_also_analysed_in_it() -> None:
    stored = {"id": "p#post-1", "post_id": "p", "position": 1, "post_title": "Über uns",
              "text": "Die Häuser", "language": "de", "date": "", "category": "a,b"}  # fmt: skip
    document = cluster_document(stored)
    assert document["text_de"] == document["text"] == "Die Häuser"
    assert document["title_words_de"] == "Über uns"
    assert document["date"] is None and document["year"] is None
    assert document["category"] == ["a", "b"]
    assert document["author"] is None  # no author: no facet value (as the local index)
    assert document["spell"] == ["über", "uns", "die", "häuser"]  # did-you-mean vocabulary
    unknown = cluster_document({**stored, "language": "xx"})
    assert unknown["text_plain"] == "Die Häuser"  # folded, not stemmed
    assert [name for name in unknown if name.startswith("text_")] == ["text_plain"]
    english_title = cluster_document(stored, title_language="en")
    assert english_title["title_words_en"] == "Über uns"  # stemmed in the post's language
    assert "de" in SNOWBALL and BULK_DOCUMENTS >= 1000


def test_export_without_an_index_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["export", "--format", "opensearch", "--out", str(tmp_path / "o"),
         "--index", str(tmp_path / "none")],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "archive-search index" in result.output
