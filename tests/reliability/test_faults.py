"""Faults: a worker killed under load, a missing or read-only index, a full disk,
archive files that vanish or change while they are read.

(A writer killed mid-commit is tests/test_crash.py; a damaged index is test_damage.py.)
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from indexer import ArchiveIndex, build_request, index_archive
from tests.paths import SAMPLE
from tests.reliability import procnet
from tests.test_crash import make_pages
from tests.web.conftest import REPOSITORY, running_server, serve_command

PASSAGES_PER_PAGE = 12  # the sample page: body parts, quote, comments, pingbacks


def run_cli(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*serve_command(), *arguments], capture_output=True, text=True,
                          timeout=timeout, cwd=REPOSITORY)  # fmt: skip


def assert_clean_failure(done: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.fixture
def small_index(tmp_path: Path) -> tuple[Path, Path]:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    shutil.copy(SAMPLE, archive / "sample.txt")
    index_archive([archive], index_dir)
    return archive, index_dir


# Worker processes ------------------------------------------------------------------


def child_pids(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(child) for child in text]
    return children


def worker_pids(server_pid: int) -> list[int]:
    """uvicorn's worker processes (spawned children; not multiprocessing's tracker)."""
    workers = []
    for child in child_pids(server_pid):
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"resource_tracker" not in command:
                workers.append(child)
    return workers


def server_pid_of(base_url: str) -> int:
    """The serving process: the one listening on the port, found through /proc."""
    owners = procnet.holders(int(base_url.rsplit(":", 1)[1]), procnet.LISTEN)
    # The supervisor and its workers all hold listening sockets: the supervisor is
    # the one whose parent does not.
    return next(pid for pid in owners if procnet.parent_of(pid) not in owners)


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs Linux /proc with task children",
)
def test_a_killed_worker_is_replaced_and_the_other_keeps_answering(hostile_index: Path) -> None:
    statuses: list[int | str] = []
    stop = threading.Event()

    def hammer(base_url: str) -> None:
        with httpx.Client(base_url=base_url, timeout=10) as client:
            while not stop.is_set():
                try:
                    statuses.append(client.get("/api/search", params={"q": "police"}).status_code)
                except httpx.TransportError as error:  # the request the dead worker held
                    statuses.append(type(error).__name__)

    with running_server(hostile_index, workers=2) as base_url:
        supervisor = server_pid_of(base_url)
        deadline = time.monotonic() + 20
        while len(worker_pids(supervisor)) < 2:
            assert time.monotonic() < deadline, "two workers did not start"
            time.sleep(0.1)
        before = set(worker_pids(supervisor))
        threads = [threading.Thread(target=hammer, args=(base_url,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        victim = sorted(before)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = len(statuses)
        replaced = False
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            now = set(worker_pids(supervisor))
            if len(now) == 2 and victim not in now:
                replaced = True
                break
            time.sleep(0.2)
        # Both workers answering again: wait for 20 answers after the kill (by count, not a
        # sleep: a loaded machine answers slower, not wrongly).
        deadline = time.monotonic() + 60
        while statuses[killed_at:].count(200) < 20 and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        after_kill = statuses[killed_at:]
        assert replaced, "uvicorn did not start a new worker"
        assert 500 not in statuses and all(s in (200, 503) or isinstance(s, str) for s in statuses)
        failures = [status for status in after_kill if status != 200]
        assert len(after_kill) > 20 and len(failures) <= 4, failures  # only in-flight ones
        assert httpx.get(f"{base_url}/healthz", timeout=10).status_code == 200


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.skipif(
    not Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").exists(),
    reason="needs Linux /proc with task children",
)
def test_workers_stop_when_their_supervisor_is_killed(small_index: tuple[Path, Path]) -> None:
    # uvicorn's workers went on serving, orphaned, holding the port; ours notice that the
    # supervisor's end of their pipe closed and shut down.
    with running_server(small_index[1], workers=2) as base_url:
        supervisor = server_pid_of(base_url)
        deadline = time.monotonic() + 20
        while len(worker_pids(supervisor)) < 2:
            assert time.monotonic() < deadline, "two workers did not start"
            time.sleep(0.1)
        workers = worker_pids(supervisor)
        os.kill(supervisor, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        outliving = [pid for pid in workers if _running(pid)]
        for pid in outliving:  # not left behind by a failing run
            os.kill(pid, signal.SIGKILL)
        assert not outliving, "a worker outlived its supervisor"
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{base_url}/healthz", timeout=5)


# Missing, read-only and unreadable index folders -----------------------------------


def test_missing_index_at_startup_is_a_clear_message_and_exit_3(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    for command in (["serve", "--port", "1"], ["query", "police"]):
        done = run_cli(*command, "--index", missing)
        assert_clean_failure(done, 3, "no index found", "archive-search index")


@contextlib.contextmanager
def read_only_view(folder: Path, mount_point: Path) -> Iterator[Path]:
    """``folder`` bind-mounted read-only (root only; skips where mounting is not allowed)."""
    mount_point.mkdir()
    bound = subprocess.run(["mount", "--bind", str(folder), str(mount_point)],
                           capture_output=True)  # fmt: skip
    if bound.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode().strip()}")
    try:
        remounted = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(mount_point)], capture_output=True
        )
        if remounted.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_read_only_index_serves_and_refuses_updates_cleanly(
    small_index: tuple[Path, Path], tmp_path: Path
) -> None:
    archive, index_dir = small_index
    with read_only_view(index_dir, tmp_path / "read-only") as read_only:
        found = run_cli("query", "vice squad", "--index", str(read_only), "--json")
        assert found.returncode == 0 and '"total": 1' in found.stdout
        make_pages(archive, 2)
        update = run_cli("index", str(archive), "--index", str(read_only))
        assert_clean_failure(update, 3, "cannot use the index", "Read-only file system")
        with running_server(read_only) as base_url:
            answer = httpx.get(f"{base_url}/api/search", params={"q": "vice squad"}, timeout=10)
            assert answer.status_code == 200 and answer.json()["total"] == 1
    assert ArchiveIndex.open(index_dir).stats().passages == PASSAGES_PER_PAGE


# A full disk -----------------------------------------------------------------------

# Runs the CLI with every index file write failing with ENOSPC once BUDGET bytes are written.
# Loaded as sitecustomize by every Python the CLI starts (the indexing process and its
# build workers alike): each process's writes to the index fail once it has written BUDGET.
FULL_DISK_SITE = """
import errno, os
from whoosh.filedb import filestore
BUDGET = int(os.environ["ARCHIVE_SEARCH_TEST_DISK_BUDGET"])
written = [0]
class FillingFile:
    def __init__(self, inner): self._inner = inner
    def __getattr__(self, name): return getattr(self._inner, name)
    def write(self, data):
        written[0] += len(data)
        if written[0] > BUDGET:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._inner.write(data)
original = filestore.FileStorage.create_file
def create_file(self, name, **arguments):
    structfile = original(self, name, **arguments)
    structfile.file = FillingFile(structfile.file)
    structfile.write = structfile.file.write
    return structfile
filestore.FileStorage.create_file = create_file
"""


@pytest.mark.slow
@pytest.mark.parametrize("budget", [20_000, 200_000, 600_000])
def test_disk_full_while_indexing_keeps_the_previous_index(
    small_index: tuple[Path, Path], budget: int, tmp_path: Path
) -> None:
    archive, index_dir = small_index
    make_pages(archive, 60)  # enough files for the build to start its worker processes
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(FULL_DISK_SITE)
    environment = {**os.environ, "PYTHONPATH": str(site),
                   "ARCHIVE_SEARCH_TEST_DISK_BUDGET": str(budget)}  # fmt: skip
    done = subprocess.run(
        [*serve_command(), "index", str(archive), "--index", str(index_dir)],
        capture_output=True, text=True, timeout=120, cwd=REPOSITORY, env=environment,
    )  # fmt: skip
    assert_clean_failure(done, 3, "No space left on device", "last committed index")
    survivor = ArchiveIndex.open(index_dir)
    assert survivor.stats().passages == PASSAGES_PER_PAGE
    assert survivor.search(build_request("vice squad")).total == 1
    # Space again: the next run completes.
    report = index_archive([archive], index_dir)
    assert report.passages == PASSAGES_PER_PAGE * 61


@pytest.mark.slow
def test_disk_full_on_a_real_small_filesystem(tmp_path: Path) -> None:
    """A 3 MB tmpfs (root only; skipped where mounting is not allowed)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs",
                              str(mount_point)], capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        archive, index_dir = tmp_path / "archive", mount_point / "index"
        archive.mkdir()
        shutil.copy(SAMPLE, archive / "sample.txt")
        index_archive([archive], index_dir)
        make_pages(archive, 400)
        done = run_cli("index", str(archive), "--index", str(index_dir))
        assert_clean_failure(done, 3, "No space left on device")
        survivor = ArchiveIndex.open(index_dir)
        assert survivor.stats().passages == PASSAGES_PER_PAGE
        assert survivor.search(build_request("vice squad")).total == 1
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


# Archive files that vanish or change while they are read ----------------------------


@pytest.mark.slow
def test_files_vanishing_and_changing_during_indexing_are_reported_not_fatal(
    tmp_path: Path,
) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    make_pages(archive, 40)
    originals = {path: path.read_bytes() for path in archive.iterdir()}
    stop = threading.Event()
    mutations = [0]

    def mutate() -> None:
        chooser = random.Random(7)
        paths = sorted(originals)
        while not stop.is_set():
            path = chooser.choice(paths)
            action = chooser.choice(("delete", "truncate", "garbage", "restore"))
            with contextlib.suppress(OSError):
                if action == "delete":
                    path.unlink()
                elif action == "truncate":
                    path.write_bytes(originals[path][: chooser.randrange(len(originals[path]))])
                elif action == "garbage":
                    path.write_bytes(chooser.randbytes(2000))
                else:
                    path.write_bytes(originals[path])
            mutations[0] += 1
            time.sleep(0.001)

    mutator = threading.Thread(target=mutate)
    mutator.start()
    reports = []
    try:
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline and len(reports) < 8:
            reports.append(index_archive([archive], index_dir, wait_seconds=5))
    finally:
        stop.set()
        mutator.join(timeout=10)
    assert mutations[0] > 100 and reports
    for report in reports:
        for failure in report.failed:
            assert failure.error  # each failed file comes with its reason
    for path, content in originals.items():
        path.write_bytes(content)
    # A rebuild gives the whole archive back.
    final = index_archive([archive], index_dir, rebuild=True)
    assert not final.failed
    assert final.passages == PASSAGES_PER_PAGE * 40
    assert ArchiveIndex.open(index_dir).search(build_request("vice squad")).total == 40


def test_a_file_changed_while_it_is_read_is_read_again_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import indexer.build.parsing

    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    page = archive / "sample.txt"
    shutil.copy(SAMPLE, page)
    index_archive([archive], index_dir)
    whole = page.read_bytes()
    edited = whole.replace(b"vice squad", b"vice squads", 1)
    page.write_bytes(edited)
    original_reader_for = indexer.build.parsing.reader_for

    def reader_for_while_saving(path: Path) -> object:
        reader = original_reader_for(path)
        path.write_bytes(edited[: len(edited) // 3])  # an editor still writing the file
        return reader

    monkeypatch.setattr(indexer.build.parsing, "reader_for", reader_for_while_saving)
    index_archive([archive], index_dir)
    monkeypatch.undo()
    page.write_bytes(edited)  # the save completes
    index_archive([archive], index_dir)
    assert ArchiveIndex.open(index_dir).stats().passages == PASSAGES_PER_PAGE
