"""Producer state on disk: the seen-set and per-feed conditional-GET validators.

Both live in one SQLite file (``data_dir/seen.sqlite3`` by default) so that a restarted
poller neither re-emits old items nor re-downloads unchanged feeds. Each store
keeps one connection guarded by a lock, so it can be shared between threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from strikewatch.records import utcnow

#: File name of the producer state database inside ``data_dir``.
STATE_FILE = "seen.sqlite3"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class _Store:
    def __init__(self, path: Path):
        """Open (or create) the SQLite file at ``path``, e.g. ``data_dir / STATE_FILE``."""
        self.path = Path(path)
        self._conn = _connect(self.path)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SeenStore(_Store):
    """Keys of feed items already emitted, with when they were first and last seen."""

    def __init__(self, path: Path):
        super().__init__(path)
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS seen ("
                " key TEXT PRIMARY KEY, first_seen REAL NOT NULL, last_seen REAL NOT NULL)"
            )
            self._conn.execute("CREATE INDEX IF NOT EXISTS seen_last ON seen (last_seen)")

    def add_new(self, keys: Iterable[str], now: datetime | None = None) -> set[str]:
        """Record ``keys``; return those that had not been seen before."""
        return self.add_items([list(keys)], now)[0]

    def add_items(
        self, items: Sequence[Collection[str]], now: datetime | None = None
    ) -> list[set[str]]:
        """For each item (a group of keys), record its keys and return the new ones.

        One transaction for the whole batch: concurrent callers see either all
        or none of it, so one item reached from two feeds is new for one only.
        """
        stamp = (now or utcnow()).timestamp()
        result: list[set[str]] = []
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                for keys in items:
                    new: set[str] = set()
                    for key in dict.fromkeys(keys):
                        seen = self._conn.execute(
                            "SELECT 1 FROM seen WHERE key = ?", (key,)
                        ).fetchone()
                        if seen:
                            # last_seen keeps items still listed in a feed from expiring.
                            self._conn.execute(
                                "UPDATE seen SET last_seen = ? WHERE key = ?", (stamp, key)
                            )
                        else:
                            self._conn.execute(
                                "INSERT INTO seen (key, first_seen, last_seen) VALUES (?, ?, ?)",
                                (key, stamp, stamp),
                            )
                            new.add(key)
                    result.append(new)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        return result

    def expire(self, older_than: datetime) -> int:
        """Forget keys not seen since ``older_than``; return how many were dropped."""
        with self._lock:
            cursor = self._conn.execute(
                "DELETE FROM seen WHERE last_seen < ?", (older_than.timestamp(),)
            )
            return cursor.rowcount

    def __len__(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM seen").fetchone()[0]

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return (
                self._conn.execute("SELECT 1 FROM seen WHERE key = ?", (key,)).fetchone()
                is not None
            )


class FeedState(_Store):
    """Per-feed ETag and Last-Modified, for conditional GET across restarts."""

    def __init__(self, path: Path):
        super().__init__(path)
        with self._lock:
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS feed_state ("
                " url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, updated REAL NOT NULL)"
            )

    def get(self, url: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) stored for the feed, or (None, None)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT etag, last_modified FROM feed_state WHERE url = ?", (url,)
            ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Store the validators of the feed's last successful response."""
        with self._lock:
            self._conn.execute(
                "INSERT INTO feed_state (url, etag, last_modified, updated) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, updated = excluded.updated",
                (url, etag, last_modified, utcnow().timestamp()),
            )

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since headers for the next GET of ``url``."""
        etag, last_modified = self.get(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers
