"""The ``archive-search`` command: index, query, serve, watch.

Each command parses its options, calls the library and renders. Library errors
become an exit code in exactly one place (``_fail``): 1 some files failed,
2 bad arguments or unsearchable query, 3 no usable index, 4 index busy.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from indexer import (
    FACETS,
    ArchiveIndex,
    IndexReport,
    SearchResult,
    build_request,
    index_archive,
)
from indexer.errors import ArchiveSearchError, IndexDamaged

DEFAULT_INDEX = ".index"
CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])

index_option = click.option(
    "--index",
    "index_dir",
    envvar="ARCHIVE_SEARCH_INDEX",
    default=DEFAULT_INDEX,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Index folder (or set ARCHIVE_SEARCH_INDEX).",
)


def facet_options(function: CommandFunction) -> CommandFunction:
    """One option per facet of the library's registry (``--author``, ``--year``, ...)."""
    for facet in reversed(FACETS.values()):
        repeatable = " Repeatable: OR within the facet." if not facet.single_selection else ""
        function = click.option(
            f"--{facet.parameter}",
            facet.name,
            multiple=not facet.single_selection,
            help=facet.help + repeatable,
        )(function)
    return function


def _fail(error: ArchiveSearchError) -> NoReturn:
    click.echo(f"error: {error.message}", err=True)
    sys.exit(error.exit_code)


def reports_errors(function: CommandFunction) -> CommandFunction:
    """Library errors, a damaged index and file-system failures become a message and an
    exit code, never a traceback."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        index_dir = str(kwargs.get("index_dir", DEFAULT_INDEX))
        try:
            return function(*args, **kwargs)
        except ArchiveSearchError as error:
            _fail(error)
        except OSError as error:  # read-only or full file system, permissions
            _fail(IndexUnusable(index_dir, error))
        except Exception as error:
            from web.searching import raised_by_storage

            if not raised_by_storage(error):
                raise
            _fail(IndexDamaged(index_dir, type(error).__name__))

    return wrapper  # type: ignore[return-value]


class IndexUnusable(ArchiveSearchError):
    """The index folder cannot be read or written (exit 3, like a missing index)."""

    kind = "index_unusable"
    exit_code = 3

    def __init__(self, index_dir: str, error: OSError) -> None:
        where = f" ({error.filename})" if error.filename else ""
        super().__init__(
            f"cannot use the index in {index_dir}: {error.strerror or error}{where}; "
            "an update that failed leaves the last committed index as it was"
        )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="archive-search")
def main() -> None:
    """Full-text search for blog archives: posts, quotes, comments and pingbacks."""


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
@click.option("--wait", "wait_seconds", default=30.0, show_default=True,
              help="Seconds to wait for another writer before giving up (exit 4).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@reports_errors
def index_command(
    paths: tuple[Path, ...], index_dir: Path, rebuild: bool, wait_seconds: float, as_json: bool
) -> None:
    """Index the archive files under PATHS (default: data/), only what changed."""
    roots = list(paths) or [Path("data")]
    show_progress = sys.stderr.isatty() and not as_json
    bar: Any = None

    def progress(done: int, total: int, source: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Indexing", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        report = index_archive(
            roots, index_dir, rebuild=rebuild, wait_seconds=wait_seconds,
            progress=progress if show_progress else None,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_index_report(report)
    sys.exit(1 if report.failed else 0)


def _print_index_report(report: IndexReport) -> None:
    summary = report.to_json()
    for outcome in report.outcomes:
        if outcome.status in ("added", "updated"):
            click.echo(f"  {outcome.status:<8} {outcome.reader:<10} {outcome.source}: "
                       f"{outcome.posts} post(s), {outcome.passages} passages")  # fmt: skip
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for failure in report.failed:
        click.echo(f"failed: {failure.source}: {failure.error}", err=True)
    click.echo(
        f"{summary['files']} file(s) read: {summary['added']} added, {summary['updated']} "
        f"updated, {summary['removed']} removed, {summary['unchanged']} unchanged"
        f"{', ' + str(len(report.failed)) + ' failed' if report.failed else ''}. "
        f"The index in {report.index_dir} holds {report.passages} passages "
        f"from {report.posts} post(s)."
    )


@main.command("query")
@click.argument("text", default="", required=False)
@facet_options
@click.option("--from", "date_from", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "date_to", help="Up to this date, inclusive.")
@click.option("--sort", help="relevance (default with a query), newest or oldest.")
@click.option("--page", default="1", show_default=True)
@click.option("--per-page", "per_page", default="10", show_default=True)
@index_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--explain", is_flag=True, help="Show the parsed query and what was dropped.")
@reports_errors
def query_command(text: str, index_dir: Path, as_json: bool, explain: bool, **options: Any) -> None:
    """Search the index for TEXT (empty: list what the filters match)."""
    request = build_request(text, **options)
    result = ArchiveIndex.open(index_dir).search(request)
    if explain:
        click.echo(f"parsed: {result.parsed_query}", err=as_json)
        for warning in result.warnings or ["nothing was dropped"]:
            click.echo(f"dropped/changed: {warning}", err=as_json)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    if not explain:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    _print_result(result, color=sys.stdout.isatty())


def _terminal_snippet(snippet_html: str, color: bool) -> str:
    def emphasise(match: re.Match[str]) -> str:
        word = match.group(1)
        return click.style(word, bold=True, reverse=True) if color else f"**{word}**"

    return html.unescape(re.sub(r"<mark>(.*?)</mark>", emphasise, snippet_html))


def _print_result(result: SearchResult, color: bool) -> None:
    what = f" for {result.request.query!r}" if result.request.query else ""
    click.echo(
        f"{result.total} passage{'s' if result.total != 1 else ''} in {result.total_posts} "
        f"post{'s' if result.total_posts != 1 else ''}{what} "
        f"(page {result.request.page} of {result.page_count}, sorted by {result.sort})"
    )
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}?")
    for hit in result.hits:
        when = (hit.date or "undated").replace("T", " ")
        if hit.date_precision == "day":
            when = when[:10]
        click.echo("")
        click.echo(f"[{hit.section}] {hit.author or 'unknown'} · {when} · {hit.post_title}")
        click.echo(f"    {_terminal_snippet(hit.snippet, color)}")
        click.echo(f"    {hit.url}")
    parts = []
    for name in ("section", "author", "year"):
        values = result.facets.get(name, [])[:5]
        if values:
            parts.append(f"{name}: " + ", ".join(f"{v.value} ({v.count})" for v in values))
    if parts:
        click.echo("")
        click.echo(" | ".join(parts))


@main.command("watch")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_option
@click.option("--debounce", "debounce_ms", default=1000, show_default=True,
              help="Milliseconds of quiet before changes are applied.")  # fmt: skip
@reports_errors
def watch_command(paths: tuple[Path, ...], index_dir: Path, debounce_ms: int) -> None:
    """Keep the index current: apply the incremental update on every archive change."""
    from watchfiles import watch

    roots = list(paths) or [Path("data")]
    _print_index_report(index_archive(roots, index_dir, wait_seconds=60))
    click.echo(f"Watching {', '.join(map(str, roots))} (Ctrl-C to stop)")
    try:
        for changes in watch(*roots, debounce=debounce_ms, raise_interrupt=False):
            click.echo(f"{len(changes)} change(s) seen; updating the index")
            try:
                report = index_archive(roots, index_dir, wait_seconds=60)
            except ArchiveSearchError as error:  # e.g. busy: report, keep watching
                click.echo(f"error: {error.message}", err=True)
                continue
            _print_index_report(report)
    except KeyboardInterrupt:
        pass


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--search-timeout", "search_timeout", default=5.0, show_default=True,
              type=click.FloatRange(0), help="Seconds a search may run before it answers 503 "
              "(0: no limit).")  # fmt: skip
@index_option
@reports_errors
def serve_command(
    host: str, port: int, workers: int, search_timeout: float, index_dir: Path
) -> None:
    """Serve the search web app (binds 127.0.0.1 unless told otherwise)."""
    from web.server import run

    ArchiveIndex.open(index_dir)  # fail fast, with the next step, before starting a server
    run(host=host, port=port, index_dir=index_dir, workers=workers,
        search_time_limit_s=search_timeout or None)  # fmt: skip


if __name__ == "__main__":
    main()
