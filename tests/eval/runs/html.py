"""The saved HTML pages as they are: ``archive-search index`` on a copy of html-eval/."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.eval.families import families
from tests.eval.indexed import index_written
from tests.eval.model import Context, RunResult
from tests.eval.scoring import score_index

NAME = "html"
ORDER = 10
DESCRIPTION = "the saved HTML pages of html-eval/, indexed by `archive-search index`"


def copy(ctx: Context, folder: Path) -> None:
    """Each page of ``ctx`` into ``folder`` as ``NAME.html``."""
    for page in ctx.pages:
        shutil.copy(ctx.page_file(page), folder / f"{page.name}.html")


def run(ctx: Context) -> RunResult:
    indexed = index_written(ctx, copy)
    result = RunResult(NAME, DESCRIPTION, families=families(ctx.workdir / "pages"))
    return score_index(
        indexed, ctx.pages, lambda page: f"{page.name}.html", result, ctx.page_text, ctx.errata
    )
