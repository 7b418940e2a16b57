"""A throwaway PostgreSQL cluster for benchmarks (the same recipe as the test suite's fixture).

``throwaway_postgres()`` yields a ``postgresql://`` URL of a fresh cluster on a free
loopback port, or "" when the server binaries are not installed; the cluster and its
folder are removed afterwards. PostgreSQL refuses to run as root, so as root it runs
as the ``postgres`` user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def pg_bin() -> Path | None:
    """STRIKEWATCH_PG_BIN, else the newest /usr/lib/postgresql/N/bin with initdb."""
    if os.environ.get("STRIKEWATCH_PG_BIN"):
        return Path(os.environ["STRIKEWATCH_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else None


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    bin_dir = pg_bin()
    root = os.geteuid() == 0
    if bin_dir is None or not (bin_dir / "initdb").exists() or (root and not shutil.which("runuser")):
        yield ""
        return
    owner = (lambda args: ["runuser", "-u", "postgres", "--", *args]) if root else (lambda args: args)
    base = Path(tempfile.mkdtemp(prefix="strikewatch-pg-"))
    base.chmod(0o755)
    if root:
        shutil.chown(base, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = base / "data"
    try:
        subprocess.run(owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "strikewatch",
                              "--no-sync"]), check=True, capture_output=True, cwd="/tmp", timeout=120)
        # fsync stays on: the figures are for a database that keeps what it commits.
        subprocess.run(owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w",
                              "-t", "60", "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1",
                              "start"]), check=True, capture_output=True, cwd="/tmp", timeout=90)
        yield f"postgresql://strikewatch@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, cwd="/tmp", timeout=60)
        shutil.rmtree(base, ignore_errors=True)
