"""The CLI as used in a terminal and in pipes: quiet when the reader goes away, strict
options, one summary of repeated warnings, results by post, exports."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.paths import SAMPLE
from tests.web.conftest import serve_command
from web.cli.main import main


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = tmp_path_factory.mktemp("pipes-archive")
    shutil.copy(SAMPLE, archive / SAMPLE.name)
    index_dir = tmp_path_factory.mktemp("pipes-index") / "idx"
    indexed = CliRunner().invoke(main, ["index", str(archive), "--index", str(index_dir)])
    assert indexed.exit_code == 0
    return index_dir


def shell(pipeline: str, index_dir: Path) -> subprocess.CompletedProcess[str]:
    """``pipeline`` in bash with ``$AS`` the CLI; prints the CLI's exit status last."""
    env = {**os.environ, "AS": " ".join(serve_command()), "ARCHIVE_SEARCH_INDEX": str(index_dir)}
    return subprocess.run(["bash", "-c", f"{pipeline}; echo \"status=${{PIPESTATUS[0]}}\""],
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip


@pytest.mark.parametrize(
    "arguments", ["police", "police --format csv --all", "police --json", "'' --format jsonl"]
)
def test_a_reader_that_stops_early_is_no_error(sample_index: Path, arguments: str) -> None:
    # `head -c 1` closes the pipe after one byte, before the output is written out.
    done = shell(f"$AS query {arguments} | head -c 1 >/dev/null", sample_index)
    assert done.stdout.strip() == "status=0"
    assert done.stderr == ""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "12"], "year must be four digits (YYYY, e.g. 2012), not '12'"),
        (["--year", "2012", "--year", "2013"], "given 2 times (2012, 2013); --year takes one"),
        (["--sort", "newest", "--sort", "oldest"], "--sort takes one value"),
        (["--per-page", "5", "--per-page", "6"], "--per-page takes one value"),
        (["--format", "xml"], "must be one of text, json, csv, jsonl"),
        (["--all"], "--all goes with --format csv or jsonl"),
        (["--group", "thread"], "group must be one of passage, post"),
    ],
)
def test_options_are_strict(sample_index: Path, args: list[str], message: str) -> None:
    code, out, err = run("query", "police", *args, "--index", str(sample_index))
    assert code == 2
    assert message in " ".join(err.split())
    assert out == ""


def test_index_of_a_missing_path_names_it(tmp_path: Path) -> None:
    code, _, err = run("index", "/nonexistent/archive", "--index", str(tmp_path / "ix"))
    assert code == 2
    assert "'/nonexistent/archive' does not exist" in err


def test_every_option_has_help() -> None:
    for name, command in main.commands.items():
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert parameter.help, f"{name} {parameter.opts[0]} has no help"
    _, out, _ = run("query", "--help")
    assert "archive-search query -- -vice police" in " ".join(out.split())


def test_a_query_starting_with_a_dash_after_double_dash(sample_index: Path) -> None:
    code, out, _ = run("query", "--index", str(sample_index), "--json", "--", "-vice police")
    assert code == 0
    assert json.loads(out)["total"] == 5  # "police" without the one passage saying "vice"


def test_repeated_warnings_are_summarised_and_quiet_prints_only_the_summary(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for number in range(1, 7):  # six copies of one page that announces 9 responses, holds 8
        copy = archive / f"copy{number}.txt"
        shutil.copy(SAMPLE, copy)
        os.utime(copy, (1_600_000_000 + number, 1_600_000_000 + number))
    code, out, err = run("index", str(archive), "--index", str(tmp_path / "ix"))
    assert code == 0
    lines = err.splitlines()
    announces = [line for line in lines if "the page announces 9 responses" in line]
    assert len(announces) == 3 and len(lines) == 8
    assert (
        "warning: 3 more like this: the page announces N responses but N are present "
        "(N comments, N pingbacks); indexed what is present" in lines
    )
    same_post = [line for line in lines if "is the same post as" in line]
    assert len(same_post) == 4  # 5 warnings: 3 shown, then one line counting the other 2
    assert same_post[-1].startswith("warning: 2 more like this: ")

    code, out, err = run("index", str(archive), "--index", str(tmp_path / "ix2"), "--quiet")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"6 file(s) read: 6 added, 0 updated, 0 removed, 0 unchanged. The index in "
        f"{tmp_path / 'ix2'} holds 12 passages from 1 post(s)."
    ]


def test_results_by_post_in_the_terminal(sample_index: Path) -> None:
    code, out, _ = run("query", "police", "--group", "post", "--index", str(sample_index))
    assert code == 0
    assert out.startswith("6 passages in 1 post for 'police' (page 1 of 1")
    assert out.count("\n[") == 3  # the best three passages
    assert "3 more in this post: /post/2012-06-14-occupy-patriarchy" in out


def test_csv_export_of_a_page_and_of_everything(sample_index: Path) -> None:
    code, out, _ = run("query", "police", "--format", "csv", "--per-page", "2",
                       "--index", str(sample_index))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2
    code, out, _ = run("query", "police", "--format", "csv", "--all", "--index", str(sample_index))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 6
    assert [row["section"] for row in rows].count("comment") == 2
    assert all("olic" in row["text"].lower() for row in rows)
