"""Options the ``archive-search`` commands share: the index folder, the cluster, one option
per facet, and single-valued options that refuse to be given twice."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from indexer import (
    DATE_RANGE,
    DEFAULT_INDEX_NAME,
    DEFAULT_REPLICAS,
    DEFAULT_SHARDS,
    FACETS,
    Cluster,
)
from web import settings

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])

index_option = click.option(
    "--index",
    "index_dir",
    envvar=settings.INDEX_ENVIRONMENT_VARIABLE,
    default=settings.INDEX_DIR,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Index folder (or set {settings.INDEX_ENVIRONMENT_VARIABLE}).",
)


def facet_options(function: CommandFunction) -> CommandFunction:
    """One option per facet of the library's registry (``--author``, ``--year``, ...),
    then the date range's bounds (``--from``, ``--to``)."""
    for bound in reversed(DATE_RANGE.bounds):
        function = single(f"--{bound.parameter}", bound.keyword, help=bound.help)(function)
    for facet in reversed(FACETS.values()):
        repeatable = " Repeatable: OR within the facet." if not facet.single_selection else ""
        # A single-valued facet given twice is refused (``single``), never the last one.
        option: Callable[..., Any] = single if facet.single_selection else click.option
        settings = {} if facet.single_selection else {"multiple": True}
        function = option(
            f"--{facet.parameter}", facet.name, help=facet.help + repeatable, **settings
        )(function)
    return function


def _one(name: str) -> Callable[[click.Context, click.Parameter, tuple[str, ...]], str | None]:
    """A single-valued option given twice is refused, never silently the last one."""

    def check(context: click.Context, parameter: click.Parameter, values: tuple[str, ...]) -> Any:
        if len(values) > 1:
            raise click.BadParameter(
                f"given {len(values)} times ({', '.join(values)}); {name} takes one value "
                "(use --from and --to for a range)" if name in ("--year", "--month") else
                f"given {len(values)} times ({', '.join(values)}); {name} takes one value"
            )  # fmt: skip
        return values[0] if values else None

    return check


def single(*declarations: str, **settings: Any) -> Callable[[CommandFunction], CommandFunction]:
    return click.option(*declarations, multiple=True, callback=_one(declarations[0]), **settings)


def _cluster_url(_context: Any, _parameter: Any, value: str | None) -> str | None:
    if value and not value.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{value[:80]!r} is not an http(s) URL of an OpenSearch cluster")
    return value or None


def cluster_options(layout: bool = False) -> Callable[[CommandFunction], CommandFunction]:
    """``--opensearch URL`` and ``--opensearch-index NAME`` (with ``layout``, ``--shards``
    and ``--replicas`` too), handed to the command as one ``cluster``: a ``Cluster``, or
    None for the local index."""

    def decorate(function: CommandFunction) -> CommandFunction:
        @functools.wraps(function)
        def command(
            *args: Any,
            opensearch_url: str | None = None,
            opensearch_index: str = DEFAULT_INDEX_NAME,
            shards: int = DEFAULT_SHARDS,
            replicas: int = DEFAULT_REPLICAS,
            **kwargs: Any,
        ) -> Any:
            cluster = None
            if opensearch_url:
                cluster = Cluster(opensearch_url, opensearch_index, shards, replicas)
            return function(*args, cluster=cluster, **kwargs)

        options = [
            click.option("--opensearch", "opensearch_url", metavar="URL", callback=_cluster_url,
                         envvar=settings.OPENSEARCH_ENVIRONMENT_VARIABLE,
                         help="Use the OpenSearch cluster at URL instead of the index folder "
                         f"(or set {settings.OPENSEARCH_ENVIRONMENT_VARIABLE})."),
            click.option("--opensearch-index", "opensearch_index", metavar="NAME",
                         default=DEFAULT_INDEX_NAME, show_default=True,
                         envvar=settings.OPENSEARCH_INDEX_ENVIRONMENT_VARIABLE,
                         help="The index (an alias) on the cluster."),
        ]  # fmt: skip
        if layout:
            options += [
                click.option("--shards", type=click.IntRange(1, 1024), default=DEFAULT_SHARDS,
                             show_default=True, help="Primary shards of a new cluster index."),
                click.option("--replicas", type=click.IntRange(0, 16), default=DEFAULT_REPLICAS,
                             show_default=True,
                             help="Copies of each shard on other nodes (new cluster index)."),
            ]  # fmt: skip
        wrapped: Any = command
        for option in reversed(options):
            wrapped = option(wrapped)
        return wrapped  # type: ignore[no-any-return]

    return decorate
