"""What the CLI prints: indexing-run summaries (repeated warnings summarised), results in a
terminal (matches emphasised, by post or by passage) and exports into a pipe."""

from __future__ import annotations

import html
import itertools
import re
import sys
from typing import Any

import click

from indexer import FACETS, MATCHED_IN, Export, Hit, IndexRunSummary, SearchResult
from web.exporting import chunks


def _warning_kind(warning: str) -> str:
    """A warning without its file (``path:line: ``) and numbers: what it says, in general."""
    message = re.sub(r"^\S+?(?::\d+)?: ", "", warning, count=1)
    return re.sub(r"\d+", "N", message)


def summarize_warnings(warnings: list[str], shown: int = 3) -> list[str]:
    """Each kind of warning at most ``shown`` times, then one line counting the rest:
    200 pages that announce more responses than they hold make 4 lines, not 200."""
    kinds: dict[str, int] = {}
    lines = []
    for warning in warnings:
        kind = _warning_kind(warning)
        kinds[kind] = kinds.get(kind, 0) + 1
        if kinds[kind] <= shown:
            lines.append(warning)
    for kind, count in kinds.items():
        if count > shown:
            lines.append(f"{count - shown} more like this: {kind}")
    return lines


def print_run_summary(run: IndexRunSummary, quiet: bool = False) -> None:
    summary = run.to_json()
    for outcome in run.outcomes:
        if outcome.status in ("added", "updated") and not quiet:
            click.echo(f"  {outcome.status:<8} {outcome.reader:<10} {outcome.source}: "
                       f"{outcome.posts} post(s), {outcome.passages} passages")  # fmt: skip
    for warning in [] if quiet else summarize_warnings(run.warnings):
        click.echo(f"warning: {warning}", err=True)
    for failure in run.failed:
        click.echo(f"failed: {failure.source}: {failure.error}", err=True)
    click.echo(
        f"{summary['files']} file(s) read: {summary['added']} added, {summary['updated']} "
        f"updated, {summary['removed']} removed, {summary['unchanged']} unchanged"
        f"{', ' + str(len(run.failed)) + ' failed' if run.failed else ''}. "
        f"The index in {run.index_dir} holds {run.passages} passages "
        f"from {run.posts} post(s)."
    )


def print_export(export: Export, output_format: str, request: Any, everything: bool) -> None:
    """Rows as they are read; without --all only the requested page's rows."""
    rows: Any = export
    if not everything:
        offset = (request.page - 1) * request.per_page
        rows = itertools.islice(export, offset, offset + request.per_page)
    try:
        for chunk in chunks(output_format, rows):
            sys.stdout.write(chunk)
    finally:
        export.close()


def _terminal_snippet(snippet_html: str, color: bool) -> str:
    def emphasise(match: re.Match[str]) -> str:
        word = match.group(1)
        return click.style(word, bold=True, reverse=True) if color else f"**{word}**"

    return html.unescape(re.sub(r"<mark>(.*?)</mark>", emphasise, snippet_html))


def _print_hit(hit: Hit, color: bool, title: str = "") -> None:
    when = (hit.date or "undated").replace("T", " ")
    if hit.date_precision == "day":
        when = when[:10]
    where = f" · {hit.site}" if hit.site else ""
    language = f" · {FACETS['language'].label(hit.language)}" if hit.language else ""
    click.echo("")
    click.echo(f"[{hit.section}] {hit.author or 'unknown'} · {when}{where}{language}{title}")
    why = f" ({MATCHED_IN[hit.matched_in]})" if hit.matched_in in MATCHED_IN else ""
    click.echo(f"    {_terminal_snippet(hit.snippet, color)}{why}")
    click.echo(f"    {hit.url}")


def print_result(result: SearchResult, color: bool) -> None:
    what = f" for {result.request.query!r}" if result.request.query else ""
    click.echo(
        f"{result.total} passage{'s' if result.total != 1 else ''} in {result.total_posts} "
        f"post{'s' if result.total_posts != 1 else ''}{what} "
        f"(page {result.request.page} of {result.pages}, sorted by {result.sort})"
    )
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}?")
    if result.groups is None:
        for hit in result.hits:
            _print_hit(hit, color, f" · {hit.post_title}")
    for post in result.groups or []:
        click.echo("")
        click.echo(click.style(post.hits[0].post_title, bold=True) if color else
                   f"== {post.hits[0].post_title}")  # fmt: skip
        for hit in post.hits:
            _print_hit(hit, color)
        if post.more:
            click.echo(f"\n    {post.more} more in this post: /post/{post.post_id}")
    parts = []
    for name in ("section", "author", "site", "language", "year"):
        # The largest five (years come in time order from the library).
        values = sorted(result.facets.get(name, []), key=lambda value: -value.count)[:5]
        if values:
            parts.append(
                f"{name}: " + ", ".join(f"{v.label or v.value} ({v.count})" for v in values)
            )
    if parts:
        click.echo("")
        click.echo(" | ".join(parts))
