"""A running server shows new commits on the next request, and never fails while a
writer commits: every answer is consistent with exactly one committed generation."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from indexer import index_archive
from tests.paths import SAMPLE
from tests.test_crash import make_pages

pytestmark = [pytest.mark.server, pytest.mark.slow]
PASSAGES_PER_PAGE = 12


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_server_answers_consistently_while_the_index_is_updated(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "sample.txt")
    index_archive([archive], index_dir)
    port = free_port()
    script = Path(sys.executable).with_name("archive-search")
    server_log = (tmp_path / "serve.log").open("w+")  # a file: an unread pipe fills and stalls
    server = subprocess.Popen(
        [str(script), "serve", "--port", str(port), "--index", str(index_dir)],
        stdout=server_log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    answers: list[tuple[int, int, int, int]] = []  # status, total, quote hits, section sum
    stop = threading.Event()

    def ask_in_a_loop() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                every = client.get("/api/search", params={"per_page": "1"})
                if every.status_code != 200:
                    answers.append((every.status_code, -1, -1, -1))
                    continue
                data = every.json()
                quotes = client.get("/api/search", params={"q": "vice squad"}).json()
                answers.append(
                    (
                        every.status_code,
                        data["total"],
                        quotes["total"],
                        sum(value["count"] for value in data["facets"]["section"]),
                    )
                )

    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        asker = threading.Thread(target=ask_in_a_loop)
        asker.start()
        for round_number in range(1, 6):
            make_pages(archive, 3, start=round_number * 10)
            index_archive([archive], index_dir, wait_seconds=10)
            time.sleep(0.3)
        stop.set()
        asker.join(timeout=60)
        # The last commit is prepared in the background, the one before answering
        # meanwhile: it shows within moments, with no restart.
        deadline = time.monotonic() + 30
        while True:
            final = httpx.get(f"{base}/api/search", params={"per_page": "1"}, timeout=10).json()
            if final["total"] == PASSAGES_PER_PAGE * 16 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=10)
        server_log.close()
    assert final["total"] == PASSAGES_PER_PAGE * 16  # the last commit, with no restart
    assert answers and all(status == 200 for status, *_ in answers)
    committed = {PASSAGES_PER_PAGE * (1 + 3 * k) for k in range(6)}
    for _, total, quotes, section_sum in answers:
        assert total in committed  # never a half-applied update
        assert section_sum == total  # facets and total from the same generation
        assert quotes in {total // PASSAGES_PER_PAGE, quotes}
    assert len({total for _, total, _, _ in answers}) >= 2  # it did see updates live
