"""Where the tests' shared archive files are (imported by tests; conftest.py holds fixtures)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "archive" / "000_e923294d5918d0a2.txt"
TEXTPAGES = ROOT / "tests" / "fixtures" / "textpages"
FIXTURES = ROOT / "tests" / "fixtures"
# One archive of seven sites, every format (tests/conftest.py ``sites_index_dir``):
# where each file goes in it, and which fixture it is.
SITE_FILES = {
    "blog/000_e923294d5918d0a2.txt": SAMPLE,
    "notes/no-comments.txt": TEXTPAGES / "no-comments.txt",
    "wordpress-com-1.1.xml": FIXTURES / "wxr" / "wordpress-com-1.1.xml",
    "wxr-utf-8-challenges.xml": FIXTURES / "wxr" / "wxr-utf-8-challenges.xml",
    "www.wgdd.de.xml": FIXTURES / "blogger" / "www.wgdd.de.xml",
    "blog.wordpress.com.diverse.html": FIXTURES / "html" / "blog.wordpress.com.diverse.html",
    "thenervousbreakdown.warc.gz": FIXTURES / "warc" / "thenervousbreakdown.warc.gz",
}
BLOGGER = FIXTURES / "blogger" / "www.wgdd.de.xml"  # a real blog, 2005-2022
