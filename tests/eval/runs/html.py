"""The saved HTML pages as they are: ``archive-search index`` on a copy of html-eval/."""

from __future__ import annotations

import shutil

from tests.eval.indexed import index_folder
from tests.eval.model import Context, RunResult
from tests.eval.scoring import score_index

NAME = "html"
ORDER = 10
DESCRIPTION = "the saved HTML pages of html-eval/, indexed by `archive-search index`"


def run(ctx: Context) -> RunResult:
    pages = ctx.workdir / "pages"
    pages.mkdir()
    for page in ctx.pages:
        shutil.copy(ctx.page_file(page), pages / f"{page.name}.html")
    indexed = index_folder(ctx.cli, pages, ctx.workdir / "index")
    result = RunResult(NAME, DESCRIPTION)
    return score_index(
        indexed, ctx.pages, lambda page: f"{page.name}.html", result, ctx.page_text, ctx.errata
    )
