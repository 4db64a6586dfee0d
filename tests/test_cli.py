"""The archive-search command: JSON contract, human output, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import ArchiveIndex
from tests.paths import BLOGGER, SAMPLE, TEXTPAGES
from web.cli.main import main

HIT_KEYS = {"id", "post_id", "post_title", "section", "author", "date", "url", "snippet", "score"}


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("cli-archive")
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    index_dir = tmp_path_factory.mktemp("cli-index") / "idx"
    result = CliRunner().invoke(main, ["index", str(archive), "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    return index_dir


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_index_json_summary(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    (archive / "README.md").write_text("# not an archive file\n")
    (archive / "broken.txt").write_bytes(b"\x00\x01\x02 binary junk")
    code, out, _ = run("index", str(archive), "--index", str(tmp_path / "ix"), "--json")
    summary = json.loads(out)
    assert code == 1  # one file failed
    assert summary["files"] == 1 and summary["passages"] == 12
    assert summary["failed"] == [
        {
            "path": summary["failed"][0]["path"],
            "error": "not a format archive-search reads "
            "(saved text or HTML page, WordPress export, Blogger export, "
            "web archive: WARC or WACZ)",
        }
    ]
    assert summary["failed"][0]["path"].endswith("broken.txt")
    assert any("announces 9 responses but 8 are present" in w for w in summary["warnings"])
    assert summary["per_file"][0]["reader"] == "text-page"
    code, out, _ = run("index", str(archive), "--index", str(tmp_path / "ix"), "--json")
    again = json.loads(out)
    assert (again["unchanged"], again["added"], again["passages"]) == (1, 0, 12)


def test_query_json_contract(cli_index: Path) -> None:
    code, out, _ = run(
        "query", "vice squad", "--section", "quote", "--index", str(cli_index), "--json"
    )
    assert code == 0
    data = json.loads(out)
    for key in ("query", "filters", "sort", "page", "per_page", "total", "total_posts", "hits",
                "facets", "facets_truncated", "suggestion", "warnings"):  # fmt: skip
        assert key in data
    assert (data["query"], data["sort"], data["page"], data["per_page"]) == (
        "vice squad", "relevance", 1, 10,
    )  # fmt: skip
    assert data["filters"]["section"] == ["quote"]
    assert (data["total"], data["total_posts"]) == (1, 1)
    (hit,) = data["hits"]
    assert set(hit) >= HIT_KEYS
    assert hit["author"] == "anonymous sex worker"
    assert "<mark>vice</mark> <mark>squad</mark>" in hit["snippet"]
    assert hit["url"] == f"/post/{hit['post_id']}#quote-1"
    assert set(data["facets"]) >= {"author", "section", "year", "month"}
    assert data["facets"]["section"] == [
        {"value": "quote", "count": 1, "selected": True, "label": "Quote"}
    ]


def test_query_text_output_marks_terms(cli_index: Path) -> None:
    code, out, _ = run("query", "vice squad", "--index", str(cli_index))
    assert code == 0
    assert out.startswith("1 passage in 1 post for 'vice squad'")
    assert "When the **vice** **squad** does stings" in out
    assert (
        "[quote] anonymous sex worker · 2012-06-14 · oaklandoccupypatriarchy.wordpress.com · "
        "English · Occupy Patriarchy" in out
    )
    assert "section: Quote (1) | author: anonymous sex worker (1) | " in out
    assert "| language: English (1) | year: 2012 (1)" in out


def test_the_summary_names_the_largest_years(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(BLOGGER, archive / BLOGGER.name)  # a blog of 2005 to 2022
    index_dir = tmp_path / "index"
    assert run("index", str(archive), "--index", str(index_dir))[0] == 0
    code, out, _ = run("query", "debian", "--index", str(index_dir), "--json")
    assert code == 0
    years = json.loads(out)["facets"]["year"]
    assert len(years) > 5
    largest = sorted(years, key=lambda value: -value["count"])[:5]
    assert largest != years[:5]  # the first five years are not the largest
    code, out, _ = run("query", "debian", "--index", str(index_dir))
    assert code == 0
    summary = out.rstrip().splitlines()[-1]
    shown = ", ".join(f"{value['value']} ({value['count']})" for value in largest)
    assert f"year: {shown}" in summary


def test_explain_shows_the_parsed_query_and_what_was_dropped(cli_index: Path) -> None:
    code, out, _ = run("query", "(vice squad", "--explain", "--index", str(cli_index))
    assert code == 0
    assert "parsed: (text:vice AND text:squad)" in out  # title/name variants not in the index
    assert "dropped/changed: 1 unbalanced parenthesis ignored" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "x", "--sort", "foo"], "sort must be one of"),
        (["query", "x", "--page", "0"], "page must be between"),
        (["query", "x", "--month", "2012-1"], "month must be YYYY-MM"),
        (["query", "AND"], "nothing to search"),
        (["query", "x" * 1001], "at most 1000 are searched"),
        (["query", "x", "--section", "quotes"], "section must be one of"),
    ],
)
def test_bad_arguments_exit_2_with_reason(cli_index: Path, args: list[str], message: str) -> None:
    code, out, err = run(*args, "--index", str(cli_index))
    assert code == 2
    assert message in err and "Traceback" not in err + out


def test_missing_index_exits_3_and_says_what_to_run(tmp_path: Path) -> None:
    code, _, err = run("query", "x", "--index", str(tmp_path / "nothing"))
    assert code == 3
    assert "run `archive-search index` first" in err


def test_index_dir_from_environment(cli_index: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "vice", "--json"], env={"ARCHIVE_SEARCH_INDEX": str(cli_index)}
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["total"] == 1


def test_installed_console_script(tmp_path: Path) -> None:
    """The real entry point, in a subprocess: what a user runs after `make index`."""
    script = Path(sys.executable).with_name("archive-search")
    archive = tmp_path / "a"
    archive.mkdir()
    shutil.copy(TEXTPAGES / "with-year-ampm.txt", archive / "page.txt")
    env = {**os.environ, "ARCHIVE_SEARCH_INDEX": str(tmp_path / "ix")}
    indexed = subprocess.run([str(script), "index", str(archive)], env=env, capture_output=True,
                             text=True, timeout=60)  # fmt: skip
    assert indexed.returncode == 0, indexed.stderr
    found = subprocess.run([str(script), "query", "tomatoes", "--json"], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 2  # body and quote


def test_an_unexpected_error_surfaces_as_itself(
    cli_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug is neither hidden as a damaged index nor replaced by another error (the
    handler once imported a function that no longer existed: every bug became an
    ImportError)."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the search")

    monkeypatch.setattr(ArchiveIndex, "search", broken)
    result = CliRunner().invoke(main, ["query", "police", "--index", str(cli_index)])
    assert result.exit_code == 1
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "a bug in the search"
