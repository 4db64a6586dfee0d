"""Reader fuzzing: random and mutated bytes of every fixture through every reader.

Each read either yields posts or raises the reader's own ``ArchiveFileError``, within
a time bound per file; resident memory stays bounded over the whole run. Mutations
are seeded (the same bytes on every run) and counted (docs/reliability.md).
"""

from __future__ import annotations

import random
import resource
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import ArchiveFileError
from indexer.readers import READERS, ReadContext, reader_for
from indexer.readers.base import ArchiveReader

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(
    path
    for path in [*(ROOT / "fixtures").rglob("*"), *(Path(__file__).parent / "archive").iterdir()]
    if path.is_file() and path.suffix not in (".md", ".json")
)
MUTATIONS_PER_FILE = 12
# CPU seconds, not wall-clock: a pathological parse burns CPU, while a loaded machine
# (CI beside other jobs) only makes the wall clock longer. The largest fixture (1 MB)
# takes about a second.
CPU_SECONDS_PER_READ = 10.0
MAX_GROWTH_MB = 400
# Bytes that mean something to one of the formats.
SPECIAL = [
    b"<",
    b">",
    b"&",
    b"]]>",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"&#0;",
    b"&amp;",
    b"<!--",
    b"-->",
    b"<item>",
    b"</item>",
    b"<html>",
    b"\r",
    b"\n\n\n",
    b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
    b"&e;",
    b"\xef\xbb\xbf",
]


def truncate(data: bytes, chooser: random.Random) -> bytes:
    return data[: chooser.randrange(len(data) + 1)]


def flip_bytes(data: bytes, chooser: random.Random) -> bytes:
    mutable = bytearray(data)
    for _ in range(max(1, len(mutable) // 200)):
        if mutable:
            mutable[chooser.randrange(len(mutable))] = chooser.randrange(256)
    return bytes(mutable)


def insert_special(data: bytes, chooser: random.Random) -> bytes:
    for _ in range(chooser.randint(1, 20)):
        at = chooser.randrange(len(data) + 1)
        data = data[:at] + chooser.choice(SPECIAL) + data[at:]
    return data


def splice(data: bytes, chooser: random.Random) -> bytes:
    """Delete or duplicate a chunk: unbalanced tags, repeated items."""
    if len(data) < 2:
        return data + data
    start = chooser.randrange(len(data))
    end = min(len(data), start + chooser.randrange(1, 4096))
    if chooser.random() < 0.5:
        return data[:start] + data[end:]
    return data[:end] + data[start:end] * chooser.randint(2, 5) + data[end:]


def random_bytes(data: bytes, chooser: random.Random) -> bytes:
    return chooser.randbytes(chooser.randrange(1, 5000))


def head_then_noise(data: bytes, chooser: random.Random) -> bytes:
    """A real file's first bytes (so its reader's sniff accepts it), then noise."""
    return data[:512] + chooser.randbytes(chooser.randrange(1, 5000))


MUTATORS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate,
    flip_bytes,
    insert_special,
    splice,
    random_bytes,
    head_then_noise,
]


def read_all(reader: ArchiveReader, path: Path) -> str:
    """'posts', 'empty' or 'refused' (ArchiveFileError); anything else propagates."""
    context = ReadContext(path, path.name)
    started = time.process_time()
    try:
        posts = list(reader.read(context))
    except ArchiveFileError as error:
        assert error.message
        outcome = "refused"
    else:
        outcome = "posts" if posts else "empty"
    spent = time.process_time() - started
    assert spent < CPU_SECONDS_PER_READ, f"{reader.name} took {spent:.1f} s of CPU on {path.name}"
    return outcome


def rss_mb() -> float:
    """This process's resident memory now (not its lifetime peak, which an earlier heavy
    test would have set beyond anything this one could reach)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


@pytest.mark.slow
@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.name)
def test_mutated_fixtures_through_every_reader(fixture: Path, tmp_path: Path) -> None:
    original = fixture.read_bytes()
    chooser = random.Random(fixture.name)
    before = peak = rss_mb()
    outcomes: Counter[str] = Counter()
    for number in range(MUTATIONS_PER_FILE):
        mutator = MUTATORS[number % len(MUTATORS)]
        mutated = tmp_path / f"mutated-{number}{fixture.suffix}"
        mutated.write_bytes(mutator(original, chooser))
        for reader in READERS:
            outcomes[read_all(reader, mutated)] += 1
            peak = max(peak, rss_mb())  # sampled after every read
    assert peak - before < MAX_GROWTH_MB, f"{peak - before:.0f} MB more while reading"
    # Damage near one spot leaves the rest readable: some mutated copies still give posts.
    assert outcomes["posts"] > 0, outcomes


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name)
def test_every_fixture_through_every_reader(reader: ArchiveReader) -> None:
    """Unmutated files in the wrong reader (sniff bypassed): posts or a clean refusal;
    the reader's own fixtures (as sniffing picks them) give posts, malformed ones aside."""
    own: Counter[str] = Counter()
    for fixture in FIXTURES:
        outcome = read_all(reader, fixture)
        chosen = reader_for(fixture)
        if chosen is not None and chosen.name == reader.name:
            own[outcome] += 1
    # (web archives have no fixture files here: tests/test_warc_end_to_end.py builds them)
    assert not own or own["posts"] > own["refused"] + own["empty"], own


@given(
    data=st.binary(max_size=3000),
    prefix=st.sampled_from(
        [
            b"",
            b"<?xml version='1.0'?><rss xmlns:wp="
            b"'http://wordpress.org/export/1.2/'><channel><item>",
            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
            b"<!DOCTYPE html><html><body><div class='entry-content'>",
            b"Title\n\nJune 14, 2012\n\n",
        ]
    ),
)
@settings(
    max_examples=200,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_random_bytes_through_every_reader(tmp_path: Path, data: bytes, prefix: bytes) -> None:
    path = tmp_path / "random.bin"
    path.write_bytes(prefix + data)
    for reader in READERS:
        read_all(reader, path)  # posts, nothing or a clean refusal, in bounded time


HTML_CONTROL_CHARACTER = (
    b"<!DOCTYPE html><html><body><div class='entry-content'><p>alpha</p>"
    b"<div class='sharedaddy'>x</div>tail\x0b text</div></body></html>"
)
HTML_COMMENT_AFTER_HEADING = (
    b"<!DOCTYPE html><html><body><div class='entry-content'><p>body</p>"
    b"<h2>Related</h2><!-- c --><p><a href='#'>link</a></p></div>"
    b"</body></html>"
)


@pytest.mark.parametrize(
    "content",
    [HTML_CONTROL_CHARACTER, HTML_COMMENT_AFTER_HEADING],
    ids=["control-character", "comment-after-heading"],
)
def test_html_reader_bugs_found_by_fuzzing(tmp_path: Path, content: bytes) -> None:
    """Found by fuzzing (lxml's ValueError escaped); fixed: the page is read."""
    path = tmp_path / "page.html"
    path.write_bytes(content)
    html_reader = next(reader for reader in READERS if reader.name == "html-page")
    (post,) = html_reader.read(ReadContext(path, path.name))
    assert post.passages and all(passage.text for passage in post.passages)


def test_wxr_file_emptied_after_sniffing_does_not_abort_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import indexer.build.parsing
    from indexer import index_archive

    archive = tmp_path / "archive"
    archive.mkdir()
    export = archive / "export.xml"
    export.write_bytes((ROOT / "fixtures" / "wxr" / "small-export.xml").read_bytes())
    original_reader_for = indexer.build.parsing.reader_for

    def reader_for_then_empty(path: Path) -> object:
        reader = original_reader_for(path)
        path.write_bytes(b"")  # the file is replaced while the run reads it
        return reader

    monkeypatch.setattr(indexer.build.parsing, "reader_for", reader_for_then_empty)
    report = index_archive([archive], tmp_path / "index")
    assert [outcome.source for outcome in report.failed] == [str(export)]
