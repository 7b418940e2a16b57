"""One small database handle for the sink's tables: SQLite (embedded) or PostgreSQL.

The archive and the delivery log write the same SQL to both: ``?`` placeholders
(rewritten to ``%s`` for psycopg), TEXT timestamps in ISO-8601 UTC, JSON as TEXT,
and ``INSERT ... ON CONFLICT`` upserts, which SQLite (3.24+) and PostgreSQL share.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"\?")


class Database:
    """A connection with ``execute``/``query`` and a ``transaction()`` context.

    Calls are serialised with a lock, so one handle can be shared by the threads of
    one process; each service opens its own handle.
    """

    def __init__(self, conn: Any, kind: str, description: str,
                 connect: Callable[[], Any] | None = None):
        self.conn = conn
        self.kind = kind  # "sqlite" | "postgresql"
        self.description = description
        self._connect = connect
        self._lock = threading.RLock()
        self._depth = 0

    def is_fault(self, exc: BaseException) -> bool:
        """True when ``exc`` is the database's trouble (down, restarted, locked, disk full),
        not the data's: the write may succeed if tried again."""
        if isinstance(exc, sqlite3.OperationalError):
            return True
        if self.kind == "postgresql":
            import psycopg

            return isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError)
        return False

    def reconnect(self) -> None:
        """Open a new connection in place of the old one (after a fault)."""
        if self._connect is None:
            return
        with self._lock:
            with contextlib.suppress(Exception):
                self.conn.close()
            self.conn = self._connect()
            self._depth = 0

    def _sql(self, sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql) if self.kind == "postgresql" else sql

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """Everything inside commits together, or not at all."""
        with self._lock:
            self._depth += 1
            try:
                yield self
            except BaseException:
                if self._depth == 1:
                    self.conn.rollback()
                raise
            else:
                if self._depth == 1:
                    self.conn.commit()
            finally:
                self._depth -= 1

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (committed at once outside a transaction); return the row count."""
        with self._lock:
            cur = self.conn.cursor()
            try:
                cur.execute(self._sql(sql), tuple(params))
                count = cur.rowcount
            finally:
                cur.close()
            if self._depth == 0:
                self.conn.commit()
            return count

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.conn.cursor()
            try:
                cur.execute(self._sql(sql), tuple(params))
                names = [d[0] for d in cur.description or ()]
                rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
            finally:
                cur.close()
            if self._depth == 0:
                self.conn.commit()  # ends PostgreSQL's implicit read transaction
            return rows

    def script(self, statements: str) -> None:
        """Run ``;``-separated DDL (``CREATE ... IF NOT EXISTS``) in one transaction."""
        with self.transaction():
            for statement in statements.split(";"):
                if statement.strip():
                    self.execute(statement)

    def close(self) -> None:
        with self._lock:
            self.conn.close()


def open_database(database_url: str, data_dir: Path, sqlite_name: str = "sink.sqlite3") -> Database:
    """PostgreSQL when ``database_url`` is set (``postgresql://...``), else SQLite in ``data_dir``."""
    if database_url:
        if not database_url.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "STRIKEWATCH_DATABASE_URL must be a postgresql:// URL (leave it empty for SQLite)"
            )
        import psycopg

        def connect():
            try:
                return psycopg.connect(database_url, connect_timeout=10)
            except psycopg.Error as exc:
                # psycopg quotes the connection string in some errors: never the password.
                message = _without_password(str(exc), database_url)
                if isinstance(exc, psycopg.ProgrammingError):  # a malformed URL
                    raise ValueError(f"STRIKEWATCH_DATABASE_URL: {message}") from None
                raise type(exc)(message) from None

        conn = connect()
        info = conn.info
        return Database(conn, "postgresql", f"postgresql://{info.host}:{info.port}/{info.dbname}",
                        connect)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / sqlite_name
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level="DEFERRED")
    conn.execute("PRAGMA journal_mode=WAL")
    # Every committed "sent" must survive a power cut, or a restart sends it again.
    conn.execute("PRAGMA synchronous=FULL")
    return Database(conn, "sqlite", str(path))


def _without_password(text: str, database_url: str) -> str:
    """``text`` with the URL's password (raw and percent-decoded) replaced by ``***``."""
    from urllib.parse import unquote, urlsplit

    secrets = set()
    try:
        password = urlsplit(database_url).password
    except ValueError:
        password = None
    if password is None:  # unparseable: take everything between the first ':' and the last '@'
        userinfo = database_url.partition("://")[2].rpartition("@")[0]
        password = userinfo.partition(":")[2] or None
    if password:
        secrets |= {password, unquote(password)}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
