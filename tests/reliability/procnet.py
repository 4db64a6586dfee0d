"""Which process holds which TCP socket of a port, from Linux's /proc (no diagnostics
in the server): the listening sockets and the connections each worker accepted."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from pathlib import Path

LISTEN, ESTABLISHED = "0A", "01"  # /proc/net/tcp's state codes


def available() -> bool:
    return Path("/proc/net/tcp").exists()


def socket_inodes(port: int, state: str, peer_port: int | None = None) -> set[str]:
    """Sockets whose local port is `port` (the server's side, not a client's), and whose
    remote port is `peer_port` when given (one client's connection)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, remote = (int(end.rsplit(":", 1)[1], 16) for end in fields[1:3])
                if local == port and fields[3] == state and peer_port in (None, remote):
                    inodes.add(fields[9])
    return inodes


def holders(port: int, state: str, peer_port: int | None = None) -> Counter[int]:
    """Process id -> how many of the port's sockets in `state` it holds open."""
    inodes = socket_inodes(port, state, peer_port)
    held: Counter[int] = Counter()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes:
                    held[int(proc.name)] += 1
    return held


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
