"""Who, when and where on the w3m text renderings of the same pages."""

from __future__ import annotations

from tests.eval.indexed import index_written
from tests.eval.model import Context, RunResult
from tests.eval.runs.text import render
from tests.eval.whowhen import measure

NAME = "who-when-where-text"
ORDER = 41
DESCRIPTION = (
    "the w3m text renderings of html-eval/ (as the text run) against comment-meta.json, "
    "read through /api/search"
)


def run(ctx: Context) -> RunResult:
    indexed = index_written(ctx, render)
    folder = ctx.fixtures / "html-eval"
    result = RunResult(NAME, DESCRIPTION)
    return measure(indexed.index_dir, folder, ctx.pages, lambda page: f"{page.name}.txt", result)
