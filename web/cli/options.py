"""Options the ``archive-search`` commands share: the index folder, one option per
facet, and single-valued options that refuse to be given twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from indexer import FACETS
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
    """One option per facet of the library's registry (``--author``, ``--year``, ...)."""
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
