"""The ``archive-search`` command: index, query, watch, serve, export.

Each command parses its options (the shared ones are in ``cli_options.py``), calls the
library and renders. Library errors become an exit code in exactly one place
(``cli_errors.py``): 1 some files failed, 2 bad arguments or unsearchable query,
3 no usable index, 4 index busy.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from indexer import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    ArchiveIndex,
    Cluster,
    build_request,
    index_archive,
    open_archive,
)
from indexer.errors import ArchiveSearchError
from web import settings
from web.cli.errors import reports_errors
from web.cli.options import cluster_options, facet_options, index_option, single
from web.cli.terminal import print_export, print_result, print_run_summary
from web.exporting import FORMATS

OUTPUT_FORMATS = ("text", "json", *FORMATS)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="archive-search")
def main() -> None:
    """Full-text search for blog archives: posts, quotes, comments and pingbacks."""


@main.command("index")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_option
@cluster_options(layout=True)
@click.option("--rebuild", is_flag=True, help="Start from an empty index.")
@click.option("--wait", "wait_seconds", default=settings.WRITER_WAIT_S, show_default=True,
              help="Seconds to wait for another writer before giving up (exit 4).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--quiet", "-q", is_flag=True,
              help="Print only failures and the final summary line (no per-file lines, "
              "no warnings, no progress bar).")  # fmt: skip
@click.option("--jobs", type=click.IntRange(1, 64), envvar="ARCHIVE_SEARCH_JOBS",
              help="Processes that parse and write (default: one per core when 40 or "
              "more files are to be read; 1: all in this process).")  # fmt: skip
@reports_errors
def index_command(
    paths: tuple[Path, ...],
    index_dir: Path,
    rebuild: bool,
    wait_seconds: float,
    as_json: bool,
    quiet: bool,
    jobs: int | None,
    cluster: Cluster | None,
) -> None:
    """Index the archive files under PATHS (default: data/), only what changed: into the
    index folder, or into the OpenSearch cluster (``--opensearch``)."""
    roots = list(paths) or [Path("data")]
    show_progress = sys.stderr.isatty() and not as_json and not quiet
    bar: Any = None

    def progress(done: int, total: int, source: str) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="Indexing", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        summary = index_archive(
            roots, index_dir, cluster=cluster, rebuild=rebuild, wait_seconds=wait_seconds,
            progress=progress if show_progress else None, workers=jobs,
        )  # fmt: skip
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:
        print_run_summary(summary, quiet=quiet)
    sys.exit(1 if summary.failed else 0)


@main.command("query", epilog="A query that starts with a dash needs -- before it, so it is not "
              "read as an option: archive-search query -- -vice police")  # fmt: skip
@click.argument("text", default="", required=False)
@facet_options
@single("--sort", help="relevance (default with a query), newest or oldest (default without).")
@single("--group", help="passage (default): a page of passages; post: a page of posts, "
        "each with its best 3 passages.")  # fmt: skip
@single("--page", help="Which page of results  [default: 1]")
@single("--per-page", "per_page",
        help=f"Results per page, 1 to {MAX_PER_PAGE}  [default: {DEFAULT_PER_PAGE}]")  # fmt: skip
@index_option
@cluster_options()
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (--format json).")
@single("--format", "output_format", help="text (default), json, or csv / jsonl: one row per "
        "passage with its whole text.")  # fmt: skip
@click.option("--all", "everything", is_flag=True,
              help="With --format csv or jsonl: every matching passage, not one page.")  # fmt: skip
@click.option("--explain", is_flag=True, help="Show the parsed query and what was dropped.")
@reports_errors
def query_command(
    text: str,
    index_dir: Path,
    as_json: bool,
    output_format: str | None,
    everything: bool,
    explain: bool,
    cluster: Cluster | None,
    **options: Any,
) -> None:
    """Search the index for TEXT (empty: list what the filters match)."""
    output_format = output_format or ("json" if as_json else "text")
    if output_format not in OUTPUT_FORMATS:
        raise click.BadParameter(
            f"must be one of {', '.join(OUTPUT_FORMATS)}, not {output_format!r}",
            param_hint="--format",
        )
    if everything and output_format not in FORMATS:
        raise click.BadParameter("--all goes with --format csv or jsonl", param_hint="--all")
    request = build_request(text, **options)
    archive = open_archive(index_dir, cluster=cluster)
    if output_format in FORMATS:
        print_export(archive.export(request), output_format, request, everything)
        return
    result = archive.search(request)
    as_json = output_format == "json"
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
    print_result(result, color=sys.stdout.isatty())


@main.command("watch")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@index_option
@cluster_options(layout=True)
@click.option("--debounce", "debounce_ms", default=1000, show_default=True,
              help="Milliseconds of quiet before changes are applied.")  # fmt: skip
@reports_errors
def watch_command(
    paths: tuple[Path, ...], index_dir: Path, debounce_ms: int, cluster: Cluster | None
) -> None:
    """Keep the index current: apply the incremental update on every archive change."""
    from watchfiles import watch

    roots = list(paths) or [Path("data")]
    print_run_summary(index_archive(roots, index_dir, cluster=cluster, wait_seconds=60))
    click.echo(f"Watching {', '.join(map(str, roots))} (Ctrl-C to stop)")
    try:
        for changes in watch(*roots, debounce=debounce_ms, raise_interrupt=False):
            click.echo(f"{len(changes)} change(s) seen; updating the index")
            try:
                summary = index_archive(roots, index_dir, cluster=cluster, wait_seconds=60)
            except ArchiveSearchError as error:  # e.g. busy: report, keep watching
                click.echo(f"error: {error.message}", err=True)
                continue
            print_run_summary(summary)
    except KeyboardInterrupt:
        pass


def _replay_base(_context: Any, _parameter: Any, value: str | None) -> str | None:
    if value is not None and not value.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{value[:80]!r} is not an http(s) URL of a replay tool")
    return value


@main.command("serve")
@click.option(
    "--host",
    default=settings.HOST,
    show_default=True,
    help="Address to bind; 0.0.0.0 serves other machines too (with a warning).",
)
@click.option("--port", default=settings.PORT, show_default=True, type=int,
              help="Port to listen on.")  # fmt: skip
@click.option("--workers", default=settings.WORKERS, show_default=True,
              type=click.IntRange(1, settings.MAX_WORKERS),
              help="Server processes (each answers searches on its own).")  # fmt: skip
@click.option("--search-timeout", "search_timeout", default=settings.SEARCH_TIME_LIMIT_S,
              show_default=True,
              type=click.FloatRange(0), help="Seconds a search may run before it answers 503 "
              "(0: no limit).")  # fmt: skip
@click.option("--replay-url", "replay_url", callback=_replay_base, metavar="URL",
              help="A pywb or Wayback base (https://replay.example/my-collection): post "
              "pages of web archives link their capture there.")  # fmt: skip
@index_option
@cluster_options()
@reports_errors
def serve_command(
    host: str,
    port: int,
    workers: int,
    search_timeout: float,
    index_dir: Path,
    replay_url: str | None,
    cluster: Cluster | None,
) -> None:
    """Serve the search web app (binds 127.0.0.1 unless told otherwise)."""
    from web.server import run

    open_archive(index_dir, cluster=cluster)  # fail fast, with the next step, before serving
    run(host=host, port=port, index_dir=index_dir, workers=workers,
        search_time_limit_s=search_timeout or None, replay_url=replay_url,
        cluster=cluster)  # fmt: skip


@main.command("export")
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["opensearch"]),
    required=True,
    help="opensearch: an index mapping and bulk NDJSON files, ready to load.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder to write into (created when missing).",
)
@click.option("--index-name", default="archive-passages", show_default=True,
              help="The OpenSearch index the bulk actions name.")  # fmt: skip
@index_option
@reports_errors
def export_command(export_format: str, out_dir: Path, index_name: str, index_dir: Path) -> None:
    """Export every passage of the index for another engine (docs/scaling.md)."""
    from indexer import export_opensearch

    ArchiveIndex.open(index_dir)  # missing or outdated index: the usual message and exit code
    written = export_opensearch(index_dir, out_dir, index_name)
    click.echo(
        f"{written.passages} passages in {len(written.files) - 1} bulk file(s) and mapping.json "
        f"under {out_dir}. Load: PUT /{index_name} with mapping.json, then POST /_bulk "
        "with each bulk file (Content-Type: application/x-ndjson)."
    )


if __name__ == "__main__":
    main()
