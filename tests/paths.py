"""Where the tests' shared archive files are (imported by tests; conftest.py holds fixtures)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "archive" / "000_e923294d5918d0a2.txt"
TEXTPAGES = ROOT / "tests" / "fixtures" / "textpages"
BLOGGER = ROOT / "tests" / "fixtures" / "blogger" / "www.wgdd.de.xml"  # a real blog, 2005-2022
