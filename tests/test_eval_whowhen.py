"""The who/when/where measurement of issue 20: what counts as a name carrying page
furniture, and the run on two real pages (figures not asserted: docs/eval.md has them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.eval.furniture import furniture

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "tests" / "eval" / "smoke"
SHARED_META = ROOT.parent / "shared" / "fixtures" / "html-eval" / "comment-meta.json"
RATES = ["names", "dates", "site", "furniture", "author-filter", "csv-columns"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        # Names as the html-eval pages' readers indexed them before issue 20.
        ("Swantje Bernsmann on 16/08/2020 at 12:58 Antworten", "date"),
        ("JensDey dabei seit 01/2016 Fotos Videos", "member since"),
        ("Martin Mair3. Februar 2020 um 9:46Permalink", "date"),
        ("Jeremy Banks says: January 20, 2020 at 11:27 am", "date"),
        ("Jeremy Banks says:", "says"),
        ("Nicolai11 schrieb:", "says"),
        ("Anna Antworten", "control"),
        ("Bob Permalink", "control"),
        ("Comment by Carol", "lead"),
        ("Create a commenting name to join the debateSubmit", "control"),
        ("Dave 1234 Beiträge", "post count"),
        ("Erin Author", "badge"),
        ("Frank 3 years ago", "date"),
    ],
)
def test_furniture_is_named(name: str, kind: str) -> None:
    assert furniture(name) == kind


@pytest.mark.parametrize(
    "name",
    ["admin", "Dr. Webbaer", "-thh", "Unbekannter Nutzer", "Verifizierte/r Tierfreund/in",
     "Rowena @ rolala loves", "Qaboos bin Said", "Holzwerker1956", "janina271282", "Anonymous",
     "Georg N.",
     "Island – ein Volk befreit sich von den Bankstern und macht seinen Weg – FUTURE of HOPE"
     " | tv-orange"],
)  # fmt: skip
def test_names_as_pages_show_them_are_clean(name: str) -> None:
    assert furniture(name) is None


@pytest.mark.skipif(not SHARED_META.exists(), reason="needs ../shared/fixtures")
def test_no_hand_annotated_name_counts_as_furniture() -> None:
    pages = json.loads(SHARED_META.read_text(encoding="utf-8"))["pages"]
    names = {c["author"] for page in pages.values() for c in page["comments"]}
    assert len(names) > 100
    assert [name for name in sorted(names) if furniture(name)] == []


def test_the_run_reports_its_rates_over_what_the_annotation_gives(tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    done = subprocess.run(
        [sys.executable, "-m", "tests.eval", "--fixtures", str(SMOKE), "--run",
         "who-when-where", "--no-record", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [result] = json.loads(out.read_text(encoding="utf-8"))
    assert list(result["rates"]) == RATES
    # Two pages, one annotated comment each (both with a shown date), three CSV columns.
    counted = {rate: result["counts"][rate][1] for rate in ("names", "dates", "site")}
    assert counted == {"names": 2, "dates": 2, "site": 2}
    assert result["counts"]["csv-columns"][1] == 3
    for miss in result["misses"]:
        assert miss["rate"] in RATES and miss["reason"]
    assert "run who-when-where: 2 pages" in done.stdout
