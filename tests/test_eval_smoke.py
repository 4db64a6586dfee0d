"""``make eval`` keeps working: the harness, run as ``python -m tests.eval`` on two real
pages, prints and returns the six rates and the per-page misses (figures not asserted:
the full run on ../shared/fixtures measures them, see docs/eval.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "tests" / "eval" / "smoke"
RATES = ["title", "date", "author", "with", "without", "comments"]


def _eval(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.eval", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("run", ["html", "text", "warc"])
def test_a_run_reports_six_rates_and_misses(run: str, tmp_path: Path) -> None:
    if run == "text" and shutil.which("w3m") is None:
        pytest.skip("the text run renders pages with w3m (Debian: apt-get install w3m)")
    out = tmp_path / "eval.json"
    done = _eval("--fixtures", str(SMOKE), "--run", run, "--no-record", "--json", str(out))
    assert done.returncode == 0, done.stderr
    [result] = json.loads(out.read_text(encoding="utf-8"))
    assert result["run"] == run and result["pages"] == 2
    assert list(result["rates"]) == RATES
    # A rate counts only what the annotations give: love-hina has no title, date or
    # author; the two pages have 4 `with`, 2 comment and 6 `without` snippets, 3 of
    # them of 3+ words (shorter ones are not counted).
    counted = {rate: result["counts"][rate][1] for rate in RATES}
    assert counted == {"title": 1, "date": 1, "author": 1, "with": 4, "without": 3,
                       "comments": 2}  # fmt: skip
    for rate in RATES:
        right = result["counts"][rate][0]
        assert 0 <= right <= counted[rate]
        assert result["rates"][rate] == round(right / counted[rate], 3)
    for miss in result["misses"]:
        assert set(miss) == {"page", "rate", "reason"}
        assert miss["page"] in {"love-hina.ch.0409", "bibliothek2null.de.mai"}
        assert miss["rate"] in [*RATES, "page"] and miss["reason"]
    assert f"run {run}: 2 pages" in done.stdout


def test_missing_fixtures_fail_with_what_to_pass(tmp_path: Path) -> None:
    done = _eval("--fixtures", str(tmp_path / "nowhere"), "--run", "html")
    assert done.returncode == 2
    assert "no annotated pages in" in done.stderr and "--fixtures PATH" in done.stderr


def test_unknown_run_is_refused() -> None:
    done = _eval("--fixtures", str(SMOKE), "--run", "nosuch")
    assert done.returncode == 2 and "unknown run(s) nosuch" in done.stderr
