"""Who, when and where on the saved HTML pages: ``tests/eval/whowhen.py`` measures."""

from __future__ import annotations

from tests.eval.indexed import index_written
from tests.eval.model import Context, RunResult
from tests.eval.runs.html import copy
from tests.eval.whowhen import measure

NAME = "who-when-where"
ORDER = 40
DESCRIPTION = (
    "the saved HTML pages of html-eval/ against comment-meta.json, read through /api/search: "
    "commenter names, comment dates, sites, names with furniture, author= typed lower-case, "
    "CSV columns"
)


def run(ctx: Context) -> RunResult:
    indexed = index_written(ctx, copy)
    folder = ctx.fixtures / "html-eval"
    result = RunResult(NAME, DESCRIPTION)
    return measure(indexed.index_dir, folder, ctx.pages, lambda page: f"{page.name}.html", result)
