"""The dedup store in one SQLite file (the one-process runner)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


class SqliteStore:
    """The store in one SQLite file, for the one-process runner: known events survive restarts.

    Bucket rows and indexes are cached decoded (the runner is the only writer); full
    events are read from the file when a candidate joins one.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS dedup_buckets (bucket TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        self._cache: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key in self._cache:
            return self._cache[key]
        row = self.db.execute("SELECT value FROM dedup_buckets WHERE bucket = ?", (key,)).fetchone()
        value = json.loads(row[0]) if row else None
        if "|" in key:  # not a full event
            self._cache[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        if "|" in key:
            self._cache[key] = value
        self.db.execute(
            "INSERT INTO dedup_buckets (bucket, value) VALUES (?, ?) "
            "ON CONFLICT(bucket) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, separators=(",", ":"))),
        )

    def delete(self, key: str) -> None:
        self._cache.pop(key, None)
        self.db.execute("DELETE FROM dedup_buckets WHERE bucket = ?", (key,))

    def close(self) -> None:
        self.db.close()
