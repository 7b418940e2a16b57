"""Fixtures of the sink tests: a throwaway PostgreSQL cluster, databases, metrics, an SMTP sink.

``postgres_url`` starts one PostgreSQL 15 cluster per session with initdb/pg_ctl (as
the ``postgres`` user when we are root, see shared KAFKA-LOCAL.md). Without the
binaries the PostgreSQL tests skip with the reason, except when CI is set: .ci/run
installs them, so there a skip is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from strikewatch.sinks.db import Database, open_database


def _pg_bin() -> Path:
    """STRIKEWATCH_PG_BIN, else PostgreSQL 15's Debian folder, else the newest installed."""
    if os.environ.get("STRIKEWATCH_PG_BIN"):
        return Path(os.environ["STRIKEWATCH_PG_BIN"])
    preferred = Path("/usr/lib/postgresql/15/bin")
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return preferred if (preferred / "initdb").exists() or not found else found[-1].parent


PG_BIN = _pg_bin()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """``postgresql://`` URL of a fresh cluster (or STRIKEWATCH_TEST_DATABASE_URL if set)."""
    external = os.environ.get("STRIKEWATCH_TEST_DATABASE_URL")
    if external:
        yield external
        return
    initdb = PG_BIN / "initdb"
    if not initdb.exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        reason = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    base = Path(tempfile.mkdtemp(prefix="strikewatch-pg-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    port = _free_port()
    data, logfile = base / "data", base / "log"
    started = time.monotonic()
    try:
        subprocess.run(_as_owner([str(initdb), "-D", str(data), "-A", "trust", "-U", "strikewatch",
                                  "--no-sync"]),
                       check=True, capture_output=True, cwd="/tmp", timeout=120)
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(logfile), "-w",
                                  "-t", "60", "-o",
                                  f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
                                  "start"]),
                       check=True, capture_output=True, cwd="/tmp", timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        log = logfile.read_text()[-3000:] if logfile.exists() else ""
        out = getattr(exc, "stderr", b"") or b""
        pytest.fail(f"PostgreSQL did not start: {exc}\n{out.decode(errors='replace')}\n{log}")
    print(f"postgresql started port={port} in {time.monotonic() - started:.1f}s")
    try:
        yield f"postgresql://strikewatch@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, cwd="/tmp", timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_db_url(postgres_url: str) -> Iterator[str]:
    """A database of its own for one test, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def open_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    """Opens the same test database on every call (a restart); SQLite file or PostgreSQL."""
    url = request.getfixturevalue("postgres_db_url") if request.param == "postgresql" else ""
    opened: list[Database] = []

    def open_() -> Database:
        database = open_database(url, tmp_path / "data")
        opened.append(database)
        return database

    yield open_
    for database in opened:
        database.close()


@pytest.fixture
def db(open_db) -> Database:
    """The same tests on the embedded SQLite file and on PostgreSQL."""
    return open_db()
