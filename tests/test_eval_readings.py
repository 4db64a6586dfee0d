"""The eval's second readings beside its headline rates (issue 10): comments over only the
snippets the saved page holds, and dates with proven annotation errata applied; an
erratum the page does not prove stops the eval."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.eval.errata import load_errata
from tests.eval.indexed import IndexedPassage, IndexedPost
from tests.eval.model import Annotation, RunResult
from tests.eval.scoring import score_page

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "tests" / "eval" / "smoke"


def _eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.eval", "--fixtures", str(SMOKE), "--no-record", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_comments_are_also_scored_over_the_snippets_the_saved_page_holds() -> None:
    page = Annotation(
        name="p", url="", title="", date="", author="", with_=(), without=(),
        comments=("Thanks for the recipe", "loaded by script later", "Never posted here"),
    )  # fmt: skip
    post = IndexedPost("1", "p.html", "T", None, "A", (
        IndexedPassage("post", "A", None, "The body."),
        IndexedPassage("comment", "Ann", None, "Thanks for the recipe!"),
    ))  # fmt: skip
    result = RunResult("html", "test")
    saved = "<p>The body.</p> Ann: Thanks for the recipe! Never posted here, said Bob."
    score_page(page, [post], result, saved)
    comments = result.tallies["comments"]
    assert (comments.right, comments.counted) == (1, 3)  # the headline: every snippet
    second = comments.also["in_saved_page"]
    assert (second.right, second.counted) == (1, 2)  # "loaded by script later" is not there
    assert result.to_json()["also"] == {
        "comments": {"in_saved_page": {"rate": 0.5, "counts": [1, 2]}}
    }
    reasons = sorted(miss.reason for miss in result.misses)
    assert reasons == [
        "'Never posted here': not indexed",
        "'loaded by script later': not in the saved page at all",
    ]


def _erratum(tmp_path: Path, annotated: str, evidence: str) -> Path:
    path = tmp_path / "errata.toml"
    path.write_text(
        "[[erratum]]\n"
        'page = "bibliothek2null.de.mai"\nfield = "date"\n'
        f'annotated = "{annotated}"\npage_says = "2014-05-19"\nwhy = "test"\n'
        f"evidence = ['{evidence}']\n",
        encoding="utf-8",
    )
    return path


def test_a_proven_erratum_gives_a_second_date_reading_beside_the_annotated(
    tmp_path: Path,
) -> None:
    errata = _erratum(tmp_path, "2014-05-18", '<meta name="author" content="">')
    out = tmp_path / "eval.json"
    done = _eval("--run", "html", "--errata", str(errata), "--json", str(out))
    assert done.returncode == 0, done.stderr
    [result] = json.loads(out.read_text(encoding="utf-8"))
    # The page is dated 2014-05-18 as annotated; the (made-up) erratum says 19 May.
    assert result["counts"]["date"] == [1, 1]
    assert result["also"]["date"] == {"errata_applied": {"rate": 0.0, "counts": [0, 1]}}
    assert "date           1.00 (1/1); with the errata applied 0.00 (0/1)" in done.stdout


def test_an_erratum_without_evidence_from_the_page_stops_the_eval(tmp_path: Path) -> None:
    errata = _erratum(tmp_path, "2014-05-18", "published on 19 May 2014")
    done = _eval("--run", "html", "--errata", str(errata))
    assert done.returncode == 2
    assert "evidence not quoted verbatim from the page" in done.stderr
    assert "published on 19 May 2014" in done.stderr


def test_an_erratum_the_annotation_no_longer_needs_stops_the_eval(tmp_path: Path) -> None:
    errata = _erratum(tmp_path, "2014-05-17", '<meta name="author" content="">')
    done = _eval("--run", "html", "--errata", str(errata))
    assert done.returncode == 2
    assert "the annotation says '2014-05-18', not '2014-05-17'" in done.stderr


def test_the_shipped_errata_are_proven_by_the_shared_pages() -> None:
    folder = ROOT.parent / "shared" / "fixtures" / "html-eval"
    if not folder.is_dir():
        pytest.skip("needs ../shared/fixtures/html-eval (the full eval's pages)")
    pages = tuple(Annotation.load(path) for path in sorted(folder.glob("*.expected.json")))
    corrected = load_errata(
        pages, lambda page: (folder / f"{page.name}.html").read_text("utf-8", "replace")
    )
    assert corrected == {
        "mywakenews.wordpress.com.psyop": {"date": "2016-07-09"},
        "herzundblut.com.Besuch": {"date": "2022-11-21"},
        "theoriginalcopy.de.baby": {"date": "2020-08-11"},
    }
