"""A build in a child process, killed with SIGKILL once it has decided N files: the
kill lands inside the run (parsed and written, not committed) by its own progress,
never after a guessed sleep."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

_CODE = (
    "import sys; from pathlib import Path; from indexer import index_archive; "
    "index_archive([Path(sys.argv[1])], Path(sys.argv[2]), workers=int(sys.argv[3]), "
    "progress=lambda done, total, source: print(done, flush=True))"
)


class KilledBuild:
    """Starts ``index_archive(archive, index_dir, workers=...)``; ``kill_after(n)``
    waits for the n-th file decided, calls ``before_kill`` and kills it."""

    def __init__(self, archive: Path, index_dir: Path, workers: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _CODE, str(archive), str(index_dir), str(workers)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def kill_after(self, decided: int) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if int(line) >= decided:
                break
        else:
            raise AssertionError("the build finished before it could be killed")

    def kill(self) -> int:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return self.process.returncode
