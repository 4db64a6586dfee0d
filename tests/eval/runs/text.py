"""The same pages saved as text: rendered by w3m as a browser's "save as text" would."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.eval.families import families
from tests.eval.indexed import index_written
from tests.eval.model import Context, RunResult
from tests.eval.scoring import score_index

NAME = "text"
ORDER = 20
DESCRIPTION = "html-eval/ rendered with `w3m -dump -cols 100 -T text/html`, indexed as .txt"


def render(ctx: Context, folder: Path) -> None:
    """Write each page of ``ctx`` into ``folder`` as ``NAME.txt``, rendered by w3m."""
    w3m = shutil.which("w3m")
    if w3m is None:
        raise RuntimeError("the text run needs w3m: apt-get install w3m (Debian)")
    for page in ctx.pages:
        # -T text/html: render by content, whatever the name; w3m reads the page's charset.
        command = [w3m, "-dump", "-cols", "100", "-T", "text/html", "-O", "UTF-8"]
        rendered = subprocess.run(
            [*command, str(ctx.page_file(page))], capture_output=True, check=True
        ).stdout
        (folder / f"{page.name}.txt").write_bytes(rendered)


def run(ctx: Context) -> RunResult:
    indexed = index_written(ctx, render)
    result = RunResult(NAME, DESCRIPTION, families=families(ctx.workdir / "pages"))
    return score_index(
        indexed, ctx.pages, lambda page: f"{page.name}.txt", result, ctx.page_text, ctx.errata
    )
