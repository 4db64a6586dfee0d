"""Known-item search: can a page be found again by what a user remembers of it?

One mixed index of ``data/`` and all of the shared fixtures (WXR, Blogger, html,
html-eval); each annotated page's title typed as is, its ``with`` and ``comments``
snippets' inner words typed as plain words. The measuring is ``tests/eval/known_item.py``
(runnable alone, with ``--index DIR`` to reuse an index while tuning).
"""

from __future__ import annotations

from indexer import ArchiveIndex
from tests.eval.known_item import build_index, evaluate
from tests.eval.model import IN_SAVED_PAGE, Context, Miss, RunResult, Tally

NAME = "known-item"
ORDER = 30
DESCRIPTION = (
    "known-item search over one mixed index of data/ and all shared fixtures: "
    "title MRR@10, text MRR@10, comment recall@10"
)
RATES = ("title-mrr", "text-mrr", "comment-recall")


def run(ctx: Context) -> RunResult:
    index_dir = ctx.workdir / "index"
    build_index(index_dir, ctx.fixtures)
    names = {page.name for page in ctx.pages}
    every = {path.name.removesuffix(".expected.json")
             for path in (ctx.fixtures / "html-eval").glob("*.expected.json")}  # fmt: skip
    # A --pages smoke run keeps to its pages; a full run also scores html/'s four pages.
    chosen = names if names != every else None
    measures = evaluate(ArchiveIndex.open(index_dir), ctx.fixtures, chosen)
    result = RunResult(NAME, DESCRIPTION, tallies={}, rate_names=RATES)
    for measure in measures:
        tally = Tally(sum(measure.scores), len(measure.scores))
        if measure.in_saved_page:
            present = measure.in_saved_page
            tally.also[IN_SAVED_PAGE] = Tally(sum(present), len(present))
        result.tallies[measure.name] = tally
        for page, reason in measure.misses:
            result.misses.append(Miss(page, measure.name, reason))
    result.pages = (
        len(chosen)
        if chosen is not None
        else len(every) + len(list((ctx.fixtures / "html").glob("*.expected.json")))
    )
    return result
